"""/api/studies/, a study, and a chapter with both papers and its points."""

import datetime

import pytest

from positions.models import (
    Agreement,
    ChapterTranslation,
    InstituteTranslation,
    Point,
    PointTranslation,
    SideTranslation,
    StudyTranslation,
)
from tests.api_content import HIDDEN, hidden_content
from tests.helpers import grow_chapter

CHAPTER = "/api/studies/asia-pacific/chapters/2/"


@pytest.fixture
def content(study, first_side, second_side, chapter, disagreement, agreement) -> None:
    hidden_content(study, first_side, second_side)


def test_studies_list_each_study_with_its_sides_and_published_chapters(client, content):
    data = client.get("/api/studies/").json()
    assert data["count"] == 1
    assert (data["page"], data["pages"], data["next"], data["previous"]) == (1, 1, None, None)
    [study] = data["results"]
    assert study["slug"] == "asia-pacific"
    assert study["chapter_count"] == 2  # chapters 2 and 4; 5 is not published
    assert [(side["position"], side["slug"], side["language"]) for side in study["sides"]] == [
        (1, "nids", "ja"),
        (2, "cmss-gs", "ru"),
    ]
    assert study["sides"][1]["institute"]["abbreviation"] == "CMSS GS"
    assert study["url"] == "http://testserver/studies/asia-pacific/"
    assert study["api_url"] == "http://testserver/api/studies/asia-pacific/"


def test_a_study_lists_its_published_chapters_with_their_agreement(client, content):
    data = client.get("/api/studies/asia-pacific/").json()
    assert [chapter["number"] for chapter in data["chapters"]] == [2, 4]
    assert data["chapters"][0]["agreement"] == {
        "agree": 1,
        "partly": 0,
        "disagree": 1,
        "one_side": 0,
    }
    assert data["chapters"][0]["api_url"] == "http://testserver" + CHAPTER
    assert HIDDEN not in client.get("/api/studies/asia-pacific/").content.decode()


def test_a_chapter_holds_both_papers_and_its_points(client, content):
    data = client.get(CHAPTER).json()
    assert data["title"] == "Factors regulating regional security"
    assert [paper["side"] for paper in data["papers"]] == ["nids", "cmss-gs"]
    assert data["papers"][0]["authors"][0]["name_original"] == "佐藤花子"
    assert [point["slug"] for point in data["points"]] == ["missile-defense", "new-threats"]
    missile_defense = data["points"][0]
    assert missile_defense["agreement"] == "disagree"
    assert missile_defense["first"] == {
        "side": "nids",
        "label": "Japan",
        "stance": "Purely defensive.",
        "passage": "p2",
    }
    assert missile_defense["second"]["stance"] == "Destabilising."
    assert missile_defense["url"] == (
        "http://testserver/studies/asia-pacific/chapters/2/#point-missile-defense"
    )


def test_a_chapter_gives_its_translations_and_its_points(client, content, disagreement):
    ChapterTranslation.objects.create(
        chapter=disagreement.chapter, language="ja", title="地域安全保障の規定要因"
    )
    PointTranslation.objects.create(
        point=disagreement, language="ja", part="question", text="ミサイル防衛"
    )
    data = client.get(CHAPTER).json()
    assert data["translations"] == [
        {"language": "ja", "title": "地域安全保障の規定要因", "summary": ""}
    ]
    assert data["points"][0]["translations"] == [
        {"language": "ja", "question": "ミサイル防衛", "first": None, "second": None}
    ]


def translated[T](translation: T) -> T:
    translation.follow_original()
    translation.save()
    return translation


def test_a_study_gives_the_translations_of_its_title_sides_and_institutes(
    client, content, study, first_side, second_side
):
    japanese = translated(
        StudyTranslation(
            study=study, language="ja", title="アジア太平洋の安全保障", introduction="**序**"
        )
    )
    translated(SideTranslation(side=first_side, language="ja", label="日本"))
    translated(
        InstituteTranslation(
            institute=second_side.institute,
            language="ru",
            name="Центр военно-стратегических исследований",
            abbreviation="ЦВСИ ГШ",
        )
    )
    data = client.get("/api/studies/asia-pacific/").json()
    [translation] = data["translations"]
    # The API gives times to the millisecond.
    translated_from = datetime.datetime.fromisoformat(translation.pop("translated_from"))
    assert abs(translated_from - japanese.source_date) < datetime.timedelta(milliseconds=1)
    assert translation == {
        "language": "ja",
        "title": "アジア太平洋の安全保障",
        "introduction": "**序**",
        "introduction_html": japanese.introduction_html,
        "current": True,
    }
    assert "<strong>序</strong>" in japanese.introduction_html
    first, second = data["sides"]
    assert [(t["language"], t["label"], t["current"]) for t in first["translations"]] == [
        ("ja", "日本", True)
    ]
    assert second["translations"] == []
    assert second["institute"]["language"] == "en"
    assert [
        (t["language"], t["name"], t["abbreviation"]) for t in second["institute"]["translations"]
    ] == [("ru", "Центр военно-стратегических исследований", "ЦВСИ ГШ")]
    # In the list, the titles only.
    [summary] = client.get("/api/studies/").json()["results"]
    assert [(t["language"], t["title"]) for t in summary["translations"]] == [
        ("ja", "アジア太平洋の安全保障")
    ]
    assert "introduction" not in summary["translations"][0]
    assert summary["sides"] == data["sides"]


def test_a_name_translated_from_an_earlier_original_is_not_current(
    client, content, study, first_side
):
    translated(SideTranslation(side=first_side, language="ru", label="Япония"))
    first_side.label = "Japan side"
    first_side.save()
    [side, _] = client.get("/api/studies/asia-pacific/").json()["sides"]
    assert [(t["label"], t["current"]) for t in side["translations"]] == [("Япония", False)]


def test_unknown_and_unpublished_chapters_are_not_found(client, content):
    assert client.get("/api/studies/nowhere/").status_code == 404
    assert client.get("/api/studies/asia-pacific/chapters/9/").status_code == 404
    response = client.get("/api/studies/asia-pacific/chapters/5/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}


def test_nothing_unpublished_in_the_studies_answers(client, content):
    for url in [
        "/api/studies/",
        "/api/studies/asia-pacific/",
        "/api/studies/asia-pacific/chapters/4/",
    ]:
        response = client.get(url)
        assert response.status_code == 200
        assert HIDDEN not in response.content.decode(), url


def test_a_signed_in_team_member_sees_no_more_than_anybody(client, content, chief):
    client.force_login(chief)
    assert client.get("/api/studies/asia-pacific/chapters/5/").status_code == 404
    assert HIDDEN not in client.get("/api/studies/asia-pacific/").content.decode()


def test_the_studies_run_four_queries(client, content, django_assert_num_queries):
    with django_assert_num_queries(4):
        client.get("/api/studies/")
    with django_assert_num_queries(4):
        client.get("/api/studies/asia-pacific/")


@pytest.mark.parametrize("grow", [False, True])
def test_a_chapter_runs_seven_queries_however_large(
    client, content, chapter, grow, django_assert_num_queries
):
    # One tag at least: the names' translations are read only when there are names.
    chapter.tags.add("alliances")
    if grow:
        grow_chapter(chapter, points=40, tags=12)
        for point in Point.objects.filter(chapter=chapter)[:10]:
            PointTranslation.objects.create(point=point, language="ru", part="first", text="Да.")
    with django_assert_num_queries(7):
        response = client.get(CHAPTER)
    assert len(response.json()["points"]) == (42 if grow else 2)


def test_a_chapters_agreement_counts_its_points(client, content, chapter):
    Point.objects.create(
        chapter=chapter,
        question="Energy",
        slug="energy",
        first_stance="",
        second_stance="Pipelines.",
        agreement=Agreement.ONE_SIDE,
    )
    assert client.get(CHAPTER).json()["agreement"] == {
        "agree": 1,
        "partly": 0,
        "disagree": 1,
        "one_side": 1,
    }
