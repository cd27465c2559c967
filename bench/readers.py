"""Measure what readers get, in one run, with wrk: a static file, the chapter page from
the page cache and rendered, a paper, search and the API's chapter; then the admin's
list of papers at 10,000 papers.

Run from the repository root (see bench/README.md); wrk comes from Debian
(`apt-get install wrk`):

    DEBUG=false SECRET_KEY=bench-only DATABASE_URL=postgres://postgres@127.0.0.1:5432/positions \\
        .venv/bin/python bench/readers.py [--compare URL] [--duration 10] [--workers 3]

It creates its own throwaway database (`positions_bench_readers`), loads the demo study
and the benchmark study of bench/pages.py (a chapter of 200 points and two papers of
20,000 words), and starts `bin/start` twice on the same database: with the page cache
(`PAGE_CACHE=true`, kept in memory, or in Redis when REDIS_URL is set) and without it.
Each page is loaded by `wrk -t2 -c8 --latency` for --duration seconds, after two seconds
of the same to warm the workers.

--compare URL measures another site's page in the same run, with the same wrk and the
same machine: the issue compared Wagtail's bakerydemo blog post, served by 3 sync
gunicorn workers.

For each page it prints requests per second, latency at the 50th and 99th percentile,
the ratio to the static file's requests per second, and the number of queries the page
runs when rendered.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-" + "x" * 40)

from bench import admin_list  # noqa: E402 (after sys.path)
from bench.pages import LARGE_POINTS, build_study  # noqa: E402 (after sys.path)
from bench.site import running_site, site_env  # noqa: E402 (after sys.path)
from bench.throwaway import throwaway_database  # noqa: E402 (after sys.path)

BENCH_DATABASE = "positions_bench_readers"
STATIC = "static file (WhiteNoise)"
# (name, address, whether it is measured from the cache as well as rendered). A chapter
# in a text mode is asked for with the cookie that remembers the mode, as a reader who
# chose it sends it; without it the page is rendered to set the cookie.
PAGES = [
    (STATIC, "/static/positions/site.css", False),
    ("demo chapter 1 (the largest)", "/en/studies/asia-pacific/chapters/1/", True),
    ("demo chapter 1 in Japanese", "/ja/studies/asia-pacific/chapters/1/?text=ja", True),
    (f"chapter of {LARGE_POINTS} points", "/en/studies/bench/chapters/1/", True),
    ("demo paper", "/en/studies/asia-pacific/chapters/1/nids/", True),
    ("search", "/en/search/?q=alliance", True),
    ("api: demo chapter 1", "/api/studies/asia-pacific/chapters/1/", True),
]


@dataclass
class Measure:
    name: str
    per_second: float
    p50: float  # ms
    p99: float  # ms
    queries: int | None = None


def wrk(url: str, duration: int) -> tuple[float, float, float]:
    """Requests per second, p50 and p99 in ms, of `url` under wrk -t2 -c8."""
    from positions.reading import texts

    mode = parse_qs(urlsplit(url).query).get("text")
    cookie = ["-H", f"Cookie: {texts.COOKIE}={mode[0]}"] if mode else []
    # Warmed first: each worker loads what the page needs the first time it serves it
    # (its templates, translations, the cache's connection), which is not the page's speed.
    subprocess.run(["wrk", "-t2", "-c8", "-d2s", *cookie, url], capture_output=True, check=True)
    output = subprocess.run(
        ["wrk", "-t2", "-c8", f"-d{duration}s", "--latency", *cookie, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if "Non-2xx or 3xx responses" in output:
        raise SystemExit(f"{url} answered errors under wrk:\n{output}")
    per_second = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    return per_second, latency(output, "50%"), latency(output, "99%")


def latency(output: str, percentile: str) -> float:
    value, unit = re.search(rf"{percentile}\s+([\d.]+)(us|ms|s)", output).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def queries_per_page() -> dict[str, int]:
    """The queries each page runs when rendered, counted in-process."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.PAGE_CACHE = False
    counts = {}
    for name, url, _cached in PAGES[1:]:
        client = Client()
        client.get(url, secure=True)  # a text mode is remembered once
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, secure=True)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        counts[name] = len(queries)
    return counts


def measure(database_url: str, options: argparse.Namespace) -> list[Measure]:
    counts = queries_per_page()
    results = []
    for cached in (True, False):
        env = site_env(database_url, options.workers, PAGE_CACHE=str(cached).lower())
        with running_site(env) as port:
            for name, url, measured_both in PAGES:
                if not measured_both and not cached:
                    continue
                label = f"{name}, {'cached' if cached else 'rendered'}" if measured_both else name
                per_second, p50, p99 = wrk(f"http://127.0.0.1:{port}{url}", options.duration)
                queries = None if cached else counts.get(name)
                results.append(Measure(label, per_second, p50, p99, queries))
                print(f"  measured {label}", flush=True)
    if options.compare:
        per_second, p50, p99 = wrk(options.compare, options.duration)
        results.append(Measure(f"compared: {options.compare}", per_second, p50, p99))
    return results


def print_table(results: list[Measure]) -> None:
    static = next(result.per_second for result in results if result.name == STATIC)
    header = f"{'page':<44} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'÷ static':>8} {'queries':>7}"
    print(header)
    print("-" * len(header))
    for result in results:
        queries = "" if result.queries is None else str(result.queries)
        print(
            f"{result.name:<44} {result.per_second:>7.0f} {result.p50:>7.1f} "
            f"{result.p99:>7.1f} {result.per_second / static:>8.2f} {queries:>7}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per page")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--compare", help="another site's page, measured in the same run")
    parser.add_argument("--admin-papers", type=int, default=10_000)
    options = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install wrk")

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    if settings.DEBUG:
        raise SystemExit("Run with DEBUG=false: DEBUG keeps every query and changes timings.")
    call_command("collectstatic", "--noinput", verbosity=0)
    with throwaway_database(BENCH_DATABASE) as name:
        call_command("load_demo", verbosity=0)
        build_study()
        if connection.vendor == "sqlite":
            database_url = f"sqlite:///{name}"
        else:
            url = os.environ["DATABASE_URL"]
            database_url = urlsplit(url)._replace(path=f"/{name}").geturl()
        print(
            f"Readers: wrk -t2 -c8 for {options.duration} s a page, {options.workers} "
            f"gunicorn workers, {connection.vendor}, {os.cpu_count()} CPUs",
            flush=True,
        )
        print_table(measure(database_url, options))
        print(f"\nThe admin's list of papers at {options.admin_papers:,} papers", flush=True)
        started = time.perf_counter()
        lists = admin_list.build(options.admin_papers)
        print(f"(built in {time.perf_counter() - started:.0f} s)")
        admin_list.measure(lists, requests=40)


if __name__ == "__main__":
    main()
