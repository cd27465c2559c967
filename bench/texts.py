"""Measure the worst texts at their limit: rendering, comparing and saving them.

Run from the repository root (see bench/README.md):

    DEBUG=false SECRET_KEY=bench-only DATABASE_URL=postgres://postgres@127.0.0.1:5432/positions \\
        .venv/bin/python bench/texts.py [--case emphasis] [--repeat 3] [--timeout 30] \\
        [--size 200000] [--no-save]

For each text of `limits.PAPER_BODY` characters (or --size) that is hard for some part
of the work (emphasis markers, footnotes, a table, quotes, lists, links, brackets,
thousands of paragraphs or headings; and prose in English and Japanese for comparison)
it prints the seconds that these take. Each hard structure is repeated until the text
reaches one of the other limits of a Markdown text (`limits.MARKDOWN_MARKS`,
`limits.MARKDOWN_LINES`), then plain words fill it to its length: the worst text an
editor can save. `--unbounded` keeps each structure to the full length instead, as
before those limits (such texts are refused, so nothing is saved):

- render: `render_markdown`, as a save does (the best of --repeat);
- word diffs (`word_diff`, the best of --repeat), the text against: itself; itself with
  one word inserted in the middle; itself with a word inserted every 2,000 characters;
  an unrelated text of the same size (prose, or for prose a text of other words), which
  exceeds what is compared word by word (marked TL when the diff says `too_large`);
- save: the paper's edit page posted with the text, as an editor saves it (form,
  rendering, history, search index), over a paper of one sentence; and "again", the
  text saved once more with one word inserted.

Each measurement runs in a child process (fork) killed after --timeout seconds, shown
as "> N". The saves run in a throwaway database (DATABASE_URL's server, database
`positions_bench_texts`; with SQLite, a temporary file), each in a transaction rolled
back; DATABASE_URL's own database is never opened.
"""

import argparse
import multiprocessing
import os
import platform
import sys
import time
from collections.abc import Callable
from contextlib import nullcontext
from functools import partial
from pathlib import Path
from typing import Any

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-" + "x" * 40)

from bench.throwaway import throwaway_database  # noqa: E402 (after sys.path)

BENCH_DATABASE = "positions_bench_texts"
EDIT_PAGE = "/en/studies/bench/chapters/1/first/edit/"

WORDS = (
    "security alliance region's dialogue deterrence cooperation missile defense treaty "
    'stability balance "forces" border maritime strait nuclear proliferation the of and a '
    "in to is that for with on as by"
).split()
OTHER_WORDS = (
    "economy energy trade growth investment market climate water food health migration "
    "labour finance currency tariff supply chain port rail road grid an at from or"
).split()
JAPANESE = (
    "上海協力機構の役割について両国の意見は分かれる。日米同盟が地域の安定の基礎である。"
    "信頼醸成措置は対話を通じて強化されるべきだ。六者会合の再開が求められている。"
)


def fill(unit: str, size: int) -> str:
    """`unit` repeated to exactly `size` characters."""
    return (unit * (size // len(unit) + 1))[:size]


def prose(size: int, words: list[str] = WORDS) -> str:
    """Paragraphs of about 100 words, a heading every ten, as bench/pages.py writes."""
    parts: list[str] = []
    written = 0
    number = 0
    while written < size:
        if number % 10 == 0:
            parts.append(f"## Section {number // 10 + 1}")
        text = " ".join(words[(number * 7 + i * i) % len(words)] for i in range(100))
        parts.append(text[0].upper() + text[1:] + ".")
        written += len(parts[-1]) + 2
        number += 1
    return "\n\n".join(parts)[:size]


def japanese(size: int) -> str:
    sentences = [sentence + "。" for sentence in JAPANESE.split("。") if sentence]
    paragraphs = []
    for number in range(size // 100 + 1):
        paragraphs.append("".join(sentences[(number + i) % len(sentences)] for i in range(5)))
    return "\n\n".join(paragraphs)[:size]


def footnotes(size: int) -> str:
    """As many footnotes as fit: each referred to once, then all defined."""
    count = size // 19
    while True:
        text = "".join(f"Text[^{n}] " for n in range(1, count + 1)) + "\n\n"
        text += "".join(f"[^{n}]: Note.\n" for n in range(1, count + 1))
        if len(text) <= size:
            return text
        count -= 50


def table(size: int, columns: int = 50) -> str:
    """A table of `columns` columns and as many rows as fit."""
    head = "|" + "|".join(f"h{column}" for column in range(columns)) + "|\n"
    head += "|" + "|".join("-" for _ in range(columns)) + "|\n"
    row = "|" + "|".join("x" for _ in range(columns)) + "|\n"
    return head + row * ((size - len(head)) // len(row))


# name: (what it is, how to make it at a size). The first of each pair is the worst for
# markdown-it, measured when the limits were set; prose is there for comparison.
CASES: dict[str, tuple[str, Callable[[int], str]]] = {
    "emphasis": ("'*a ' repeated", lambda size: fill("*a ", size)),
    "footnotes": ("a footnote every 19 characters", footnotes),
    "table": ("a table of 50 columns", table),
    "quotes": ("straight quotes in one paragraph", lambda size: "'" * size),
    "list items": ("'- a' lines: a list of 50,000 items", lambda size: fill("- a\n", size)),
    "nested lists": (
        "lists nested 20 deep, again and again",
        lambda size: fill("".join("  " * depth + "- a\n" for depth in range(20)), size),
    ),
    "nested quotes": ("quotes nested 20 deep", lambda size: fill("> " * 20 + "a\n\n", size)),
    "links": ("'[a](http://x.org/a) ' repeated", lambda size: fill("[a](http://x.org/a) ", size)),
    "brackets": ("'[' repeated", lambda size: "[" * size),
    "underscores": ("'_' repeated", lambda size: "_" * size),
    "paragraphs": ("'a' paragraphs: a passage every 3 characters", lambda s: fill("a\n\n", s)),
    "headings": ("'# a' headings, all the same words", lambda size: fill("# a\n", size)),
    # Two limits reached at once: the most lines, then the rest of the marks in "[".
    "lines+brackets": (
        "7,600 list items, then 12,000 '['",
        lambda size: ("- a\n" * 7_600 + "[" * 12_000)[:size],
    ),
    "prose": ("English paragraphs of 100 words", prose),
    "japanese": ("Japanese paragraphs of 5 sentences", japanese),
}


def within_limits(text: str, size: int) -> str:
    """The longest start of `text` within the lines and marks a Markdown text may have,
    then paragraphs of plain words to `size` characters."""
    from positions.models import limits

    # Room for the plain paragraphs' own lines: two each (the text, then a blank line).
    filler_lines = 2 * (size // 1_000 + 2)
    lines = marks = 0
    end = len(text)
    for index, character in enumerate(text):
        lines += character == "\n"
        marks += character in limits.MARKS
        if lines >= limits.MARKDOWN_LINES - filler_lines or marks > limits.MARKDOWN_MARKS:
            end = index
            break
    start = text[:end]
    if len(start) >= size:
        return start[:size]
    paragraph = fill("plain words of prose ", 998)
    rest = "\n\n" + "\n\n".join([paragraph] * ((size - len(start)) // 1_000 + 1))
    return start + rest[: size - len(start)]


def with_words(text: str, every: int) -> str:
    """`text` with "zz " written over three characters every `every` characters (once,
    in the middle, when `every` is 0): as long as the text, so still within the limit."""
    if not every:
        middle = len(text) // 2
        return text[:middle] + "zz " + text[middle + 3 :]
    return "".join("zz " + text[start + 3 : start + every] for start in range(0, len(text), every))


def in_child(measure: Callable[[], Any], timeout: float) -> Any:
    """Run `measure` in a forked child; return what it returns, or None after
    `timeout` seconds (the child killed)."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)

    def run() -> None:
        sender.send(measure())

    child = context.Process(target=run)
    child.start()
    sender.close()
    result = None
    if receiver.poll(timeout):
        try:
            result = receiver.recv()
        except EOFError:  # the child failed, and said why
            pass
    if child.is_alive():
        child.kill()
    child.join()
    return result


def best_of(repeat: int, action: Callable[[], Any]) -> tuple[float, Any]:
    """The shortest of `repeat` runs of `action`; a run over a second is not repeated."""
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - started)
        if best > 1:
            break
    return best, result


def measure_render(text: str, repeat: int) -> float:
    from positions.text import markdown

    def render() -> None:
        markdown._render.cache_clear()  # a save renders each text anew
        markdown.render_markdown(text, prefix="first")

    return best_of(repeat, render)[0]


def measure_diff(old: str, new: str, repeat: int) -> tuple[float, bool]:
    from positions.text.diffs import word_diff

    seconds, diff = best_of(repeat, lambda: word_diff(old, new))
    return seconds, diff.too_large


def build_paper() -> None:
    """A study with one chapter and a draft paper of one sentence, and its editor."""
    from django.contrib.auth.models import User

    from positions import roles
    from positions.models import Chapter, Institute, Membership, Paper, Role, Side, Study

    study = Study.objects.create(title="Benchmark study", slug="bench", period="FY2025")
    side = Side.objects.create(
        study=study,
        position=1,
        institute=Institute.objects.create(
            name="First Institute", abbreviation="FI", country="First"
        ),
        label="First",
        language="en",
        slug="first",
    )
    chapter = Chapter.objects.create(study=study, number=1, order=1, title="Chapter")
    Paper.objects.create(chapter=chapter, side=side, title="A paper", body="One sentence.")
    editor = User.objects.create_user("editor", password="bench-only-password")
    Membership.objects.create(study=study, user=editor, role=Role.SIDE_EDITOR, side=side)
    roles.sync_staff_access(editor)


def measure_save(texts: list[str]) -> list[float]:
    """Post the edit page with each text in turn; return the seconds each post took.
    Rolled back: the next measurement starts from the paper of one sentence."""
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.db import transaction
    from django.test import Client

    from positions.models import Paper

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    client.force_login(User.objects.get(username="editor"))
    seconds = []
    with transaction.atomic():
        # The first request of a process imports the URLs and the views: not counted.
        for text in ["Warm-up.", *texts]:
            paper = Paper.objects.get()
            data = {
                "opened_version": paper.version,
                "title": paper.title,
                "language": paper.language,
                "abstract": paper.abstract,
                "body": text,
                "tags": "",
                "message": "",
            }
            started = time.perf_counter()
            response = client.post(EDIT_PAGE, data, secure=True)
            seconds.append(time.perf_counter() - started)
            if response.status_code != 302:
                raise SystemExit(f"The edit page answered {response.status_code}")
        transaction.set_rollback(True)
    return seconds[1:]


def shown(value: float | None, timeout: float, too_large: bool = False) -> str:
    if value is None:
        return f"> {timeout:.0f}"
    return f"{value:.3f}" + (" TL" if too_large else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--case", action="append", choices=list(CASES), help="only these")
    parser.add_argument("--repeat", type=int, default=3, help="render and diffs: best of")
    parser.add_argument("--timeout", type=float, default=30, help="seconds per measurement")
    parser.add_argument("--no-save", action="store_true", help="render and diffs only")
    parser.add_argument(
        "--unbounded",
        action="store_true",
        help="each structure to the full length, beyond the lines and marks a text may have "
        "(implies --no-save)",
    )
    parser.add_argument(
        "--size", type=int, help="characters of each text (default: limits.PAPER_BODY)"
    )
    options = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from positions.models import limits

    if settings.DEBUG:
        raise SystemExit("Run with DEBUG=false: DEBUG keeps every query and changes timings.")
    size = options.size or limits.PAPER_BODY
    options.no_save = options.no_save or options.unbounded
    names = options.case or list(CASES)
    timeout = options.timeout

    if not options.no_save:
        call_command("collectstatic", "--noinput", verbosity=0)
    # Rendering and diffs need no database.
    database = nullcontext() if options.no_save else throwaway_database(BENCH_DATABASE)
    with database:
        if not options.no_save:
            build_paper()
            if connection.vendor == "sqlite":
                database = f"SQLite {connection.Database.sqlite_version}"
            else:
                with connection.cursor() as cursor:
                    cursor.execute("SHOW server_version")
                    database = f"PostgreSQL {cursor.fetchone()[0]}"
            # The children open their own: a connection is not shared across a fork.
            connection.close()
            print(f"Python {platform.python_version()}, {database}, {os.cpu_count()} CPUs")
        limit = " (PAPER_BODY)" if size == limits.PAPER_BODY else ""
        if not options.unbounded:
            limit += (
                f", each within {limits.MARKDOWN_LINES:,} lines and {limits.MARKDOWN_MARKS:,} marks"
            )
        print(
            f"\nTexts of {size:,} characters{limit}; seconds, the best of "
            f"{options.repeat} (saves: once); TL: too large to compare word by word\n"
        )
        header = (
            f"{'text':<14} {'render':>7} {'diff =':>8} {'1 word':>8} {'every 2k':>9} "
            f"{'unrelated':>10} {'save':>7} {'again':>7}"
        )
        print(header)
        print("-" * len(header))
        for name in names:
            _, make = CASES[name]
            text = make(size) if options.unbounded else within_limits(make(size), size)
            assert options.unbounded or limits.markdown_fits(text), name
            one_word = with_words(text, 0)
            unrelated = prose(size, OTHER_WORDS) if name != "prose" else prose(size, WORDS[::-1])
            row = [f"{name:<14}"]
            render = in_child(partial(measure_render, text, options.repeat), timeout)
            row.append(f"{shown(render, timeout):>7}")
            for other, width in [
                (text, 8),
                (one_word, 8),
                (with_words(text, 2_000), 9),
                (unrelated, 10),
            ]:
                found = in_child(partial(measure_diff, text, other, options.repeat), timeout)
                seconds, too_large = found if found else (None, False)
                row.append(f"{shown(seconds, timeout, too_large):>{width}}")
            if not options.no_save:
                saves = in_child(partial(measure_save, [text, one_word]), 2 * timeout)
                for seconds in saves or [None, None]:
                    row.append(f"{shown(seconds, 2 * timeout):>7}")
            print(" ".join(row), flush=True)


if __name__ == "__main__":
    main()
