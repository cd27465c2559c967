import csv
import datetime
import io
import json

import pytest
from django.contrib.auth.models import User

from positions.models import Agreement, Chapter, Point, Study
from tests.helpers import grow_chapter

STUDY_CSV = "/en/studies/asia-pacific/points.csv"
STUDY_JSON = "/en/studies/asia-pacific/points.json"
CHAPTER_CSV = "/en/studies/asia-pacific/chapters/2/points.csv"
CHAPTER_JSON = "/en/studies/asia-pacific/chapters/2/points.json"

COLUMNS = [
    "study",
    "chapter",
    "chapter_theme",
    "question",
    "first_side",
    "first_stance",
    "second_side",
    "second_stance",
    "agreement",
    "tags",
    "text_language",
    "chapter_published",
    "url",
    "notice",
]


def read_csv(response) -> list[dict[str, str]]:
    """Read the download as Excel and pandas do: UTF-8 after the byte order mark."""
    text = response.content.decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    assert reader.fieldnames == COLUMNS
    return list(reader)


def read_json(response) -> list[dict]:
    return json.loads(response.content.decode("utf-8"))


def later_chapter(study: Study, *, status: str = Chapter.Status.PUBLISHED) -> Chapter:
    """Chapter 3, with a point in Japanese that only the second side takes up."""
    chapter = Chapter.objects.create(
        study=study,
        number=3,
        title="地域安全保障の将来",
        status=status,
        published_on=datetime.date(2007, 3, 1) if status == Chapter.Status.PUBLISHED else None,
    )
    Point.objects.create(
        chapter=chapter,
        question="東アジアの安全保障メカニズム",
        slug="east-asian-mechanism",
        first_stance="",
        second_stance="ロシアは提案している。",
        agreement=Agreement.ONE_SIDE,
    )
    return chapter


def test_the_csv_has_one_row_per_point_with_both_sides_and_an_absolute_permalink(
    client, disagreement: Point, agreement: Point
):
    disagreement.tags.add("missile defense", "alliances")
    response = client.get(STUDY_CSV)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="asia-pacific-points.csv"'
    rows = read_csv(response)
    assert rows[0] == {
        "study": "Security in the Asia-Pacific",
        "chapter": "2",
        "chapter_theme": "Factors regulating regional security",
        "question": "Missile defense",
        "first_side": "Japan",
        "first_stance": "Purely defensive.",
        "second_side": "Russia",
        "second_stance": "Destabilising.",
        "agreement": "disagree",
        "tags": "alliances; missile defense",
        "text_language": "en",
        "chapter_published": "true",
        "url": "http://testserver/en/studies/asia-pacific/chapters/2/#point-missile-defense",
        "notice": "",
    }
    assert [row["question"] for row in rows] == ["Missile defense", "Terrorism and proliferation"]
    assert rows[1]["tags"] == ""


def test_the_csv_starts_with_a_byte_order_mark_so_that_excel_reads_japanese(
    client, chapter: Chapter
):
    later_chapter(chapter.study)
    content = client.get(STUDY_CSV).content
    assert content.startswith(b"\xef\xbb\xbf")
    assert "東アジアの安全保障メカニズム".encode() in content
    (row,) = read_csv(client.get(STUDY_CSV))
    assert row["chapter_theme"] == "地域安全保障の将来"
    # Only the second side takes the point up: the first side's stance is empty.
    assert (row["agreement"], row["first_stance"]) == ("one_side", "")
    assert row["second_stance"] == "ロシアは提案している。"


def test_the_csv_keeps_spreadsheets_from_taking_a_text_for_a_formula(client, disagreement: Point):
    Point.objects.filter(pk=disagreement.pk).update(
        question='=HYPERLINK("http://example.com","x")', first_stance="-1 for now."
    )
    (row,) = read_csv(client.get(STUDY_CSV))
    assert row["question"] == '\'=HYPERLINK("http://example.com","x")'
    assert row["first_stance"] == "'-1 for now."
    # The JSON keeps the texts as written.
    (record,) = read_json(client.get(STUDY_JSON))
    assert record["question"] == '=HYPERLINK("http://example.com","x")'


def test_the_json_has_the_same_records_with_tags_as_a_list(
    client, disagreement: Point, agreement: Point
):
    disagreement.tags.add("missile defense", "alliances")
    later_chapter(disagreement.chapter.study)
    response = client.get(STUDY_JSON)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'attachment; filename="asia-pacific-points.json"'
    # Japanese is written as such, not as \\u escapes.
    assert "東アジア".encode() in response.content
    records = read_json(response)
    assert [list(record) for record in records] == [COLUMNS] * 3
    assert records[0]["tags"] == ["alliances", "missile defense"]
    assert records[0]["chapter"] == 2 and records[0]["chapter_published"] is True
    assert records[2]["url"] == (
        "http://testserver/en/studies/asia-pacific/chapters/3/#point-east-asian-mechanism"
    )
    csv_rows = read_csv(client.get(STUDY_CSV))
    assert [record["question"] for record in records] == [row["question"] for row in csv_rows]


def test_a_chapters_files_hold_its_points_only(client, disagreement: Point):
    later_chapter(disagreement.chapter.study)
    response = client.get(CHAPTER_CSV)
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="asia-pacific-chapter-2-points.csv"'
    )
    assert [row["question"] for row in read_csv(response)] == ["Missile defense"]
    response = client.get(CHAPTER_JSON)
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="asia-pacific-chapter-2-points.json"'
    )
    assert [record["question"] for record in read_json(response)] == ["Missile defense"]


def test_permalinks_follow_the_language_of_the_address(client, disagreement: Point):
    (record,) = read_json(client.get("/ja/studies/asia-pacific/points.json"))
    assert (
        record["url"]
        == "http://testserver/ja/studies/asia-pacific/chapters/2/#point-missile-defense"
    )
    # The agreement is a code, the same in every language.
    assert record["agreement"] == "disagree"


def test_readers_get_the_points_of_published_chapters_only(client, disagreement: Point):
    later_chapter(disagreement.chapter.study, status=Chapter.Status.DRAFT)
    assert [row["chapter"] for row in read_csv(client.get(STUDY_CSV))] == ["2"]
    assert client.get("/en/studies/asia-pacific/chapters/3/points.csv").status_code == 404
    assert client.get("/en/studies/asia-pacific/chapters/3/points.json").status_code == 404


def test_the_studys_team_gets_unpublished_chapters_too_marked_as_such(
    client, reviewer: User, disagreement: Point
):
    later_chapter(disagreement.chapter.study, status=Chapter.Status.DRAFT)
    client.force_login(reviewer)
    rows = read_csv(client.get(STUDY_CSV))
    assert [(row["chapter"], row["chapter_published"]) for row in rows] == [
        ("2", "true"),
        ("3", "false"),
    ]
    (record,) = read_json(client.get("/en/studies/asia-pacific/chapters/3/points.json"))
    assert record["chapter_published"] is False


@pytest.mark.parametrize("url", [STUDY_CSV, CHAPTER_JSON])
def test_unknown_study_or_chapter_is_404(client, chapter: Chapter, url: str):
    assert client.get(url.replace("asia-pacific", "nowhere")).status_code == 404
    assert client.get("/en/studies/asia-pacific/chapters/99/points.csv").status_code == 404


@pytest.mark.parametrize("url", [STUDY_CSV, STUDY_JSON, CHAPTER_CSV, CHAPTER_JSON])
def test_it_runs_a_fixed_number_of_queries(
    client, django_assert_num_queries, disagreement: Point, url: str
):
    # The study (or chapter), the sides, the points, their tags.
    with django_assert_num_queries(4):
        assert client.get(url).status_code == 200
    grow_chapter(disagreement.chapter, points=40, tags=15)
    later_chapter(disagreement.chapter.study)
    with django_assert_num_queries(4):
        response = client.get(url)
    assert response.content.count(b"#point-question-") == 40


def test_the_study_and_chapter_pages_link_to_the_downloads(client, disagreement: Point):
    html = client.get("/en/studies/asia-pacific/").content.decode()
    assert f'href="{STUDY_CSV}"' in html and f'href="{STUDY_JSON}"' in html
    html = client.get("/en/studies/asia-pacific/chapters/2/").content.decode()
    assert f'href="{CHAPTER_CSV}"' in html and f'href="{CHAPTER_JSON}"' in html
