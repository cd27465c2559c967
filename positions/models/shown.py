"""A text as a page shows it: its original or a translation, and what the page may say
about which (positions.reading.texts decides which is shown)."""

import functools
from dataclasses import dataclass

from positions.models.translation import Translation
from positions.text.languages import language_in_words


@dataclass(frozen=True)
class Shown:
    """A text as the page shows it."""

    text: str
    language: str
    # The translation shown, when one is.
    translation: Translation | None = None
    # The language the reader asked for, when the text has no translation into it and
    # its original is shown instead.
    missing: str = ""
    # Whether the page says that this is a translation, with a link to the original
    # (the default mode, where the reader did not ask for one).
    labelled: bool = False

    @functools.cached_property
    def out_of_date(self) -> bool:
        return self.translation is not None and not self.translation.is_current

    @property
    def has_label(self) -> bool:
        """Whether the page may say what this text is (partials/text_label.html): a
        page skips the label of the many texts that are what the reader asked for."""
        return bool(self.missing) or self.labelled or self.out_of_date

    @property
    def missing_name(self) -> str:
        return language_in_words(self.missing) if self.missing else ""

    @property
    def language_name(self) -> str:
        return language_in_words(self.language)
