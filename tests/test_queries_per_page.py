"""Every public page runs at most eight queries, in every language of the interface and
every text mode, as a reader who is not signed in gets it.

Each page's own test shows that its number does not grow with the content; this one
walks the whole demo study so that no page, mode or language is left out."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from positions.models import Author, Chapter, Study

MOST = 8
LANGUAGES = ["en", "ja", "ru"]
MODES = ["default", "original", "en", "ja", "ru"]


def public_pages(language: str) -> list[str]:
    prefix = f"/{language}"
    study = f"{prefix}/studies/asia-pacific/"
    pages = [
        f"{prefix}/",
        study,
        f"{study}map/",
        f"{study}feed/",
        f"{prefix}/feed/",
        f"{prefix}/search/?q=china",
        f"{prefix}/search/?q=中国",
    ]
    for chapter in Chapter.objects.prefetch_related("papers__side", "points"):
        url = f"{study}chapters/{chapter.number}/"
        pages += [f"{url}?text={mode}" for mode in MODES]
        pages += [f"{url}citation.bib", f"{url}citation.ris"]
        pages += [f"{url}translations/ja/changes/"]
        point = chapter.points.all()[0]
        pages += [f"{url}points/{point.slug}/translations/ru/changes/"]
        for paper in chapter.papers.all():
            paper_url = f"{url}{paper.side.slug}/"
            pages += [f"{paper_url}?text={mode}" for mode in MODES]
            pages += [f"{paper_url}citation.bib", f"{paper_url}translations/en/changes/"]
    for tag in Tag.objects.all():
        pages += [f"{prefix}/tags/{tag.slug}/", f"{prefix}/tags/{tag.slug}/feed/"]
    pages += [f"{prefix}/authors/{author.slug}/" for author in Author.objects.all()]
    return pages


def api_and_files() -> list[str]:
    chapter = "/api/studies/asia-pacific/chapters/1/"
    pages = [
        "/health/",
        "/robots.txt",
        "/sitemap.xml",
        "/api/",
        "/api/studies/",
        "/api/studies/asia-pacific/",
        chapter,
        f"{chapter}papers/nids/",
        "/api/papers/",
        "/api/points/",
        "/api/authors/",
        "/api/tags/",
        "/api/schema/",
        "/api/docs/",
    ]
    pages += [f"/api/authors/{author.slug}/" for author in Author.objects.all()]
    pages += [f"/api/tags/{tag.slug}/" for tag in Tag.objects.all()]
    return pages


def queries(client: Client, url: str) -> int:
    client.get(url)  # a text mode chosen is remembered once, with its own query
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_public_page_runs_more_than_eight_queries(demo: Study, language: str) -> None:
    counts = {url: queries(Client(), url) for url in public_pages(language)}
    assert len(counts) > 100
    assert max(counts.values()) > 4  # the pages are measured, not served from elsewhere
    over = {url: count for url, count in counts.items() if count > MOST}
    assert over == {}


def test_no_answer_of_the_api_runs_more_than_eight_queries(demo: Study) -> None:
    counts = {url: queries(Client(), url) for url in api_and_files()}
    over = {url: count for url, count in counts.items() if count > MOST}
    assert over == {}
