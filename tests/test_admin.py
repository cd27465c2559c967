"""The editors' admin: a chapter with its papers and points in one page, and the rest."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from positions.models import (
    Agreement,
    Author,
    Chapter,
    Institute,
    Paper,
    Point,
    Side,
    Study,
)
from tests.helpers import chapter_form, management, messages_of

ADD_CHAPTER = "/admin/positions/chapter/add/"


@pytest.fixture
def yamada(first_side: Side) -> Author:
    return Author.objects.create(name="Taro Yamada", slug="taro-yamada")


# The add-a-chapter page


def test_the_add_page_picks_authors_and_tags_by_autocomplete(admin_client: Client) -> None:
    response = admin_client.get(ADD_CHAPTER)

    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="papers-0-authors"' in html
    assert 'data-ajax--url="/admin/autocomplete/"' in html
    assert 'data-model-name="paper" data-field-name="authors"' in html
    assert 'name="papers-0-tags"' in html
    assert 'data-tag-names-url="/admin/taggit/tag/names/"' in html
    assert "/static/positions/admin/tag-autocomplete.js" in html
    assert 'name="points-0-question"' in html


def test_it_adds_a_chapter_with_its_papers_and_points_in_one_request(
    admin_client: Client,
    client: Client,
    study: Study,
    first_side: Side,
    second_side: Side,
    sato: Author,
    ivanova: Author,
    yamada: Author,
) -> None:
    data = chapter_form(
        {"study": study.pk, "number": "3", "title": "Missile defense", "tags": "security"},
        papers=[
            {
                "side": first_side.pk,
                "title": "A defensive shield",
                # Picked Yamada first: neither alphabetical nor the order of creation.
                "authors": [yamada.pk, sato.pk],
                "status": "published",
                "body": "# Purpose\n\nThe shield is defensive.\n\nIt protects the islands.",
                "tags": "alliance, missile defense",
            },
            {
                "side": second_side.pk,
                "title": "A threat to strategic stability",
                "authors": [ivanova.pk],
                "status": "published",
                "body": "The shield upsets the balance.",
                "tags": "strategic stability",
            },
        ],
        points=[
            {
                "question": "Is the shield defensive?",
                "slug": "shield",
                "agreement": "disagree",
                "first_stance": "Purely defensive.",
                "second_stance": "Destabilising.",
                "first_passage": "#p1",
                "second_passage": "p1",
                "order": "1",
                "tags": "missile defense",
            },
            {
                # No slug: it is made from the question.
                "question": "Terrorism and proliferation",
                "agreement": "agree",
                "first_stance": "A shared threat.",
                "second_stance": "A shared threat too.",
                "order": "2",
            },
        ],
    )

    response = admin_client.post(ADD_CHAPTER, data)

    assert response.status_code == 302, response.context["errors"]
    chapter = Chapter.objects.get()
    assert (chapter.study, chapter.number) == (study, 3)
    assert sorted(tag.name for tag in chapter.tags.all()) == ["security"]
    # Only the workflow publishes: the posted statuses are ignored, all starts as a draft.
    assert (chapter.status, chapter.published_on) == (Chapter.Status.DRAFT, None)
    first, second = chapter.papers.order_by("side__position")
    assert first.study == study
    assert (first.status, first.published_on) == (Paper.Status.DRAFT, None)
    assert (second.status, second.published_on) == (Paper.Status.DRAFT, None)
    assert '<p id="nids-p1">The shield is defensive.</p>' in first.body_html
    assert first.author_list() == [yamada, sato]
    assert second.author_list() == [ivanova]
    assert sorted(tag.name for tag in first.tags.all()) == ["alliance", "missile defense"]
    shield, threats = chapter.points.all()
    assert (shield.slug, shield.first_passage, shield.second_passage) == ("shield", "p1", "p1")
    assert [tag.name for tag in shield.tags.all()] == ["missile defense"]
    assert threats.slug == "terrorism-and-proliferation"

    # Readers wait for the chief editor to publish it; the team sees it all already.
    assert client.get("/en/studies/asia-pacific/chapters/3/").status_code == 404
    page = admin_client.get("/en/studies/asia-pacific/chapters/3/")
    assert page.status_code == 200
    text = page.content.decode()
    for expected in [
        "A defensive shield",
        "A threat to strategic stability",
        "Is the shield defensive?",
        "Terrorism and proliferation",
    ]:
        assert expected in text


def test_it_refuses_a_paper_by_a_side_of_another_study(
    admin_client: Client, study: Study, other_study: Study
) -> None:
    foreign_side = other_study.sides.get(position=1)
    data = chapter_form(
        {"study": study.pk, "number": "3", "title": "Energy"},
        papers=[{"side": foreign_side.pk, "title": "Pipelines", "body": "Gas."}],
    )

    response = admin_client.post(ADD_CHAPTER, data)

    assert response.status_code == 200
    assert "This side belongs to another study" in response.content.decode()
    assert not Chapter.objects.exists()
    assert not Paper.objects.exists()


def test_a_chapters_papers_are_offered_only_the_sides_of_its_study(
    admin_client: Client, chapter: Chapter, other_study: Study
) -> None:
    response = admin_client.get(f"/admin/positions/chapter/{chapter.pk}/change/")

    html = response.content.decode()
    assert "Japan (NIDS)" in html
    assert "Side 1 (IES)" not in html


def test_it_labels_stances_with_the_names_of_the_sides(
    admin_client: Client, chapter: Chapter
) -> None:
    response = admin_client.get(f"/admin/positions/chapter/{chapter.pk}/change/")

    html = response.content.decode()
    assert "Japan (NIDS) stance" in html
    assert "Russia (CMSS GS) passage" in html


def test_it_refuses_a_disagreement_with_an_empty_stance(admin_client: Client, study: Study) -> None:
    data = chapter_form(
        {"study": study.pk, "number": "3", "title": "Energy"},
        points=[
            {
                "question": "Pipelines",
                "slug": "pipelines",
                "agreement": "disagree",
                "first_stance": "Needed.",
            }
        ],
    )

    response = admin_client.post(ADD_CHAPTER, data)

    assert response.status_code == 200
    assert "Both sides need a stance" in response.content.decode()
    assert not Chapter.objects.exists()


def test_it_refuses_a_passage_that_the_posted_paper_does_not_have(
    admin_client: Client, study: Study, first_side: Side
) -> None:
    data = chapter_form(
        {"study": study.pk, "number": "3", "title": "Energy"},
        papers=[{"side": first_side.pk, "title": "Pipelines", "body": "One.\n\nTwo."}],
        points=[
            {
                "question": "Pipelines",
                "slug": "pipelines",
                "agreement": "agree",
                "first_stance": "Needed.",
                "second_stance": "Needed too.",
                "first_passage": "p9",
                "second_passage": "p1",
            }
        ],
    )

    response = admin_client.post(ADD_CHAPTER, data)

    html = response.content.decode()
    assert response.status_code == 200
    assert "“p9” is not a passage of “Pipelines”. Its passages: p1, p2." in html
    assert "This side has no paper in the chapter yet." in html
    assert not Chapter.objects.exists()


def test_it_refuses_a_passage_that_a_saved_paper_does_not_have(
    admin_client: Client, chapter: Chapter, first_paper: Paper, second_paper: Paper
) -> None:
    data = chapter_form(
        {"study": chapter.study_id, "number": "2", "title": chapter.title},
        papers=[
            {
                "id": paper.pk,
                "side": paper.side_id,
                "title": paper.title,
                "authors": [author.pk for author in paper.author_list()],
                "status": paper.status,
                "published_on": paper.published_on.isoformat(),
                "abstract": paper.abstract,
                "body": paper.body,
            }
            for paper in [first_paper, second_paper]
        ],
        points=[
            {
                "question": "Missile defense",
                "slug": "missile-defense",
                "agreement": "disagree",
                "first_stance": "Defensive.",
                "second_stance": "Destabilising.",
                "first_passage": "p7",
            }
        ],
        initial_papers=2,
    )

    response = admin_client.post(f"/admin/positions/chapter/{chapter.pk}/change/", data)

    assert response.status_code == 200
    assert "“p7” is not a passage of “The alliance as the cornerstone”" in (
        response.content.decode()
    )
    assert not Point.objects.exists()


def test_it_saves_a_new_order_of_the_authors(
    admin_client: Client, chapter: Chapter, first_paper: Paper, sato: Author, yamada: Author
) -> None:
    # Once approved, a paper's authors are its side's to change: the chief editor's
    # chapter page changes those of a draft.
    Paper.objects.filter(pk=first_paper.pk).update(status=Paper.Status.DRAFT)
    first_paper.authorships.create(author=yamada, order=2)
    fields = {
        "id": first_paper.pk,
        "side": first_paper.side_id,
        "title": first_paper.title,
        "status": first_paper.status,
        "published_on": first_paper.published_on.isoformat(),
        "abstract": first_paper.abstract,
        "body": first_paper.body,
    }
    data = chapter_form(
        {"study": chapter.study_id, "number": "2", "title": chapter.title},
        papers=[fields | {"authors": [yamada.pk, sato.pk]}],
        initial_papers=1,
    )

    response = admin_client.post(f"/admin/positions/chapter/{chapter.pk}/change/", data)

    assert response.status_code == 302
    assert first_paper.author_list() == [yamada, sato]


def test_it_keeps_a_chapter_with_papers_in_its_study(
    admin_client: Client, chapter: Chapter, first_paper: Paper, other_study: Study
) -> None:
    data = chapter_form({"study": other_study.pk, "number": "2", "title": chapter.title})
    data |= management("papers", 0, 0) | management("points", 0, 0)

    response = admin_client.post(f"/admin/positions/chapter/{chapter.pk}/change/", data)

    assert response.status_code == 200
    assert "cannot move to another study" in response.content.decode()
    chapter.refresh_from_db()
    assert chapter.study_id == first_paper.study_id


# What the sanitizer removes


UNSAFE_BODY = (
    "Safe text.\n\n"
    "<script>alert('x')</script>\n\n"
    "[a trap](javascript:alert(1))\n\n"
    '<p><a href="https://example.org" onclick="steal()">a link</a></p>\n'
)


def test_saving_a_paper_warns_about_what_the_sanitizer_removed(
    admin_client: Client, first_paper: Paper, sato: Author
) -> None:
    # The chief editor (here the superuser) changes the words of a draft only.
    Paper.objects.filter(pk=first_paper.pk).update(status=Paper.Status.DRAFT)
    authorship = first_paper.authorships.get()
    data = {
        "chapter": first_paper.chapter_id,
        "side": first_paper.side_id,
        "title": first_paper.title,
        "status": "draft",
        "published_on": "",
        "abstract": "",
        "body": UNSAFE_BODY,
        "tags": "",
        **management("authorships", 1, 1),
        **management("translations", 0),
        "authorships-0-id": authorship.pk,
        "authorships-0-paper": first_paper.pk,
        "authorships-0-author": sato.pk,
        "authorships-0-order": "1",
    }

    response = admin_client.post(
        f"/admin/positions/paper/{first_paper.pk}/change/", data, follow=True
    )

    assert response.status_code == 200
    warning = next(m for m in messages_of(response) if m.startswith("In “"))
    assert warning.startswith("In “The alliance as the cornerstone”: ")
    assert "Removed 1 <script> element(s) with their content." in warning
    assert "“javascript:” address" in warning
    assert "“onclick” attribute" in warning
    first_paper.refresh_from_db()
    # The refused link stays as plain text; no element or attribute carries it.
    for removed in ["<script", "alert('x')", 'href="javascript:', "onclick", "steal"]:
        assert removed not in first_paper.body_html
    assert "Safe text." in first_paper.body_html


def test_a_paper_added_with_its_chapter_warns_about_what_was_removed(
    admin_client: Client, study: Study, first_side: Side
) -> None:
    data = chapter_form(
        {"study": study.pk, "number": "3", "title": "Energy"},
        papers=[{"side": first_side.pk, "title": "Pipelines", "body": UNSAFE_BODY}],
    )

    response = admin_client.post(ADD_CHAPTER, data, follow=True)

    warnings = [m for m in messages_of(response) if m.startswith("In “Pipelines”")]
    assert len(warnings) == 1
    assert "<script>" in warnings[0]
    assert "<script" not in Paper.objects.get().body_html


def test_the_paper_page_shows_the_problems_and_a_preview(
    admin_client: Client, first_paper: Paper
) -> None:
    first_paper.body = UNSAFE_BODY
    first_paper.save()

    response = admin_client.get(f"/admin/positions/paper/{first_paper.pk}/change/")

    html = response.content.decode()
    assert "Problems found when rendering" in html
    assert "Removed 1 &lt;script&gt; element(s) with their content." in html
    preview = html[html.index('<div class="paper-preview">') :]
    assert preview.startswith('<div class="paper-preview"><p id="nids-p1">Safe text.</p>')
    assert "onclick" not in preview[: preview.index("</div>")]


# Papers and chapters in bulk: the workflow's actions (see also test_admin_workflow)


def test_sending_papers_for_review_moves_only_drafts(
    admin_client: Client, first_paper: Paper, second_paper: Paper
) -> None:
    Paper.objects.filter(pk=first_paper.pk).update(status=Paper.Status.DRAFT)
    Paper.objects.filter(pk=second_paper.pk).update(status=Paper.Status.APPROVED)

    response = admin_client.post(
        "/admin/positions/paper/",
        {"action": "submit", "_selected_action": [first_paper.pk, second_paper.pk]},
        follow=True,
    )

    found = messages_of(response)
    assert "1 paper: sent for review." in found
    assert any(m.startswith("“Towards collective security”: ") for m in found), found
    statuses = dict(Paper.objects.values_list("pk", "status"))
    assert statuses == {first_paper.pk: "in_review", second_paper.pk: "approved"}


def test_returning_papers_to_draft_changes_those_in_review_or_approved(
    admin_client: Client, first_paper: Paper, second_paper: Paper, sato: Author
) -> None:
    Paper.objects.filter(pk=first_paper.pk).update(status=Paper.Status.APPROVED)
    Paper.objects.filter(pk=second_paper.pk).update(status=Paper.Status.IN_REVIEW)
    third = Paper.objects.create(
        chapter=Chapter.objects.create(study=first_paper.study, number=3, title="Energy"),
        side=first_paper.side,
        title="Pipelines",
        status=Paper.Status.PUBLISHED,
        published_on=datetime.date(2007, 3, 1),
    )

    response = admin_client.post(
        "/admin/positions/paper/",
        {
            "action": "return_to_draft",
            "_selected_action": [first_paper.pk, second_paper.pk, third.pk],
        },
        follow=True,
    )

    found = messages_of(response)
    assert "2 papers: returned to draft." in found
    # A published paper goes back only with its chapter, unpublished.
    assert any(m.startswith("“Pipelines”: ") for m in found), found
    statuses = dict(Paper.objects.values_list("pk", "status"))
    assert statuses == {first_paper.pk: "draft", second_paper.pk: "draft", third.pk: "published"}
    # The day they were first published is kept for when they are published again.
    assert set(Paper.objects.values_list("published_on", flat=True)) == {datetime.date(2007, 3, 1)}


def test_approving_is_refused_to_the_superuser_who_is_no_sides_editor(
    admin_client: Client, first_paper: Paper
) -> None:
    Paper.objects.filter(pk=first_paper.pk).update(status=Paper.Status.IN_REVIEW)

    response = admin_client.post(
        "/admin/positions/paper/",
        {"action": "approve", "_selected_action": [first_paper.pk]},
        follow=True,
    )

    assert messages_of(response) == [
        "“The alliance as the cornerstone”: Only an editor of the Japan side can approve its paper."
    ]
    first_paper.refresh_from_db()
    assert first_paper.status == Paper.Status.IN_REVIEW


def test_publishing_a_chapter_sets_its_status_and_date_and_its_papers(
    admin_client: Client, chapter: Chapter, first_paper: Paper, second_paper: Paper
) -> None:
    Chapter.objects.filter(pk=chapter.pk).update(status=Chapter.Status.DRAFT, published_on=None)
    Paper.objects.update(status=Paper.Status.APPROVED)

    response = admin_client.post(
        "/admin/positions/chapter/",
        {"action": "publish", "_selected_action": [chapter.pk]},
        follow=True,
    )

    assert "1 chapter published." in messages_of(response)
    chapter.refresh_from_db()
    assert (chapter.status, chapter.published_on) == ("published", datetime.date.today())
    for paper in Paper.objects.all():
        # Published before: the first day is kept.
        assert (paper.status, paper.published_on) == ("published", datetime.date(2007, 3, 1))


# Lists, filters and search


@pytest.mark.parametrize(
    ("url", "found"),
    [
        ("/admin/positions/paper/", 2),
        ("/admin/positions/paper/?q=alliance&status__exact=published", 1),
        ("/admin/positions/paper/?q=alliance&status__exact=draft", 0),
        ("/admin/positions/paper/?q=Sato&study__id__exact={study}&side__id__exact={side}", 1),
        ("/admin/positions/paper/?chapter__id__exact={chapter}", 2),
        ("/admin/positions/point/", 2),
        ("/admin/positions/point/?q=missile&agreement__exact=disagree", 1),
        (
            "/admin/positions/point/?chapter__study__id__exact={study}&chapter__id__exact={chapter}",
            2,
        ),
        ("/admin/positions/chapter/?q=regional&study__id__exact={study}", 1),
        ("/admin/positions/chapter/?q=nothing-like-this", 0),
        ("/admin/positions/author/?q=佐藤", 1),
        ("/admin/positions/study/?q=Asia", 1),
        ("/admin/positions/institute/?q=NIDS", 1),
        ("/admin/taggit/tag/?q=missile", 1),
    ],
)
def test_the_lists_filter_and_search(
    admin_client: Client,
    url: str,
    found: int,
    first_paper: Paper,
    disagreement: Point,
    agreement: Point,
) -> None:
    first_paper.tags.add("missile defense")
    ids = {"study": first_paper.study_id, "side": first_paper.side_id}
    url = url.format(chapter=first_paper.chapter_id, **ids)

    response = admin_client.get(url)

    assert response.status_code == 200
    assert response.context["cl"].result_count == found


def test_the_chapter_and_side_filters_appear_once_a_study_is_chosen(
    admin_client: Client, first_paper: Paper, other_study: Study
) -> None:
    theirs = Chapter.objects.create(study=other_study, number=1, title="Pipelines")
    # A filter with a single choice is not shown.
    Chapter.objects.create(study=first_paper.study, number=3, title="Energy")
    html = admin_client.get("/admin/positions/paper/").content.decode()
    assert "chapter__id__exact" not in html and "side__id__exact" not in html
    assert other_study.title in html  # the study filter offers every study

    html = admin_client.get(
        f"/admin/positions/paper/?study__id__exact={first_paper.study_id}"
    ).content.decode()
    assert f"chapter__id__exact={first_paper.chapter_id}" in html
    assert f"side__id__exact={first_paper.side_id}" in html
    assert f"chapter__id__exact={theirs.pk}" not in html


def test_the_filters_name_only_the_studies_of_the_person(
    client: Client, first_editor: User, first_paper: Paper, other_study: Study
) -> None:
    Chapter.objects.create(study=other_study, number=1, title="Pipelines")
    client.force_login(first_editor)
    html = client.get("/admin/positions/paper/").content.decode()
    assert "The alliance as the cornerstone" in html and other_study.title not in html
    html = client.get(f"/admin/positions/paper/?study__id__exact={other_study.pk}").content.decode()
    assert "Pipelines" not in html


def test_searching_papers_finds_them_by_author(
    admin_client: Client, first_paper: Paper, second_paper: Paper
) -> None:
    response = admin_client.get("/admin/positions/paper/?q=Ivanova")

    assert list(response.context["cl"].result_list) == [second_paper]
    assert '<a href="/en/studies/asia-pacific/chapters/2/cmss-gs/">View</a>' in (
        response.content.decode()
    )


def test_the_paper_list_runs_as_many_queries_for_more_papers(
    admin_client: Client,
    study: Study,
    first_paper: Paper,
    second_paper: Paper,
    sato: Author,
    django_assert_num_queries,
) -> None:
    admin_client.get("/admin/positions/paper/")  # warm the session and content types
    with CaptureQueriesContext(connection) as two_papers:
        admin_client.get("/admin/positions/paper/")
    for number in [3, 4]:
        chapter = Chapter.objects.create(study=study, number=number, title=f"Chapter {number}")
        for side in study.sides.all():
            paper = Paper.objects.create(chapter=chapter, side=side, title=f"Paper {number}")
            paper.authorships.create(author=sato)

    with django_assert_num_queries(len(two_papers.captured_queries)):
        admin_client.get("/admin/positions/paper/")


def test_each_page_of_the_paper_list_shows_its_papers_in_order(
    admin_client: Client, study: Study, first_paper: Paper, second_paper: Paper, monkeypatch
) -> None:
    """The pages are found by their papers' ids first (IdsFirstPaginator)."""
    from positions.admin.papers import PaperAdmin

    monkeypatch.setattr(PaperAdmin, "list_per_page", 2)
    later = Chapter.objects.create(study=study, number=3, title="Chapter 3")
    third = Paper.objects.create(chapter=later, side=first_paper.side, title="A third paper")

    pages = []
    for page in [1, 2]:
        response = admin_client.get(f"/admin/positions/paper/?p={page}")
        assert response.status_code == 200
        pages.append([paper.title for paper in response.context["cl"].result_list])
        assert "3 papers" in response.content.decode()

    # By chapter, then by side.
    assert pages == [[first_paper.title, second_paper.title], [third.title]]


# Autocomplete


def test_the_tag_names_are_given_to_staff(staff_client: Client, first_paper: Paper) -> None:
    first_paper.tags.add("missile defense", "alliance", "defense budget")

    response = staff_client.get("/admin/taggit/tag/names/?q=def")

    assert response.status_code == 200
    assert response.json() == {"names": ["defense budget", "missile defense"]}


def test_the_tag_names_are_refused_to_anonymous_users(client: Client, db) -> None:
    response = client.get("/admin/taggit/tag/names/?q=def")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_authors_are_found_by_autocomplete_for_a_paper(
    admin_client: Client, sato: Author, ivanova: Author
) -> None:
    for source in [
        "model_name=authorship&field_name=author",
        "model_name=paper&field_name=authors",
    ]:
        response = admin_client.get(f"/admin/autocomplete/?app_label=positions&{source}&term=Sa")

        assert response.status_code == 200
        assert [result["text"] for result in response.json()["results"]] == [
            "Hanako Sato (佐藤花子)"
        ]


# Studies


def test_a_study_needs_exactly_two_sides(admin_client: Client, db) -> None:
    institute = Institute.objects.create(name="NIDS", abbreviation="NIDS", country="Japan")
    data = {
        "title": "A study",
        "slug": "a-study",
        "period": "",
        "language": "en",
        "introduction": "",
        **management("sides", 1),
        "sides-0-position": "1",
        "sides-0-institute": institute.pk,
        "sides-0-label": "Japan",
        "sides-0-language": "ja",
        "sides-0-slug": "nids",
    }

    response = admin_client.post("/admin/positions/study/add/", data)

    assert response.status_code == 200
    assert "Please submit at least 2 forms." in response.content.decode()
    assert not Study.objects.exists()


def test_the_admin_is_named_for_the_site(admin_client: Client) -> None:
    response = admin_client.get("/admin/")

    html = response.content.decode()
    assert "Positions administration" in html
    assert 'href="/"' in html


def test_point_admin_shows_the_agreements(admin_client: Client, disagreement: Point) -> None:
    response = admin_client.get(f"/admin/positions/point/{disagreement.pk}/change/")

    assert response.status_code == 200
    assert "Japan (NIDS) stance" in response.content.decode()
    assert f'<option value="disagree" selected>{Agreement.DISAGREE.label}</option>' in (
        response.content.decode()
    )


def test_the_paper_page_refuses_a_side_of_another_study(
    admin_client: Client, chapter: Chapter, other_study: Study
) -> None:
    data = {
        "chapter": chapter.pk,
        "side": other_study.sides.get(position=1).pk,
        "title": "Pipelines",
        "status": "draft",
        "published_on": "",
        "abstract": "",
        "body": "Gas.",
        "tags": "",
        **management("authorships", 0),
        **management("translations", 0),
    }

    response = admin_client.post("/admin/positions/paper/add/", data)

    assert response.status_code == 200
    assert "This side belongs to another study" in response.content.decode()
    assert not Paper.objects.exists()


def test_the_point_page_refuses_one_side_only_with_two_stances(
    admin_client: Client, disagreement: Point
) -> None:
    data = {
        "chapter": disagreement.chapter_id,
        "question": disagreement.question,
        "slug": disagreement.slug,
        "agreement": "one_side",
        "first_stance": "Defensive.",
        "second_stance": "Destabilising.",
        "first_passage": "",
        "second_passage": "",
        "order": "1",
        "tags": "",
    }

    response = admin_client.post(f"/admin/positions/point/{disagreement.pk}/change/", data)

    assert response.status_code == 200
    assert "exactly one side states a stance" in response.content.decode()
    disagreement.refresh_from_db()
    assert disagreement.agreement == Agreement.DISAGREE
