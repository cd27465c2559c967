"""The search entries a saved paper leaves: one per passage, each with its own text,
written at once however many passages the paper has."""

from django.db import connection
from django.test import Client

from positions.models import Paper, PaperTranslation, SearchEntry
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


def translated(paper: Paper) -> PaperTranslation:
    paper.body = "# Alpha\n\nThe alliance holds."
    paper.save()
    return PaperTranslation.objects.create(
        paper=paper, language="ru", title="Союз", body="# Альфа\n\nСоюз прочен."
    )


def translation_passages(translation: PaperTranslation) -> set[str]:
    entries = SearchEntry.objects.filter(translation=translation, kind=SearchEntry.Kind.PASSAGE)
    return set(entries.values_list("passage", flat=True))


def test_a_translations_entries_follow_the_originals_new_heading_ids(first_paper: Paper):
    translation = translated(first_paper)
    assert translation_passages(translation) == {"alpha", "p1"}

    first_paper.body = "# Beta\n\nThe alliance holds."
    first_paper.save()

    translation.refresh_from_db()
    assert set(translation.passages) == {"beta", "p1"}
    # Each entry's anchor is one the translation's page has.
    assert translation_passages(translation) == {"beta", "p1"}
    assert 'id="nids-beta"' in translation.body_html


def test_a_translations_entries_lead_to_its_passages_after_the_sides_slug_changes(
    client: Client, first_paper: Paper
):
    translation = translated(first_paper)
    side = first_paper.side
    side.slug = "nids-japan"
    side.save()

    translation.refresh_from_db()
    html = client.get("/ru/search/", {"q": "прочен"}).content.decode()
    assert "nids-japan/?text=ru#nids-japan-p1" in html or "nids-japan/#nids-japan-p1" in html
    assert 'id="nids-japan-p1"' in translation.body_html
    assert translation_passages(translation) == {"alpha", "p1"}
