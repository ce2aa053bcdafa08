// Enhances the display toolbar: applies text size and contrast at once, without reloading.
// Without JavaScript the same buttons post a form and the server sets the same cookie.
(function () {
  "use strict";
  var sizes = ["sm", "md", "lg", "xl"];
  var cookieName = "hocvuso.display";

  function read() {
    var match = document.cookie.match(/(?:^|; )hocvuso\.display=([^;]*)/);
    var parts = match ? decodeURIComponent(match[1]).split(".") : [];
    var size = sizes.filter(function (s) { return parts.indexOf(s) >= 0; })[0] || "md";
    return { size: size, contrast: parts.indexOf("hc") >= 0 };
  }

  function apply(prefs) {
    var root = document.documentElement;
    sizes.forEach(function (s) { root.classList.remove("text-" + s); });
    root.classList.add("text-" + prefs.size);
    root.classList.toggle("high-contrast", prefs.contrast);
    var pressed = document.querySelector("form[data-display='contrast'] button");
    if (pressed) { pressed.setAttribute("aria-pressed", prefs.contrast ? "true" : "false"); }
    var value = prefs.size + (prefs.contrast ? ".hc" : "");
    document.cookie = cookieName + "=" + value + "; path=/; max-age=31536000; samesite=lax";
    try { localStorage.setItem(cookieName, value); } catch (e) { /* private mode */ }
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var kind = form.getAttribute("data-display");
    if (!kind) { return; }
    event.preventDefault();
    var prefs = read();
    if (kind === "contrast") {
      prefs.contrast = !prefs.contrast;
    } else {
      var step = parseInt((event.submitter && event.submitter.value) || "0", 10);
      prefs.size = step === 0 ? "md" : sizes[Math.max(0, Math.min(sizes.length - 1, sizes.indexOf(prefs.size) + step))];
    }
    apply(prefs);
  });

  // A choice marked data-autosubmit sends its form at once (no inline handlers: the CSP allows none).
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field && field.hasAttribute && field.hasAttribute("data-autosubmit") && field.form) {
      field.form.submit();
    }
  });
})();
