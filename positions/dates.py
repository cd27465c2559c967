"""Dates of record as precisely as a study knows them (Study.dates_precision): a report
that gives only "March 2007" is shown and cited as March 2007, never with a day."""

import datetime

from django.utils import formats

from positions.models import DatePrecision

# How each precision is shown, in the reader's language (Django's formats).
_FORMATS: dict[str, str] = {
    DatePrecision.DAY: "DATE_FORMAT",
    DatePrecision.MONTH: "YEAR_MONTH_FORMAT",
    DatePrecision.YEAR: "Y",
}


def shown(day: datetime.date | None, precision: str) -> str:
    """The date for a reader, in the active language: "30 March 2007", "March 2007"."""
    if day is None:
        return ""
    return formats.date_format(day, _FORMATS.get(precision, "DATE_FORMAT"))


def iso(day: datetime.date | None, precision: str) -> str:
    """ISO 8601 to the precision known: "2007-03-30", "2007-03" or "2007"."""
    if day is None:
        return ""
    shortened: dict[str, str] = {
        DatePrecision.MONTH: day.isoformat()[:7],
        DatePrecision.YEAR: str(day.year),
    }
    return shortened.get(precision, day.isoformat())


def parts(day: datetime.date, precision: str) -> list[int]:
    """CSL's date-parts to the precision known: [2007, 3, 30], [2007, 3] or [2007]."""
    return [day.year, day.month, day.day][: {"year": 1, "month": 2}.get(precision, 3)]
