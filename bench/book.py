"""Measure how long the demo study's book takes to build: the whole study in each
language and layout, then every book `manage.py build_books` makes.

Run from the repository root (see bench/README.md):

    DEBUG=false SECRET_KEY=bench-only DATABASE_URL=postgres://postgres@127.0.0.1:5432/positions \\
        .venv/bin/python bench/book.py

It loads the demo into its own throwaway database (`positions_bench_book` on
DATABASE_URL's server; with SQLite, a temporary file) and keeps the PDFs in a
temporary folder; both go at the end. For each book it prints the time to make its
HTML, the time WeasyPrint takes to set it, and its pages.
"""

import os
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-" + "x" * 40)

from bench.throwaway import throwaway_database  # noqa: E402 (after sys.path)


def main() -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import AnonymousUser
    from django.core.management import call_command

    from positions.book.build import BUILT_ON, Printing, book_html, render_pdf
    from positions.models import Study

    with throwaway_database("positions_bench_book"), tempfile.TemporaryDirectory() as media:
        settings.MEDIA_ROOT = media
        call_command("load_demo", verbosity=0)
        study = Study.objects.get()
        header = f"{'book':<36} {'HTML s':>7} {'PDF s':>7} {'pages':>6}"
        print(header)
        print("-" * len(header))
        for layout in ("facing", "sequential"):
            for language, _name in settings.LANGUAGES:
                printing = Printing(language=language, layout=layout)
                started = time.perf_counter()
                html = book_html(study, None, printing, reader=AnonymousUser())
                made = time.perf_counter()
                _pdf, pages = render_pdf(html.replace(BUILT_ON, "today"))
                done = time.perf_counter()
                name = f"the study, {layout}, {language}"
                print(f"{name:<36} {made - started:>7.2f} {done - made:>7.2f} {pages:>6}")
        started = time.perf_counter()
        call_command("build_books", stdout=open(os.devnull, "w"))
        print(f"manage.py build_books, every book: {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        call_command("build_books", stdout=open(os.devnull, "w"))
        print(
            f"manage.py build_books again, nothing changed: {time.perf_counter() - started:.1f} s"
        )


if __name__ == "__main__":
    main()
