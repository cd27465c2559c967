"""Studies with their two sides and their team, institutes, authors and tags; a
study's export and import."""

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, QuerySet, When
from django.db.models.functions import Lower
from django.forms import BaseInlineFormSet, BooleanField, FileField, Form, ModelForm
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from taggit.models import Tag

from positions import roles
from positions.admin.common import (
    ParentScopedInline,
    SavedWithoutConflicts,
    StudyScopedAdmin,
    on_site_link,
)
from positions.admin.translations import (
    InstituteTranslationInline,
    SideTranslationInline,
    StudyTranslationInline,
    TagTranslationInline,
)
from positions.exchange.export import export_study
from positions.exchange.importer import Refused, import_limits, import_study, validate_upload
from positions.models import Author, Institute, Membership, Role, Side, Study

# The names the tags' input completes from, at most.
TAG_NAMES_LIMIT = 20


class SideInline(ParentScopedInline, admin.TabularInline):
    model = Side
    fields = ["position", "institute", "label", "language", "slug"]
    min_num = 2
    max_num = 2
    extra = 0
    can_delete = False
    # The side's own page holds the translations of its label.
    show_change_link = True

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
        # A ModelChoiceField, whose queryset the stubs allow to be None.
        field: Any = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "side":
            match = request.resolver_match
            assert match is not None  # a page of the admin's
            # None on the page that adds a study, which has no sides yet.
            study_id: Any = match.kwargs.get("object_id")
            field.queryset = Side.objects.filter(study_id=study_id).select_related("institute")
        if db_field.name == "user":
            field.queryset = field.queryset.filter(is_active=True).order_by("username")
        return field


@admin.register(Study)
class StudyAdmin(SavedWithoutConflicts, StudyScopedAdmin):
    list_display = ["title", "period", "slug", "on_site"]
    search_fields = ["title", "introduction"]
    prepopulated_fields = {"slug": ["title"]}
    fields = [
        "title",
        "slug",
        "period",
        "published_on",
        "dates_precision",
        "language",
        "introduction",
        "demonstration",
        "notice",
    ]
    inlines = [SideInline, StudyTranslationInline, MembershipInline]
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
                    upload,
                    replace=form.cleaned_data["replace"],
                    user=roles.signed_in(request),
                    reason=reason,
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


@admin.register(Side)
class SideAdmin(SavedWithoutConflicts, StudyScopedAdmin):
    """A side's page: where its label is translated. The sides themselves are added
    and changed on their study's page, two to a study."""

    list_display = ["label", "study", "institute", "language"]
    list_select_related = ["study", "institute"]
    fields = ["study", "position", "institute", "label", "language", "slug"]
    readonly_fields = ["study", "position"]
    inlines = [SideTranslationInline]
    ordering = ["study__title", "position"]
    list_per_page = 50

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Side | None = None) -> bool:
        # A side goes with its study (its delete page asks this), never on its own:
        # not from the side's pages.
        match = request.resolver_match
        if match is not None and (match.url_name or "").startswith("positions_side_"):
            return False
        return super().has_delete_permission(request, obj)


@admin.register(Institute)
class InstituteAdmin(SavedWithoutConflicts, admin.ModelAdmin):
    list_display = ["name", "abbreviation", "country"]
    search_fields = ["name", "abbreviation", "country"]
    inlines = [InstituteTranslationInline]
    ordering = ["name"]
    list_per_page = 50


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "family_name", "name_original", "institute"]
    list_filter = ["institute"]
    list_select_related = ["institute"]
    search_fields = ["name", "name_original"]
    prepopulated_fields = {"slug": ["name"]}
    # Each family name right under its name: citations need it (positions.reading.citations).
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
class TagAdmin(SavedWithoutConflicts, admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TagTranslationInline]
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
