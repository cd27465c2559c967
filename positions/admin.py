"""The editors' admin: a chapter is written in one page, with its papers and points.

Papers are rendered to HTML when they are saved; whatever the sanitizer removed is
shown to the editor as a warning, and stays listed on the paper's own page.

Papers and points are saved through `positions.editing`: a form posted from an older
version than the one saved now is shown again with what was typed, the saved version
and the differences, and nothing is saved. Their change pages say who else has the
same paper or point open (`positions.presence`).
"""

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Prefetch, Q, QuerySet, When
from django.db.models.functions import Lower
from django.forms import BaseInlineFormSet, BooleanField, FileField, Form, ModelForm
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from taggit.managers import TaggableManager
from taggit.models import Tag

from positions import presence, roles, workflow
from positions.editing import EditConflict, save_if_current
from positions.exchange.export import export_study
from positions.exchange.importer import Refused, import_limits, import_study, validate_upload
from positions.forms import (
    ChapterForm,
    ChapterTranslationForm,
    PaperForm,
    PaperInlineForm,
    PaperInlineFormSet,
    PointForm,
    PointInlineFormSet,
    PointTranslationForm,
    PointTranslationFormSet,
    TagsField,
    TagsInput,
    TranslationForm,
    TranslationFormSet,
)
from positions.models import (
    Author,
    Authorship,
    Chapter,
    ChapterTranslation,
    Institute,
    Membership,
    Paper,
    PaperTranslation,
    Point,
    PointTranslation,
    Role,
    Side,
    Study,
    Translation,
)

admin.site.site_header = _("Positions administration")
admin.site.site_title = _("Positions admin")
admin.site.index_title = _("Studies, chapters, papers and points")
admin.site.site_url = "/"

TAGS_INPUT = {TaggableManager: {"form_class": TagsField, "widget": TagsInput}}
TAG_NAMES_LIMIT = 20


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


class SavedWithoutConflicts:
    """A change page whose papers or points are never saved over someone else's save.

    The forms compare the version they were opened at with the one saved now (see
    `positions.forms.VersionedForm`); the save itself is conditional on the version, so
    a save that races with another is refused too, rolled back, and the page is shown
    again, now with the conflict.
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
            return super().changeform_view(request, object_id, form_url, extra_context)
        except EditConflict:
            # Someone saved between this form's check and its save, and everything was
            # rolled back. Once more: the form's check now finds their version.
            return super().changeform_view(request, object_id, form_url, extra_context)


class EditedTogether(SavedWithoutConflicts):
    """The change page of a paper or a point: saved conditionally, with who else edits it."""

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        if change:
            # The version the object was loaded at, which the form checked.
            save_if_current(obj, expected_version=obj.version)
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
            presence.mark_editing(request.user, obj)
            context["editing_notices"] = presence.notices(request.user, obj)
            context["presence_url"] = presence.heartbeat_url(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_change(self, request: HttpRequest, obj: Any) -> HttpResponse:
        presence.stop_editing(request.user, obj)
        return super().response_change(request, obj)

    def versioned_fields(self, request: HttpRequest, obj: Any, fields: list[Any]) -> list[Any]:
        """Add the hidden version to `fields` when the person may change `obj`."""
        if obj is not None and self.has_change_permission(request, obj):
            return [*fields, "opened_version"]
        return fields


class ParentScopedInline:
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


# Studies, sides, institutes, authors, tags


class SideInline(ParentScopedInline, admin.TabularInline):
    model = Side
    fields = ["position", "institute", "label", "language", "slug"]
    min_num = 2
    max_num = 2
    extra = 0
    can_delete = False

    def get_formset(
        self, request: HttpRequest, obj: Study | None = None, **kwargs: Any
    ) -> type[BaseInlineFormSet]:
        # Exactly two sides, checked when the person may change them; for others
        # the inline is read only (and Django gives it a maximum of 0 new forms).
        editable = self.has_add_permission(request, obj) and self.has_change_permission(
            request, obj
        )
        return super().get_formset(
            request, obj, validate_min=editable, validate_max=editable, **kwargs
        )


class MembershipInline(ParentScopedInline, admin.TabularInline):
    model = Membership
    fields = ["user", "role", "side"]
    extra = 0
    verbose_name = _("member of the team")
    verbose_name_plural = _("the team: who may do what in this study")

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "side":
            study_id = request.resolver_match.kwargs.get("object_id")
            field.queryset = Side.objects.filter(study_id=study_id).select_related("institute")
        if db_field.name == "user":
            field.queryset = field.queryset.filter(is_active=True).order_by("username")
        return field


@admin.register(Study)
class StudyAdmin(StudyScopedAdmin):
    list_display = ["title", "period", "slug", "on_site"]
    search_fields = ["title", "introduction"]
    prepopulated_fields = {"slug": ["title"]}
    fields = ["title", "slug", "period", "language", "introduction"]
    inlines = [SideInline, MembershipInline]
    study_path = "pk"

    def study_id_of(self, study: Study) -> int:
        return study.pk

    def has_add_permission(self, request: HttpRequest) -> bool:
        return roles.is_superuser(request.user)

    def save_formset(
        self, request: HttpRequest, form: ModelForm, formset: BaseInlineFormSet, change: bool
    ) -> None:
        super().save_formset(request, form, formset, change)
        if formset.model is Membership:
            # Admin access and groups follow the roles people hold.
            changed = formset.new_objects + [obj for obj, _fields in formset.changed_objects]
            for membership in changed + formset.deleted_objects:
                roles.sync_staff_access(membership.user)

    ordering = ["title"]
    list_per_page = 50

    @admin.display(description=_("On the site"))
    def on_site(self, study: Study) -> SafeString:
        return on_site_link(study.get_absolute_url())

    # Export and import (positions.exchange). A study's chief editor exports it;
    # only superusers import, as an import creates studies, changes the institutes
    # and authors every study shares, and with "replace" deletes what the archive
    # no longer has.

    actions = ["export"]

    def has_export_permission(self, request: HttpRequest) -> bool:
        return roles.is_superuser(request.user) or bool(
            roles.study_ids(request.user, [Role.CHIEF_EDITOR])
        )

    def has_import_permission(self, request: HttpRequest) -> bool:
        return roles.is_superuser(request.user)

    @admin.action(description=_("Export the selected study as an archive"), permissions=["export"])
    def export(self, request: HttpRequest, queryset: QuerySet[Study]) -> HttpResponse | None:
        studies = list(queryset[:2])
        if len(studies) != 1:
            self.message_user(request, _("Choose one study to export."), messages.WARNING)
            return None
        study = studies[0]
        if not roles.is_chief_editor(request.user, study.pk):
            message = gettext("Only the chief editor of “%(study)s” may export it.")
            self.message_user(request, message % {"study": study}, messages.WARNING)
            return None
        response = HttpResponse(export_study(study), content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{study.slug}.zip"'
        return response

    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view(self.import_view)
        return [path("import/", view, name="positions_study_import"), *super().get_urls()]

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        extra_context = {**(extra_context or {}), "may_import": self.has_import_permission(request)}
        return super().changelist_view(request, extra_context)

    def import_view(self, request: HttpRequest) -> HttpResponse:
        """Upload an archive; show every problem, or import it and open the study."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        form = StudyImportForm(request.POST or None, request.FILES or None)
        problems = []
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["archive"]
            reason = gettext("Imported from %(file)s") % {"file": upload.name}
            try:
                imported = import_study(
                    upload, replace=form.cleaned_data["replace"], user=request.user, reason=reason
                )
            except Refused as refused:
                problems = refused.problems
            else:
                for note in imported.notes:
                    self.message_user(request, note, messages.WARNING)
                done = _("Imported “%(study)s”: %(changes)s.") if imported.created else None
                done = done or _("Replaced “%(study)s”: %(changes)s.")
                summary = {"study": imported.study, "changes": imported.summary()}
                self.message_user(request, done % summary, messages.SUCCESS)
                return redirect(reverse("admin:positions_study_change", args=[imported.study.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Import a study"),
            "form": form,
            "problems": problems,
            "limits": import_limits(),
        }
        return TemplateResponse(request, "admin/positions/study/import.html", context)


class StudyImportForm(Form):
    archive = FileField(
        label=_("Archive"),
        help_text=_("A zip made by “Export the selected study as an archive” or export_study."),
        # Django has spooled the upload to a temporary file by now: refused unopened.
        validators=[validate_upload],
    )
    replace = BooleanField(
        label=_("Replace the study with the same slug"),
        required=False,
        help_text=_(
            "Changed texts are saved as new revisions in the history; chapters, papers, "
            "points and translations that the archive no longer has are deleted."
        ),
    )


@admin.register(Institute)
class InstituteAdmin(admin.ModelAdmin):
    list_display = ["name", "abbreviation", "country"]
    search_fields = ["name", "abbreviation", "country"]
    ordering = ["name"]
    list_per_page = 50


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "family_name", "name_original", "institute"]
    list_filter = ["institute"]
    list_select_related = ["institute"]
    search_fields = ["name", "name_original"]
    prepopulated_fields = {"slug": ["name"]}
    # Each family name right under its name: citations need it (positions.citations).
    fields = [
        "name",
        "family_name",
        "name_original",
        "family_name_original",
        "name_language",
        "slug",
        "institute",
        "biography",
    ]
    ordering = ["name"]
    list_per_page = 50


if admin.site.is_registered(Tag):
    admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    ordering = ["name"]
    list_per_page = 100

    def get_urls(self) -> list[URLPattern]:
        names = path(
            "names/",
            self.admin_site.admin_view(require_GET(self.tag_names_view)),
            name="taggit_tag_names",
        )
        return [names, *super().get_urls()]

    def tag_names_view(self, request: HttpRequest) -> JsonResponse:
        """Return the names of up to 20 tags containing ?q=, those starting with it first.

        Any staff member may ask: the names are public on the site anyway.
        """
        # PostgreSQL refuses NUL in text; no tag has one.
        term = request.GET.get("q", "").replace("\x00", "").strip()
        tags = Tag.objects.all()
        if term:
            tags = tags.filter(name__icontains=term).order_by(
                Case(When(name__istartswith=term, then=0), default=1), Lower("name")
            )
        else:
            tags = tags.order_by(Lower("name"))
        return JsonResponse({"names": list(tags.values_list("name", flat=True)[:TAG_NAMES_LIMIT])})


# Chapters, with their papers and points


def with_version(
    inline: ParentScopedInline, request: HttpRequest, chapter: Chapter | None, fields: list[Any]
) -> list[Any]:
    """Add the hidden version of each paper or point when the chapter's may be changed."""
    if chapter is not None and inline.parent_may_change(request, chapter):
        return [*fields, "opened_version"]
    return fields


class TranslationInline(ParentScopedInline, admin.StackedInline):
    """The paper's translations: changed by whoever may change the paper (its side's
    editors; the chief editor while it is a draft or in review)."""

    model = PaperTranslation
    form = TranslationForm
    formset = TranslationFormSet
    extra = 0
    fields = ["language", "title", "abstract", "body", "provenance", "follows_original"]
    readonly_fields = ["provenance"]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        fields = list(self.fields)
        if obj is not None and self.parent_may_change(request, obj):
            fields.append("opened_version")
        return fields

    def get_formset(
        self, request: HttpRequest, obj: Any = None, **kwargs: Any
    ) -> type[BaseInlineFormSet]:
        formset = super().get_formset(request, obj, **kwargs)
        # Each saved translation names who made it.
        formset.user = request.user
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
        formset = super().get_formset(request, obj, **kwargs)
        formset.parts = (
            roles.translatable_parts(request.user, obj.chapter.study_id) if obj else set()
        )
        return formset


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

    def get_fields(self, request: HttpRequest, obj: Chapter | None = None) -> list[str]:
        # Listed here rather than in `fields`, where the admin's checks refuse a
        # many-to-many field with a through model.
        fields = ["side", "title", "language", "authors", "status", "abstract", "body", "tags"]
        return with_version(self, request, obj, fields)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Paper]:
        return super().get_queryset(request).select_related("side").prefetch_related("authorships")


# A point's fields, on the chapter's page and on its own.
POINT_FIELDS = [
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
    prepopulated_fields = {"slug": ["question"]}

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
    list_filter = ["study", "status"]
    list_select_related = ["study"]
    search_fields = ["title", "summary"]
    fields = ["study", "number", "title", "summary", "order", "tags", "status", "waiting_for"]
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
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "study" and not roles.is_superuser(request.user):
            field.queryset = field.queryset.filter(
                pk__in=roles.study_ids(request.user, [Role.CHIEF_EDITOR])
            )
        return field

    @admin.display(description=_("On the site"))
    def on_site(self, chapter: Chapter) -> SafeString:
        return on_site_link(chapter.get_absolute_url())

    def save_model(self, request: HttpRequest, obj: Chapter, form: ModelForm, change: bool) -> None:
        if change:
            # Published or unpublished since the form was opened: that stands. The
            # lock makes a publication at this very moment wait for this save.
            current = Chapter.objects.select_for_update().values("status", "published_on")
            state = current.get(pk=obj.pk)
            obj.status, obj.published_on = state["status"], state["published_on"]
        super().save_model(request, obj, form, change)

    @admin.display(description=_("Before it can be published"))
    def waiting_for(self, chapter: Chapter) -> str:
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
        self, request: HttpRequest, queryset: QuerySet[Chapter], step: Any, done: str
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
        formsets, inline_instances = super()._create_formsets(request, obj, change)
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


# Papers and points on their own


class AuthorshipInline(ParentScopedInline, admin.TabularInline):
    model = Authorship
    fields = ["author", "order"]
    autocomplete_fields = ["author"]
    extra = 1


@admin.register(Paper)
class PaperAdmin(EditedTogether, StudyScopedAdmin):
    form = PaperForm
    formfield_overrides = TAGS_INPUT
    list_display = ["title", "chapter", "side", "author_names", "status", "published_on", "on_site"]
    list_filter = ["study", "chapter", "side", "status"]
    list_select_related = ["study", "chapter", "side__institute"]
    search_fields = ["title", "abstract", "body", "authors__name", "authors__name_original"]
    autocomplete_fields = ["chapter"]
    readonly_fields = ["status", "published_on", "rendering_problems", "preview"]
    inlines = [AuthorshipInline, TranslationInline]
    actions = ["submit", "approve", "return_to_draft"]
    ordering = ["study", "chapter__order", "chapter__number", "side__position"]
    list_per_page = 50

    class Media(TagAutocompleteMedia):
        js = [*TagAutocompleteMedia.js, "positions/presence.js"]
        css = {"all": ["positions/admin/admin.css"]}

    def get_queryset(self, request: HttpRequest) -> QuerySet[Paper]:
        authorships = Authorship.objects.select_related("author")
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("authorships", queryset=authorships))
        )

    def may_change(self, request: HttpRequest, paper: Paper) -> bool:
        return roles.can_edit_paper(request.user, paper)

    def has_add_permission(self, request: HttpRequest) -> bool:
        writer = roles.is_superuser(request.user) or roles.writer_study_ids(request.user)
        return super().has_add_permission(request) and bool(writer)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        user = request.user
        if roles.is_superuser(user):
            return field
        if db_field.name == "chapter":
            field.queryset = field.queryset.filter(study__in=roles.writer_study_ids(user))
        if db_field.name == "side":
            # Chief editors write for both sides of their studies, side editors for theirs.
            allowed = Q(study__in=roles.study_ids(user, [Role.CHIEF_EDITOR]))
            allowed |= Q(editors__user=user, editors__role=Role.SIDE_EDITOR)
            field.queryset = field.queryset.filter(allowed).distinct()
        return field

    def get_readonly_fields(self, request: HttpRequest, obj: Paper | None = None) -> list[str]:
        # Past the draft, a paper stays where its side signed it off (`Paper.is_moving`).
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.status != Paper.Status.DRAFT:
            fields += ["chapter", "side"]
        return fields

    def get_fieldsets(self, request: HttpRequest, obj: Paper | None = None) -> list[Any]:
        paper = [
            "chapter",
            "side",
            "title",
            "language",
            "status",
            "published_on",
            "abstract",
            "body",
            "tags",
        ]
        fieldsets: list[Any] = [(None, {"fields": self.versioned_fields(request, obj, paper)})]
        if obj is not None:
            rendering = {"fields": ["rendering_problems", "preview"]}
            fieldsets.append((_("As readers get it"), rendering))
        return fieldsets

    @admin.display(description=_("authors"))
    def author_names(self, paper: Paper) -> str:
        return ", ".join(author.name for author in paper.author_list())

    @admin.display(description=_("On the site"))
    def on_site(self, paper: Paper) -> SafeString:
        return on_site_link(paper.get_absolute_url())

    @admin.display(description=_("Problems found when rendering"))
    def rendering_problems(self, paper: Paper) -> str:
        if not paper.render_problems:
            return _("None: the text is shown as written.")
        return format_html(
            "<ul>{}</ul>",
            format_html_join("", "<li>{}</li>", ((p,) for p in paper.render_problems)),
        )

    @admin.display(description=_("Preview"))
    def preview(self, paper: Paper) -> SafeString:
        # body_html was sanitized by nh3 when the paper was saved.
        return format_html('<div class="paper-preview">{}</div>', mark_safe(paper.body_html))

    def save_model(self, request: HttpRequest, obj: Paper, form: ModelForm, change: bool) -> None:
        # The form offers only the user's sides; this holds against any request.
        obj.study_id = obj.chapter.study_id
        if not roles.can_edit_paper(request.user, obj):
            raise PermissionDenied
        super().save_model(request, obj, form, change)
        warn_about_render_problems(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Paper | None = None) -> bool:
        if obj is not None and not roles.can_delete_paper(request.user, obj):
            return False
        return super().has_delete_permission(request, obj)

    @admin.action(description=_("Send selected papers for review"), permissions=["workflow"])
    def submit(self, request: HttpRequest, queryset: QuerySet[Paper]) -> None:
        self._move(request, queryset, "submit")

    @admin.action(
        description=_("Approve selected papers for publication"), permissions=["workflow"]
    )
    def approve(self, request: HttpRequest, queryset: QuerySet[Paper]) -> None:
        self._move(request, queryset, "approve")

    @admin.action(description=_("Return selected papers to draft"), permissions=["workflow"])
    def return_to_draft(self, request: HttpRequest, queryset: QuerySet[Paper]) -> None:
        self._move(request, queryset, "return")

    def has_workflow_permission(self, request: HttpRequest) -> bool:
        """Editors move papers on; reviewers only read. Each paper is checked again."""
        return roles.is_superuser(request.user) or bool(roles.writer_study_ids(request.user))

    def _move(self, request: HttpRequest, queryset: QuerySet[Paper], name: str) -> None:
        """Make the workflow's move on each paper; say which moved and why others did not."""
        moved = 0
        for paper in queryset.select_related("chapter", "side"):
            try:
                workflow.move_paper(paper, name, request.user)
            except workflow.Refused as refused:
                self.message_user(request, f"“{paper}”: {refused.message}", messages.WARNING)
                continue
            moved += 1
        if moved:
            message = ngettext(
                "%(count)d paper: %(step)s.", "%(count)d papers: %(step)s.", moved
            ) % {"count": moved, "step": str(workflow.MOVES[name].done).lower()}
            self.message_user(request, message, messages.SUCCESS)


@admin.register(Point)
class PointAdmin(EditedTogether, StudyScopedAdmin):
    form = PointForm
    formfield_overrides = TAGS_INPUT
    list_display = ["question", "chapter", "agreement", "order"]
    list_filter = ["chapter__study", "chapter", "agreement"]
    list_select_related = ["chapter"]
    search_fields = ["question", "first_stance", "second_stance"]
    autocomplete_fields = ["chapter"]
    prepopulated_fields = {"slug": ["question"]}
    fields = ["chapter", *POINT_FIELDS]
    inlines = [PointTranslationInline]
    ordering = ["chapter__study", "chapter__order", "chapter__number", "order"]
    list_per_page = 50
    study_path = "chapter__study"

    class Media(TagAutocompleteMedia):
        js = [*TagAutocompleteMedia.js, "positions/presence.js"]
        css = {"all": ["positions/admin/admin.css"]}

    def get_fields(self, request: HttpRequest, obj: Point | None = None) -> list[Any]:
        return self.versioned_fields(request, obj, super().get_fields(request, obj))

    def study_id_of(self, point: Point) -> int:
        return point.chapter.study_id

    def may_change(self, request: HttpRequest, point: Point) -> bool:
        return bool(roles.editable_stance_positions(request.user, self.study_id_of(point)))

    def has_add_permission(self, request: HttpRequest) -> bool:
        chief_somewhere = roles.is_superuser(request.user) or roles.study_ids(
            request.user, [Role.CHIEF_EDITOR]
        )
        return super().has_add_permission(request) and bool(chief_somewhere)

    def get_readonly_fields(self, request: HttpRequest, obj: Point | None = None) -> list[str]:
        """A side editor changes only their side's stance and passage."""
        if obj is None or roles.is_chief_editor(request.user, self.study_id_of(obj)):
            return []
        positions = roles.editable_stance_positions(request.user, self.study_id_of(obj))
        own = {
            field
            for position, prefix in [(1, "first"), (2, "second")]
            if position in positions
            for field in (f"{prefix}_stance", f"{prefix}_passage")
        }
        every = ["chapter", "question", "slug", "agreement", "first_stance", "first_passage"]
        every += ["second_stance", "second_passage", "order", "tags"]
        return [field for field in every if field not in own]

    def get_prepopulated_fields(
        self, request: HttpRequest, obj: Point | None = None
    ) -> dict[str, list[str]]:
        if "slug" in self.get_readonly_fields(request, obj):
            return {}
        return super().get_prepopulated_fields(request, obj)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "chapter" and not roles.is_superuser(request.user):
            chief_studies = roles.study_ids(request.user, [Role.CHIEF_EDITOR])
            field.queryset = field.queryset.filter(study__in=chief_studies)
        return field
