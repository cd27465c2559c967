from django.contrib.auth.models import User

from positions.models import Chapter, Paper, Point
from tests.helpers import grow_chapter

URL = "/en/studies/asia-pacific/chapters/2/"


def test_it_shows_both_papers_side_by_side_with_their_sides(
    client, first_paper: Paper, second_paper: Paper
):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "The alliance as the cornerstone" in html
    assert "Towards collective security" in html
    # Columns in the study's side order, each headed by its institute and authors.
    assert html.index('id="paper-nids"') < html.index('id="paper-cmss-gs"')
    assert "National Institute for Defense Studies" in html
    assert 'lang="ja">佐藤花子<' in html
    assert 'lang="ru">Ольга Иванова<' in html


def test_it_lines_up_points_with_both_stances_and_a_marker_readable_without_colour(
    client, disagreement: Point
):
    html = client.get(URL).content.decode()
    row = html[html.index('id="point-missile-defense"') :]
    row = row[: row.index("</tr>")]
    assert row.index("Purely defensive.") < row.index("Destabilising.")
    assert "≠" in row and "Disagree" in row
    assert 'href="#point-missile-defense"' in row


def test_point_links_to_the_passages_it_cites(client, disagreement: Point):
    html = client.get(URL).content.decode()
    assert 'href="#nids-p2"' in html
    assert 'href="#cmss-gs-p2"' in html
    assert 'id="nids-p2"' in html and 'id="cmss-gs-p2"' in html


def test_footnotes_work_within_each_paper(client, first_paper: Paper):
    html = client.get(URL).content.decode()
    assert 'href="#fn-nids-1"' in html
    assert 'id="fn-nids-1"' in html
    assert 'href="#fnref-nids-1"' in html


def test_filter_shows_only_points_of_one_agreement(client, disagreement: Point, agreement: Point):
    html = client.get(URL + "?agreement=disagree").content.decode()
    assert "Missile defense" in html
    assert "Terrorism and proliferation" not in html
    assert 'aria-current="true"' in html


def test_unknown_filter_shows_all_points(client, disagreement: Point, agreement: Point):
    html = client.get(URL + "?agreement=nonsense").content.decode()
    assert "Missile defense" in html and "Terrorism and proliferation" in html


def test_it_hides_drafts_from_readers(client, first_paper: Paper, second_paper: Paper):
    second_paper.status = Paper.Status.DRAFT
    second_paper.save()
    html = client.get(URL).content.decode()
    assert "Towards collective security" not in html
    assert "A collective mechanism is needed." not in html
    assert "not been published yet" in html


def test_it_does_not_link_readers_to_passages_of_drafts(client, disagreement: Point):
    Paper.objects.filter(side__slug="cmss-gs").update(status=Paper.Status.DRAFT)
    html = client.get(URL).content.decode()
    assert 'href="#cmss-gs-p2"' not in html
    assert 'href="#nids-p2"' in html


def test_it_shows_drafts_to_the_studys_team_marked_as_such(
    client, reviewer: User, first_paper: Paper, second_paper: Paper
):
    second_paper.status = Paper.Status.DRAFT
    second_paper.save()
    client.force_login(reviewer)
    html = client.get(URL).content.decode()
    assert "Towards collective security" in html
    assert "Draft: not visible to readers" in html


def test_unknown_chapter_is_404(client, chapter: Chapter):
    assert client.get("/en/studies/asia-pacific/chapters/99/").status_code == 404
    assert client.get("/en/studies/nowhere/chapters/2/").status_code == 404


def test_it_runs_the_same_number_of_queries_for_small_and_large_chapters(
    client, django_assert_num_queries, disagreement: Point
):
    with django_assert_num_queries(6):
        assert client.get(URL).status_code == 200
    grow_chapter(disagreement.chapter, points=40, tags=15)
    with django_assert_num_queries(6):
        response = client.get(URL)
    assert response.content.decode().count('class="point point--') == 41


def test_staff_without_a_role_in_the_study_do_not_see_drafts(
    client, staff: User, first_paper: Paper, second_paper: Paper
):
    second_paper.status = Paper.Status.DRAFT
    second_paper.save()
    client.force_login(staff)
    assert "Towards collective security" not in client.get(URL).content.decode()


def test_edit_links_follow_the_readers_roles(
    client, first_editor: User, chief: User, reviewer: User, first_paper: Paper, second_paper: Paper
):
    client.force_login(first_editor)
    html = client.get(URL).content.decode()
    assert f"/admin/positions/paper/{first_paper.pk}/change/" in html
    assert f"/admin/positions/paper/{second_paper.pk}/change/" not in html
    assert "Edit this chapter in the admin" not in html
    client.force_login(chief)
    html = client.get(URL).content.decode()
    # Published words are their side's: the chief editor edits a paper in draft or review.
    assert f"/admin/positions/paper/{second_paper.pk}/change/" not in html
    assert "Edit this chapter in the admin" in html
    Paper.objects.filter(pk=second_paper.pk).update(status=Paper.Status.IN_REVIEW)
    html = client.get(URL).content.decode()
    assert f"/admin/positions/paper/{second_paper.pk}/change/" in html
    client.force_login(reviewer)
    assert "/change/" not in client.get(URL).content.decode()


def test_a_signed_in_member_adds_one_query_for_their_roles(
    client, django_assert_num_queries, reviewer: User, disagreement: Point
):
    client.force_login(reviewer)
    # Session and user, then the roles once, then the page's own six.
    with django_assert_num_queries(9):
        client.get(URL)
    grow_chapter(disagreement.chapter, points=20)
    with django_assert_num_queries(9):
        client.get(URL)


def test_editors_are_offered_to_edit_what_their_role_lets_them_change(
    client, first_editor: User, chief: User, reviewer: User, disagreement: Point
):
    point_edit = 'href="/en/studies/asia-pacific/chapters/2/points/missile-defense/edit/"'
    client.force_login(first_editor)
    html = client.get(URL).content.decode()
    assert 'href="/en/studies/asia-pacific/chapters/2/nids/edit/"' in html
    assert "/cmss-gs/edit/" not in html
    row = html[html.index('id="point-missile-defense"') :]
    row = row[: row.index("</tr>")]
    # In the editor's own side's cell, the first of the two.
    assert row.count(point_edit) == 1
    assert row.index("Purely defensive.") < row.index(point_edit) < row.index("Destabilising.")
    assert "Edit your side's stance" in row and "Edit this point" not in row

    client.force_login(chief)
    html = client.get(URL).content.decode()
    assert "/nids/edit/" not in html and "/cmss-gs/edit/" not in html
    assert "Edit this point" in html and "Edit your side's stance" not in html
    disagreement.chapter.papers.update(status=Paper.Status.DRAFT)
    html = client.get(URL).content.decode()
    assert "/nids/edit/" in html and "/cmss-gs/edit/" in html

    client.force_login(reviewer)
    assert "/edit/" not in client.get(URL).content.decode()


def test_an_editor_runs_the_same_number_of_queries_for_small_and_large_chapters(
    client, django_assert_num_queries, first_editor: User, disagreement: Point
):
    client.force_login(first_editor)
    with django_assert_num_queries(9):
        assert client.get(URL).status_code == 200
    grow_chapter(disagreement.chapter, points=40, tags=15)
    with django_assert_num_queries(9):
        response = client.get(URL)
    assert response.content.decode().count("Edit your side's stance") == 41
