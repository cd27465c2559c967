"""Shared by the API tests: what the API must never answer, beside what it must."""

import datetime

from positions.models import (
    Agreement,
    Author,
    Chapter,
    Paper,
    PaperTranslation,
    Point,
    PointTranslation,
    Side,
    Study,
)

# Every hidden object's texts carry this word; no answer of the API may hold it.
HIDDEN = "Unpublished"


def hidden_content(study: Study, first_side: Side, second_side: Side) -> None:
    """A chapter not yet published, with an approved paper, a point and tags; and in
    a published chapter, a draft paper by an author of nothing else, with its own tag
    and translation."""
    waiting = Chapter.objects.create(study=study, number=5, title=f"{HIDDEN} theme")
    waiting.tags.add("unpublished chapter tag")
    approved = Paper.objects.create(
        chapter=waiting,
        side=first_side,
        title=f"{HIDDEN} approved paper",
        body=f"{HIDDEN} text.",
        status=Paper.Status.APPROVED,
    )
    approved.tags.add("unpublished paper tag")
    point = Point.objects.create(
        chapter=waiting,
        question=f"{HIDDEN} question",
        slug="hidden-question",
        first_stance=f"{HIDDEN} stance.",
        second_stance=f"{HIDDEN} stance too.",
        agreement=Agreement.AGREE,
    )
    point.tags.add("unpublished point tag")
    PointTranslation.objects.create(point=point, language="ja", part="question", text=HIDDEN)

    published = Chapter.objects.create(
        study=study,
        number=4,
        title="A published chapter with a draft",
        status=Chapter.Status.PUBLISHED,
        published_on=datetime.date(2007, 3, 1),
    )
    draft = Paper.objects.create(
        chapter=published, side=second_side, title=f"{HIDDEN} draft", body=f"{HIDDEN} text."
    )
    draft.tags.add("draft tag")
    draft.authorships.create(
        author=Author.objects.create(name=f"{HIDDEN} Author", slug="draft-author")
    )
    PaperTranslation.objects.create(paper=draft, language="ja", title=HIDDEN, body=HIDDEN)
