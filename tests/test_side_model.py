"""A side: its slug names its paper's address, /chapters/<number>/<slug>/."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import URLPattern, URLResolver, get_resolver

from positions.models import Side, Study
from positions.models.study import CHAPTER_ROUTES
from tests.helpers import study_form

CHAPTER_PREFIX = "studies/<slug:study>/chapters/<int:number>/"


def routes(patterns: list, prefix: str = "") -> list[str]:
    found = []
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            found += routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            found.append(route)
    return found


def test_every_word_of_a_chapters_own_addresses_is_reserved() -> None:
    words = set()
    for route in routes(get_resolver().url_patterns):
        _before, found, after = route.partition(CHAPTER_PREFIX)
        first = after.split("/")[0]
        # A slug holds no "." ("citation.bib") and no converter ("<slug:side>").
        if found and re.fullmatch(r"[-a-z0-9_]+", first):
            words.add(first)

    assert words == set(CHAPTER_ROUTES)


@pytest.mark.parametrize("slug", CHAPTER_ROUTES)
def test_a_side_cannot_take_a_word_of_the_chapters_addresses(first_side: Side, slug: str) -> None:
    first_side.slug = slug

    with pytest.raises(ValidationError) as refused:
        first_side.full_clean()

    assert refused.value.message_dict["slug"] == [
        f"“{slug}” is a word of the chapter's own addresses: choose another slug."
    ]
    with pytest.raises(IntegrityError), transaction.atomic():
        Side.objects.filter(pk=first_side.pk).update(slug=slug)


def test_a_side_may_take_a_word_that_merely_starts_like_one(first_side: Side) -> None:
    first_side.slug = "status-quo"
    first_side.full_clean()
    first_side.save()


def test_the_admin_says_why_a_side_slug_is_refused(admin_client, study: Study) -> None:
    data = study_form(study) | {"sides-0-slug": "add-paper"}

    response = admin_client.post(f"/admin/positions/study/{study.pk}/change/", data)

    assert response.status_code == 200
    assert "is a word of the chapter&#x27;s own addresses" in response.content.decode()
    assert study.sides.get(position=1).slug == "nids"
