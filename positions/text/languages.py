"""Languages by their codes: which codes are well formed, and their names, in
themselves (for a menu) and in the reader's language (in a sentence)."""

import functools
from collections.abc import Iterable

from babel import Locale, UnknownLocaleError
from babel.lists import format_list
from django.conf import settings
from django.core.validators import RegexValidator
from django.utils.translation import get_language, get_language_info, to_locale
from django.utils.translation import gettext_lazy as _

language_code = RegexValidator(
    r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$",
    _("Use a language code such as “ja”, “ru” or “en-GB”."),
)


# Bounded: the codes come from the texts' languages, a few dozen at most, but a cache
# that grows with whatever it is asked never should.
@functools.lru_cache(maxsize=1024)
def babel_locale(code: str) -> Locale | None:
    """Babel's locale for a language code ("ja", "en-GB"), or None if it knows none."""
    try:
        return Locale.parse(to_locale(code))
    except (ValueError, UnknownLocaleError):
        return None


@functools.lru_cache(maxsize=1024)
def language_name(code: str) -> str:
    """The name of a language in itself, as a menu item (English, 日本語, Svenska), or
    its code if neither Django nor Babel knows it."""
    try:
        # Django's table has its codes in lower case: "en-gb", "zh-hans".
        name = get_language_info(code.lower())["name_local"]
    except KeyError:
        locale = babel_locale(code)
        name = locale.get_display_name() if locale is not None else None
    if not name:
        return code
    # Some names are in lower case, as they are written in a sentence (svenska).
    return name[:1].upper() + name[1:]


def language_in_words(code: str) -> str:
    """The name of a language in the reader's language, as it is written in the middle
    of a sentence (Japanese, японский, 日本語), or its code if Babel knows none."""
    return _language_in(code, get_language() or settings.LANGUAGE_CODE)


@functools.lru_cache(maxsize=1024)
def _language_in(code: str, reader_language: str) -> str:
    # CLDR's names, which Babel has, are in the middle-of-sentence form: Django's own
    # are capitalised for menus in some languages (Russian "Шведский") and name
    # regional forms in others (its Japanese "英語(米国)" for English).
    reader = babel_locale(reader_language)
    if reader is None:
        return code
    # CLDR names some regional forms itself ("British English"); others are named as
    # a language with its region: "ポルトガル語 (ブラジル)".
    if name := reader.languages.get(to_locale(code)):
        return name
    locale = babel_locale(code)
    return (locale.get_display_name(reader) if locale is not None else None) or code


def languages_in_words(codes: Iterable[str]) -> str:
    """Languages' names in the reader's language, as a list in its grammar: "English,
    Japanese, and Swedish", "английский, японский и шведский", "英語、日本語"."""
    reader = get_language() or settings.LANGUAGE_CODE
    return format_list(
        [language_in_words(code) for code in codes], locale=babel_locale(reader) or "en"
    )
