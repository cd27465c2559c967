"""Papers and points on their own pages, with the workflow's steps as actions."""

from typing import TYPE_CHECKING, Any

from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import smart_split, unescape_string_literal
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from positions import roles
from positions.admin.chapters import POINT_FIELDS
from positions.admin.common import (
    TAGS_INPUT,
    EditedTogether,
    IdsFirstPaginator,
    ParentScopedInline,
    StudyFilter,
    StudyScopedAdmin,
    TagAutocompleteMedia,
    WithinStudyFilter,
    on_site_link,
    warn_about_render_problems,
)
from positions.admin.translations import PointTranslationInline, TranslationInline
from positions.editing.forms.chapters import PaperForm, PointForm
from positions.models import Authorship, Paper, Point, Role
from positions.workflow import publication as workflow

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class AuthorshipInline(ParentScopedInline, admin.TabularInline):
    model = Authorship
    fields = ["author", "order"]
    autocomplete_fields = ["author"]
    extra = 1


class PaperChangeList(ChangeList):
    """The list of papers, read without the texts it does not show: a page of 50
    papers read their bodies, rendered and not, and their studies' introductions."""

    def get_queryset(self, request: HttpRequest, exclude_parameters: Any = None) -> QuerySet:
        return super().get_queryset(request, exclude_parameters).defer(*UNLISTED)


# What the list of papers does not show.
UNLISTED = [
    "abstract",
    "body",
    "body_html",
    "passages",
    "render_problems",
    "study__introduction",
    "study__introduction_html",
    "chapter__summary",
]


@admin.register(Paper)
class PaperAdmin(EditedTogether, StudyScopedAdmin):
    form = PaperForm
    formfield_overrides = TAGS_INPUT
    list_display = ["title", "chapter", "side", "author_names", "status", "published_on", "on_site"]
    list_filter = [
        ("study", StudyFilter),
        ("chapter", WithinStudyFilter),
        ("side", WithinStudyFilter),
        "status",
    ]
    list_select_related = ["study", "chapter", "side__institute"]
    # Searched by `get_search_results`, the authors' names too. Not the abstracts and
    # bodies: the site's search finds their words (by an index), whereas here each
    # search would read every abstract (40 ms a word at 10,000 papers).
    search_fields = ["title"]
    autocomplete_fields = ["chapter"]
    readonly_fields = ["status", "rendering_problems", "preview"]
    inlines = [AuthorshipInline, TranslationInline]
    actions = ["submit", "approve", "return_to_draft"]
    ordering = ["study", "chapter__order", "chapter__number", "side__position"]
    list_per_page = 50
    paginator = IdsFirstPaginator

    class Media(TagAutocompleteMedia):
        js = [*TagAutocompleteMedia.js, "positions/presence.js"]
        css = {"all": ["positions/admin/admin.css"]}

    def get_changelist(self, request: HttpRequest, **kwargs: Any) -> type[ChangeList]:
        return PaperChangeList

    def get_queryset(self, request: HttpRequest) -> QuerySet[Paper]:
        authorships = Authorship.objects.select_related("author")
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("authorships", queryset=authorships))
        )

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Paper], search_term: str
    ) -> tuple[QuerySet[Paper], bool]:
        """Papers whose title or an author's name holds each word searched for (quoted
        words together). The authors are asked through a subquery: a join
        would list a paper once per author, and the DISTINCT that undoes it sorts every
        column of every paper found (seconds at 10,000 papers, bench/admin_list.py)."""
        for word in smart_split(search_term):
            if word[0] in "\"'" and word[-1] == word[0]:
                word = unescape_string_literal(word)
            by_author = Authorship.objects.filter(
                Q(author__name__icontains=word) | Q(author__name_original__icontains=word)
            ).values("paper")
            queryset = queryset.filter(Q(title__icontains=word) | Q(pk__in=by_author))
        return queryset, False

    def may_change(self, request: HttpRequest, paper: Paper) -> bool:
        return roles.can_edit_paper(request.user, paper)

    def has_add_permission(self, request: HttpRequest) -> bool:
        writer = roles.is_superuser(request.user) or roles.writer_study_ids(request.user)
        return super().has_add_permission(request) and bool(writer)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        # A ModelChoiceField, whose queryset the stubs allow to be None.
        field: Any = super().formfield_for_foreignkey(db_field, request, **kwargs)
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
        # The date of record is the chief editor's (`workflow.set_dates` on the site).
        if obj is None or not roles.is_chief_editor(request.user, obj.study_id):
            fields.append("published_on")
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
    def rendering_problems(self, paper: Paper) -> "StrOrPromise":
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
                workflow.move_paper(paper, name, roles.signed_in(request))
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
    list_filter = [("chapter__study", StudyFilter), ("chapter", WithinStudyFilter), "agreement"]
    list_select_related = ["chapter"]
    search_fields = ["question", "first_stance", "second_stance"]
    autocomplete_fields = ["chapter"]
    fields = ["chapter", *POINT_FIELDS]
    inlines = [PointTranslationInline]
    ordering = ["chapter__study", "chapter__order", "chapter__number", "order"]
    list_per_page = 50
    study_path = "chapter__study"

    class Media(TagAutocompleteMedia):
        # point-slug.js fills a new point's slug, as on the chapter's page.
        js = [
            *TagAutocompleteMedia.js,
            "positions/presence.js",
            "admin/js/urlify.js",
            "positions/admin/point-slug.js",
        ]
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

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        # A ModelChoiceField, whose queryset the stubs allow to be None.
        field: Any = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "chapter" and not roles.is_superuser(request.user):
            chief_studies = roles.study_ids(request.user, [Role.CHIEF_EDITOR])
            field.queryset = field.queryset.filter(study__in=chief_studies)
        return field
