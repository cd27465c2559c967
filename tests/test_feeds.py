"""Atom feeds of new papers: the site's, a study's and a tag's, announced on the pages
they belong to, with only what readers see, newest first, in a fixed number of queries."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from positions.discovery import feeds
from positions.models import Author, Chapter, Paper, Side, Study

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def atom(client: Client, url: str) -> ET.Element:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    return ET.fromstring(response.content)


def entries(feed: ET.Element) -> list[ET.Element]:
    return feed.findall(f"{ATOM}entry")


def link(element: ET.Element) -> str:
    return element.find(f"{ATOM}link[@rel='alternate']").get("href")


def add_chapter(study: Study, number: int, published_on: datetime.date) -> Chapter:
    """A published chapter with a published paper by each side."""
    chapter = Chapter.objects.create(
        study=study,
        number=number,
        title=f"Theme {number}",
        status=Chapter.Status.PUBLISHED,
        published_on=published_on,
    )
    for side in study.sides.all():
        Paper.objects.create(
            chapter=chapter,
            side=side,
            title=f"Paper {number} by {side.label}",
            abstract="An abstract.",
            status=Paper.Status.PUBLISHED,
            published_on=published_on,
        )
    return chapter


def test_the_site_feed_has_each_published_paper_with_its_authors_date_summary_and_language(
    client, first_paper: Paper, second_paper: Paper, sato: Author
):
    Paper.objects.filter(pk=first_paper.pk).update(language="ja")
    first_paper.authorships.create(author=Author.objects.create(name="Ken Mori", slug="ken-mori"))
    first_paper.tags.add("alliances")
    feed = atom(client, "/en/feed/")
    assert feed.get(XML_LANG) == "en"
    assert feed.findtext(f"{ATOM}title") == "Positions: new papers"
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == "http://testserver/en/feed/"
    assert link(feed) == "http://testserver/en/"
    entry = next(e for e in entries(feed) if e.findtext(f"{ATOM}title") == first_paper.title)
    assert link(entry) == "http://testserver/en/studies/asia-pacific/chapters/2/nids/"
    assert entry.get(XML_LANG) == "ja"
    assert entry.findtext(f"{ATOM}published") == "2007-03-01T00:00:00+00:00"
    assert entry.findtext(f"{ATOM}updated") == "2007-03-01T00:00:00+00:00"
    assert entry.find(f"{ATOM}summary").get("type") == "html"
    assert entry.findtext(f"{ATOM}summary") == "<p>Why the alliance matters.</p>"
    authors = [
        (author.findtext(f"{ATOM}name"), author.findtext(f"{ATOM}uri"))
        for author in entry.findall(f"{ATOM}author")
    ]
    assert authors == [
        ("Hanako Sato (佐藤花子)", "http://testserver/en/authors/hanako-sato/"),
        ("Ken Mori", "http://testserver/en/authors/ken-mori/"),
    ]
    assert [c.get("term") for c in entry.findall(f"{ATOM}category")] == ["alliances"]


def test_it_lists_newest_first_and_a_chapters_papers_in_side_order(client, study: Study):
    add_chapter(study, 1, datetime.date(2006, 5, 1))
    add_chapter(study, 2, datetime.date(2007, 3, 30))
    titles = [e.findtext(f"{ATOM}title") for e in entries(atom(client, "/en/feed/"))]
    assert titles == [
        "Paper 2 by Japan",
        "Paper 2 by Russia",
        "Paper 1 by Japan",
        "Paper 1 by Russia",
    ]


def test_it_hides_drafts_and_the_papers_of_unpublished_chapters(
    client, first_paper: Paper, second_paper: Paper
):
    first_paper.status = Paper.Status.APPROVED
    first_paper.save()
    titles = [e.findtext(f"{ATOM}title") for e in entries(atom(client, "/en/feed/"))]
    assert titles == ["Towards collective security"]
    # Even if a paper were still marked published, its unpublished chapter hides it.
    Chapter.objects.filter(pk=second_paper.chapter_id).update(status=Chapter.Status.DRAFT)
    assert entries(atom(client, "/en/feed/")) == []


def test_it_is_in_the_language_of_its_address(client, first_paper: Paper):
    feed = atom(client, "/ja/feed/")
    assert feed.get(XML_LANG) == "ja"
    assert link(feed) == "http://testserver/ja/"
    assert link(entries(feed)[0]) == "http://testserver/ja/studies/asia-pacific/chapters/2/nids/"


def test_texts_are_escaped_once_as_atom_expects(client, first_paper: Paper):
    Paper.objects.filter(pk=first_paper.pk).update(
        title="Missiles <and> “allies” & friends", abstract="A < B & C.\n\nSecond <p>."
    )
    response = client.get("/en/feed/")
    entry = entries(ET.fromstring(response.content))[0]
    # A title is Atom text: the reader gets back what the editor typed.
    assert entry.findtext(f"{ATOM}title") == "Missiles <and> “allies” & friends"
    # The summary is Atom HTML: the abstract's text escaped into paragraphs.
    assert (
        entry.findtext(f"{ATOM}summary") == "<p>A &lt; B &amp; C.</p>\n\n<p>Second &lt;p&gt;.</p>"
    )
    assert b"<and>" not in response.content


def test_a_paper_without_authors_is_signed_by_its_institute(client, first_paper: Paper):
    first_paper.authorships.all().delete()
    entry = entries(atom(client, "/en/feed/"))[0]
    names = [a.findtext(f"{ATOM}name") for a in entry.findall(f"{ATOM}author")]
    assert names == ["National Institute for Defense Studies"]
    assert entry.find(f"{ATOM}author/{ATOM}uri") is None


def test_it_holds_at_most_fifty_papers(client, study: Study):
    for number in range(1, 27):
        add_chapter(study, number, datetime.date(2007, 1, 1) + datetime.timedelta(days=number))
    found = entries(atom(client, "/en/feed/"))
    assert feeds.FEED_LENGTH == 50
    assert len(found) == 50
    # The oldest chapter's two papers are the ones left out.
    assert "Paper 1 by Japan" not in {e.findtext(f"{ATOM}title") for e in found}


def test_a_studys_feed_has_that_studys_papers_only(client, first_paper: Paper, study: Study):
    other = Study.objects.create(title="Another study", slug="another")
    Side.objects.create(
        study=other, position=1, institute=first_paper.side.institute, label="A", language="en"
    )
    add_chapter(other, 1, datetime.date(2008, 1, 1))
    feed = atom(client, "/en/studies/asia-pacific/feed/")
    assert feed.findtext(f"{ATOM}title") == "New papers in “Security in the Asia-Pacific”"
    assert link(feed) == "http://testserver/en/studies/asia-pacific/"
    assert [e.findtext(f"{ATOM}title") for e in entries(feed)] == [first_paper.title]
    assert client.get("/en/studies/nowhere/feed/").status_code == 404


def test_a_tags_feed_has_the_papers_with_the_tag_or_in_a_chapter_with_it(
    client, first_paper: Paper, second_paper: Paper, study: Study
):
    first_paper.tags.add("alliances")
    tagged_chapter = add_chapter(study, 5, datetime.date(2008, 1, 1))
    tagged_chapter.tags.add("alliances")
    feed = atom(client, "/en/tags/alliances/feed/")
    assert feed.findtext(f"{ATOM}title") == "New papers tagged “alliances”"
    assert link(feed) == "http://testserver/en/tags/alliances/"
    assert [e.findtext(f"{ATOM}title") for e in entries(feed)] == [
        "Paper 5 by Japan",
        "Paper 5 by Russia",
        "The alliance as the cornerstone",
    ]


def test_a_tag_that_no_public_text_carries_has_no_feed(client, first_paper: Paper):
    first_paper.tags.add("secret")
    first_paper.status = Paper.Status.DRAFT
    first_paper.save()
    assert client.get("/en/tags/secret/feed/").status_code == 404
    assert client.get("/en/tags/nothing/feed/").status_code == 404


def test_pages_announce_their_feed(client, first_paper: Paper):
    first_paper.tags.add("alliances")
    pages = {
        "/en/": ("Positions: new papers", "/en/feed/"),
        # In the page's language.
        "/ja/studies/asia-pacific/": (
            "「Security in the Asia-Pacific」の新着論文",
            "/ja/studies/asia-pacific/feed/",
        ),
        "/en/tags/alliances/": ("New papers tagged “alliances”", "/en/tags/alliances/feed/"),
    }
    for page, (title, url) in pages.items():
        html = client.get(page).content.decode()
        assert (
            f'<link rel="alternate" type="application/atom+xml" title="{title}" href="{url}">'
            in html
        )
        assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/en/feed/", 3),
        ("/en/studies/asia-pacific/feed/", 4),
        ("/en/tags/theme-0/feed/", 4),
    ],
)
def test_it_runs_a_fixed_number_of_queries(
    client, django_assert_num_queries, study: Study, first_paper: Paper, url: str, queries: int
):
    first_paper.tags.add("theme 0")
    with django_assert_num_queries(queries):
        assert len(entries(atom(client, url))) == 1
    for number in range(10, 40):
        chapter = add_chapter(study, number, datetime.date(2008, 1, 1))
        chapter.tags.add("theme 0")
        for paper in chapter.papers.all():
            paper.tags.add("theme 0", "theme 1")
            paper.authorships.create(author=first_paper.author_list()[0])
    with django_assert_num_queries(queries):
        assert len(entries(atom(client, url))) == 50
