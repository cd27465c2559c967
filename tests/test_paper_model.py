import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from positions.models import Chapter, Institute, Paper, Side, Study


@pytest.fixture
def other_side(db) -> Side:
    other = Study.objects.create(title="Another study", slug="another")
    institute = Institute.objects.create(name="Another institute", abbreviation="AI", country="X")
    return Side.objects.create(
        study=other, position=1, institute=institute, label="Other", language="en", slug="other"
    )


def test_it_renders_and_stores_sanitized_html_when_saved(first_paper: Paper):
    first_paper.body = "New text <script>x()</script>"
    first_paper.save()
    first_paper.refresh_from_db()
    assert first_paper.body_html == '<p id="nids-p1">New text </p>\n'
    assert first_paper.passages == ["p1"]
    assert first_paper.render_problems == ["Removed 1 <script> element(s) with their content."]


def test_it_takes_its_study_from_its_chapter(first_paper: Paper, study: Study):
    assert first_paper.study == study


def test_publishing_without_a_date_sets_today(second_paper: Paper):
    second_paper.status = Paper.Status.DRAFT
    second_paper.published_on = None
    second_paper.save()
    assert second_paper.published_on is None
    second_paper.status = Paper.Status.PUBLISHED
    second_paper.save()
    assert second_paper.published_on == datetime.date.today()


def test_a_published_paper_without_a_date_is_refused_by_the_database(first_paper: Paper):
    with pytest.raises(IntegrityError), transaction.atomic():
        Paper.objects.filter(pk=first_paper.pk).update(published_on=None)


def test_clean_refuses_a_side_of_another_study(chapter: Chapter, other_side: Side):
    paper = Paper(chapter=chapter, side=other_side, title="Stray")
    with pytest.raises(ValidationError) as error:
        paper.full_clean()
    assert "This side belongs to another study" in str(error.value.message_dict["side"])


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite cannot add the composite foreign key"
)
def test_the_database_refuses_a_side_of_another_study(first_paper: Paper, other_side: Side):
    with pytest.raises(IntegrityError), transaction.atomic():
        Paper.objects.filter(pk=first_paper.pk).update(side=other_side)
        # The constraint is deferred to the end of the transaction.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def test_a_chapter_has_one_paper_per_side(first_paper: Paper):
    duplicate = Paper(chapter=first_paper.chapter, side=first_paper.side, title="Again")
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "already has a paper by this side" in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_published_and_visible_to(
    first_paper: Paper, second_paper: Paper, reviewer, staff, superuser
):
    from django.contrib.auth.models import AnonymousUser

    second_paper.status = Paper.Status.DRAFT
    second_paper.save()
    assert list(Paper.objects.published()) == [first_paper]
    assert list(Paper.objects.visible_to(AnonymousUser())) == [first_paper]
    # Staff of no role in the study read it as readers do.
    assert list(Paper.objects.visible_to(staff)) == [first_paper]
    assert set(Paper.objects.visible_to(reviewer)) == {first_paper, second_paper}
    assert set(Paper.objects.visible_to(superuser)) == {first_paper, second_paper}


def test_the_team_of_another_study_does_not_see_drafts(second_paper: Paper, db):
    from tests.helpers import member

    other = Study.objects.create(title="Another", slug="another")
    outsider = member(other, "other-chief", "chief_editor")
    second_paper.status = Paper.Status.DRAFT
    second_paper.save()
    assert list(Paper.objects.visible_to(outsider)) == []


def test_changing_a_sides_slug_renames_the_passage_ids(first_paper: Paper):
    side = first_paper.side
    side.slug = "japan"
    side.save()
    first_paper.refresh_from_db()
    assert 'id="japan-p1"' in first_paper.body_html
    assert 'href="#fn-japan-1"' in first_paper.body_html
