"""GET /health/: 200 when the database answers, 503 when it does not; and the
Docker image's HEALTHCHECK against the site started by bin/start."""

import http.client
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.db import OperationalError, connections

from tests.test_settings import SETTINGS_VARIABLES

BASE_DIR = Path(settings.BASE_DIR)


def test_it_answers_ok_when_the_database_answers(client, db, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/health/")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_it_answers_503_when_the_database_fails(client, db, monkeypatch):
    calls: list[tuple] = []

    def fail(*args: object, **kwargs: object) -> None:
        calls.append(args)
        raise OperationalError("connection refused")

    # Undone inside the test: the database teardown needs a working cursor.
    with monkeypatch.context() as patch:
        patch.setattr(connections["default"], "cursor", fail)
        response = client.get("/health/")

    assert calls, "the failure was not injected where the view asks the database"
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unreachable"}
    assert "no-cache" in response["Cache-Control"]


# The image's HEALTHCHECK, run against bin/start (the image's CMD) on a free
# port, with a throwaway SQLite database and production settings behind a proxy.
# Started once for the module; bin/start migrates the new database first (~2 s).

# The site's variables and bin/start's own.
STARTUP_VARIABLES = {
    *SETTINGS_VARIABLES,
    "HOST",
    "PORT",
    "WEB_CONCURRENCY",
    "LOAD_DEMO",
    "GUNICORN_CMD_ARGS",
}


def healthcheck_command() -> list[str]:
    """Return the Dockerfile's HEALTHCHECK command (exec form), with this Python."""
    dockerfile = re.sub(r"\\\n", " ", (BASE_DIR / "Dockerfile").read_text())
    [line] = [line for line in dockerfile.splitlines() if line.startswith("HEALTHCHECK")]
    command = json.loads(line.partition(" CMD ")[2])
    assert command[0] == "python"
    return [sys.executable, *command[1:]]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get_health(port: int, headers: dict[str, str]) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", "/health/", headers=headers)
        return connection.getresponse().status
    finally:
        connection.close()


@pytest.fixture(scope="module")
def started_site(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[int, dict[str, str], Path]]:
    """Run bin/start as the image would; yield (port, environment, database file)."""
    tmp_path = tmp_path_factory.mktemp("start")
    port = free_port()
    database = tmp_path / "db.sqlite3"
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in STARTUP_VARIABLES and not name.startswith("DJANGO_")
    }
    env.update(
        {
            "DEBUG": "false",
            "SECRET_KEY": "test-only-" + "x" * 50,
            "DATABASE_URL": f"sqlite:///{database}",
            "ALLOWED_HOSTS": "positions.example.org",
            "HTTPS": "true",
            "BEHIND_PROXY": "true",
            "HOST": "127.0.0.1",
            "PORT": str(port),
            "WEB_CONCURRENCY": "1",
            "PYTHON": sys.executable,
        }
    )
    log = tmp_path / "start.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            ["bin/start"],
            cwd=BASE_DIR,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # so that gunicorn's workers stop with it
        )
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                pytest.fail(f"bin/start exited with {process.returncode}:\n{log.read_text()}")
            if time.monotonic() > deadline:
                pytest.fail(f"bin/start did not answer within 30 s:\n{log.read_text()}")
            try:
                get_health(port, {"Host": "positions.example.org"})
                break
            except OSError:
                time.sleep(0.2)
        yield port, env, database
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def test_the_image_healthcheck_passes_against_bin_start(started_site):
    port, env, database = started_site

    result = subprocess.run(healthcheck_command(), env=env, capture_output=True, timeout=30)

    assert result.returncode == 0, result.stderr
    with sqlite3.connect(database) as db:
        [[migrations]] = db.execute(
            "SELECT count(*) FROM django_migrations WHERE app = 'positions'"
        )
    assert migrations > 0, "bin/start did not migrate"


def test_the_healthcheck_needs_an_allowed_host_but_no_https(started_site):
    port, env, database = started_site

    assert get_health(port, {"Host": "127.0.0.1"}) == 400
    # Health checks come over plain http from inside: never redirected to https.
    assert get_health(port, {"Host": "positions.example.org"}) == 200
    secure = {"Host": "positions.example.org", "X-Forwarded-Proto": "https"}
    assert get_health(port, secure) == 200


def test_the_image_healthcheck_fails_when_nothing_answers():
    env = {**os.environ, "PORT": str(free_port()), "ALLOWED_HOSTS": "positions.example.org"}

    result = subprocess.run(healthcheck_command(), env=env, capture_output=True, timeout=30)

    assert result.returncode == 1
