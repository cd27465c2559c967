// The live preview of a paper's Markdown beside its text area. The server renders it
// with the sanitizer readers get (POST to data-preview-url, with the CSRF token) and
// answers the HTML and what was removed. Without this script the "Preview" button
// posts the form and the page comes back with the preview.
(function () {
  "use strict";
  var DELAY_MS = 400;
  var editor = document.querySelector("[data-preview-url]");
  if (!editor) return;
  var source = editor.querySelector("textarea");
  var output = editor.querySelector("[data-preview-output]");
  var problems = editor.querySelector("[data-preview-problems]");
  var token = document.querySelector("input[name=csrfmiddlewaretoken]");
  if (!source || !output || !problems || !token) return;
  var timer = null;
  var sent = 0;
  var shown = 0;
  var lastProblems = null;

  function showProblems(list) {
    var key = JSON.stringify(list);
    if (key === lastProblems) return;
    lastProblems = key;
    var element;
    if (list.length) {
      element = document.createElement("ul");
      list.forEach(function (text) {
        var item = document.createElement("li");
        item.textContent = text;
        element.appendChild(item);
      });
    } else {
      element = document.createElement("p");
      element.textContent = problems.getAttribute("data-none");
    }
    problems.replaceChildren(element);
  }

  function showFailure() {
    var element = document.createElement("p");
    element.textContent = problems.getAttribute("data-failed");
    problems.replaceChildren(element);
    lastProblems = null;
  }

  function update() {
    var number = ++sent;
    var body = new FormData();
    body.append("csrfmiddlewaretoken", token.value);
    body.append("text", source.value);
    body.append("prefix", editor.getAttribute("data-preview-prefix") || "");
    fetch(editor.getAttribute("data-preview-url"), {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (data) {
        // An answer to an older request that arrives late is dropped.
        if (number < shown) return;
        shown = number;
        // Sanitized by the server exactly as the page readers get.
        output.innerHTML = data.html;
        showProblems(data.problems || []);
      })
      .catch(showFailure);
  }

  source.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(update, DELAY_MS);
  });
  // The preview follows the text as it is typed: the button is only for pages without scripts.
  var button = document.querySelector("[data-preview-button]");
  if (button) button.hidden = true;
})();
