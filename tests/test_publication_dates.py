"""Dates of record: a study published years before it was entered keeps its own dates.

The chief editor sets when a chapter and each of its papers were published, on the
chapter page (`views_workflow.chapter_dates`) and in the admin; publishing leaves a
date that is set alone, and citations, feeds, JSON-LD and the API give it.
"""

import datetime
import json
import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from positions.models import Chapter, Paper, Study
from positions.workflow import publication as workflow
from tests.helpers import chapter_form, errors, messages_of, paper_data, signed_in

CHAPTER = "/en/studies/asia-pacific/chapters/2/"
DATES = CHAPTER + "dates/"
DAY = datetime.date(2012, 3, 1)
PAPER_DAY = datetime.date(2012, 2, 14)


@pytest.fixture
def past_chapter(chapter: Chapter, first_paper: Paper, second_paper: Paper) -> Chapter:
    """A chapter of 2012 being entered now: written, approved, never published here."""
    Chapter.history.filter(id=chapter.pk).delete()
    Chapter.objects.filter(pk=chapter.pk).update(status=Chapter.Status.DRAFT, published_on=None)
    Paper.objects.filter(chapter=chapter).update(status=Paper.Status.APPROVED, published_on=None)
    chapter.refresh_from_db()
    return chapter


def dates(chapter: str, *papers: Paper, first: str = "", second: str = "") -> dict[str, str]:
    """The dates form as posted: the chapter's date, then the given papers'."""
    data = {"chapter": chapter}
    for paper, day in zip(papers, [first, second], strict=False):
        if paper is not None:
            data[f"paper_{paper.pk}"] = day
    return data


def published_on(obj: Chapter | Paper) -> datetime.date | None:
    return type(obj).objects.values_list("published_on", flat=True).get(pk=obj.pk)


def test_the_chief_editor_sets_the_dates_of_a_chapter_published_years_ago(
    past_chapter: Chapter, first_paper: Paper, second_paper: Paper, chief: User
):
    client = signed_in(chief)
    page = client.get(CHAPTER).content.decode()
    assert 'id="dates"' in page and 'type="date"' in page

    response = client.post(
        DATES, dates("2012-03-01", first_paper, second_paper, first="2012-02-14")
    )

    assert response.status_code == 302
    assert response["Location"].endswith(CHAPTER + "#dates")
    assert published_on(past_chapter) == DAY
    assert published_on(first_paper) == PAPER_DAY
    assert published_on(second_paper) is None
    assert "Publication date set to 2012-03-01" in " ".join(messages_of(response))
    # Kept in the history, with what changed.
    record = Chapter.history.filter(id=past_chapter.pk).first()
    assert record.history_change_reason == "Publication date set to 2012-03-01"
    assert record.history_user == chief
    changes = client.get("/en/studies/asia-pacific/changes/").content.decode()
    assert "Publication date set to 2012-03-01" in changes


def test_publishing_leaves_the_dates_alone_and_papers_take_the_chapters(
    past_chapter: Chapter, first_paper: Paper, second_paper: Paper, chief: User
):
    workflow.set_dates(
        past_chapter, chief, chapter_date=DAY, paper_dates={first_paper.pk: PAPER_DAY}
    )
    workflow.publish_chapter(past_chapter, chief)

    assert published_on(past_chapter) == DAY
    assert published_on(first_paper) == PAPER_DAY
    # Without a date of its own, a paper takes its chapter's: not today's.
    assert published_on(second_paper) == DAY


def test_a_chapter_published_again_gives_todays_date_to_a_paper_new_to_it(
    chapter: Chapter, first_paper: Paper, second_paper: Paper, chief: User
):
    # Published once already (2007), then unpublished; a paper lost its date meanwhile
    # as a paper written anew would have none.
    Chapter.history.create(
        id=chapter.pk,
        study_id=chapter.study_id,
        number=chapter.number,
        title=chapter.title,
        summary=chapter.summary,
        order=chapter.order,
        status=Chapter.Status.PUBLISHED,
        published_on=chapter.published_on,
        history_date=timezone.now(),
        history_type="~",
    )
    workflow.unpublish_chapter(chapter, chief)
    Paper.objects.filter(pk=second_paper.pk).update(published_on=None)

    workflow.publish_chapter(chapter, chief)

    assert published_on(chapter) == datetime.date(2007, 3, 1)
    assert published_on(first_paper) == datetime.date(2007, 3, 1)
    assert published_on(second_paper) == timezone.localdate()


def test_every_citation_the_feed_json_ld_and_the_api_give_the_dates_of_record(
    client: Client, past_chapter: Chapter, first_paper: Paper, second_paper: Paper, chief: User
):
    workflow.set_dates(
        past_chapter, chief, chapter_date=DAY, paper_dates={first_paper.pk: PAPER_DAY}
    )
    workflow.publish_chapter(past_chapter, chief)
    this_year = str(timezone.localdate().year)

    chapter_page = client.get(CHAPTER).content.decode()
    cite_box = chapter_page[chapter_page.index('class="cite') :]
    assert "2012" in cite_box and this_year not in cite_box.split("Accessed")[0]
    chapter_bib = client.get(CHAPTER + "citation.bib").content.decode()
    assert "date = {2012-03-01}" in chapter_bib
    chapter_ris = client.get(CHAPTER + "citation.ris").content.decode()
    assert re.search(r"^PY  - 2012", chapter_ris, re.M)
    assert re.search(r"^DA  - 2012/03/01", chapter_ris, re.M)

    paper_bib = client.get(CHAPTER + "nids/citation.bib").content.decode()
    assert "date = {2012-02-14}" in paper_bib
    paper_ris = client.get(CHAPTER + "nids/citation.ris").content.decode()
    assert re.search(r"^DA  - 2012/02/14", paper_ris, re.M)
    paper_page = client.get(CHAPTER + "nids/").content.decode()
    data = json.loads(re.search(r'application/ld\+json">(.*?)</script>', paper_page, re.S)[1])
    assert data["datePublished"] == "2012-02-14"

    feed = client.get("/en/feed/").content.decode()
    assert "<published>2012-02-14T00:00:00+00:00</published>" in feed
    assert "<published>2012-03-01T00:00:00+00:00</published>" in feed

    api = client.get("/api/studies/asia-pacific/chapters/2/").json()
    assert api["published_on"] == "2012-03-01"
    papers = {paper["side"]: paper for paper in api["papers"]}
    assert papers["nids"]["published_on"] == "2012-02-14"
    assert papers["cmss-gs"]["published_on"] == "2012-03-01"


def test_a_published_chapter_s_date_is_corrected_not_cleared(
    chapter: Chapter, first_paper: Paper, second_paper: Paper, chief: User
):
    client = signed_in(chief)
    response = client.post(
        DATES,
        dates("2006-12-25", first_paper, second_paper, first="2007-03-01", second="2007-03-01"),
    )
    assert response.status_code == 302
    assert published_on(chapter) == datetime.date(2006, 12, 25)
    record = Chapter.history.filter(id=chapter.pk).first()
    assert record.history_change_reason == (
        "Publication date changed from 2007-03-01 to 2006-12-25"
    )

    response = client.post(DATES, dates("", first_paper, second_paper, first="2007-03-01"))

    assert response.status_code == 400
    html = response.content.decode()
    assert "Nothing was saved" in html
    assert "Published, so it keeps a publication date" in html
    # What was typed is on the form again, and nothing changed.
    assert 'value="2007-03-01"' in html
    assert published_on(chapter) == datetime.date(2006, 12, 25)
    assert published_on(second_paper) == datetime.date(2007, 3, 1)


@pytest.mark.parametrize("typed", ["2999-01-01", "1 March 2012", "2012-02-30"])
def test_a_date_in_the_future_or_not_a_date_is_refused_with_a_message(
    past_chapter: Chapter, first_paper: Paper, second_paper: Paper, chief: User, typed: str
):
    response = signed_in(chief).post(DATES, dates(typed, first_paper, second_paper))

    assert response.status_code == 400
    html = response.content.decode()
    assert "cannot be in the future" in html or "Enter a date such as 2012-03-01" in html
    assert f'value="{typed}"' in html
    assert published_on(past_chapter) is None


@pytest.mark.parametrize("who", ["first_editor", "reviewer"])
def test_only_the_chief_editor_sets_dates(
    request, past_chapter: Chapter, first_paper: Paper, second_paper: Paper, who: str
):
    person = request.getfixturevalue(who)
    client = signed_in(person)
    assert 'id="dates"' not in client.get(CHAPTER).content.decode()

    response = client.post(DATES, dates("2012-03-01", first_paper, second_paper))

    assert response.status_code == 403
    assert published_on(past_chapter) is None


def test_readers_cannot_reach_the_dates(client: Client, chapter: Chapter):
    assert 'id="dates"' not in client.get(CHAPTER).content.decode()
    response = client.post(DATES, {"chapter": "2012-03-01"})
    assert response.status_code == 302 and "/sign-in/" in response["Location"]
    assert published_on(chapter) == datetime.date(2007, 3, 1)


def test_the_dates_panel_adds_no_query_to_the_chief_editors_chapter_page(
    django_assert_num_queries, past_chapter: Chapter, chief: User
):
    client = signed_in(chief)
    # As for every member (tests/test_chapter_page.py): session, user, roles, the page's.
    with django_assert_num_queries(9):
        html = client.get(CHAPTER).content.decode()
    assert 'id="dates"' in html


# The admin


def test_the_chief_editor_sets_a_chapter_s_date_in_the_admin(chief: User, past_chapter: Chapter):
    client = signed_in(chief)
    url = f"/admin/positions/chapter/{past_chapter.pk}/change/"
    data = chapter_form(
        {
            "study": past_chapter.study_id,
            "number": "2",
            "title": past_chapter.title,
            "published_on": "2012-03-01",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, errors(response)
    assert published_on(past_chapter) == DAY

    # A date in the future is refused with a message, and nothing changes.
    response = client.post(url, data | {"published_on": "2999-01-01"})
    assert response.status_code == 200
    assert "cannot be in the future" in response.content.decode()
    assert published_on(past_chapter) == DAY


def test_the_study_s_date_is_set_in_the_admin(chief: User, study: Study):
    client = signed_in(chief)
    url = f"/admin/positions/study/{study.pk}/change/"
    assert 'name="published_on"' in client.get(url).content.decode()


def test_the_study_has_its_own_date(client: Client, study: Study, chapter: Chapter):
    Study.objects.filter(pk=study.pk).update(published_on=datetime.date(2012, 5, 1))

    page = client.get("/en/studies/asia-pacific/").content.decode()
    assert "Published 1 May 2012" in page
    api = client.get("/api/studies/asia-pacific/").json()
    assert api["published_on"] == "2012-05-01"


def test_a_side_editor_cannot_set_a_paper_s_date_in_the_admin(
    first_editor: User, past_chapter: Chapter, first_paper: Paper
):
    Paper.objects.filter(pk=first_paper.pk).update(status=Paper.Status.DRAFT)
    first_paper.refresh_from_db()
    client = signed_in(first_editor)
    url = f"/admin/positions/paper/{first_paper.pk}/change/"
    assert 'name="published_on"' not in client.get(url).content.decode()

    response = client.post(url, paper_data(first_paper, published_on="2012-02-14"))

    assert response.status_code == 302
    assert published_on(first_paper) is None


def test_the_chief_editor_sets_a_paper_s_date_in_the_admin(
    chief: User, past_chapter: Chapter, first_paper: Paper
):
    Paper.objects.filter(pk=first_paper.pk).update(status=Paper.Status.DRAFT)
    first_paper.refresh_from_db()
    client = signed_in(chief)
    url = f"/admin/positions/paper/{first_paper.pk}/change/"
    assert 'name="published_on"' in client.get(url).content.decode()

    response = client.post(url, paper_data(first_paper, published_on="2012-02-14"))

    assert response.status_code == 302
    assert published_on(first_paper) == PAPER_DAY


def test_the_chief_editor_corrects_a_published_paper_s_date_on_the_chapter_s_admin_page(
    chief: User, chapter: Chapter, first_paper: Paper, second_paper: Paper
):
    papers = [
        {
            "id": paper.pk,
            "side": paper.side_id,
            "status": paper.status,
            "published_on": day,
            "opened_version": paper.version,
        }
        for paper, day in [(first_paper, "2006-12-01"), (second_paper, "2007-03-01")]
    ]
    data = chapter_form(
        {"study": chapter.study_id, "number": "2", "title": chapter.title},
        papers=papers,
        initial_papers=2,
    )

    response = signed_in(chief).post(f"/admin/positions/chapter/{chapter.pk}/change/", data)

    assert response.status_code == 302, errors(response)
    assert published_on(first_paper) == datetime.date(2006, 12, 1)
    # The side's words are not the chief editor's: the title posted empty is ignored.
    first_paper.refresh_from_db()
    assert first_paper.title == "The alliance as the cornerstone"
    assert first_paper.history.first().history_user == chief
