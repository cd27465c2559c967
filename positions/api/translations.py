"""The translations in the API's answers, read in one query per answer.

An object is answered with the list of its translations empty: `translations_of`
notes the object and returns that list. Once the whole answer is built,
`with_translations` fills every list it handed out with one query, a UNION ALL over
the translation tables of the kinds the answer holds. So an answer reads its
translations in one query however many objects, and of however many kinds, it holds.

Each kind says in TRANSLATED where its translations are, which of their texts the
query reads and what one of them answers: a study, side, institute, tag or chapter
its texts, whether they are current and when the original was saved (`with_texts`);
a paper only its language (a paper's texts are long: its own endpoint answers them);
a point its parts, stored a row each and answered one entry per language
(`by_language`).
"""

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from django.db import models
from django.db.models import F, Value
from django.http import HttpRequest

from positions.models import (
    ChapterTranslation,
    InstituteTranslation,
    PaperTranslation,
    PointTranslation,
    SideTranslation,
    StudyTranslation,
    TagTranslation,
    Translation,
)
from positions.models.translation import text_digest


class Row(NamedTuple):
    """One translation as the query reads it."""

    language: str
    texts: dict[str, str]  # its kind's fields, by name
    current: bool  # whether the original is still as it was translated from
    translated_from: datetime.datetime | None


def with_texts(translations: list, row: Row) -> None:
    translations.append(
        {
            "language": row.language,
            **row.texts,
            "current": row.current,
            "translated_from": row.translated_from,
        }
    )


def language_only(translations: list, row: Row) -> None:
    translations.append(row.language)


def by_language(translations: list, row: Row) -> None:
    """Answer a point's parts in one language as one entry, with None for the parts
    not translated. The rows come sorted by language, so a language's parts come one
    after another."""
    if not translations or translations[-1]["language"] != row.language:
        parts = dict.fromkeys(PointTranslation.Part.values)
        translations.append({"language": row.language, **parts})
    translations[-1][row.texts["part"]] = row.texts["text"]


@dataclass(frozen=True)
class Translated:
    """Where one kind's translations are, and what one of them answers."""

    model: type[Translation]
    key: str  # the translation's foreign key to its object
    fields: tuple[str, ...] = ()  # the texts read, at most TEXT_COLUMNS
    answer: Callable[[list, Row], None] = with_texts


# A kind with fewer fields reads "" for the rest, so that all make one UNION.
TEXT_COLUMNS = 3
TRANSLATED = {
    "study": Translated(
        StudyTranslation, "study_id", ("title", "introduction", "introduction_html")
    ),
    "side": Translated(SideTranslation, "side_id", ("label",)),
    "institute": Translated(InstituteTranslation, "institute_id", ("name", "abbreviation")),
    "tag": Translated(TagTranslation, "tag_id", ("name",)),
    "chapter": Translated(ChapterTranslation, "chapter_id", ("title", "summary")),
    "paper": Translated(PaperTranslation, "paper_id", answer=language_only),
    "point": Translated(PointTranslation, "point_id", ("part", "text"), answer=by_language),
}


def translations_of(request: HttpRequest, kind: str, pk: int, *texts: str) -> list:
    """The list of translations an object of `kind` answers, filled by
    `with_translations`. `texts` are its original's, in the order its translation
    model gives them: a translation of other texts is not current."""
    wanted = request.__dict__.setdefault("_api_translations", {})
    if (kind, pk) not in wanted:
        wanted[(kind, pk)] = (text_digest(*texts), [])
    return wanted[(kind, pk)][1]


def with_translations[D](request: HttpRequest, data: D) -> D:
    """Return `data` with the translations of every object in it filled in, by language.

    Runs one query (a UNION ALL over the translation tables of the kinds in `data`),
    none when `data` holds no object that can have translations."""
    wanted = request.__dict__.pop("_api_translations", {})
    ids: dict[str, list[int]] = defaultdict(list)
    for kind, pk in wanted:
        ids[kind].append(pk)
    parts = []
    for kind, pks in ids.items():
        translated = TRANSLATED[kind]
        empty = Value("", output_field=models.TextField())
        texts = [F(name) for name in translated.fields]
        parts.append(
            translated.model._default_manager.filter(**{f"{translated.key}__in": pks})
            .order_by()
            .values_list(
                Value(kind, output_field=models.CharField()),
                F(translated.key),
                F("language"),
                *texts,
                *[empty] * (TEXT_COLUMNS - len(texts)),
                F("source_digest"),
                F("source_date"),
            )
        )
    if not parts:
        return data
    rows = parts[0].union(*parts[1:], all=True).order_by() if len(parts) > 1 else parts[0]
    for kind, pk, language, *texts, digest, source_date in sorted(rows, key=lambda r: r[2]):
        translated = TRANSLATED[kind]
        original_digest, translations = wanted[(kind, pk)]
        named = dict(zip(translated.fields, texts, strict=False))
        row = Row(language, named, digest == original_digest, source_date)
        translated.answer(translations, row)
    return data
