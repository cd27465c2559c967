"""What the search page says when a query or a filter cannot be searched as asked,
and what it says the plain search (SQLite's) does."""

import pytest
from django.db import connection
from django.test import Client

from positions.models import Paper
from positions.search import query as search_query

URL = "/en/search/"
UNKNOWN_FILTER = "A filter had a value the site does not know"


def page(client: Client, query: str, **filters) -> str:
    response = client.get(URL, {"q": query, **filters})
    assert response.status_code == 200
    return response.content.decode()


def test_a_null_character_is_said_to_be_in_the_query_not_a_filter(
    client: Client, first_paper: Paper
):
    html = page(client, "alliance\x00 holds")
    assert "Your search had control characters in it" in html
    assert UNKNOWN_FILTER not in html
    # Searched without it.
    assert "nids/#nids-p1" in html


def test_an_ordinary_query_has_no_message(client: Client, first_paper: Paper):
    html = page(client, "alliance\tholds")
    assert "control characters" not in html and UNKNOWN_FILTER not in html


def test_a_tag_that_no_text_has_is_said_and_the_search_runs_without_it(
    client: Client, first_paper: Paper
):
    html = page(client, "missile", tag="zzz")
    assert "No text has this tag." in html
    assert UNKNOWN_FILTER in html
    assert "nids/#nids-p2" in html
    # The filters are shown open, with the tag as typed.
    assert '<details class="search-filters" open>' in html and 'value="zzz"' in html


def test_a_known_tag_still_filters(client: Client, first_paper: Paper, second_paper: Paper):
    first_paper.tags.add("alliances")
    html = page(client, "missile", tag="alliances")
    assert "No text has this tag." not in html and UNKNOWN_FILTER not in html
    assert "nids/#nids-p2" in html and "cmss-gs/#cmss-gs-p2" not in html


def test_a_tag_filter_costs_one_query_however_many_tags_there_are(
    client: Client, first_paper: Paper, django_assert_num_queries
):
    # Studies, sides, the tag, the languages in use (PostgreSQL), the matches, the rows.
    queries = 6 if connection.vendor == "postgresql" else 5
    with django_assert_num_queries(queries):
        page(client, "missile", tag="zzz")
    first_paper.tags.add(*[f"tag {n}" for n in range(20)])
    with django_assert_num_queries(queries):
        page(client, "missile", tag="tag-3")


def test_the_plain_search_says_what_it_does_and_not_what_it_does_not(
    client: Client, first_paper: Paper, monkeypatch
):
    monkeypatch.setattr(search_query, "full_text", lambda: False)
    html = page(client, "")
    assert "exactly as you type" not in html
    assert "in any letter case and width" in html
    assert "not other forms of a word" in html
    # What it says is so: folded letters are found inside longer words, other forms not.
    assert "nids/#nids-p1" in page(client, "ALLIAN")
    assert "result" in page(client, "alliances") and "nids/#nids-p1" not in page(
        client, "alliances"
    )


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="The lede of PostgreSQL's search.")
def test_the_grammar_search_keeps_its_own_description(client: Client, db):
    html = page(client, "")
    assert "Simple search" not in html and "whatever their form" in html
