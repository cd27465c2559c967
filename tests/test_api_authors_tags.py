"""/api/authors/ and /api/tags/: those of published content only."""

import pytest
from taggit.models import Tag

from positions.models import InstituteTranslation, TagTranslation
from tests.api_content import HIDDEN, hidden_content
from tests.helpers import grow_chapter


@pytest.fixture
def content(study, first_side, second_side, first_paper, second_paper, disagreement) -> None:
    hidden_content(study, first_side, second_side)
    first_paper.tags.add("alliances")
    disagreement.tags.add("missile defense")


def test_authors_are_those_of_published_papers(client, content):
    data = client.get("/api/authors/").json()
    assert [author["slug"] for author in data["results"]] == ["hanako-sato", "olga-ivanova"]
    sato = data["results"][0]
    assert (sato["name"], sato["name_original"], sato["name_language"]) == (
        "Hanako Sato",
        "佐藤花子",
        "ja",
    )
    assert sato["institute"]["abbreviation"] == "NIDS"
    assert (sato["family_name"], sato["family_name_original"]) == ("Sato", "佐藤")
    assert sato["url"] == "http://testserver/authors/hanako-sato/"


def test_an_author_gives_their_published_papers(client, content):
    data = client.get("/api/authors/hanako-sato/").json()
    assert [paper["title"] for paper in data["papers"]] == ["The alliance as the cornerstone"]


def test_an_author_of_drafts_only_is_not_found(client, content):
    assert client.get("/api/authors/draft-author/").status_code == 404
    assert HIDDEN not in client.get("/api/authors/").content.decode()


def test_tags_are_those_of_published_content(client, content):
    data = client.get("/api/tags/").json()
    assert [tag["slug"] for tag in data["results"]] == ["alliances", "missile-defense"]
    assert data["results"][0]["api_url"] == "http://testserver/api/tags/alliances/"


def test_tags_give_their_names_in_other_languages(client, content):
    for language, name in [("ru", "союзы"), ("ja", "同盟")]:
        translation = TagTranslation(tag=Tag.objects.get(slug="alliances"), language=language)
        translation.name = name
        translation.follow_original()
        translation.save()
    [alliances, missile_defense] = client.get("/api/tags/").json()["results"]
    assert [(t["language"], t["name"], t["current"]) for t in alliances["translations"]] == [
        ("ja", "同盟", True),
        ("ru", "союзы", True),
    ]
    assert missile_defense["translations"] == []
    # Wherever the tag is answered: here on a paper.
    [paper] = client.get("/api/tags/alliances/").json()["papers"]
    assert paper["tags"] == [alliances]


def test_authors_institutes_give_their_names_in_other_languages(client, content, first_side):
    translation = InstituteTranslation(
        institute=first_side.institute, language="ja", name="防衛研究所", abbreviation="防研"
    )
    translation.follow_original()
    translation.save()
    sato = client.get("/api/authors/hanako-sato/").json()
    assert [
        (t["language"], t["name"], t["abbreviation"], t["current"])
        for t in sato["institute"]["translations"]
    ] == [("ja", "防衛研究所", "防研", True)]


def test_a_tag_gives_its_papers_and_points_across_studies(client, content):
    alliances = client.get("/api/tags/alliances/").json()
    assert [paper["side"] for paper in alliances["papers"]] == ["nids"]
    assert alliances["points"] == []
    missile_defense = client.get("/api/tags/missile-defense/").json()
    assert [point["slug"] for point in missile_defense["points"]] == ["missile-defense"]


@pytest.mark.parametrize(
    "slug",
    ["unpublished-chapter-tag", "unpublished-paper-tag", "unpublished-point-tag", "draft-tag"],
)
def test_a_tag_of_unpublished_content_only_is_not_found(client, content, slug):
    assert client.get(f"/api/tags/{slug}/").status_code == 404


def test_authors_and_tags_run_a_fixed_number_of_queries(
    client, content, second_paper, django_assert_num_queries
):
    second_paper.tags.add("missile defense")
    # Each one more for the names' translations (the institutes', the tags').
    with django_assert_num_queries(3):
        client.get("/api/authors/")
    with django_assert_num_queries(5):
        client.get("/api/authors/hanako-sato/")
    with django_assert_num_queries(3):
        client.get("/api/tags/")
    with django_assert_num_queries(7):
        response = client.get("/api/tags/missile-defense/")
    assert len(response.json()["papers"]) == len(response.json()["points"]) == 1


@pytest.mark.parametrize("grow", [False, True])
def test_a_tag_runs_seven_queries_however_much_carries_it(
    client, content, first_paper, disagreement, grow, django_assert_num_queries
):
    disagreement.tags.add("alliances")
    if grow:
        # "theme 0" is on both papers and every one of 30 new points, with their tags.
        grow_chapter(first_paper.chapter, points=30, tags=12)
        for point in first_paper.chapter.points.all():
            point.translations.create(language="ru", part="question", text="Вопрос")
    slug = "theme-0" if grow else "alliances"
    with django_assert_num_queries(7):
        response = client.get(f"/api/tags/{slug}/")
    answer = response.json()
    assert len(answer["points"]) == (30 if grow else 1)
    if grow:
        assert len(answer["papers"]) == 2
        assert {point["translations"][0]["question"] for point in answer["points"]} == {"Вопрос"}
