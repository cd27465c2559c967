"""Input no browser sends: a NUL character (which PostgreSQL refuses in text), words
where numbers belong, texts over their limits. Each gets a clear answer, never a
server error, and changes nothing.

Django's test client raises the view's exception on a server error, so a request
that would answer 500 fails here with its traceback.
"""

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from positions.models import Comment, Paper, Point, Step, limits
from tests.helpers import signed_in

CHAPTER = "/en/studies/asia-pacific/chapters/2/"
PAPER = f"{CHAPTER}nids/"
NUL = "a\x00b"


READER_PAGES = [
    f"/en/search/?q={NUL}&study={NUL}&side={NUL}&language={NUL}&tag={NUL}&agreement={NUL}"
    f"&kind={NUL}&chapter={NUL}&page={NUL}",
    "/en/search/?q=alliance&chapter=x&page=-1",
    f"{CHAPTER}?agreement={NUL}&text={NUL}",
    f"{PAPER}?text={NUL}",
    f"{CHAPTER}translations/{NUL}/changes/",
    f"{PAPER}translations/{NUL}/changes/",
    f"{CHAPTER}points/missile-defense/translations/{NUL}/changes/",
]


@pytest.mark.parametrize("url", READER_PAGES)
def test_readers_pages_answer_nul_without_a_server_error(
    client: Client, first_paper: Paper, second_paper: Paper, disagreement: Point, url: str
) -> None:
    assert client.get(url).status_code in (200, 400, 404)


TEAM_PAGES = [
    f"{CHAPTER}add-paper/?side={NUL}",
    f"{PAPER}history/?page={NUL}",
    f"{PAPER}history/compare/?old={NUL}&new=1",
    f"{CHAPTER}translations/{NUL}/edit/",
    f"{PAPER}translations/{NUL}/edit/",
    f"{PAPER}discussion/?passage={NUL}",
    f"/admin/taggit/tag/names/?q={NUL}",
    f"/admin/positions/paper/?q={NUL}",
]


@pytest.mark.parametrize("url", TEAM_PAGES)
def test_team_pages_answer_nul_without_a_server_error(
    chief: User, first_paper: Paper, second_paper: Paper, disagreement: Point, url: str
) -> None:
    assert signed_in(chief).get(url).status_code in (200, 400, 404)


@pytest.mark.parametrize(
    "posted",
    [
        {"body": NUL},
        {"body": "Fine.", "parent": "not-a-number"},
        {"body": "Fine.", "parent": NUL},
        {"body": "Fine.", "passage": NUL},
        {"body": "x" * (limits.COMMENT + 1)},
    ],
)
def test_a_comment_that_cannot_be_saved_is_refused_with_a_message(
    chief: User, first_paper: Paper, posted: dict[str, Any]
) -> None:
    response = signed_in(chief).post(f"{PAPER}discussion/", posted)

    assert response.status_code == 400
    assert "The comment was not posted" in response.content.decode()
    assert not Comment.objects.exists()


def test_a_comment_of_the_longest_length_is_posted(chief: User, first_paper: Paper) -> None:
    response = signed_in(chief).post(f"{PAPER}discussion/", {"body": "x" * limits.COMMENT})

    assert response.status_code == 302
    assert len(Comment.objects.get().body) == limits.COMMENT


def test_a_workflow_message_with_nul_is_refused(
    first_editor: User, chapter: Any, first_paper: Paper
) -> None:
    Paper.objects.filter(pk=first_paper.pk).update(status=Paper.Status.DRAFT)

    response = signed_in(first_editor).post(f"{PAPER}status/", {"move": "submit", "message": NUL})

    assert response.status_code == 409
    assert not Step.objects.exists()
    first_paper.refresh_from_db()
    assert first_paper.status == Paper.Status.DRAFT


def test_the_preview_refuses_nul_in_the_prefix_and_text_over_the_limit(
    first_editor: User, first_paper: Paper
) -> None:
    client = signed_in(first_editor)

    nul = client.post("/en/preview/", {"text": NUL, "prefix": NUL})
    too_long = client.post("/en/preview/", {"text": "x" * (limits.PAPER_BODY + 1)})

    assert nul.status_code == 200
    assert too_long.status_code == 400
    assert "200,000" in too_long.json()["error"]
