"""Who may do what in a study: chief editors, side editors and reviewers.

Roles are held per study (`Membership`). A chief editor may change everything in the
study; a side editor writes the papers of one side and that side's stance on each
point, and reads everything else; a reviewer reads drafts and changes nothing.
Superusers may do everything everywhere.

The admin and the pages ask the functions here; nothing else decides. The groups
that give each role its model permissions in the admin (so that menus and buttons
match) are made by `ensure_groups`, from the `setup_roles` command and a migration.
"""

from collections.abc import Iterable

from django.apps.registry import Apps
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.models import User as Person
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest

from positions.models import Membership, Paper, Role
from positions.models.study import drafts_readable_by, sees_everything

# Whoever makes a request: a person signed in, or a reader who is not.
User = Person | AnonymousUser

GROUP_NAMES: dict[str, str] = {
    Role.CHIEF_EDITOR: "Chief editors",
    Role.SIDE_EDITOR: "Side editors",
    Role.REVIEWER: "Reviewers",
}

ALL = ("add", "change", "delete", "view")
VIEW = ("view",)
# What each role may do to each model, in the admin's terms. Which objects they may
# do it to is decided by the functions below.
ROLE_PERMISSIONS: dict[str, dict[tuple[str, str], tuple[str, ...]]] = {
    Role.CHIEF_EDITOR: {
        ("positions", "study"): ("change", "view"),
        ("positions", "side"): VIEW,
        ("positions", "institute"): VIEW,
        ("positions", "membership"): ALL,
        ("positions", "chapter"): ALL,
        ("positions", "paper"): ALL,
        ("positions", "papertranslation"): ALL,
        ("positions", "chaptertranslation"): ALL,
        ("positions", "pointtranslation"): ALL,
        # The names' translations follow their originals: the study's are the chief
        # editor's; sides', institutes' and tags' are changed in the admin by those
        # who may change the sides, institutes and tags (superusers).
        ("positions", "studytranslation"): ALL,
        ("positions", "sidetranslation"): VIEW,
        ("positions", "institutetranslation"): VIEW,
        ("positions", "tagtranslation"): VIEW,
        ("positions", "authorship"): ALL,
        ("positions", "point"): ALL,
        ("positions", "author"): ("add", "change", "view"),
        ("taggit", "tag"): VIEW,
    },
    Role.SIDE_EDITOR: {
        ("positions", "study"): VIEW,
        ("positions", "side"): VIEW,
        ("positions", "institute"): VIEW,
        ("positions", "chapter"): VIEW,
        ("positions", "paper"): ("add", "change", "view"),
        ("positions", "papertranslation"): ALL,
        ("positions", "chaptertranslation"): VIEW,
        ("positions", "pointtranslation"): ALL,
        ("positions", "studytranslation"): VIEW,
        ("positions", "sidetranslation"): VIEW,
        ("positions", "institutetranslation"): VIEW,
        ("positions", "tagtranslation"): VIEW,
        ("positions", "authorship"): ALL,
        ("positions", "point"): ("change", "view"),
        ("positions", "author"): ("add", "change", "view"),
        ("taggit", "tag"): VIEW,
    },
    Role.REVIEWER: {
        ("positions", "study"): VIEW,
        ("positions", "side"): VIEW,
        ("positions", "institute"): VIEW,
        ("positions", "chapter"): VIEW,
        ("positions", "paper"): VIEW,
        ("positions", "papertranslation"): VIEW,
        ("positions", "chaptertranslation"): VIEW,
        ("positions", "pointtranslation"): VIEW,
        ("positions", "studytranslation"): VIEW,
        ("positions", "sidetranslation"): VIEW,
        ("positions", "institutetranslation"): VIEW,
        ("positions", "tagtranslation"): VIEW,
        ("positions", "authorship"): VIEW,
        ("positions", "point"): VIEW,
        ("positions", "author"): VIEW,
        ("taggit", "tag"): VIEW,
    },
}


def signed_in(request: HttpRequest) -> Person:
    """The person signed in, on a page that only they may see."""
    user = request.user
    assert user.is_authenticated
    return user


def memberships(user: User) -> dict[int, Membership]:
    """Return the user's memberships by study id.

    Runs one query the first time per user object (so once per request), then
    answers from a cache on the user.
    """
    if not (user.is_authenticated and user.is_active):
        return {}
    cached = user.__dict__.get("_positions_memberships")
    if cached is None:
        cached = {
            membership.study_id: membership
            for membership in Membership.objects.filter(user=user).select_related("side", "study")
        }
        user.__dict__["_positions_memberships"] = cached
    return cached


def is_superuser(user: User) -> bool:
    return sees_everything(user)


def role_in(user: User, study_id: int) -> str | None:
    membership = memberships(user).get(study_id)
    return membership.role if membership else None


def is_chief_editor(user: User, study_id: int) -> bool:
    return is_superuser(user) or role_in(user, study_id) == Role.CHIEF_EDITOR


def can_read_drafts(user: User, study_id: int) -> bool:
    return is_superuser(user) or study_id in memberships(user)


def editable_side_ids(user: User, study_id: int) -> set[int] | None:
    """Return the ids of the sides whose texts the user may change in the study.

    None means every side (superusers and chief editors).
    """
    if is_chief_editor(user, study_id):
        return None
    membership = memberships(user).get(study_id)
    if membership is not None and membership.side_id is not None:
        # A side editor's (no other role is bound to a side: a constraint says so).
        return {membership.side_id}
    return set()


def can_edit_side(user: User, study_id: int, side_id: int) -> bool:
    sides = editable_side_ids(user, study_id)
    return sides is None or side_id in sides


def is_side_editor(user: User, study_id: int, side_id: int) -> bool:
    """Whether the user is an editor of this side of the study (not a chief editor)."""
    membership = memberships(user).get(study_id)
    return (
        membership is not None
        and membership.role == Role.SIDE_EDITOR
        and membership.side_id == side_id
    )


def can_edit_paper(user: User, paper: Paper) -> bool:
    """Whether the user may change the paper's words.

    Once its side approved it, a paper's words are its side's: the chief editor
    returns it to draft (`positions.workflow.publication`) before changing them.
    """
    if is_side_editor(user, paper.study_id, paper.side_id):
        return True
    return is_chief_editor(user, paper.study_id) and paper.status in (
        Paper.Status.DRAFT,
        Paper.Status.IN_REVIEW,
    )


def can_delete_paper(user: User, paper: Paper) -> bool:
    """Chief editors delete papers, not those their chapter shows the public."""
    return is_chief_editor(user, paper.study_id) and paper.status != Paper.Status.PUBLISHED


def editable_stance_positions(user: User, study_id: int) -> set[int]:
    """Return the positions (1, 2) of the stances the user may change in the study."""
    if is_chief_editor(user, study_id):
        return {1, 2}
    membership = memberships(user).get(study_id)
    if membership is not None and membership.side is not None:
        # A side editor's (no other role is bound to a side: a constraint says so).
        return {membership.side.position}
    return set()


def translatable_parts(user: User, study_id: int) -> set[str]:
    """Return the parts of a point the user may translate in the study: the joint
    question for chief editors, each stance for its own side's editors (and chiefs)."""
    stance_parts = {1: "first", 2: "second"}
    parts = {stance_parts[position] for position in editable_stance_positions(user, study_id)}
    if is_chief_editor(user, study_id):
        parts.add("question")
    return parts


def study_ids(user: User, roles: Iterable[str] = tuple(Role)) -> list[int]:
    """Return the ids of the studies where the user holds one of `roles`."""
    roles = set(roles)
    return [
        study_id for study_id, membership in memberships(user).items() if membership.role in roles
    ]


def writer_study_ids(user: User) -> list[int]:
    """Return the studies where the user may write papers: chief or side editor."""
    return study_ids(user, [Role.CHIEF_EDITOR, Role.SIDE_EDITOR])


def writes_anywhere(user: User) -> bool:
    """Whether the user may write texts in some study (or all: superusers)."""
    return is_superuser(user) or bool(writer_study_ids(user))


def draft_readers_filter(user: User, study_field: str = "study") -> Q:
    """Return a filter for the studies whose drafts the user may read.

    Adds no query: the studies are a subquery of the one it filters.
    """
    return drafts_readable_by(user, study_field)


# Groups: the model permissions of each role, for the admin.


def ensure_groups(apps: Apps | None = None) -> None:
    """Create or bring up to date the group of each role and its permissions.

    Takes the migration's app registry when called from a migration.
    """
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    apps = apps or global_apps
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    # In a new database Django makes the permissions after all migrations have
    # run; make them now. A migration's app configs have no models module, which
    # create_permissions takes as "nothing to do" unless told otherwise.
    for app_label in ("positions", "taggit"):
        app_config = apps.get_app_config(app_label)
        models_module = getattr(app_config, "models_module", None)
        # Any true value will do; the stubs know only a module.
        app_config.models_module = models_module or True  # type: ignore[assignment]
        try:
            create_permissions(app_config, apps=apps, verbosity=0)
        finally:
            app_config.models_module = models_module
    with transaction.atomic():
        for role, models in ROLE_PERMISSIONS.items():
            group, _created = Group.objects.get_or_create(name=GROUP_NAMES[role])
            wanted = Q(pk__in=[])
            for (app_label, model), actions in models.items():
                wanted |= Q(
                    content_type__app_label=app_label,
                    codename__in=[f"{action}_{model}" for action in actions],
                )
            group.permissions.set(Permission.objects.filter(wanted))


def sync_staff_access(user: Person) -> None:
    """Give a person admin access and the groups of the roles they hold, and no more.

    Call after their memberships change. A superuser keeps staff access anyway.
    """
    from django.contrib.auth.models import Group

    roles = set(Membership.objects.filter(user=user).values_list("role", flat=True))
    names = [GROUP_NAMES[role] for role in roles]
    role_groups = Group.objects.filter(name__in=GROUP_NAMES.values())
    user.groups.remove(*role_groups.exclude(name__in=names))
    user.groups.add(*role_groups.filter(name__in=names))
    staff = bool(roles) or user.is_superuser
    if user.is_staff != staff:
        user.is_staff = staff
        user.save(update_fields=["is_staff"])
    user.__dict__.pop("_positions_memberships", None)


def can_translate_names(user: User, study_id: int) -> bool:
    """Whether the user may translate the names the study shows on the site (its title
    and introduction, its sides' labels, their institutes' names and its tags).

    The chief editor's, as the study's other joint texts: institutes and tags are
    shared with other studies, but a study's chief editor answers for how its names
    read, and each translation keeps who made it in the history.
    """
    return is_chief_editor(user, study_id)
