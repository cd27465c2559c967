"""/api/papers/ and a paper: published papers only, with their texts and translations."""

import datetime

import pytest

from positions.api.views import SIDE_NEEDS_STUDY
from positions.models import Chapter, Paper, PaperTranslation, Study
from tests.api_content import HIDDEN, hidden_content

PAPER = "/api/studies/asia-pacific/chapters/2/papers/nids/"


@pytest.fixture
def content(study, first_side, second_side, first_paper, second_paper) -> None:
    hidden_content(study, first_side, second_side)


@pytest.fixture
def japanese(first_paper: Paper) -> PaperTranslation:
    translation = PaperTranslation(
        paper=first_paper, language="ja", title="礎としての同盟", body="同盟は続く。"
    )
    translation.follow_original()
    translation.save()
    return translation


def test_a_paper_gives_its_text_in_markdown_and_html(client, content, first_paper):
    data = client.get(PAPER).json()
    assert data["title"] == "The alliance as the cornerstone"
    assert (data["study"], data["chapter"], data["side"], data["language"]) == (
        "asia-pacific",
        2,
        "nids",
        "en",
    )
    assert data["body"] == first_paper.body
    assert data["body_html"] == first_paper.body_html
    assert '<p id="nids-p1">' in data["body_html"]
    assert data["published_on"] == "2007-03-01"
    assert [author["slug"] for author in data["authors"]] == ["hanako-sato"]
    assert data["url"] == "http://testserver/studies/asia-pacific/chapters/2/nids/"
    assert data["api_url"] == "http://testserver" + PAPER


def test_a_paper_gives_its_translations_and_whether_they_are_current(
    client, content, first_paper, japanese
):
    [translation] = client.get(PAPER).json()["translations"]
    assert translation["language"] == "ja"
    assert translation["title"] == "礎としての同盟"
    assert translation["body_html"] == '<p id="nids-p1">同盟は続く。</p>\n'
    assert translation["current"] is True
    assert translation["url"].endswith("/studies/asia-pacific/chapters/2/nids/?text=ja")
    first_paper.body += "\n\nA new paragraph."
    first_paper.save()
    [translation] = client.get(PAPER).json()["translations"]
    assert translation["current"] is False


def test_answers_are_utf8_not_escapes(client, content, japanese):
    assert "礎としての同盟".encode() in client.get(PAPER).content


def test_papers_list_only_published_papers_in_reading_order(client, content):
    data = client.get("/api/papers/").json()
    assert data["count"] == 2
    assert [(paper["chapter"], paper["side"]) for paper in data["results"]] == [
        (2, "nids"),
        (2, "cmss-gs"),
    ]


@pytest.mark.parametrize(
    ("query", "sides"),
    [
        ("study=asia-pacific&side=nids", ["nids"]),
        ("study=asia-pacific&side=cmss-gs", ["cmss-gs"]),
        ("study=asia-pacific&chapter=2", ["nids", "cmss-gs"]),
        ("study=elsewhere", []),
        ("chapter=3", []),
        ("tag=alliances", ["nids"]),
        ("language=en", ["nids", "cmss-gs"]),
        ("language=ru", []),
    ],
)
def test_papers_filter(client, content, first_paper, query, sides):
    first_paper.tags.add("alliances")
    data = client.get(f"/api/papers/?{query}").json()
    assert [paper["side"] for paper in data["results"]] == sides


def test_the_language_filter_takes_the_sides_language_when_the_paper_gives_none(
    client, content, second_paper
):
    second_paper.language = ""
    second_paper.save()
    data = client.get("/api/papers/?language=ru").json()
    assert [paper["side"] for paper in data["results"]] == ["cmss-gs"]
    assert data["results"][0]["language"] == "ru"


@pytest.fixture
def japan_sweden(japan_sweden: Study) -> Study:
    """The second study (tests/conftest.py), with a published paper by its nids side."""
    study = japan_sweden
    chapter = Chapter.objects.create(
        study=study,
        number=1,
        title="The Arctic",
        status=Chapter.Status.PUBLISHED,
        published_on=datetime.date(2012, 6, 1),
    )
    Paper.objects.create(
        chapter=chapter,
        side=study.sides.get(position=1),
        title="Sea lanes in the north",
        body="Ice recedes.",
        status=Paper.Status.PUBLISHED,
        published_on=datetime.date(2012, 6, 1),
    )
    return study


def test_a_side_filter_without_its_study_is_refused_naming_the_study(client, content, japan_sweden):
    response = client.get("/api/papers/?side=nids")
    assert response.status_code == 422
    assert response.json() == {
        "detail": [{"type": "missing", "loc": ["query", "study"], "msg": SIDE_NEEDS_STUDY}]
    }
    assert "add study=" in SIDE_NEEDS_STUDY


def test_a_side_filter_with_its_study_gives_only_that_studys_papers(client, content, japan_sweden):
    assert {paper["study"] for paper in client.get("/api/papers/").json()["results"]} == {
        "asia-pacific",
        "japan-sweden",
    }
    for study, title in [
        ("asia-pacific", "The alliance as the cornerstone"),
        ("japan-sweden", "Sea lanes in the north"),
    ]:
        data = client.get(f"/api/papers/?study={study}&side=nids").json()
        assert [(paper["study"], paper["title"]) for paper in data["results"]] == [(study, title)]


def test_the_schema_says_the_side_filter_needs_the_study(client):
    parameters = client.get("/api/schema/").json()["paths"]["/api/papers/"]["get"]["parameters"]
    [side] = [parameter for parameter in parameters if parameter["name"] == "side"]
    assert "Needs study" in side["description"]


def test_papers_come_in_pages_with_links(client, content):
    first = client.get("/api/papers/?page_size=1&side=").json()
    assert (first["count"], first["pages"], first["previous"]) == (2, 2, None)
    assert first["next"] == "http://testserver/api/papers/?page_size=1&side=&page=2"
    second = client.get(first["next"]).json()
    assert second["results"][0]["side"] == "cmss-gs"
    assert second["next"] is None
    assert second["previous"] == "http://testserver/api/papers/?page_size=1&side=&page=1"


@pytest.mark.parametrize(
    ("query", "status"),
    [("page=3", 404), ("page=0", 422), ("page_size=101", 422), ("page=two", 422)],
)
def test_bad_pages_are_refused_with_what_is_wrong(client, content, query, status):
    response = client.get(f"/api/papers/?{query}")
    assert response.status_code == status
    if status == 422:
        [problem] = response.json()["detail"]
        assert problem["loc"][0] == "query"
        assert problem["msg"]


def test_no_draft_or_unpublished_paper_is_answered(client, content):
    for url in ["/api/papers/", "/api/papers/?tag=draft-tag", "/api/papers/?chapter=5"]:
        response = client.get(url)
        assert response.status_code == 200
        assert HIDDEN not in response.content.decode(), url
    for url in [
        "/api/studies/asia-pacific/chapters/5/papers/nids/",
        "/api/studies/asia-pacific/chapters/4/papers/cmss-gs/",
    ]:
        assert client.get(url).status_code == 404, url


def test_papers_run_five_queries_and_a_paper_five(
    client, content, japanese, first_paper, second_paper, django_assert_num_queries
):
    first_paper.tags.add("alliances")
    second_paper.tags.add("alliances", "missile defense")
    with django_assert_num_queries(5):
        client.get("/api/papers/")
    with django_assert_num_queries(5):
        client.get(PAPER)
