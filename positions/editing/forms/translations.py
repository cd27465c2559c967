"""Translations of papers, chapters' themes and points, in the admin and on the site."""

from typing import Any, cast

from django import forms
from django.contrib.admin.widgets import AdminTextareaWidget
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from positions.editing.forms.fields import change_message_field
from positions.editing.forms.versioned import VersionedForm
from positions.editing.versions import save_if_current
from positions.models import (
    ChapterTranslation,
    PaperTranslation,
    PointTranslation,
    Translation,
)


def follows_original_field() -> forms.BooleanField:
    return forms.BooleanField(
        label=_("It follows the original as it is now"),
        required=False,
        initial=True,
        help_text=_(
            "Tick when this translation renders the current original. Leave it unticked to "
            "keep it marked as translated from an earlier version."
        ),
    )


class TranslationForm(VersionedForm):
    """A translation of a paper, on the paper's admin page."""

    follows_original = follows_original_field()

    class Meta:
        model = PaperTranslation
        fields = ["language", "title", "abstract", "body"]
        widgets = {
            "abstract": AdminTextareaWidget(attrs={"rows": 3}),
            "body": AdminTextareaWidget(attrs={"rows": 14}),
        }

    def typed_changes(self) -> bool:
        return bool(set(self.changed_data) - {"message", "follows_original"})


class ChapterTranslationForm(TranslationForm):
    """A translation of a chapter's theme and summary, on the chapter's admin page."""

    class Meta:
        model = ChapterTranslation
        fields = ["language", "title", "summary"]
        widgets = {"summary": AdminTextareaWidget(attrs={"rows": 3})}


class PointTranslationForm(TranslationForm):
    """A translation of one part of a point, on the point's admin page. A part that is
    not the person's to translate is shown but cannot be changed (`parts`)."""

    class Meta:
        model = PointTranslation
        fields = ["language", "part", "text"]
        widgets = {"text": AdminTextareaWidget(attrs={"rows": 3})}

    def __init__(self, *args: Any, parts: set[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.parts = parts
        if self.instance.pk is not None and self.instance.part not in parts:
            for field in self.fields.values():
                field.disabled = True
        else:
            part = cast(forms.ChoiceField, self.fields["part"])
            part.choices = [
                (value, label) for value, label in PointTranslation.Part.choices if value in parts
            ]


class TranslationFormSet(BaseInlineFormSet):
    """Saves each translation as the version its form checked, naming who translated it
    and, when ticked or new, the revision of the original it follows."""

    # Who translates: set by the page or the admin.
    user: "User | None" = None

    def _prepare(self, form: forms.ModelForm) -> Translation:
        translation = form.save(commit=False)
        translation.translator = self.user
        if translation.pk is None or form.cleaned_data.get("follows_original"):
            translation.follow_original()
        return translation

    def save_new(self, form: forms.ModelForm, commit: bool = True) -> Model:
        translation = self._prepare(form)
        if commit:
            translation.save()
        return translation

    def save_existing(self, form: forms.ModelForm, obj: Model, commit: bool = True) -> Model:
        translation = self._prepare(form)
        if commit:
            save_if_current(translation, expected_version=cast(Translation, obj).version)
        return translation


class PointTranslationFormSet(TranslationFormSet):
    """A point's translations: each person changes and deletes only the parts they may
    translate (`parts`: the question for chief editors, a side's stance for its editors)."""

    parts: set[str] = set()

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {**super().get_form_kwargs(index), "parts": self.parts}

    def clean(self) -> None:
        super().clean()
        for form in self.deleted_forms:
            if form.instance.pk is not None and form.instance.part not in self.parts:
                raise ValidationError(
                    _("You may not delete the translation of “%(part)s”.")
                    % {"part": form.instance.get_part_display()}
                )


class SiteTranslationForm(VersionedForm):
    """A translation on the site's translation page, which saves it with the version
    it was opened at (`positions.editing.views`)."""

    follows_original = follows_original_field()
    check_version = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["opened_version"].required = self.instance.pk is not None
        for name in self._meta.fields or ():
            self.fields[name].widget.attrs["lang"] = self.instance.language
        if self.instance.pk is None:
            # A new translation follows the original as it is now.
            del self.fields["follows_original"]

    def typed_changes(self) -> bool:
        return bool(set(self.changed_data) - {"follows_original"})


class SitePaperTranslationForm(SiteTranslationForm):
    class Meta:
        model = PaperTranslation
        fields = ["title", "abstract", "body"]
        widgets = {
            "abstract": forms.Textarea(attrs={"rows": 4}),
            "body": forms.Textarea(attrs={"rows": 24, "spellcheck": "true"}),
        }


class SiteChapterTranslationForm(SiteTranslationForm):
    class Meta:
        model = ChapterTranslation
        fields = ["title", "summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 4})}


class SitePointTranslationForm(SiteTranslationForm):
    """One part of a point: a new part left empty is not translated yet."""

    class Meta:
        model = PointTranslation
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].required = self.instance.pk is not None

    def is_blank(self) -> bool:
        """A new part the translator left empty: nothing to save."""
        return self.instance.pk is None and not (self.cleaned_data.get("text") or "").strip()


class TranslationMessageForm(forms.Form):
    """The change message of a translation page, kept with each translation it saves."""

    message = change_message_field()
