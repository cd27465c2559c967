"""The chief editor's form for a chapter's dates of record: when the chapter and each
of its papers were published (`positions.workflow.publication.set_dates`)."""

import datetime
from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from positions.models import Chapter, Paper
from positions.models.study import KEEPS_ITS_DATE, not_in_the_future


class DayInput(forms.DateInput):
    """The browser's date picker, which posts ISO dates (2012-03-01)."""

    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


def day_field(label: str, published: bool, help_text: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=published,
        # The form's own dates are ISO, whatever the interface language's formats.
        input_formats=["%Y-%m-%d"],
        validators=[not_in_the_future],
        widget=DayInput(),
        help_text=help_text,
        error_messages={
            "required": KEEPS_ITS_DATE,
            "invalid": _("Enter a date such as 2012-03-01."),
        },
    )


class PublicationDatesForm(forms.Form):
    """The chapter's date, then one per paper, each initially as saved."""

    def __init__(
        self, chapter: Chapter, papers: Iterable[Paper], data: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(data, **kwargs)
        self.chapter = chapter
        self.papers = list(papers)
        self.fields["chapter"] = day_field(
            gettext("The chapter"),
            chapter.is_published,
            gettext("Cited as the chapter's date. Publishing the chapter sets it if it is empty."),
        )
        self.initial["chapter"] = chapter.published_on
        for paper in self.papers:
            name = self.paper_field(paper)
            self.fields[name] = day_field(
                gettext("%(side)s-side paper") % {"side": paper.side.label},
                paper.is_published,
                gettext("Cited as the paper's date. Empty: the chapter's, when it is published."),
            )
            self.initial[name] = paper.published_on

    @staticmethod
    def paper_field(paper: Paper) -> str:
        return f"paper_{paper.pk}"

    def chapter_date(self) -> datetime.date | None:
        return self.cleaned_data["chapter"]

    def paper_dates(self) -> dict[int, datetime.date | None]:
        return {paper.pk: self.cleaned_data[self.paper_field(paper)] for paper in self.papers}
