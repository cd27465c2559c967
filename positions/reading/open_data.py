"""The points as open data: one record per point, as CSV for spreadsheets and as JSON.

The columns are the same for every study, so that files of several studies can be
put together: each side's stance sits in a column named after its place (first,
second), with the side's label in the column beside it.
"""

import csv
import io
import json
from collections.abc import Callable, Iterable
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.models import User as Person
from django.db.models import QuerySet

from positions.models import Chapter, Point, Side, Study, tags_by_object

User = Person | AnonymousUser

COLUMNS = [
    "study",
    "chapter",
    "chapter_theme",
    "question",
    "first_side",
    "first_stance",
    "second_side",
    "second_stance",
    "agreement",
    "tags",
    "text_language",
    "chapter_published",
    "url",
    "notice",
]

# Joins the tags in a CSV cell; tags may hold commas, and no tag holds this.
TAG_SEPARATOR = "; "

# Excel takes a CSV for the local code page (Shift JIS on a Japanese Windows) unless
# it starts with a byte order mark; with it, Japanese and Russian open as written.
# Python's csv module reads it with encoding="utf-8-sig", pandas.read_csv as is.
BYTE_ORDER_MARK = "\ufeff"

# A cell starting with one of these is taken by spreadsheets for a formula, which
# could run when the file is opened: such texts get a leading apostrophe in the CSV
# (as OWASP advises). The JSON keeps every text as written.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def study_points(study: Study, user: User) -> QuerySet[Point]:
    """The points of the chapters of `study` that `user` may read, in reading order."""
    chapters = Chapter.objects.visible_to(user).filter(study=study)
    return _in_order(Point.objects.filter(chapter__in=chapters))


def chapter_points(chapter: Chapter) -> QuerySet[Point]:
    return _in_order(Point.objects.filter(chapter=chapter))


def _in_order(points: QuerySet[Point]) -> QuerySet[Point]:
    return points.select_related("chapter__study").order_by(
        "chapter__order", "chapter__number", "order", "pk"
    )


def records(
    points: Iterable[Point], sides: Iterable[Side], absolute_url: Callable[[str], str]
) -> list[dict[str, Any]]:
    """One record per point, with the keys of COLUMNS; `absolute_url` makes a path
    absolute (request.build_absolute_uri). Runs one query, for the tags."""
    points = list(points)
    labels = {side.position: side.label for side in sides}
    tags = tags_by_object(points=points)
    return [
        {
            "study": point.chapter.study.title,
            "chapter": point.chapter.number,
            "chapter_theme": point.chapter.title,
            "question": point.question,
            "first_side": labels.get(Side.Position.FIRST, ""),
            "first_stance": point.first_stance,
            "second_side": labels.get(Side.Position.SECOND, ""),
            "second_stance": point.second_stance,
            "agreement": point.agreement,
            "tags": [tag.name for tag in tags.get(("point", point.pk), [])],
            "text_language": point.chapter.study.language,
            "chapter_published": point.chapter.is_published,
            "url": absolute_url(point.get_absolute_url()),
            # A demonstration's: whoever copies a row has the word with it.
            "notice": point.chapter.study.notice_shown,
        }
        for point in points
    ]


def as_csv(rows: list[dict[str, Any]]) -> str:
    """The records as CSV text, starting with a byte order mark, one header row."""
    out = io.StringIO()
    out.write(BYTE_ORDER_MARK)
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({name: _csv_cell(value) for name, value in row.items()})
    return out.getvalue()


def _csv_cell(value: Any) -> str | int:
    if isinstance(value, bool):
        # pandas.read_csv reads these as booleans.
        return "true" if value else "false"
    if isinstance(value, list):
        value = TAG_SEPARATOR.join(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


def as_json(rows: list[dict[str, Any]]) -> str:
    """The records as a JSON array of objects, tags as arrays, texts as written."""
    return json.dumps(rows, ensure_ascii=False, indent=2)
