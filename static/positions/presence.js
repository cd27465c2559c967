// Tell the server, every few seconds, that this editor still has the paper or point
// open, and show who else has (the region marked data-presence-url). Leaving the page
// other than by saving says so at once. Without this script only opening the page
// counts, and the notice is as it was when the page was opened.
(function () {
  "use strict";
  var region = document.querySelector("[data-presence-url]");
  var token = document.querySelector("input[name=csrfmiddlewaretoken]");
  if (!region || !token) return;
  var url = region.getAttribute("data-presence-url");
  var seconds = Number(region.getAttribute("data-presence-seconds")) || 30;
  var saving = false;

  function body() {
    var data = new FormData();
    data.append("csrfmiddlewaretoken", token.value);
    return data;
  }

  function show(notices) {
    var paragraphs = notices.map(function (text) {
      var paragraph = document.createElement("p");
      paragraph.className = "presence__notice";
      paragraph.textContent = text;
      return paragraph;
    });
    region.replaceChildren.apply(region, paragraphs);
  }

  function beat() {
    fetch(url, {
      method: "POST",
      body: body(),
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        if (data) show(data.notices || []);
      })
      .catch(function () {});
  }

  setInterval(beat, seconds * 1000);
  // Saving removes the mark on the server, and a refused save puts it back.
  document.addEventListener("submit", function () { saving = true; });
  window.addEventListener("pagehide", function () {
    if (!saving && navigator.sendBeacon) navigator.sendBeacon(url + "leave/", body());
  });
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      saving = false;
      beat();
    }
  });
})();
