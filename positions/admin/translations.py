"""Translations as inlines of the pages of what they translate (a paper, a chapter, a
point; a study, a side, an institute, a tag), changed by whoever may change that."""

from typing import Any, cast

from django.contrib import admin
from django.forms import BaseInlineFormSet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from positions import roles
from positions.admin.common import ParentScopedInline
from positions.editing.forms.names import (
    InstituteTranslationForm,
    SideTranslationForm,
    StudyTranslationForm,
    TagTranslationForm,
)
from positions.editing.forms.translations import (
    ChapterTranslationForm,
    PointTranslationForm,
    PointTranslationFormSet,
    TranslationForm,
    TranslationFormSet,
)
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


class TranslationInline(ParentScopedInline, admin.StackedInline):
    """The paper's translations: changed by whoever may change the paper (its side's
    editors; the chief editor while it is a draft or in review)."""

    model: type[Translation] = PaperTranslation
    form = TranslationForm
    formset = TranslationFormSet
    extra = 0
    fields = ["language", "title", "abstract", "body", "provenance", "follows_original"]
    readonly_fields = ["provenance"]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> list[Any]:
        fields = list(self.fields)
        if obj is not None and self.parent_may_change(request, obj):
            fields.append("opened_version")
        return fields

    def get_formset(
        self, request: HttpRequest, obj: Any = None, **kwargs: Any
    ) -> type[BaseInlineFormSet]:
        formset = cast(type[TranslationFormSet], super().get_formset(request, obj, **kwargs))
        # Each saved translation names who made it.
        formset.user = roles.signed_in(request)
        return formset

    @admin.display(description=_("Translated from"))
    def provenance(self, translation: Translation) -> str:
        if translation.pk is None or translation.source_date is None:
            return "—"
        when = date_format(timezone.localtime(translation.source_date), "DATETIME_FORMAT")
        who = translation.translator.get_username() if translation.translator else "—"
        if translation.is_current:
            return _("the version of %(date)s, by %(name)s: up to date") % {
                "date": when,
                "name": who,
            }
        return _("the version of %(date)s, by %(name)s: the original has changed since") % {
            "date": when,
            "name": who,
        }


class ChapterTranslationInline(TranslationInline):
    """The chapter's theme and summary in other languages: the chief editor's."""

    model = ChapterTranslation
    form = ChapterTranslationForm
    fields = ["language", "title", "summary", "provenance", "follows_original"]


class PointTranslationInline(TranslationInline):
    """A point's question and stances in other languages: the question is the chief
    editor's to translate, each stance its side's editors' (and the chief editor's)."""

    model = PointTranslation
    form = PointTranslationForm
    formset = PointTranslationFormSet
    fields = ["language", "part", "text", "provenance", "follows_original"]

    def get_formset(
        self, request: HttpRequest, obj: Any = None, **kwargs: Any
    ) -> type[BaseInlineFormSet]:
        formset = cast(type[PointTranslationFormSet], super().get_formset(request, obj, **kwargs))
        formset.parts = (
            roles.translatable_parts(request.user, obj.chapter.study_id) if obj else set()
        )
        return formset


# Names: each translated where its original is changed, by whoever may change it.


class StudyTranslationInline(TranslationInline):
    """The study's title and introduction in other languages: the chief editor's."""

    model = StudyTranslation
    form = StudyTranslationForm
    fields = ["language", "title", "introduction", "provenance", "follows_original"]


class SideTranslationInline(TranslationInline):
    """A side's label in other languages, on the side's own page (the sides are
    themselves an inline of the study's, and inlines do not nest)."""

    model = SideTranslation
    form = SideTranslationForm
    fields = ["language", "label", "provenance", "follows_original"]


class InstituteTranslationInline(TranslationInline):
    model = InstituteTranslation
    form = InstituteTranslationForm
    fields = ["language", "name", "abbreviation", "provenance", "follows_original"]


class TagTranslationInline(TranslationInline):
    model = TagTranslation
    form = TagTranslationForm
    fields = ["language", "name", "provenance", "follows_original"]
