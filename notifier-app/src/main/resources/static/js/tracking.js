// Keeps the tracking page live: each push for this job re-fetches the progress section,
// which the server renders (one renderer for the first load and every update).
(function () {
  "use strict";
  var main = document.querySelector("main[data-token]");
  if (!main) { return; }
  var token = main.getAttribute("data-token");
  var version = Number(main.getAttribute("data-version"));
  var progress = document.getElementById("progress");
  var live = document.getElementById("live");
  var texts = {
    live: "Live: this page updates by itself.",
    reconnecting: "Reconnecting…",
    refused: "Live updates are not available for this link."
  };

  function localTimes() {
    progress.querySelectorAll("time[datetime]").forEach(function (element) {
      element.textContent = new Date(element.getAttribute("datetime"))
        .toLocaleString([], { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
    });
  }

  function refresh() {
    fetch("/track/" + encodeURIComponent(token) + "/progress", { cache: "no-store" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html !== null) {
          progress.innerHTML = html;
          localTimes();
        }
      });
  }

  localTimes();
  StompLite.subscribe({
    url: (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws",
    destination: "/topic/track/" + token,
    onMessage: function (body) {
      var view = JSON.parse(body);
      // Pushes may arrive out of order: an older version never replaces a newer one.
      if (view.version > version) {
        version = view.version;
        main.setAttribute("data-version", String(version));
        refresh();
      }
    },
    onState: function (state) {
      live.setAttribute("data-state", state);
      live.textContent = texts[state] || state;
    }
  });
})();
