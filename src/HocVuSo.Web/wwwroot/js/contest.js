// The time left of a contest entry, counted down from the seconds the server gave when the page was
// made: the phone's own clock (which may be wrong) is never read for the deadline, only for elapsed time.
(function () {
    var timer = document.getElementById('timer');
    var shown = document.getElementById('time-left');
    if (!timer || !shown) {
        return;
    }
    var left = parseInt(timer.getAttribute('data-seconds-left'), 10) || 0;
    var started = performance.now();
    function tick() {
        var remaining = Math.max(0, left - Math.floor((performance.now() - started) / 1000));
        var minutes = Math.floor(remaining / 60);
        var seconds = remaining % 60;
        shown.textContent = minutes + ':' + (seconds < 10 ? '0' : '') + seconds;
        timer.classList.toggle('ending', remaining <= 60);
        if (remaining > 0) {
            setTimeout(tick, 1000 - ((performance.now() - started) % 1000));
        }
    }
    tick();
})();
