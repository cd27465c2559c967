"""Create or bring up to date the groups of the roles and their permissions."""

from typing import Any

from django.core.management.base import BaseCommand

from positions.roles import GROUP_NAMES, ensure_groups


class Command(BaseCommand):
    help = (
        "Create or update the groups “Chief editors”, “Side editors” and “Reviewers” "
        "with the permissions of each role. Migrations run it too; safe to run again."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        ensure_groups()
        self.stdout.write(f"Groups up to date: {', '.join(GROUP_NAMES.values())}.")
