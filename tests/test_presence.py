"""Who else has a paper or a point open for editing, and the heartbeat that keeps it so."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from positions.editing import presence
from positions.models import EditingPresence, Paper, Point


def test_others_see_an_editor_until_they_leave(first_editor: User, chief: User, first_paper: Paper):
    presence.mark_editing(chief, first_paper)
    assert [p.user for p in presence.others_editing(first_editor, first_paper)] == [chief]
    # One's own presence is no news.
    assert presence.others_editing(chief, first_paper) == []
    presence.stop_editing(chief, first_paper)
    assert presence.others_editing(first_editor, first_paper) == []


def test_an_editor_not_seen_for_two_minutes_no_longer_counts(
    first_editor: User, chief: User, first_paper: Paper
):
    presence.mark_editing(chief, first_paper)
    long_ago = timezone.now() - datetime.timedelta(minutes=3)
    EditingPresence.objects.update(started=long_ago, last_seen=long_ago)
    assert presence.others_editing(first_editor, first_paper) == []
    # Coming back starts a new stay.
    presence.mark_editing(chief, first_paper)
    entry = EditingPresence.objects.get()
    assert entry.started > long_ago + datetime.timedelta(minutes=2)


def test_opening_the_page_again_keeps_one_entry_and_its_start(chief: User, first_paper: Paper):
    presence.mark_editing(chief, first_paper)
    started = EditingPresence.objects.get().started
    presence.mark_editing(chief, first_paper)
    entry = EditingPresence.objects.get()
    assert entry.started == started and entry.last_seen >= started


def test_the_notice_names_the_person_and_the_time(
    first_editor: User, chief: User, disagreement: Point
):
    chief.first_name, chief.last_name = "Olga", "Ivanova"
    chief.save()
    presence.mark_editing(chief, disagreement)
    started = timezone.localtime(EditingPresence.objects.get().started)
    assert presence.notices(first_editor, disagreement) == [
        f"Olga Ivanova is editing this point since {started:%H:%M}."
    ]


def test_the_heartbeat_refreshes_the_editor_and_answers_who_else_edits(
    client: Client, first_editor: User, chief: User, first_paper: Paper
):
    presence.mark_editing(chief, first_paper)
    client.force_login(first_editor)
    response = client.post(f"/en/presence/paper/{first_paper.pk}/")
    assert response.status_code == 200
    [notice] = response.json()["notices"]
    assert notice.startswith("chief is editing this paper since ")
    assert EditingPresence.objects.filter(user=first_editor, paper=first_paper).exists()


def test_leaving_removes_the_editor(client: Client, first_editor: User, disagreement: Point):
    client.force_login(first_editor)
    client.post(f"/en/presence/point/{disagreement.pk}/")
    assert EditingPresence.objects.filter(point=disagreement).exists()
    assert client.post(f"/en/presence/point/{disagreement.pk}/leave/").status_code == 204
    assert not EditingPresence.objects.exists()


@pytest.mark.parametrize("persona", ["second_editor", "reviewer", "staff", "anonymous"])
def test_only_those_who_may_edit_are_recorded(
    request, client: Client, first_paper: Paper, persona: str
):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    assert client.post(f"/en/presence/paper/{first_paper.pk}/").status_code == 403
    assert not EditingPresence.objects.exists()


def test_unknown_objects_are_404(client: Client, chief: User, first_paper: Paper):
    client.force_login(chief)
    assert client.post("/en/presence/paper/999/").status_code == 404
    assert client.post(f"/en/presence/chapter/{first_paper.pk}/").status_code == 404
    assert client.get(f"/en/presence/paper/{first_paper.pk}/").status_code == 405


def test_opening_any_page_forgets_stale_editors_of_other_papers(
    first_editor: User, chief: User, first_paper: Paper, second_paper: Paper
):
    presence.mark_editing(chief, second_paper)
    EditingPresence.objects.update(last_seen=timezone.now() - datetime.timedelta(minutes=5))
    presence.mark_editing(first_editor, first_paper)
    assert list(EditingPresence.objects.values_list("user__username", flat=True)) == ["kenji"]
