"""The site as a benchmark runs it: `bin/start` on a free loopback port, stopped
afterwards however the benchmark ends."""

import http.client
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answers(port: int, url: str) -> int:
    """The status `url` answers with over HTTP."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", url)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def site_env(database_url: str, workers: int, **settings: str) -> dict[str, str]:
    """The environment a benchmark runs `bin/start` with: production settings on a
    loopback address over plain HTTP, on `database_url`, with this Python; `settings`
    adds to it or overrides it."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "HTTPS": "false",
        "HOST": "127.0.0.1",
        "WEB_CONCURRENCY": str(workers),
        "LOAD_DEMO": "false",
        "PYTHON": sys.executable,
        **settings,
    }


@contextmanager
def running_site(env: dict[str, str]) -> Iterator[int]:
    """Start `bin/start` with `env` (HOST, WEB_CONCURRENCY, the site's settings) on a
    free port; yield the port once /health/ answers 200; stop it at the end."""
    port = free_port()
    log = tempfile.TemporaryFile()
    server = subprocess.Popen(
        [str(BASE_DIR / "bin" / "start")],
        env={**env, "PORT": str(port)},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                log.seek(0)
                raise SystemExit(f"bin/start exited:\n{log.read().decode()}")
            try:
                if answers(port, "/health/") == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("bin/start did not answer within 60 s")
            time.sleep(0.2)
        yield port
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()
