"""Forms of the admin: a chapter edited in one page with its papers and points.

The chapter page of the admin holds two inline formsets, papers and points. Their
forms get the chapter (`parent`) and the sides of its study from the formset, so that
side choices and stance labels follow the study. On the add page the chapter has no
id yet: the model's `clean()` methods skip the checks that need it, and the forms and
formsets here make those checks against what was posted instead.

Every form of a paper or a point remembers the version it was opened at
(`VersionedForm`), so that a save made from an older version is refused, and the
editor is shown what was saved meanwhile beside what they typed. The site's own edit
pages use `SitePaperForm` and `SitePointForm`.
"""

from collections.abc import Iterable, Sequence
from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminTextareaWidget, AutocompleteSelectMultiple
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Case, Model, QuerySet, Value, When
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.html import escape
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext_lazy as _
from taggit.forms import TagField, TagWidget
from taggit.utils import parse_tags

from positions.editing import ConflictReport, report_conflict, save_form, save_if_current
from positions.models import (
    Author,
    Authorship,
    Chapter,
    ChapterTranslation,
    Paper,
    PaperTranslation,
    Point,
    PointTranslation,
    Side,
    Translation,
)
from positions.models.point import passage_error
from positions.models.tags import tag_name_problem

PASSAGE_FIELDS = {1: "first_passage", 2: "second_passage"}


class TagsInput(TagWidget):
    """The comma-separated tags input, completed by tag-autocomplete.js.

    The script finds the input by its `data-tag-names-url` and asks that address
    for the names of existing tags.
    """

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"class": "vTextField", "autocomplete": "off", **(attrs or {})})

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-tag-names-url"] = reverse("admin:taggit_tag_names")
        return context


class TagsField(TagField):
    """Tags separated by commas only, as the help text says: "missile defense" is one tag.

    taggit splits a list without commas at spaces.
    """

    def clean(self, value: Any) -> list[str]:
        text = forms.CharField.clean(self, value)
        try:
            names = parse_tags(f"{text},")
        except ValueError:
            raise ValidationError(_("Please provide a comma-separated list of tags.")) from None
        problems = [problem for name in names if (problem := tag_name_problem(name))]
        if problems:
            raise ValidationError(problems)
        return names


class AuthorsField(forms.ModelMultipleChoiceField):
    """Authors in the order the editor picked them, which is the order posted."""

    def clean(self, value: Any) -> list[Author]:
        authors = {str(author.pk): author for author in super().clean(value)}
        posted = dict.fromkeys(str(key) for key in value or [])
        return [authors[key] for key in posted if key in authors]

    def has_changed(self, initial: Any, data: Any) -> bool:
        if self.disabled:
            # As the base class: what was posted is ignored, so nothing changed.
            return False
        # The base class compares sets; a new order is a change here.
        before = [str(key) for key in self.prepare_value(initial or [])]
        return before != [str(key) for key in data or []]


def authors_in_order(keys: Iterable[Any]) -> QuerySet[Author]:
    """Return the authors ordered with `keys` first, in that order.

    The autocomplete widget lists the chosen authors in its queryset's order.
    """
    pks = [int(key) for key in keys if str(key).isdigit()]
    if not pks:
        return Author.objects.all()
    position = Case(
        *[When(pk=pk, then=Value(index)) for index, pk in enumerate(pks)],
        default=Value(len(pks)),
    )
    return Author.objects.order_by(position, "name")


def save_authorships(paper: Paper, authors: Sequence[Author]) -> None:
    """Make the paper's authors exactly `authors`, numbered from 1 in that order.

    Runs one query to read the authorships, one to delete, and one per change.
    """
    current = {authorship.author_id: authorship for authorship in paper.authorships.all()}
    wanted = [author.pk for author in authors]
    gone = [pk for pk in current if pk not in wanted]
    if gone:
        paper.authorships.filter(author_id__in=gone).delete()
    for order, author_id in enumerate(wanted, start=1):
        authorship = current.get(author_id)
        if authorship is None:
            Authorship.objects.create(paper=paper, author_id=author_id, order=order)
        elif authorship.order != order:
            authorship.order = order
            authorship.save(update_fields=["order"])


def sides_of(study_id: int | None) -> list[Side]:
    if study_id is None:
        return []
    return list(Side.objects.filter(study_id=study_id).select_related("institute"))


def label_with_study(side: Side) -> str:
    return f"{side.study} — {side}"


def limit_sides(field: forms.ModelChoiceField, sides: Sequence[Side]) -> None:
    """Offer the given sides, or every side named with its study when none are given."""
    # Narrows the field's own choices, which the admin has already limited to the
    # sides the user may write for.
    if sides:
        field.queryset = field.queryset.filter(study_id=sides[0].study_id).select_related(
            "institute"
        )
    else:
        field.queryset = field.queryset.select_related("institute", "study")
        field.label_from_instance = label_with_study


def other_study_error(study: object) -> str:
    # The same words as Paper.clean(), which runs once the chapter exists.
    return _("This side belongs to another study. Choose one of the sides of “%(study)s”.") % {
        "study": study
    }


class ChapterForm(forms.ModelForm):
    class Meta:
        model = Chapter
        fields = ["study", "number", "title", "summary", "order", "tags"]

    def clean_study(self) -> Any:
        study = self.cleaned_data["study"]
        chapter = self.instance
        if chapter.pk and study.pk != chapter.study_id and chapter.papers.exists():
            raise ValidationError(
                _(
                    "This chapter has papers by the sides of “%(study)s”, so it cannot "
                    "move to another study."
                )
                % {"study": chapter.study}
            )
        return study


class VersionField(forms.IntegerField):
    """The version a form was opened at, posted back in a hidden input."""

    widget = forms.HiddenInput

    def has_changed(self, initial: Any, data: Any) -> bool:
        # Not a change the editor made: a form with nothing else changed is not saved.
        return False


class VersionedForm(forms.ModelForm):
    """A form of a paper or a point that remembers the version it was opened at.

    In the admin (`check_version`), a form whose object someone else saved since it
    was opened is refused when it is cleaned, with `conflict` telling what differs;
    the save itself (`positions.editing`) refuses a save that races with another.
    The site's pages instead save with the posted version and call
    `record_conflict` when the save is refused.
    """

    opened_version = VersionField(required=False, min_value=1)
    check_version = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.conflict: ConflictReport | None = None
        if self.instance.pk is not None:
            self.fields["opened_version"].initial = self.instance.version

    def typed_changes(self) -> bool:
        """Whether the editor changed anything, compared with the object as it is saved now."""
        return bool(set(self.changed_data) - {"message"})

    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean()
        opened = cleaned_data.get("opened_version")
        instance = self.instance
        # Before _post_clean() the instance is the object as it is saved now. A form
        # posted without the version (a script) is saved as the version it finds.
        if (
            self.check_version
            and instance.pk is not None
            and opened is not None
            and opened != instance.version
            and self.typed_changes()
        ):
            self.record_conflict(instance)
            advice = _(
                "Nothing was saved. What you typed is kept in the form; the differences "
                "from the version saved now are shown on this page. Merge them and save again."
            )
            self.add_error(None, f"{self.conflict.notice} {advice}")
        return cleaned_data

    def record_conflict(self, current: Model) -> None:
        """Tell the editor that `current` was saved meanwhile; the next save starts from it."""
        self.conflict = report_conflict(self, current)
        self.data = self.data.copy()
        self.data[self.add_prefix("opened_version")] = str(current.version)

    def _update_errors(self, errors: ValidationError) -> None:
        # The model's clean() may name a field that this form does not offer (a side
        # editor's form has no agreement field; the site's paper form no side): such
        # messages are shown above the form rather than failing.
        if hasattr(errors, "error_dict"):
            placed: dict[str, list[ValidationError]] = {}
            for name, messages in errors.error_dict.items():
                key = name if name in self.fields else NON_FIELD_ERRORS
                placed.setdefault(key, []).extend(messages)
            errors = ValidationError(placed)
        super()._update_errors(errors)


class PaperForm(VersionedForm):
    """A paper on its own admin page; its authors are edited in an inline there."""

    class Meta:
        model = Paper
        fields = ["chapter", "side", "title", "language", "abstract", "body", "tags"]
        widgets = {
            "abstract": AdminTextareaWidget(attrs={"rows": 3}),
            "body": AdminTextareaWidget(attrs={"rows": 20}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "side" in self.fields:
            limit_sides(self.fields["side"], sides_of(self.instance.study_id))
        keep_in_place(self)


def keep_in_place(form: forms.ModelForm) -> None:
    """Past the draft, a paper's chapter and side are not the form's to change: what is
    posted for them is ignored (`Paper.is_moving`)."""
    paper = form.instance
    if paper.pk is not None and paper.status != Paper.Status.DRAFT:
        for name in ("chapter", "side"):
            if name in form.fields:
                form.fields[name].disabled = True


class ChapterChildFormSet(BaseInlineFormSet):
    """Give each form the chapter and the sides of the chapter's study.

    Saves each changed paper or point as the version its form checked (see
    `VersionedForm`), refusing the save if someone saved it in between.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Read now: the chapter form may put another study on the instance later.
        self.sides = sides_of(self.instance.study_id) if self.instance.pk else []

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {**super().get_form_kwargs(index), "parent": self.instance, "sides": self.sides}

    def save_existing(self, form: forms.ModelForm, obj: Model, commit: bool = True) -> Model:
        if not commit:
            return super().save_existing(form, obj, commit=commit)
        return save_form(form, expected_version=obj.version)


class ChapterChildForm(forms.ModelForm):
    """A form of the chapter's inlines: it knows the chapter and its study's sides.

    Outside the chapter page (the point's own admin page) both are empty.
    """

    def __init__(
        self,
        *args: Any,
        parent: Chapter | None = None,
        sides: Sequence[Side] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.parent = parent
        self.sides = sides


class PaperInlineForm(VersionedForm, ChapterChildForm):
    authors = AuthorsField(
        queryset=Author.objects.all(),
        required=False,
        label=capfirst(Paper._meta.get_field("authors").verbose_name),
        help_text=_("Type part of a name. Pick the authors in the order they are credited."),
        widget=AutocompleteSelectMultiple(Paper._meta.get_field("authors"), admin.site),
    )

    class Meta:
        model = Paper
        fields = ["side", "title", "language", "abstract", "body", "tags"]
        widgets = {
            "abstract": AdminTextareaWidget(attrs={"rows": 3}),
            "body": AdminTextareaWidget(attrs={"rows": 20}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        sides = self.sides
        if "side" in self.fields:
            limit_sides(self.fields["side"], sides)
        if self.instance.pk:
            self.initial.setdefault(
                "authors", [authorship.author_id for authorship in self.instance.authorships.all()]
            )
        if self.is_bound:
            chosen = self.data.getlist(self.add_prefix("authors"))
        else:
            chosen = self.initial.get("authors", [])
        self.fields["authors"].queryset = authors_in_order(chosen)
        keep_in_place(self)
        if self.instance.pk and self.instance.status in SIGNED_OFF:
            # The chapter's page is the chief editor's; these words are the side's now.
            for form_field in self.fields.values():
                form_field.disabled = True
            self.fields["title"].help_text = _(
                "Approved by its side: only the %(side)s side's editors change it now. "
                "Return it to draft to change it here."
            ) % {"side": escape(self.instance.side.label)}

    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean()
        parent, side = self.parent, cleaned_data.get("side")
        # Paper.clean() compares the studies only once the chapter has an id.
        if parent is not None and parent.pk is None and parent.study_id and side:
            if side.study_id != parent.study_id:
                self.add_error("side", other_study_error(parent.study))
        return cleaned_data

    def _save_m2m(self) -> None:
        # Both form.save() and formset.save(commit=False) + save_m2m() come here.
        super()._save_m2m()
        if "authors" in self.cleaned_data:
            save_authorships(self.instance, self.cleaned_data["authors"])


# Statuses in which a paper's words are its side's alone (see positions.workflow).
SIGNED_OFF = (Paper.Status.APPROVED, Paper.Status.PUBLISHED)


class PaperInlineFormSet(ChapterChildFormSet):
    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        # A published paper is deleted only after its chapter is unpublished.
        if (
            form.instance.pk
            and form.instance.status == Paper.Status.PUBLISHED
            and "DELETE" in form.fields
        ):
            form.fields["DELETE"].disabled = True

    def papers_to_save(self) -> dict[int, Paper] | None:
        """Return the papers this formset would save, by side position.

        Renders each paper's Markdown to know its passages. Return None when a paper
        form has errors: its passages are unknown until it is corrected.
        """
        papers: dict[int, Paper] = {}
        for form in self.forms:
            if self.can_delete and self._should_delete_form(form):
                continue
            if not form.is_valid():
                return None
            paper = form.instance
            if paper.side_id is None:
                continue  # an extra form left empty
            paper.render()
            papers[paper.side.position] = paper
        return papers


class PointForm(VersionedForm, ChapterChildForm):
    """A point, with its stance and passage fields named after the study's sides."""

    class Meta:
        model = Point
        fields = [
            "chapter",
            "question",
            "slug",
            "agreement",
            "first_stance",
            "second_stance",
            "first_passage",
            "second_passage",
            "order",
            "tags",
        ]
        widgets = {
            "first_stance": AdminTextareaWidget(attrs={"rows": 3}),
            "second_stance": AdminTextareaWidget(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        sides = self.sides
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = _(
                "The point's permalink on the chapter page. Left empty, it is made "
                "from the question."
            )
        if not sides and self.parent is None and self.instance.chapter_id:
            sides = list(
                Side.objects.filter(study__chapters=self.instance.chapter_id).select_related(
                    "institute"
                )
            )
        for side in sides:
            prefix = "first" if side.position == Side.Position.FIRST else "second"
            if f"{prefix}_stance" in self.fields:
                self.fields[f"{prefix}_stance"].label = _("%(side)s stance") % {"side": side}
            if f"{prefix}_passage" in self.fields:
                passage = self.fields[f"{prefix}_passage"]
                passage.label = _("%(side)s passage") % {"side": side}
                passage.help_text = _(
                    "Where the paper of %(side)s says it: p3 for its third paragraph, "
                    "or a heading's id."
                ) % {"side": escape(side.label)}

    def clean_first_passage(self) -> str:
        return self.cleaned_data["first_passage"].strip().lstrip("#")

    def clean_second_passage(self) -> str:
        return self.cleaned_data["second_passage"].strip().lstrip("#")

    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean()
        question = cleaned_data.get("question")
        if "slug" in self.fields and not cleaned_data.get("slug") and question:
            slug = slugify(question)[: Point._meta.get_field("slug").max_length].strip("-")
            if slug:
                cleaned_data["slug"] = slug
            else:
                self.add_error("slug", _("No slug could be made from the question: type one."))
        return cleaned_data


class PointInlineFormSet(ChapterChildFormSet):
    # Set by ChapterAdmin: on the add page the points' passages are checked against
    # the papers posted with them, as Point.clean() can only look in the database.
    paper_formset: PaperInlineFormSet | None = None

    def clean(self) -> None:
        super().clean()
        if self.instance.pk is not None or self.paper_formset is None:
            return
        papers = self.paper_formset.papers_to_save()
        if papers is None:
            return
        for form in self.forms:
            if not form.has_changed() or (self.can_delete and self._should_delete_form(form)):
                continue
            for position, field in PASSAGE_FIELDS.items():
                passage = form.cleaned_data.get(field)
                if not passage:
                    continue
                message = passage_error(passage, papers.get(position))
                if message:
                    form.add_error(field, message)


# The site's edit pages (positions.views_editing)

STANCE_FIELDS = {1: ("first_stance", "first_passage"), 2: ("second_stance", "second_passage")}


def change_message_field() -> forms.CharField:
    return forms.CharField(
        label=_("What did you change?"),
        required=False,
        # The length of the history's change reason.
        max_length=100,
        help_text=_("Optional. Kept in the history with this change."),
    )


class SitePaperForm(VersionedForm):
    """A paper's text on the site. Its authors are edited in the admin."""

    tags = TagsField(
        label=capfirst(_("tags")),
        required=False,
        help_text=_("Separated by commas."),
        widget=TagWidget(attrs={"autocomplete": "off"}),
    )
    message = change_message_field()
    check_version = False

    class Meta:
        model = Paper
        fields = ["title", "language", "abstract", "body", "tags"]
        widgets = {
            "abstract": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 24, "spellcheck": "true"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # An edit page always posts the version it was opened at.
        self.fields["opened_version"].required = self.instance.pk is not None


class SitePointForm(PointForm):
    """A point on the site: the chief editor changes all of it, a side editor their
    side's stance and passage only (the other fields are not in the form, so posting
    them changes nothing).
    """

    tags = TagsField(
        label=capfirst(_("tags")),
        required=False,
        help_text=_("Separated by commas."),
        widget=TagWidget(attrs={"autocomplete": "off"}),
    )
    message = change_message_field()
    check_version = False

    class Meta(PointForm.Meta):
        fields = [
            "question",
            "slug",
            "agreement",
            "first_stance",
            "first_passage",
            "second_stance",
            "second_passage",
            "order",
            "tags",
        ]
        widgets = {
            "first_stance": forms.Textarea(attrs={"rows": 4}),
            "second_stance": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, stance_positions: set[int], whole: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["opened_version"].required = True
        if not whole:
            keep = {"opened_version", "message"}
            for position in stance_positions:
                keep.update(STANCE_FIELDS[position])
            for name in list(self.fields):
                if name not in keep:
                    del self.fields[name]


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
            self.fields["part"].choices = [
                (value, label) for value, label in PointTranslation.Part.choices if value in parts
            ]


class TranslationFormSet(BaseInlineFormSet):
    """Saves each translation as the version its form checked, naming who translated it
    and, when ticked or new, the revision of the original it follows."""

    user = None

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
            save_if_current(translation, expected_version=obj.version)
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
    it was opened at (`positions.views_editing`)."""

    follows_original = follows_original_field()
    check_version = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["opened_version"].required = self.instance.pk is not None
        for name in self._meta.fields:
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
