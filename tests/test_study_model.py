"""Deleting a study takes everything in it; a side with papers stays while its study does."""

import pytest
from django.db.models import RestrictedError

from positions.models import Author, Chapter, Paper, Point, Side, Study


def test_deleting_a_study_deletes_its_chapters_papers_points_and_sides(
    study, first_paper, second_paper, disagreement, sato
):
    study.delete()
    assert not Study.objects.exists()
    assert not Chapter.objects.exists()
    assert not Paper.objects.exists()
    assert not Point.objects.exists()
    assert not Side.objects.exists()
    # Authors are people, not part of a study: they stay.
    assert Author.objects.filter(pk=sato.pk).exists()


def test_a_side_with_papers_cannot_be_deleted_alone(first_side, first_paper):
    with pytest.raises(RestrictedError):
        first_side.delete()
    assert Paper.objects.filter(pk=first_paper.pk).exists()


def test_the_admin_deletes_a_study_with_unpublished_papers(client, superuser, study, chapter):
    Paper.objects.create(chapter=chapter, side=study.sides.get(position=1), title="A draft")
    client.force_login(superuser)
    url = f"/admin/positions/study/{study.pk}/delete/"
    assert "Cannot delete" not in client.get(url).content.decode()
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not Study.objects.exists()


def test_the_admin_keeps_a_study_whose_papers_readers_can_read(
    client, superuser, study, first_paper
):
    # Published papers are never deleted (roles.can_delete_paper): unpublish first.
    client.force_login(superuser)
    url = f"/admin/positions/study/{study.pk}/delete/"
    assert "Cannot delete study" in client.get(url).content.decode()
    client.post(url, {"post": "yes"})
    assert Study.objects.filter(pk=study.pk).exists()
