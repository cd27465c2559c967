from django.contrib.auth.models import User

from positions.models import Paper, Point
from tests.helpers import grow_chapter

URL = "/en/studies/asia-pacific/chapters/2/nids/"


def test_it_shows_the_paper_with_its_side_authors_and_footnotes(client, first_paper: Paper):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1" in html and "The alliance as the cornerstone" in html
    assert "National Institute for Defense Studies" in html
    assert 'href="/en/authors/hanako-sato/"' in html
    assert 'id="fn-nids-1"' in html
    assert '<time datetime="2007-03-01">1 March 2007</time>' in html


def test_it_links_to_the_other_sides_paper_and_the_chapters_points(client, disagreement: Point):
    html = client.get(URL).content.decode()
    assert 'href="/en/studies/asia-pacific/chapters/2/cmss-gs/"' in html
    assert 'href="/en/studies/asia-pacific/chapters/2/#point-missile-defense"' in html
    assert 'href="#nids-p2"' in html


def test_it_hides_drafts_from_readers(client, first_paper: Paper):
    first_paper.status = Paper.Status.DRAFT
    first_paper.save()
    assert client.get(URL).status_code == 404


def test_it_shows_drafts_to_the_studys_team_marked_as_such(
    client, reviewer: User, first_paper: Paper
):
    first_paper.status = Paper.Status.DRAFT
    first_paper.save()
    client.force_login(reviewer)
    response = client.get(URL)
    assert response.status_code == 200
    assert "Draft: not visible to readers" in response.content.decode()


def test_unknown_side_is_404(client, first_paper: Paper):
    assert client.get("/en/studies/asia-pacific/chapters/2/nobody/").status_code == 404


def test_it_runs_a_fixed_number_of_queries(client, django_assert_num_queries, disagreement: Point):
    with django_assert_num_queries(6):
        client.get(URL)
    grow_chapter(disagreement.chapter, points=30)
    with django_assert_num_queries(6):
        client.get(URL)
