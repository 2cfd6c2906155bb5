// One way for every page to stay live: STOMP over WebSocket (STOMP.js from its WebJar) with
// heart-beats both ways, reconnecting by itself. On every (re)connect it subscribes again and
// calls refresh(), so a page fetches its whole state and misses nothing that was pushed while it
// was away. A status element (data-live / data-offline words from the bundles) shows which.
//
//   MilepostLive.follow({ destinations: ["/topic/track/abc"], onMessage: fn(body, destination),
//                         refresh: fn(), status: element })
(function () {
  "use strict";

  function showState(status, state) {
    if (!status) { return; }
    status.setAttribute("data-state", state);
    status.textContent = status.getAttribute(state === "live" ? "data-live" : "data-offline");
  }

  function follow(options) {
    var client = new StompJs.Client({
      brokerURL: (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws",
      heartbeatIncoming: options.heartbeat || 10000,
      heartbeatOutgoing: options.heartbeat || 10000,
      reconnectDelay: options.reconnectDelay || 2000,
      onConnect: function () {
        options.destinations.forEach(function (destination) {
          client.subscribe(destination, function (message) {
            options.onMessage(message.body, destination);
          });
        });
        showState(options.status, "live");
        // After the subscriptions: whatever happened while away is in the fetched state, and
        // anything newer arrives as a push.
        if (options.refresh) { options.refresh(); }
      },
      onWebSocketClose: function () { showState(options.status, "offline"); },
      onStompError: function () { showState(options.status, "offline"); }
    });
    window.addEventListener("online", function () {
      if (!client.connected) { client.deactivate().then(function () { client.activate(); }); }
    });
    showState(options.status, "offline");
    client.activate();
    return client;
  }

  window.MilepostLive = { follow: follow };
})();
