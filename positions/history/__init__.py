"""See and undo every change.

- revisions.py: the revisions of a paper or a point, any two compared, an old one
  restored, a deleted one recovered;
- changes.py: the recent changes across a study, filtered and paginated;
- wording.py: the words each change is described with, marked with their language.
"""

from positions.history.changes import (
    CHANGES_PER_PAGE,
    Change,
    ChangeFeed,
    ChangeFilterForm,
    people_who_changed,
)
from positions.history.revisions import (
    CannotRecover,
    Record,
    compare,
    compare_url,
    field_labels,
    history_url,
    recover,
    restore,
    revisions,
    when,
    who,
)

__all__ = [
    "CHANGES_PER_PAGE",
    "CannotRecover",
    "Change",
    "ChangeFeed",
    "ChangeFilterForm",
    "Record",
    "compare",
    "compare_url",
    "field_labels",
    "history_url",
    "people_who_changed",
    "recover",
    "restore",
    "revisions",
    "when",
    "who",
]
