// Lesson page enhancement: read aloud with the device's speech synthesis (keeping the lesson for
// reading with no network is js/offline.js). The lesson reads fine without it.
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
})();
