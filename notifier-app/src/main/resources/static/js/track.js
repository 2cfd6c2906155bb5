// The tracking page live: every push whose version is newer than what the page shows, and every
// (re)connect (live.js calls refresh), fetches the progress section the server rendered and swaps
// it in. Times and words come already in the customer's zone and language; nothing is formatted
// here. An older answer never replaces a newer one (answers and pushes can cross).
(function () {
  "use strict";
  var main = document.querySelector("main[data-token]");
  if (!main) { return; }
  var progress = document.getElementById("progress");
  var announce = document.getElementById("announce");
  var url = main.getAttribute("data-progress");
  var fetching = false;
  var again = false;

  function shownVersion() {
    var shown = progress.querySelector("[data-version]");
    return shown ? Number(shown.getAttribute("data-version")) : -1;
  }

  function swapIn(html) {
    var holder = document.createElement("div");
    holder.innerHTML = html;
    var fresh = holder.querySelector("[data-version], [data-closed]");
    if (!fresh) { return; }
    var closed = fresh.hasAttribute("data-closed");
    if (!closed && Number(fresh.getAttribute("data-version")) < shownVersion()) { return; }
    var before = progress.querySelector("[data-announce]");
    var said = before ? before.getAttribute("data-announce") : null;
    progress.replaceChildren(fresh);
    var now = fresh.getAttribute("data-announce");
    // Said once, politely, and only when there is news: not on every reconnect.
    if (announce && now && now !== said) { announce.textContent = now; }
  }

  function refresh() {
    if (fetching) { again = true; return; }
    fetching = true;
    fetch(url, { cache: "no-store", credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        return response.ok || response.status === 404 ? response.text() : null;
      })
      .then(function (html) { if (html !== null) { swapIn(html); } })
      .catch(function () { /* offline: the next (re)connect fetches again */ })
      .then(function () {
        fetching = false;
        if (again) { again = false; refresh(); }
      });
  }

  MilepostLive.follow({
    destinations: ["/topic/track/" + main.getAttribute("data-token")],
    onMessage: function (body) {
      var view = JSON.parse(body);
      if (view.version > shownVersion()) { refresh(); }
    },
    refresh: refresh,
    status: document.getElementById("connection")
  });
})();
