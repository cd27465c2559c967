"""Forms of the admin: a chapter edited in one page with its papers and points.

The chapter page of the admin holds two inline formsets, papers and points. Their
forms get the chapter (`parent`) and the sides of its study from the formset, so that
side choices and stance labels follow the study. On the add page the chapter has no
id yet: the model's `clean()` methods skip the checks that need it, and the forms and
formsets here make those checks against what was posted instead.
"""

from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminTextareaWidget, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.forms.models import BaseInlineFormSet
from django.http import QueryDict
from django.utils.html import escape
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext_lazy as _

from positions.editing.forms.fields import (
    AuthorsField,
    SideSelect,
    authors_in_order,
    limit_sides,
    offer_sides_by_study,
    other_study_error,
    save_authorships,
    sides_of,
)
from positions.editing.forms.versioned import VersionedForm
from positions.editing.versions import save_form
from positions.models import (
    Author,
    Chapter,
    Paper,
    Point,
    Side,
    Study,
)
from positions.models.point import passage_error

PASSAGE_FIELDS = {1: "first_passage", 2: "second_passage"}


class ChapterForm(forms.ModelForm):
    class Meta:
        model = Chapter
        fields = ["study", "number", "title", "summary", "order", "tags", "published_on"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None and "study" in self.fields:
            # The admin makes the papers' and points' formsets with this instance,
            # before it validates a posted form: given the study now (the one posted,
            # or the initial one), they offer its sides.
            study = self.given_study()
            if study is not None:
                self.instance.study = study

    def given_study(self) -> Study | None:
        """Return the study posted or given as initial, if it is one of the choices.

        Runs one query.
        """
        try:
            return self.fields["study"].clean(self["study"].value())
        except ValidationError:
            return None

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


class PaperForm(VersionedForm):
    """A paper on its own admin page; its authors are edited in an inline there."""

    class Meta:
        model = Paper
        fields = [
            "chapter",
            "side",
            "title",
            "language",
            "published_on",
            "abstract",
            "body",
            "tags",
        ]
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
        # Read now: the chapter form may put another study on the instance later. A
        # new chapter has the study it was given, if any (ChapterForm).
        self.sides = sides_of(self.instance.study_id)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {**super().get_form_kwargs(index), "parent": self.instance, "sides": self.sides}

    def save_existing(self, form: forms.ModelForm, obj: Model, commit: bool = True) -> Model:
        if not commit:
            return super().save_existing(form, obj, commit=commit)
        return save_form(form, expected_version=cast(Paper | Point, obj).version)


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
        fields = ["side", "title", "language", "published_on", "abstract", "body", "tags"]
        widgets = {
            "side": SideSelect,
            "abstract": AdminTextareaWidget(attrs={"rows": 3}),
            "body": AdminTextareaWidget(attrs={"rows": 20}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        sides = self.sides
        if "side" in self.fields:
            if self.parent is not None and self.parent.pk is None:
                # A new chapter may still change study on the page: its papers get
                # the sides of every study it may be in, those of its study shown.
                offer_sides_by_study(self.fields["side"], self.parent.study_id)
            else:
                limit_sides(self.fields["side"], sides)
        if self.instance.pk:
            self.initial.setdefault(
                "authors", [authorship.author_id for authorship in self.instance.authorships.all()]
            )
        if self.is_bound:
            chosen = cast(QueryDict, self.data).getlist(self.add_prefix("authors"))
        else:
            chosen = self.initial.get("authors", [])
        cast(AuthorsField, self.fields["authors"]).queryset = authors_in_order(chosen)
        keep_in_place(self)
        if self.instance.pk and self.instance.status in SIGNED_OFF:
            # The chapter's page is the chief editor's; these words are the side's now.
            # The date of record stays the chief editor's (`workflow.set_dates`).
            for name, form_field in self.fields.items():
                form_field.disabled = name != "published_on"
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
        super()._save_m2m()  # type: ignore[misc]  # Django's, not in the stubs
        if "authors" in self.cleaned_data:
            save_authorships(self.instance, self.cleaned_data["authors"])


# Statuses in which a paper's words are its side's alone (see positions.workflow.publication).
SIGNED_OFF = (Paper.Status.APPROVED, Paper.Status.PUBLISHED)


class PaperInlineFormSet(ChapterChildFormSet):
    def add_fields(self, form: forms.ModelForm, index: int | None) -> None:
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
            # Django's, not in the stubs.
            if self.can_delete and self._should_delete_form(form):  # type: ignore[attr-defined]
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
        widgets: dict[str, forms.Widget] = {
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
            if self.instance.pk is None:
                # point-slug.js fills it from the question as it is typed. A saved
                # point's slug is in links already: it is left as it is.
                self.fields["slug"].widget.attrs["data-slug-from"] = "question"
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
            # _should_delete_form: Django's, not in the stubs.
            deleted = self.can_delete and self._should_delete_form(form)  # type: ignore[attr-defined]
            if not form.has_changed() or deleted:
                continue
            for position, field in PASSAGE_FIELDS.items():
                passage = form.cleaned_data.get(field)
                if not passage:
                    continue
                message = passage_error(passage, papers.get(position))
                if message:
                    form.add_error(field, message)
