"""Build the books that pages offer, where their texts changed: each study's and each
published chapter's, in each of the site's languages (positions.book).

    python manage.py build_books               # once
    python manage.py build_books --watch 30    # and again whenever the content changes

A book whose texts are as at its last build is not built again, so a run after a
change builds only the books it changed. Run it once after a deployment and keep it
watching beside the web workers (deploy/compose.yaml); a reader who asks for a book
before it is built gets it built then.
"""

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from positions.book.build import Printing, build
from positions.models import Chapter, ContentVersion, Study


class Command(BaseCommand):
    help = "Build each study's book and each published chapter's, where its texts changed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--study", help="Only this study (its slug).")
        parser.add_argument(
            "--watch",
            type=float,
            metavar="SECONDS",
            help="Keep running: look for a change every SECONDS and build what it changed.",
        )

    def handle(self, *args: Any, study: str | None, watch: float | None, **options: Any) -> None:
        seen = None
        while True:
            version, _changed = ContentVersion.current()
            if version != seen:
                self.build_all(study)
                # A build moves the version (the pages that offer the book say its
                # length): what this run built is seen.
                seen, _changed = ContentVersion.current()
            if watch is None:
                return
            time.sleep(watch)

    def build_all(self, slug: str | None) -> None:
        studies = Study.objects.order_by("slug")
        if slug:
            studies = studies.filter(slug=slug)
        for study in studies:
            chapters = [None, *Chapter.objects.filter(study=study, status=Chapter.Status.PUBLISHED)]
            for chapter in chapters:
                for language, _name in settings.LANGUAGES:
                    started = time.perf_counter()
                    book = build(study, chapter, Printing(language=language))
                    took = time.perf_counter() - started
                    what = (
                        study.slug if chapter is None else f"{study.slug}, chapter {chapter.number}"
                    )
                    self.stdout.write(f"{what} ({language}): {book.pages} pages, {took:.1f} s")
