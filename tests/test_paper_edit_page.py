"""Editing a paper on the site: the form, its preview, and saves that never overwrite."""

import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils.html import escape

from positions.editing.versions import save_if_current
from positions.models import EditingPresence, Paper
from tests.helpers import signed_in

URL = "/en/studies/asia-pacific/chapters/2/nids/edit/"
PAPER = "/en/studies/asia-pacific/chapters/2/nids/"


def form_data(paper: Paper, **changes: Any) -> dict[str, Any]:
    data = {
        "opened_version": paper.version,
        "title": paper.title,
        "abstract": paper.abstract,
        "body": paper.body,
        "status": paper.status,
        "tags": "",
        "message": "",
    }
    return data | changes


def textarea(html: str, name: str) -> str:
    found = re.search(rf'<textarea name="{name}"[^>]*>\n?(.*?)</textarea>', html, re.S)
    assert found, f"no textarea {name}"
    return found.group(1)


def hidden_version(html: str) -> str:
    found = re.search(r'<input type="hidden" name="opened_version" value="(\d+)"', html)
    assert found, "no opened_version"
    return found.group(1)


def test_it_shows_the_text_beside_the_preview_readers_would_get(
    client: Client, first_editor: User, first_paper: Paper
):
    client.force_login(first_editor)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert textarea(html, "body").startswith("The alliance holds.[^1]")
    assert hidden_version(html) == "1"
    preview = html[html.index("data-preview-output") :]
    assert preview.startswith('data-preview-output><p id="nids-p1">The alliance holds.')
    assert 'data-preview-url="/en/preview/"' in html
    assert '<script src="/static/positions/preview.js" defer></script>' in html
    # Authors stay in the admin.
    assert f'href="/admin/positions/paper/{first_paper.pk}/change/"' in html


def test_saving_changes_the_paper_and_keeps_the_message_in_the_history(
    client: Client, first_editor: User, first_paper: Paper
):
    client.force_login(first_editor)
    response = client.post(
        URL,
        form_data(
            first_paper,
            title="The alliance, revisited",
            body="New text.",
            tags="alliances, missile defense",
            message="Rewrote the argument",
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == PAPER
    first_paper.refresh_from_db()
    assert first_paper.title == "The alliance, revisited"
    assert first_paper.body_html == '<p id="nids-p1">New text.</p>\n'
    assert first_paper.version == 2
    assert sorted(first_paper.tags.names()) == ["alliances", "missile defense"]
    revision = first_paper.history.first()
    assert revision.history_change_reason == "Rewrote the argument"
    assert revision.history_user == first_editor


def test_the_chief_editor_may_edit_either_sides_paper(
    client: Client, chief: User, second_paper: Paper
):
    client.force_login(chief)
    url = "/en/studies/asia-pacific/chapters/2/cmss-gs/edit/"
    # Published, its words are its side's: the chief editor returns it to draft first.
    assert client.get(url).status_code == 403
    assert client.post(url, form_data(second_paper, title="Edited")).status_code == 403
    second_paper.refresh_from_db()
    assert second_paper.title == "Towards collective security"
    Paper.objects.filter(pk=second_paper.pk).update(status=Paper.Status.DRAFT)
    assert client.get(url).status_code == 200
    response = client.post(url, form_data(second_paper, title="Edited by the chief"))
    assert response.status_code == 302
    second_paper.refresh_from_db()
    assert second_paper.title == "Edited by the chief"


@pytest.mark.parametrize("persona", ["reviewer", "second_editor", "staff"])
def test_it_refuses_people_the_roles_do_not_allow_and_changes_nothing(
    request, client: Client, first_paper: Paper, persona: str
):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 403
    response = client.post(URL, form_data(first_paper, title="Hijacked"))
    assert response.status_code == 403
    first_paper.refresh_from_db()
    assert (first_paper.title, first_paper.version) == ("The alliance as the cornerstone", 1)


def test_anonymous_visitors_are_sent_to_sign_in(client: Client, first_paper: Paper):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/sign-in/?next=")
    response = client.post(URL, form_data(first_paper, title="Hijacked"))
    assert response.status_code == 302
    first_paper.refresh_from_db()
    assert first_paper.title == "The alliance as the cornerstone"


def test_bad_input_is_explained_and_changes_nothing(
    client: Client, first_editor: User, first_paper: Paper
):
    client.force_login(first_editor)
    response = client.post(URL, form_data(first_paper, title="", body="Kept text."))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nothing was saved. Please correct the following:" in html
    assert '<a href="#id_title">Title</a>: This field is required.' in html
    assert textarea(html, "body") == "Kept text."
    first_paper.refresh_from_db()
    assert (first_paper.title, first_paper.version) == ("The alliance as the cornerstone", 1)


def test_a_form_without_its_version_is_refused(
    client: Client, first_editor: User, first_paper: Paper
):
    client.force_login(first_editor)
    data = form_data(first_paper, title="No version")
    del data["opened_version"]
    response = client.post(URL, data)
    assert response.status_code == 400
    first_paper.refresh_from_db()
    assert first_paper.title == "The alliance as the cornerstone"


def test_a_save_from_an_older_version_keeps_what_was_typed_and_shows_the_difference(
    first_editor: User, olga: User, first_paper: Paper
):
    # In review, so that the chief editor may change it too.
    Paper.objects.filter(pk=first_paper.pk).update(status=Paper.Status.IN_REVIEW)
    kenji, chief = signed_in(first_editor), signed_in(olga)
    # Kenji opens the page at version 1; Olga saves from version 1 first.
    assert hidden_version(kenji.get(URL).content.decode()) == "1"
    theirs = form_data(
        first_paper, body="The alliance holds firm.\n\nMissile defense is defensive."
    )
    assert chief.post(URL, theirs).status_code == 302

    mine = form_data(
        first_paper, body="The alliance holds.\n\nMissile defense is purely defensive."
    )
    response = kenji.post(URL, mine)

    assert response.status_code == 409  # Conflict: nothing saved
    html = response.content.decode()
    assert re.search(r"Olga Ivanova saved this paper at \d\d:\d\d while you were editing\.", html)
    # Nothing typed is lost, and the next save starts from the version saved now.
    assert textarea(html, "body") == mine["body"]
    assert hidden_version(html) == "2"
    # The saved version beside what was typed, word by word.
    assert "Text, as Olga Ivanova saved it" in html
    assert "Text, as you typed it" in html
    assert "<del> firm</del>" in html
    assert "<ins>purely </ins>" in html
    first_paper.refresh_from_db()
    assert first_paper.body == theirs["body"]
    assert first_paper.version == 2

    # Having merged, Kenji saves again from version 2.
    merged = form_data(first_paper, body="The alliance holds firm.\n\nIt is purely defensive.")
    assert kenji.post(URL, merged).status_code == 302
    first_paper.refresh_from_db()
    assert (first_paper.body, first_paper.version) == (merged["body"], 3)
    assert first_paper.history.count() == 3


def test_the_preview_button_shows_the_sanitized_text_and_saves_nothing(
    client: Client, first_editor: User, first_paper: Paper
):
    client.force_login(first_editor)
    body = "Safe text.<script>alert('x')</script>\n\n[link](javascript:alert(1))"
    response = client.post(URL, form_data(first_paper, body=body, preview="1"))
    assert response.status_code == 200
    html = response.content.decode()
    preview = html[html.index("data-preview-output>") :]
    preview = preview[: preview.index("</div>")]
    assert '<p id="nids-p1">Safe text.</p>' in preview
    assert "<script" not in preview and "alert('x')" not in preview
    assert "Removed 1 &lt;script&gt; element(s) with their content." in html
    assert "“javascript:” address" in html
    # What was typed stays in the form; nothing is saved.
    assert textarea(html, "body") == escape(body)
    assert hidden_version(html) == "1"
    first_paper.refresh_from_db()
    assert (first_paper.body.startswith("The alliance holds."), first_paper.version) == (True, 1)


def test_it_says_who_else_is_editing_the_paper(first_editor: User, olga: User, first_paper: Paper):
    Paper.objects.filter(pk=first_paper.pk).update(status=Paper.Status.IN_REVIEW)
    signed_in(olga).get(URL)
    html = signed_in(first_editor).get(URL).content.decode()
    assert re.search(r"Olga Ivanova is editing this paper since \d\d:\d\d\.", html)
    assert 'role="status"' in html
    assert f'data-presence-url="/en/presence/paper/{first_paper.pk}/"' in html


def test_saving_ends_the_editors_presence(client: Client, first_editor: User, first_paper: Paper):
    client.force_login(first_editor)
    client.get(URL)
    assert EditingPresence.objects.filter(user=first_editor, paper=first_paper).exists()
    client.post(URL, form_data(first_paper, title="Saved"))
    assert not EditingPresence.objects.exists()


def test_a_save_refused_by_the_version_shows_the_current_version_even_in_a_race(
    client: Client, first_editor: User, first_paper: Paper, monkeypatch
):
    """The save itself refuses an old version, not only a check before it."""
    import positions.editing.views

    client.force_login(first_editor)
    real_save_form = positions.editing.views.save_form

    def someone_saves_first(form, **kwargs):
        theirs = Paper.objects.get(pk=first_paper.pk)
        theirs.title = "Theirs"
        save_if_current(theirs, expected_version=1)
        return real_save_form(form, **kwargs)

    monkeypatch.setattr(positions.editing.views, "save_form", someone_saves_first)
    response = client.post(URL, form_data(first_paper, title="Mine"))
    assert response.status_code == 409  # Conflict: nothing saved
    html = response.content.decode()
    assert "saved this paper at" in html
    assert 'name="title" value="Mine"' in html
    assert hidden_version(html) == "2"
    first_paper.refresh_from_db()
    assert (first_paper.title, first_paper.version) == ("Theirs", 2)


def test_the_page_runs_as_many_queries_with_many_tags(
    client: Client, first_editor: User, first_paper: Paper, django_assert_num_queries
):
    client.force_login(first_editor)
    client.get(URL)
    with django_assert_num_queries(9):
        assert client.get(URL).status_code == 200
    first_paper.tags.add(*[f"theme {n}" for n in range(15)])
    with django_assert_num_queries(9):
        assert client.get(URL).status_code == 200
