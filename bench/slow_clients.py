"""Slow clients against a running site: does a normal request still get through?

Run from the repository root (see bench/README.md), against a site that bin/start
serves, once as shipped (nginx in front) and once with gunicorn facing clients:

    .venv/bin/python bench/slow_clients.py http://127.0.0.1:8000/health/ [--clients 10] \
        [--seconds 60]

It opens --clients connections that send a request's headers one byte a second (the
"slowloris" pattern, which never finishes a request) and keeps them open for
--seconds; meanwhile it asks for the address once every half second, as an ordinary
reader would, with a 5-second limit. It prints the ordinary requests' latency at the
50th and 99th percentile, the slowest, and how many failed or took longer than a
second.
"""

import argparse
import socket
import statistics
import threading
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

# Headers that a slow client sends, a byte at a time, and never ends.
TRICKLE = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slow\r\nX-Padding: " + b"a" * 4000


def trickle(host: str, port: int, until: float, opened: list[int]) -> None:
    """Hold one connection open by sending a byte a second until `until`."""
    while time.monotonic() < until:
        try:
            with socket.create_connection((host, port), timeout=5) as connection:
                opened.append(1)
                for byte in TRICKLE:
                    if time.monotonic() >= until:
                        return
                    connection.sendall(bytes([byte]))
                    time.sleep(1)
        except OSError:
            # Dropped by the server (its header timeout): come back, as an attacker would.
            time.sleep(0.2)


def ordinary(url: str, until: float) -> tuple[list[float], int]:
    """GET `url` every half second until `until`: the latencies, and the failures."""
    latencies, failures = [], 0
    while time.monotonic() < until:
        started = time.monotonic()
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:
                answer.read()
            latencies.append(time.monotonic() - started)
        except (urllib.error.URLError, OSError):
            failures += 1
        time.sleep(max(0.0, 0.5 - (time.monotonic() - started)))
    return latencies, failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--seconds", type=int, default=60)
    options = parser.parse_args()
    address = urlsplit(options.url)
    host, port = address.hostname, address.port or 80

    until = time.monotonic() + options.seconds
    opened: list[int] = []
    slow = [
        threading.Thread(target=trickle, args=(host, port, until, opened), daemon=True)
        for _ in range(options.clients)
    ]
    for thread in slow:
        thread.start()
    time.sleep(2)  # let every slow client take its connection first
    latencies, failures = ordinary(options.url, until)

    asked = len(latencies) + failures
    slow_ones = sum(1 for latency in latencies if latency > 1) + failures
    print(f"{options.clients} slow clients for {options.seconds} s against {options.url}")
    print(f"  slow connections opened: {len(opened)}")
    print(f"  ordinary requests: {asked}, failed: {failures}, over 1 s (or failed): {slow_ones}")
    if latencies:
        cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
        print(
            f"  latency: p50 {cuts[49] * 1000:.0f} ms, p99 {cuts[98] * 1000:.0f} ms, "
            f"slowest {max(latencies) * 1000:.0f} ms"
        )


if __name__ == "__main__":
    main()
