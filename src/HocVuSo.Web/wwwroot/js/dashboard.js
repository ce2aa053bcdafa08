// Progressive enhancement of the dashboards: draws a chart (chart.js, served locally) from each
// table marked data-chart, lets sortable tables sort by a column, and shows the print button.
// Without JavaScript the tables and links do all of this already.
(function () {
    'use strict';

    function number(cell) {
        if (!cell) { return null; }
        var raw = cell.getAttribute('data-value');
        if (raw === null || raw === '') { return null; }
        var n = Number(raw);
        return isNaN(n) ? null : n;
    }

    function drawChart(table) {
        if (typeof window.Chart !== 'function') { return; }
        var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
        var rows = Array.prototype.slice.call(table.tBodies[0].rows);
        var labelColumn = table.getAttribute('data-chart') === 'bar' ? 1 : 0;
        var labels = rows.map(function (r) { return r.cells[labelColumn].textContent.trim(); });
        var colours = ['#1f5fbf', '#b36b00', '#1e7b34'];
        var datasets = [];
        headers.forEach(function (th, index) {
            if (!th.hasAttribute('data-series')) { return; }
            var values = rows.map(function (r) { return number(r.cells[index]); });
            if (values.every(function (v) { return v === null; })) { return; }
            datasets.push({ label: th.textContent.trim(), data: values, borderColor: colours[datasets.length % 3], backgroundColor: colours[datasets.length % 3], spanGaps: true });
        });
        if (datasets.length === 0) { return; }
        var canvas = document.createElement('canvas');
        canvas.setAttribute('role', 'img');
        canvas.setAttribute('aria-label', table.getAttribute('data-chart-label') || '');
        // chart.js sizes a responsive chart to its container: the container needs a height of its
        // own (dashboard.css), else each resize grows the container and the chart with it, for ever.
        var box = document.createElement('div');
        box.className = 'chart-box';
        box.appendChild(canvas);
        var holder = table.closest('.table-wrap') || table;
        holder.parentNode.insertBefore(box, holder);
        // The chart repeats the table; the table stays for screen readers, keyboard users and print.
        new window.Chart(canvas, {
            type: table.getAttribute('data-chart') === 'bar' ? 'bar' : 'line',
            data: { labels: labels, datasets: datasets },
            options: { responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { position: 'bottom' } } }
        });
    }

    function makeSortable(table) {
        var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
        headers.forEach(function (th, index) {
            var kind = th.getAttribute('data-sort');
            if (!kind) { return; }
            var button = document.createElement('button');
            button.type = 'button';
            button.textContent = th.textContent;
            th.textContent = '';
            th.appendChild(button);
            button.addEventListener('click', function () {
                var ascending = th.getAttribute('aria-sort') !== 'ascending';
                headers.forEach(function (h) { h.removeAttribute('aria-sort'); });
                th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
                var body = table.tBodies[0];
                var rows = Array.prototype.slice.call(body.rows);
                rows.sort(function (a, b) {
                    var x, y;
                    if (kind === 'number') {
                        x = number(a.cells[index]); y = number(b.cells[index]);
                        if (x === null && y === null) { return 0; }
                        if (x === null) { return 1; }
                        if (y === null) { return -1; }
                        return ascending ? x - y : y - x;
                    }
                    x = a.cells[index].getAttribute('data-value') || a.cells[index].textContent;
                    y = b.cells[index].getAttribute('data-value') || b.cells[index].textContent;
                    return ascending ? x.localeCompare(y, 'vi') : y.localeCompare(x, 'vi');
                });
                rows.forEach(function (r) { body.appendChild(r); });
            });
        });
    }

    function start() {
        document.querySelectorAll('table[data-chart]').forEach(drawChart);
        document.querySelectorAll('table[data-sortable]').forEach(makeSortable);
        document.querySelectorAll('[data-print]').forEach(function (b) {
            b.hidden = false;
            b.addEventListener('click', function () { window.print(); });
        });
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', start);
    } else {
        start();
    }
})();
