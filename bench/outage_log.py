"""Measure what an outage writes to the log: every request fails for want of a database.

Run from the repository root (see bench/README.md):

    DEBUG=false SECRET_KEY=bench-only .venv/bin/python bench/outage_log.py [--requests 2000]

The site is pointed at a PostgreSQL server that is not there (port 9 of 127.0.0.1), so
each request for a page fails as it does when the database is down: psycopg's
connection error, chained into Django's. It prints the bytes and lines the site's log
got for --requests such requests, with the repeated failures shortened
(`positions.web.logs.RepeatedFailures`, as configured) and without.
"""

import argparse
import io
import logging
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DATABASE_URL"] = "postgres://postgres@127.0.0.1:9/positions"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def logged(requests: int, shortened: bool) -> str:
    from django.test import Client

    from positions.web.logs import RepeatedFailures

    output = io.StringIO()
    handler = logging.StreamHandler(output)
    root = logging.getLogger()
    # Only into `output`: the console's copy would drown the figures.
    console = root.handlers[:]
    root.handlers = [handler]
    request_logger = logging.getLogger("django.request")
    filters = [f for f in request_logger.filters if isinstance(f, RepeatedFailures)]
    for found in filters:
        found.logged_at.clear()
        if not shortened:
            request_logger.removeFilter(found)
    client = Client(raise_request_exception=False, HTTP_HOST="localhost")
    try:
        for _ in range(requests):
            client.get("/en/studies/asia-pacific/chapters/2/")
    finally:
        root.handlers = console
        for found in filters:
            if found not in request_logger.filters:
                request_logger.addFilter(found)
    return output.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    arguments = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["localhost"]
    # The error page names static files by their plain names: no collectstatic needed.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    print(f"{arguments.requests} requests, each failing for want of the database")
    for shortened in (False, True):
        text = logged(arguments.requests, shortened)
        name = "repeats shortened (as configured)" if shortened else "every traceback in full"
        print(
            f"{name:>34}: {len(text.encode()):>12,} bytes, {text.count(chr(10)):>9,} lines, "
            f"{text.count('Traceback (most recent call last)'):>6,} tracebacks"
        )


if __name__ == "__main__":
    main()
