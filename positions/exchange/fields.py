"""Reading one YAML mapping of a study archive, noting every problem instead of
stopping at the first."""

import datetime
from collections.abc import Callable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from positions.exchange.archive import Problem

REQUIRED = object()


class Fields:
    """The keys of one YAML mapping, read with their expected types.

    A missing key, a value of the wrong type and a key nobody reads (`finish`) are
    each a problem; the value read is then a harmless default so that reading goes on
    and finds the other problems too.
    """

    def __init__(self, value: Any, where: str, problems: list[Problem]) -> None:
        if not isinstance(value, dict):
            problems.append(Problem(where, _("should be a mapping of keys to values")))
            value = {}
        self.value = value
        self.where = where
        self.problems = problems
        self.read: set[str] = set()

    def _get(self, key: str, default: Any, fallback: Any, check: Callable, kind: str) -> Any:
        self.read.add(key)
        if key not in self.value:
            if default is REQUIRED:
                self.problems.append(Problem(self.where, _("“%(key)s” is missing") % {"key": key}))
                return fallback
            return default
        value = self.value[key]
        converted = check(value)
        if converted is None and not (value is None and default is None):
            message = _("“%(key)s” should be %(kind)s") % {"key": key, "kind": kind}
            self.problems.append(Problem(self.where, message))
            return fallback
        return converted

    def text(self, key: str, default: Any = REQUIRED) -> str:
        # An empty value (`key:`) is empty text.
        return self._get(
            key,
            default,
            "",
            lambda v: "" if v is None else v if isinstance(v, str) else None,
            pgettext("a kind of value, as in “should be text”", "text"),
        )

    def optional_text(self, key: str) -> str | None:
        return self._get(
            key,
            None,
            None,
            lambda v: v if isinstance(v, str) else None,
            pgettext("a kind of value, as in “should be text”", "text"),
        )

    def number(self, key: str, default: Any = REQUIRED) -> int:
        return self._get(
            key,
            default,
            0,
            lambda v: v if isinstance(v, int) and not isinstance(v, bool) else None,
            _("a whole number"),
        )

    def flag(self, key: str, default: Any = REQUIRED) -> bool:
        return self._get(
            key, default, False, lambda v: v if isinstance(v, bool) else None, _("true or false")
        )

    def day(self, key: str) -> datetime.date | None:
        return self._get(key, None, None, _as_date, _("a date such as 2007-03-30"))

    def moment(self, key: str) -> datetime.datetime | None:
        return self._get(
            key, None, None, _as_datetime, _("a date and time such as 2007-03-30 09:00:00+00:00")
        )

    def texts(self, key: str) -> list[str]:
        return self._get(
            key,
            [],
            [],
            lambda v: (
                []
                if v is None
                else v
                if isinstance(v, list) and all(isinstance(i, str) for i in v)
                else None
            ),
            _("a list of texts"),
        )

    def items(self, key: str) -> list[Any]:
        return self._get(
            key,
            [],
            [],
            lambda v: [] if v is None else v if isinstance(v, list) else None,
            _("a list"),
        )

    def mapping(self, key: str) -> Any:
        self.read.add(key)
        if key not in self.value:
            self.problems.append(Problem(self.where, _("“%(key)s” is missing") % {"key": key}))
            return {}
        return self.value[key]

    def finish(self) -> None:
        unknown = sorted(str(key) for key in self.value if key not in self.read)
        if unknown:
            self.problems.append(
                Problem(self.where, _("unknown keys: %(keys)s") % {"keys": ", ".join(unknown)})
            )


def _as_date(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return None
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _as_datetime(value: Any) -> datetime.datetime | None:
    if isinstance(value, str):
        try:
            value = datetime.datetime.fromisoformat(value)
        except ValueError:
            return None
    if not isinstance(value, datetime.datetime):
        return None
    if timezone.is_naive(value):
        # Written without a time zone: taken as UTC, the zone exports write.
        value = value.replace(tzinfo=datetime.UTC)
    return value.astimezone(datetime.UTC)
