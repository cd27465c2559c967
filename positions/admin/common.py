"""What the admin's pages share: who may change what in a study, saves that never
overwrite someone else's, inlines that follow their parent's rights."""

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

from django.contrib import admin, messages
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from positions import roles
from positions.editing import presence
from positions.editing.forms.fields import TagsField, TagsInput
from positions.editing.versions import EditConflict, save_if_current, set_by
from positions.models import Chapter, Paper, Side, Study

# The admin classes that the mixins below are mixed into, for the type checker; at run
# time they mix into anything.
if TYPE_CHECKING:
    ModelAdminMixin = admin.ModelAdmin
    InlineMixin = admin.options.InlineModelAdmin
else:
    ModelAdminMixin = InlineMixin = object

TAGS_INPUT = {TaggableManager: {"form_class": TagsField, "widget": TagsInput}}


class TagAutocompleteMedia:
    js = ["positions/admin/tag-autocomplete.js"]


def on_site_link(url: str) -> SafeString:
    return format_html('<a href="{}">{}</a>', url, _("View"))


def warn_about_render_problems(request: HttpRequest, paper: Paper) -> None:
    if paper.render_problems:
        messages.warning(
            request,
            _("In “%(title)s”: %(problems)s")
            % {"title": paper.title, "problems": " ".join(paper.render_problems)},
        )


class IdsFirstPaginator(Paginator):
    """Pages of a long list found by their ids first, then read.

    A page far down the list (OFFSET) is sorted past every row before it. Sorted with
    all their columns, and those of the study, chapter and side each row is shown with,
    10,000 papers' rows were sorted on disk (bench/admin_list.py). Here the sort carries
    only the ids; the page's rows are read by id, with what the list selects and
    prefetches: one query more."""

    def page(self, number: Any) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        rows = cast(QuerySet, self.object_list)
        ids = list(rows.values_list("pk", flat=True)[bottom:top])
        by_id = {row.pk: row for row in rows.filter(pk__in=ids).order_by()}
        return Page([by_id[pk] for pk in ids], number, self)


class StudyFilter(admin.RelatedFieldListFilter):
    """The filter by study, offering the studies the person belongs to."""

    def field_choices(self, field: Any, request: HttpRequest, model_admin: Any) -> list:
        studies = Study.objects.order_by("title")
        if not roles.is_superuser(request.user):
            studies = studies.filter(pk__in=roles.study_ids(request.user))
        return [(study.pk, study.title) for study in studies.only("title")]


class WithinStudyFilter(admin.RelatedFieldListFilter):
    """The filter by chapter or by side, shown once a study is chosen and offering its
    chapters or sides alone: every chapter of every study would be a list of thousands
    on a large site, and would name those of studies the person does not belong to."""

    def __init__(self, field, request, params, model, model_admin, field_path) -> None:
        chosen = request.GET.get(f"{model_admin.study_path}__id__exact", "")
        self.study_id = int(chosen) if chosen.isdigit() else None
        super().__init__(field, request, params, model, model_admin, field_path)

    def has_output(self) -> bool:
        return self.study_id is not None and super().has_output()

    def field_choices(self, field: Any, request: HttpRequest, model_admin: Any) -> list:
        if self.study_id is None or not roles.can_read_drafts(request.user, self.study_id):
            return []
        choices = field.related_model.objects.filter(study=self.study_id)
        if field.related_model is Side:
            choices = choices.select_related("institute")
        return [(choice.pk, str(choice)) for choice in choices]


class StudyScopedAdmin(admin.ModelAdmin):
    """The admin of things that belong to a study, as each person's roles allow.

    Everyone sees the studies they belong to; what they may change is asked of
    `positions.roles` (`may_change`). Only chief editors delete.
    """

    # The path from the model to its study, for filtering.
    study_path = "study"

    def study_id_of(self, obj: Any) -> int:
        return obj.study_id

    def may_change(self, request: HttpRequest, obj: Any) -> bool:
        return roles.is_chief_editor(request.user, self.study_id_of(obj))

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = super().get_queryset(request)
        if roles.is_superuser(request.user):
            return queryset
        return queryset.filter(**{f"{self.study_path}__in": roles.study_ids(request.user)})

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if not super().has_view_permission(request, obj):
            return False
        return obj is None or roles.can_read_drafts(request.user, self.study_id_of(obj))

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or self.may_change(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if not super().has_delete_permission(request, obj):
            return False
        return obj is None or roles.is_chief_editor(request.user, self.study_id_of(obj))


def has_conflict(context: dict[str, Any]) -> bool:
    """Whether the admin page in `context` was shown again for an edit conflict: its
    form's or one of its inline forms' (`VersionedForm.conflict`)."""
    forms = []
    if adminform := context.get("adminform"):
        forms.append(adminform.form)
    for inline in context.get("inline_admin_formsets", []):
        forms.extend(inline.formset.forms)
    return any(getattr(form, "conflict", None) for form in forms)


class SavedWithoutConflicts(ModelAdminMixin):
    """A change page whose papers or points are never saved over someone else's save.

    The forms compare the version they were opened at with the one saved now (see
    `positions.editing.forms.versioned.VersionedForm`); the save itself is conditional
    on the version, so a save that races with another is refused too, rolled back, and
    the page is shown again, now with the conflict.
    """

    change_form_template = "admin/positions/versioned_change_form.html"

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        try:
            response = super().changeform_view(request, object_id, form_url, extra_context)
        except EditConflict:
            # Someone saved between this form's check and its save, and everything was
            # rolled back. Once more: the form's check now finds their version.
            response = super().changeform_view(request, object_id, form_url, extra_context)
        if has_conflict(getattr(response, "context_data", None) or {}):
            # As the site's edit pages: scripts and monitoring can tell a refused save.
            response.status_code = 409
        return response


class EditedTogether(SavedWithoutConflicts):
    """The change page of a paper or a point: saved conditionally, with who else edits it."""

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        if change:
            # The version the object was loaded at, which the form checked.
            save_if_current(obj, expected_version=obj.version, setting=set_by(form))
        else:
            super().save_model(request, obj, form, change)

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Any = None,
    ) -> HttpResponse:
        if change and obj is not None and self.has_change_permission(request, obj):
            person = roles.signed_in(request)
            presence.mark_editing(person, obj)
            context["editing_notices"] = presence.notices(person, obj)
            context["presence_url"] = presence.heartbeat_url(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_change(self, request: HttpRequest, obj: Any) -> HttpResponse:
        presence.stop_editing(roles.signed_in(request), obj)
        return super().response_change(request, obj)

    def versioned_fields(self, request: HttpRequest, obj: Any, fields: Sequence[Any]) -> list[Any]:
        """Add the hidden version to `fields` when the person may change `obj`."""
        if obj is not None and self.has_change_permission(request, obj):
            return [*fields, "opened_version"]
        return list(fields)


class ParentScopedInline(InlineMixin):
    """An inline that may change only what its parent's admin may change."""

    def parent_may_change(self, request: HttpRequest, obj: Any) -> bool:
        parent_admin = self.admin_site._registry[self.parent_model]
        if obj is None:
            return parent_admin.has_add_permission(request)
        return parent_admin.has_change_permission(request, obj)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_add_permission(request, obj) and self.parent_may_change(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_change_permission(request, obj) and self.parent_may_change(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_delete_permission(request, obj) and self.parent_may_change(request, obj)


def with_version(
    inline: ParentScopedInline,
    request: HttpRequest,
    chapter: Chapter | None,
    fields: Sequence[Any],
) -> list[Any]:
    """Add the hidden version of each paper or point when the chapter's may be changed."""
    if chapter is not None and inline.parent_may_change(request, chapter):
        return [*fields, "opened_version"]
    return list(fields)
