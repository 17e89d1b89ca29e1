// U-STUDY hall dashboard: keeps a hall's page current from the center's live stream
// (server-sent events). The page works without it, reloading itself every 15 s.
"use strict";
(function () {
  var live = document.getElementById("live");
  if (!live || !window.EventSource) return;
  var source = new EventSource(live.getAttribute("data-live") + window.location.search);
  source.addEventListener("hall", function (e) {
    live.innerHTML = JSON.parse(e.data);
    live.removeAttribute("data-stale");
  });
  // The browser reconnects by itself; until then the page says it is not current.
  source.onerror = function () { live.setAttribute("data-stale", "true"); };
})();
