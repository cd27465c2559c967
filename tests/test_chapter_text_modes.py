"""The chapter page's columns: each side in its original language, or everything in one
language, with the original shown (and labelled) where a translation is missing and a
label on translations made from an earlier version of their original."""

import pytest
from django.test import Client

from positions.models import (
    Chapter,
    ChapterTranslation,
    Paper,
    PaperTranslation,
    Point,
    PointTranslation,
)
from positions.reading.texts import COOKIE
from tests.helpers import grow_chapter

CHAPTER = "/en/studies/asia-pacific/chapters/2/"


def translate(translation):
    translation.follow_original()
    translation.save()
    return translation


@pytest.fixture
def japanese(chapter: Chapter, first_paper: Paper, disagreement: Point) -> None:
    """The chapter's theme, the first paper and the point's question and first stance in
    Japanese; the second paper and the second stance are not translated."""
    translate(ChapterTranslation(chapter=chapter, language="ja", title="地域安全保障の規定要因"))
    translate(
        PaperTranslation(
            paper=first_paper,
            language="ja",
            title="礎としての同盟",
            body="同盟は維持される。\n\nミサイル防衛は防御的である。",
        )
    )
    translate(
        PointTranslation(point=disagreement, language="ja", part="question", text="ミサイル防衛")
    )
    translate(
        PointTranslation(
            point=disagreement, language="ja", part="first", text="純粋に防御的である。"
        )
    )


def test_by_default_each_side_is_shown_in_its_original(
    client: Client, japanese, second_paper: Paper
):
    html = client.get(CHAPTER).content.decode()
    assert '<h1 lang="en">Factors regulating regional security</h1>' in html
    assert "The alliance as the cornerstone" in html and "礎としての同盟" not in html
    assert 'href="?text=original" aria-current="true"' in html
    assert "Not yet translated" not in html


JAPANESE_CHAPTER = "/ja/studies/asia-pacific/chapters/2/"


def test_by_default_a_reader_gets_the_joint_texts_in_their_language_and_each_paper_as_written(
    client: Client, japanese, second_paper: Paper
):
    html = client.get(JAPANESE_CHAPTER).content.decode()
    # The theme and the point, translated and said to be; the papers as their sides wrote.
    assert '<h1 lang="ja">地域安全保障の規定要因</h1>' in html
    assert '<span lang="ja">ミサイル防衛</span>' in html
    assert '<span lang="ja">純粋に防御的である。</span>' in html
    assert html.count('class="text-label text-label--translation"') == 3
    assert 'href="?text=original"' in html
    assert "The alliance as the cornerstone" in html and "礎としての同盟" not in html
    # What has no translation is shown as written, with no label: nothing was asked.
    assert '<span lang="en">Destabilising.</span>' in html
    assert '<p class="lede" lang="en">Trends.</p>' in html
    assert "text-label--original" not in html
    assert 'href="?text=default" aria-current="true"' in html


def test_by_default_an_out_of_date_translation_gives_way_to_the_original(
    client: Client, japanese, chapter: Chapter
):
    Chapter.objects.filter(pk=chapter.pk).update(title="Factors, renamed")
    chapter.refresh_from_db()
    chapter.save()  # a new revision, which the translation does not follow

    html = client.get(JAPANESE_CHAPTER).content.decode()

    assert '<h1 lang="en">Factors, renamed</h1>' in html
    assert "text-label--stale" not in html


def test_a_reader_who_chose_the_originals_keeps_them_in_every_language(
    client: Client, japanese, second_paper: Paper
):
    client.get(JAPANESE_CHAPTER + "?text=original")
    # The address then says which: a page is the same for everyone at its address.
    response = client.get(JAPANESE_CHAPTER)
    assert response.status_code == 302
    assert response["Location"] == JAPANESE_CHAPTER + "?text=original"
    html = client.get(response["Location"]).content.decode()
    assert '<h1 lang="en">Factors regulating regional security</h1>' in html
    assert 'href="?text=original" aria-current="true"' in html


def test_in_one_language_translations_replace_originals_and_missing_ones_are_labelled(
    client: Client, japanese, second_paper: Paper
):
    html = client.get(CHAPTER + "?text=ja").content.decode()
    assert '<h1 lang="ja">地域安全保障の規定要因</h1>' in html
    assert '<span lang="ja">ミサイル防衛</span>' in html
    assert '<span lang="ja">純粋に防御的である。</span>' in html
    assert 'lang="ja">礎としての同盟</a>' in html
    # The second paper and stance have no Japanese: their originals, said to be so.
    assert '<span lang="en">Destabilising.</span>' in html
    assert 'lang="en">Towards collective security</a>' in html
    assert html.count("Not yet translated into Japanese: the original, in English.") == 3
    # The summary was not translated either: shown, and labelled, as the theme is not.
    assert '<p class="lede" lang="en">Trends.</p>' in html
    assert 'href="?text=ja" lang="ja" aria-current="true"' in html
    # The paper's title leads to the translation.
    assert 'href="/en/studies/asia-pacific/chapters/2/nids/?text=ja"' in html


def test_an_out_of_date_translation_is_labelled_with_a_link_to_the_change(
    client: Client, japanese, chapter: Chapter, disagreement: Point
):
    disagreement.first_stance = "Purely defensive, and limited."
    disagreement.save()
    chapter.title = "What regulates regional security"
    chapter.save()
    html = client.get(CHAPTER + "?text=ja").content.decode()
    assert html.count("the original has changed since.") == 2
    changes = CHAPTER + "points/missile-defense/translations/ja/changes/"
    assert f'href="{changes}"' in html
    assert f'href="{CHAPTER}translations/ja/changes/"' in html
    page = client.get(changes).content.decode()
    assert "The stance of Japan" in page and "<ins>, and limited</ins>." in page
    # The question has not changed since it was translated: not listed.
    assert "Question" not in page.split("</h1>")[1]
    page = client.get(CHAPTER + "translations/ja/changes/").content.decode()
    assert "<del>Factors</del>" in page


def test_the_choice_is_remembered(client: Client, japanese):
    response = client.get(CHAPTER + "?text=ja")
    assert response.cookies[COOKIE].value == "ja"
    html = client.get(CHAPTER, follow=True).content.decode()
    assert '<h1 lang="ja">地域安全保障の規定要因</h1>' in html
    html = client.get(CHAPTER + "?text=original").content.decode()
    assert "Factors regulating regional security</h1>" in html
    assert client.cookies[COOKIE].value == "original"


def test_an_unknown_mode_shows_the_originals(client: Client, japanese):
    response = client.get(CHAPTER + "?text=<script>")
    assert response.status_code == 200
    assert COOKIE not in response.cookies
    assert '<h1 lang="en">Factors regulating regional security</h1>' in response.content.decode()


def test_the_agreement_filter_keeps_the_mode(client: Client, japanese):
    html = client.get(CHAPTER + "?text=ja").content.decode()
    assert 'href="?text=ja&amp;agreement=disagree#points"' in html
    html = client.get(CHAPTER + "?text=ja&agreement=disagree").content.decode()
    assert '<span lang="ja">ミサイル防衛</span>' in html
    assert 'href="?text=ru&amp;agreement=disagree"' in html


def test_readers_do_not_get_translations_of_unpublished_chapters(
    client: Client, japanese, chapter: Chapter
):
    Chapter.objects.filter(pk=chapter.pk).update(status=Chapter.Status.DRAFT)
    assert client.get(CHAPTER + "?text=ja").status_code == 404
    assert client.get(CHAPTER + "translations/ja/changes/").status_code == 404
    assert (
        client.get(CHAPTER + "points/missile-defense/translations/ja/changes/").status_code == 404
    )


@pytest.mark.parametrize("mode, queries", [("original", 6), ("ja", 7)])
def test_a_fixed_number_of_queries_in_each_mode(
    client: Client, django_assert_num_queries, japanese, chapter: Chapter, mode: str, queries: int
):
    client.get(CHAPTER + f"?text={mode}")  # the cookie is set once
    with django_assert_num_queries(queries):
        client.get(CHAPTER + f"?text={mode}")
    grow_chapter(chapter, points=20)
    for point in chapter.points.all():
        for part in ("question", "first"):
            PointTranslation.objects.get_or_create(
                point=point, language="ja", part=part, defaults={"text": "翻訳"}
            )
    with django_assert_num_queries(queries):
        client.get(CHAPTER + f"?text={mode}")


def test_editors_are_offered_to_translate_what_is_theirs(
    client: Client, japanese, first_editor, chief, second_paper: Paper
):
    client.force_login(first_editor)
    html = client.get(CHAPTER + "?text=ja").content.decode()
    assert f'href="{CHAPTER}nids/translations/ja/edit/"' in html
    assert f'href="{CHAPTER}cmss-gs/translations/ja/edit/"' not in html
    assert f'href="{CHAPTER}points/missile-defense/translations/ja/edit/"' in html
    assert f'href="{CHAPTER}translations/ja/edit/"' not in html
    # Nothing to translate into the language the texts are written in.
    html = client.get(CHAPTER + "?text=en").content.decode()
    assert "/translations/en/edit/" not in html
    client.force_login(chief)
    html = client.get(CHAPTER + "?text=ja").content.decode()
    assert f'href="{CHAPTER}translations/ja/edit/"' in html


def test_a_chapter_with_nothing_translated_says_so_once(client: Client, disagreement: Point):
    html = client.get(CHAPTER + "?text=ru").content.decode()
    assert "Nothing in this chapter is translated into Russian yet" in html
    assert "Not yet translated" not in html
    assert '<h1 lang="en">Factors regulating regional security</h1>' in html
