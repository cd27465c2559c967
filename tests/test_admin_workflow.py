"""The sign-off workflow through the admin: each side approves its own paper, then the
chief editor publishes the chapter (see `positions.workflow.publication`).

The papers' list has the actions "submit", "approve" and "return_to_draft", the
chapters' list "publish" and "unpublish". The fixtures' chapter is published; most
tests take it back for revision first (`revising`), which leaves its papers drafts
that keep the day they were first published.
"""

import datetime
import re
from types import SimpleNamespace
from typing import Any

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone
from django.utils.formats import date_format

from positions.models import Chapter, Paper, Step
from positions.workflow import publication as workflow
from tests.helpers import chapter_form, messages_of, signed_in

PAPERS = "/admin/positions/paper/"
CHAPTERS = "/admin/positions/chapter/"
FIRST_PUBLISHED = datetime.date(2007, 3, 1)
WORKFLOW_ACTIONS = ["submit", "approve", "return_to_draft"]


def act(client: Client, url: str, action: str, *objects: Any) -> list[str]:
    """Run an action of an admin list on `objects`; return the messages it left."""
    response = client.post(
        url, {"action": action, "_selected_action": [obj.pk for obj in objects]}, follow=True
    )
    return messages_of(response)


def since(paper: Paper) -> str:
    """The date in "in review since …", as the chapter's messages give it."""
    paper.refresh_from_db()
    return date_format(timezone.localtime(paper.status_changed), "j M")


def state(paper: Paper) -> tuple:
    """What a refused action must leave as it was."""
    paper.refresh_from_db()
    return (paper.status, paper.status_changed, paper.published_on, paper.version)


def words(paper: Paper) -> tuple:
    paper.refresh_from_db()
    return (paper.title, paper.abstract, paper.body, paper.body_html, paper.author_list())


def input_tag(html: str, name: str) -> str:
    """The HTML tag of the form field called `name`."""
    found = re.search(rf'<(?:input|textarea|select)\b[^>]*\bname="{name}"[^>]*>', html)
    assert found, f"no field {name}"
    return found.group(0)


@pytest.fixture
def revising(chapter: Chapter, first_paper: Paper, second_paper: Paper) -> Chapter:
    """The chapter taken off the site for a revision: it and its papers are drafts.

    The papers keep the day they were first published; the chapter has none.
    """
    Chapter.objects.filter(pk=chapter.pk).update(status=Chapter.Status.DRAFT, published_on=None)
    Paper.objects.update(status=Paper.Status.DRAFT)
    chapter.refresh_from_db()
    return chapter


# Papers: sent for review, approved, returned


def test_a_side_editor_sends_its_paper_for_review_and_approves_it(
    first_editor: User, revising: Chapter, first_paper: Paper, second_paper: Paper
) -> None:
    kenji = signed_in(first_editor)
    other_before = state(second_paper)

    assert act(kenji, PAPERS, "submit", first_paper) == ["1 paper: sent for review."]
    first_paper.refresh_from_db()
    assert first_paper.status == Paper.Status.IN_REVIEW

    assert act(kenji, PAPERS, "approve", first_paper) == ["1 paper: approved."]
    first_paper.refresh_from_db()
    assert first_paper.status == Paper.Status.APPROVED
    # A move changes no words: no new version for whoever has the paper open.
    assert first_paper.version == 1
    assert state(second_paper) == other_before


def test_a_side_editor_cannot_approve_the_other_sides_paper(
    first_editor: User, revising: Chapter, second_paper: Paper
) -> None:
    Paper.objects.filter(pk=second_paper.pk).update(status=Paper.Status.IN_REVIEW)
    before = state(second_paper)

    found = act(signed_in(first_editor), PAPERS, "approve", second_paper)

    assert found == [
        "“Towards collective security”: Only an editor of the Russia side can approve its paper."
    ]
    assert state(second_paper) == before
    assert not Step.objects.exists()


@pytest.mark.parametrize("persona", ["chief", "superuser"])
def test_the_chief_editor_cannot_approve(
    request, persona: str, revising: Chapter, first_paper: Paper, second_paper: Paper
) -> None:
    Paper.objects.update(status=Paper.Status.IN_REVIEW)
    before = [state(first_paper), state(second_paper)]

    client = signed_in(request.getfixturevalue(persona))
    found = act(client, PAPERS, "approve", first_paper, second_paper)

    assert found == [
        "“The alliance as the cornerstone”: Only an editor of the Japan side can approve "
        "its paper.",
        "“Towards collective security”: Only an editor of the Russia side can approve its paper.",
    ]
    assert [state(first_paper), state(second_paper)] == before
    assert not Step.objects.exists()


def test_a_side_editor_and_the_chief_editor_return_a_paper_to_draft(
    chief: User, first_editor: User, revising: Chapter, first_paper: Paper, second_paper: Paper
) -> None:
    Paper.objects.filter(pk=first_paper.pk).update(status=Paper.Status.APPROVED)
    Paper.objects.filter(pk=second_paper.pk).update(status=Paper.Status.IN_REVIEW)

    assert act(signed_in(first_editor), PAPERS, "return_to_draft", first_paper) == [
        "1 paper: returned to draft."
    ]
    assert act(signed_in(chief), PAPERS, "return_to_draft", second_paper) == [
        "1 paper: returned to draft."
    ]
    assert set(Paper.objects.values_list("status", flat=True)) == {Paper.Status.DRAFT}


def test_a_reviewer_gets_no_workflow_actions(
    reviewer: User, revising: Chapter, first_paper: Paper, second_paper: Paper
) -> None:
    Paper.objects.filter(pk=first_paper.pk).update(status=Paper.Status.IN_REVIEW)
    Paper.objects.filter(pk=second_paper.pk).update(status=Paper.Status.APPROVED)
    client = signed_in(reviewer)

    for url, actions in [(PAPERS, WORKFLOW_ACTIONS), (CHAPTERS, ["publish", "unpublish"])]:
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        for action in actions:
            assert f'value="{action}"' not in html
    before = [state(first_paper), state(second_paper)]
    for action in WORKFLOW_ACTIONS:
        act(client, PAPERS, action, first_paper, second_paper)
    act(client, CHAPTERS, "publish", revising)

    assert [state(first_paper), state(second_paper)] == before
    revising.refresh_from_db()
    assert revising.status == Chapter.Status.DRAFT
    assert not Step.objects.exists()


def test_editors_get_the_papers_actions_and_only_the_chief_editor_the_chapters(
    chief: User, first_editor: User, chapter: Chapter, first_paper: Paper
) -> None:
    for user, chapter_actions in [(chief, True), (first_editor, False)]:
        client = signed_in(user)
        papers = client.get(PAPERS).content.decode()
        for action in WORKFLOW_ACTIONS:
            assert f'value="{action}"' in papers
        chapters = client.get(CHAPTERS).content.decode()
        assert ('value="publish"' in chapters) is chapter_actions
        assert ('value="unpublish"' in chapters) is chapter_actions


# Chapters: published once both sides approved, unpublished, published again


def test_the_chief_editor_publishes_only_when_both_papers_are_approved(
    chief: User,
    first_editor: User,
    second_editor: User,
    revising: Chapter,
    first_paper: Paper,
    second_paper: Paper,
) -> None:
    act(signed_in(first_editor), PAPERS, "submit", first_paper)
    act(signed_in(first_editor), PAPERS, "approve", first_paper)
    olga = signed_in(second_editor)
    act(olga, PAPERS, "submit", second_paper)
    boss = signed_in(chief)
    before = [state(first_paper), state(second_paper)]

    found = act(boss, CHAPTERS, "publish", revising)

    assert found == [
        "2. Factors regulating regional security: The chapter cannot be published yet. "
        f"Russia-side paper: in review since {since(second_paper)}."
    ]
    revising.refresh_from_db()
    assert (revising.status, revising.published_on) == (Chapter.Status.DRAFT, None)
    assert [state(first_paper), state(second_paper)] == before

    act(olga, PAPERS, "approve", second_paper)
    assert act(boss, CHAPTERS, "publish", revising) == ["1 chapter published."]
    revising.refresh_from_db()
    assert revising.status == Chapter.Status.PUBLISHED


def test_the_refusal_names_every_side_still_missing(
    chief: User, revising: Chapter, first_paper: Paper, second_paper: Paper
) -> None:
    second_paper.delete()

    found = act(signed_in(chief), CHAPTERS, "publish", revising)

    assert found == [
        "2. Factors regulating regional security: The chapter cannot be published yet. "
        f"Japan-side paper: draft since {since(first_paper)}; "
        "Russia-side paper: not written yet."
    ]
    revising.refresh_from_db()
    assert revising.status == Chapter.Status.DRAFT


def test_publishing_sets_the_chapter_and_its_papers_published_with_their_dates(
    chief: User, client: Client, revising: Chapter, first_paper: Paper, second_paper: Paper
) -> None:
    Paper.objects.update(status=Paper.Status.APPROVED)
    assert client.get("/en/studies/asia-pacific/chapters/2/").status_code == 404

    assert act(signed_in(chief), CHAPTERS, "publish", revising) == ["1 chapter published."]

    revising.refresh_from_db()
    assert (revising.status, revising.published_on) == ("published", timezone.localdate())
    for paper in [first_paper, second_paper]:
        paper.refresh_from_db()
        # Published before: they keep the day they first were.
        assert (paper.status, paper.published_on) == ("published", FIRST_PUBLISHED)
    page = client.get("/en/studies/asia-pacific/chapters/2/")
    assert page.status_code == 200
    assert "The alliance as the cornerstone" in page.content.decode()


def test_papers_never_published_go_through_review_and_get_todays_date(
    chief: User, first_editor: User, second_editor: User, study, first_side, second_side
) -> None:
    chapter = Chapter.objects.create(study=study, number=3, title="Energy")
    first = Paper.objects.create(chapter=chapter, side=first_side, title="Pipelines")
    second = Paper.objects.create(chapter=chapter, side=second_side, title="Gas")
    for editor, paper in [(first_editor, first), (second_editor, second)]:
        client = signed_in(editor)
        assert act(client, PAPERS, "submit", paper) == ["1 paper: sent for review."]
        assert act(client, PAPERS, "approve", paper) == ["1 paper: approved."]

    assert act(signed_in(chief), CHAPTERS, "publish", chapter) == ["1 chapter published."]

    today = timezone.localdate()
    for paper in [first, second]:
        paper.refresh_from_db()
        assert (paper.status, paper.published_on) == ("published", today)


def test_unpublishing_puts_the_papers_back_to_approved_and_keeps_everything(
    chief: User, client: Client, chapter: Chapter, first_paper: Paper, second_paper: Paper
) -> None:
    kept = [words(first_paper), words(second_paper)]

    assert act(signed_in(chief), CHAPTERS, "unpublish", chapter) == ["1 chapter unpublished."]

    chapter.refresh_from_db()
    assert (chapter.status, chapter.published_on) == ("draft", FIRST_PUBLISHED)
    for paper in [first_paper, second_paper]:
        paper.refresh_from_db()
        assert (paper.status, paper.published_on, paper.version) == (
            "approved",
            FIRST_PUBLISHED,
            1,
        )
    assert [words(first_paper), words(second_paper)] == kept
    assert client.get("/en/studies/asia-pacific/chapters/2/").status_code == 404
    assert client.get("/en/studies/asia-pacific/chapters/2/nids/").status_code == 404


def test_publishing_again_restores_the_chapter_as_it_was(
    chief: User, client: Client, chapter: Chapter, first_paper: Paper, second_paper: Paper
) -> None:
    kept = [words(first_paper), words(second_paper)]
    boss = signed_in(chief)
    act(boss, CHAPTERS, "unpublish", chapter)

    assert act(boss, CHAPTERS, "publish", chapter) == ["1 chapter published."]

    chapter.refresh_from_db()
    assert (chapter.status, chapter.published_on) == ("published", FIRST_PUBLISHED)
    for paper in [first_paper, second_paper]:
        paper.refresh_from_db()
        assert (paper.status, paper.published_on) == ("published", FIRST_PUBLISHED)
    assert [words(first_paper), words(second_paper)] == kept
    page = client.get("/en/studies/asia-pacific/chapters/2/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "The alliance as the cornerstone" in html and "Towards collective security" in html


def test_publishing_or_unpublishing_twice_is_refused(chief: User, chapter: Chapter) -> None:
    boss = signed_in(chief)

    assert act(boss, CHAPTERS, "publish", chapter) == [
        "2. Factors regulating regional security: This chapter is already published."
    ]
    act(boss, CHAPTERS, "unpublish", chapter)
    assert act(boss, CHAPTERS, "unpublish", chapter) == [
        "2. Factors regulating regional security: This chapter is not published."
    ]
    assert list(Step.objects.values_list("action", flat=True)) == ["unpublished"]


def test_each_move_is_recorded_as_a_step_with_who_made_it(
    chief: User,
    first_editor: User,
    second_editor: User,
    revising: Chapter,
    first_paper: Paper,
    second_paper: Paper,
) -> None:
    kenji, olga, boss = signed_in(first_editor), signed_in(second_editor), signed_in(chief)
    act(kenji, PAPERS, "submit", first_paper)
    act(boss, PAPERS, "return_to_draft", first_paper)
    act(kenji, PAPERS, "submit", first_paper)
    act(kenji, PAPERS, "approve", first_paper)
    act(boss, PAPERS, "submit", second_paper)
    act(olga, PAPERS, "approve", second_paper)
    act(boss, CHAPTERS, "publish", revising)
    act(boss, CHAPTERS, "unpublish", revising)
    # Refused: no step.
    act(boss, PAPERS, "approve", first_paper)

    steps = Step.objects.order_by("pk").values_list(
        "action", "user__username", "paper", "side", "chapter"
    )
    first, second = (first_paper.pk, first_paper.side_id), (second_paper.pk, second_paper.side_id)
    assert list(steps) == [
        ("submitted", "kenji", *first, revising.pk),
        ("returned", "chief", *first, revising.pk),
        ("submitted", "kenji", *first, revising.pk),
        ("approved", "kenji", *first, revising.pk),
        ("submitted", "chief", *second, revising.pk),
        ("approved", "olga", *second, revising.pk),
        ("published", "chief", None, None, revising.pk),
        ("unpublished", "chief", None, None, revising.pk),
    ]


# The chapter's page: approved papers are their sides'


def paper_form_data(paper: Paper, **changes: Any) -> dict[str, Any]:
    return {
        "id": paper.pk,
        "side": paper.side_id,
        "title": paper.title,
        "authors": [author.pk for author in paper.author_list()],
        "abstract": paper.abstract,
        "body": paper.body,
        "opened_version": paper.version,
        **changes,
    }


def test_an_approved_papers_fields_are_disabled_in_the_chapter_page(
    chief: User, revising: Chapter, first_paper: Paper, second_paper: Paper
) -> None:
    Paper.objects.filter(pk=first_paper.pk).update(status=Paper.Status.APPROVED)

    html = signed_in(chief).get(f"{CHAPTERS}{revising.pk}/change/").content.decode()

    for name in ["title", "authors", "abstract", "body", "tags", "side"]:
        assert " disabled" in input_tag(html, f"papers-0-{name}"), name
        assert " disabled" not in input_tag(html, f"papers-1-{name}"), name
    assert "Approved by its side: only the Japan side's editors change it now." in html


def test_the_notice_on_an_approved_paper_escapes_the_sides_label(
    chief: User, revising: Chapter, first_paper: Paper, first_side
) -> None:
    """The admin shows help texts as HTML: the label, which chief editors type, is text."""
    Paper.objects.filter(pk=first_paper.pk).update(status=Paper.Status.APPROVED)
    first_side.label = "<b>Japan</b>"
    first_side.save()

    html = signed_in(chief).get(f"{CHAPTERS}{revising.pk}/change/").content.decode()

    assert "only the &lt;b&gt;Japan&lt;/b&gt; side's editors" in html
    assert "only the <b>Japan</b> side's editors" not in html


@pytest.mark.parametrize("posted", ["changed", "as_a_browser"])
def test_a_post_changing_an_approved_paper_in_the_chapter_page_changes_nothing(
    chief: User, revising: Chapter, first_paper: Paper, second_paper: Paper, ivanova, posted: str
) -> None:
    """Neither what is typed into its fields nor their absence (a browser does not
    post disabled fields) saves the approved paper, not even as a new version."""
    Paper.objects.filter(pk=first_paper.pk).update(status=Paper.Status.APPROVED)
    first_paper.refresh_from_db()
    kept, before = words(first_paper), state(first_paper)
    if posted == "changed":
        approved = paper_form_data(
            first_paper,
            title="Rewritten by the chief",
            body="Other words.",
            authors=[ivanova.pk],
            tags="rewritten",
            status="draft",
        )
    else:
        approved = {"id": first_paper.pk}
    data = chapter_form(
        {"study": revising.study_id, "number": "2", "title": revising.title},
        papers=[
            approved,
            # A draft: the chief editor's to change.
            paper_form_data(second_paper, title="Retitled by the chief"),
        ],
        initial_papers=2,
    )

    response = signed_in(chief).post(f"{CHAPTERS}{revising.pk}/change/", data)

    assert response.status_code == 302
    assert words(first_paper) == kept
    assert state(first_paper) == before
    assert not first_paper.tags.exists()
    second_paper.refresh_from_db()
    assert second_paper.title == "Retitled by the chief"


# Published papers are not deleted


@pytest.mark.parametrize("persona", ["chief", "superuser"])
def test_a_published_paper_cannot_be_deleted_through_the_admin(
    request, persona: str, chapter: Chapter, first_paper: Paper, second_paper: Paper
) -> None:
    client = signed_in(request.getfixturevalue(persona))
    delete_page = f"{PAPERS}{first_paper.pk}/delete/"

    assert client.get(delete_page).status_code == 403
    assert client.post(delete_page, {"post": "yes"}).status_code == 403
    response = client.post(
        PAPERS,
        {"action": "delete_selected", "_selected_action": [first_paper.pk], "post": "yes"},
    )
    assert response.status_code == 403
    # Nor by deleting its chapter.
    assert client.post(f"{CHAPTERS}{chapter.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Paper.objects.filter(pk=first_paper.pk).exists()

    # Its box in the chapter page is disabled, and ticking it anyway deletes nothing.
    html = client.get(f"{CHAPTERS}{chapter.pk}/change/").content.decode()
    assert " disabled" in input_tag(html, "papers-0-DELETE")
    data = chapter_form(
        {"study": chapter.study_id, "number": "2", "title": chapter.title},
        papers=[paper_form_data(first_paper, DELETE="on")],
        initial_papers=1,
    )
    assert client.post(f"{CHAPTERS}{chapter.pk}/change/", data).status_code == 302
    assert Paper.objects.filter(pk=first_paper.pk).exists()


def test_an_unpublished_paper_can_be_deleted_by_the_chief_editor(
    chief: User, chapter: Chapter, first_paper: Paper, second_paper: Paper
) -> None:
    client = signed_in(chief)
    act(client, CHAPTERS, "unpublish", chapter)
    delete_page = f"{PAPERS}{first_paper.pk}/delete/"

    assert client.get(delete_page).status_code == 200
    assert client.post(delete_page, {"post": "yes"}).status_code == 302
    assert not Paper.objects.filter(pk=first_paper.pk).exists()


# What keeps a chapter from publication


def test_the_chapter_page_says_what_keeps_it_from_publication(
    chief: User, revising: Chapter, first_paper: Paper, second_paper: Paper
) -> None:
    Paper.objects.filter(pk=first_paper.pk).update(status=Paper.Status.APPROVED)
    Paper.objects.filter(pk=second_paper.pk).update(status=Paper.Status.IN_REVIEW)
    client = signed_in(chief)
    page = f"{CHAPTERS}{revising.pk}/change/"

    html = client.get(page).content.decode()
    assert "Before it can be published" in html
    assert f"<li>Russia-side paper: in review since {since(second_paper)}</li>" in html
    assert "Japan-side paper" not in html

    Paper.objects.filter(pk=second_paper.pk).update(status=Paper.Status.APPROVED)
    assert "Nothing: the chief editor can publish it." in client.get(page).content.decode()

    act(client, CHAPTERS, "publish", revising)
    assert "Nothing: it is published." in client.get(page).content.decode()


def test_a_chapter_saved_from_a_form_opened_before_unpublishing_stays_unpublished(
    rf, chief: User, chapter: Chapter, first_paper: Paper, second_paper: Paper
) -> None:
    stale = Chapter.objects.get(pk=chapter.pk)
    workflow.unpublish_chapter(chapter, chief)
    stale.title = "Retitled while it was being unpublished"
    request = rf.post(CHAPTERS)
    request.user = chief
    # The form as it was opened: its date unchanged.
    form = SimpleNamespace(changed_data=["title"])
    admin.site._registry[Chapter].save_model(request, stale, form=form, change=True)
    chapter.refresh_from_db()
    assert chapter.title == "Retitled while it was being unpublished"
    assert not chapter.is_published and chapter.published_on == FIRST_PUBLISHED
