"""The team's discussion: threads on a paper, a passage of it, or a point.

Readers never see it: only the study's team (`roles.can_read_drafts`) reads and
writes comments. Mentioning a colleague of the study as @username notifies them by
email, once the comment is saved.
"""

import logging
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import ProhibitNullCharactersValidator
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from positions.models import Comment, Membership, Paper, Point

logger = logging.getLogger(__name__)


@dataclass
class Thread:
    opening: Comment
    replies: list[Comment] = field(default_factory=list)


def threads_on(*, paper: Paper | None = None, point: Point | None = None) -> list[Thread]:
    """Return the threads on a paper or a point, oldest first, with their replies.

    Runs one query.
    """
    comments = Comment.objects.filter(paper=paper) if paper else Comment.objects.filter(point=point)
    threads: dict[int, Thread] = {}
    replies: list[tuple[int, Comment]] = []
    for comment in comments.select_related("author", "resolved_by"):
        if comment.parent_id is None:
            threads[comment.pk] = Thread(comment)
        else:
            replies.append((comment.parent_id, comment))
    for parent_id, reply in replies:
        threads[parent_id].replies.append(reply)
    return list(threads.values())


def post_comment(
    *,
    author: User,
    body: str,
    paper: Paper | None = None,
    point: Point | None = None,
    passage: str = "",
    parent: Comment | None = None,
) -> Comment:
    """Save a comment or a reply and notify the colleagues it mentions.

    Raises ValidationError, saving nothing, when the text is empty, the passage is
    not one of the paper's, or the reply's thread is about something else.
    """
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Write something first.")})
    # A browser never sends NUL, which PostgreSQL refuses in text; full_clean() would
    # let it through to the database.
    if "\x00" in body:
        raise ValidationError({"body": ProhibitNullCharactersValidator.message})
    target = paper or point
    assert target is not None, "a comment is on a paper or a point"
    study_id = target.study_id if isinstance(target, Paper) else target.chapter.study_id
    passage = passage.strip().lstrip("#")
    if passage and (paper is None or passage not in paper.passages):
        raise ValidationError({"passage": _("This passage is not in the paper.")})
    if parent is not None:
        if parent.parent_id is not None or (parent.paper_id, parent.point_id) != (
            paper.pk if paper else None,
            point.pk if point else None,
        ):
            raise ValidationError({"parent": _("Reply to a thread of this discussion.")})
        passage = parent.passage
    comment = Comment(
        study_id=study_id,
        paper=paper,
        point=point,
        passage=passage,
        parent=parent,
        author=author,
        body=body,
    )
    comment.full_clean()
    with transaction.atomic():
        comment.save()
        mentioned = list(mentioned_colleagues(comment))
        comment.mentions.set(mentioned)
        if parent is not None and parent.is_resolved:
            # A reply reopens the conversation.
            reopen(parent)
    transaction.on_commit(lambda: notify(comment, mentioned, target))
    return comment


def mentioned_colleagues(comment: Comment) -> QuerySet[User]:
    """The active members of the comment's study named in it as @username, but its author."""
    usernames = comment.mentioned_usernames()
    team = Membership.objects.filter(study_id=comment.study_id).values("user")
    return (
        get_user_model()
        ._default_manager.filter(username__in=usernames, is_active=True, pk__in=team)
        .exclude(pk=comment.author_id)
    )


def notify(comment: Comment, recipients: list[User], target: Paper | Point) -> None:
    """Email each mentioned colleague who has an address. A failure is logged, not raised:
    the comment is saved already."""
    author = comment.author.get_full_name() or comment.author.get_username()
    for user in recipients:
        if not user.email:
            continue
        subject = _("%(author)s mentioned you on “%(target)s”") % {
            "author": author,
            "target": target,
        }
        body = _("%(author)s wrote:\n\n%(body)s\n\nReply on the site: %(url)s") % {
            "author": author,
            "body": comment.body,
            "url": discussion_url(target),
        }
        try:
            send_mail(subject, body, None, [user.email])
        except Exception:  # the mail server's failure must not lose the comment
            logger.exception("Could not email %s about comment %s", user.email, comment.pk)


def discussion_url(target: Paper | Point) -> str:
    if isinstance(target, Paper):
        return target.get_absolute_url() + "discussion/"
    chapter = target.chapter
    return f"{chapter.get_absolute_url()}points/{target.slug}/discussion/"


def resolve(thread: Comment, user: User) -> None:
    thread.resolved_at = timezone.now()
    thread.resolved_by = user
    thread.save(update_fields=["resolved_at", "resolved_by"])


def reopen(thread: Comment) -> None:
    thread.resolved_at = None
    thread.resolved_by = None
    thread.save(update_fields=["resolved_at", "resolved_by"])
