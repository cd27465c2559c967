"""The search page: found in each language's grammar on PostgreSQL, the plain path
everywhere, only what the person may read, filters, bad queries, fixed queries."""

import re

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django.test import Client

from positions.models import (
    Agreement,
    Chapter,
    Paper,
    PaperTranslation,
    Point,
    SearchEntry,
    Side,
    Study,
)
from positions.models.search import SearchEntryWords
from positions.search import query as search_query
from positions.search import views as views_search
from positions.text import words as language

URL = "/en/search/"

postgresql_only = pytest.mark.skipif(
    "connection.vendor != 'postgresql'",
    reason="Grammar-aware search needs PostgreSQL; CI runs it there.",
)


@pytest.fixture
def languages(chapter: Chapter, first_side: Side, second_side: Side, sato, ivanova) -> Chapter:
    """A published chapter whose papers are written in Japanese and in Russian."""
    third = Chapter.objects.create(
        study=chapter.study,
        number=3,
        title="The Shanghai Cooperation Organization",
        status=Chapter.Status.PUBLISHED,
        published_on=chapter.published_on,
    )
    Paper.objects.create(
        chapter=third,
        side=first_side,
        title="地域協力の将来",
        body="上海協力機構の役割について、両国の意見は分かれる。\n\n日米同盟が地域の安定の基礎である。",
        status=Paper.Status.PUBLISHED,
        published_on=chapter.published_on,
    )
    Paper.objects.create(
        chapter=third,
        side=second_side,
        title="Будущее региональной безопасности",
        body="Ракетная оборона нарушает стратегический баланс.\n\nШОС укрепляет доверие.",
        status=Paper.Status.PUBLISHED,
        published_on=chapter.published_on,
    )
    return third


def found(client: Client, query: str, **filters) -> str:
    response = client.get(URL, {"q": query, **filters})
    assert response.status_code == 200
    return response.content.decode()


@postgresql_only
def test_english_finds_other_forms_of_a_word(client: Client, first_paper: Paper):
    html = found(client, "alliances")
    assert "<mark>alliance</mark>" in html
    assert 'href="/en/studies/asia-pacific/chapters/2/nids/#nids-p1"' in html


@postgresql_only
def test_russian_finds_other_cases_of_a_phrase(client: Client, languages: Chapter):
    html = found(client, "ракетной обороны")
    assert "<mark>Ракетная</mark> <mark>оборона</mark> нарушает" in html
    assert 'lang="ru"' in html


@postgresql_only
@pytest.mark.parametrize(
    ("query", "marked"),
    [
        ("協力", "上海<mark>協力</mark>機構"),
        ("分かれた", "<mark>分かれる</mark>"),
        ("日米同盟", "<mark>日米同盟</mark>"),
    ],
)
def test_japanese_is_segmented_into_words(client: Client, languages: Chapter, query, marked):
    html = found(client, query)
    assert marked in html
    assert 'href="/en/studies/asia-pacific/chapters/3/nids/#nids-p' in html


@postgresql_only
def test_japanese_results_are_marked_in_the_words_the_index_kept(
    client: Client, languages: Chapter, monkeypatch
):
    segmented_again = []

    def word_spans(text: str) -> list:
        segmented_again.append(text)
        return language.word_spans(text)

    monkeypatch.setattr(search_query, "word_spans", word_spans)
    assert "上海<mark>協力</mark>機構" in found(client, "協力")
    assert not [text for text in segmented_again if "上海協力機構" in text]


@postgresql_only
def test_japanese_indexed_before_its_words_were_kept_is_marked_all_the_same(
    client: Client, languages: Chapter
):
    SearchEntryWords.objects.all().delete()
    assert "上海<mark>協力</mark>機構" in found(client, "協力")


@postgresql_only
def test_every_language_configuration_has_its_index(db):
    # Each part of a search, `config = '…' AND vector @@ query`, is answered by its
    # configuration's GIN index (migration 0016); without one, it reads every entry.
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = 'positions_searchentry'")
        definitions = [definition for (definition,) in cursor.fetchall()]
    for config in {*language.CONFIGS.values(), language.SIMPLE}:
        assert [
            definition
            for definition in definitions
            if "USING gin (vector)" in definition and f"= '{config}'::text" in definition
        ], config


def test_an_author_is_found_by_either_spelling_of_the_name(client: Client, first_paper: Paper):
    for query in ("Sato", "佐藤", "hanako"):
        html = found(client, query)
        assert 'href="/en/authors/hanako-sato/"' in html, query


@pytest.mark.parametrize("grammar", [True, False])
def test_readers_find_only_published_texts_and_the_team_finds_drafts_marked(
    client: Client, reviewer: User, first_paper: Paper, monkeypatch, grammar: bool
):
    if grammar and connection.vendor != "postgresql":
        pytest.skip("Grammar-aware search needs PostgreSQL.")
    # The plain path (SQLite's) runs on PostgreSQL too when asked to.
    monkeypatch.setattr(search_query, "full_text", lambda: grammar)
    Paper.objects.filter(pk=first_paper.pk).update(title="A cornerstone")
    first_paper.refresh_from_db()
    first_paper.status = Paper.Status.DRAFT
    first_paper.save()
    assert "nids/#nids-p1" not in found(client, "alliance")
    client.force_login(reviewer)
    html = found(client, "alliance")
    assert "nids/#nids-p1" in html and "not visible to readers" in html


def test_without_postgresql_the_page_says_the_search_is_simple(
    client: Client, first_paper: Paper, monkeypatch
):
    monkeypatch.setattr(search_query, "full_text", lambda: False)
    html = found(client, "alliance holds")
    assert "Simple search" in html
    assert "<mark>alliance</mark> <mark>holds</mark>" in html
    assert "1 result for" in html


@pytest.mark.parametrize("grammar", [True, False])
def test_filters_narrow_the_results(
    client: Client,
    disagreement: Point,
    first_paper: Paper,
    second_paper: Paper,
    monkeypatch,
    grammar,
):
    if grammar and connection.vendor != "postgresql":
        pytest.skip("Grammar-aware search needs PostgreSQL.")
    monkeypatch.setattr(search_query, "full_text", lambda: grammar)
    first_paper.tags.add("alliances")
    everything = found(client, "missile")
    assert "#point-missile-defense" in everything and "nids/#nids-p2" in everything
    assert "cmss-gs/#cmss-gs-p2" in everything
    points = found(client, "missile", kind="point")
    assert "#point-missile-defense" in points and "#nids-p2" not in points
    assert "#cmss-gs-p2" not in found(client, "missile", side="nids")
    assert "#point-missile-defense" in found(client, "missile", agreement=Agreement.DISAGREE)
    assert "#point-missile-defense" not in found(client, "missile", agreement=Agreement.AGREE)
    tagged = found(client, "missile", tag="alliances")
    assert "#nids-p2" in tagged and "#cmss-gs-p2" not in tagged
    assert "#nids-p2" in found(client, "missile", study="asia-pacific", chapter="2", language="en")
    assert "1 result" not in found(client, "missile", chapter="9")


def test_an_unknown_filter_value_is_said_and_ignored(client: Client, first_paper: Paper):
    html = found(client, "alliance", study="nowhere", kind="poem", chapter="x")
    assert "A filter had a value the site does not know" in html
    assert "nids/#nids-p1" in html


@pytest.mark.parametrize(
    "query",
    [
        '"alliance',
        "alliance & | !",
        "&",
        "!!!",
        "-",
        "alliance OR OR",
        "(((",
        "'; DROP TABLE positions_paper; --",
        "alli\x00ance\x1b",
        "\u200b\u3000",
    ],
)
def test_bad_queries_get_a_page_not_an_error(client: Client, first_paper: Paper, query: str):
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    assert Paper.objects.filter(pk=first_paper.pk).exists()


def test_a_very_long_query_is_shortened_and_said(client: Client, first_paper: Paper):
    html = found(client, "alliance " * 1200)
    assert "Your search was shortened to its first 200 characters." in html


def test_a_query_of_only_spaces_asks_for_a_word(client: Client, db):
    assert "Type a word to search for" in found(client, "   ")


def test_the_empty_page_offers_the_search(client: Client, db):
    html = found(client, "")
    assert 'role="search"' in html and "result for" not in html


def test_saving_a_text_updates_what_is_found_at_once(client: Client, first_paper: Paper):
    first_paper.body = "Freshly written about deterrence."
    first_paper.save()
    assert "nids/#nids-p1" in found(client, "deterrence")
    first_paper.delete()
    assert "nids/#nids-p1" not in found(client, "deterrence")


def test_unpublishing_a_chapter_hides_its_points_from_readers(
    client: Client, chapter: Chapter, disagreement: Point
):
    assert "#point-missile-defense" in found(client, "missile")
    chapter.status = Chapter.Status.DRAFT
    chapter.save()
    assert "#point-missile-defense" not in found(client, "missile")


def test_it_runs_a_fixed_number_of_queries(
    client: Client, django_assert_num_queries, first_paper: Paper, disagreement: Point
):
    # Studies and sides for the filters, the languages in use (PostgreSQL), the best
    # matches' ids in order (their number the count), the page's rows.
    queries = 5 if connection.vendor == "postgresql" else 4
    with django_assert_num_queries(queries):
        client.get(URL, {"q": "missile"})
    for n in range(30):
        Point.objects.create(
            chapter=disagreement.chapter,
            question=f"Missile question {n}",
            slug=f"missile-{n}",
            first_stance="Yes.",
            second_stance="No.",
            agreement=Agreement.DISAGREE,
        )
    with django_assert_num_queries(queries):
        client.get(URL, {"q": "missile"})


def test_rebuilding_makes_the_same_entries(first_paper: Paper, disagreement: Point):
    before = sorted(SearchEntry.objects.values_list("kind", "title", "passage", "published"))
    SearchEntry.objects.all().delete()
    call_command("rebuild_search", verbosity=0)
    after = sorted(SearchEntry.objects.values_list("kind", "title", "passage", "published"))
    assert after == before and len(after) > 3


def test_beyond_a_thousand_matches_the_count_says_more_than(
    client: Client, disagreement: Point, monkeypatch
):
    monkeypatch.setattr(search_query, "COUNT_LIMIT", 2)
    for n in range(4):
        Point.objects.create(
            chapter=disagreement.chapter,
            question=f"Missile question {n}",
            slug=f"missile-{n}",
            first_stance="Yes.",
            second_stance="No.",
            agreement=Agreement.DISAGREE,
        )
    html = found(client, "missile")
    assert "More than 2 results for “missile”" in html


def test_the_pages_of_results_follow_one_another(client: Client, disagreement: Point, monkeypatch):
    monkeypatch.setattr(views_search, "RESULTS_PER_PAGE", 2)
    for n in range(3):
        Point.objects.create(
            chapter=disagreement.chapter,
            question=f"Missile question {n}",
            slug=f"missile-{n}",
            first_stance="Yes.",
            second_stance="No.",
            agreement=Agreement.DISAGREE,
        )
    # Six matches: four points and a passage of each paper.
    pages = [found(client, "missile", page=str(number)) for number in (1, 2, 3)]
    assert "6 results for “missile”" in pages[0]
    assert "Page 2 of 3" in pages[1]
    links = [re.findall(r'class="search-result__title"><a href="([^"]+)"', page) for page in pages]
    assert [len(page_links) for page_links in links] == [2, 2, 2]
    assert len({link for page_links in links for link in page_links}) == 6


def test_translations_are_found_and_lead_to_the_translation(
    client: Client, first_paper: Paper, monkeypatch
):
    translation = PaperTranslation(
        paper=first_paper,
        language="ru",
        title="Союз как краеугольный камень",
        body="Союз сохраняется.\n\nПротиворакетная оборона носит оборонительный характер.",
    )
    translation.follow_original()
    translation.save()
    html = found(client, "оборонительный")
    assert 'href="/en/studies/asia-pacific/chapters/2/nids/?text=ru#nids-p2"' in html
    # Readers do not find the translation of a draft.
    first_paper.status = Paper.Status.DRAFT
    first_paper.save()
    assert "?text=ru" not in found(client, "оборонительный")


def description(html: str) -> str:
    [content] = re.findall(r'<meta name="description" content="([^"]*)">', html)
    return content


@pytest.mark.parametrize(
    ("lang", "languages"),
    [
        ("en", "English, Japanese, Russian, and Swedish"),
        ("ja", "英語、日本語、ロシア語、スウェーデン語"),
        ("ru", "английский, японский, русский и шведский"),
    ],
)
def test_the_description_names_the_languages_of_the_texts_in_the_readers(
    client: Client, japan_sweden: Study, lang: str, languages: str
):
    html = client.get(f"/{lang}/search/").content.decode()
    assert languages in description(html)


def test_the_description_names_only_languages_that_texts_are_in(client: Client, study: Study):
    html = client.get(URL).content.decode()
    assert "in English, Japanese, and Russian." in description(html)
    assert "Swedish" not in html


@pytest.mark.parametrize(
    ("lang", "swedish"), [("en", "Swedish"), ("ja", "スウェーデン語"), ("ru", "Шведский")]
)
def test_the_language_filter_shows_names_and_sends_codes(
    client: Client, japan_sweden: Study, lang: str, swedish: str
):
    html = client.get(f"/{lang}/search/").content.decode()
    assert f'<option value="sv">{swedish}</option>' in html
    assert '<option value="sv">sv</option>' not in html
    assert '<option value="en">en</option>' not in html


def test_more_studies_and_languages_add_no_query(
    client: Client, study: Study, django_assert_num_queries
):
    # The studies and the sides, for the filters: the languages are theirs.
    with django_assert_num_queries(2):
        client.get(URL)
    Study.objects.create(title="Japan and Sweden", slug="japan-sweden", language="sv")
    # One more for the names in the reader's language, now that one is in another.
    with django_assert_num_queries(3):
        html = client.get(URL).content.decode()
    assert "Swedish" in description(html)
    Study.objects.create(title="Japan and Norway", slug="japan-norway", language="nb")
    with django_assert_num_queries(3):
        client.get(URL)
