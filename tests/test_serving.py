"""bin/start as shipped: nginx in front of gunicorn, so that clients that send their
requests slowly cannot hold gunicorn's workers; and no gunicorn facing the network on
its own unless asked for. The figures (latency under 10 slow clients for 60 s) come
from bench/slow_clients.py."""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
START = ROOT / "bin" / "start"


def start_env(tmp_path: Path, **variables: str) -> dict[str, str]:
    return {
        "HOME": str(tmp_path),
        "PATH": os.environ["PATH"],
        "PYTHON": sys.executable,
        "DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        **variables,
    }


def tools_without_nginx(tmp_path: Path) -> str:
    """A PATH with only what bin/start uses before it chooses how to serve."""
    tools = tmp_path / "tools"
    tools.mkdir()
    for name in ["bash", "dirname", "tr"]:
        (tools / name).symlink_to(shutil.which(name))
    return str(tools)


def test_gunicorn_does_not_face_a_public_address_alone(tmp_path: Path) -> None:
    env = start_env(tmp_path, HOST="0.0.0.0", PATH=tools_without_nginx(tmp_path))
    result = subprocess.run(
        [shutil.which("bash"), START], env=env, capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 1
    assert "Not listening on 0.0.0.0" in result.stderr
    assert "Install nginx" in result.stderr
    assert not (tmp_path / "db.sqlite3").exists()  # refused before migrating


def test_an_unknown_way_of_serving_is_refused(tmp_path: Path) -> None:
    env = start_env(tmp_path, SERVE_VIA="apache")
    result = subprocess.run(
        [shutil.which("bash"), START], env=env, capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 1
    assert "SERVE_VIA=apache: use nginx or gunicorn." in result.stderr


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=10) as answer:
        return answer.status, answer.read()


@contextmanager
def started(tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen]]:
    """bin/start serving an empty site through nginx with one gunicorn worker."""
    if shutil.which("nginx", path=os.environ["PATH"] + ":/usr/sbin") is None:
        pytest.skip("nginx is not installed (.ci/run installs it)")
    port = free_port()
    env = start_env(
        tmp_path,
        HOST="127.0.0.1",
        PORT=str(port),
        SERVE_VIA="nginx",
        WEB_CONCURRENCY="1",
        PATH=os.environ["PATH"] + ":/usr/sbin",
    )
    log = tmp_path / "start.log"
    process = subprocess.Popen(
        [shutil.which("bash"), START],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log.open("w"),
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if get(f"{url}/health/")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("bin/start did not answer: " + log.read_text())
        yield url, process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    with started(tmp_path) as (url, _process):
        yield url


def trickle(port: int, stop: threading.Event) -> None:
    """A client that sends a request's headers a byte at a time and never ends them."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as connection:
        for byte in b"GET /health/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 100:
            if stop.wait(0.5):
                return
            connection.sendall(bytes([byte]))


def test_slow_clients_do_not_hold_the_only_worker(served: str) -> None:
    port = int(served.rsplit(":", 1)[1])
    stop = threading.Event()
    slow = [threading.Thread(target=trickle, args=(port, stop)) for _ in range(3)]
    for thread in slow:
        thread.start()
    try:
        time.sleep(1)  # each slow client holds a connection, one byte in
        # Straight to gunicorn's single sync worker, the first slow client would hold it
        # for its 30-second timeout and these would fail (bench/slow_clients.py).
        for _ in range(3):
            assert get(f"{served}/health/")[0] == 200
            assert get(f"{served}/en/")[0] == 200
    finally:
        stop.set()
        for thread in slow:
            thread.join()


def test_a_search_address_past_gunicorns_own_limit_gets_the_sites_answer(served: str) -> None:
    # 11,000 bytes of request line: gunicorn alone answers 414 past 4,094.
    status, html = get(f"{served}/en/search/?q={'alliance%20' * 1000}")
    assert status == 200
    assert b"<html" in html


def test_stopping_stops_both_and_leaves_nothing_behind(tmp_path: Path) -> None:
    with started(tmp_path) as (url, process):
        said = (tmp_path / "start.log").read_text()
        socket_path = Path(re.search(r"gunicorn at unix:(\S+)", said).group(1))
        assert socket_path.is_socket()
        run_dir = socket_path.parent
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
    assert not run_dir.exists()
    with pytest.raises(OSError):
        get(f"{url}/health/")
