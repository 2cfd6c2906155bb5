// A minimal STOMP 1.2 client over a plain WebSocket: CONNECT, SUBSCRIBE, MESSAGE, ERROR.
// Enough for read-only live pages; reconnects with backoff when the connection drops.
(function (global) {
  "use strict";

  function frame(command, headers, body) {
    var lines = [command];
    Object.keys(headers).forEach(function (name) { lines.push(name + ":" + headers[name]); });
    return lines.join("\n") + "\n\n" + (body || "") + "\0";
  }

  function parse(data) {
    var end = data.indexOf("\n\n");
    var head = data.substring(0, end).split("\n");
    var headers = {};
    head.slice(1).forEach(function (line) {
      var colon = line.indexOf(":");
      if (colon > 0 && !(line.substring(0, colon) in headers)) {
        headers[line.substring(0, colon)] = line.substring(colon + 1);
      }
    });
    return { command: head[0], headers: headers, body: data.substring(end + 2).replace(/\0[\s\S]*$/, "") };
  }

  // options: { url, destination, onMessage(body), onState(state, detail) }
  function subscribe(options) {
    var delay = 1000;
    var stopped = false;
    function open() {
      var socket = new WebSocket(options.url);
      socket.onopen = function () {
        socket.send(frame("CONNECT", { "accept-version": "1.2", host: location.host, "heart-beat": "0,0" }));
      };
      socket.onmessage = function (event) {
        if (event.data === "\n") { return; } // heart-beat
        var received = parse(event.data);
        if (received.command === "CONNECTED") {
          delay = 1000;
          socket.send(frame("SUBSCRIBE", { id: "sub-0", destination: options.destination }));
          options.onState("live");
        } else if (received.command === "MESSAGE") {
          options.onMessage(received.body);
        } else if (received.command === "ERROR") {
          stopped = true; // refused: retrying would be refused again
          options.onState("refused", received.headers.message);
        }
      };
      socket.onclose = function () {
        if (stopped) { return; }
        options.onState("reconnecting");
        setTimeout(open, delay);
        delay = Math.min(delay * 2, 30000);
      };
    }
    open();
  }

  global.StompLite = { subscribe: subscribe };
})(window);
