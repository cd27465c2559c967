"""Measure every public page on a study with one large chapter and one small one.

Run from the repository root (see bench/README.md):

    DEBUG=false SECRET_KEY=bench-only DATABASE_URL=postgres://postgres@127.0.0.1:5432/positions \\
        .venv/bin/python bench/pages.py [--requests 50] [--http]

It creates its own throwaway database (DATABASE_URL's server, database
`positions_bench`; with SQLite, a temporary file), migrates it, fills it, measures,
and drops it. It never reads or writes DATABASE_URL's own database. It does run
`collectstatic`, into STATIC_ROOT, because pages need the manifest with DEBUG off.

For each page: the number of queries, the size, and latency (p50, p99) and
requests per second over --requests requests made in-process with Django's test
Client. With --http it also starts bin/start (gunicorn, WEB_CONCURRENCY workers) on
a free loopback port and sends --http-requests requests per page over HTTP from
--concurrency threads.
"""

import argparse
import datetime
import http.client
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-" + "x" * 40)

from bench.site import running_site, site_env  # noqa: E402 (after sys.path)
from bench.throwaway import throwaway_database  # noqa: E402 (after sys.path)

BENCH_DATABASE = "positions_bench"
LARGE_WORDS = 20_000  # per paper
LARGE_POINTS = 200
TAGS = 50

WORDS = (
    "security alliance region dialogue deterrence cooperation missile defense "
    "treaty stability balance forces border maritime strait nuclear proliferation "
    "terrorism energy economy trust exercise doctrine policy council summit "
    "framework bilateral multilateral peninsula islands navy air ground budget "
    "transparency confidence measures crisis escalation norms institution"
).split()


@dataclass
class Page:
    name: str
    url: str


@dataclass
class Result:
    page: Page
    queries: int | str
    kilobytes: float
    times: list[float]  # seconds per request
    wall: float  # seconds for all requests

    @property
    def p50(self) -> float:
        return statistics.median(self.times) * 1000

    @property
    def p99(self) -> float:
        if len(self.times) < 2:
            return self.times[0] * 1000
        return statistics.quantiles(self.times, n=100, method="inclusive")[98] * 1000

    @property
    def per_second(self) -> float:
        return len(self.times) / self.wall


def paragraph(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paper_body(rng: random.Random, words: int) -> str:
    """Return Markdown of about `words` words: ~100-word paragraphs, a heading every
    ten paragraphs, some emphasis and footnotes."""
    parts: list[str] = []
    notes: list[str] = []
    written = 0
    while written < words:
        if len(parts) % 11 == 0:
            parts.append(f"## Section {len(parts) // 11 + 1}: {paragraph(rng, 4)[:-1]}")
        text = paragraph(rng, 100)
        if rng.random() < 0.1:
            number = len(notes) + 1
            text += f"[^{number}]"
            notes.append(f"[^{number}]: {paragraph(rng, 15)}")
        if rng.random() < 0.3:
            text = text.replace(" security ", " **security** ", 1)
        parts.append(text)
        written += 100
    return "\n\n".join(parts + notes) + "\n"


def build_study() -> list[Page]:
    """Create the study and return the pages to measure. Takes a few seconds."""
    from taggit.models import Tag

    from positions.models import (
        Agreement,
        Author,
        Authorship,
        Chapter,
        ChapterTag,
        Institute,
        Paper,
        PaperTag,
        Point,
        PointTag,
        Side,
        Study,
    )

    rng = random.Random(2007)
    study = Study.objects.create(
        title="Benchmark study", slug="bench", period="FY2025", introduction=paragraph(rng, 120)
    )
    sides = []
    for position, (slug, label, language) in enumerate(
        [("first", "First", "ja"), ("second", "Second", "ru")], start=1
    ):
        institute = Institute.objects.create(
            name=f"{label} Institute", abbreviation=f"{label[0]}I", country=label
        )
        sides.append(
            Side.objects.create(
                study=study,
                position=position,
                institute=institute,
                label=label,
                language=language,
                slug=slug,
            )
        )
    authors = [
        Author.objects.create(
            name=f"Author {number}", slug=f"author-{number}", institute=sides[number % 2].institute
        )
        for number in range(1, 5)
    ]
    tags = [Tag.objects.create(name=f"Theme {number:02}") for number in range(TAGS)]
    published = datetime.date(2025, 3, 31)

    for number, words, point_count in [(1, LARGE_WORDS, LARGE_POINTS), (2, 600, 5)]:
        chapter = Chapter.objects.create(
            study=study,
            number=number,
            order=number,
            title=f"{'Large' if number == 1 else 'Small'} chapter",
            summary=paragraph(rng, 60),
            status=Chapter.Status.PUBLISHED,
            published_on=published,
        )
        ChapterTag.objects.bulk_create(
            ChapterTag(content_object=chapter, tag=tag) for tag in tags[:5]
        )
        papers = []
        for side in sides:
            paper = Paper.objects.create(
                chapter=chapter,
                side=side,
                title=f"{side.label} paper on the {chapter.title.lower()}",
                abstract=paragraph(rng, 80),
                body=paper_body(rng, words),
                status=Paper.Status.PUBLISHED,
                published_on=published,
            )
            Authorship.objects.bulk_create(
                Authorship(paper=paper, author=author, order=order)
                for order, author in enumerate(authors[side.position - 1 :: 2])
            )
            PaperTag.objects.bulk_create(
                PaperTag(content_object=paper, tag=tag) for tag in tags[:10]
            )
            papers.append(paper)
        kinds = list(Agreement)
        points = []
        for order in range(point_count):
            agreement = kinds[order % len(kinds)]
            one_side = agreement == Agreement.ONE_SIDE
            points.append(
                Point(
                    chapter=chapter,
                    question=f"Question {order + 1}: {paragraph(rng, 6)[:-1]}",
                    slug=f"question-{order + 1}",
                    agreement=agreement,
                    first_stance=paragraph(rng, 30),
                    first_passage=papers[0].passages[order % len(papers[0].passages)],
                    second_stance="" if one_side else paragraph(rng, 30),
                    second_passage=""
                    if one_side
                    else papers[1].passages[order % len(papers[1].passages)],
                    order=order,
                )
            )
        points = Point.objects.bulk_create(points)
        # Every point carries the first tag, so its tag page is the longest there is.
        PointTag.objects.bulk_create(
            PointTag(content_object=point, tag=tag)
            for index, point in enumerate(points)
            for tag in {tags[0], tags[index % TAGS], tags[(index * 7 + 3) % TAGS]}
        )

    return [
        Page("home", "/en/"),
        Page("study", "/en/studies/bench/"),
        Page("chapter, small", "/en/studies/bench/chapters/2/"),
        Page(f"chapter, large ({LARGE_POINTS} points)", "/en/studies/bench/chapters/1/"),
        Page("paper, small", "/en/studies/bench/chapters/2/first/"),
        Page(f"paper, large ({LARGE_WORDS // 1000}k words)", "/en/studies/bench/chapters/1/first/"),
        Page("author", "/en/authors/author-1/"),
        Page(f"tag (on {LARGE_POINTS + 7} objects)", f"/en/tags/{tags[0].slug}/"),
        Page("health", "/health/"),
        # The yardstick: a static file, which WhiteNoise serves without Django's views.
        Page("static file (WhiteNoise)", "/static/positions/site.css"),
        # The JSON API: the same content, read by scripts.
        Page(f"api: chapter, large ({LARGE_POINTS} points)", "/api/studies/bench/chapters/1/"),
        Page("api: paper, large", "/api/studies/bench/chapters/1/papers/first/"),
        Page("api: points, 100 a page", "/api/points/?page_size=100"),
        Page("api: tag", f"/api/tags/{tags[0].slug}/"),
    ]


def measure_in_process(pages: list[Page], requests: int) -> list[Result]:
    """Request each page `requests` times through Django's test Client."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    results = []
    for page in pages:

        def get(page: Page = page) -> bytes:
            response = client.get(page.url, secure=True)
            if response.status_code != 200:
                raise SystemExit(f"{page.url} answered {response.status_code}")
            if response.streaming:  # a static file
                return b"".join(response.streaming_content)
            return response.content

        for _ in range(3):
            get()
        with CaptureQueriesContext(connection) as queries:
            content = get()
        # Counted now: the next request empties the connection's query log.
        query_count = len(queries)
        times, wall = timed(get, requests)
        results.append(Result(page, query_count, len(content) / 1024, times, wall))
    return results


def timed(request: Callable[[], object], count: int, threads: int = 1) -> tuple[list, float]:
    """Call `request` `count` times from `threads` threads; return each call's
    duration and the wall-clock time of all of them."""

    def one(_: int) -> float:
        start = time.perf_counter()
        request()
        return time.perf_counter() - start

    start = time.perf_counter()
    if threads == 1:
        times = [one(index) for index in range(count)]
    else:
        with ThreadPoolExecutor(threads) as pool:
            times = list(pool.map(one, range(count)))
    return times, time.perf_counter() - start


def http_get(port: int, url: str) -> bytes:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", url)
        response = connection.getresponse()
        body = response.read()
        if response.status != 200:
            raise SystemExit(f"{url} answered {response.status} over HTTP")
        return body
    finally:
        connection.close()


def measure_over_http(
    pages: list[Page], database_url: str, requests: int, concurrency: int, workers: int
) -> list[Result]:
    """Start bin/start on a free loopback port and request each page over HTTP."""
    with running_site(site_env(database_url, workers)) as port:
        results = []
        for page in pages:

            def get(page: Page = page) -> bytes:
                return http_get(port, page.url)

            for _ in range(2 * workers):
                content = get()
            times, wall = timed(get, requests, threads=concurrency)
            results.append(Result(page, "", len(content) / 1024, times, wall))
        return results


def print_table(title: str, results: list[Result]) -> None:
    print(f"\n{title}")
    header = f"{'page':<34} {'queries':>7} {'KiB':>7} {'p50 ms':>8} {'p99 ms':>8} {'req/s':>7}"
    print(header)
    print("-" * len(header))
    for result in results:
        print(
            f"{result.page.name:<34} {result.queries!s:>7} {result.kilobytes:>7.0f} "
            f"{result.p50:>8.1f} {result.p99:>8.1f} {result.per_second:>7.0f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=50, help="in-process, per page")
    parser.add_argument("--http", action="store_true", help="also measure over gunicorn")
    parser.add_argument("--http-requests", type=int, default=100, help="over HTTP, per page")
    parser.add_argument("--concurrency", type=int, default=4, help="HTTP client threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    options = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    if settings.DEBUG:
        raise SystemExit("Run with DEBUG=false: DEBUG keeps every query and changes timings.")

    call_command("collectstatic", "--noinput", verbosity=0)
    with throwaway_database(BENCH_DATABASE) as test_name:
        started = time.perf_counter()
        pages = build_study()
        print(
            f"Built the study in {time.perf_counter() - started:.1f} s: two chapters, "
            f"papers of {LARGE_WORDS} words, {LARGE_POINTS} points and {TAGS} tags "
            "in the large one",
            flush=True,
        )
        if connection.vendor == "sqlite":
            database = f"SQLite {connection.Database.sqlite_version}"
        else:
            with connection.cursor() as cursor:
                cursor.execute("SHOW server_version")
                database = f"PostgreSQL {cursor.fetchone()[0]}"
        print(f"Python {platform.python_version()}, {database}, {os.cpu_count()} CPUs")
        print_table(
            f"In-process (Django test Client), {options.requests} requests per page",
            measure_in_process(pages, options.requests),
        )
        if options.http:
            if connection.vendor == "sqlite":
                database_url = f"sqlite:///{test_name}"
            else:
                url = os.environ["DATABASE_URL"]
                database_url = urlsplit(url)._replace(path=f"/{test_name}").geturl()
            connection.close()
            print_table(
                f"Over HTTP (bin/start, {options.workers} gunicorn workers, "
                f"{options.concurrency} client threads on the same machine), "
                f"{options.http_requests} requests per page",
                measure_over_http(
                    pages,
                    database_url,
                    options.http_requests,
                    options.concurrency,
                    options.workers,
                ),
            )


if __name__ == "__main__":
    main()
