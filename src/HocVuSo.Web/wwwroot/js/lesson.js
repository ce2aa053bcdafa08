// Lesson page enhancements: read aloud with the device's speech synthesis, and keeping opened
// lessons for reading with no network (service worker). The lesson reads fine without them.
(function () {
  "use strict";
  var box = document.querySelector(".read-aloud");
  var button = document.getElementById("read-aloud");
  var message = document.getElementById("read-aloud-message");
  var body = document.getElementById("lesson-body");

  if (box && button && body) {
    box.hidden = false;
    var speaking = false;
    var synth = window.speechSynthesis;
    var tell = function (kind) { message.textContent = kind ? message.getAttribute(kind) : ""; };
    // Some browsers load their voices in the background: asking now has them ready by the first tap.
    if (synth) { synth.getVoices(); }
    button.addEventListener("click", function () {
      if (!synth || typeof window.SpeechSynthesisUtterance !== "function") {
        tell("data-unsupported");
        return;
      }
      if (speaking) {
        synth.cancel();
        return;
      }
      var lang = button.getAttribute("data-lang");
      var voices = synth.getVoices();
      var voice = voices.filter(function (v) { return v.lang && v.lang.toLowerCase().indexOf(lang.slice(0, 2)) === 0; })[0];
      // With no voice at all the phone usually stays silent without any event: say so at once,
      // and take the message back if speech starts after all.
      tell(voices.length === 0 ? "data-unsupported" : voice ? null : "data-novoice");
      var utterance = new SpeechSynthesisUtterance(body.innerText);
      utterance.lang = lang;
      utterance.rate = 0.9;
      if (voice) { utterance.voice = voice; }
      utterance.onstart = function () {
        speaking = true;
        button.textContent = button.getAttribute("data-stop");
        if (voices.length === 0) { tell(null); }
      };
      utterance.onend = function () { speaking = false; button.textContent = button.getAttribute("data-start"); };
      utterance.onerror = function (event) {
        speaking = false;
        button.textContent = button.getAttribute("data-start");
        if (event.error !== "interrupted" && event.error !== "canceled") { tell("data-unsupported"); }
      };
      // A queue left stuck by an earlier failure would hold this utterance back for ever.
      if (synth.speaking || synth.pending) { synth.cancel(); }
      synth.speak(utterance);
    });
  }

  // The service worker keeps every lesson fetched through it (sw.js). On a first visit this page
  // and its styles, scripts and fonts arrived before the worker was in control, so they are put in
  // its cache here; only then does the page say that it can be read with no network.
  var status = document.getElementById("offline-status");
  if ("serviceWorker" in navigator && "caches" in window && status) {
    var keep = /^\/(css|js|lib)\/|^\/learn\/media\//;
    // Styles, scripts and fonts were just downloaded: "force-cache" takes them from the browser's
    // cache without asking the network again. The page itself is fetched anew.
    var save = function (cache, key, url, mode) {
      return cache.match(key).then(function (saved) {
        return saved || fetch(url, { credentials: "same-origin", cache: mode }).then(function (response) {
          if (!response.ok) { throw new Error(key + ": HTTP " + response.status); }
          return cache.put(key, response);
        });
      });
    };
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).then(function () {
      return Promise.all([navigator.serviceWorker.ready, document.fonts ? document.fonts.ready : null]);
    }).then(function () {
      return caches.open("hocvuso-lessons-v1");
    }).then(function (cache) {
      var assets = performance.getEntriesByType("resource")
        .map(function (entry) { return new URL(entry.name); })
        .filter(function (url) { return url.origin === location.origin && keep.test(url.pathname); })
        .map(function (url) { return save(cache, url.pathname, url.pathname, "force-cache").catch(function () { /* readable without it */ }); });
      return Promise.all([save(cache, location.pathname, location.pathname + location.search, "default")].concat(assets));
    }).then(function () {
      status.textContent = status.getAttribute("data-saved");
      status.hidden = false;
    }).catch(function () { /* offline reading is an extra */ });
  }
})();
