"""Forms that remember the version they were opened at.

Every form of a paper or a point remembers it (`VersionedForm`), so that a save made
from an older version is refused, and the editor is shown what was saved meanwhile
beside what they typed."""

from typing import Any, cast

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from positions.editing.versions import ConflictReport, report_conflict


class VersionField(forms.IntegerField):
    """The version a form was opened at, posted back in a hidden input."""

    widget = forms.HiddenInput

    def has_changed(self, initial: Any, data: Any) -> bool:
        # Not a change the editor made: a form with nothing else changed is not saved.
        return False


class VersionedForm(forms.ModelForm):
    """A form of a paper or a point that remembers the version it was opened at.

    In the admin (`check_version`), a form whose object someone else saved since it
    was opened is refused when it is cleaned, with `conflict` telling what differs;
    the save itself (`positions.editing.versions`) refuses a save that races with another.
    The site's pages instead save with the posted version and call
    `record_conflict` when the save is refused.
    """

    opened_version = VersionField(required=False, min_value=1)
    check_version = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.conflict: ConflictReport | None = None
        if self.instance.pk is not None:
            self.fields["opened_version"].initial = self.instance.version

    def typed_changes(self) -> bool:
        """Whether the editor changed anything, compared with the object as it is saved now."""
        return bool(set(self.changed_data) - {"message"})

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned_data = self.cleaned_data
        opened = cleaned_data.get("opened_version")
        instance = self.instance
        # Before _post_clean() the instance is the object as it is saved now. A form
        # posted without the version (a script) is saved as the version it finds.
        if (
            self.check_version
            and instance.pk is not None
            and opened is not None
            and opened != instance.version
            and self.typed_changes()
        ):
            conflict = self.record_conflict(instance)
            advice = _(
                "Nothing was saved. What you typed is kept in the form; the differences "
                "from the version saved now are shown on this page. Merge them and save again."
            )
            self.add_error(None, f"{conflict.notice} {advice}")
        return cleaned_data

    def record_conflict(self, current: Any) -> ConflictReport:
        """Tell the editor that `current` (a model with a version) was saved meanwhile;
        the next save starts from it."""
        self.conflict = report_conflict(self, current)
        # The data posted (a QueryDict), in a copy that may be changed.
        data = cast(QueryDict, self.data).copy()
        data[self.add_prefix("opened_version")] = str(current.version)
        self.data = data
        return self.conflict

    def _update_errors(self, errors: ValidationError) -> None:
        # The model's clean() may name a field that this form does not offer (a side
        # editor's form has no agreement field; the site's paper form no side): such
        # messages are shown above the form rather than failing.
        if hasattr(errors, "error_dict"):
            placed: dict[str, list[ValidationError]] = {}
            for name, messages in errors.error_dict.items():
                key = name if name in self.fields else NON_FIELD_ERRORS
                placed.setdefault(key, []).extend(messages)
            errors = ValidationError(placed)
        super()._update_errors(errors)  # type: ignore[misc]  # Django's, not in the stubs
