"""Import a study from a zip archive: `manage.py import_study study.zip [--replace]`."""

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from positions.exchange.importer import Refused, import_study


class Command(BaseCommand):
    help = (
        "Import a study from a zip archive made by export_study. The whole archive is "
        "checked first: if anything is wrong, every problem is listed and nothing is "
        "written. A study with the same slug is replaced only with --replace."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The archive to read, e.g. asia-pacific.zip.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help=(
                "Replace the study of the same slug: what changed is saved as a new "
                "revision in the history, what the archive no longer has is deleted."
            ),
        )

    def handle(self, *args: Any, file: str, replace: bool, **options: Any) -> None:
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"There is no file {path}.")
        started = time.perf_counter()
        try:
            with path.open("rb") as archive:
                imported = import_study(
                    archive, replace=replace, reason=f"Imported from {path.name}"
                )
        except Refused as refused:
            lines = "\n".join(
                f"- {problem} (import with --replace to replace it)"
                if problem.code == "exists"
                else f"- {problem}"
                for problem in refused.problems
            )
            count = len(refused.problems)
            raise CommandError(
                f"{path} was not imported, nothing was changed. "
                f"{count} problem{'s' if count != 1 else ''}:\n{lines}"
            ) from None
        elapsed = time.perf_counter() - started
        study = imported.study
        verb = "Imported" if imported.created else "Replaced"
        for note in imported.notes:
            self.stdout.write(self.style.WARNING(f"Note: {note}"))
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} “{study.title}” ({study.slug}) from {path} in {elapsed:.2f} s: "
                f"{imported.summary()}."
            )
        )
