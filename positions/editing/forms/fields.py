"""Fields and helpers the forms share: tags typed with commas, authors in their order,
the sides a paper may be written for."""

from collections.abc import Iterable, Sequence
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Case, QuerySet, Value, When
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from taggit.forms import TagField, TagWidget
from taggit.utils import parse_tags

from positions.models import (
    Author,
    Authorship,
    Paper,
    Side,
)
from positions.models.tags import tag_name_problem


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

    # A list rather than the base class's QuerySet: it keeps the order posted.
    def clean(self, value: Any) -> list[Author]:  # type: ignore[override]
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


class SideSelect(forms.Select):
    """A menu of sides, each option naming its study in `data-study`.

    A new chapter's papers are offered the sides of every study the chapter may be in;
    chapter-sides.js shows those of the study chosen on the page. When the study is
    known to the server already, `study_id` hides the others from the start.
    """

    study_id: int | None = None

    def create_option(
        self,
        name: str,
        value: Any,
        label: Any,
        selected: bool,
        index: int,
        subindex: int | None = None,
        attrs: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        side = getattr(value, "instance", None)  # None for the empty choice
        if side is not None:
            option["attrs"]["data-study"] = side.study_id
            if self.study_id is not None and side.study_id != self.study_id:
                # Disabled as well: browsers that show hidden options cannot pick it.
                option["attrs"].update(hidden=True, disabled=True)
        return option


def offer_sides_by_study(field: forms.Field, study_id: int | None) -> None:
    """Offer the field's sides named with their study, showing those of `study_id` only
    (or all when it is None, for chapter-sides.js to choose).

    Every side stays a valid choice for the field: the form refuses one of another study
    with its own message. The field's widget is a SideSelect, which the admin wraps in
    its RelatedFieldWidgetWrapper.
    """
    limit_sides(field, [])
    # The SideSelect, or the admin's wrapper around it.
    select = cast(SideSelect, getattr(field.widget, "widget", field.widget))
    select.study_id = study_id


def limit_sides(field: forms.Field, sides: Sequence[Side]) -> None:
    """Offer the given sides, or every side named with its study when none are given."""
    assert isinstance(field, forms.ModelChoiceField)
    # Narrows the field's own choices, which the admin has already limited to the
    # sides the user may write for.
    queryset = cast(QuerySet[Side], field.queryset)
    if sides:
        field.queryset = queryset.filter(study_id=sides[0].study_id).select_related("institute")
    else:
        field.queryset = queryset.select_related("institute", "study")
        # The field's own, in place of its class's method.
        field.label_from_instance = label_with_study  # type: ignore[method-assign,assignment]


def other_study_error(study: object) -> str:
    # The same words as Paper.clean(), which runs once the chapter exists.
    return _("This side belongs to another study. Choose one of the sides of “%(study)s”.") % {
        "study": study
    }


def change_message_field() -> forms.CharField:
    return forms.CharField(
        label=_("What did you change?"),
        required=False,
        # The length of the history's change reason.
        max_length=100,
        help_text=_("Optional. Kept in the history with this change."),
    )
