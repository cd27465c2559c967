"""Japanese compounds found and marked together, and English words in either
spelling, British or American, on PostgreSQL's search and on the plain one."""

import pytest
from django.db import connection
from django.test import Client

from positions.models import Chapter, Paper, Side
from positions.search import query as search_query
from positions.search.spelling import other_spelling
from positions.search.syntax import parse
from tests.test_search_ranking import results, urls

FIRST = "/en/studies/asia-pacific/chapters/2/nids/"


@pytest.fixture(params=["grammar", "plain"])
def path(request, monkeypatch) -> str:
    if request.param == "grammar" and connection.vendor != "postgresql":
        pytest.skip("Grammar-aware search needs PostgreSQL; CI runs it there.")
    monkeypatch.setattr(search_query, "full_text", lambda: request.param == "grammar")
    return request.param


@pytest.fixture
def compounds(chapter: Chapter, first_side: Side) -> Paper:
    return Paper.objects.create(
        chapter=chapter,
        side=first_side,
        title="地域の将来",
        body=(
            # The parts apart, more often than the compound is in the next one.
            "日米両国は同盟を強めた。日米両国は同盟国と会った。日米両国は同盟の意義を語った。\n\n"
            "日米同盟が地域の安定の基礎である。日米両国の協力も進む。"
        ),
        status=Paper.Status.PUBLISHED,
        published_on=chapter.published_on,
    )


def test_a_japanese_compound_marks_its_parts_only_together(
    client: Client, compounds: Paper, path: str
):
    [together] = [result for result in results(client, "日米同盟") if result.url.endswith("p2")]
    assert together.marked == ["日米同盟"]


def test_a_japanese_compound_ranks_its_parts_together_first(client: Client, compounds: Paper):
    if connection.vendor != "postgresql":
        pytest.skip("Ranking needs PostgreSQL; CI runs it there.")
    found = results(client, "日米同盟")
    # Both are found (the parts apart too), together first.
    assert urls(found)[:2] == [f"{FIRST}#nids-p2", f"{FIRST}#nids-p1"]
    # Found for its parts apart, a passage marks them where they are.
    assert set(found[1].marked) == {"日米", "同盟"}


def test_a_compound_ranks_first_in_any_alternative(client: Client, compounds: Paper):
    if connection.vendor != "postgresql":
        pytest.skip("Ranking needs PostgreSQL; CI runs it there.")
    assert parse("上海 OR 日米同盟").preferred == '上海 or "日米 同盟"'
    assert urls(results(client, "上海 OR 日米同盟"))[:2] == [f"{FIRST}#nids-p2", f"{FIRST}#nids-p1"]


@pytest.fixture
def spellings(chapter: Chapter, first_side: Side, second_side: Side) -> Chapter:
    for side, body in (
        (first_side, "Missile defence is costly.\n\nThe centre holds."),
        (second_side, "Missile defense upsets the balance.\n\nOffense is not the aim."),
    ):
        Paper.objects.create(
            chapter=chapter,
            side=side,
            title="On deterrence",
            language="en",
            body=body,
            status=Paper.Status.PUBLISHED,
            published_on=chapter.published_on,
        )
    return chapter


@pytest.mark.parametrize("query", ["missile defence", "missile defense", '"missile defence"'])
def test_british_and_american_spellings_find_each_other(
    client: Client, spellings: Chapter, path: str, query: str
):
    found = results(client, query)
    assert sorted(urls(found)) == [
        "/en/studies/asia-pacific/chapters/2/cmss-gs/#cmss-gs-p1",
        f"{FIRST}#nids-p1",
    ]
    marked = " ".join(word.lower() for result in found for word in result.marked)
    assert "defence" in marked and "defense" in marked


def test_a_word_left_out_is_left_out_in_either_spelling(
    client: Client, spellings: Chapter, path: str
):
    assert urls(results(client, "missile -defense")) == []


def test_spellings_are_paired_by_the_beginning_of_a_word():
    assert other_spelling("defences") == "defenses"
    assert other_spelling("organization") == "organisation"
    assert other_spelling("programme") == "program"
    assert other_spelling("emphasis") is None and other_spelling("missile") is None
    # A word asked for twice is not doubled again and again.
    assert parse("defence " * 6).websearch(segment=False, spelled=True) == "defence or defense"
