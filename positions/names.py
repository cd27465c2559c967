"""The names a page shows, in the reader's language: one query for all of them.

A page calls `translate_names(language, studies=…, sides=…, tags=…)` with the objects
it shows. Each then carries its names as `positions.texts.Shown`:

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
from django.db import models
from django.db.models import F, Value
from django.utils.translation import get_language
from taggit.models import Tag

from positions.models import (
    Institute,
    InstituteTranslation,
    Side,
    SideTranslation,
    Study,
    StudyTranslation,
    TagTranslation,
    tag_language,
)
from positions.models.translation import text_digest
from positions.texts import Shown

# kind → (translation model, foreign key, translated fields); a field the kind lacks is
# read as "" so that the four kinds make one UNION.
KINDS = {
    "study": (StudyTranslation, "study_id", ("title", None)),
    "side": (SideTranslation, "side_id", ("label", None)),
    "institute": (InstituteTranslation, "institute_id", ("name", "abbreviation")),
    "tag": (TagTranslation, "tag_id", ("name", None)),
}


def _field(name: str | None):
    return F(name) if name else Value("", output_field=models.CharField())


def load(language: str, ids: dict[str, list[int]]) -> dict[tuple[str, int], tuple[str, str, str]]:
    """The translations into `language` of the objects `ids` names by kind, keyed by
    (kind, id): (first field, second field, digest of the original they follow)."""
    parts = []
    for kind, wanted in ids.items():
        if not wanted:
            continue
        model, key, (first, second) = KINDS[kind]
        parts.append(
            model.objects.filter(language=language, **{f"{key}__in": wanted})
            .order_by()
            .values_list(
                Value(kind, output_field=models.CharField()),
                F(key),
                _field(first),
                _field(second),
                F("source_digest"),
            )
        )
    if not parts:
        return {}
    rows = parts[0].union(*parts[1:], all=True).order_by() if len(parts) > 1 else parts[0]
    return {(kind, pk): (first, second, digest) for kind, pk, first, second, digest in rows}


def _shown(original: str, original_language: str, language: str, found, index: int, digest):
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
) -> None:
    """Give `studies`, `sides` (and their institutes), `institutes` and `tags` their
    names in `language`, in one query (none when every name is already in it).

    Each side needs its study loaded: a side's study that is not is taken from
    `studies` when it is there, else read with one query per side. A side's institute
    is named only when it is loaded (select_related): a page that shows no institute
    need not read them."""
    studies, sides, tags = list(studies), list(sides), list(tags)
    by_id = {study.pk: study for study in studies}
    for side in sides:
        if not Side.study.is_cached(side) and side.study_id in by_id:
            side.study = by_id[side.study_id]
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


def translate_page(
    *,
    studies: Iterable[Study] = (),
    sides: Iterable[Side] = (),
    tags: Iterable[Tag] | dict[tuple[str, int], list[Tag]] = (),
    institutes: Iterable[Institute] = (),
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
    )
    for tag_list in lists:
        tag_list.sort(key=lambda tag: tag.name_shown.text.lower())
