"""`{{ paper.published_on|of_record:study }}`: a date of record as precisely as the
study knows it (positions.dates); `|iso_of_record:study` for `<time datetime>`."""

import datetime

from django import template

from positions import dates
from positions.models import Study

register = template.Library()


@register.filter
def of_record(day: datetime.date | None, study: Study) -> str:
    return dates.shown(day, study.dates_precision)


@register.filter
def iso_of_record(day: datetime.date | None, study: Study) -> str:
    return dates.iso(day, study.dates_precision)
