from typing import Any

from django.core.management.base import BaseCommand

from positions.search import index


class Command(BaseCommand):
    help = (
        "Make every search entry again from the chapters, papers, points and authors. "
        "Saving a text keeps its entries current; run this after loading data by other "
        "means or after an upgrade that changes what is indexed."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count = index.rebuild()
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} entries."))
