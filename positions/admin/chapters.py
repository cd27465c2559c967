"""A chapter written in one page, with its papers, its points and its translations."""

from typing import TYPE_CHECKING, Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from positions import roles
from positions.admin.common import (
    TAGS_INPUT,
    ParentScopedInline,
    SavedWithoutConflicts,
    StudyFilter,
    StudyScopedAdmin,
    TagAutocompleteMedia,
    on_site_link,
    warn_about_render_problems,
    with_version,
)
from positions.admin.translations import ChapterTranslationInline
from positions.editing.forms.chapters import (
    ChapterForm,
    PaperInlineForm,
    PaperInlineFormSet,
    PointForm,
    PointInlineFormSet,
)
from positions.models import Chapter, Paper, Point, Role, Study
from positions.workflow import publication as workflow

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def studies_for_new_chapters(request: HttpRequest) -> QuerySet[Study]:
    """Return the studies the person may add chapters in: those they are chief editor of."""
    if roles.is_superuser(request.user):
        return Study.objects.all()
    return Study.objects.filter(pk__in=roles.study_ids(request.user, [Role.CHIEF_EDITOR]))


class PaperInline(ParentScopedInline, admin.StackedInline):
    model = Paper
    form = PaperInlineForm
    formset = PaperInlineFormSet
    formfield_overrides = TAGS_INPUT
    extra = 2
    max_num = 2
    show_change_link = True
    # Changed by the workflow's steps only: the actions of the papers' list.
    readonly_fields = ["status"]

    # `authors` is the form's own field, saved by save_authorships(): the model's
    # field, which has a through model, must not be saved as well.
    exclude = ["authors"]

    class Media:
        # Shows in each paper's side menu only the sides of the study chosen.
        js = ["positions/admin/chapter-sides.js"]

    def get_fields(self, request: HttpRequest, obj: Chapter | None = None) -> list[Any]:
        # Listed here rather than in `fields`, where the admin's checks refuse a
        # many-to-many field with a through model.
        fields = [
            "side",
            "title",
            "language",
            "authors",
            "status",
            "published_on",
            "abstract",
            "body",
            "tags",
        ]
        return with_version(self, request, obj, fields)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Paper]:
        return super().get_queryset(request).select_related("side").prefetch_related("authorships")

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        # A ModelChoiceField, whose queryset the stubs allow to be None.
        field: Any = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "side":
            # Those of the chapter's study only (PaperInlineForm); on a new chapter,
            # which may be in any of these studies, those of each.
            field.queryset = field.queryset.filter(study__in=studies_for_new_chapters(request))
        return field


# A point's fields, on the chapter's page and on its own.
POINT_FIELDS: list[Any] = [
    ("question", "slug"),
    "agreement",
    "first_stance",
    "first_passage",
    "second_stance",
    "second_passage",
    ("order", "tags"),
]


class PointInline(ParentScopedInline, admin.StackedInline):
    model = Point
    form = PointForm
    formset = PointInlineFormSet
    formfield_overrides = TAGS_INPUT
    fields = POINT_FIELDS

    class Media:
        # Fills a new point's slug from its question, in place of Django's
        # prepopulated_fields (see the script for why).
        js = ["admin/js/urlify.js", "positions/admin/point-slug.js"]

    def get_fields(self, request: HttpRequest, obj: Chapter | None = None) -> list[Any]:
        return with_version(self, request, obj, super().get_fields(request, obj))

    def get_extra(self, request: HttpRequest, obj: Chapter | None = None, **kwargs: Any) -> int:
        return 3 if obj is None else 1


@admin.register(Chapter)
class ChapterAdmin(SavedWithoutConflicts, StudyScopedAdmin):
    form = ChapterForm
    formfield_overrides = TAGS_INPUT
    list_display = ["number", "title", "study", "order", "status", "published_on", "on_site"]
    list_display_links = ["number", "title"]
    list_filter = [("study", StudyFilter), "status"]
    list_select_related = ["study"]
    search_fields = ["title", "summary"]
    fields = [
        "study",
        "number",
        "title",
        "summary",
        "order",
        "tags",
        "status",
        "published_on",
        "waiting_for",
    ]
    readonly_fields = ["status", "waiting_for"]
    inlines = [PaperInline, PointInline, ChapterTranslationInline]
    actions = ["publish", "unpublish"]
    ordering = ["study", "order", "number"]
    list_per_page = 50

    class Media(TagAutocompleteMedia):
        css = {"all": ["positions/admin/admin.css"]}

    def has_add_permission(self, request: HttpRequest) -> bool:
        chief_somewhere = roles.is_superuser(request.user) or roles.study_ids(
            request.user, [Role.CHIEF_EDITOR]
        )
        return super().has_add_permission(request) and bool(chief_somewhere)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        # A ModelChoiceField, whose queryset the stubs allow to be None.
        field: Any = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "study":
            field.queryset = field.queryset.filter(pk__in=studies_for_new_chapters(request))
        return field

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        # The study may be given in the address (?study=3); one who may add chapters
        # in one study only is given it, and the papers are offered its sides.
        initial: dict[str, Any] = super().get_changeform_initial_data(request)
        if "study" not in initial:
            studies = list(studies_for_new_chapters(request).values_list("pk", flat=True)[:2])
            if len(studies) == 1:
                initial["study"] = studies[0]
        return initial

    @admin.display(description=_("On the site"))
    def on_site(self, chapter: Chapter) -> SafeString:
        return on_site_link(chapter.get_absolute_url())

    def save_model(self, request: HttpRequest, obj: Chapter, form: ModelForm, change: bool) -> None:
        if change:
            # Published or unpublished since the form was opened: that stands. The
            # lock makes a publication at this very moment wait for this save.
            current = Chapter.objects.select_for_update().values("status", "published_on")
            state = current.get(pk=obj.pk)
            obj.status = state["status"]
            # The date is the chief editor's to set here (`published_on` is in the form),
            # but a date set by a publication meanwhile is not theirs to clear.
            if "published_on" not in form.changed_data or (
                obj.published_on is None and obj.is_published
            ):
                obj.published_on = state["published_on"]
        super().save_model(request, obj, form, change)

    @admin.display(description=_("Before it can be published"))
    def waiting_for(self, chapter: Chapter) -> "StrOrPromise":
        if chapter.pk is None:
            return _("Both sides' papers, each approved by its side.")
        if chapter.is_published:
            return _("Nothing: it is published.")
        papers = chapter.papers.select_related("side")
        missing = workflow.waiting(chapter.study.sides.all(), papers)
        if not missing:
            return _("Nothing: the chief editor can publish it.")
        return format_html(
            "<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((str(m),) for m in missing))
        )

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return roles.is_superuser(request.user) or bool(
            roles.study_ids(request.user, [Role.CHIEF_EDITOR])
        )

    @admin.action(description=_("Publish selected chapters"), permissions=["publish"])
    def publish(self, request: HttpRequest, queryset: QuerySet[Chapter]) -> None:
        self._step(request, queryset, workflow.publish_chapter, _("published"))

    @admin.action(description=_("Unpublish selected chapters"), permissions=["publish"])
    def unpublish(self, request: HttpRequest, queryset: QuerySet[Chapter]) -> None:
        self._step(request, queryset, workflow.unpublish_chapter, _("unpublished"))

    def _step(
        self, request: HttpRequest, queryset: QuerySet[Chapter], step: Any, done: "StrOrPromise"
    ) -> None:
        count = 0
        for chapter in queryset:
            try:
                step(chapter, request.user)
            except workflow.Refused as refused:
                self.message_user(request, f"{chapter}: {refused.message}", messages.WARNING)
                continue
            count += 1
        if count:
            message = ngettext(
                "%(count)d chapter %(done)s.", "%(count)d chapters %(done)s.", count
            ) % {"count": count, "done": done}
            self.message_user(request, message, messages.SUCCESS)

    def _create_formsets(
        self, request: HttpRequest, obj: Chapter, change: bool
    ) -> tuple[list[BaseInlineFormSet], list[admin.options.InlineModelAdmin]]:
        # Django's, not in the stubs.
        formsets, inline_instances = super()._create_formsets(request, obj, change)  # type: ignore[misc]
        # Points may cite passages of papers posted with them: let them see those.
        papers = next((fs for fs in formsets if isinstance(fs, PaperInlineFormSet)), None)
        for formset in formsets:
            if isinstance(formset, PointInlineFormSet):
                formset.paper_formset = papers
        return formsets, inline_instances

    def save_formset(
        self, request: HttpRequest, form: ModelForm, formset: BaseInlineFormSet, change: bool
    ) -> None:
        super().save_formset(request, form, formset, change)
        if isinstance(formset, PaperInlineFormSet):
            saved = formset.new_objects + [paper for paper, _fields in formset.changed_objects]
            for paper in saved:
                warn_about_render_problems(request, paper)
