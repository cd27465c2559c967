"""What changed in an original since its translation was made: the page a stale
translation's label links to, for a paper, a chapter's theme and summary, or a point."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Field, Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from positions.models import Point, Side, Translation
from positions.reading import texts
from positions.reading.names import translate_page
from positions.reading.views import visible_chapter, visible_paper
from positions.text.diffs import WordDiff, word_diff
from positions.text.languages import language_in_words


def field_label(obj: Model, name: str) -> str:
    """The verbose name of one of the object's own fields."""
    model_field = obj._meta.get_field(name)
    assert isinstance(model_field, Field), f"{name} is not a field of its own"
    return str(model_field.verbose_name)


@dataclass
class TextChange:
    """A field of an original as it was when translated, and as it is now."""

    label: str
    diff: WordDiff
    # The day of the version the translation was made from.
    since: datetime.datetime | None


def changes_since_translated(
    translation: Translation, labels: dict[str, str] | None = None
) -> list[TextChange]:
    """What changed in the original's fields since `translation` was made from it;
    runs one query. Fields are named by `labels`, else by their model's verbose name."""
    source = translation.source_revision()
    original = translation.original
    changes = []
    for name in translation.original_fields():
        old = (getattr(source, name, "") or "") if source else ""
        new = getattr(original, name)
        if old != new:
            label = (labels or {}).get(name) or field_label(original, name)
            changes.append(TextChange(str(label), word_diff(old, new), translation.source_date))
    return changes


def _changes_page(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    if not hasattr(context["study"], "title_shown"):
        translate_page(studies=[context["study"]])
    context["language_name"] = language_in_words(context["language"])
    return render(request, "positions/reading/translation_changes.html", context)


@require_safe
def translation_changes(
    request: HttpRequest, study: str, number: int, side: str, language: str
) -> HttpResponse:
    """What changed in a paper since its translation was made, for any reader."""
    paper_obj = visible_paper(request, study, number, side)
    translation = get_object_or_404(paper_obj.translations, language=language)
    translation.paper = paper_obj
    return _changes_page(
        request,
        {
            "study": paper_obj.study,
            "subject": paper_obj.title,
            "subject_url": paper_obj.get_absolute_url(),
            "translation_url": f"{paper_obj.get_absolute_url()}?text={language}",
            "language": language,
            "text_language": paper_obj.text_language,
            "changes": changes_since_translated(translation),
        },
    )


@require_safe
def chapter_translation_changes(
    request: HttpRequest, study: str, number: int, language: str
) -> HttpResponse:
    """What changed in a chapter's theme and summary since their translation."""
    chapter_obj = visible_chapter(request, study, number)
    translation = get_object_or_404(chapter_obj.translations, language=language)
    translation.chapter = chapter_obj
    url = chapter_obj.get_absolute_url()
    return _changes_page(
        request,
        {
            "study": chapter_obj.study,
            "subject": chapter_obj.title,
            "subject_url": f"{url}?text={texts.ORIGINALS}",
            "translation_url": f"{url}?text={language}",
            "language": language,
            "text_language": chapter_obj.study.language,
            "changes": changes_since_translated(translation),
        },
    )


@require_safe
def point_translation_changes(
    request: HttpRequest, study: str, number: int, slug: str, language: str
) -> HttpResponse:
    """What changed in a point's question and stances since their translations."""
    chapter_obj = visible_chapter(request, study, number)
    point = get_object_or_404(chapter_obj.points, slug=slug)
    translations = list(point.translations.filter(language=language))
    if not translations:
        raise Http404("The point has no translation into this language.")
    labels = {"question": str(Point._meta.get_field("question").verbose_name)}
    sides = list(Side.objects.filter(study=chapter_obj.study_id))
    translate_page(studies=[chapter_obj.study], sides=sides)
    for side in sides:
        field = "first_stance" if side.position == Side.Position.FIRST else "second_stance"
        labels[field] = gettext("The stance of %(side)s") % {"side": side.label_shown.text}
    changes = []
    for translation in translations:
        translation.point = point
        changes += changes_since_translated(translation, labels)
    url = chapter_obj.get_absolute_url()
    return _changes_page(
        request,
        {
            "study": chapter_obj.study,
            "subject": point.question,
            "subject_url": f"{url}?text={texts.ORIGINALS}#{point.anchor}",
            "translation_url": f"{url}?text={language}#{point.anchor}",
            "language": language,
            "text_language": chapter_obj.study.language,
            "changes": changes,
        },
    )
