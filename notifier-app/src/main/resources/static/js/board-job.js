// A job's page: while the dealer types a manual update, the server writes the text as the
// customer would get it and counts its SMS segments (the one counter); the count shows under the
// message. Sending still goes through the form's preview.
(function () {
  "use strict";
  var message = document.getElementById("message");
  var out = document.getElementById("live-segments");
  if (!message || !out) { return; }
  var form = message.form;
  var key = form.querySelector("input[name=key]");
  var token = document.querySelector("meta[name=_csrf]");
  var header = document.querySelector("meta[name=_csrf_header]");
  var due = null;
  var asked = 0;

  function count() {
    var mine = ++asked;
    var headers = { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" };
    if (token && header) { headers[header.getAttribute("content")] = token.getAttribute("content"); }
    fetch(out.getAttribute("data-url"), {
      method: "POST",
      credentials: "same-origin",
      headers: headers,
      body: "message=" + encodeURIComponent(message.value) + "&key=" + encodeURIComponent(key ? key.value : "")
    })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (answer) {
        if (!answer || mine !== asked) { return; } // a later keystroke asked again
        out.textContent = message.value.trim() === "" ? "" : (answer.problem || answer.words);
      })
      .catch(function () { /* the preview button still counts */ });
  }

  message.addEventListener("input", function () {
    if (due) { clearTimeout(due); }
    due = setTimeout(count, 300);
  });
})();
