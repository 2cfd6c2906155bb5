/*
 * The console's CX charts: fetches the series from the section's data-src and draws one Chart.js
 * line or bar chart per canvas. Every word comes from the section's data-label-* attributes.
 */
(function () {
  'use strict';
  var section = document.querySelector('.charts[data-src]');
  if (!section || typeof Chart === 'undefined') {
    return;
  }
  var COLOURS = { blue: '#1a56bf', green: '#1b7a43', red: '#b3261e', amber: '#8a5a00', ink: '#1d2430' };

  function dataset(label, values, colour, dashed) {
    return {
      label: label,
      data: values,
      borderColor: colour,
      backgroundColor: colour,
      borderDash: dashed ? [6, 4] : [],
      spanGaps: true,
      tension: 0.2,
      pointRadius: 2
    };
  }

  function draw(id, type, labels, datasets, max) {
    var canvas = document.getElementById(id);
    if (!canvas) {
      return;
    }
    var scales = {
      x: { ticks: { maxRotation: 0, autoSkip: true, maxTicksLimit: 6 } },
      y: { beginAtZero: true, ticks: { precision: 0 } }
    };
    if (max) {
      scales.y.max = max;
    }
    new Chart(canvas, {
      type: type,
      data: { labels: labels, datasets: datasets },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: scales,
        plugins: { legend: { display: datasets.length > 1 } }
      }
    });
    canvas.setAttribute('data-drawn', 'true');
    var anything = datasets.some(function (set) {
      return set.data.some(function (v) { return v !== null; });
    });
    if (!anything) {
      var note = document.createElement('p');
      note.className = 'muted';
      note.textContent = section.dataset.empty;
      canvas.parentNode.parentNode.appendChild(note);
    }
  }

  fetch(section.getAttribute('data-src'), { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
    .then(function (response) {
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }
      return response.json();
    })
    .then(function (data) {
      var d = section.dataset;
      var s = data.series;
      if (data.labels.length === 0) {
        var empty = document.createElement('p');
        empty.className = 'notice';
        empty.textContent = d.empty;
        section.insertBefore(empty, section.firstChild.nextSibling);
      }
      draw('chart-first-update', 'line', data.labels, [
        dataset(d.labelFirstUpdate, s.firstUpdateMinutes, COLOURS.blue),
        dataset(d.labelFirstUpdateMax, s.firstUpdateMaxMinutes, COLOURS.ink, true)
      ]);
      draw('chart-silence', 'line', data.labels, [dataset(d.labelSilence, s.longestSilenceMinutes, COLOURS.amber)]);
      draw('chart-promises', 'bar', data.labels, [
        dataset(d.labelKept, s.promisesKept, COLOURS.green),
        dataset(d.labelBroken, s.promisesBroken, COLOURS.red)
      ]);
      draw('chart-overruns', 'bar', data.labels, [dataset(d.labelOverruns, s.overruns, COLOURS.amber)]);
      draw('chart-delivered', 'line', data.labels, [dataset(d.labelDelivered, s.deliveredPercent, COLOURS.green)], 100);
      draw('chart-dead-letters', 'bar', data.labels, [dataset(d.labelDeadLetters, s.deadLetters, COLOURS.red)]);
      section.setAttribute('data-loaded', 'true');
    })
    .catch(function () {
      section.setAttribute('data-loaded', 'failed');
    });
})();
