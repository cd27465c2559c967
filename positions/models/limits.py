"""How long the texts people type may be, and how much Markdown they may hold.

The forms, the model's `full_clean()` (which imports run) and the benchmark of the
Markdown renderer (`bench/texts.py`) all use these figures. They are far above what the
texts need (a long paper of 20,000 English words is about 130,000 characters) and low
enough that rendering a text at its limits takes a fraction of a second.

Length alone does not bound rendering: markdown-it moves over plain words in one step,
but stops at each of its marks (`[`, `*`, `-`, `:` …) to try its rules, pairs quotes
(in time that grows with the square of one paragraph's quotes) and makes a block of each
line of a list or a table. 200,000 characters of `[` took 2.4 s, of one-item lines 1.6
s, of straight quotes over 10 s. Markdown texts are held to a number of lines and of
marks too: prose has a few marks in a hundred characters, so a real paper stays far
below them, and rendering at both limits at once stays under a second.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

PAPER_BODY = 200_000
ABSTRACT = 10_000
INTRODUCTION = 50_000
SUMMARY = 20_000
STANCE = 10_000
BIOGRAPHY = 5_000
COMMENT = 5_000

# A Markdown text's lines, and its marks: the characters at which markdown-it's inline
# parser stops (its "terminators"), the quotes its typographer pairs, and the table's
# "|".
MARKDOWN_LINES = 8_000
MARKDOWN_MARKS = 20_000
MARKS = frozenset("!#$%&*+-:<=>@[\\]^_`{}~\"'|")


def markdown_within_limits(text: str) -> None:
    """Refuse a Markdown text with more lines or marks than it may have (see above).

    Runs in a few milliseconds at the longest texts: counting is all it does.
    """
    lines = text.count("\n") + 1
    marks = sum(text.count(mark) for mark in MARKS)
    for count, limit, code, message in [
        (
            lines,
            MARKDOWN_LINES,
            "markdown_lines",
            _(
                "This text has %(count)s lines; a text may have at most %(limit)s, so "
                "that it is shown in a fraction of a second."
            ),
        ),
        (
            marks,
            MARKDOWN_MARKS,
            "markdown_marks",
            _(
                "This text has %(count)s Markdown marks (characters such as [ ] * _ - : | "
                "and quotes); a text may have at most %(limit)s, so that it is shown in a "
                "fraction of a second."
            ),
        ),
    ]:
        if count > limit:
            raise ValidationError(
                message,
                code=code,
                params={
                    "count": number_format(count, force_grouping=True),
                    "limit": number_format(limit, force_grouping=True),
                },
            )


def markdown_fits(text: str) -> bool:
    """Whether `text` has no more lines and marks than a Markdown text may."""
    try:
        markdown_within_limits(text)
    except ValidationError:
        return False
    return True


class BoundedTextField(models.TextField):
    """A TextField whose `max_length` `full_clean()` checks too, as a CharField's.

    Django checks a TextField's `max_length` only in the form it makes for it; an import
    validates models, not forms.
    """

    @cached_property
    def validators(self) -> list:
        found = super().validators
        if self.max_length is not None:
            found = [*found, MaxLengthValidator(self.max_length)]
        return found
