"""What a query asks for and in what order it is found: an entry's own words before its
paper's title, all the words of a query, "phrases", -words left out and OR, in every
language (Japanese, cut into words, keeps its quotes and minus signs)."""

import html as html_escapes
import re
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test import Client

from positions.models import Chapter, Paper, Side, Study
from positions.search import query as search_query

URL = "/en/search/"
FIRST = "/en/studies/asia-pacific/chapters/2/nids/"
SECOND = "/en/studies/asia-pacific/chapters/2/cmss-gs/"

postgresql_only = pytest.mark.skipif(
    "connection.vendor != 'postgresql'",
    reason="Ranking and grammar-aware search need PostgreSQL; CI runs it there.",
)


@dataclass
class Found:
    """One result as the page shows it."""

    url: str
    title: str
    excerpt: str  # marks removed
    marked: list[str]

    def says(self, pattern: str) -> bool:
        """Whether its title or excerpt has `pattern` (a regular expression), in any case."""
        return bool(re.search(pattern, f"{self.title}\n{self.excerpt}", re.IGNORECASE))


_RESULT = re.compile(
    r'<h3 class="search-result__title"><a href="([^"]+)"[^>]*>(.*?)</a></h3>\s*'
    r'(?:<p class="search-result__excerpt"[^>]*>(.*?)</p>)?',
    re.DOTALL,
)


def results(client: Client, query: str, **filters) -> list[Found]:
    """The results of the first page for `query`, in order."""
    response = client.get(URL, {"q": query, **filters})
    assert response.status_code == 200
    page = response.content.decode()
    return [
        Found(
            url=html_escapes.unescape(url),
            title=html_escapes.unescape(title),
            excerpt=html_escapes.unescape(re.sub(r"</?mark>", "", excerpt or "")),
            marked=[
                html_escapes.unescape(word)
                for word in re.findall(r"<mark>(.*?)</mark>", excerpt or "")
            ],
        )
        for url, title, excerpt in _RESULT.findall(page)
    ]


def urls(found: list[Found]) -> list[str]:
    return [result.url for result in found]


@pytest.fixture(params=["grammar", "plain"])
def path(request, monkeypatch) -> str:
    """Each test runs on PostgreSQL's search and on the plain one (SQLite's, which
    PostgreSQL runs too when asked to)."""
    if request.param == "grammar" and connection.vendor != "postgresql":
        pytest.skip("Grammar-aware search needs PostgreSQL; CI runs it there.")
    monkeypatch.setattr(search_query, "full_text", lambda: request.param == "grammar")
    return request.param


def paper(chapter: Chapter, side: Side, title: str, *passages: str) -> Paper:
    return Paper.objects.create(
        chapter=chapter,
        side=side,
        title=title,
        language="en",
        body="\n\n".join(passages),
        status=Paper.Status.PUBLISHED,
        published_on=chapter.published_on,
    )


@pytest.fixture
def papers(chapter: Chapter, first_side: Side, second_side: Side) -> Chapter:
    paper(
        chapter,
        first_side,
        "Asia and the alliance",
        "Deterrence works when it is believed.",
        "The bases stay where they are.",
        "Missile defense is defensive.",
    )
    paper(
        chapter,
        second_side,
        "Towards collective security",
        "The alliance, in the view of this paper, rests on deterrence.",
        "Missile defense upsets the balance.",
        "The defense of a missile site is another matter.",
        "Collective security includes every state.",
    )
    return chapter


@postgresql_only
def test_a_passage_is_not_found_by_its_papers_title_alone(client: Client, papers: Chapter):
    found = urls(results(client, "alliance"))
    # The paper itself is found by its title; its passages without the word are not.
    assert FIRST in found
    assert f"{FIRST}#nids-p1" not in found and f"{FIRST}#nids-p2" not in found
    assert f"{SECOND}#cmss-gs-p1" in found


@postgresql_only
def test_an_entry_with_all_the_words_ranks_above_one_with_some_in_its_papers_title(
    client: Client, papers: Chapter
):
    # The first paper's first passage has "deterrence"; "alliance" only in its title,
    # next to it: ranked as words of its own, it came first.
    found = urls(results(client, "alliance deterrence"))
    assert found.index(f"{SECOND}#cmss-gs-p1") < found.index(f"{FIRST}#nids-p1")


def test_a_two_word_query_finds_entries_with_both(client: Client, papers: Chapter, path: str):
    found = results(client, "missile balance")
    assert urls(found) == [f"{SECOND}#cmss-gs-p2"]


def test_a_quoted_phrase_finds_the_words_together_and_in_order(
    client: Client, papers: Chapter, path: str
):
    apart = urls(results(client, "missile defense"))
    assert f"{SECOND}#cmss-gs-p3" in apart
    for query in ('"missile defense"', "“missile defense”", '"missile defense'):
        found = results(client, query)
        assert f"{SECOND}#cmss-gs-p3" not in urls(found), query
        assert f"{FIRST}#nids-p3" in urls(found) and f"{SECOND}#cmss-gs-p2" in urls(found)
        assert all(result.says(r"missile defen[cs]e") for result in found), query


def test_a_word_after_a_minus_is_left_out(client: Client, papers: Chapter, path: str):
    found = results(client, "missile -balance")
    assert f"{FIRST}#nids-p3" in urls(found)
    assert not [result for result in found if result.says("balance")]
    assert f"{SECOND}#cmss-gs-p3" in urls(results(client, 'defense -"missile defense"'))
    assert f"{SECOND}#cmss-gs-p2" not in urls(results(client, 'defense -"missile defense"'))


@pytest.mark.parametrize("either", ["OR", "or"])
def test_or_finds_either_word(client: Client, papers: Chapter, path: str, either: str):
    found = results(client, f"bases {either} includes")
    assert sorted(urls(found)) == sorted([f"{FIRST}#nids-p2", f"{SECOND}#cmss-gs-p4"])
    assert {word for result in found for word in result.marked} == {"bases", "includes"}


def test_the_words_left_out_are_not_marked(client: Client, papers: Chapter, path: str):
    found = results(client, "deterrence -bases")
    assert found and all(
        result.marked and set(result.marked) <= {"Deterrence", "deterrence"} for result in found
    )


def test_a_query_that_only_leaves_words_out_asks_for_a_word(
    client: Client, papers: Chapter, path: str
):
    page = client.get(URL, {"q": "-alliance"}).content.decode()
    assert "Add a word to search for" in page
    assert "results for" not in page and 'class="search-result"' not in page


@pytest.fixture
def japanese(study: Study, chapter: Chapter, first_side: Side) -> Paper:
    return Paper.objects.create(
        chapter=chapter,
        side=first_side,
        title="地域協力の将来",
        body=(
            "上海協力機構の役割について、両国の意見は分かれる。\n\n"
            "日米同盟が地域の安定の基礎である。\n\n"
            "同盟国との協力が欠かせない。\n\n"
            "上海での会合も日米同盟を論じた。"
        ),
        status=Paper.Status.PUBLISHED,
        published_on=chapter.published_on,
    )


def test_a_quoted_japanese_phrase_stays_a_phrase(client: Client, japanese: Paper, path: str):
    assert f"{FIRST}#nids-p2" in urls(results(client, "日米同盟"))
    assert f"{FIRST}#nids-p2" in urls(results(client, '"日米同盟"'))
    assert urls(results(client, '"同盟日米"')) == []


def test_a_japanese_word_after_a_minus_is_left_out(client: Client, japanese: Paper, path: str):
    assert urls(results(client, "同盟 -日米")) == [f"{FIRST}#nids-p3"]
    found = results(client, "日米同盟 -上海")
    assert urls(found) == [f"{FIRST}#nids-p2"]
    assert not [result for result in found if "上海" in result.excerpt or "上海" in result.marked]


def test_japanese_or_finds_either(client: Client, japanese: Paper, path: str):
    found = urls(results(client, "上海協力機構 OR 同盟国"))
    assert sorted(found) == [f"{FIRST}#nids-p1", f"{FIRST}#nids-p3"]


def test_a_query_with_every_operator_runs_a_fixed_number_of_queries(
    client: Client, papers: Chapter, django_assert_num_queries
):
    # Studies and sides for the filters, the languages in use (PostgreSQL), the best
    # matches' ids, the page's rows.
    queries = 5 if connection.vendor == "postgresql" else 4
    with django_assert_num_queries(queries):
        client.get(URL, {"q": '"missile defense" -balance OR 日米同盟 -上海'})


@postgresql_only
def test_on_the_demo_every_first_page_result_for_alliances_has_the_word(
    client: Client, demo: Study
):
    found = results(client, "alliances")
    assert len(found) >= 10
    for result in found:
        # A passage's title is its paper's: the word must be in its own text.
        own = (
            result.excerpt
            if "#" in result.url and "#point-" not in result.url
            else (f"{result.title}\n{result.excerpt}")
        )
        assert re.search("allian", own, re.IGNORECASE), result
