"""Write a study into a zip archive: `manage.py export_study asia-pacific study.zip`."""

import os
import tempfile
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from positions.exchange.export import export_study
from positions.models import Paper, Point, Study


class Command(BaseCommand):
    help = (
        "Export a study (its sides, institutes, authors, chapters, papers, points, tags "
        "and translations) into a zip archive of YAML and Markdown files. Exporting the "
        "same study twice gives the same bytes."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="The study's slug, e.g. asia-pacific.")
        parser.add_argument("file", help="The archive to write, e.g. asia-pacific.zip.")

    def handle(self, *args: Any, slug: str, file: str, **options: Any) -> None:
        study = Study.objects.filter(slug=slug).first()
        if study is None:
            known = ", ".join(Study.objects.order_by("slug").values_list("slug", flat=True))
            raise CommandError(f"No study has the slug “{slug}”. Studies: {known or 'none'}.")
        started = time.perf_counter()
        content = export_study(study)
        elapsed = time.perf_counter() - started
        path = Path(file)
        write_whole(path, content)
        self.stdout.write(
            self.style.SUCCESS(
                f"Exported “{study.title}” ({study.slug}) to {path}: "
                f"{study.chapters.count()} chapters, {Paper.objects.filter(study=study).count()} "
                f"papers, {Point.objects.filter(chapter__study=study).count()} points; "
                f"{len(content):,} bytes in {elapsed:.2f} s."
            )
        )


def write_whole(path: Path, content: bytes) -> None:
    """Write `content` to `path` so that the file is never seen half written."""
    folder = path.resolve().parent
    if not folder.is_dir():
        raise CommandError(f"The folder {folder} does not exist.")
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
