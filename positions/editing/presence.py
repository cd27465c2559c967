"""Who else has a paper or a point open for editing, so that two editors know of each other.

An edit page (on the site or in the admin) marks its editor present when it opens, and
its script (static/positions/presence.js) refreshes that every HEARTBEAT_SECONDS and
removes it when the page is left. Saving removes it too. An entry that was not
refreshed for STALE_AFTER no longer counts: the page was closed without a word, or
the browser runs no scripts and the editor opened the page a while ago.
"""

from datetime import timedelta

from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from positions import roles
from positions.editing.versions import moment, person_name
from positions.models import EditingPresence, Paper, Point

HEARTBEAT_SECONDS = 30
STALE_AFTER = timedelta(minutes=2)

Editable = Paper | Point


def _target(obj: Editable) -> dict[str, Editable]:
    return {"paper": obj} if isinstance(obj, Paper) else {"point": obj}


def mark_editing(user: User, obj: Editable) -> None:
    """Record that `user` has `obj` open for editing now. Runs two or three queries."""
    now = timezone.now()
    target = _target(obj)
    # Forget everyone who left any page without a word, this user included (their
    # "since" restarts), so that the table holds only the pages open now.
    EditingPresence.objects.filter(last_seen__lt=now - STALE_AFTER).delete()
    presence, created = EditingPresence.objects.get_or_create(
        user=user, **target, defaults={"started": now, "last_seen": now}
    )
    if not created:
        presence.last_seen = now
        presence.save(update_fields=["last_seen"])


def stop_editing(user: User, obj: Editable) -> None:
    EditingPresence.objects.filter(user=user, **_target(obj)).delete()


def others_editing(user: User, obj: Editable) -> list[EditingPresence]:
    """Return who else has `obj` open now, the earliest first. Runs one query."""
    return list(
        EditingPresence.objects.filter(**_target(obj), last_seen__gte=timezone.now() - STALE_AFTER)
        .exclude(user=user)
        .select_related("user")
        .order_by("started")
    )


def notices(user: User, obj: Editable) -> list[str]:
    """Return a sentence for each other person editing `obj`. Runs one query."""
    if isinstance(obj, Paper):
        sentence = _("%(name)s is editing this paper since %(time)s.")
    else:
        sentence = _("%(name)s is editing this point since %(time)s.")
    return [
        sentence % {"name": person_name(presence.user), "time": moment(presence.started)}
        for presence in others_editing(user, obj)
    ]


def may_edit(user: User, obj: Editable) -> bool:
    """Whether `user` may change `obj`, and so be seen editing it."""
    if isinstance(obj, Paper):
        return roles.can_edit_paper(user, obj)
    return bool(roles.editable_stance_positions(user, obj.chapter.study_id))


def heartbeat_url(obj: Editable) -> str:
    kind = "paper" if isinstance(obj, Paper) else "point"
    return reverse("positions:presence", args=[kind, obj.pk])
