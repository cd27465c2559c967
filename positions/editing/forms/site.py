"""The forms of the site's own edit pages (`positions.editing.views`): a paper's text
and a point, each with what the editor changed."""

from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from taggit.forms import TagWidget

from positions.editing.forms.chapters import PointForm
from positions.editing.forms.fields import TagsField, change_message_field
from positions.editing.forms.versioned import VersionedForm
from positions.models import (
    Paper,
)

STANCE_FIELDS = {1: ("first_stance", "first_passage"), 2: ("second_stance", "second_passage")}


class SitePaperForm(VersionedForm):
    """A paper's text on the site. Its authors are edited in the admin."""

    tags = TagsField(
        label=capfirst(_("tags")),
        required=False,
        help_text=_("Separated by commas."),
        widget=TagWidget(attrs={"autocomplete": "off"}),
    )
    message = change_message_field()
    check_version = False

    class Meta:
        model = Paper
        fields = ["title", "language", "abstract", "body", "tags"]
        widgets = {
            "abstract": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 24, "spellcheck": "true"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # An edit page always posts the version it was opened at.
        self.fields["opened_version"].required = self.instance.pk is not None


class SitePointForm(PointForm):
    """A point on the site: the chief editor changes all of it, a side editor their
    side's stance and passage only (the other fields are not in the form, so posting
    them changes nothing).
    """

    tags = TagsField(
        label=capfirst(_("tags")),
        required=False,
        help_text=_("Separated by commas."),
        widget=TagWidget(attrs={"autocomplete": "off"}),
    )
    message = change_message_field()
    check_version = False

    class Meta(PointForm.Meta):
        fields = [
            "question",
            "slug",
            "agreement",
            "first_stance",
            "first_passage",
            "second_stance",
            "second_passage",
            "order",
            "tags",
        ]
        widgets = {
            "first_stance": forms.Textarea(attrs={"rows": 4}),
            "second_stance": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, stance_positions: set[int], whole: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["opened_version"].required = True
        if not whole:
            keep = {"opened_version", "message"}
            for position in stance_positions:
                keep.update(STANCE_FIELDS[position])
            for name in list(self.fields):
                if name not in keep:
                    del self.fields[name]
