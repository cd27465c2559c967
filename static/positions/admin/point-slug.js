/*global URLify*/
// A new point's slug is filled from its question as the question is typed, on the
// chapter's admin page (also in points added with "Add another") and on the point's
// own. PointForm marks the slug's input with data-slug-from. This replaces Django's
// prepopulated_fields for points, which did two things badly here:
// - an editor who clicked into the filled slug and typed got the filled slug with
//   their words appended. While the slug is still the filled one, focusing it selects
//   it, so that what is typed replaces it; once they have typed their own, the
//   question no longer changes it.
// - it kept up to 80 characters of the question, cut mid-word. The slug is the
//   point's address (its permalink, its discussion page), so it is cut at a hyphen.
// Like Django's, it uses URLify: Latin accents, Russian, Greek... are transliterated,
// other scripts (Japanese) are dropped, and the editor types a slug themselves.
"use strict";
{
    // About seven English words: enough to tell the points of a chapter apart, short
    // enough to read in an address and to quote. The field allows 80.
    const MAX_LENGTH = 50;

    // The slug each input was last filled with, to tell it from one the editor typed.
    const filled = new WeakMap();

    function slugOf(question, input) {
        const limit = Math.min(MAX_LENGTH, input.maxLength > 0 ? input.maxLength : MAX_LENGTH);
        const slug = URLify(question, Infinity, false);
        if (slug.length <= limit) {
            return slug;
        }
        // The words that fit whole; a first word longer than that is cut.
        const end = slug.lastIndexOf("-", limit);
        return end > 0 ? slug.slice(0, end) : slug.slice(0, limit);
    }

    function questionOf(input) {
        // "points-0-slug" reads "points-0-question"; on the point's page, "question".
        const prefix = input.name.slice(0, input.name.lastIndexOf("-") + 1);
        return input.form.elements.namedItem(prefix + input.dataset.slugFrom);
    }

    function isFilled(input) {
        return input.value === "" || input.value === filled.get(input);
    }

    function fill(input) {
        const slug = slugOf(questionOf(input).value, input);
        input.value = slug;
        filled.set(input, slug);
    }

    document.addEventListener("DOMContentLoaded", function () {
        // A new point shown again after an error keeps a filled slug as filled.
        for (const input of document.querySelectorAll("input[data-slug-from]")) {
            const question = questionOf(input);
            if (question) {
                filled.set(input, slugOf(question.value, input));
            }
        }
    });

    document.addEventListener("input", function (event) {
        const form = event.target.form;
        if (!form) {
            return;
        }
        for (const input of form.querySelectorAll("input[data-slug-from]")) {
            if (questionOf(input) === event.target && isFilled(input)) {
                fill(input);
            }
        }
    });

    // In Safari the mouseup that ends the click into the input clears the selection
    // made on focus (Chromium and Firefox keep it): select the slug again then. Not
    // after a key was pressed: focused from the keyboard, no click is coming.
    let clickedInto = null;

    document.addEventListener("focusin", function (event) {
        const input = event.target;
        if (input.matches("input[data-slug-from]") && input.value && isFilled(input)) {
            input.select();
            clickedInto = input;
        }
    });

    document.addEventListener("keydown", function () {
        clickedInto = null;
    });

    document.addEventListener("mouseup", function (event) {
        const input = clickedInto;
        clickedInto = null;
        // A drag that selected part of the slug is left as it is.
        if (event.target === input && input.selectionStart === input.selectionEnd) {
            input.select();
        }
    });
}
