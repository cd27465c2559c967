"""Editing a point on the site: each side editor their side's stance, the chief all of it."""

import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from positions.models import Point

URL = "/en/studies/asia-pacific/chapters/2/points/missile-defense/edit/"


def everything(point: Point, **changes: Any) -> dict[str, Any]:
    data = {
        "opened_version": point.version,
        "question": point.question,
        "slug": point.slug,
        "agreement": point.agreement,
        "first_stance": point.first_stance,
        "first_passage": point.first_passage,
        "second_stance": point.second_stance,
        "second_passage": point.second_passage,
        "order": point.order,
        "tags": "",
        "message": "",
    }
    return data | changes


def saved(point: Point) -> tuple:
    point.refresh_from_db()
    return (point.question, point.agreement, point.first_stance, point.second_stance, point.version)


def test_a_side_editor_changes_only_their_sides_stance(
    client: Client, first_editor: User, disagreement: Point
):
    client.force_login(first_editor)
    html = client.get(URL).content.decode()
    assert 'name="first_stance"' in html and 'name="first_passage"' in html
    # The other side's stance is shown, not offered.
    assert 'name="second_stance"' not in html and 'name="question"' not in html
    assert "Destabilising." in html

    # A crafted request with the other side's fields changes only the editor's own.
    response = client.post(
        URL,
        everything(
            disagreement,
            first_stance="Defensive, and limited.",
            second_stance="Forged.",
            question="Forged question",
            agreement="agree",
            message="Sharper",
        ),
    )

    assert response.status_code == 302
    assert response["Location"] == "/en/studies/asia-pacific/chapters/2/#point-missile-defense"
    assert saved(disagreement) == (
        "Missile defense",
        "disagree",
        "Defensive, and limited.",
        "Destabilising.",
        2,
    )
    assert disagreement.history.first().history_change_reason == "Sharper"


def test_the_second_sides_editor_changes_the_second_stance(
    client: Client, second_editor: User, disagreement: Point
):
    client.force_login(second_editor)
    response = client.post(URL, everything(disagreement, second_stance="Still destabilising."))
    assert response.status_code == 302
    assert saved(disagreement)[2:] == ("Purely defensive.", "Still destabilising.", 2)


def test_the_chief_editor_changes_the_whole_point(client: Client, chief: User, disagreement: Point):
    client.force_login(chief)
    response = client.post(
        URL,
        everything(
            disagreement,
            question="Missile defence",
            agreement="partly",
            first_stance="Mostly defensive.",
            second_stance="Partly destabilising.",
            tags="missile defense, alliances",
        ),
    )
    assert response.status_code == 302
    assert saved(disagreement) == (
        "Missile defence",
        "partly",
        "Mostly defensive.",
        "Partly destabilising.",
        2,
    )
    assert sorted(disagreement.tags.names()) == ["alliances", "missile defense"]


@pytest.mark.parametrize("persona", ["reviewer", "staff"])
def test_it_refuses_people_who_write_no_stance(
    request, client: Client, disagreement: Point, persona: str
):
    client.force_login(request.getfixturevalue(persona))
    before = saved(disagreement)
    assert client.get(URL).status_code == 403
    assert client.post(URL, everything(disagreement, first_stance="Forged.")).status_code == 403
    assert saved(disagreement) == before


def test_anonymous_visitors_are_sent_to_sign_in(client: Client, disagreement: Point):
    before = saved(disagreement)
    response = client.post(URL, everything(disagreement, first_stance="Forged."))
    assert response.status_code == 302
    assert saved(disagreement) == before


def test_a_stance_the_agreement_needs_cannot_be_emptied(
    client: Client, first_editor: User, disagreement: Point
):
    client.force_login(first_editor)
    before = saved(disagreement)
    response = client.post(URL, everything(disagreement, first_stance=""))
    assert response.status_code == 400
    assert "Both sides need a stance" in response.content.decode()
    assert saved(disagreement) == before


def test_a_passage_the_paper_does_not_have_is_refused(
    client: Client, first_editor: User, disagreement: Point
):
    client.force_login(first_editor)
    response = client.post(URL, everything(disagreement, first_passage="p99"))
    assert response.status_code == 400
    assert "“p99” is not a passage of “The alliance as the cornerstone”" in (
        response.content.decode()
    )


def test_a_save_from_an_older_version_keeps_what_was_typed(
    first_editor: User, chief: User, disagreement: Point
):
    kenji, chief_client = Client(), Client()
    kenji.force_login(first_editor)
    chief_client.force_login(chief)
    kenji.get(URL)
    theirs = everything(disagreement, first_stance="Defensive, says the chief.")
    assert chief_client.post(URL, theirs).status_code == 302

    response = kenji.post(URL, everything(disagreement, first_stance="Defensive, says Kenji."))

    assert response.status_code == 409  # Conflict: nothing saved
    html = response.content.decode()
    assert re.search(r"chief saved this point at \d\d:\d\d while you were editing", html)
    assert "\nDefensive, says Kenji.</textarea>" in html
    assert 'name="opened_version" value="2"' in html
    assert "<del>the chief</del>" in html and "<ins>Kenji</ins>" in html
    assert saved(disagreement)[2] == "Defensive, says the chief."

    response = kenji.post(
        URL, everything(disagreement, opened_version=2, first_stance="Defensive, say both.")
    )
    assert response.status_code == 302
    assert saved(disagreement)[2:] == ("Defensive, say both.", "Destabilising.", 3)


def test_it_says_who_else_is_editing_the_point(
    first_editor: User, second_editor: User, disagreement: Point
):
    other = Client()
    other.force_login(second_editor)
    other.get(URL)
    client = Client()
    client.force_login(first_editor)
    html = client.get(URL).content.decode()
    assert re.search(r"olga is editing this point since \d\d:\d\d\.", html)
