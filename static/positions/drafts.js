// Keep what is typed on an edit page in this browser (localStorage) and offer it back
// when the page opens again with something else in the form. A save can fail with
// nothing saved and no form to go back to (the database down: the answer is the error
// page, and going back asks the server for the page again).
//
// A draft is kept per editor, page, version the form was opened at, and opening of the
// page, so that no opening overwrites another's. When the page opens, a draft that
// holds what the form holds (it was saved, or the page shows the posted form again) is
// dropped without a word; any other is offered, newest first. One made from an older
// version is restored with that version, so that saving it shows the differences
// (positions.editing refuses the save) rather than overwriting. Drafts are dropped after
// KEEP_DAYS. The words are the page's own (partials/draft_notice.html).
(function () {
  "use strict";
  var PREFIX = "positions:draft:";
  var DELAY_MS = 500;
  var KEEP_DAYS = 30;
  var SKIPPED = ["hidden", "submit", "button", "reset", "file", "password", "image"];
  var notice = document.querySelector("[data-drafts]");
  var form = document.getElementById("edit-form");
  if (!notice || !form) return;
  var storage;
  try {
    storage = window.localStorage;
    storage.getItem(PREFIX);
  } catch (error) {
    return; // Storage turned off: the page works as without this script.
  }
  var message = notice.querySelector("[data-draft-message]");
  var actions = notice.querySelector("[data-draft-actions]");
  var posted = notice.hasAttribute("data-posted");
  var page =
    PREFIX + notice.getAttribute("data-owner") + ":" + location.pathname + location.search + "|";
  var key = newKey();
  var timer = null;
  var offered = [];

  function newKey() {
    return page + Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 8);
  }

  function isVersion(element) {
    return /(^|-)opened_version$/.test(element.name);
  }

  function typed(element) {
    if (!element.name || element.disabled || element.name === "csrfmiddlewaretoken") return false;
    return !isVersion(element) && SKIPPED.indexOf((element.type || "").toLowerCase()) === -1;
  }

  function each(test, action) {
    Array.prototype.forEach.call(form.elements, function (element) {
      if (test(element)) action(element);
    });
  }

  // What the form holds: a checkbox as name=value, a group of radio buttons by name.
  function snapshot() {
    var fields = {};
    each(typed, function (element) {
      if (element.type === "checkbox") {
        fields[element.name + "=" + element.value] = element.checked;
      } else if (element.type === "radio") {
        if (element.checked || !(element.name in fields)) {
          fields[element.name] = element.checked ? element.value : "";
        }
      } else {
        fields[element.name] = element.value;
      }
    });
    return fields;
  }

  function versions() {
    var found = {};
    each(isVersion, function (element) {
      found[element.name] = element.value;
    });
    return found;
  }

  // As the server keeps it: without surrounding spaces or \r, tags in any order.
  // The change message and the checkboxes (what to do on saving) are not the text.
  function normal(name, value) {
    if (typeof value !== "string") return null;
    if (/(^|-)message$/.test(name)) return null;
    var text = value.replace(/\r\n?/g, "\n").trim();
    if (!/(^|-)tags$/.test(name)) return text;
    return text
      .split(text.indexOf(",") === -1 ? /\s+/ : ",")
      .map(function (tag) {
        return tag.trim().replace(/^"|"$/g, "").toLowerCase();
      })
      .filter(Boolean)
      .sort()
      .join(",");
  }

  function sameText(fields, now) {
    return Object.keys(fields).every(function (name) {
      if (!(name in now) || name.indexOf("=") !== -1) return true;
      return normal(name, fields[name]) === normal(name, now[name]);
    });
  }

  function save() {
    clearTimeout(timer);
    var fields = snapshot();
    // Only what this opening changed, or a posted form that was not saved.
    if (!posted && JSON.stringify(fields) === opened) {
      storage.removeItem(key);
      return;
    }
    var draft = { saved: Date.now(), versions: versions(), fields: fields };
    try {
      storage.setItem(key, JSON.stringify(draft));
    } catch (error) {
      // Full: the text is still in the form; nothing else to do here.
    }
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(save, DELAY_MS);
  }

  function stored() {
    var keys = [];
    for (var index = 0; index < storage.length; index++) {
      var name = storage.key(index);
      if (name && name.indexOf(PREFIX) === 0) keys.push(name);
    }
    return keys;
  }

  // Two saves or more since the draft's version: one may have been the draft itself.
  function outdated(draft) {
    var now = versions();
    return Object.keys(draft.versions).some(function (name) {
      var then = Number(draft.versions[name]);
      return Boolean(now[name] && then) && Number(now[name]) - then >= 2;
    });
  }

  function when(time) {
    var date = new Date(time);
    // On a 24-hour clock, as the notices of who else is editing (positions.presence).
    var options = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
    if (date.toDateString() !== new Date().toDateString()) {
      options = { dateStyle: "medium", timeStyle: "short", hourCycle: "h23" };
    }
    var shown = document.createElement("time");
    shown.dateTime = date.toISOString();
    try {
      var language = document.documentElement.lang || undefined;
      shown.textContent = new Intl.DateTimeFormat(language, options).format(date);
    } catch (error) {
      shown.textContent = date.toLocaleString();
    }
    return shown;
  }

  function say(text, time) {
    var parts = text.split("%(time)s");
    var nodes = [document.createTextNode(parts[0])];
    if (parts.length > 1) nodes.push(when(time), document.createTextNode(parts.slice(1).join("")));
    message.replaceChildren.apply(message, nodes);
  }

  function offerNext() {
    if (!offered.length) {
      notice.hidden = true;
      return false;
    }
    var draft = offered[0].draft;
    say(notice.getAttribute(outdated(draft) ? "data-outdated" : "data-unsaved"), draft.saved);
    actions.hidden = false;
    notice.hidden = false;
    return true;
  }

  function restore() {
    var chosen = offered.shift();
    var fields = chosen.draft.fields;
    // What this opening typed before restoring stays kept, under its own key.
    if (JSON.stringify(snapshot()) !== opened) {
      save();
      key = newKey();
    }
    each(typed, function (element) {
      var value;
      if (element.type === "checkbox") {
        value = fields[element.name + "=" + element.value];
        if (typeof value === "boolean") element.checked = value;
      } else if (element.name in fields) {
        value = fields[element.name];
        if (element.type === "radio") element.checked = element.value === value;
        else element.value = value;
      } else {
        return;
      }
      // The live preview follows (preview.js).
      element.dispatchEvent(new Event("input", { bubbles: true }));
    });
    each(isVersion, function (element) {
      if (chosen.draft.versions[element.name]) element.value = chosen.draft.versions[element.name];
    });
    save();
    storage.removeItem(chosen.key);
    say(notice.getAttribute("data-restored"));
    actions.hidden = true;
    message.focus();
  }

  function discard() {
    storage.removeItem(offered.shift().key);
    if (!offerNext()) {
      var first = Array.prototype.filter.call(form.elements, typed)[0];
      if (first) first.focus();
    }
  }

  var opened = JSON.stringify(snapshot());
  var now = JSON.parse(opened);
  var oldest = Date.now() - KEEP_DAYS * 24 * 3600 * 1000;
  stored().forEach(function (name) {
    var draft = null;
    try {
      draft = JSON.parse(storage.getItem(name));
    } catch (error) {}
    if (!draft || !draft.fields || !draft.versions || !(draft.saved > oldest)) {
      storage.removeItem(name);
    } else if (name.indexOf(page) === 0) {
      if (sameText(draft.fields, now)) storage.removeItem(name);
      else offered.push({ key: name, draft: draft });
    }
  });
  offered.sort(function (a, b) {
    return b.draft.saved - a.draft.saved;
  });
  if (posted) save();
  message.tabIndex = -1;
  notice.querySelector("[data-draft-restore]").addEventListener("click", restore);
  notice.querySelector("[data-draft-discard]").addEventListener("click", discard);
  form.addEventListener("input", later);
  form.addEventListener("change", later);
  form.addEventListener("submit", save);
  window.addEventListener("pagehide", save);
  offerNext();
})();
