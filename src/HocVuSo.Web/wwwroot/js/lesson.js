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
    button.addEventListener("click", function () {
      if (!("speechSynthesis" in window)) {
        message.textContent = message.getAttribute("data-unsupported");
        return;
      }
      if (speaking) {
        window.speechSynthesis.cancel();
        return;
      }
      var lang = button.getAttribute("data-lang");
      var voices = window.speechSynthesis.getVoices();
      var voice = voices.filter(function (v) { return v.lang && v.lang.toLowerCase().indexOf(lang.slice(0, 2)) === 0; })[0];
      if (voices.length > 0 && !voice) {
        message.textContent = message.getAttribute("data-novoice");
      } else {
        message.textContent = "";
      }
      var utterance = new SpeechSynthesisUtterance(body.innerText);
      utterance.lang = lang;
      utterance.rate = 0.9;
      if (voice) { utterance.voice = voice; }
      utterance.onstart = function () { speaking = true; button.textContent = button.getAttribute("data-stop"); };
      utterance.onend = utterance.onerror = function () { speaking = false; button.textContent = button.getAttribute("data-start"); };
      window.speechSynthesis.speak(utterance);
    });
  }

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).then(function () {
      var status = document.getElementById("offline-status");
      if (status) {
        status.textContent = status.getAttribute("data-saved");
        status.hidden = false;
      }
    }).catch(function () { /* offline reading is an extra */ });
  }
})();
