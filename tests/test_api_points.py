"""/api/points/: the points of published chapters, across studies, with filters."""

import datetime

import pytest

from positions.api.views import SIDE_NEEDS_STUDY
from positions.models import Agreement, Chapter, Point, PointTranslation, Study
from tests.api_content import HIDDEN, hidden_content
from tests.helpers import grow_chapter


@pytest.fixture
def content(study, first_side, second_side, chapter, disagreement, agreement) -> None:
    hidden_content(study, first_side, second_side)


@pytest.fixture
def energy(chapter) -> Point:
    """A point that only the second side takes up."""
    point = Point.objects.create(
        chapter=chapter,
        question="Energy",
        slug="energy",
        first_stance="",
        second_stance="Pipelines bind the region.",
        agreement=Agreement.ONE_SIDE,
        order=3,
    )
    point.tags.add("energy security")
    return point


def slugs(response) -> list[str]:
    return [point["slug"] for point in response.json()["results"]]


def test_points_come_in_reading_order_with_both_stances(client, content, energy):
    data = client.get("/api/points/").json()
    assert data["count"] == 3
    assert slugs(client.get("/api/points/")) == ["missile-defense", "new-threats", "energy"]
    energy_data = data["results"][2]
    assert energy_data["first"]["stance"] == ""
    assert energy_data["second"] == {
        "side": "cmss-gs",
        "label": "Russia",
        "stance": "Pipelines bind the region.",
        "passage": "",
    }
    assert energy_data["tags"][0]["slug"] == "energy-security"
    assert energy_data["tags"][0]["url"] == "http://testserver/tags/energy-security/"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("agreement=disagree", ["missile-defense"]),
        ("agreement=one_side", ["energy"]),
        ("tag=energy-security", ["energy"]),
        ("study=asia-pacific&side=cmss-gs", ["missile-defense", "new-threats", "energy"]),
        ("study=asia-pacific&side=nids", ["missile-defense", "new-threats"]),
        ("study=asia-pacific&side=nids&agreement=agree", ["new-threats"]),
        ("study=asia-pacific&chapter=2", ["missile-defense", "new-threats", "energy"]),
        ("chapter=5", []),
        ("study=elsewhere", []),
    ],
)
def test_points_filter(client, content, energy, query, expected):
    assert slugs(client.get(f"/api/points/?{query}")) == expected


@pytest.fixture
def japan_sweden(japan_sweden: Study) -> Study:
    """The second study (tests/conftest.py), with a point on which both sides speak."""
    study = japan_sweden
    chapter = Chapter.objects.create(
        study=study,
        number=1,
        title="The Arctic",
        status=Chapter.Status.PUBLISHED,
        published_on=datetime.date(2012, 6, 1),
    )
    Point.objects.create(
        chapter=chapter,
        question="Sea lanes",
        slug="sea-lanes",
        first_stance="They open.",
        second_stance="They stay closed.",
        agreement=Agreement.DISAGREE,
    )
    return study


def test_a_side_filter_without_its_study_is_refused_naming_the_study(client, content, japan_sweden):
    response = client.get("/api/points/?side=nids")
    assert response.status_code == 422
    assert response.json() == {
        "detail": [{"type": "missing", "loc": ["query", "study"], "msg": SIDE_NEEDS_STUDY}]
    }


def test_a_side_filter_with_its_study_gives_only_that_studys_points(client, content, japan_sweden):
    assert "sea-lanes" in slugs(client.get("/api/points/"))
    assert slugs(client.get("/api/points/?study=asia-pacific&side=nids")) == [
        "missile-defense",
        "new-threats",
    ]
    assert slugs(client.get("/api/points/?study=japan-sweden&side=nids")) == ["sea-lanes"]


def test_the_schema_says_the_side_filter_needs_the_study(client):
    parameters = client.get("/api/schema/").json()["paths"]["/api/points/"]["get"]["parameters"]
    [side] = [parameter for parameter in parameters if parameter["name"] == "side"]
    assert "Needs study" in side["description"]


def test_an_unknown_agreement_is_refused(client, content):
    response = client.get("/api/points/?agreement=maybe")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "agreement"]


def test_points_give_their_translations_by_language(client, content, disagreement):
    PointTranslation.objects.create(
        point=disagreement, language="ru", part="second", text="Дестабилизирует."
    )
    PointTranslation.objects.create(
        point=disagreement, language="ja", part="question", text="ミサイル防衛"
    )
    [point] = client.get("/api/points/?agreement=disagree").json()["results"]
    assert point["translations"] == [
        {"language": "ja", "question": "ミサイル防衛", "first": None, "second": None},
        {"language": "ru", "question": None, "first": None, "second": "Дестабилизирует."},
    ]


def test_no_point_of_an_unpublished_chapter_is_answered(client, content):
    for query in ["", "?chapter=5", "?tag=unpublished-point-tag"]:
        response = client.get(f"/api/points/{query}")
        assert response.status_code == 200
        assert HIDDEN not in response.content.decode()


@pytest.mark.parametrize("grow", [False, True])
def test_points_run_five_queries_however_many(
    client, content, chapter, disagreement, grow, django_assert_num_queries
):
    # One tag at least: the names' translations are read only when there are names.
    disagreement.tags.add("missile defense")
    if grow:
        grow_chapter(chapter, points=40, tags=12)
    with django_assert_num_queries(5):
        response = client.get("/api/points/?page_size=100")
    assert len(response.json()["results"]) == (42 if grow else 2)
