"""Which words a page shows of each text: the original, or a translation, labelled.

A chapter page shows its texts in one of several modes:

- by default (`DEFAULT`), each paper in its own language (each side speaks in its own
  words) and the joint texts (the theme, the summary, the points) in the reader's
  language where a current translation exists, labelled as a translation; any other
  joint text as written, without a label (nothing was asked for);
- each side in its original language, everything as written (`ORIGINALS`);
- everything in one language. There a text without a translation into it falls back
  to its original, and says so; a translation made from an earlier version of its
  original says that too.

Where the reader's language is the one the joint texts are written in, the default is
the originals mode itself.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import FilteredRelation, Q, QuerySet
from django.http import HttpRequest, HttpResponse

from positions.models import (
    Chapter,
    ChapterTranslation,
    Paper,
    PaperTranslation,
    Point,
    PointTranslation,
    Side,
    Study,
    Translation,
)
from positions.models.shown import Shown
from positions.text.languages import language_in_words, language_name

DEFAULT = "default"
ORIGINALS = "original"
# The reader's last choice of mode, remembered for a year.
COOKIE = "columns"
COOKIE_AGE = 365 * 24 * 60 * 60


@dataclass(frozen=True)
class Mode:
    value: str
    label: str
    # The language the papers are shown in; "" for each paper's original.
    language: str
    # The language the joint texts (theme, summary, points) are shown in; "" for as
    # written. The same as `language` but in the default mode.
    joint_language: str = ""
    # Whether joint texts without a current translation are shown as written without
    # a label, and translated ones are labelled (the default mode).
    quiet: bool = False

    @property
    def in_words(self) -> str:
        return language_in_words(self.language) if self.language else ""


def modes(study: Study, sides: list[Side], reader_language: str) -> list[Mode]:
    """The modes a chapter of `study` offers: the default where the reader's language
    is not the joint texts' own, originals, then each language of the interface and of
    the study's texts. The first is the one shown when the reader chose none."""
    from django.utils.translation import gettext

    languages = [code for code, _name in settings.LANGUAGES]
    for code in [study.language, *(side.language for side in sides)]:
        if code not in languages:
            languages.append(code)
    offered = [Mode(ORIGINALS, gettext("Each side in its own language"), "")] + [
        Mode(code, language_name(code), code, joint_language=code) for code in languages
    ]
    if reader_language != study.language:
        # One sentence per interface language, which names that language in its own
        # grammar: "the rest in English", "その他は日本語", "остальное по-русски".
        label = gettext("Papers as written, the rest in English")
        offered.insert(0, Mode(DEFAULT, label, "", joint_language=reader_language, quiet=True))
    return offered


def chosen_mode(request: HttpRequest, offered: list[Mode]) -> tuple[Mode, bool]:
    """Return the mode the reader asked for (`?text=`), else the one they chose last,
    else the first offered (the default); and whether the choice is new and should be
    remembered."""
    by_value = {mode.value: mode for mode in offered}
    asked = request.GET.get("text", "")
    if asked in by_value:
        return by_value[asked], request.COOKIES.get(COOKIE) != asked
    return by_value.get(request.COOKIES.get(COOKIE, ""), offered[0]), False


def remembered_address(request: HttpRequest, offered: list[Mode]) -> str:
    """The address of the page in the mode the reader chose last, when the address
    names none and that mode is not the first offered; else "".

    A page's content then depends on its address alone, so that it can be cached by
    address (positions.web.page_cache) and by a CDN."""
    if "text" in request.GET:
        return ""
    remembered = request.COOKIES.get(COOKIE, "")
    values = [mode.value for mode in offered]
    if remembered not in values or remembered == values[0]:
        return ""
    query = request.GET.copy()
    query["text"] = remembered
    return f"{request.path}?{query.urlencode()}"


def remember_mode(response: HttpResponse, mode: Mode) -> None:
    response.set_cookie(
        COOKIE,
        mode.value,
        max_age=COOKIE_AGE,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
    )


def shown(
    original: str,
    original_language: str,
    language: str,
    translation: Translation | None = None,
    field: str = "text",
    *,
    quiet: bool = False,
) -> Shown:
    """Show `original` (in `original_language`) in `language`: its translation's
    `field` when it has one, else the original labelled as untranslated. An empty
    original stays empty, with no label: there is nothing to translate.

    `quiet` (the default mode) shows only a current translation, labelled as one, and
    otherwise the original without a label."""
    if not language or language == original_language or not original:
        return Shown(original, original_language)
    if translation is not None and getattr(translation, field):
        if quiet and not translation.is_current:
            return Shown(original, original_language)
        return Shown(getattr(translation, field), language, translation, labelled=quiet)
    if quiet:
        return Shown(original, original_language)
    return Shown(original, original_language, missing=language)


# The names under which `with_translations` joins each paper's and point's translation.
PAPER_JOIN = "translation_joined"
POINT_JOINS = {part: f"{part}_translation_joined" for part in PointTranslation.Part.values}


def papers_with_translations(papers: QuerySet[Paper], language: str) -> QuerySet[Paper]:
    """`papers`, each with its translation into `language` (and its translator) read
    in the same query, by a LEFT JOIN: for `ChapterTexts.load`."""
    if not language:
        return papers
    joined = FilteredRelation("translations", condition=Q(translations__language=language))
    return papers.annotate(**{PAPER_JOIN: joined}).select_related(f"{PAPER_JOIN}__translator")


def joined_markdown(language: str) -> list[str]:
    """The Markdown of the translation `papers_with_translations` joins, for `defer`."""
    return [f"{PAPER_JOIN}__body"] if language else []


def points_with_translations(points: QuerySet[Point], language: str) -> QuerySet[Point]:
    """`points`, each with the translations of its question and stances into `language`
    read in the same query, by one LEFT JOIN per part: for `ChapterTexts.load`."""
    if not language:
        return points
    joins = {
        name: FilteredRelation(
            "translations",
            condition=Q(translations__language=language, translations__part=part),
        )
        for part, name in POINT_JOINS.items()
    }
    return points.annotate(**joins).select_related(*joins)


@dataclass
class ChapterTexts:
    """The translations a chapter page shows in one language."""

    chapter: ChapterTranslation | None
    papers: dict[int, PaperTranslation]
    # (point id, part) → translation
    points: dict[tuple[int, str], PointTranslation]

    @property
    def any(self) -> bool:
        """Whether anything in the chapter is translated into the language."""
        return bool(self.chapter or self.papers or self.points)

    @classmethod
    def load(
        cls,
        chapter: Chapter,
        papers: list[Paper],
        points: list[Point],
        language: str,
        joint_language: str | None = None,
    ) -> "ChapterTexts":
        """The papers' translations into `language`, the joint texts' into
        `joint_language` (by default the same).

        The papers and points must have been read with their translations joined
        (`papers_with_translations(…, language)`, `points_with_translations(…, joint)`,
        where `joint` is "" when it is the study's own language); the chapter's own
        translation is read with one query."""
        joint = language if joint_language is None else joint_language
        written_in = chapter.study.language
        chapter_translation = None
        if joint and joint != written_in:
            chapter_translation = chapter.translations.filter(language=joint).first()
            if chapter_translation is not None:
                chapter_translation.chapter = chapter
        paper_translations = {}
        for paper in papers:
            translation = getattr(paper, PAPER_JOIN, None)
            if translation is not None and language and paper.text_language != language:
                translation.paper = paper
                paper_translations[paper.pk] = translation
        point_translations = {}
        for point in points:
            for part, name in POINT_JOINS.items():
                translation = getattr(point, name, None)
                if translation is not None and joint and joint != written_in:
                    translation.point = point
                    point_translations[(point.pk, part)] = translation
        return cls(
            chapter=chapter_translation, papers=paper_translations, points=point_translations
        )
