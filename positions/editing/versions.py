"""Saving an editor's work without ever overwriting someone else's.

Every paper and point carries a version number. An edit form remembers the
version it was opened at; `save_if_current` saves only if that is still the
version in the database, claiming the next version with one conditional UPDATE,
so the check holds when two saves race, not only when they come in turn.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any, cast

from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.forms import ChoiceField, HiddenInput, ModelChoiceField
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from positions.text.diffs import WordDiff, word_diff

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.forms import Field, ModelForm


class EditConflict(Exception):
    """Someone saved the object after the editor opened it."""

    def __init__(self, current: Any) -> None:
        super().__init__(f"{current} was changed by someone else meanwhile")
        # The object as it is saved now, for showing the editor the difference.
        self.current = current


def save_if_current(
    obj: Any, *, expected_version: int, reason: str = "", setting: Iterable[str] = ()
) -> None:
    """Save `obj` as the version after `expected_version`, or raise EditConflict.

    `obj` is a model with a `version` field and a history (django-simple-history's,
    which has no types: hence `Any`).

    A new object (no pk yet) is simply saved. `reason` goes into the history as
    the change's message. `setting` names the workflow fields this save sets itself
    (the chief editor's correction of a paper's date); the others keep what the row
    holds. Runs two queries more than a plain save (three for a paper).
    """
    model = type(obj)
    if reason:
        obj._change_reason = reason
    if obj.pk is None:
        obj.save()
        return
    with transaction.atomic():
        # The row lock this UPDATE takes makes a racing save wait, then find the
        # version already claimed.
        claimed = model._default_manager.filter(pk=obj.pk, version=expected_version).update(
            version=expected_version + 1
        )
        if not claimed:
            raise EditConflict(model._default_manager.get(pk=obj.pk))
        obj.version = expected_version + 1
        # A workflow step taken since the object was read (sent for review, say) is
        # not the editor's to undo: keep what the row holds now that it is locked.
        workflow_fields = getattr(model, "WORKFLOW_FIELDS", ())
        if workflow_fields:
            current = model._default_manager.filter(pk=obj.pk).values(*workflow_fields).get()
            for name, value in current.items():
                # A date is never cleared from what was published meanwhile.
                if name in setting and (
                    getattr(obj, name) is not None or current["status"] != "published"
                ):
                    continue
                setattr(obj, name, value)
        obj.save()


def save_form[M: models.Model](
    form: "ModelForm[M]", *, expected_version: int, reason: str = ""
) -> M:
    """Save a model form's object as `save_if_current` does, with its tags in the same
    transaction; raise EditConflict and save nothing when the version is not current.
    """
    with transaction.atomic():
        obj = form.save(commit=False)
        save_if_current(obj, expected_version=expected_version, reason=reason, setting=set_by(form))
        form.save_m2m()
    return obj


def set_by(form: "ModelForm") -> list[str]:
    """The workflow fields that `form` changed: only a paper's date is ever in a form
    (the chief editor's), so that `save_if_current` keeps it."""
    workflow_fields = getattr(form._meta.model, "WORKFLOW_FIELDS", ())
    return [name for name in workflow_fields if name in form.changed_data]


def person_name(user: "User | None") -> str:
    """Return how editors name a person: their full name, else their username."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def moment(when: datetime) -> str:
    """Return a time for notices: "14:05" today, "3 June 2026, 14:05" another day."""
    local = timezone.localtime(when)
    if local.date() == timezone.localdate():
        return date_format(local, "H:i")
    return date_format(local, "DATETIME_FORMAT")


@dataclass(frozen=True)
class Difference:
    """One field as saved meanwhile and as the editor typed it."""

    label: str
    saved: str
    typed: str

    @cached_property
    def diff(self) -> WordDiff:
        return word_diff(self.saved, self.typed)


@dataclass(frozen=True)
class ConflictReport:
    """What an editor needs when their save was refused: who saved, when, what differs."""

    notice: str
    saved_by: str
    version: int
    # What was saved meanwhile, named as it is now ("Towards collective security").
    subject: str
    # An HTML id for the report, unique on a page that holds several.
    anchor: str
    differences: list[Difference] = field(default_factory=list)


def report_conflict(form: "ModelForm", current: Any) -> ConflictReport:
    """Compare what was typed in `form` with `current`, the object as saved now (a
    model with a version and a history, as `save_if_current` takes).

    Only the form's fields are compared, and only those that differ are listed. Runs
    a query for the latest revision in the history (who saved) and one per tags or
    other many-to-many field of the form.
    """
    revision = current.history.select_related("history_user").first()
    saved_by = person_name(revision.history_user) if revision else ""
    thing = current._meta.verbose_name
    if revision is None:
        notice = _("Someone saved this %(thing)s while you were editing.") % {"thing": thing}
    elif saved_by:
        notice = _("%(name)s saved this %(thing)s at %(time)s while you were editing.") % {
            "name": saved_by,
            "thing": thing,
            "time": moment(revision.history_date),
        }
    else:
        notice = _("Someone saved this %(thing)s at %(time)s while you were editing.") % {
            "thing": thing,
            "time": moment(revision.history_date),
        }
    differences = []
    for name, form_field in form.fields.items():
        if name not in form.cleaned_data or isinstance(form_field.widget, HiddenInput):
            continue
        try:
            model_field = current._meta.get_field(name)
        except FieldDoesNotExist:
            continue  # a field of the form only, such as the change message
        if isinstance(model_field, models.Field) and model_field.many_to_many:  # tags, authors
            saved_value: Any = [str(item) for item in model_field.value_from_object(current)]
        else:
            saved_value = getattr(current, name)
        saved = _as_text(form_field, saved_value)
        typed = _as_text(form_field, form.cleaned_data[name])
        if saved != typed:
            differences.append(Difference(label=str(form_field.label), saved=saved, typed=typed))
    return ConflictReport(
        notice=notice,
        saved_by=saved_by,
        version=current.version,
        subject=str(current),
        anchor=f"conflict-{current._meta.model_name}-{current.pk}",
        differences=differences,
    )


def _as_text(form_field: "Field", value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(sorted(str(item) for item in value))
    if isinstance(form_field, ChoiceField) and not isinstance(form_field, ModelChoiceField):
        # Normalised by the field to a list of (value, label).
        choices = cast(list[tuple[Any, Any]], form_field.choices)
        return str(dict(choices).get(value, value))
    if isinstance(value, date):
        return value.isoformat()
    # Browsers post text areas with CRLF; what was saved has LF.
    return str(value).replace("\r\n", "\n")
