"""The version of everything readers see: one number that every change moves."""

import datetime

from django.db import connection, models
from django.db.models import F
from django.utils import timezone

NEVER = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


class ContentVersion(models.Model):
    """One row: the content's version and when it last moved.

    Every change to what readers see moves it (positions.web.page_cache), inside the
    change's own transaction, so that the new version and the new content become
    visible together. The page cache keys pages by it, so a page cached before a
    change is never served after it, by any worker on any machine.
    """

    value = models.BigIntegerField(default=0)
    changed = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "content version"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def current(cls) -> tuple[int, datetime.datetime]:
        """The version and when it moved; one query.

        Written in SQL: every page a reader gets from the cache asks for it, and the
        ORM took longer to build the query than the database to answer it."""
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT value, changed FROM {cls._meta.db_table} ORDER BY id LIMIT 1")
            row = cursor.fetchone()
        if row is None:
            # Made by migration 0029; until then, a version that never moves.
            return 0, NEVER
        value, changed = row
        if timezone.is_naive(changed):  # SQLite keeps UTC without saying so
            changed = changed.replace(tzinfo=datetime.UTC)
        return value, changed

    @classmethod
    def move(cls) -> None:
        """Move the version on; one query (two the very first time)."""
        if not cls.objects.update(value=F("value") + 1, changed=timezone.now()):
            cls.objects.create(value=1)
