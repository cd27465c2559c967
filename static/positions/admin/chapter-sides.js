// On the chapter's admin page, each paper's side menu offers only the sides of the
// study chosen above: a new chapter's menus hold the sides of every study it may be
// in, each option naming its study (data-study, see SideSelect in forms/fields.py).
// Until a study is chosen, none is offered; when the study changes, a side of
// another study is taken back. The server refuses such a side anyway.
"use strict";
{
    function offerSides() {
        const study = document.getElementById("id_study");
        if (!study) {
            return;
        }
        for (const option of document.querySelectorAll("option[data-study]")) {
            const menu = option.closest("select");
            // A paper past the draft keeps its side: its menu is disabled.
            if (menu.disabled) {
                continue;
            }
            const other = option.dataset.study !== study.value;
            // Disabled as well: browsers that show hidden options cannot pick it.
            option.hidden = other;
            option.disabled = other;
            if (other && option.selected) {
                menu.value = "";
            }
        }
    }

    document.addEventListener("DOMContentLoaded", offerSides);
    document.addEventListener("change", function (event) {
        if (event.target.id === "id_study") {
            offerSides();
        }
    });
    // A paper added with "Add another" is a copy of the page's hidden template, whose
    // menu is kept in step above; offering again does not rely on that.
    document.addEventListener("formset:added", offerSides);
}
