"""The words the recent changes describe each change with, as HTML: the data's words
(titles, questions, names) marked with their language where it is not the page's, and
the sides' and tags' names in the reader's language (positions.reading.names), written once the
page has read them."""

from collections.abc import Callable
from typing import Any

from django.utils.functional import lazy
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from positions.models import Side, Study, tag_language
from positions.models.shown import Shown
from positions.templatetags.names import name as marked
from positions.text.languages import language_in_words


def side_label(side: Side) -> str:
    shown = getattr(side, "label_shown", None)
    return shown.text if shown else side.label


def side_label_html(side: Side, study: Study) -> SafeString:
    return marked(getattr(side, "label_shown", None) or Shown(side.label, study.language))


def tag_name_html(tag: Any) -> SafeString:
    return marked(getattr(tag, "name_shown", None) or Shown(tag.name, tag_language()))


def html(message: str, **values: str) -> SafeString:
    """A translated `message` with %(name)s placeholders, escaped, with `values` put in:
    HTML as it is, other text escaped."""
    return mark_safe(escape(message) % {key: conditional_escape(v) for key, v in values.items()})


def with_language_name(what: SafeString, language: str) -> SafeString:
    """`what`, a translation's name, followed by the name of its language."""
    return html(
        # Translators: a translation's name and the name of its language.
        gettext("%(what)s (%(language)s)"),
        what=what,
        language=language_in_words(language),
    )


def written_later[Text: str](describe: Callable[[], Text]) -> Text:
    """`describe()`, called when the text is written (a page names its sides and tags
    after it has read which it shows)."""
    return lazy(describe, SafeString)()
