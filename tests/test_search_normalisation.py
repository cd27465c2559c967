"""Texts and queries are compared in one form, NFKC-normalised and case-folded: a
half-width query finds full-width text and the reverse, on PostgreSQL and on SQLite,
and the matches are marked where they stand in the text as written."""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client

from positions.models import Chapter, Paper, SearchEntry, Side
from positions.search import query as search_query
from positions.text.words import Folded, fold

URL = "/en/search/"


def found(client: Client, query: str) -> str:
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture(params=["grammar", "plain"])
def path(request, monkeypatch) -> str:
    """Each test runs on PostgreSQL's search and on the plain one (SQLite's, which
    PostgreSQL runs too when asked to)."""
    if request.param == "grammar" and connection.vendor != "postgresql":
        pytest.skip("Grammar-aware search needs PostgreSQL; CI runs it there.")
    monkeypatch.setattr(search_query, "full_text", lambda: request.param == "grammar")
    return request.param


@pytest.fixture
def widths(chapter: Chapter, first_side: Side, second_side: Side) -> Chapter:
    """A paper in English and one in Japanese, each written in full and in half width."""
    Paper.objects.create(
        chapter=chapter,
        side=second_side,
        title="Regional formats",
        language="en",
        body=(
            "Members of the ＳＣＯ met in Ｒｕｓｓｉａ.\n\n"
            "The SCO met in Russia, in Moscow.\n\n"
            "The ﬁnal ﬁnding of the ШОС summit."
        ),
        status=Paper.Status.PUBLISHED,
        published_on=chapter.published_on,
    )
    Paper.objects.create(
        chapter=chapter,
        side=first_side,
        title="地域の枠組み",
        body="ｶﾀｶﾅで書いた語。\n\nカタカナで書いた語。\n\n㍿日本の役割。",
        status=Paper.Status.PUBLISHED,
        published_on=chapter.published_on,
    )
    return chapter


ENGLISH = "/en/studies/asia-pacific/chapters/2/cmss-gs/"
JAPANESE = "/en/studies/asia-pacific/chapters/2/nids/"


@pytest.mark.parametrize("query", ["SCO", "ＳＣＯ", "sco", "ｓｃｏ"])
def test_latin_letters_of_either_width_and_case_find_each_other(
    client: Client, widths: Chapter, path: str, query: str
):
    html = found(client, query)
    assert f'href="{ENGLISH}#cmss-gs-p1"' in html
    assert f'href="{ENGLISH}#cmss-gs-p2"' in html
    assert "<mark>ＳＣＯ</mark>" in html and "<mark>SCO</mark>" in html


@pytest.mark.parametrize("query", ["ｶﾀｶﾅ", "カタカナ"])
def test_katakana_of_either_width_finds_both(
    client: Client, widths: Chapter, path: str, query: str
):
    html = found(client, query)
    assert f'href="{JAPANESE}#nids-p1"' in html and f'href="{JAPANESE}#nids-p2"' in html
    assert "<mark>ｶﾀｶﾅ</mark>で書いた語" in html and "<mark>カタカナ</mark>で書いた語" in html


def test_cyrillic_is_found_in_any_letter_case(client: Client, widths: Chapter, path: str):
    # SQLite's LIKE folds only ASCII letters: the folded copy of each text finds these.
    html = found(client, "шос")
    assert f'href="{ENGLISH}#cmss-gs-p3"' in html
    assert "<mark>ШОС</mark>" in html


def test_a_word_that_folding_lengthens_is_marked_as_written(
    client: Client, widths: Chapter, path: str
):
    # ﬁ is one character, fi two: the marks after it stay on their words.
    html = found(client, "finding")
    assert "The ﬁnal <mark>ﬁnding</mark> of the ШОС summit." in html


def test_a_character_that_folds_into_several_words_is_marked_and_so_is_what_follows(
    client: Client, widths: Chapter, path: str
):
    # ㍿ folds into 株式会社, four characters and two words.
    assert "<mark>㍿</mark>日本の役割" in found(client, "株式会社")
    assert "㍿<mark>日本</mark>の役割" in found(client, "日本")


def test_a_full_width_quote_and_minus_are_the_operators_they_look_like(
    client: Client, widths: Chapter, path: str
):
    html = found(client, "＂met in russia＂ －moscow")
    assert f'href="{ENGLISH}#cmss-gs-p1"' in html
    assert f'href="{ENGLISH}#cmss-gs-p2"' not in html


def test_folded_text_knows_where_each_character_came_from():
    text = "㍿ ｶﾞｽ ﬁne Ｒｕｓｓｉａ"
    folded = Folded(text)
    assert folded.text == fold(text) == "株式会社 ガス fine russia"
    for word in ("株式会社", "ガス", "fine", "russia"):
        start = folded.text.index(word)
        start, stop = folded.original(start, start + len(word))
        assert fold(text[start:stop]) == word
    assert folded.original(0, 2) == (0, 1)  # 株式, half of ㍿: all of it


def test_entries_keep_a_folded_copy_where_search_reads_it(widths: Chapter):
    entry = SearchEntry.objects.get(passage="p1", language="en", kind="passage")
    if connection.vendor == "postgresql":
        # Matched by its vector: a copy would make every row that ranking reads larger.
        assert entry.folded == ""
    else:
        assert entry.folded == "regional formats\nmembers of the sco met in russia."


@pytest.mark.skipif(
    "connection.vendor == 'postgresql'", reason="Only SQLite keeps the folded copy."
)
def test_the_migration_fills_the_folded_copy_of_entries_made_before_it(widths: Chapter):
    SearchEntry.objects.update(folded="")
    migration = importlib.import_module("positions.migrations.0024_search_folded")
    migration.fill_folded(apps, SimpleNamespace(connection=connection))
    entry = SearchEntry.objects.get(passage="p1", language="en", kind="passage")
    assert entry.folded == "regional formats\nmembers of the sco met in russia."
    assert not SearchEntry.objects.filter(folded="").exists()
