"""Editing papers and points on the site, beside a preview of what readers will get.

The work is done elsewhere: the forms (`positions.editing.forms`), saving without overwriting
anyone (`positions.editing.versions`), rendering (`positions.text.markdown`) and who else is editing
(`positions.editing.presence`). Who may change what is asked of `positions.roles`.
"""

import re
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import slug_re
from django.db import IntegrityError, transaction
from django.db.models import Field
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from positions import roles
from positions.editing import presence
from positions.editing.forms.site import SitePaperForm, SitePointForm
from positions.editing.forms.translations import (
    SiteChapterTranslationForm,
    SitePaperTranslationForm,
    SitePointTranslationForm,
    SiteTranslationForm,
    TranslationMessageForm,
)
from positions.editing.versions import EditConflict, save_form, save_if_current
from positions.models import (
    Chapter,
    ChapterTranslation,
    Paper,
    PaperTranslation,
    Point,
    PointTranslation,
    Side,
    Translation,
    limits,
)
from positions.text.languages import language_code, language_in_words
from positions.text.markdown import Rendering, render_markdown

PREFIX = re.compile(r"^[-a-z0-9]{1,40}$")


def _paper_page(request: HttpRequest, paper: Paper) -> HttpResponse:
    """The edit page of `paper`, saved or new: save, preview, or show a conflict."""
    adding = paper.pk is None
    heading = paper.title
    form = SitePaperForm(request.POST or None, instance=paper)
    preview = Rendering(html=paper.body_html, problems=paper.render_problems)
    status = 200
    # The "Preview" button (pages without scripts) only shows the preview.
    if request.method == "POST" and "preview" not in request.POST:
        if not form.is_valid():
            status = 400
        else:
            try:
                saved = save_form(
                    form,
                    expected_version=form.cleaned_data["opened_version"] or 1,
                    reason=form.cleaned_data["message"],
                )
            except EditConflict as conflict:
                # Nothing saved; the page again with what was typed and the difference.
                form.record_conflict(conflict.current)
                status = 409
            except IntegrityError:
                if not adding:
                    raise
                # One paper per side: someone added this side's paper a moment ago.
                form.add_error(
                    None,
                    _("The %(side)s paper of this chapter was added meanwhile by someone else.")
                    % {"side": paper.side.label},
                )
                status = 409
            else:
                presence.stop_editing(roles.signed_in(request), saved)
                messages.success(request, _("“%(title)s” was saved.") % {"title": saved.title})
                return redirect(saved.get_absolute_url())
    if request.method == "POST":
        # What readers would get from the text as typed, saved or not. Not made before
        # a save that succeeds: the save renders the text too, and a long text's
        # rendering takes a good part of a second.
        typed = (form["body"].value() or "").replace("\r\n", "\n")
        problem = preview_problem(typed)
        if problem:
            preview = Rendering(html="", problems=[problem])
        else:
            preview = render_markdown(typed, prefix=paper.side.slug)
    context: dict[str, Any] = {
        "study": paper.study,
        "chapter": paper.chapter,
        "side": paper.side,
        "paper": paper,
        "adding": adding,
        "heading": heading,
        "form": form,
        "preview": preview,
    }
    if not adding:
        context |= _presence(request, paper)
    return render(request, "positions/editing/paper_edit.html", context, status=status)


def _presence(request: HttpRequest, obj: Paper | Point) -> dict[str, Any]:
    presence.mark_editing(roles.signed_in(request), obj)
    return {
        "editing_notices": presence.notices(roles.signed_in(request), obj),
        "presence_url": presence.heartbeat_url(obj),
        "presence_seconds": presence.HEARTBEAT_SECONDS,
    }


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def edit_paper(request: HttpRequest, study: str, number: int, side: str) -> HttpResponse:
    paper = get_object_or_404(
        Paper.objects.select_related("study", "chapter", "side__institute"),
        study__slug=study,
        chapter__number=number,
        side__slug=side,
    )
    if not roles.can_edit_paper(request.user, paper):
        raise PermissionDenied
    return _paper_page(request, paper)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def add_paper(request: HttpRequest, study: str, number: int) -> HttpResponse:
    chapter = get_object_or_404(
        Chapter.objects.select_related("study"), study__slug=study, number=number
    )
    slug = request.GET.get("side", "")
    if not slug_re.match(slug):
        raise Http404("No such side.")
    side = get_object_or_404(
        Side.objects.select_related("institute"), study=chapter.study_id, slug=slug
    )
    if not roles.can_edit_side(request.user, chapter.study_id, side.pk):
        raise PermissionDenied
    if Paper.objects.filter(chapter=chapter, side=side).exists():
        return redirect("positions:edit_paper", study, number, side.slug)
    return _paper_page(request, Paper(study=chapter.study, chapter=chapter, side=side))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def edit_point(request: HttpRequest, study: str, number: int, slug: str) -> HttpResponse:
    point = get_object_or_404(
        Point.objects.select_related("chapter__study"),
        chapter__study__slug=study,
        chapter__number=number,
        slug=slug,
    )
    study_id = point.chapter.study_id
    stance_positions = roles.editable_stance_positions(request.user, study_id)
    if not stance_positions:
        raise PermissionDenied
    whole = roles.is_chief_editor(request.user, study_id)
    sides = list(Side.objects.filter(study=study_id).select_related("institute"))
    heading = point.question
    form = SitePointForm(
        request.POST or None,
        instance=point,
        sides=sides,
        stance_positions=stance_positions,
        whole=whole,
    )
    # Shown read-only beside the form: the fields it does not hold, as saved (the
    # form puts what was typed only on the fields it holds).
    shown = point
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                saved = save_form(
                    form,
                    expected_version=form.cleaned_data["opened_version"],
                    reason=form.cleaned_data["message"],
                )
            except EditConflict as conflict:
                form.record_conflict(conflict.current)
                shown = conflict.current
                status = 409
            else:
                presence.stop_editing(roles.signed_in(request), saved)
                messages.success(
                    request, _("“%(question)s” was saved.") % {"question": saved.question}
                )
                return redirect(saved.get_absolute_url())
        else:
            status = 400
    context = {
        "study": point.chapter.study,
        "chapter": point.chapter,
        "point": shown,
        "heading": heading,
        "form": form,
        "whole": whole,
        "stances": [_stance(shown, side, form) for side in sides],
        **_presence(request, point),
    }
    return render(request, "positions/editing/point_edit.html", context, status=status)


def _stance(point: Point, side: Side, form: SitePointForm) -> dict[str, Any]:
    """A side's stance as saved, with the form's fields for it if the editor may change it."""
    prefix = "first" if side.position == Side.Position.FIRST else "second"
    names = [f"{prefix}_stance", f"{prefix}_passage"]
    return {
        "side": side,
        "stance": getattr(point, names[0]),
        "passage": getattr(point, names[1]),
        "fields": [form[name] for name in names if name in form.fields],
    }


def preview_problem(text: str) -> str:
    """Say why `text` is not rendered for a preview: it is longer, or holds more
    Markdown, than a paper may (`limits`). Empty when it may be rendered."""
    if len(text) > limits.PAPER_BODY:
        message = _("The text is too long to preview: a paper has at most %(count)s characters.")
        return message % {"count": number_format(limits.PAPER_BODY, force_grouping=True)}
    try:
        limits.markdown_within_limits(text)
    except ValidationError as error:
        return error.messages[0]
    return ""


@require_POST
def preview(request: HttpRequest) -> JsonResponse:
    """Render posted Markdown as readers would get it: the sanitized HTML and what was
    removed. For those who write (editors of a study, superusers), so that it is no
    free rendering service; no longer than a paper may be.
    """
    if not roles.writes_anywhere(request.user):
        return JsonResponse({"error": _("Sign in as an editor to preview.")}, status=403)
    text = request.POST.get("text", "").replace("\r\n", "\n")
    problem = preview_problem(text)
    if problem:
        return JsonResponse({"error": problem}, status=400)
    prefix = request.POST.get("prefix", "")
    rendering = render_markdown(text, prefix=prefix if PREFIX.match(prefix) else "preview")
    return JsonResponse({"html": rendering.html, "problems": rendering.problems})


def _editable_or_refused(request: HttpRequest, kind: str, pk: int) -> Paper | Point | None:
    if kind == "paper":
        obj: Paper | Point = get_object_or_404(Paper, pk=pk)
    elif kind == "point":
        obj = get_object_or_404(Point.objects.select_related("chapter"), pk=pk)
    else:
        raise Http404
    if not (request.user.is_authenticated and presence.may_edit(request.user, obj)):
        return None
    return obj


@require_POST
def presence_heartbeat(request: HttpRequest, kind: str, pk: int) -> JsonResponse:
    """Keep the editor marked as editing; answer who else is (the edit pages' script)."""
    obj = _editable_or_refused(request, kind, pk)
    if obj is None:
        return JsonResponse({"error": _("You may not edit this.")}, status=403)
    presence.mark_editing(roles.signed_in(request), obj)
    return JsonResponse({"notices": presence.notices(roles.signed_in(request), obj)})


@require_POST
def presence_leave(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Forget that the editor has the page open: they left it."""
    obj = _editable_or_refused(request, kind, pk)
    if obj is None:
        return JsonResponse({"error": _("You may not edit this.")}, status=403)
    presence.stop_editing(roles.signed_in(request), obj)
    return HttpResponse(status=204)


# Translations: a paper's, a chapter's theme and summary, a point's parts.


@dataclass
class TranslationEntry:
    """One translation on a translation page: its form, beside the original it renders."""

    form: SiteTranslationForm
    # What the original says, field by field: (label, text); no label for a single text
    # that the heading names.
    originals: list[tuple[str, str]]
    heading: str = ""
    # The original's Markdown rendered, for a paper.
    original_html: str = ""

    @property
    def translation(self) -> Translation | None:
        return self.form.instance if self.form.instance.pk else None


def _labelled(original: Paper | Chapter, names: list[str]) -> list[tuple[str, str]]:
    """The original's fields `names`, each with its label."""
    labelled = []
    for name in names:
        field = original._meta.get_field(name)
        assert isinstance(field, Field)  # its own field, not the far end of a relation
        labelled.append((str(field.verbose_name), getattr(original, name)))
    return labelled


def _language_or_404(language: str, original_language: str) -> None:
    try:
        language_code(language)
    except ValidationError:
        raise Http404("Not a language code.") from None
    if language == original_language:
        raise Http404("The original is in this language.")


def _save_translations(request: HttpRequest, entries: list[TranslationEntry], message: str) -> bool:
    """Save the translations of `entries` in one transaction; save none and record the
    conflict on its form when one was saved by someone else meanwhile."""
    forms = [entry.form for entry in entries]
    try:
        with transaction.atomic():
            for form in forms:
                if isinstance(form, SitePointTranslationForm) and form.is_blank():
                    continue
                if form.instance.pk is not None and not form.typed_changes():
                    continue
                translation = form.save(commit=False)
                translation.translator = request.user
                if translation.pk is None or form.cleaned_data.get("follows_original"):
                    translation.follow_original()
                save_if_current(
                    translation,
                    expected_version=form.cleaned_data["opened_version"] or 1,
                    reason=message,
                )
    except EditConflict as conflict:
        for form in forms:
            if form.instance.pk == conflict.current.pk:
                form.record_conflict(conflict.current)
        return False
    except IntegrityError:
        forms[0].add_error(
            None,
            _(
                "Someone else added this translation a moment ago. Nothing was saved: "
                "reload the page to see theirs, then add what you typed."
            ),
        )
        return False
    return True


def _translation_page(
    request: HttpRequest,
    entries: list[TranslationEntry],
    context: dict[str, Any],
    done_url: str,
) -> HttpResponse:
    """Show, or save and leave for `done_url`, the translations of `entries`."""
    message_form = TranslationMessageForm(request.POST or None)
    status = 200
    if request.method == "POST":
        valid = message_form.is_valid() and all([entry.form.is_valid() for entry in entries])
        if valid and _save_translations(request, entries, message_form.cleaned_data["message"]):
            messages.success(request, _("The translation was saved."))
            return redirect(done_url)
        status = 409 if any(entry.form.conflict for entry in entries) else 400
    context |= {
        "entries": entries,
        "message_form": message_form,
        "language_name": language_in_words(context["language"]),
        "cancel_url": done_url,
    }
    return render(request, "positions/editing/translation_edit.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def translate_paper(
    request: HttpRequest, study: str, number: int, side: str, language: str
) -> HttpResponse:
    paper = get_object_or_404(
        Paper.objects.select_related("study", "chapter", "side__institute"),
        study__slug=study,
        chapter__number=number,
        side__slug=side,
    )
    if not roles.can_edit_paper(request.user, paper):
        raise PermissionDenied
    _language_or_404(language, paper.text_language)
    translation = paper.translations.filter(language=language).first() or PaperTranslation(
        paper=paper, language=language
    )
    translation.paper = paper
    form = SitePaperTranslationForm(request.POST or None, instance=translation)
    entry = TranslationEntry(
        form=form,
        originals=_labelled(paper, ["title", "abstract"]),
        original_html=paper.body_html,
    )
    context = {
        "study": paper.study,
        "chapter": paper.chapter,
        "heading": paper.title,
        "language": language,
        "original_language": paper.text_language,
    }
    return _translation_page(
        request, [entry], context, f"{paper.get_absolute_url()}?text={language}"
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def translate_chapter(request: HttpRequest, study: str, number: int, language: str) -> HttpResponse:
    chapter = get_object_or_404(
        Chapter.objects.select_related("study"), study__slug=study, number=number
    )
    if not roles.is_chief_editor(request.user, chapter.study_id):
        raise PermissionDenied
    _language_or_404(language, chapter.study.language)
    translation = chapter.translations.filter(language=language).first() or ChapterTranslation(
        chapter=chapter, language=language
    )
    translation.chapter = chapter
    form = SiteChapterTranslationForm(request.POST or None, instance=translation)
    entry = TranslationEntry(
        form=form,
        originals=_labelled(chapter, ["title", "summary"]),
    )
    context = {
        "study": chapter.study,
        "chapter": chapter,
        "heading": chapter.title,
        "language": language,
        "original_language": chapter.study.language,
    }
    return _translation_page(
        request, [entry], context, f"{chapter.get_absolute_url()}?text={language}"
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def translate_point(
    request: HttpRequest, study: str, number: int, slug: str, language: str
) -> HttpResponse:
    """The parts of a point the person may translate: the question for the chief
    editor, their own side's stance for a side editor (both stances for the chief)."""
    point = get_object_or_404(
        Point.objects.select_related("chapter__study"),
        chapter__study__slug=study,
        chapter__number=number,
        slug=slug,
    )
    chapter = point.chapter
    study_obj = chapter.study
    allowed = roles.translatable_parts(request.user, chapter.study_id)
    if not allowed:
        raise PermissionDenied
    _language_or_404(language, study_obj.language)
    sides = {side.position: side for side in Side.objects.filter(study=study_obj)}
    saved = {t.part: t for t in point.translations.filter(language=language)}
    Part = PointTranslation.Part
    labels = {
        Part.QUESTION: str(Point._meta.get_field("question").verbose_name),
        Part.FIRST: _("The stance of %(side)s") % {"side": sides[1].label},
        Part.SECOND: _("The stance of %(side)s") % {"side": sides[2].label},
    }
    entries = []
    for part in Part:
        original = getattr(point, PointTranslation.FIELDS[part])
        if part not in allowed or not original:
            continue
        translation = saved.get(part) or PointTranslation(point=point, language=language, part=part)
        translation.point = point
        form = SitePointTranslationForm(request.POST or None, instance=translation, prefix=part)
        form.fields["text"].label = labels[part]
        entries.append(
            TranslationEntry(form=form, originals=[("", original)], heading=labels[part])
        )
    if not entries:
        raise PermissionDenied
    context = {
        "study": study_obj,
        "chapter": chapter,
        "heading": point.question,
        "language": language,
        "original_language": study_obj.language,
    }
    return _translation_page(
        request, entries, context, f"{chapter.get_absolute_url()}?text={language}#{point.anchor}"
    )
