"""Two instances of the site on one PostgreSQL database and one Redis: what one does,
the other shows (see README, "Running on several machines").

Run from the repository root, with PostgreSQL and Redis running:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/positions \\
        REDIS_URL=redis://127.0.0.1:6379/14 .venv/bin/python bench/two_instances.py

It creates its own database (`positions_two` on DATABASE_URL's server, dropped at the
end; DATABASE_URL's own database is never opened), loads the demo study with its team,
and starts `bin/start` twice, on two loopback ports, each with its own gunicorn workers
and its own memory, sharing only the database and Redis (REDIS_URL's database is
emptied first). Then it checks, and prints, that:

- a page a reader got through one instance is kept in Redis, and an edit saved through one
  instance (the chief editor unpublishes a chapter) is on the next page read through
  the other;
- a session signed in through one works through the other;
- failed sign-ins count across both: the lock-out reached through one holds on the
  other.

It exits with 1 if any check fails. About 30 seconds.
"""

import http.cookiejar
import os
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from bench.site import running_site, site_env  # noqa: E402 (after sys.path)

PYTHON = sys.executable
CHAPTER = "/en/studies/asia-pacific/chapters/2/"


def database_url(name: str) -> str:
    url = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
    if not url.scheme.startswith("postgres"):
        raise SystemExit("DATABASE_URL must name a PostgreSQL server.")
    return urllib.parse.urlunsplit(url._replace(path=f"/{name}"))


def admin_sql(sql: str) -> None:
    import psycopg

    with psycopg.connect(database_url("postgres"), autocommit=True) as connection:
        connection.execute(sql)


class Browser:
    """A visitor with cookies, which hold for both instances (one host, two ports)."""

    def __init__(self) -> None:
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirects()
        )

    def get(self, port: int, path: str) -> tuple[int, str]:
        return self._open(urllib.request.Request(f"http://127.0.0.1:{port}{path}"))

    def post(self, port: int, path: str, form: dict[str, str]) -> tuple[int, str]:
        token = next((c.value for c in self.jar if c.name == "csrftoken"), "")
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **form}).encode()
        request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data)
        return self._open(request)

    def _open(self, request: urllib.request.Request) -> tuple[int, str]:
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def checks(first: int, second: int) -> list[tuple[str, bool]]:
    results = []
    reader = Browser()
    seen = [reader.get(first, CHAPTER)[0], reader.get(second, CHAPTER)[0]]
    seen.append(reader.get(second, CHAPTER)[0])
    results.append(("a reader gets the chapter through both instances", seen == [200] * 3))
    import redis

    kept = redis.Redis.from_url(os.environ["REDIS_URL"]).keys("*positions:page:*")
    results.append((f"the pages are kept in the shared Redis ({len(kept)} kept)", bool(kept)))

    chief = Browser()
    chief.get(first, "/en/sign-in/")
    status, _ = chief.post(
        first, "/en/sign-in/", {"username": "chief", "password": "chief", "next": "/en/my-work/"}
    )
    signed_in = status == 302
    status, page = chief.get(second, "/en/my-work/")
    results.append(
        (
            "a session signed in through the first works through the second",
            signed_in and status == 200 and "chief" in page,
        )
    )

    chief.get(first, CHAPTER)
    status, _ = chief.post(
        first, f"{CHAPTER}status/", {"step": "unpublish", "message": "Two instances"}
    )
    gone = Browser().get(second, CHAPTER)[0]
    results.append(
        (
            "a chapter unpublished through the first is gone on the next read through the second",
            status == 302 and gone == 404,
        )
    )

    intruder = Browser()
    intruder.get(first, "/en/sign-in/")
    failures = [
        intruder.post(port, "/en/sign-in/", {"username": "reviewer", "password": "wrong"})[0]
        for port in (first, second, first, second, first)
    ]
    locked = [
        intruder.post(port, "/en/sign-in/", {"username": "reviewer", "password": "reviewer"})
        for port in (second, first)
    ]
    results.append(
        (
            "five failed sign-ins, through both, lock the account out on both "
            f"(answers {failures}, then {[status for status, _page in locked]})",
            all(status in (403, 429) for status, _page in locked),
        )
    )
    return results


def main() -> None:
    if not os.environ.get("REDIS_URL"):
        raise SystemExit("Set REDIS_URL (redis://127.0.0.1:6379/14): the instances share it.")
    import redis

    redis.Redis.from_url(os.environ["REDIS_URL"]).flushdb()
    name = "positions_two"
    admin_sql(f"DROP DATABASE IF EXISTS {name}")
    admin_sql(f"CREATE DATABASE {name}")
    env = site_env(
        database_url(name), 2, SECRET_KEY="two-instances-" + "x" * 40, SERVE_VIA="gunicorn"
    )
    try:
        manage = [PYTHON, str(BASE_DIR / "manage.py")]
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        subprocess.run([*manage, "migrate", "-v0"], env={**env, "DEBUG": "true"}, check=True)
        subprocess.run(
            [*manage, "load_demo", "--create-team"],
            env={**env, "DEBUG": "true"},
            check=True,
            **quiet,
        )
        with running_site(env) as first, running_site(env) as second:
            print(f"Two instances on ports {first} and {second}, one database, one Redis")
            results = checks(first, second)
    finally:
        admin_sql(f"DROP DATABASE IF EXISTS {name}")
    for label, passed in results:
        print(f"{'ok  ' if passed else 'FAIL'} {label}")
    if not all(passed for _label, passed in results):
        sys.exit(1)


if __name__ == "__main__":
    main()
