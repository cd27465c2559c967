from django.contrib.auth.models import User

from positions.models import Author, Paper


def test_it_shows_the_author_in_both_scripts_with_their_papers(client, first_paper: Paper):
    response = client.get("/en/authors/hanako-sato/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hanako Sato" in html
    assert '<span class="original-name" lang="ja">佐藤花子</span>' in html
    assert 'href="/en/studies/asia-pacific/chapters/2/nids/"' in html


def test_it_hides_drafts_from_readers(client, first_paper: Paper):
    first_paper.status = Paper.Status.DRAFT
    first_paper.save()
    html = client.get("/en/authors/hanako-sato/").content.decode()
    assert "The alliance as the cornerstone" not in html
    assert "No published papers yet." in html


def test_it_shows_drafts_to_the_studys_team(client, reviewer: User, first_paper: Paper):
    first_paper.status = Paper.Status.DRAFT
    first_paper.save()
    client.force_login(reviewer)
    assert (
        "The alliance as the cornerstone" in client.get("/en/authors/hanako-sato/").content.decode()
    )


def test_unknown_author_is_404(client, db):
    assert client.get("/en/authors/nobody/").status_code == 404


def test_it_runs_a_fixed_number_of_queries(
    client, django_assert_num_queries, sato: Author, first_paper: Paper, second_paper: Paper
):
    with django_assert_num_queries(2):
        client.get("/en/authors/hanako-sato/")
    second_paper.authorships.create(author=sato)
    with django_assert_num_queries(2):
        html = client.get("/en/authors/hanako-sato/").content.decode()
    assert "Towards collective security" in html
