"""Every role × every action × own side / other side, through the admin.

Allowed actions succeed; the others are refused (403, a redirect away, or a form
error) and change nothing in the database. A side editor's own side is the first
(Japan, NIDS) for `first_editor` and the second for `second_editor`.
"""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from positions.models import (
    Chapter,
    Membership,
    Paper,
    Point,
    Role,
    SideTranslation,
    Step,
    StudyTranslation,
)
from tests.helpers import errors, paper_data, point_data, study_form

PERSONAS = ["chief", "first_editor", "second_editor", "reviewer", "staff", "anonymous"]
DENIED = {302, 403, 404}


@pytest.fixture
def as_persona(request, db, client: Client):
    """Sign the client in as the named persona (or leave it anonymous)."""

    def sign_in(name: str) -> Client:
        if name != "anonymous":
            client.force_login(request.getfixturevalue(name))
        return client

    return sign_in


def snapshot() -> list[tuple]:
    """Everything the actions below could change."""
    return [
        *Paper.objects.order_by("pk").values_list(
            "pk", "title", "status", "status_changed", "published_on", "side_id"
        ),
        *Point.objects.order_by("pk").values_list(
            "pk", "question", "first_stance", "second_stance"
        ),
        *Chapter.objects.order_by("pk").values_list("pk", "title", "status", "published_on"),
        *Membership.objects.order_by("pk").values_list("pk", "user_id", "role"),
        ("steps", Step.objects.count()),
    ]


# Who may do what: persona -> allowed.

READ_DRAFTS = {"chief", "first_editor", "second_editor", "reviewer"}
# A draft or a paper in review: the chief editor and the side's editors.
CHANGE_FIRST_PAPER = {"chief", "first_editor"}
CHANGE_SECOND_PAPER = {"chief", "second_editor"}
# Once approved (or published) by its side, the side's editors only.
CHANGE_FIRST_SIGNED_OFF = {"first_editor"}
CHANGE_SECOND_SIGNED_OFF = {"second_editor"}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("paper_name", ["first_paper", "second_paper"])
def test_reading_a_draft_paper_in_the_admin(request, as_persona, persona: str, paper_name: str):
    paper = request.getfixturevalue(paper_name)
    Paper.objects.filter(pk=paper.pk).update(status=Paper.Status.DRAFT)
    client = as_persona(persona)
    response = client.get(f"/admin/positions/paper/{paper.pk}/change/")
    if persona in READ_DRAFTS:
        assert response.status_code == 200
        assert paper.title in response.content.decode()
    else:
        assert response.status_code in DENIED


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("paper_name", "status", "allowed"),
    [
        ("first_paper", "draft", CHANGE_FIRST_PAPER),
        ("second_paper", "draft", CHANGE_SECOND_PAPER),
        ("first_paper", "in_review", CHANGE_FIRST_PAPER),
        ("first_paper", "approved", CHANGE_FIRST_SIGNED_OFF),
        ("first_paper", "published", CHANGE_FIRST_SIGNED_OFF),
        ("second_paper", "published", CHANGE_SECOND_SIGNED_OFF),
    ],
)
def test_changing_a_paper(
    request, as_persona, persona: str, paper_name: str, status: str, allowed: set
):
    paper = request.getfixturevalue(paper_name)
    Paper.objects.filter(pk=paper.pk).update(status=status)
    paper.refresh_from_db()
    client = as_persona(persona)
    before = snapshot()
    response = client.post(
        f"/admin/positions/paper/{paper.pk}/change/", paper_data(paper, title="Rewritten")
    )
    paper.refresh_from_db()
    if persona in allowed:
        assert response.status_code == 302, errors(response)
        assert (paper.title, paper.status) == ("Rewritten", status)
    else:
        assert response.status_code in DENIED
        assert snapshot() == before


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("side_name", "allowed"),
    [("first_side", CHANGE_FIRST_PAPER), ("second_side", CHANGE_SECOND_PAPER)],
)
def test_adding_a_paper_for_a_side(
    request, as_persona, study, persona: str, side_name: str, allowed: set
):
    side = request.getfixturevalue(side_name)
    chapter = Chapter.objects.create(study=study, number=7, title="A new theme")
    client = as_persona(persona)
    data = paper_data(
        Paper(chapter=chapter, side=side, title="New paper", body="Text."), status="draft"
    )
    response = client.post("/admin/positions/paper/add/", data)
    created = Paper.objects.filter(chapter=chapter, side=side).exists()
    if persona in allowed:
        assert response.status_code == 302, errors(response)
        assert created
    else:
        # The other side's editor gets the form back with an error; others are refused.
        assert response.status_code in DENIED | {200}
        assert not created
    if persona in {"first_editor", "second_editor"} and persona not in allowed:
        assert "Select a valid choice" in response.content.decode()


@pytest.mark.parametrize("persona", PERSONAS)
def test_changing_a_points_stances_and_question(as_persona, persona: str, disagreement: Point):
    client = as_persona(persona)
    before = snapshot()
    response = client.post(
        f"/admin/positions/point/{disagreement.pk}/change/",
        point_data(
            disagreement,
            question="A new question",
            first_stance="First, rewritten.",
            second_stance="Second, rewritten.",
        ),
    )
    disagreement.refresh_from_db()
    changed = {
        "question": disagreement.question == "A new question",
        "first": disagreement.first_stance == "First, rewritten.",
        "second": disagreement.second_stance == "Second, rewritten.",
    }
    expected = {
        "chief": {"question": True, "first": True, "second": True},
        "first_editor": {"question": False, "first": True, "second": False},
        "second_editor": {"question": False, "first": False, "second": True},
    }
    if persona in expected:
        assert response.status_code == 302, errors(response)
        assert changed == expected[persona]
    else:
        assert response.status_code in DENIED
        assert snapshot() == before


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_side_editor_sees_the_other_sides_stance_but_no_field_for_it(
    as_persona, persona: str, disagreement: Point
):
    client = as_persona(persona)
    response = client.get(f"/admin/positions/point/{disagreement.pk}/change/")
    if persona not in READ_DRAFTS:
        assert response.status_code in DENIED
        return
    html = response.content.decode()
    assert response.status_code == 200
    assert "Destabilising." in html and "Purely defensive." in html
    fields = {
        "first": 'name="first_stance"' in html,
        "second": 'name="second_stance"' in html,
        "question": 'name="question"' in html,
    }
    expected = {
        "chief": {"first": True, "second": True, "question": True},
        "first_editor": {"first": True, "second": False, "question": False},
        "second_editor": {"first": False, "second": True, "question": False},
        "reviewer": {"first": False, "second": False, "question": False},
    }
    assert fields == expected[persona]


@pytest.mark.parametrize("persona", PERSONAS)
def test_adding_a_point(as_persona, persona: str, chapter: Chapter):
    client = as_persona(persona)
    data = point_data(
        Point(chapter=chapter, question="Energy", slug="energy", agreement="agree"),
        first_stance="Yes.",
        second_stance="Yes too.",
    )
    response = client.post("/admin/positions/point/add/", data)
    created = Point.objects.filter(slug="energy").exists()
    assert created == (persona == "chief")
    if persona != "chief":
        assert response.status_code in DENIED


@pytest.mark.parametrize("persona", PERSONAS)
def test_changing_a_chapter(as_persona, persona: str, chapter: Chapter):
    client = as_persona(persona)
    data = {
        "study": chapter.study_id,
        "number": chapter.number,
        "title": "A renamed theme",
        "summary": chapter.summary,
        "order": chapter.order,
        "tags": "",
        "published_on": chapter.published_on.isoformat() if chapter.published_on else "",
        "papers-TOTAL_FORMS": "0",
        "papers-INITIAL_FORMS": "0",
        "papers-MIN_NUM_FORMS": "0",
        "papers-MAX_NUM_FORMS": "2",
        "points-TOTAL_FORMS": "0",
        "points-INITIAL_FORMS": "0",
        "points-MIN_NUM_FORMS": "0",
        "points-MAX_NUM_FORMS": "1000",
        "translations-TOTAL_FORMS": "0",
        "translations-INITIAL_FORMS": "0",
    }
    response = client.post(f"/admin/positions/chapter/{chapter.pk}/change/", data)
    chapter.refresh_from_db()
    if persona == "chief":
        assert response.status_code == 302, errors(response)
        assert chapter.title == "A renamed theme"
    else:
        assert response.status_code in DENIED
        assert chapter.title == "Factors regulating regional security"


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("paper_name", "status", "allowed"),
    [
        ("first_paper", "draft", {"chief"}),
        ("second_paper", "draft", {"chief"}),
        ("first_paper", "approved", {"chief"}),
        # Shown to the public: deleted only once its chapter is unpublished.
        ("first_paper", "published", set()),
        ("second_paper", "published", set()),
    ],
)
def test_deleting_a_paper(
    request, as_persona, persona: str, paper_name: str, status: str, allowed: set
):
    paper = request.getfixturevalue(paper_name)
    Paper.objects.filter(pk=paper.pk).update(status=status)
    client = as_persona(persona)
    response = client.post(f"/admin/positions/paper/{paper.pk}/delete/", {"post": "yes"})
    exists = Paper.objects.filter(pk=paper.pk).exists()
    if persona in allowed:
        assert response.status_code == 302
        assert not exists
    else:
        assert response.status_code in DENIED
        assert exists


# The workflow in the admin: which papers each persona moves on with each action of
# the papers' list (from the status before to the one after), and which chapters it
# publishes or unpublishes with those of the chapters' list.

PAPER_MOVES = {
    "submit": ("draft", "in_review", "submitted"),
    "approve": ("in_review", "approved", "approved"),
    "return_to_draft": ("approved", "draft", "returned"),
}
BOTH = {"first_paper", "second_paper"}
MOVED = {
    # The chief editor sends for review and returns, but approves for no side.
    "chief": {"submit": BOTH, "approve": set(), "return_to_draft": BOTH},
    "first_editor": dict.fromkeys(PAPER_MOVES, {"first_paper"}),
    "second_editor": dict.fromkeys(PAPER_MOVES, {"second_paper"}),
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("action", list(PAPER_MOVES))
def test_moving_papers_on_from_the_papers_list(
    request, as_persona, persona: str, action: str, chapter, first_paper, second_paper
):
    source, target, step = PAPER_MOVES[action]
    Chapter.objects.filter(pk=chapter.pk).update(status=Chapter.Status.DRAFT)
    Paper.objects.update(status=source)
    papers = {"first_paper": first_paper, "second_paper": second_paper}
    client = as_persona(persona)
    before = snapshot()
    client.post(
        "/admin/positions/paper/",
        {"action": action, "_selected_action": [first_paper.pk, second_paper.pk]},
    )
    expected = {papers[name].pk for name in MOVED.get(persona, {}).get(action, set())}
    statuses = dict(Paper.objects.values_list("pk", "status"))
    assert statuses == {pk: target if pk in expected else source for pk in statuses}
    steps = Step.objects.values_list("paper_id", "action", "user__username")
    username = request.getfixturevalue(persona).username if expected else None
    assert set(steps) == {(pk, step, username) for pk in expected}
    if not expected:
        assert snapshot() == before


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("action", ["publish", "unpublish"])
def test_publishing_and_unpublishing_a_chapter_from_the_chapters_list(
    as_persona, persona: str, action: str, chapter, first_paper, second_paper
):
    if action == "publish":
        Chapter.objects.filter(pk=chapter.pk).update(status=Chapter.Status.DRAFT)
        Paper.objects.update(status=Paper.Status.APPROVED)
    client = as_persona(persona)
    before = snapshot()
    client.post("/admin/positions/chapter/", {"action": action, "_selected_action": [chapter.pk]})
    if persona == "chief":
        chapter_status, paper_status = {
            "publish": ("published", "published"),
            "unpublish": ("draft", "approved"),
        }[action]
        chapter.refresh_from_db()
        assert chapter.status == chapter_status
        assert set(Paper.objects.values_list("status", flat=True)) == {paper_status}
        assert Step.objects.get().action == f"{action}ed"
    else:
        assert snapshot() == before


@pytest.mark.parametrize("persona", PERSONAS)
def test_assigning_roles_in_the_study(as_persona, persona: str, study, first_side):
    newcomer = User.objects.create_user("newcomer", password="a-long-test-password")
    client = as_persona(persona)
    # The team as it is (the chief editor, when that persona exists), then the newcomer.
    team = [(m.pk, m.user_id, m.role, m.side_id or "") for m in study.memberships.all()]
    data = study_form(study, [*team, ("", newcomer.pk, Role.SIDE_EDITOR, first_side.pk)])
    response = client.post(f"/admin/positions/study/{study.pk}/change/", data)
    newcomer.refresh_from_db()
    if persona == "chief":
        assert response.status_code == 302, errors(response)
        assert newcomer.memberships.get().side == first_side
        # Admin access and the role's group come with the role.
        assert newcomer.is_staff
        assert list(newcomer.groups.values_list("name", flat=True)) == ["Side editors"]
    else:
        assert response.status_code in DENIED
        assert not newcomer.memberships.exists()
        assert not newcomer.is_staff


@pytest.mark.parametrize("persona", PERSONAS)
def test_translating_the_studys_names(as_persona, persona: str, study, first_side):
    """On the site's names page and in the study's admin: the chief editor's."""
    client = as_persona(persona)
    site = client.post(
        "/en/studies/asia-pacific/names/ja/",
        {"study-title": "アジア太平洋", f"side-{first_side.pk}-label": "日本"},
    )
    admin = client.post(
        f"/admin/positions/study/{study.pk}/change/",
        study_form(study)
        | {
            "translations-TOTAL_FORMS": "1",
            "translations-0-study": study.pk,
            "translations-0-language": "ru",
            "translations-0-title": "Безопасность",
        },
    )
    languages = set(StudyTranslation.objects.values_list("language", flat=True))
    if persona == "chief":
        assert (site.status_code, admin.status_code) == (302, 302), errors(admin)
        assert languages == {"ja", "ru"}
        assert SideTranslation.objects.get().label == "日本"
    else:
        assert site.status_code in DENIED and admin.status_code in DENIED
        assert not languages and not SideTranslation.objects.exists()
