"""Saving an editor's work without ever overwriting someone else's.

Every paper and point carries a version number. An edit form remembers the
version it was opened at; `save_if_current` saves only if that is still the
version in the database, claiming the next version with one conditional UPDATE,
so the check holds when two saves race, not only when they come in turn.
"""

from django.db import models, transaction


class EditConflict(Exception):
    """Someone saved the object after the editor opened it."""

    def __init__(self, current: models.Model) -> None:
        super().__init__(f"{current} was changed by someone else meanwhile")
        # The object as it is saved now, for showing the editor the difference.
        self.current = current


def save_if_current(obj: models.Model, *, expected_version: int, reason: str = "") -> None:
    """Save `obj` as the version after `expected_version`, or raise EditConflict.

    A new object (no pk yet) is simply saved. `reason` goes into the history as
    the change's message. Runs two queries more than a plain save.
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
        obj.save()
