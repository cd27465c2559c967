"""The names page: a study's names translated into one language, on one page.

A study's title and introduction, its sides' labels, their institutes' names and the
tags of its chapters, papers and points, each beside its original. Saved as the
other translation pages save (`positions.editing.views`): each translation with who
made it and the revision of the original it follows, none over someone else's save.
"""

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from taggit.models import Tag

from positions import roles
from positions.editing.forms.names import (
    SiteInstituteTranslationForm,
    SiteNameTranslationForm,
    SiteSideTranslationForm,
    SiteStudyTranslationForm,
    SiteTagTranslationForm,
)
from positions.editing.forms.translations import TranslationMessageForm
from positions.editing.versions import EditConflict, save_if_current
from positions.models import (
    ChapterTag,
    InstituteTranslation,
    PaperTag,
    PointTag,
    Side,
    SideTranslation,
    Study,
    StudyTranslation,
    TagTranslation,
    Translation,
)
from positions.models.names import tag_language
from positions.reading.translation_changes import field_label
from positions.text.languages import language_code, language_in_words


@dataclass
class NameEntry:
    """One original's names and the form of their translation."""

    form: SiteNameTranslationForm
    heading: str
    # What the original says, field by field: (label, text, its HTML when the text
    # is Markdown, as readers see it).
    originals: list[tuple[str, str, str]]
    original_language: str

    @property
    def translation(self) -> Translation | None:
        return self.form.instance if self.form.instance.pk else None


@dataclass
class NameGroup:
    """The entries of one kind of name: the study's, the sides', ..."""

    title: str
    entries: list[NameEntry] = field(default_factory=list)


def _labelled(original: Model, names: list[str]) -> list[tuple[str, str, str]]:
    return [
        (
            field_label(original, name),
            getattr(original, name),
            getattr(original, f"{name}_html", ""),
        )
        for name in names
    ]


def study_tags(study: Study) -> list[Tag]:
    """Return the tags of the study's chapters, papers and points, by name.

    Runs one query.
    """
    used = (
        Q(pk__in=ChapterTag.objects.filter(content_object__study=study).values("tag_id"))
        | Q(pk__in=PaperTag.objects.filter(content_object__study=study).values("tag_id"))
        | Q(pk__in=PointTag.objects.filter(content_object__chapter__study=study).values("tag_id"))
    )
    return list(Tag.objects.filter(used).order_by("name"))


def _name_groups(request: HttpRequest, study: Study, language: str) -> list[NameGroup]:
    """Build a form for each of the study's names not written in `language`.

    Runs five queries: the sides, the tags and the translations of each kind.
    """
    data = request.POST or None
    sides = list(Side.objects.filter(study=study).select_related("institute"))
    for side in sides:
        side.study = study  # the translations' clean() asks it its language
    groups = [
        NameGroup(_("The study")),
        NameGroup(_("The sides")),
        NameGroup(_("The institutes")),
        NameGroup(_("Tags")),
    ]
    if language != study.language:
        study_translation = StudyTranslation.objects.filter(
            study=study, language=language
        ).first() or StudyTranslation(study=study, language=language)
        study_translation.study = study
        groups[0].entries.append(
            NameEntry(
                SiteStudyTranslationForm(data, instance=study_translation, prefix="study"),
                study.title,
                _labelled(study, ["title", "introduction"]),
                study.language,
            )
        )
        saved = {
            t.side_id: t for t in SideTranslation.objects.filter(side__in=sides, language=language)
        }
        for side in sides:
            side_translation = saved.get(side.pk) or SideTranslation(side=side, language=language)
            side_translation.side = side
            side_form = SiteSideTranslationForm(
                data, instance=side_translation, prefix=f"side-{side.pk}"
            )
            groups[1].entries.append(
                NameEntry(side_form, side.label, _labelled(side, ["label"]), study.language)
            )
    institutes = {
        side.institute_id: side.institute for side in sides if side.institute.language != language
    }
    saved_institutes = {
        t.institute_id: t
        for t in InstituteTranslation.objects.filter(institute__in=institutes, language=language)
    }
    for institute in institutes.values():
        institute_translation = saved_institutes.get(institute.pk) or InstituteTranslation(
            institute=institute, language=language
        )
        institute_translation.institute = institute
        institute_form = SiteInstituteTranslationForm(
            data, instance=institute_translation, prefix=f"institute-{institute.pk}"
        )
        groups[2].entries.append(
            NameEntry(
                institute_form,
                institute.name,
                _labelled(institute, ["name", "abbreviation"]),
                institute.language,
            )
        )
    if language != tag_language():
        tags = study_tags(study)
        saved_tags = {
            t.tag_id: t for t in TagTranslation.objects.filter(tag__in=tags, language=language)
        }
        for tag in tags:
            tag_translation = saved_tags.get(tag.pk) or TagTranslation(tag=tag, language=language)
            tag_translation.tag = tag
            tag_form = SiteTagTranslationForm(
                data, instance=tag_translation, prefix=f"tag-{tag.pk}"
            )
            groups[3].entries.append(
                NameEntry(tag_form, tag.name, [("", tag.name, "")], tag_language())
            )
    return [group for group in groups if group.entries]


def _save_names(request: HttpRequest, forms: list[SiteNameTranslationForm], message: str) -> bool:
    """Save the typed translations in one transaction; save none and record the
    conflict on its form when one was saved by someone else meanwhile."""
    try:
        with transaction.atomic():
            for form in forms:
                if form.is_blank() or (form.instance.pk is not None and not form.typed_changes()):
                    continue
                translation = form.save(commit=False)
                translation.translator = request.user
                if translation.pk is None or form.cleaned_data.get("follows_original"):
                    translation.follow_original()
                save_if_current(
                    translation,
                    expected_version=form.cleaned_data["opened_version"] or 1,
                    reason=message,
                )
    except EditConflict as conflict:
        current = conflict.current
        for form in forms:
            if type(form.instance) is type(current) and form.instance.pk == current.pk:
                form.record_conflict(current)
        return False
    except IntegrityError:
        forms[0].add_error(
            None,
            _(
                "Someone else added one of these translations a moment ago. Nothing was "
                "saved: reload the page to see theirs, then add what you typed."
            ),
        )
        return False
    return True


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def translate_names(request: HttpRequest, study: str, language: str) -> HttpResponse:
    """The study's names in `language`: the chief editor's (`roles.can_translate_names`)."""
    study_obj = get_object_or_404(Study, slug=study)
    if not roles.can_translate_names(request.user, study_obj.pk):
        raise PermissionDenied
    try:
        language_code(language)
    except ValidationError:
        raise Http404("Not a language code.") from None
    groups = _name_groups(request, study_obj, language)
    if not groups:
        raise Http404("Every name is written in this language.")
    forms = [entry.form for group in groups for entry in group.entries]
    message_form = TranslationMessageForm(request.POST or None)
    status = 200
    if request.method == "POST":
        valid = message_form.is_valid() and all([form.is_valid() for form in forms])
        if valid and _save_names(request, forms, message_form.cleaned_data["message"]):
            messages.success(request, _("The translations were saved."))
            return redirect(reverse("positions:translate_names", args=[study_obj.slug, language]))
        # Valid but not saved: someone saved or added one of them first.
        status = 409 if valid else 400
    context: dict[str, Any] = {
        "study": study_obj,
        "groups": groups,
        "forms": forms,
        "message_form": message_form,
        "language": language,
        "language_name": language_in_words(language),
    }
    return render(request, "positions/editing/names_edit.html", context, status=status)
