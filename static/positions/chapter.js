// On a narrow screen, the side switch shows one paper at a time. Without this
// script the papers stack, and CSS alone (:target) shows the paper that the switch
// or a point's passage link leads to.
(function () {
  "use strict";
  var links = Array.prototype.slice.call(document.querySelectorAll("[data-side-switch]"));
  if (!links.length) return;
  var narrow = window.matchMedia("(max-width: 59.99rem)");
  // The script chooses the paper from here on: the :target rules would keep showing
  // the paper of the last fragment followed, as history.replaceState leaves :target.
  document.querySelector(".papers").setAttribute("data-switch", "script");

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

  // The element of a paper that a fragment names (a passage, a footnote), with the
  // paper column holding it; null for anything outside the papers.
  function inPaper(hash) {
    var target = hash ? document.getElementById(decodeURIComponent(hash.slice(1))) : null;
    var column = target && target.closest(".paper-column");
    return column ? { target: target, column: column } : null;
  }

  function fromHash() {
    // A link to a passage (#nids-p3) selects the paper that holds it.
    var found = inPaper(location.hash);
    return found ? found.column.id : links[0].getAttribute("data-side-switch");
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

  // A link into a paper, such as a point's "In the Russia paper" while the Japan paper
  // shows: show that paper before the browser follows the link, so that it can scroll
  // to the passage, which it cannot inside a hidden paper. Focus moves there too, so
  // that the keyboard and a screen reader go on from the passage, not from the link.
  document.addEventListener("click", function (event) {
    // A click that opens a new tab or window leaves this page as it is.
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    var link = event.target.closest("a[href^='#']");
    if (!link || link.hasAttribute("data-side-switch")) return;
    var found = inPaper(link.hash);
    if (!found || found.target === found.column) return;
    show(found.column.id);
    if (!found.target.hasAttribute("tabindex")) found.target.setAttribute("tabindex", "-1");
    found.target.focus({ preventScroll: true });
  });

  window.addEventListener("hashchange", function () { show(fromHash()); });
  narrow.addEventListener("change", function () { show(fromHash()); });
  show(fromHash());
})();
