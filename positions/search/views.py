"""The search page: every study's chapters, papers, passages, points and authors."""

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django import forms
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from taggit.models import Tag

from positions.models import Agreement, SearchEntry, Side, Study
from positions.reading.names import translate_page
from positions.search import query as search
from positions.search.syntax import parse
from positions.text.languages import language_in_words, languages_in_words

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

RESULTS_PER_PAGE = 20


class SearchForm(forms.Form):
    """The query and its filters. A filter value it does not know is an error shown on
    the page; the search then runs without it."""

    q = forms.CharField(label=_("Search for"), required=False)
    study = forms.ChoiceField(label=_("Study"), required=False)
    side = forms.ChoiceField(label=_("Side"), required=False)
    chapter = forms.IntegerField(label=_("Chapter"), required=False, min_value=1, max_value=32767)
    language = forms.ChoiceField(label=_("Language of the text"), required=False)
    tag = forms.SlugField(label=_("Tag"), required=False)
    agreement = forms.ChoiceField(label=_("Agreement"), required=False)
    kind = forms.ChoiceField(label=_("Kind of result"), required=False)

    def __init__(self, data, *, studies: list[Study], sides: list[Side]) -> None:
        super().__init__(data)
        # Named in the reader's language (positions.reading.names.translate_page).
        self.offer("study", [(s.slug, s.title_shown.text) for s in studies])
        self.offer(
            "side",
            sorted(
                {(side.slug, side.label_shown.text) for side in sides},
                key=lambda choice: choice[1],
            ),
        )
        # The languages the site's texts are in, by code; named in the reader's language,
        # capitalised as a menu's items are ("Шведский").
        self.languages = sorted(
            {side.language for side in sides} | {study.language for study in studies}
        )
        self.offer(
            "language", [(code, capfirst(language_in_words(code))) for code in self.languages]
        )
        self.offer("agreement", Agreement.choices)
        self.offer("kind", SearchEntry.Kind.choices)

    def offer(self, name: str, choices: Sequence[tuple[str, "StrOrPromise"]]) -> None:
        """Offer `choices` in the menu `name`, after "All"."""
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("All")), *choices]

    def clean_tag(self) -> str:
        """Runs one query when a tag is asked for: a well-formed slug that no tag has
        would otherwise find nothing, silently."""
        tag = self.cleaned_data["tag"]
        if tag and not Tag.objects.filter(slug=tag).exists():
            raise forms.ValidationError(_("No text has this tag."), code="unknown_tag")
        return tag

    def filter_errors(self) -> bool:
        """Whether a filter (not the query) had a value the form refused."""
        return any(name != "q" for name in self.errors)

    def filter_fields(self) -> list[dict]:
        """The filters as the page draws them, with plain markup: Django's widget
        templates would take longer to render than the search takes to run."""
        fields = []
        for name, form_field in self.fields.items():
            if name == "q":
                continue
            value = self.data.get(name, "")
            fields.append(
                {
                    "name": name,
                    "id": f"id_{name}",
                    "label": form_field.label,
                    "value": value,
                    "choices": getattr(form_field, "choices", None),
                    "number": isinstance(form_field, forms.IntegerField),
                    "errors": self.errors.get(name, []),
                }
            )
        return fields

    def filters(self) -> search.Filters:
        # The fields found invalid are left out of cleaned_data: they filter nothing.
        self.is_valid()
        data = self.cleaned_data
        return search.Filters(
            study=data.get("study", ""),
            side=data.get("side", ""),
            chapter=data.get("chapter"),
            language=data.get("language", ""),
            tag=data.get("tag", ""),
            agreement=data.get("agreement", ""),
            kind=data.get("kind", ""),
        )


@require_safe
def search_page(request: HttpRequest) -> HttpResponse:
    """Runs a fixed number of queries: the studies and sides for the filters, their
    names in the reader's language (when they are not in it), whether the tag asked
    for exists (when one is), then the languages in use, the best matches (which count
    them) and the page's results."""
    # What the filters show of them, in no order: the form sorts the sides itself. A
    # study's introduction is read for its title's translation, which follows both.
    studies = list(Study.objects.only("slug", "title", "introduction", "language"))
    sides = list(Side.objects.order_by().only("slug", "label", "language", "study"))
    translate_page(studies=studies, sides=sides)
    form = SearchForm(request.GET, studies=studies, sides=sides)
    form.is_valid()
    query, shortened = search.clean(request.GET.get("q", ""))
    parsed = parse(query)
    page: Page[SearchEntry] | None = None
    results = []
    if parsed.wanted:
        entries = search.search(parsed, request.user, form.filters())
        # Matches has what the paginator uses of a list: count() and slices.
        paginator: Paginator[SearchEntry] = Paginator(entries, RESULTS_PER_PAGE)  # type: ignore[arg-type]
        page = paginator.get_page(request.GET.get("page"))
        results = search.results(list(page.object_list), parsed)
        # Every study and side is in the filters, with its name shown: the results' own
        # copies of them take it from there.
        studies_by_id = {study.pk: study for study in studies}
        sides_by_id = {side.pk: side for side in sides}
        for result in results:
            entry = result.entry
            if entry.study is not None:
                entry.study.title_shown = studies_by_id[entry.study.pk].title_shown
            if entry.side is not None:
                entry.side.label_shown = sides_by_id[entry.side.pk].label_shown
    filter_fields = form.filter_fields()
    context = {
        "form": form,
        "filter_fields": filter_fields,
        "languages": languages_in_words(form.languages),
        # Shown open when a filter is set or wrong.
        "filters_open": any(field["value"] or field["errors"] for field in filter_fields),
        "query": query,
        # Words only left out (-word), none asked for: the page asks for one.
        "only_excluded": bool(parsed.alternatives) and not parsed.wanted,
        "searched": bool(parsed.wanted),
        "shortened": shortened,
        # Django refuses a NUL in any field: for the query, the page says what was
        # wrong with it, not that a filter was.
        "control_characters": search.has_control_characters(request.GET.get("q", "")),
        "filter_errors": form.filter_errors(),
        "max_query": search.MAX_QUERY,
        "page": page,
        "results": results,
        "full_text": search.full_text(),
        "count_limit": search.COUNT_LIMIT,
    }
    return render(request, "positions/search/search.html", context)
