"""The admin never saves a paper or a point over someone else's save, and says who edits."""

import datetime
import re
from typing import Any

from django.contrib.auth.models import User
from django.test import Client

import positions.admin.common
from positions.editing import presence
from positions.editing.versions import EditConflict, save_if_current
from positions.models import Chapter, Paper, Point, Step
from positions.workflow import publication as workflow
from tests.helpers import chapter_form, paper_data, point_data


def someone_saves(obj: Paper | Point, **changes: Any) -> None:
    theirs = type(obj).objects.get(pk=obj.pk)
    for name, value in changes.items():
        setattr(theirs, name, value)
    save_if_current(theirs, expected_version=theirs.version)


def hidden_version(html: str) -> str:
    found = re.search(r'name="(?:[\w-]+-)?opened_version" value="(\d+)"', html)
    assert found, "no opened_version"
    return found.group(1)


def test_the_change_page_carries_the_version_it_was_opened_at(
    client: Client, first_editor: User, first_paper: Paper
):
    client.force_login(first_editor)
    html = client.get(f"/admin/positions/paper/{first_paper.pk}/change/").content.decode()
    assert hidden_version(html) == "1"


def test_a_stale_paper_save_keeps_what_was_typed_and_changes_nothing(
    client: Client, first_editor: User, olga: User, first_paper: Paper
):
    client.force_login(olga)
    someone_saves(first_paper, body="The alliance holds firm.\n\nMissile defense is defensive.")
    client.force_login(first_editor)
    typed = "The alliance holds.\n\nMissile defense is purely defensive."

    response = client.post(
        f"/admin/positions/paper/{first_paper.pk}/change/",
        paper_data(first_paper, title="Mine", body=typed, opened_version=1),
    )

    assert response.status_code == 409  # Conflict: nothing saved
    html = response.content.decode()
    assert "saved this paper at" in html and "while you were editing" in html
    assert "Nothing was saved." in html
    # What was typed is in the form; the saved text and the difference above it.
    assert 'name="title" value="Mine"' in html
    assert f">\n{typed}</textarea>" in html
    assert "<del> firm</del>" in html and "<ins>purely </ins>" in html
    assert hidden_version(html) == "2"
    first_paper.refresh_from_db()
    assert first_paper.title == "The alliance as the cornerstone"
    assert first_paper.body.startswith("The alliance holds firm.")
    assert first_paper.version == 2

    response = client.post(
        f"/admin/positions/paper/{first_paper.pk}/change/",
        paper_data(first_paper, title="Mine", body=typed, opened_version=2),
    )
    assert response.status_code == 302
    first_paper.refresh_from_db()
    assert (first_paper.title, first_paper.version) == ("Mine", 3)


def test_a_stale_form_with_nothing_typed_saves_nothing_over_the_new_version(
    client: Client, first_editor: User, first_paper: Paper
):
    someone_saves(first_paper, title="Theirs")
    client.force_login(first_editor)
    # The form as it was opened: its old title would undo theirs.
    stale = paper_data(Paper.objects.get(pk=first_paper.pk), title=first_paper.title)
    response = client.post(
        f"/admin/positions/paper/{first_paper.pk}/change/", stale | {"opened_version": 1}
    )
    assert response.status_code == 409  # Conflict: nothing saved
    first_paper.refresh_from_db()
    assert first_paper.title == "Theirs"


def test_a_stale_point_save_is_refused_for_a_side_editor(
    client: Client, first_editor: User, disagreement: Point
):
    someone_saves(disagreement, first_stance="Defensive, says the chief.")
    client.force_login(first_editor)
    response = client.post(
        f"/admin/positions/point/{disagreement.pk}/change/",
        point_data(disagreement, first_stance="Defensive, says Kenji.", opened_version=1),
    )
    assert response.status_code == 409  # Conflict: nothing saved
    html = response.content.decode()
    assert "saved this point at" in html
    assert "Defensive, says Kenji.</textarea>" in html
    disagreement.refresh_from_db()
    assert disagreement.first_stance == "Defensive, says the chief."


def test_a_stale_paper_in_the_chapter_page_is_refused(
    client: Client, chief: User, chapter: Chapter, first_paper: Paper, second_paper: Paper
):
    # The chief editor's chapter page changes the papers while they are drafts.
    Chapter.objects.filter(pk=chapter.pk).update(status=Chapter.Status.DRAFT)
    Paper.objects.update(status=Paper.Status.DRAFT)
    someone_saves(first_paper, title="Theirs")
    client.force_login(chief)
    papers = [
        {
            "id": paper.pk,
            "side": paper.side_id,
            "title": title,
            "authors": [author.pk for author in paper.author_list()],
            "status": paper.status,
            "published_on": paper.published_on.isoformat(),
            "abstract": paper.abstract,
            "body": paper.body,
            "opened_version": "1",
        }
        for paper, title in [(first_paper, "Mine"), (second_paper, "Also mine")]
    ]
    data = chapter_form(
        {"study": chapter.study_id, "number": "2", "title": chapter.title},
        papers=papers,
        initial_papers=2,
    )

    response = client.post(f"/admin/positions/chapter/{chapter.pk}/change/", data)

    assert response.status_code == 409  # Conflict: nothing saved
    html = response.content.decode()
    assert "Not saved: “Theirs” was changed meanwhile" in html
    assert 'name="papers-0-title" value="Mine"' in html
    assert 'name="papers-0-opened_version" value="2"' in html
    assert [paper.title for paper in Paper.objects.order_by("side__position")] == [
        "Theirs",
        "Towards collective security",
    ]
    # From the version saved now, the chapter saves.
    data["papers-0-opened_version"] = "2"
    response = client.post(f"/admin/positions/chapter/{chapter.pk}/change/", data)
    assert response.status_code == 302
    assert [paper.version for paper in Paper.objects.order_by("side__position")] == [3, 2]


def test_a_save_that_races_with_another_is_tried_again_not_lost(
    client: Client, first_editor: User, first_paper: Paper, monkeypatch
):
    attempts = []

    def refused_once(obj: Paper, *, expected_version: int, **kwargs: Any) -> None:
        attempts.append(expected_version)
        if len(attempts) == 1:
            raise EditConflict(obj)
        save_if_current(obj, expected_version=expected_version, **kwargs)

    monkeypatch.setattr(positions.admin.common, "save_if_current", refused_once)
    client.force_login(first_editor)
    response = client.post(
        f"/admin/positions/paper/{first_paper.pk}/change/",
        paper_data(first_paper, title="Mine", opened_version=1),
    )
    assert response.status_code == 302
    assert attempts == [1, 1]
    first_paper.refresh_from_db()
    assert (first_paper.title, first_paper.version) == ("Mine", 2)


def test_the_change_page_says_who_else_is_editing(
    client: Client, first_editor: User, olga: User, first_paper: Paper
):
    presence.mark_editing(olga, first_paper)
    client.force_login(first_editor)
    html = client.get(f"/admin/positions/paper/{first_paper.pk}/change/").content.decode()
    assert re.search(r"Olga Ivanova is editing this paper since \d\d:\d\d\.", html)
    assert "/static/positions/presence.js" in html
    # And saving there ends one's own presence.
    client.post(
        f"/admin/positions/paper/{first_paper.pk}/change/",
        paper_data(first_paper, opened_version=1),
    )
    assert [p.user for p in presence.others_editing(olga, first_paper)] == []


def test_readers_of_the_change_page_are_not_recorded_as_editing(
    client: Client, reviewer: User, first_paper: Paper
):
    client.force_login(reviewer)
    html = client.get(f"/admin/positions/paper/{first_paper.pk}/change/").content.decode()
    assert "opened_version" not in html
    assert not presence.others_editing(reviewer, first_paper)
    from positions.models import EditingPresence

    assert not EditingPresence.objects.exists()


def test_a_workflow_move_is_no_new_version_of_the_words(
    client: Client, first_editor: User, first_paper: Paper
):
    """Sending for review changes no words: a form opened before it saves as usual."""
    Paper.objects.filter(pk=first_paper.pk).update(status=Paper.Status.DRAFT)
    client.force_login(first_editor)
    html = client.get(f"/admin/positions/paper/{first_paper.pk}/change/").content.decode()
    assert hidden_version(html) == "1"

    client.post(
        "/admin/positions/paper/", {"action": "submit", "_selected_action": [first_paper.pk]}
    )
    first_paper.refresh_from_db()
    assert (first_paper.status, first_paper.version) == ("in_review", 1)

    response = client.post(
        f"/admin/positions/paper/{first_paper.pk}/change/",
        paper_data(first_paper, title="Mine", status="draft", opened_version=1),
    )
    assert response.status_code == 302
    first_paper.refresh_from_db()
    # The posted status is no field of the form: the move's status stands.
    assert (first_paper.title, first_paper.status, first_paper.version) == (
        "Mine",
        "in_review",
        2,
    )


def test_an_edit_saved_while_a_move_is_made_keeps_the_moves_status(
    client: Client, first_editor: User, first_paper: Paper, monkeypatch
):
    """The editor's form was read as a draft; the paper is sent for review just before
    it is saved: the save keeps "in review" and its date."""
    Paper.objects.filter(pk=first_paper.pk).update(status=Paper.Status.DRAFT)

    def moved_meanwhile(obj: Paper, *, expected_version: int, **kwargs: Any) -> None:
        assert obj.status == Paper.Status.DRAFT
        workflow.move_paper(Paper.objects.get(pk=obj.pk), "submit", first_editor)
        save_if_current(obj, expected_version=expected_version, **kwargs)

    monkeypatch.setattr(positions.admin.common, "save_if_current", moved_meanwhile)
    client.force_login(first_editor)
    response = client.post(
        f"/admin/positions/paper/{first_paper.pk}/change/",
        paper_data(first_paper, title="Mine", opened_version=1),
    )

    assert response.status_code == 302
    step = Step.objects.get()
    first_paper.refresh_from_db()
    assert (first_paper.title, first_paper.version) == ("Mine", 2)
    assert (first_paper.status, first_paper.status_changed) == ("in_review", step.created)
    assert first_paper.published_on == datetime.date(2007, 3, 1)


def test_a_rule_about_a_field_the_side_editor_cannot_see_is_explained_not_a_crash(
    client: Client, first_editor: User, disagreement: Point
):
    """Point.clean() names `agreement`, which is read-only for a side editor."""
    client.force_login(first_editor)
    response = client.post(
        f"/admin/positions/point/{disagreement.pk}/change/",
        point_data(disagreement, first_stance="", opened_version=1),
    )
    assert response.status_code == 200
    assert "Both sides need a stance" in response.content.decode()
    disagreement.refresh_from_db()
    assert disagreement.first_stance == "Purely defensive."
