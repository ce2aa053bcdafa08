// "Hỏi trợ lý" enhancement: a "nghe" button reads an answer aloud with the device's speech
// synthesis, as lessons do (js/lesson.js). The page works without it.
(function () {
  "use strict";
  var synth = window.speechSynthesis;
  if (!synth || typeof window.SpeechSynthesisUtterance !== "function") { return; }
  synth.getVoices();
  document.querySelectorAll(".assistant-listen").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var target = document.getElementById(button.getAttribute("data-target"));
      if (!target) { return; }
      if (synth.speaking || synth.pending) { synth.cancel(); }
      var lang = button.getAttribute("data-lang");
      var utterance = new SpeechSynthesisUtterance(target.innerText);
      utterance.lang = lang;
      utterance.rate = 0.9;
      var voice = synth.getVoices().filter(function (v) { return v.lang && v.lang.toLowerCase().indexOf(lang.slice(0, 2)) === 0; })[0];
      if (voice) { utterance.voice = voice; }
      synth.speak(utterance);
    });
  });
})();
