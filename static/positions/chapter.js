// On a narrow screen, the side switch shows one paper at a time. Without this
// script the papers stack and the switch links jump to each paper.
(function () {
  "use strict";
  var links = Array.prototype.slice.call(document.querySelectorAll("[data-side-switch]"));
  if (!links.length) return;
  var narrow = window.matchMedia("(max-width: 59.99rem)");

  function columnFor(link) {
    return document.getElementById(link.getAttribute("data-side-switch"));
  }

  function show(anchor) {
    links.forEach(function (link) {
      var selected = link.getAttribute("data-side-switch") === anchor;
      link.setAttribute("aria-current", selected ? "true" : "false");
      columnFor(link).setAttribute("data-hidden", narrow.matches && !selected ? "true" : "false");
    });
  }

  function fromHash() {
    // A link to a passage (#nids-p3) selects the paper that holds it.
    var target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    var column = target && target.closest(".paper-column");
    return column ? column.id : links[0].getAttribute("data-side-switch");
  }

  links.forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (!narrow.matches) return;
      event.preventDefault();
      var anchor = link.getAttribute("data-side-switch");
      show(anchor);
      history.replaceState(null, "", "#" + anchor);
      columnFor(link).scrollIntoView({ block: "start" });
    });
  });
  window.addEventListener("hashchange", function () { show(fromHash()); });
  narrow.addEventListener("change", function () { show(fromHash()); });
  show(fromHash());
})();
