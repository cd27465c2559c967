"""Measure the admin's list of papers with 10,000 papers: as it opens, filtered, and
searched.

Run from the repository root (see bench/README.md):

    DEBUG=false SECRET_KEY=bench-only DATABASE_URL=postgres://postgres@127.0.0.1:5432/positions \\
        .venv/bin/python bench/admin_list.py [--papers 10000] [--requests 40]

It creates its own throwaway database (`positions_bench_admin` on DATABASE_URL's
server; with SQLite, a temporary file), fills it and drops it at the end. The papers
are spread as a large site would hold them: studies of 25 chapters, two sides each,
every paper with an author and a body of about 600 words.

For each list it prints the number of queries, the rows shown, and latency at the
50th, 95th and 99th percentile over --requests requests made in-process by a signed-in
superuser with Django's test Client.
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-" + "x" * 40)

from bench.pages import WORDS, paper_body  # noqa: E402 (after sys.path)
from bench.throwaway import throwaway_database  # noqa: E402 (after sys.path)

BENCH_DATABASE = "positions_bench_admin"
CHAPTERS_PER_STUDY = 25
BATCH = 2_000
PUBLISHED = datetime.date(2025, 3, 31)


def build(papers: int) -> dict[str, str]:
    """Create `papers` papers; return the lists to measure, by name."""
    from positions.models import Author, Authorship, Chapter, Institute, Paper, Side, Study

    rng = random.Random(2007)
    institutes = [
        Institute.objects.create(name=f"Institute {n}", abbreviation=f"I{n}", country=f"C{n}")
        for n in (1, 2)
    ]
    authors = Author.objects.bulk_create(
        Author(name=f"Writer {n}", slug=f"writer-{n}", institute=institutes[n % 2])
        for n in range(200)
    )
    # Rendering 10,000 bodies would take minutes: a few are rendered and reused.
    bodies = []
    for _ in range(20):
        sample = Paper(body=paper_body(rng, 600), side=Side(slug="side-1"))
        sample.render()
        bodies.append(sample)
    studies = papers // (2 * CHAPTERS_PER_STUDY) + 1
    made = 0
    for number in range(studies):
        study = Study.objects.create(title=f"Study {number:04}", slug=f"study-{number}")
        sides = [
            Side.objects.create(
                study=study,
                position=position,
                institute=institutes[position - 1],
                label=f"Side {position}",
                slug=f"side-{position}",
            )
            for position in (1, 2)
        ]
        chapters = Chapter.objects.bulk_create(
            Chapter(study=study, number=n, order=n, title=f"Theme {n} of study {number}")
            for n in range(1, CHAPTERS_PER_STUDY + 1)
        )
        batch = []
        for chapter in chapters:
            for side in sides:
                if made == papers:
                    break
                body = rng.choice(bodies)
                status = rng.choice(list(Paper.Status.values))
                batch.append(
                    Paper(
                        study=study,
                        chapter=chapter,
                        side=side,
                        title=f"{side.label} on {rng.choice(WORDS)} and {rng.choice(WORDS)}",
                        abstract=" ".join(rng.choice(WORDS) for _ in range(60)),
                        body=body.body,
                        body_html=body.body_html,
                        passages=body.passages,
                        status=status,
                        published_on=PUBLISHED if status == Paper.Status.PUBLISHED else None,
                    )
                )
                made += 1
        created = Paper.objects.bulk_create(batch, batch_size=BATCH)
        Authorship.objects.bulk_create(
            Authorship(paper=paper, author=rng.choice(authors), order=0) for paper in created
        )
    some_chapter = Chapter.objects.order_by("pk").first()
    return {
        "the list as it opens": "/admin/positions/paper/",
        "page 100": "/admin/positions/paper/?p=100",
        "filtered by status": "/admin/positions/paper/?status__exact=approved",
        "filtered by study": f"/admin/positions/paper/?study__id__exact={some_chapter.study_id}",
        "searched (a title word)": "/admin/positions/paper/?q=deterrence",
        "searched (an author)": "/admin/positions/paper/?q=Writer+17",
        "searched (no match)": "/admin/positions/paper/?q=zyzzyva",
    }


def measure(lists: dict[str, str], requests: int) -> None:
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    client.force_login(User.objects.create_superuser("bench", "bench@example.org", "x"))
    header = f"{'list':<26} {'queries':>7} {'rows':>5} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}"
    print(header)
    print("-" * len(header))
    for name, url in lists.items():
        for _ in range(2):
            response = client.get(url, secure=True)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        rows = response.content.decode().count('name="_selected_action"')  # one a paper
        with CaptureQueriesContext(connection) as queries:
            client.get(url, secure=True)
        # Counted now: the next request empties the connection's query log.
        query_count = len(queries)
        times = []
        for _ in range(requests):
            started = time.perf_counter()
            client.get(url, secure=True)
            times.append((time.perf_counter() - started) * 1000)
        cuts = statistics.quantiles(times, n=100, method="inclusive")
        print(
            f"{name:<26} {query_count:>7} {rows:>5} {statistics.median(times):>7.1f} "
            f"{cuts[94]:>7.1f} {cuts[98]:>7.1f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--papers", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=40, help="per list")
    options = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    if settings.DEBUG:
        raise SystemExit("Run with DEBUG=false: DEBUG keeps every query and changes timings.")
    call_command("collectstatic", "--noinput", verbosity=0)
    with throwaway_database(BENCH_DATABASE):
        started = time.perf_counter()
        lists = build(options.papers)
        print(f"Built {options.papers:,} papers in {time.perf_counter() - started:.0f} s")
        measure(lists, options.requests)


if __name__ == "__main__":
    main()
