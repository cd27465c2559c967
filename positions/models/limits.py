"""How long the texts people type may be, in characters.

The forms, the model's `full_clean()` (which imports run) and the Markdown renderer's
benchmark (`bench/texts.py`) all use these figures. They are far above what the texts
need (a long paper of 20,000 English words is about 130,000 characters) and low enough
that rendering and comparing a text at its limit takes a fraction of a second.
"""

from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.functional import cached_property

PAPER_BODY = 200_000
ABSTRACT = 10_000
INTRODUCTION = 50_000
SUMMARY = 20_000
STANCE = 10_000
BIOGRAPHY = 5_000
COMMENT = 5_000


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
