"""Search finds the translations of chapters' themes and of points, each in its own
language, and leads to the chapter page showing that language."""

from django.core.management import call_command
from django.test import Client

from positions.models import Chapter, ChapterTranslation, Point, PointTranslation, SearchEntry

URL = "/en/search/"


def found(client: Client, query: str) -> str:
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def translate(translation):
    translation.follow_original()
    translation.save()
    return translation


def test_a_translated_point_is_found_and_leads_to_the_chapter_in_that_language(
    client: Client, disagreement: Point
):
    translate(
        PointTranslation(
            point=disagreement, language="ru", part="question", text="Противоракетная оборона"
        )
    )
    translate(
        PointTranslation(
            point=disagreement, language="ru", part="second", text="Дестабилизирует баланс."
        )
    )
    html = found(client, "Дестабилизирует")
    assert 'href="/en/studies/asia-pacific/chapters/2/?text=ru#point-missile-defense"' in html
    assert "Противоракетная оборона" in html
    # The original is found as before, in the chapter's own language.
    assert 'href="/en/studies/asia-pacific/chapters/2/#point-missile-defense"' in found(
        client, "Destabilising"
    )


def test_a_translated_theme_is_found(client: Client, chapter: Chapter):
    translate(ChapterTranslation(chapter=chapter, language="ja", title="地域安全保障の規定要因"))
    html = found(client, "安全保障")
    assert 'href="/en/studies/asia-pacific/chapters/2/?text=ja"' in html


def test_deleting_a_translation_removes_what_it_made_findable(
    client: Client, disagreement: Point, chapter: Chapter
):
    question = translate(
        PointTranslation(
            point=disagreement, language="ru", part="question", text="Противоракетная оборона"
        )
    )
    stance = translate(
        PointTranslation(
            point=disagreement, language="ru", part="second", text="Дестабилизирует баланс."
        )
    )
    stance.delete()
    assert "?text=ru" not in found(client, "Дестабилизирует")
    # The question's translation is still found.
    assert "?text=ru#point-missile-defense" in found(client, "Противоракетная")
    question.delete()
    assert not SearchEntry.objects.filter(kind="point", language="ru").exists()
    # A point deleted with its translations leaves no entries behind.
    translate(PointTranslation(point=disagreement, language="ru", part="question", text="ПРО"))
    point_id = disagreement.pk
    disagreement.delete()
    assert not SearchEntry.objects.filter(point_id=point_id).exists()


def test_rebuilding_keeps_the_translations(disagreement: Point, chapter: Chapter):
    translate(ChapterTranslation(chapter=chapter, language="ja", title="要因"))
    translate(PointTranslation(point=disagreement, language="ja", part="first", text="防御的。"))
    before = sorted(SearchEntry.objects.values_list("kind", "language", "title", "text"))
    call_command("rebuild_search", verbosity=0)
    assert sorted(SearchEntry.objects.values_list("kind", "language", "title", "text")) == before
    assert ("point", "ja", "Missile defense", "防御的。") in before
