"""/sitemap.xml lists every public page in each language with its alternates;
/robots.txt lets crawlers read those pages but not the admin or the team's pages."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from positions.models import Author, Chapter, Paper, PaperTranslation, Point
from tests.helpers import grow_chapter

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
HOST = "http://testserver"


def sitemap(client: Client) -> dict[str, ET.Element]:
    """The sitemap's <url> elements by address."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    urls = ET.fromstring(response.content).findall(f"{SITEMAP}url")
    return {url.findtext(f"{SITEMAP}loc"): url for url in urls}


def alternates(url: ET.Element) -> dict[str, str]:
    return {
        link.get("hreflang"): link.get("href")
        for link in url.findall(f"{XHTML}link[@rel='alternate']")
    }


def lastmod(url: ET.Element) -> str | None:
    return url.findtext(f"{SITEMAP}lastmod")


@pytest.fixture
def content(disagreement: Point, first_paper: Paper, sato: Author) -> None:
    first_paper.tags.add("alliances")


def test_it_lists_every_public_page_in_each_language(client, content: None):
    found = sitemap(client)
    pages = [
        "/",
        "/studies/asia-pacific/",
        "/studies/asia-pacific/map/",
        "/studies/asia-pacific/chapters/2/",
        "/studies/asia-pacific/chapters/2/nids/",
        "/studies/asia-pacific/chapters/2/cmss-gs/",
        "/authors/hanako-sato/",
        "/authors/olga-ivanova/",
        "/tags/alliances/",
    ]
    assert set(found) == {f"{HOST}/{lang}{page}" for page in pages for lang in ["en", "ja", "ru"]}
    for lang in ["en", "ja", "ru"]:
        url = found[f"{HOST}/{lang}/studies/asia-pacific/chapters/2/nids/"]
        assert alternates(url) == {
            "en": f"{HOST}/en/studies/asia-pacific/chapters/2/nids/",
            "ja": f"{HOST}/ja/studies/asia-pacific/chapters/2/nids/",
            "ru": f"{HOST}/ru/studies/asia-pacific/chapters/2/nids/",
            # The address without a language sends a visitor to theirs.
            "x-default": f"{HOST}/studies/asia-pacific/chapters/2/nids/",
        }


def test_every_address_it_lists_answers_and_is_open_to_crawlers(client, content: None):
    robots = client.get("/robots.txt").content.decode()
    for address in sitemap(client):
        path = address.removeprefix(HOST)
        assert client.get(path).status_code == 200, path
        assert allowed(robots, path), path


def test_it_leaves_out_drafts_unpublished_chapters_and_what_only_they_carry(
    client, content: None, first_paper: Paper, chapter: Chapter
):
    first_paper.status = Paper.Status.APPROVED
    first_paper.save()
    found = sitemap(client)
    assert f"{HOST}/en/studies/asia-pacific/chapters/2/nids/" not in found
    assert f"{HOST}/en/studies/asia-pacific/chapters/2/cmss-gs/" in found
    # Hanako Sato wrote only the unpublished paper; its tag is on nothing public.
    assert f"{HOST}/en/authors/hanako-sato/" not in found
    assert f"{HOST}/en/tags/alliances/" not in found
    Chapter.objects.filter(pk=chapter.pk).update(status=Chapter.Status.DRAFT)
    found = sitemap(client)
    assert set(found) == {
        f"{HOST}/{lang}/{page}"
        for page in ["", "studies/asia-pacific/"]
        for lang in ["en", "ja", "ru"]
    }


def test_a_papers_translations_are_pages_of_their_own(client, content: None, first_paper: Paper):
    translation = PaperTranslation(paper=first_paper, language="ja", title="礎としての同盟")
    translation.follow_original()
    translation.save()
    url = sitemap(client)[f"{HOST}/ru/studies/asia-pacific/chapters/2/nids/?text=ja"]
    assert alternates(url)["en"] == f"{HOST}/en/studies/asia-pacific/chapters/2/nids/?text=ja"
    assert alternates(url)["x-default"] == f"{HOST}/studies/asia-pacific/chapters/2/nids/?text=ja"


def test_it_dates_the_pages_it_can(client, content: None, first_paper: Paper, chapter: Chapter):
    Paper.objects.update(updated=datetime.datetime(2007, 3, 5, tzinfo=datetime.UTC))
    found = sitemap(client)
    # A chapter: the latest of its publication and its papers' last changes.
    assert lastmod(found[f"{HOST}/en/studies/asia-pacific/chapters/2/"]) == "2007-03-05"
    assert lastmod(found[f"{HOST}/en/studies/asia-pacific/chapters/2/nids/"]) == "2007-03-05"
    # An author: their latest public paper.
    assert lastmod(found[f"{HOST}/ja/authors/hanako-sato/"]) == "2007-03-01"
    assert lastmod(found[f"{HOST}/en/studies/asia-pacific/"]) is not None
    assert lastmod(found[f"{HOST}/en/tags/alliances/"]) is None


def test_it_is_outside_the_languages_and_sets_no_language(client, content: None):
    response = client.get("/sitemap.xml", headers={"accept-language": "ja"})
    assert response.status_code == 200
    assert "django_language" not in response.cookies
    assert client.get("/en/sitemap.xml").status_code == 404


def test_it_runs_a_fixed_number_of_queries(client, django_assert_num_queries, content: None):
    # The studies, their maps, chapters, papers and their translations, authors, tags.
    with django_assert_num_queries(7):
        client.get("/sitemap.xml")
    grow_chapter(Chapter.objects.get(), points=30)
    with django_assert_num_queries(7):
        assert len(sitemap(client)) > 40


# robots.txt


def allowed(robots: str, path: str) -> bool:
    """Whether `robots` lets any crawler read `path`, as RFC 9309 says: the longest
    matching rule wins, Allow over Disallow when as long; `*` matches anything, `$`
    ends the path."""
    best: tuple[int, bool] | None = None
    for line in robots.splitlines():
        name, _, value = line.split("#", 1)[0].partition(":")
        name, value = name.strip().lower(), value.strip()
        if name not in ("allow", "disallow") or not value:
            continue
        anchored = value.endswith("$")
        pattern = ".*".join(re.escape(part) for part in value.rstrip("$").split("*"))
        if re.match(pattern + ("$" if anchored else ""), path):
            rule = (len(value), name == "allow")
            if best is None or rule > best:
                best = rule
    return best is None or best[1]


PUBLIC = [
    "/en/",
    "/ja/studies/asia-pacific/",
    "/ru/studies/asia-pacific/chapters/2/",
    "/en/studies/asia-pacific/chapters/2/?agreement=disagree",
    "/en/studies/asia-pacific/chapters/2/nids/",
    "/en/studies/asia-pacific/chapters/2/nids/?text=ja",
    "/en/studies/asia-pacific/chapters/2/nids/translations/ja/changes/",
    "/en/studies/asia-pacific/chapters/2/translations/ja/changes/",
    "/en/studies/asia-pacific/chapters/2/points/missile-defense/translations/ja/changes/",
    "/en/authors/hanako-sato/",
    "/en/tags/alliances/",
    # Tags named like the team's pages are still tags.
    "/en/tags/history/",
    "/en/tags/discussion/",
    "/en/tags/edit/",
    "/en/feed/",
    "/en/studies/asia-pacific/feed/",
    "/sitemap.xml",
    "/static/positions/site.css",
]
TEAM = [
    "/admin/",
    "/admin/positions/paper/1/change/",
    "/en/my-work/",
    "/ja/my-work/",
    "/en/preview/",
    "/en/presence/paper/1/",
    "/ru/discussion/1/resolve/",
    "/en/studies/asia-pacific/changes/",
    "/en/studies/asia-pacific/changes/papers/3/recover/",
    "/en/studies/asia-pacific/chapters/2/add-paper/",
    "/en/studies/asia-pacific/chapters/2/status/",
    "/en/studies/asia-pacific/chapters/2/translations/ja/edit/",
    "/en/studies/asia-pacific/chapters/2/nids/edit/",
    "/en/studies/asia-pacific/chapters/2/nids/status/",
    "/ja/studies/asia-pacific/chapters/2/nids/history/",
    "/en/studies/asia-pacific/chapters/2/nids/history/compare/?old=1&new=2",
    "/en/studies/asia-pacific/chapters/2/nids/discussion/",
    "/en/studies/asia-pacific/chapters/2/nids/translations/ja/edit/",
    "/en/studies/asia-pacific/chapters/2/points/missile-defense/edit/",
    "/en/studies/asia-pacific/chapters/2/points/missile-defense/history/",
    "/en/studies/asia-pacific/chapters/2/points/missile-defense/discussion/",
    "/en/studies/asia-pacific/chapters/2/points/missile-defense/translations/ja/edit/",
]


def test_robots_txt_opens_the_public_pages_and_closes_the_team_pages(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    robots = response.content.decode()
    assert "User-agent: *" in robots
    assert [path for path in PUBLIC if not allowed(robots, path)] == []
    assert [path for path in TEAM if allowed(robots, path)] == []


def test_robots_txt_points_to_the_sitemap_with_an_absolute_address(client, db):
    robots = client.get("/robots.txt").content.decode()
    assert "\nSitemap: http://testserver/sitemap.xml\n" in robots
    secure = client.get("/robots.txt", secure=True).content.decode()
    assert "\nSitemap: https://testserver/sitemap.xml\n" in secure


def test_search_pages_may_be_crawled_but_say_noindex_and_no_other_public_page_does(client, demo):
    robots = client.get("/robots.txt").content.decode()
    for url in ["/en/search/", "/ja/search/?q=alliance"]:
        assert allowed(robots, url)
        assert '<meta name="robots" content="noindex">' in client.get(url).content.decode()
    for url in ["/en/", "/en/studies/asia-pacific/chapters/2/", "/en/tags/china/"]:
        assert 'name="robots"' not in client.get(url).content.decode(), url
