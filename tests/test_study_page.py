from django.contrib.auth.models import User

from positions.models import Paper, Point, Study
from tests.helpers import grow_chapter

URL = "/en/studies/asia-pacific/"


def test_it_shows_the_study_its_sides_and_chapters_with_papers(
    client, study: Study, disagreement: Point
):
    study.introduction = "A *joint* study.<script>alert(1)</script>"
    study.save()
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<em>joint</em>" in html
    assert "<script>alert" not in html
    assert "FY2005–FY2006" in html
    assert "Factors regulating regional security" in html
    assert 'href="/en/studies/asia-pacific/chapters/2/nids/"' in html
    assert "1 disagreed" in html


def test_it_hides_drafts_from_readers(client, first_paper: Paper):
    first_paper.status = Paper.Status.DRAFT
    first_paper.save()
    assert "The alliance as the cornerstone" not in client.get(URL).content.decode()


def test_it_shows_drafts_to_the_studys_team(client, reviewer: User, first_paper: Paper):
    first_paper.status = Paper.Status.DRAFT
    first_paper.save()
    client.force_login(reviewer)
    html = client.get(URL).content.decode()
    assert "The alliance as the cornerstone" in html
    assert "Draft: not visible to readers" in html


def test_unknown_study_is_404(client, study: Study):
    assert client.get("/en/studies/nowhere/").status_code == 404


def test_it_runs_a_fixed_number_of_queries(client, django_assert_num_queries, disagreement: Point):
    with django_assert_num_queries(5):
        client.get(URL)
    grow_chapter(disagreement.chapter, points=30)
    with django_assert_num_queries(5):
        client.get(URL)
