// The board, live: subscribes to each of its locations' board topics (MilepostLive, /js/live.js).
// A push names a job; the page fetches that job's card (GET /board/cards/{jobId}: the same
// fragment the first load rendered) and puts it in its stage's column, in the board's order.
// Board updates older than the card shown are ignored; after every (re)connect the columns are
// fetched again (catch-up), never the whole page.
(function () {
  "use strict";
  var board = document.getElementById("board");
  if (!board) { return; }
  var destinations = (board.getAttribute("data-destinations") || "").split(",").filter(Boolean);
  var location = board.getAttribute("data-location") || "";
  var columnsUrl = board.getAttribute("data-columns");
  var cardsUrl = board.getAttribute("data-cards");
  var summaryUrl = board.getAttribute("data-summary");
  var summaryDue = null;

  function withLocation(url) {
    return url + (location ? "?location=" + encodeURIComponent(location) : "");
  }

  // The summary's words (plural forms) come from the server: fetched once things settle.
  function refreshSummary() {
    if (summaryDue) { clearTimeout(summaryDue); }
    summaryDue = setTimeout(function () {
      summaryDue = null;
      fetch(withLocation(summaryUrl), { credentials: "same-origin", headers: { Accept: "text/html" } })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          var current = document.getElementById("summary");
          if (!html || !current) { return; }
          var template = document.createElement("template");
          template.innerHTML = html.trim();
          var fresh = template.content.getElementById("summary");
          if (fresh) { current.replaceWith(fresh); }
        })
        .catch(function () { /* the next change or (re)connect tries again */ });
    }, 500);
  }

  function cardOf(jobId) {
    return board.querySelector('article.card[data-job-id="' + CSS.escape(jobId) + '"]');
  }

  function recount() {
    board.querySelectorAll(".column").forEach(function (column) {
      var n = column.querySelectorAll("article.card").length;
      var count = column.querySelector("[data-count]");
      if (count) { count.textContent = String(n); }
      var empty = column.querySelector(".empty");
      if (empty) { empty.hidden = n > 0; }
    });
    refreshSummary();
  }

  function place(card) {
    var old = cardOf(card.getAttribute("data-job-id"));
    if (old && Number(old.getAttribute("data-version")) > Number(card.getAttribute("data-version"))) {
      return; // an older fetch answered late
    }
    var column = board.querySelector('.column[data-stage="' + card.getAttribute("data-stage") + '"] [data-cards]');
    if (!column) { refresh(); return; } // a stage or journey this board does not show yet
    if (old) { old.remove(); }
    var key = card.getAttribute("data-sort");
    var before = null;
    column.querySelectorAll("article.card").forEach(function (other) {
      if (!before && other.getAttribute("data-sort") > key) { before = other; }
    });
    column.insertBefore(card, before || column.querySelector(".empty"));
    recount();
  }

  function fetchCard(jobId) {
    fetch(withLocation(cardsUrl + encodeURIComponent(jobId)), { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        if (response.status === 404) {
          var gone = cardOf(jobId);
          if (gone) { gone.remove(); recount(); }
          return null;
        }
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        if (!html) { return; }
        var template = document.createElement("template");
        template.innerHTML = html.trim();
        var card = template.content.querySelector("article.card");
        if (card) { place(card); }
      })
      .catch(function () { /* the next (re)connect fetches everything again */ });
  }

  function refresh() {
    fetch(withLocation(columnsUrl), { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) { return; }
        var template = document.createElement("template");
        template.innerHTML = html.trim();
        var fresh = template.content.getElementById("columns");
        var current = document.getElementById("columns");
        if (fresh && current) { current.replaceWith(fresh); }
      })
      .catch(function () { /* retried on the next (re)connect */ });
  }

  function onMessage(body) {
    var message;
    try { message = JSON.parse(body); } catch (e) { return; }
    if (!message || !message.jobId) { return; }
    if (!message.eventId) {
      // A board update: only a newer version than the card shown changes anything.
      var shown = cardOf(message.jobId);
      if (shown && Number(shown.getAttribute("data-version")) >= Number(message.version)) { return; }
    }
    fetchCard(message.jobId);
  }

  // The location filter shows at once when a location is picked (the button stays for keyboards).
  var select = document.getElementById("location");
  if (select) { select.addEventListener("change", function () { select.form.submit(); }); }

  window.MilepostLive.follow({
    destinations: destinations,
    onMessage: onMessage,
    refresh: refresh,
    status: document.getElementById("live")
  });
})();
