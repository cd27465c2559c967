"""The editors' admin: a chapter is written in one page, with its papers and points.

Papers are rendered to HTML when they are saved; whatever the sanitizer removed is
shown to the editor as a warning, and stays listed on the paper's own page.
"""

from typing import Any

from django.contrib import admin, messages
from django.db.models import Case, Prefetch, QuerySet, When
from django.db.models.functions import Lower
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest, JsonResponse
from django.urls import URLPattern, path
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET
from taggit.managers import TaggableManager
from taggit.models import Tag

from positions.forms import (
    ChapterForm,
    PaperForm,
    PaperInlineForm,
    PaperInlineFormSet,
    PointForm,
    PointInlineFormSet,
    TagsField,
    TagsInput,
)
from positions.models import Author, Authorship, Chapter, Institute, Paper, Point, Side, Study

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


# Studies, sides, institutes, authors, tags


class SideInline(admin.TabularInline):
    model = Side
    fields = ["position", "institute", "label", "language", "slug"]
    min_num = 2
    max_num = 2
    extra = 0
    can_delete = False

    def get_formset(
        self, request: HttpRequest, obj: Study | None = None, **kwargs: Any
    ) -> type[BaseInlineFormSet]:
        return super().get_formset(request, obj, validate_min=True, validate_max=True, **kwargs)


@admin.register(Study)
class StudyAdmin(admin.ModelAdmin):
    list_display = ["title", "period", "slug", "on_site"]
    search_fields = ["title", "introduction"]
    prepopulated_fields = {"slug": ["title"]}
    fields = ["title", "slug", "period", "introduction"]
    inlines = [SideInline]
    ordering = ["title"]
    list_per_page = 50

    @admin.display(description=_("On the site"))
    def on_site(self, study: Study) -> SafeString:
        return on_site_link(study.get_absolute_url())


@admin.register(Institute)
class InstituteAdmin(admin.ModelAdmin):
    list_display = ["name", "abbreviation", "country"]
    search_fields = ["name", "abbreviation", "country"]
    ordering = ["name"]
    list_per_page = 50


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "name_original", "institute"]
    list_filter = ["institute"]
    list_select_related = ["institute"]
    search_fields = ["name", "name_original"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "name_original", "name_language", "slug", "institute", "biography"]
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
        term = request.GET.get("q", "").strip()
        tags = Tag.objects.all()
        if term:
            tags = tags.filter(name__icontains=term).order_by(
                Case(When(name__istartswith=term, then=0), default=1), Lower("name")
            )
        else:
            tags = tags.order_by(Lower("name"))
        return JsonResponse({"names": list(tags.values_list("name", flat=True)[:TAG_NAMES_LIMIT])})


# Chapters, with their papers and points


class PaperInline(admin.StackedInline):
    model = Paper
    form = PaperInlineForm
    formset = PaperInlineFormSet
    formfield_overrides = TAGS_INPUT
    extra = 2
    max_num = 2
    show_change_link = True

    # `authors` is the form's own field, saved by save_authorships(): the model's
    # field, which has a through model, must not be saved as well.
    exclude = ["authors"]

    def get_fields(self, request: HttpRequest, obj: Chapter | None = None) -> list[str]:
        # Listed here rather than in `fields`, where the admin's checks refuse a
        # many-to-many field with a through model.
        return ["side", "title", "authors", "status", "published_on", "abstract", "body", "tags"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Paper]:
        return super().get_queryset(request).select_related("side").prefetch_related("authorships")


class PointInline(admin.StackedInline):
    model = Point
    form = PointForm
    formset = PointInlineFormSet
    formfield_overrides = TAGS_INPUT
    fields = [
        ("question", "slug"),
        "agreement",
        "first_stance",
        "first_passage",
        "second_stance",
        "second_passage",
        ("order", "tags"),
    ]
    prepopulated_fields = {"slug": ["question"]}

    def get_extra(self, request: HttpRequest, obj: Chapter | None = None, **kwargs: Any) -> int:
        return 3 if obj is None else 1


@admin.register(Chapter)
class ChapterAdmin(admin.ModelAdmin):
    form = ChapterForm
    formfield_overrides = TAGS_INPUT
    list_display = ["number", "title", "study", "order", "on_site"]
    list_display_links = ["number", "title"]
    list_filter = ["study"]
    list_select_related = ["study"]
    search_fields = ["title", "summary"]
    fields = ["study", "number", "title", "summary", "order", "tags"]
    inlines = [PaperInline, PointInline]
    ordering = ["study", "order", "number"]
    list_per_page = 50
    Media = TagAutocompleteMedia

    @admin.display(description=_("On the site"))
    def on_site(self, chapter: Chapter) -> SafeString:
        return on_site_link(chapter.get_absolute_url())

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


class AuthorshipInline(admin.TabularInline):
    model = Authorship
    fields = ["author", "order"]
    autocomplete_fields = ["author"]
    extra = 1


@admin.register(Paper)
class PaperAdmin(admin.ModelAdmin):
    form = PaperForm
    formfield_overrides = TAGS_INPUT
    list_display = ["title", "chapter", "side", "author_names", "status", "published_on", "on_site"]
    list_filter = ["study", "chapter", "side", "status"]
    list_select_related = ["study", "chapter", "side__institute"]
    search_fields = ["title", "abstract", "body", "authors__name", "authors__name_original"]
    autocomplete_fields = ["chapter"]
    readonly_fields = ["rendering_problems", "preview"]
    inlines = [AuthorshipInline]
    actions = ["publish", "return_to_draft"]
    ordering = ["study", "chapter__order", "chapter__number", "side__position"]
    list_per_page = 50

    class Media(TagAutocompleteMedia):
        css = {"all": ["positions/admin/admin.css"]}

    def get_queryset(self, request: HttpRequest) -> QuerySet[Paper]:
        authorships = Authorship.objects.select_related("author")
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("authorships", queryset=authorships))
        )

    def get_fieldsets(self, request: HttpRequest, obj: Paper | None = None) -> list[Any]:
        paper = [
            "chapter",
            "side",
            "title",
            "status",
            "published_on",
            "abstract",
            "body",
            "tags",
        ]
        fieldsets: list[Any] = [(None, {"fields": paper})]
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
        super().save_model(request, obj, form, change)
        warn_about_render_problems(request, obj)

    @admin.action(description=_("Publish selected papers"), permissions=["change"])
    def publish(self, request: HttpRequest, queryset: QuerySet[Paper]) -> None:
        count = self._set_status(queryset, Paper.Status.PUBLISHED)
        message = ngettext(
            "%(count)d paper was published.", "%(count)d papers were published.", count
        )
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Return selected papers to draft"), permissions=["change"])
    def return_to_draft(self, request: HttpRequest, queryset: QuerySet[Paper]) -> None:
        count = self._set_status(queryset, Paper.Status.DRAFT)
        message = ngettext(
            "%(count)d paper was returned to draft.",
            "%(count)d papers were returned to draft.",
            count,
        )
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    def _set_status(self, queryset: QuerySet[Paper], status: str) -> int:
        """Save each paper whose status changes, so it gets a date and fresh HTML.

        Runs one query to read and one or two to save each paper.
        """
        count = 0
        for paper in queryset.exclude(status=status).select_related("chapter", "side"):
            paper.status = status
            paper.save()
            count += 1
        return count


@admin.register(Point)
class PointAdmin(admin.ModelAdmin):
    form = PointForm
    formfield_overrides = TAGS_INPUT
    list_display = ["question", "chapter", "agreement", "order"]
    list_filter = ["chapter__study", "chapter", "agreement"]
    list_select_related = ["chapter"]
    search_fields = ["question", "first_stance", "second_stance"]
    autocomplete_fields = ["chapter"]
    prepopulated_fields = {"slug": ["question"]}
    fields = [
        "chapter",
        ("question", "slug"),
        "agreement",
        "first_stance",
        "first_passage",
        "second_stance",
        "second_passage",
        ("order", "tags"),
    ]
    ordering = ["chapter__study", "chapter__order", "chapter__number", "order"]
    list_per_page = 50
    Media = TagAutocompleteMedia
