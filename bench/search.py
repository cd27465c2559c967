"""Measure search on 10,000 papers in English, Japanese and Russian.

Run from the repository root (see bench/README.md):

    DEBUG=false SECRET_KEY=bench-only DATABASE_URL=postgres://postgres@127.0.0.1:5432/positions \\
        .venv/bin/python bench/search.py [--papers 10000] [--requests 40] [--field-share 0.2]

It creates its own throwaway database (DATABASE_URL's server, database
`positions_bench_search`), migrates it, generates the papers with `manage.py
generate_corpus` (sentences whose words are, at --field-share, the field's few dozen
terms in several forms, the rest everyday words), vacuums it and writes it to disk (a
checkpoint), then requests the search page for queries in each language and prints,
per language, the number of queries per page, the matches, latency at p50, p95 and p99
(the goal: p95 at most 50 ms) and requests per second, one at a time. It drops the
database at the end (`--database` names it, for a second run beside the first).
"""

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-" + "x" * 40)

from bench.throwaway import throwaway_database  # noqa: E402 (after sys.path)

BENCH_DATABASE = "positions_bench_search"
# Each language's queries: single words, inflected forms, phrases, rare and common.
QUERIES = {
    "en": ["alliances", "missile defense", "regional security mechanism", "deterrence talks"],
    "ru": ["ракетной обороны", "безопасность", "механизм доверия", "сотрудничеству в регионе"],
    "ja": ["協力", "分かれた", "日米同盟", "信頼醸成 措置"],
}


def percentile(times: list[float], share: int) -> float:
    if len(times) < 2:
        return times[0] * 1000
    return statistics.quantiles(times, n=100, method="inclusive")[share - 1] * 1000


def figures(times: list[float]) -> str:
    """p50, p95 and p99 in milliseconds, and requests per second, as columns."""
    per_second = len(times) / sum(times)
    return (
        f"{percentile(times, 50):>8.1f} {percentile(times, 95):>8.1f} "
        f"{percentile(times, 99):>8.1f} {per_second:>7.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--papers", type=int, default=10_000)
    parser.add_argument("--database", default=BENCH_DATABASE, help="the throwaway database")
    parser.add_argument("--requests", type=int, default=40, help="per query")
    parser.add_argument(
        "--field-share",
        type=float,
        default=0.2,
        help="share of the texts' words that are the field's terms (generate_corpus)",
    )
    options = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import AnonymousUser
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    if settings.DEBUG:
        raise SystemExit("Run with DEBUG=false: DEBUG keeps every query and changes timings.")
    if connection.vendor != "postgresql":
        raise SystemExit("Search is measured on PostgreSQL: set DATABASE_URL to a server.")

    call_command("collectstatic", "--noinput", verbosity=0)
    with throwaway_database(options.database):
        started = time.perf_counter()
        call_command(
            "generate_corpus",
            papers=options.papers,
            field_share=options.field_share,
            verbosity=0,
        )
        from positions.models import SearchEntry
        from positions.search import query as search
        from positions.search.syntax import parse

        entries = SearchEntry.objects.count()
        print(
            f"Generated and indexed {options.papers} papers ({entries} search entries, "
            f"{options.field_share:.0%} of their words the field's terms) in "
            f"{time.perf_counter() - started:.0f} s",
            flush=True,
        )
        with connection.cursor() as cursor:
            # As autovacuum leaves a table in use: the GIN pending list merged, the
            # visibility map set, statistics current.
            cursor.execute("VACUUM ANALYZE")
            # And what was generated written to disk, as it is long before anyone
            # searches: otherwise the first language measured shares the machine with
            # the writing out of hundreds of megabytes. (A superuser's command, or the
            # pg_checkpoint role's.)
            cursor.execute("CHECKPOINT")
            cursor.execute("SHOW server_version")
            database = f"PostgreSQL {cursor.fetchone()[0]}"
        print(f"Python {platform.python_version()}, {database}, {os.cpu_count()} CPUs\n")

        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        client = Client()
        print(
            f"{'language':<9} {'queries':>7} {'matches':>8} {'p50 ms':>8} {'p95 ms':>8} "
            f"{'p99 ms':>8} {'req/s':>7}  query"
        )
        for language, queries in QUERIES.items():
            all_times: list[float] = []
            for query in queries:
                url = "/en/search/?" + urlencode({"q": query})
                for _ in range(3):
                    response = client.get(url, secure=True)
                    assert response.status_code == 200, (url, response.status_code)
                with CaptureQueriesContext(connection) as captured:
                    client.get(url, secure=True)
                # Counted now: the next request empties the connection's query log.
                query_count = len(captured)
                # Every match, not the page's count that stops at COUNT_LIMIT.
                matches = search.search(parse(query), AnonymousUser(), search.Filters())
                found = matches.ranked.order_by().count()
                times = []
                for _ in range(options.requests):
                    begun = time.perf_counter()
                    client.get(url, secure=True)
                    times.append(time.perf_counter() - begun)
                all_times += times
                print(
                    f"{language:<9} {query_count:>7} {found:>8} {figures(times)}  {query}",
                    flush=True,
                )
            print(f"{language + ' all':<9} {'':>7} {'':>8} {figures(all_times)}\n")


if __name__ == "__main__":
    main()
