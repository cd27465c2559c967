from positions.models import Chapter, Paper, Point
from tests.conftest import grow_chapter


def test_it_lists_every_chapter_paper_and_point_with_the_tag(
    client, chapter: Chapter, first_paper: Paper, disagreement: Point
):
    chapter.tags.add("Missile defense")
    first_paper.tags.add("Missile defense")
    disagreement.tags.add("Missile defense")
    response = client.get("/en/tags/missile-defense/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="/en/studies/asia-pacific/chapters/2/"' in html
    assert 'href="/en/studies/asia-pacific/chapters/2/nids/"' in html
    assert 'href="/en/studies/asia-pacific/chapters/2/#point-missile-defense"' in html


def test_it_hides_draft_papers_from_readers(client, first_paper: Paper, chapter: Chapter):
    chapter.tags.add("alliances")
    first_paper.tags.add("alliances")
    first_paper.status = Paper.Status.DRAFT
    first_paper.save()
    html = client.get("/en/tags/alliances/").content.decode()
    assert "The alliance as the cornerstone" not in html


def test_a_tag_on_drafts_only_is_404_for_readers(client, first_paper: Paper):
    first_paper.tags.add("secret")
    first_paper.status = Paper.Status.DRAFT
    first_paper.save()
    assert client.get("/en/tags/secret/").status_code == 404


def test_unknown_tag_is_404(client, db):
    assert client.get("/en/tags/nothing/").status_code == 404


def test_it_runs_a_fixed_number_of_queries(client, django_assert_num_queries, disagreement: Point):
    disagreement.tags.add("theme 0")
    with django_assert_num_queries(4):
        client.get("/en/tags/theme-0/")
    grow_chapter(disagreement.chapter, points=30)
    with django_assert_num_queries(4):
        html = client.get("/en/tags/theme-0/").content.decode()
    assert html.count("#point-question-") == 30


def test_it_hides_unpublished_chapters_and_their_points_from_readers(
    client, reviewer, disagreement: Point, chapter: Chapter
):
    chapter.tags.add("security")
    disagreement.tags.add("security")
    Chapter.objects.filter(pk=chapter.pk).update(status=Chapter.Status.DRAFT)
    assert client.get("/en/tags/security/").status_code == 404
    client.force_login(reviewer)
    html = client.get("/en/tags/security/").content.decode()
    assert "Missile defense" in html and "Factors regulating regional security" in html
