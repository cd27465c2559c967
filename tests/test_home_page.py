from positions.models import Chapter, Point
from tests.helpers import grow_chapter


def test_it_lists_studies_with_their_institutes_and_chapters(client, disagreement: Point):
    response = client.get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Security in the Asia-Pacific" in html
    assert "National Institute for Defense Studies" in html
    assert "Center for Military-Strategic Studies" in html
    assert 'href="/en/studies/asia-pacific/chapters/2/"' in html


def test_it_counts_points_by_agreement_for_each_chapter(
    client, disagreement: Point, agreement: Point
):
    html = client.get("/en/").content.decode()
    assert "1 agreed" in html
    assert "0 partly agreed" in html
    assert "1 disagreed" in html


def test_it_runs_a_fixed_number_of_queries(client, django_assert_num_queries, disagreement: Point):
    with django_assert_num_queries(3):
        client.get("/en/")
    grow_chapter(disagreement.chapter, points=30)
    with django_assert_num_queries(3):
        html = client.get("/en/").content.decode()
    assert "10 agreed" in html and "11 disagreed" in html


def test_it_answers_head_requests(client, db):
    assert client.head("/en/").status_code == 200


def test_favicon_ico_leads_to_the_sites_icon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/positions/favicon.svg"


def test_an_unpublished_chapter_is_listed_for_its_team_only(client, reviewer, disagreement: Point):
    Chapter.objects.filter(pk=disagreement.chapter_id).update(status=Chapter.Status.DRAFT)
    assert "Factors regulating regional security" not in client.get("/en/").content.decode()
    client.force_login(reviewer)
    html = client.get("/en/").content.decode()
    assert "Factors regulating regional security" in html and "not published" in html
