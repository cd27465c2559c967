"""Translations of chapters and points in the admin: the chief editor translates a
chapter's theme and the questions, each side's editors their side's stances only."""

from django.contrib.auth.models import User

from positions.models import Chapter, ChapterTranslation, Point, PointTranslation
from tests.helpers import chapter_form, errors, point_data, signed_in


def translation_rows(rows: list[dict], initial: int = 0) -> dict:
    data = {"translations-TOTAL_FORMS": str(len(rows)), "translations-INITIAL_FORMS": str(initial)}
    for index, row in enumerate(rows):
        data |= {f"translations-{index}-{name}": value for name, value in row.items()}
    return data


def chapter_data(chapter: Chapter, rows: list[dict], initial: int = 0) -> dict:
    data = chapter_form(
        {
            "study": chapter.study_id,
            "number": chapter.number,
            "title": chapter.title,
            "summary": chapter.summary,
            "order": chapter.order,
        }
    )
    return data | translation_rows(rows, initial)


def test_the_chief_editor_translates_a_chapters_theme(chief: User, chapter: Chapter):
    response = signed_in(chief).post(
        f"/admin/positions/chapter/{chapter.pk}/change/",
        chapter_data(chapter, [{"language": "ru", "title": "Факторы", "summary": "Тенденции."}]),
    )
    assert response.status_code == 302, errors(response)
    translation = ChapterTranslation.objects.get(chapter=chapter)
    assert (translation.language, translation.translator) == ("ru", chief)
    assert translation.is_current and translation.history.count() == 1


def test_the_chapters_own_language_is_refused(chief: User, chapter: Chapter):
    response = signed_in(chief).post(
        f"/admin/positions/chapter/{chapter.pk}/change/",
        chapter_data(chapter, [{"language": "en", "title": "Same"}]),
    )
    assert response.status_code == 200
    assert "This is the language the chapter is written in" in response.content.decode()
    assert not ChapterTranslation.objects.exists()


def test_a_side_editor_adds_their_sides_stance_and_nothing_else(
    first_editor: User, disagreement: Point
):
    client = signed_in(first_editor)
    url = f"/admin/positions/point/{disagreement.pk}/change/"
    page = client.get(url).content.decode()
    # Only their own stance is offered as a part to translate.
    assert '<option value="first">' in page
    assert '<option value="second">' not in page and '<option value="question">' not in page
    data = point_data(disagreement, opened_version=1) | translation_rows(
        [{"language": "ja", "part": "first", "text": "純粋に防御的。"}]
    )
    assert client.post(url, data).status_code == 302
    data = point_data(disagreement, opened_version=1) | translation_rows(
        [{"language": "ja", "part": "second", "text": "不安定化。"}]
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert list(PointTranslation.objects.values_list("part", "text")) == [
        ("first", "純粋に防御的。")
    ]


def test_the_other_sides_translation_cannot_be_changed_or_deleted(
    first_editor: User, disagreement: Point
):
    theirs = PointTranslation(point=disagreement, language="ja", part="second", text="不安定化。")
    theirs.follow_original()
    theirs.save()
    client = signed_in(first_editor)
    url = f"/admin/positions/point/{disagreement.pk}/change/"
    row = {"id": theirs.pk, "point": disagreement.pk, "opened_version": 1}
    changed = row | {"language": "ja", "part": "second", "text": "書き換え。"}
    response = client.post(
        url, point_data(disagreement, opened_version=1) | translation_rows([changed], 1)
    )
    assert response.status_code == 302  # the disabled row keeps what it holds
    theirs.refresh_from_db()
    assert theirs.text == "不安定化。" and theirs.version == 1
    deleted = changed | {"DELETE": "on"}
    response = client.post(
        url, point_data(disagreement, opened_version=1) | translation_rows([deleted], 1)
    )
    assert response.status_code == 200
    assert "You may not delete the translation" in response.content.decode()
    assert PointTranslation.objects.filter(pk=theirs.pk).exists()
