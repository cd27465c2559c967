"""Tag assignments: one explicit through model per tagged model.

django-taggit's own prefetch runs one query per object; pages call
`tags_by_object` instead, which fetches every tag they show in one query.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.db import connection, models
from django.urls import reverse
from django.utils.translation import gettext as _
from simple_history import register
from simple_history.models import HistoricalRecords
from taggit.models import Tag, TaggedItemBase

from positions.models.paper import Paper
from positions.models.point import Point
from positions.models.study import Chapter

# A tag's name is kept in the history, as its translations are (models/names.py).
register(Tag, app="positions", table_name="positions_historicaltag")

# The longest name the tags' table holds.
TAG_NAME_LENGTH = Tag._meta.get_field("name").max_length


def tag_name_problem(name: str) -> str | None:
    """Say what keeps `name` from being a tag's name, or return None when it will do.

    A tag's page has an address made of the letters and digits of its name (its slug):
    a name of punctuation alone ("!!", ">") would have a page with no address.
    """
    if len(name) > TAG_NAME_LENGTH:
        return _("“%(start)s…” is too long for a tag: a tag has at most %(count)d characters.") % {
            "start": name[:40],
            "count": TAG_NAME_LENGTH,
        }
    if not Tag().slugify(name):
        return _(
            "“%(name)s” cannot be a tag: a tag needs at least one letter or digit, "
            "from which the address of its page is made."
        ) % {"name": name}
    return None


class ChapterTag(TaggedItemBase):
    content_object = models.ForeignKey(Chapter, on_delete=models.CASCADE, related_name="tagged")

    history = HistoricalRecords()


class PaperTag(TaggedItemBase):
    content_object = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="tagged")

    history = HistoricalRecords()


class PointTag(TaggedItemBase):
    content_object = models.ForeignKey(Point, on_delete=models.CASCADE, related_name="tagged")

    history = HistoricalRecords()


def tags_by_object(
    *,
    chapters: Iterable[Chapter] = (),
    papers: Iterable[Paper] = (),
    points: Iterable[Point] = (),
) -> dict[tuple[str, int], list[Tag]]:
    """Return the tags of the given objects keyed by ("chapter", pk) and so on.

    Runs one query (a UNION over the three through tables), or none when no
    objects are given. Each tag carries `url`, the address of its page.

    The query is written in SQL: nearly every page runs it, and the ORM took longer to
    build it than the database to answer it (bench/README.md).
    """
    parts, params = [], []
    kinds: list[tuple[str, type[TaggedItemBase], Iterable[models.Model]]] = [
        ("chapter", ChapterTag, chapters),
        ("paper", PaperTag, papers),
        ("point", PointTag, points),
    ]
    for kind, through, objects in kinds:
        ids = [obj.pk for obj in objects]
        if ids:
            parts.append(
                f"SELECT '{kind}', item.content_object_id, item.tag_id, tag.name, tag.slug "
                f"FROM {through._meta.db_table} item "
                f"INNER JOIN {Tag._meta.db_table} tag ON tag.id = item.tag_id "
                f"WHERE item.content_object_id IN ({', '.join(['%s'] * len(ids))})"
            )
            params += ids
    found: dict[tuple[str, int], list[Tag]] = defaultdict(list)
    if not parts:
        return found
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        rows = cursor.fetchall()
    # One Tag per tag, whatever it is attached to, with its page's address worked
    # out once: a large chapter shows the same few tags hundreds of times.
    shared: dict[int, Tag] = {}
    for kind, object_id, tag_id, name, slug in rows:
        if tag_id not in shared:
            shared[tag_id] = Tag(id=tag_id, name=name, slug=slug)
            shared[tag_id].url = reverse("positions:tag", args=[slug])
        found[(kind, object_id)].append(shared[tag_id])
    for tags in found.values():
        tags.sort(key=lambda tag: tag.name.lower())
    return found
