"""The search entries a saved paper leaves: one per passage, each with its own text,
written at once however many passages the paper has."""

from django.db import connection
from django.test import Client

from positions.models import Paper, SearchEntry
from positions.models.search import SearchEntryWords

URL = "/en/search/"


def passages(paper: Paper) -> dict[str, str]:
    entries = SearchEntry.objects.filter(paper=paper, kind=SearchEntry.Kind.PASSAGE)
    return dict(entries.values_list("passage", "text"))


def test_each_paragraph_after_a_line_break_is_a_passage_of_its_own(first_paper: Paper):
    first_paper.body = "One  \nline.\n\nTwo.\n\nThree."
    first_paper.save()
    # A <br> has no end tag: counted as one, it made the rest part of the first passage.
    assert passages(first_paper) == {"p1": "One line.", "p2": "Two.", "p3": "Three."}


def test_a_paper_of_thousands_of_passages_is_found_passage_by_passage(
    client: Client, first_paper: Paper
):
    first_paper.body = "\n\n".join(
        f"Paragraph {number} on the alliance." for number in range(3_000)
    )
    first_paper.body += "\n\nThe last one is on deterrence."
    first_paper.save()
    found = passages(first_paper)
    assert len(found) == 3_001
    assert found["p1"] == "Paragraph 0 on the alliance."
    assert found["p3001"] == "The last one is on deterrence."
    html = client.get(URL, {"q": "deterrence"}).content.decode()
    assert "nids/#nids-p3001" in html
    if connection.vendor == "postgresql":
        entries = SearchEntry.objects.filter(paper=first_paper)
        assert not entries.filter(vector__isnull=True).exists()


def test_saving_again_replaces_the_entries_and_where_their_words_are(first_paper: Paper):
    first_paper.body = "上海協力機構の役割。\n\n日米同盟が基礎である。"
    first_paper.save()
    assert SearchEntryWords.objects.filter(entry__paper=first_paper).count() == 2
    first_paper.body = "日米同盟が基礎である。"
    first_paper.save()
    assert passages(first_paper) == {"p1": "日米同盟が基礎である。"}
    words = SearchEntryWords.objects.filter(entry__paper=first_paper)
    assert words.count() == 1
    assert words.get().entry.passage == "p1"
