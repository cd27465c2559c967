import pytest
from django.contrib.auth.models import User
from django.test import Client

from positions.editing.versions import save_if_current
from positions.models import Point
from tests.helpers import grow_chapter

URL = "/en/studies/asia-pacific/chapters/2/points/missile-defense/history/"


def edit(point: Point, reason: str = "", **changes: str) -> None:
    point.refresh_from_db()
    for name, value in changes.items():
        setattr(point, name, value)
    save_if_current(point, expected_version=point.version, reason=reason)


def revision_ids(point: Point) -> list[int]:
    return list(point.history.order_by("history_date").values_list("history_id", flat=True))


def test_it_lists_the_revisions_naming_each_sides_stance(
    client: Client, reviewer: User, disagreement: Point
):
    edit(disagreement, reason="Sharper wording", second_stance="Destabilising the region.")
    client.force_login(reviewer)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "History of “Missile defense”" in html
    assert "Sharper wording" in html
    assert "Russia stance" in html
    assert "Japan stance" not in html


def test_compare_shows_both_stances_word_by_word(client: Client, chief: User, disagreement: Point):
    edit(disagreement, first_stance="Purely defensive, and limited.", second_stance="Risky.")
    old, new = revision_ids(disagreement)
    client.force_login(chief)
    html = client.get(f"{URL}compare/?old={old}&new={new}").content.decode()
    assert "<ins>, and limited</ins>" in html
    assert "<del>Destabilising</del>" in html and "<ins>Risky</ins>" in html
    assert "Japan stance" in html and "Russia stance" in html


def test_a_chief_editor_restores_both_stances_as_a_new_revision(
    client: Client, chief: User, disagreement: Point
):
    edit(disagreement, first_stance="Changed one.", second_stance="Changed two.")
    first_id = revision_ids(disagreement)[0]
    client.force_login(chief)
    response = client.post(f"{URL}{first_id}/restore/", {"version": "2"})
    assert response.status_code == 302 and response["Location"] == URL
    disagreement.refresh_from_db()
    assert (disagreement.first_stance, disagreement.second_stance) == (
        "Purely defensive.",
        "Destabilising.",
    )
    assert disagreement.version == 3
    newest = disagreement.history.first()
    assert newest.history_user == chief
    assert newest.history_change_reason.startswith("Restored the revision of ")


@pytest.mark.parametrize("persona", ["first_editor", "second_editor", "reviewer"])
def test_only_chief_editors_may_restore_a_point(
    request, client: Client, persona: str, disagreement: Point
):
    edit(disagreement, first_stance="Changed one.")
    first_id = revision_ids(disagreement)[0]
    client.force_login(request.getfixturevalue(persona))
    assert "Restore this revision" not in client.get(URL).content.decode()
    assert client.post(f"{URL}{first_id}/restore/", {"version": "2"}).status_code == 403
    disagreement.refresh_from_db()
    assert (disagreement.first_stance, disagreement.version) == ("Changed one.", 2)


def test_a_stale_restore_changes_nothing_and_says_so(
    client: Client, chief: User, disagreement: Point
):
    edit(disagreement, first_stance="Second.")
    first_id = revision_ids(disagreement)[0]
    edit(disagreement, first_stance="Third.")
    client.force_login(chief)
    response = client.post(f"{URL}{first_id}/restore/", {"version": "2"}, follow=True)
    assert "Nothing was restored" in response.content.decode()
    disagreement.refresh_from_db()
    assert (disagreement.first_stance, disagreement.version) == ("Third.", 3)


def test_outsiders_find_nothing_and_anonymous_readers_are_sent_to_sign_in(
    client: Client, staff: User, disagreement: Point
):
    edit(disagreement, first_stance="Second.")
    first_id = revision_ids(disagreement)[0]
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/en/sign-in/")
    assert client.post(f"{URL}{first_id}/restore/", {"version": "2"}).status_code == 302
    client.force_login(staff)
    assert client.get(URL).status_code == 404
    assert client.get(f"{URL}compare/").status_code == 404
    assert client.post(f"{URL}{first_id}/restore/", {"version": "2"}).status_code == 404
    disagreement.refresh_from_db()
    assert disagreement.first_stance == "Second."


def test_the_chapter_page_links_each_point_to_its_history_for_the_team(
    client: Client, reviewer: User, disagreement: Point, agreement: Point
):
    chapter_url = "/en/studies/asia-pacific/chapters/2/"
    assert "/history/" not in client.get(chapter_url).content.decode()
    client.force_login(reviewer)
    html = client.get(chapter_url).content.decode()
    assert f'href="{URL}"' in html
    assert 'href="/en/studies/asia-pacific/chapters/2/points/new-threats/history/"' in html
    assert 'href="/en/studies/asia-pacific/chapters/2/nids/history/"' in html


def test_the_history_and_compare_pages_run_a_fixed_number_of_queries(
    client: Client, django_assert_num_queries, chief: User, disagreement: Point
):
    client.force_login(chief)
    # Session, user, roles; the point; the sides; the count and the page of revisions.
    with django_assert_num_queries(7):
        assert client.get(URL).status_code == 200
    # Session, user, roles; the point; the sides; timeline, two revisions, tag history.
    with django_assert_num_queries(8):
        assert client.get(f"{URL}compare/").status_code == 200
    grow_chapter(disagreement.chapter, points=5)
    for n in range(20):
        edit(disagreement, first_stance=f"Stance {n}.")
        disagreement.tags.add(f"tag {n}")
    with django_assert_num_queries(7):
        assert client.get(URL).status_code == 200
    with django_assert_num_queries(8):
        assert client.get(f"{URL}compare/").status_code == 200
