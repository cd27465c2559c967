"""Translations of names: a study's title and introduction, a side's label, an
institute's name and abbreviation, a tag's name; in the admin and on the site's
names page (`positions.editing.views_names`)."""

from typing import Any

from django import forms
from django.contrib.admin.widgets import AdminTextareaWidget

from positions.editing.forms.translations import SiteTranslationForm, TranslationForm
from positions.models import (
    InstituteTranslation,
    SideTranslation,
    StudyTranslation,
    TagTranslation,
)

# The admin's inline forms: a language and the translated names.


class StudyTranslationForm(TranslationForm):
    class Meta:
        model = StudyTranslation
        fields = ["language", "title", "introduction"]
        widgets = {"introduction": AdminTextareaWidget(attrs={"rows": 6})}


class SideTranslationForm(TranslationForm):
    class Meta:
        model = SideTranslation
        fields = ["language", "label"]


class InstituteTranslationForm(TranslationForm):
    class Meta:
        model = InstituteTranslation
        fields = ["language", "name", "abbreviation"]


class TagTranslationForm(TranslationForm):
    class Meta:
        model = TagTranslation
        fields = ["language", "name"]


# The site's names page: the language is the page's.


class SiteNameTranslationForm(SiteTranslationForm):
    """A name not translated yet may be left empty: it stays untranslated."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            for name in self._meta.fields or ():
                self.fields[name].required = False

    def is_blank(self) -> bool:
        """A new translation the translator left empty: nothing to save."""
        if self.instance.pk is not None:
            return False
        data = self.cleaned_data
        return not any(str(data.get(name) or "").strip() for name in self._meta.fields or ())

    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean()
        if self.instance.pk is None and not self.is_blank():
            # Begun: then every name it requires is needed, as for a saved one.
            for name in self._meta.fields or ():
                model_field = self._meta.model._meta.get_field(name)
                if not model_field.blank and not str(cleaned_data.get(name) or "").strip():
                    self.add_error(name, forms.Field.default_error_messages["required"])
        return cleaned_data

    def _post_clean(self) -> None:
        if self.is_bound and self.instance.pk is None and self.is_blank():
            return  # nothing to validate: it is not saved
        super()._post_clean()  # type: ignore[misc]  # Django's, not in the stubs


class SiteStudyTranslationForm(SiteNameTranslationForm):
    class Meta:
        model = StudyTranslation
        fields = ["title", "introduction"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 8})}


class SiteSideTranslationForm(SiteNameTranslationForm):
    class Meta:
        model = SideTranslation
        fields = ["label"]


class SiteInstituteTranslationForm(SiteNameTranslationForm):
    class Meta:
        model = InstituteTranslation
        fields = ["name", "abbreviation"]


class SiteTagTranslationForm(SiteNameTranslationForm):
    class Meta:
        model = TagTranslation
        fields = ["name"]
