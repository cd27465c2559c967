"""The names a page shows, in the reader's language: one query for all of them.

A page calls `translate_names(language, studies=…, sides=…, tags=…)` with the objects
it shows. Each then carries its names as `positions.reading.texts.Shown`:

- a study: `title_shown`;
- a side: `label_shown`, and its institute `name_shown` and `abbreviation_shown`;
- a tag: `name_shown`.

A name is shown in `language` when it has a current translation into it, else in its
own language (a translation made from an earlier original is not shown: the name may
have changed). Templates write them with `{% name %}` (templatetags/names.py), which
marks a name with its `lang` when it is not in the page's language.
"""

from collections.abc import Iterable

from django.conf import settings
from django.db import connection
from django.utils.translation import get_language
from taggit.models import Tag

from positions.models import (
    Chapter,
    ChapterTranslation,
    Institute,
    InstituteTranslation,
    Point,
    PointTranslation,
    Side,
    SideTranslation,
    Study,
    StudyTranslation,
    TagTranslation,
    tag_language,
)
from positions.models.shown import Shown
from positions.models.translation import text_digest

# kind → (translation model, foreign key, translated fields, which rows); a field the
# kind lacks is read as "" so that the kinds make one UNION.
KINDS = {
    "study": (StudyTranslation, "study_id", ("title", None), {}),
    "side": (SideTranslation, "side_id", ("label", None), {}),
    "institute": (InstituteTranslation, "institute_id", ("name", "abbreviation"), {}),
    "tag": (TagTranslation, "tag_id", ("name", None), {}),
    # The joint texts that pages other than the chapter's own show of it.
    "chapter": (ChapterTranslation, "chapter_id", ("title", "summary"), {}),
    "question": (PointTranslation, "point_id", ("text", None), {"part": "question"}),
    "first": (PointTranslation, "point_id", ("text", None), {"part": "first"}),
    "second": (PointTranslation, "point_id", ("text", None), {"part": "second"}),
}
# A point's parts: the kind of their translations, and the field each translates.
POINT_PARTS = {"question": "question", "first": "first_stance", "second": "second_stance"}


def load(language: str, ids: dict[str, list[int]]) -> dict[tuple[str, int], tuple[str, str, str]]:
    """The translations into `language` of the objects `ids` names by kind, keyed by
    (kind, id): (first field, second field, digest of the original they follow).

    One query, written in SQL: nearly every page runs it, and the ORM took longer to
    build the UNION than the database to answer it (bench/README.md)."""
    parts: list[str] = []
    params: list[str | int] = []
    for kind, wanted in ids.items():
        if not wanted:
            continue
        model, key, (first, second), rows = KINDS[kind]
        conditions = ["language = %s", f"{key} IN ({', '.join(['%s'] * len(wanted))})"]
        params += [language, *wanted]
        for field, value in rows.items():
            conditions.append(f"{field} = %s")
            params.append(value)
        parts.append(
            f"SELECT '{kind}', {key}, {first}, {second or "''"}, source_digest "
            f"FROM {model._meta.db_table} WHERE {' AND '.join(conditions)}"
        )
    if not parts:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        found = cursor.fetchall()
    return {(kind, pk): (first, second, digest) for kind, pk, first, second, digest in found}


def _shown(
    original: str,
    original_language: str,
    language: str,
    found: tuple[str, str, str] | None,
    index: int,
    digest: str,
) -> Shown:
    if found and found[2] == digest and found[index]:
        return Shown(found[index], language)
    return Shown(original, original_language)


def translate_names(
    language: str,
    *,
    studies: Iterable[Study] = (),
    sides: Iterable[Side] = (),
    tags: Iterable[Tag] = (),
    institutes: Iterable[Institute] = (),
    chapters: Iterable[Chapter] = (),
    points: Iterable[Point] = (),
) -> None:
    """Give `studies`, `sides` (and their institutes), `institutes` and `tags` their
    names in `language`, and `chapters` and `points` their joint texts, in one query
    (none when every name and text is already in it).

    Each side and chapter needs its study loaded, and each point its chapter: one that
    is not is taken from `studies` or `chapters` when it is there, else read with one
    query each. A side's institute is named only when it is loaded (select_related): a
    page that shows no institute need not read them.

    A chapter gets `title_shown` and `summary_shown` (its summary must be loaded), a
    point `question_shown`, `first_shown` and `second_shown`: each in `language` where
    a translation of the original as it now is exists, else as written. The chapter's
    own page labels its translations (positions.reading.texts); other pages show them as they
    show names."""
    studies, sides, tags = list(studies), list(sides), list(tags)
    chapters, points = list(chapters), list(points)
    by_id = {study.pk: study for study in studies}
    for side in sides:
        if not Side.study.is_cached(side) and side.study_id in by_id:
            side.study = by_id[side.study_id]
    for chapter in chapters:
        if not Chapter.study.is_cached(chapter) and chapter.study_id in by_id:
            chapter.study = by_id[chapter.study_id]
    chapters_by_id = {chapter.pk: chapter for chapter in chapters}
    for point in points:
        if not Point.chapter.is_cached(point) and point.chapter_id in chapters_by_id:
            point.chapter = chapters_by_id[point.chapter_id]
    # Every copy of an institute is given its names: pages load one per side or author.
    institutes = [
        *institutes,
        *(side.institute for side in sides if Side.institute.is_cached(side)),
    ]
    wanted = {
        "study": list({study.pk for study in studies if study.language != language}),
        "side": list({side.pk for side in sides if side.study.language != language}),
        "institute": list({inst.pk for inst in institutes if inst.language != language}),
        "tag": list({tag.pk for tag in tags}) if tag_language() != language else [],
        "chapter": list({c.pk for c in chapters if c.study.language != language}),
        **{
            kind: list({p.pk for p in points if p.chapter.study.language != language})
            for kind in POINT_PARTS
        },
    }
    found = load(language, wanted)
    for study in studies:
        got = found.get(("study", study.pk))
        digest = text_digest(study.title, study.introduction)
        study.title_shown = _shown(study.title, study.language, language, got, 0, digest)
    for institute in institutes:
        got = found.get(("institute", institute.pk))
        digest = text_digest(institute.name, institute.abbreviation)
        institute.name_shown = _shown(institute.name, institute.language, language, got, 0, digest)
        institute.abbreviation_shown = _shown(
            institute.abbreviation, institute.language, language, got, 1, digest
        )
    for side in sides:
        got = found.get(("side", side.pk))
        side.label_shown = _shown(
            side.label, side.study.language, language, got, 0, text_digest(side.label)
        )
    for tag in tags:
        got = found.get(("tag", tag.pk))
        tag.name_shown = _shown(tag.name, tag_language(), language, got, 0, text_digest(tag.name))
    for chapter in chapters:
        got = found.get(("chapter", chapter.pk))
        written = chapter.study.language
        digest = text_digest(chapter.title, chapter.summary)
        chapter.title_shown = _shown(chapter.title, written, language, got, 0, digest)
        chapter.summary_shown = _shown(chapter.summary, written, language, got, 1, digest)
    for point in points:
        written = point.chapter.study.language
        for kind, field in POINT_PARTS.items():
            original = getattr(point, field)
            got = found.get((kind, point.pk))
            shown = _shown(original, written, language, got, 0, text_digest(original))
            setattr(point, f"{kind}_shown", shown)


def translate_page(
    *,
    studies: Iterable[Study] = (),
    sides: Iterable[Side] = (),
    tags: Iterable[Tag] | dict[tuple[str, int], list[Tag]] = (),
    institutes: Iterable[Institute] = (),
    chapters: Iterable[Chapter] = (),
    points: Iterable[Point] = (),
) -> None:
    """`translate_names` into the page's language (the active one), in one query.

    `tags` may be what `tags_by_object` returns: its lists are then sorted again by
    the names they show, as they were by their originals."""
    lists = list(tags.values()) if isinstance(tags, dict) else [list(tags)]
    translate_names(
        get_language() or settings.LANGUAGE_CODE,
        studies=studies,
        sides=sides,
        tags=[tag for tag_list in lists for tag in tag_list],
        institutes=institutes,
        chapters=chapters,
        points=points,
    )
    for tag_list in lists:
        tag_list.sort(key=lambda tag: tag.name_shown.text.lower())
