"""Translating on the site: a paper, a chapter's theme and summary, a point's parts.

Each side's editors translate their side's texts and the chief editor the joint ones;
every save names the translator and the version of the original, goes into the
history, and a save over someone else's is refused with what was typed kept.
"""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from positions.models import (
    Chapter,
    ChapterTranslation,
    Paper,
    PaperTranslation,
    Point,
    PointTranslation,
    Role,
)
from tests.helpers import member, signed_in

CHAPTER = "/en/studies/asia-pacific/chapters/2/"
PAPER_JA = CHAPTER + "nids/translations/ja/edit/"
PAPER_RU = CHAPTER + "nids/translations/ru/edit/"
THEME_JA = CHAPTER + "translations/ja/edit/"
POINT_JA = CHAPTER + "points/missile-defense/translations/ja/edit/"


def test_a_side_editor_translates_their_sides_paper(first_editor: User, first_paper: Paper):
    client = signed_in(first_editor)
    page = client.get(PAPER_JA).content.decode()
    assert "The alliance as the cornerstone" in page  # the original, beside the form
    assert 'lang="ja"' in page
    response = client.post(
        PAPER_JA,
        {
            "title": "礎としての同盟",
            "abstract": "",
            "body": "同盟は維持される。",
            "message": "初訳",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == CHAPTER + "nids/?text=ja"
    translation = PaperTranslation.objects.get(paper=first_paper, language="ja")
    assert translation.translator == first_editor and translation.is_current
    assert translation.source_history_id == first_paper.history.first().history_id
    assert translation.history.get().history_change_reason == "初訳"


def test_the_other_side_and_reviewers_may_not(
    second_editor: User, reviewer: User, first_paper: Paper, client: Client
):
    for user in (second_editor, reviewer):
        response = signed_in(user).post(PAPER_JA, {"title": "x", "body": "y"})
        assert response.status_code == 403
    assert client.get(PAPER_JA).status_code == 302  # to sign in
    assert not PaperTranslation.objects.exists()


def test_the_originals_language_and_nonsense_are_not_translations(
    first_editor: User, first_paper: Paper
):
    client = signed_in(first_editor)
    assert client.get(CHAPTER + "nids/translations/en/edit/").status_code == 404
    assert client.get(CHAPTER + "nids/translations/not a code/edit/").status_code == 404


def test_a_save_over_someone_elses_is_refused_and_keeps_what_was_typed(
    first_editor: User, first_side, study, first_paper: Paper
):
    colleague = member(study, "yuki", Role.SIDE_EDITOR, first_side)
    translation = PaperTranslation(paper=first_paper, language="ru", title="Союз", body="Союз.")
    translation.follow_original()
    translation.save()
    # Both open the page at version 1; a colleague of the same side saves first.
    assert (
        signed_in(colleague)
        .post(
            PAPER_RU,
            {
                "title": "Союз как основа",
                "body": "Союз.",
                "opened_version": 1,
                "follows_original": "on",
            },
        )
        .status_code
        == 302
    )
    response = signed_in(first_editor).post(
        PAPER_RU,
        {"title": "Альянс", "body": "Мой текст.", "opened_version": 1, "follows_original": "on"},
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Not saved" in page and "Мой текст." in page and "Союз как основа" in page
    translation.refresh_from_db()
    assert translation.title == "Союз как основа" and translation.version == 2
    # The page now carries the version saved meanwhile: saving again goes through.
    assert 'name="opened_version" value="2"' in page


def test_an_edit_that_does_not_follow_the_original_keeps_it_marked_out_of_date(
    first_editor: User, first_paper: Paper
):
    translation = PaperTranslation(paper=first_paper, language="ja", title="同盟", body="同盟。")
    translation.follow_original()
    translation.save()
    first_paper.body += "\n\nA new paragraph."
    first_paper.save()
    client = signed_in(first_editor)
    response = client.post(
        PAPER_JA, {"title": "同盟（訂正）", "body": "同盟。", "opened_version": 1}
    )
    assert response.status_code == 302
    translation.refresh_from_db()
    assert translation.title == "同盟（訂正）" and not translation.is_current
    client.post(
        PAPER_JA,
        {
            "title": "同盟",
            "body": "同盟。\n\n新しい段落。",
            "opened_version": 2,
            "follows_original": "on",
        },
    )
    translation.refresh_from_db()
    assert translation.is_current


def test_the_chief_editor_translates_the_theme_and_a_side_editor_may_not(
    chief: User, first_editor: User, chapter: Chapter
):
    assert signed_in(first_editor).get(THEME_JA).status_code == 403
    response = signed_in(chief).post(
        THEME_JA, {"title": "地域安全保障の規定要因", "summary": "動向。"}
    )
    assert response.status_code == 302 and response["Location"] == CHAPTER + "?text=ja"
    translation = ChapterTranslation.objects.get(chapter=chapter, language="ja")
    assert translation.translator == chief and translation.is_current
    # The study's own language has nothing to translate into.
    assert signed_in(chief).get(CHAPTER + "translations/en/edit/").status_code == 404


def test_a_side_editor_translates_only_their_sides_stance(first_editor: User, disagreement: Point):
    client = signed_in(first_editor)
    page = client.get(POINT_JA).content.decode()
    assert 'name="first-text"' in page
    assert 'name="second-text"' not in page and 'name="question-text"' not in page
    # Posting the other parts changes nothing.
    response = client.post(
        POINT_JA,
        {
            "first-text": "純粋に防御的である。",
            "second-text": "不安定化させる。",
            "question-text": "MD",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == CHAPTER + "?text=ja#point-missile-defense"
    translations = PointTranslation.objects.filter(point=disagreement)
    assert [(t.part, t.text, t.translator) for t in translations] == [
        ("first", "純粋に防御的である。", first_editor)
    ]


def test_the_chief_editor_translates_the_question_and_both_stances(
    chief: User, disagreement: Point
):
    client = signed_in(chief)
    response = client.post(
        POINT_JA, {"question-text": "ミサイル防衛", "first-text": "", "second-text": "不安定化。"}
    )
    assert response.status_code == 302
    # A part left empty is not translated yet: nothing is made for it.
    assert sorted(
        PointTranslation.objects.filter(point=disagreement).values_list("part", flat=True)
    ) == ["question", "second"]


def test_a_silent_side_has_no_stance_to_translate(chief: User, agreement: Point):
    Point.objects.filter(pk=agreement.pk).update(second_stance="", agreement="one_side")
    page = signed_in(chief).get(CHAPTER + "points/new-threats/translations/ja/edit/")
    html = page.content.decode()
    assert 'name="first-text"' in html and 'name="second-text"' not in html


def test_a_conflicting_stance_save_keeps_the_typed_text(
    first_editor: User, chief: User, disagreement: Point
):
    translation = PointTranslation(point=disagreement, language="ja", part="first", text="防御的。")
    translation.follow_original()
    translation.save()
    assert (
        signed_in(chief)
        .post(
            POINT_JA,
            {
                "first-opened_version": 1,
                "first-text": "純粋に防御的。",
                "first-follows_original": "on",
            },
        )
        .status_code
        == 302
    )
    response = signed_in(first_editor).post(
        POINT_JA, {"first-opened_version": 1, "first-text": "私の訳。"}
    )
    assert response.status_code == 409
    assert "私の訳。" in response.content.decode()
    translation.refresh_from_db()
    assert translation.text == "純粋に防御的。"


@pytest.mark.parametrize("url", [PAPER_JA, THEME_JA, POINT_JA])
def test_the_pages_show_who_translated_from_which_version(
    chief: User, first_editor: User, first_paper: Paper, disagreement: Point, url: str
):
    # A published paper's words, translations included, are its side's.
    translator = first_editor if url == PAPER_JA else chief
    client = signed_in(translator)
    assert client.get(url).status_code == 200
    data = {
        PAPER_JA: {"title": "同盟", "body": "同盟。"},
        THEME_JA: {"title": "要因"},
        POINT_JA: {"question-text": "ミサイル防衛"},
    }[url]
    assert client.post(url, data).status_code == 302
    page = client.get(url).content.decode()
    assert f"Translated by {translator.username}." in page
    assert "Translated from the version of" in page
