import pytest

from positions.editing.versions import EditConflict, save_if_current
from positions.models import Paper


def test_a_save_from_the_current_version_goes_through(first_paper: Paper):
    first_paper.title = "New title"
    save_if_current(first_paper, expected_version=1, reason="Tightened the title")
    first_paper.refresh_from_db()
    assert (first_paper.title, first_paper.version) == ("New title", 2)
    last = first_paper.history.first()
    assert last.history_change_reason == "Tightened the title"
    assert last.version == 2


def test_a_save_from_an_older_version_is_refused_and_changes_nothing(first_paper: Paper):
    mine = Paper.objects.get(pk=first_paper.pk)
    theirs = Paper.objects.get(pk=first_paper.pk)
    theirs.title = "Theirs"
    save_if_current(theirs, expected_version=1)
    mine.title = "Mine"
    with pytest.raises(EditConflict) as conflict:
        save_if_current(mine, expected_version=1)
    assert conflict.value.current.title == "Theirs"
    first_paper.refresh_from_db()
    assert (first_paper.title, first_paper.version) == ("Theirs", 2)
