import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from positions.models import Agreement, Chapter, Paper, Point


def point(chapter: Chapter, **fields) -> Point:
    values = {
        "question": "The role of the SCO",
        "slug": "sco",
        "first_stance": "A concern.",
        "second_stance": "A partner.",
        "agreement": Agreement.DISAGREE,
    }
    return Point(chapter=chapter, **(values | fields))


def test_both_sides_need_a_stance_unless_one_side_only(chapter: Chapter):
    with pytest.raises(ValidationError) as error:
        point(chapter, second_stance="").full_clean()
    assert "Both sides need a stance" in str(error.value.message_dict["agreement"])
    with pytest.raises(IntegrityError), transaction.atomic():
        point(chapter, second_stance="").save()


def test_one_side_only_means_exactly_one_stance(chapter: Chapter):
    with pytest.raises(ValidationError):
        point(chapter, agreement=Agreement.ONE_SIDE).full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        point(chapter, agreement=Agreement.ONE_SIDE).save()
    point(chapter, agreement=Agreement.ONE_SIDE, first_stance="").full_clean()


def test_an_unknown_agreement_is_refused_by_the_database(chapter: Chapter):
    with pytest.raises(IntegrityError), transaction.atomic():
        point(chapter, agreement="maybe").save()


def test_a_passage_must_exist_in_the_sides_paper(
    chapter: Chapter, first_paper: Paper, second_paper: Paper
):
    with pytest.raises(ValidationError) as error:
        point(chapter, first_passage="p9").full_clean()
    message = str(error.value.message_dict["first_passage"])
    assert "“p9” is not a passage of “The alliance as the cornerstone”" in message
    assert "p1, p2" in message
    valid = point(chapter, first_passage="#p2", second_passage="p1")
    valid.full_clean()
    assert valid.first_passage == "p2"


def test_a_passage_needs_the_sides_paper(chapter: Chapter, first_paper: Paper):
    with pytest.raises(ValidationError) as error:
        point(chapter, second_passage="p1").full_clean()
    assert "no paper in the chapter yet" in str(error.value.message_dict["second_passage"])


def test_slugs_are_unique_within_a_chapter(chapter: Chapter):
    point(chapter).save()
    with pytest.raises(IntegrityError), transaction.atomic():
        point(chapter).save()


def test_its_url_is_an_anchor_on_the_chapter_page(disagreement: Point):
    assert (
        disagreement.get_absolute_url()
        == "/en/studies/asia-pacific/chapters/2/#point-missile-defense"
    )
