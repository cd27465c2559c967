"""Measure what importing study archives costs: hostile ones refused, and the demo study.

Run from the repository root (see bench/README.md):

    DEBUG=false SECRET_KEY=bench-only DATABASE_URL=postgres://postgres@127.0.0.1:5432/positions \\
        .venv/bin/python bench/imports.py [--case items] [--no-tracemalloc] [--timeout 300]

It creates its own throwaway database (DATABASE_URL's server, database
`positions_bench_imports`; with SQLite, a temporary file), migrates it, and drops it
at the end. It never reads or writes DATABASE_URL's own database.

Each archive is imported by `import_study`, as `manage.py import_study` and the
admin's import page do, in a child process of its own (fork) and in a transaction
rolled back, so that one import's memory is not counted in the next. For each it
prints the archive's packed size, the seconds the import took, the child's peak
resident memory (ru_maxrss: Python's objects and what libyaml and zlib allocate),
the peak of Python's allocations (tracemalloc, in a second child, as tracing slows
the import down), and how it ended: imported, or refused with how many problems and
the first. A child still busy after --timeout seconds is killed and shown so.
"""

import argparse
import io
import json
import os
import platform
import resource
import signal
import struct
import sys
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import yaml

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-" + "x" * 40)

from bench.throwaway import throwaway_database  # noqa: E402 (after sys.path)

BENCH_DATABASE = "positions_bench_imports"
MB = 1024 * 1024


@dataclass
class Case:
    name: str
    describe: str
    build: Callable[[bytes], bytes]  # from the demo study's archive


# Hostile archives, each made from the demo study's archive so that everything but
# the attack is right.


def unpack(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as packed:
        return {info.filename: packed.read(info) for info in packed.infolist()}


def pack(files: dict[str, bytes]) -> bytes:
    from positions.exchange import archive

    return archive.write_zip(files.items())


def with_study_yaml(demo: bytes, change: Callable[[dict], None]) -> bytes:
    files = unpack(demo)
    data = yaml.safe_load(files["study.yaml"])
    change(data)
    return pack({**files, "study.yaml": yaml.safe_dump(data, allow_unicode=True).encode()})


def with_paper(demo: bytes, front: Callable[[str], str], body: str | None = None) -> bytes:
    """The demo with chapters/01/nids.md's front matter changed, and its body if given."""
    files = unpack(demo)
    text = files["chapters/01/nids.md"].decode()
    head, _separator, rest = text[4:].partition("\n---\n")
    text = f"---\n{front(head)}\n---\n{rest if body is None else body}"
    return pack({**files, "chapters/01/nids.md": text.encode()})


def items(count: int) -> Callable[[bytes], bytes]:
    """study.yaml of `count` tiny items (4 to 5 bytes each)."""

    def build(demo: bytes) -> bytes:
        lines = "".join(f"- {index % 97}\n" for index in range(count))
        return pack({**unpack(demo), "study.yaml": f"format: 1\nchapters:\n{lines}".encode()})

    return build


def chapters(count: int) -> Callable[[bytes], bytes]:
    """The demo study's study.yaml with `count` chapters of a number and a theme, and
    no papers: a draft chapter needs no more."""

    def change(data: dict) -> None:
        data["chapters"] = [{"number": number, "theme": "T"} for number in range(1, count + 1)]
        data["authors"] = []

    def build(demo: bytes) -> bytes:
        files = {name: content for name, content in unpack(demo).items() if name == "study.yaml"}
        return with_study_yaml(pack(files), change)

    return build


def introduction(megabytes: float) -> Callable[[bytes], bytes]:
    def change(data: dict) -> None:
        data["study"]["introduction"] = "Security dialogue. " * int(megabytes * MB / 19)

    return lambda demo: with_study_yaml(demo, change)


def paper(megabytes: float) -> Callable[[bytes], bytes]:
    """chapters/01/nids.md with a body of `megabytes` of Markdown, declared honestly."""
    paragraph = "Security dialogue between the two countries. " * 20 + "\n\n"
    body = paragraph * int(megabytes * MB / len(paragraph))
    return lambda demo: with_paper(demo, lambda front: front, body)


def authors(count: int) -> Callable[[bytes], bytes]:
    """chapters/01/nids.md naming `count` authors, none of them listed."""
    names = "".join(f"- a{index}\n" for index in range(count))
    return lambda demo: with_paper(
        demo, lambda front: front.replace("authors:\n", f"authors:\n{names}")
    )


def deep_nesting(demo: bytes) -> bytes:
    """study.yaml of 100,000 opening brackets."""
    return pack({**unpack(demo), "study.yaml": b"format: " + b"[" * 100_000})


def lying_sizes(demo: bytes) -> bytes:
    """A 50 MB file of zeros whose headers declare 100 bytes (50 KB packed)."""
    content = bytearray(pack({"study.yaml": b"\0" * (50 * MB)}))
    struct.pack_into("<I", content, content.index(b"PK\x03\x04") + 22, 100)
    struct.pack_into("<I", content, content.index(b"PK\x01\x02") + 24, 100)
    return bytes(content)


def many_files(demo: bytes) -> bytes:
    """A 60 MB zip whose list of files names 1,200,000 empty files.

    Built by hand: one local header, which every entry of the list points to.
    """
    count = 1_200_000
    local = struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 0, 0, 0x21, 0, 0, 0, 1, 0) + b"x"
    # Version, flags, method, time, date, CRC, sizes, lengths, disk, attributes, offset.
    fields = (20, 20, 0, 0, 0, 0x21, 0, 0, 0)
    entries = [
        struct.pack("<4s6H3L5H2L", b"PK\x01\x02", *fields, len(name), 0, 0, 0, 0, 0, 0) + name
        for name in (f"{index:x}".encode() for index in range(count))
    ]
    directory = b"".join(entries)
    # More than 65,535 files: the counts are in a Zip64 end record.
    end64 = struct.pack(
        "<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, count, count, len(directory), len(local)
    )
    locator = struct.pack("<4sLQL", b"PK\x06\x07", 0, len(local) + len(directory), 1)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    return local + directory + end64 + locator + end


CASES = [
    Case("demo", "the demo study (imported)", lambda demo: demo),
    Case("items", "the finding: study.yaml of 2,000,000 tiny items (8 MB)", items(2_000_000)),
    Case("items-199k", "study.yaml of 199,990 tiny items, within the limit", items(199_990)),
    Case("chapters-100k", "100,000 chapters of a number and a theme", chapters(100_000)),
    Case("chapters-1k", "1,000 such chapters, within the limits: written", chapters(1_000)),
    Case("intro-20mb", "an introduction of 20 MB", introduction(20)),
    Case("intro-1mb", "an introduction of 1 MB", introduction(1)),
    Case("paper-20mb", "a paper of 20 MB", paper(20)),
    Case("paper-0.9mb", "a paper of 0.9 MB", paper(0.9)),
    Case("authors-1m", "a paper naming 1,000,000 authors (9.5 MB)", authors(1_000_000)),
    Case("authors-100k", "a paper naming 100,000 authors (0.9 MB)", authors(100_000)),
    Case("nesting", "study.yaml of 100,000 nested lists", deep_nesting),
    Case("sizes", "50 MB of zeros declared as 100 bytes", lying_sizes),
    Case("files", "1,200,000 files listed", many_files),
]


# Measuring, one child process per import


def import_once(content: bytes, trace: bool) -> dict:
    """Import `content` in a transaction rolled back; say how it went."""
    from django.db import transaction

    from positions.exchange.importer import Refused, import_study

    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    try:
        with transaction.atomic():
            imported = import_study(io.BytesIO(content), reason="bench")
            outcome = f"imported: {imported.summary()[:60]}"
            transaction.set_rollback(True)
    except Refused as refused:
        problems = refused.problems
        outcome = f"refused, {len(problems)} problem(s): {str(problems[0])[:90]}"
    seconds = time.perf_counter() - started
    result = {
        "seconds": seconds,
        "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        "outcome": outcome,
    }
    if trace:
        result["traced"] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return result


def in_child(work: Callable[[], dict], timeout: float) -> dict:
    """Run `work` in a forked child and return what it returned, or what stopped it."""
    from django.db import connections

    # The child opens its own connection: a socket is not to be shared.
    connections.close_all()
    reading, writing = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(reading)
        try:
            answer = work()
        except BaseException as error:  # noqa: BLE001 (reported, whatever it is)
            answer = {"outcome": f"failed: {type(error).__name__}: {str(error)[:80]}"}
        with os.fdopen(writing, "w") as pipe:
            json.dump(answer, pipe)
        os._exit(0)
    os.close(writing)
    deadline = time.monotonic() + timeout
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            os.close(reading)
            return {"outcome": f"killed after {timeout:.0f} s"}
        time.sleep(0.05)
    with os.fdopen(reading) as pipe:
        text = pipe.read()
    if not text:
        return {"outcome": f"the child died (status {status})"}
    return json.loads(text)


def demo_archive() -> bytes:
    from django.core.management import call_command
    from django.db import transaction

    from positions.exchange.export import export_study
    from positions.models import Study

    with transaction.atomic():
        call_command("load_demo", verbosity=0)
        content = export_study(Study.objects.get(slug="asia-pacific"))
        transaction.set_rollback(True)
    return content


def megabytes(value: float | None) -> str:
    return "-" if value is None else f"{value / MB:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--case", action="append", help="only these cases (by name)")
    parser.add_argument("--no-tracemalloc", action="store_true", help="skip the traced run")
    parser.add_argument("--timeout", type=float, default=300, help="seconds per import")
    options = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    if settings.DEBUG:
        raise SystemExit("Run with DEBUG=false: DEBUG keeps every query and changes timings.")

    with throwaway_database(BENCH_DATABASE):
        demo = demo_archive()
        print(
            f"Python {platform.python_version()}, PyYAML {yaml.__version__} "
            f"(libyaml: {yaml.__with_libyaml__}), {connection.vendor}, {os.cpu_count()} CPUs"
        )
        idle = in_child(
            lambda: {"rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}, 60
        )
        print(f"A child that imports nothing peaks at {megabytes(idle['rss'])} MB resident.\n")
        header = (
            f"{'case':<13} {'packed KB':>9} {'seconds':>8} {'peak MB':>8} {'traced MB':>9}  outcome"
        )
        print(header)
        print("-" * len(header))
        for case in CASES:
            if options.case and case.name not in options.case:
                continue
            content = case.build(demo)
            result = in_child(partial(import_once, content, trace=False), options.timeout)
            traced = None
            if not options.no_tracemalloc and "seconds" in result:
                traced = in_child(partial(import_once, content, trace=True), options.timeout)
            seconds = f"{result['seconds']:.2f}" if "seconds" in result else "-"
            print(
                f"{case.name:<14} {len(content) / 1024:>9.0f} {seconds:>8} "
                f"{megabytes(result.get('rss')):>8} "
                f"{megabytes(traced.get('traced') if traced else None):>9}  "
                f"{result['outcome']}",
                flush=True,
            )
        print("\n" + "\n".join(f"{case.name}: {case.describe}" for case in CASES))


if __name__ == "__main__":
    main()
