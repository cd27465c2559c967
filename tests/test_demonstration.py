"""A study marked as a demonstration (the demo) or carrying a notice says so on every
page of it and in everything a reader can copy or download: citations in every format,
JSON-LD, feeds, the API, the points' CSV and JSON, archives. Its dates are shown and
cited as precisely as it knows them: March 2007."""

import csv
import io
import json
import re
from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client

from positions.exchange.export import export_study
from positions.models import Study
from tests.exchange_archives import import_bytes, manifest, unpack, wipe

STUDY = "/en/studies/asia-pacific/"
CHAPTER = STUDY + "chapters/2/"
PAPER = CHAPTER + "cmss-gs/"
PAGES = [
    STUDY,
    CHAPTER,
    PAPER,
    STUDY + "map/",
    CHAPTER + "?text=ja",
    "/ja/studies/asia-pacific/chapters/2/",
    "/ru/studies/asia-pacific/chapters/2/nids/",
]
NOTICE = "These texts were written to show this site."


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize("url", PAGES)
def test_every_page_of_the_demo_carries_the_notice(client: Client, demo: Study, url: str):
    html = page(client, url)
    [notice] = re.findall(r'<aside class="study-notice[^"]*"[^>]*>(.*?)</aside>', html, re.S)
    # In the reader's language: the label is the interface's.
    # No space after the Japanese full stop: the space is in each language's words.
    label = {"/ja/": "デモ。", "/ru/": "Демонстрация. "}.get(url[:4], "Demonstration. ")
    assert f"<strong>{label}</strong>" in notice
    # The site's wording, in the reader's language and marked with it.
    language = url[1:3]
    assert f'<span lang="{language}">' in notice


def test_a_study_without_a_notice_shows_none(client: Client, demo: Study):
    Study.objects.filter(pk=demo.pk).update(demonstration=False)
    assert "study-notice" not in page(client, CHAPTER)


def test_a_chief_editor_may_give_any_study_its_own_notice(client: Client, demo: Study):
    Study.objects.filter(pk=demo.pk).update(demonstration=False, notice="Draft for review.")
    html = page(client, CHAPTER)
    assert '<strong>Notice. </strong><span lang="en">Draft for review.</span>' in html
    bibtex = page(client, CHAPTER + "citation.bib")
    assert "note = {Notice: Draft for review.}" in bibtex


def cite_box(html: str) -> list[str]:
    """The Chicago and APA entries of the page's Cite box, as text."""
    entries = re.findall(r'<dd class="cite__text"[^>]*>(.*?)</dd>', html, re.S)
    return [re.sub(r"<[^>]+>", "", entry) for entry in entries]


@pytest.mark.parametrize("url", [CHAPTER, PAPER])
def test_every_citation_format_says_demonstration(client: Client, demo: Study, url: str):
    entries = cite_box(page(client, url))
    assert len(entries) == 2  # Chicago, APA
    for entry in entries:
        assert "[Demonstration: These texts were written to show this site." in entry, entry
        # To the month: the preface gives no day.
        assert "2007" in entry and "30" not in entry
    bibtex = page(client, url + "citation.bib")
    assert re.search(r"note = \{Demonstration: These texts", bibtex)
    assert "date = {2007-03}" in bibtex
    ris = page(client, url + "citation.ris")
    assert "N1  - Demonstration: These texts" in ris
    assert "DA  - 2007/03//" in ris


def test_the_citations_speak_the_readers_language(client: Client, demo: Study):
    entries = cite_box(page(client, "/ja/studies/asia-pacific/chapters/2/"))
    assert all("[デモ：" in entry for entry in entries), entries


def json_ld(html: str) -> dict:
    block = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    return json.loads(block)


def test_json_ld_presents_no_demonstration_as_a_publication(client: Client, demo: Study):
    data = json_ld(page(client, PAPER))
    assert "ScholarlyArticle" not in json.dumps(data)
    assert data["@type"] == "CreativeWork"
    assert data["creativeWorkStatus"] == "Demonstration"
    assert data["disambiguatingDescription"].startswith("Demonstration: ")
    assert data["datePublished"] == "2007-03"


def test_a_published_studys_paper_stays_a_scholarly_article(client: Client, demo: Study):
    Study.objects.filter(pk=demo.pk).update(demonstration=False, dates_precision="day")
    data = json_ld(page(client, PAPER))
    assert data["@type"] == "ScholarlyArticle"
    assert "creativeWorkStatus" not in data and "disambiguatingDescription" not in data
    assert data["datePublished"] == "2007-03-01"  # to the day, now that the day is known


def test_the_pages_show_the_month_not_a_day(client: Client, demo: Study):
    html = page(client, PAPER)
    assert '<time datetime="2007-03">March 2007</time>' in html
    assert '<meta property="article:published_time" content="2007-03">' in html
    assert "2007年3月" in page(client, "/ja/studies/asia-pacific/chapters/2/cmss-gs/")


def test_feed_entries_say_demonstration(client: Client, demo: Study):
    feed = page(client, "/en/studies/asia-pacific/feed/")
    titles = re.findall(r"<entry[^>]*>.*?<title>(.*?)</title>", feed, re.S)
    assert titles and all(title.startswith("[Demonstration] ") for title in titles)
    assert feed.count("Demonstration: These texts") == len(titles)


def test_the_api_says_demonstration_on_every_answer(client: Client, demo: Study):
    study = client.get("/api/studies/asia-pacific/").json()
    assert study["demonstration"] is True
    assert study["notice"].startswith("Demonstration: ")
    assert study["dates_precision"] == "month"
    assert all(chapter["demonstration"] for chapter in study["chapters"])
    chapter = client.get("/api/studies/asia-pacific/chapters/2/").json()
    assert chapter["demonstration"] and chapter["notice"] == study["notice"]
    assert all(point["demonstration"] for point in chapter["points"])
    paper = client.get("/api/studies/asia-pacific/chapters/2/papers/cmss-gs/").json()
    assert paper["demonstration"] and paper["notice"] == study["notice"]
    papers = client.get("/api/papers/").json()
    assert all(paper["demonstration"] for paper in papers["results"])


def test_the_points_downloads_carry_the_notice(client: Client, demo: Study):
    text = page(client, STUDY + "points.csv").lstrip("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows and all(row["notice"].startswith("Demonstration: ") for row in rows)
    records = client.get(CHAPTER + "points.json").json()
    assert all(record["notice"].startswith("Demonstration: ") for record in records)


def test_an_archive_keeps_the_notice_and_the_precision(demo: Study):
    Study.objects.filter(pk=demo.pk).update(notice="Kept across archives.")
    demo.refresh_from_db()
    exported = export_study(demo)
    study = manifest(unpack(exported))["study"]
    assert (study["demonstration"], study["notice"], study["dates_precision"]) == (
        True,
        "Kept across archives.",
        "month",
    )
    wipe()
    imported = import_bytes(exported).study
    assert (imported.demonstration, imported.notice, imported.dates_precision) == (
        True,
        "Kept across archives.",
        "month",
    )
    assert export_study(imported) == exported


def test_an_archive_with_an_unknown_precision_is_refused(demo: Study):
    from positions.exchange.importer import Refused
    from tests.exchange_archives import pack, with_manifest

    files = with_manifest(
        unpack(export_study(demo)), lambda data: data["study"].update(dates_precision="week")
    )
    with pytest.raises(Refused, match="dates_precision"):
        import_bytes(pack(files), replace=True)


class _Form(HTMLParser):
    """The fields of the page's main form as a browser would post them."""

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, Any] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        name = attributes.get("name")
        if tag == "input" and name:
            kind = attributes.get("type", "text")
            if kind in {"checkbox", "radio"}:
                if "checked" in attributes:
                    self.data[name] = attributes.get("value", "on")
            elif kind not in {"submit", "button", "file"}:
                self.data[name] = attributes.get("value", "")
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attributes:
            self.data[self._select] = attributes.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.data[self._textarea] += (
                data.removeprefix("\n") if not self.data[self._textarea] else data
            )


def admin_form(client: Client, url: str) -> dict[str, Any]:
    parser = _Form()
    parser.feed(client.get(url).content.decode())
    return parser.data


def test_the_chief_editor_marks_a_study_in_the_admin(client: Client, study: Study, chief):
    client.force_login(chief)
    url = f"/admin/positions/study/{study.pk}/change/"
    data = admin_form(client, url)
    data.update(demonstration="on", notice="", dates_precision="month")
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    study.refresh_from_db()
    assert study.demonstration and study.dates_precision == "month"
    assert study.history.first().demonstration  # kept in the history
    html = page(client, f"/en/studies/{study.slug}/")
    assert "<strong>Demonstration. </strong>" in html


def test_a_translation_gives_its_originals_date_no_more_precisely(client: Client, demo: Study):
    # The demo's revisions are dated to the month it knows, like its publication.
    html = page(client, "/en/studies/asia-pacific/chapters/1/cmss-gs/?text=en")
    assert "from its version of March 2007." in html
