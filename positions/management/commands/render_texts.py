"""Render every stored Markdown text again with the current renderer.

Papers keep their HTML from the moment they were saved. Run this after an
upgrade that changes how Markdown is rendered or sanitized.
"""

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from positions.models import Paper, Study


class Command(BaseCommand):
    help = "Render the Markdown of every study introduction and paper again, and store it."

    def handle(self, *args: Any, **options: Any) -> None:
        changed = 0
        with transaction.atomic():
            for study in Study.objects.all():
                before = study.introduction_html
                study.save(update_fields=["introduction_html"])
                changed += study.introduction_html != before
            for paper in Paper.objects.select_related("side").iterator(chunk_size=200):
                before = paper.body_html
                paper.render()
                if paper.body_html != before:
                    paper.save(update_fields=["body_html", "passages", "render_problems"])
                    changed += 1
        self.stdout.write(f"Rendered the texts again: {changed} changed.")
