"""Two editors saving the same paper at the same instant, each on its own connection.

`test_editing.py` shows a save from an old version is refused when saves come in turn;
here they truly overlap, which only a database with concurrent writers can show.
"""

import threading
import time

import pytest
from django.db import connection

from positions.editing.versions import EditConflict, save_if_current
from positions.models import Paper

# The threads see only committed data. The serialized rollback puts back what
# migrations made (the roles' groups) for the tests that run afterwards.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_of_two_saves_from_the_same_version_at_once_exactly_one_wins(
    first_paper: Paper, monkeypatch
):
    if connection.vendor != "postgresql":
        pytest.skip(
            "SQLite lets one writer in at a time, so two saves cannot overlap; "
            "test_editing.py covers the refusal there. CI runs this on PostgreSQL."
        )
    revisions = first_paper.history.count()
    barrier = threading.Barrier(2, timeout=10)
    plain_save = Paper.save

    def save_and_hold(self: Paper, *args, **kwargs) -> None:
        plain_save(self, *args, **kwargs)
        # Keep the transaction, and the row lock its conditional UPDATE took, open a
        # moment: the other save reaches its UPDATE before this one commits.
        time.sleep(0.5)

    monkeypatch.setattr(Paper, "save", save_and_hold)
    outcomes: dict[str, object] = {}

    def editor(name: str) -> None:
        try:
            mine = Paper.objects.get(pk=first_paper.pk)
            mine.title = f"Saved by {name}"
            opened = mine.version
            barrier.wait()
            save_if_current(mine, expected_version=opened)
            outcomes[name] = "saved"
        except EditConflict as conflict:
            outcomes[name] = conflict.current
        except Exception as error:  # reported by the assertions below
            outcomes[name] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=editor, args=(name,)) for name in ("kenji", "olga")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    winners = [name for name, outcome in outcomes.items() if outcome == "saved"]
    losers = [name for name, outcome in outcomes.items() if isinstance(outcome, Paper)]
    assert (len(winners), len(losers)) == (1, 1), outcomes
    # The one refused is shown the winner's save, not the version both started from.
    current = outcomes[losers[0]]
    assert (current.title, current.version) == (f"Saved by {winners[0]}", 2)
    first_paper.refresh_from_db()
    assert (first_paper.title, first_paper.version) == (f"Saved by {winners[0]}", 2)
    assert first_paper.history.count() == revisions + 1
