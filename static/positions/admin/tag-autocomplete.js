// Complete the last tag of a comma-separated tags input from the existing tag names.
//
// Each input marked with data-tag-names-url gets its own <datalist>. Its options are
// the whole input value with the term after the last comma completed, so that the
// browser's own suggestion list can offer them. Rows added with "Add another" are
// prepared on Django's formset:added event.
(function () {
  "use strict";
  var SELECTOR = "input[data-tag-names-url]";
  var DELAY_MS = 200;
  var cache = new Map();

  function isTemplate(input) {
    return input.name.indexOf("__prefix__") !== -1;
  }

  function lastTerm(value) {
    var comma = value.lastIndexOf(",");
    return value.slice(comma + 1).replace(/^\s+/, "");
  }

  function quoted(name) {
    // taggit reads a name with a comma only between double quotes.
    return name.indexOf(",") === -1 ? name : '"' + name + '"';
  }

  function fetchNames(url, term) {
    var key = url + "\n" + term.toLowerCase();
    if (!cache.has(key)) {
      var address = url + "?q=" + encodeURIComponent(term);
      var request = fetch(address, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (data) {
          return data.names || [];
        })
        .catch(function () {
          cache.delete(key);
          return [];
        });
      cache.set(key, request);
    }
    return cache.get(key);
  }

  function fill(input, names) {
    var list = document.getElementById(input.getAttribute("list"));
    var value = input.value;
    var term = lastTerm(value);
    var before = value.slice(0, value.length - term.length);
    var chosen = before.split(",").map(function (name) {
      return name.trim().replace(/^"|"$/g, "").toLowerCase();
    });
    list.replaceChildren();
    names.forEach(function (name) {
      if (chosen.indexOf(name.toLowerCase()) !== -1) return;
      var option = document.createElement("option");
      // The trailing comma keeps names with spaces whole and lets the next tag follow.
      option.value = before + quoted(name) + ", ";
      option.label = name;
      list.appendChild(option);
    });
  }

  function suggest(input) {
    var term = lastTerm(input.value).replace(/^"/, "");
    fetchNames(input.dataset.tagNamesUrl, term).then(function (names) {
      if (lastTerm(input.value).replace(/^"/, "") === term) fill(input, names);
    });
  }

  function prepare(input) {
    if (isTemplate(input) || input.hasAttribute("list")) return;
    var list = document.createElement("datalist");
    list.id = (input.id || input.name) + "-tag-names";
    input.insertAdjacentElement("afterend", list);
    input.setAttribute("list", list.id);
    input.setAttribute("autocomplete", "off");
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        suggest(input);
      }, DELAY_MS);
    });
    input.addEventListener("focus", function () {
      suggest(input);
    });
  }

  function prepareAll(root) {
    root.querySelectorAll(SELECTOR).forEach(prepare);
  }

  document.addEventListener("formset:added", function (event) {
    prepareAll(event.target);
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      prepareAll(document);
    });
  } else {
    prepareAll(document);
  }
})();
