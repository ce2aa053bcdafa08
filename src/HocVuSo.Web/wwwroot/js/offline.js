// Marks, in the catalogue, the lessons this device can read with no network.
(function () {
  "use strict";
  if (!("caches" in window)) { return; }
  caches.open("hocvuso-lessons-v1").then(function (cache) {
    return cache.keys();
  }).then(function (requests) {
    var saved = {};
    requests.forEach(function (r) {
      var match = new URL(r.url).pathname.match(/^\/learn\/lessons\/(\d+)$/);
      if (match) { saved[match[1]] = true; }
    });
    document.querySelectorAll(".offline-mark").forEach(function (mark) {
      if (saved[mark.getAttribute("data-lesson")]) { mark.hidden = false; }
    });
  }).catch(function () { /* nothing saved */ });
})();
