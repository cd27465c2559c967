"""README's examples and the search page's are true on the demo: each search finds what
they say it finds, and the permalink they show is on the page they name."""

import html as html_escapes
import re
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client

from positions.models import Study
from tests.test_search_ranking import results

README = Path(__file__).resolve().parent.parent / "README.md"

# "X finds Y": X quoted, or a word with a letter outside ASCII (ＳＣＯ, 協力) so that the
# prose around them ("the team also finds the rest") is not taken for an example.
_FINDS = re.compile(
    r'(?:["“]([^"”]+)["”]|([^\s"“”(]*[^\x00-\x7f][^\s"“”(]*))'
    r' finds (?:["“]([^"”]+)["”]|([^\s,.;)]+))'
)
# The operators' examples, each in parentheses: (`alliances -China`) in README, plain on the page.
_README_QUERY = re.compile(r"\(`([^`]+)`\)")
_PAGE_QUERY = re.compile(r"\(([^()]+)\)")

# What each example's query finds, and whether SQLite's plain search finds it too (it
# matches words folded but as typed, not in their other forms).
FINDS = {
    ("alliances", "alliance"): "PostgreSQL",
    ("шестисторонние переговоры", "шестисторонних переговорах"): "PostgreSQL",
    ("協力", "上海協力機構"): "both",
    ("築いた", "築く"): "PostgreSQL",
    ("ＳＣＯ", "SCO"): "both",
    ("ﾛｼｱ", "ロシア"): "both",
}
OPERATORS = {'"bilateral alliances"', "alliances -China", "SCO OR 上海協力機構"}


def readme_search() -> str:
    """README's **Search** paragraph, its lines joined."""
    text = README.read_text()
    start = text.index("**Search.**")
    return " ".join(text[start : text.index("\n\n", start)].split())


def examples(text: str) -> set[tuple[str, str]]:
    return {
        (quoted or bare, found or found_bare)
        for quoted, bare, found, found_bare in _FINDS.findall(text)
    }


def search_page_help(client: Client) -> tuple[str, str]:
    """The search page's lede and the paragraph on quotes, minus and OR, as text."""
    page = client.get("/en/search/").content.decode()
    [lede] = re.findall(r'<p class="lede">(.*?)</p>', page, re.DOTALL)
    [syntax] = re.findall(r'<p class="search-syntax">(.*?)</p>', page, re.DOTALL)
    return html_escapes.unescape(lede), html_escapes.unescape(syntax)


def test_readme_shows_the_examples_tested_here():
    paragraph = readme_search()
    assert examples(paragraph) == set(FINDS)
    assert set(_README_QUERY.findall(paragraph)) == OPERATORS


def test_the_search_page_shows_only_examples_tested_here(client: Client, db):
    lede, syntax = search_page_help(client)
    assert examples(lede) <= set(FINDS)
    if connection.vendor == "postgresql":
        assert examples(lede)  # The page on PostgreSQL shows what grammar finds.
    assert set(_PAGE_QUERY.findall(syntax)) == OPERATORS


@pytest.mark.parametrize(("query", "finds"), list(FINDS))
def test_each_example_finds_what_it_says(client: Client, demo: Study, query: str, finds: str):
    if FINDS[query, finds] == "PostgreSQL" and connection.vendor != "postgresql":
        pytest.skip("Other forms of a word are found on PostgreSQL; CI runs it there.")
    found = results(client, query)
    assert [
        result
        for result in found
        if finds.casefold() in result.excerpt.casefold()
        and any(marked.casefold() in finds.casefold() for marked in result.marked)
    ], found


def test_a_phrase_in_quotes_is_found_as_the_phrase(client: Client, demo: Study):
    found = results(client, '"bilateral alliances"')
    assert found
    assert all(result.says(r"bilateral\s+alliance") for result in found), found
    # In the other order, the words are found apart but not as a phrase.
    assert results(client, "alliances bilateral")
    assert not results(client, '"alliances bilateral"')


def test_a_word_after_a_minus_is_left_out(client: Client, demo: Study):
    found = results(client, "alliances -China")
    assert found
    assert all(result.says("allian") and not result.says("china") for result in found), found
    assert [result for result in results(client, "alliances") if result.says("china")]


def test_or_finds_either(client: Client, demo: Study):
    found = results(client, "SCO OR 上海協力機構")
    if connection.vendor == "postgresql":
        # (SQLite's plain search matches letters anywhere: sco in Moscow too.)
        assert all(result.says("sco|上海協力機構") for result in found), found
    assert [result for result in found if "SCO" in result.marked]
    assert [result for result in found if "上海協力機構" in result.excerpt]


def test_the_permalink_example_is_on_the_chapter_page_it_names(client: Client, demo: Study):
    [(path, anchor)] = re.findall(
        r"\*\*chapter page\*\* \(`([^`]+)`\).*?permalink \(`#([^`]+)`\)",
        README.read_text(),
        re.DOTALL,
    )
    response = client.get(f"/en{path}")
    assert response.status_code == 200
    assert f'id="{anchor}"' in response.content.decode()
