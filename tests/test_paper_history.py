import pytest
from django.contrib.auth.models import User
from django.test import Client

from positions.editing.versions import save_if_current
from positions.models import Paper

URL = "/en/studies/asia-pacific/chapters/2/nids/history/"


def edit(paper: Paper, reason: str = "", **changes: str) -> None:
    """Save a change as an editor would, through the version check."""
    paper.refresh_from_db()
    for name, value in changes.items():
        setattr(paper, name, value)
    save_if_current(paper, expected_version=paper.version, reason=reason)


def revision_ids(paper: Paper) -> list[int]:
    """The paper's history ids, oldest first."""
    return list(paper.history.order_by("history_date").values_list("history_id", flat=True))


def test_it_lists_the_revisions_newest_first_with_who_when_and_why(
    client: Client, chief: User, first_paper: Paper
):
    edit(first_paper, reason="Tightened the title", title="The alliance as a cornerstone")
    client.force_login(chief)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "2 revisions, newest first." in html
    assert html.index("Tightened the title") < html.index("created")
    # Made outside a web request: nobody to name.
    assert "system" in html
    changed_row = html[html.index("Tightened the title") - 700 : html.index("Tightened the title")]
    assert "changed" in changed_row and "Title" in changed_row
    assert "Body" not in changed_row and "Text" not in changed_row
    # Any two revisions can be picked and compared, without JavaScript.
    assert 'action="/en/studies/asia-pacific/chapters/2/nids/history/compare/"' in html
    assert html.count('type="radio"') == 4
    assert '<label for="old-' in html and '<label for="new-' in html


def test_compare_shows_deleted_words_and_inserted_words(
    client: Client, reviewer: User, first_paper: Paper
):
    edit(first_paper, body=first_paper.body.replace("The alliance holds.", "The alliance endures."))
    old, new = revision_ids(first_paper)
    client.force_login(reviewer)
    response = client.get(f"{URL}compare/?old={old}&new={new}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<del>holds</del>" in html
    assert "<ins>endures</ins>" in html
    # The title did not change: shown as such, not as a diff.
    assert "Unchanged: show the text" in html


def test_compare_puts_the_older_revision_first_and_shows_the_tags_of_each(
    client: Client, chief: User, first_paper: Paper
):
    edit(first_paper, reason="Tagged", title="Alliances")
    first_paper.tags.add("alliances")
    old, new = revision_ids(first_paper)
    client.force_login(chief)
    html = client.get(f"{URL}compare/?old={new}&new={old}").content.decode()
    assert "<del>The alliance as the cornerstone</del>" in html
    assert "<ins>Alliances</ins>" in html
    tags_row = html[html.index(">Tags") : html.index("</tr>", html.index(">Tags"))]
    assert "<del>—</del>" in tags_row and "<ins>alliances</ins>" in tags_row


def test_compare_of_an_unknown_revision_is_404(
    client: Client, chief: User, first_paper: Paper, second_paper: Paper
):
    client.force_login(chief)
    others = second_paper.history.values_list("history_id", flat=True)
    assert client.get(f"{URL}compare/?new={others[0]}").status_code == 404
    assert client.get(f"{URL}compare/?new=nonsense").status_code == 404


@pytest.mark.parametrize("persona", ["chief", "first_editor"])
def test_restore_brings_back_the_old_text_as_a_new_revision(
    request, client: Client, persona: str, first_paper: Paper
):
    user = request.getfixturevalue(persona)
    edit(first_paper, reason="Rewrote", title="A worse title", body="Short.")
    # In review, so that the chief editor may change it; a restore keeps the status.
    Paper.objects.filter(pk=first_paper.pk).update(status=Paper.Status.IN_REVIEW)
    first_id = revision_ids(first_paper)[0]
    client.force_login(user)
    response = client.post(f"{URL}{first_id}/restore/", {"version": "2"}, follow=True)
    assert response.redirect_chain[-1][0] == URL
    first_paper.refresh_from_db()
    assert first_paper.title == "The alliance as the cornerstone"
    assert first_paper.body.startswith("The alliance holds.")
    assert 'id="nids-p2"' in first_paper.body_html
    assert first_paper.version == 3
    assert first_paper.status == Paper.Status.IN_REVIEW
    newest = first_paper.history.first()
    assert newest.history_user == user
    assert newest.history_change_reason.startswith("Restored the revision of ")
    assert newest.history_change_reason.endswith(" by system")
    html = response.content.decode()
    assert 'role="status"' in html and "as a new revision" in html
    # The history now names who restored it.
    assert f'<td class="history-table__who">{user.username}</td>' in html


@pytest.mark.parametrize("persona", ["reviewer", "second_editor"])
def test_restore_is_refused_to_those_who_may_not_change_the_paper(
    request, client: Client, persona: str, first_paper: Paper
):
    edit(first_paper, title="A worse title")
    first_id = revision_ids(first_paper)[0]
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 200
    assert "Restore this revision" not in client.get(URL).content.decode()
    assert client.post(f"{URL}{first_id}/restore/", {"version": "2"}).status_code == 403
    first_paper.refresh_from_db()
    assert (first_paper.title, first_paper.version) == ("A worse title", 2)


def test_anonymous_readers_are_sent_to_sign_in_and_change_nothing(
    client: Client, first_paper: Paper
):
    edit(first_paper, title="A worse title")
    first_id = revision_ids(first_paper)[0]
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/sign-in/?next=")
    assert client.post(f"{URL}{first_id}/restore/", {"version": "2"}).status_code == 302
    first_paper.refresh_from_db()
    assert first_paper.title == "A worse title"


def test_a_stale_restore_changes_nothing_and_says_so(
    client: Client, first_editor: User, first_paper: Paper
):
    edit(first_paper, title="Second")
    first_id = revision_ids(first_paper)[0]
    client.force_login(first_editor)
    assert 'name="version" value="2"' in client.get(URL).content.decode()
    # Someone saves while the page is open.
    edit(first_paper, title="Third, by someone else")
    response = client.post(f"{URL}{first_id}/restore/", {"version": "2"}, follow=True)
    assert response.redirect_chain[-1][0] == URL
    assert "Nothing was restored: someone changed it" in response.content.decode()
    first_paper.refresh_from_db()
    assert (first_paper.title, first_paper.version) == ("Third, by someone else", 3)
    assert first_paper.history.count() == 3


def test_people_without_a_role_in_the_study_find_no_history(
    client: Client, staff: User, first_paper: Paper
):
    edit(first_paper, title="Second")
    first_id = revision_ids(first_paper)[0]
    client.force_login(staff)
    assert client.get(URL).status_code == 404
    assert client.get(f"{URL}compare/").status_code == 404
    assert client.post(f"{URL}{first_id}/restore/", {"version": "2"}).status_code == 404
    first_paper.refresh_from_db()
    assert first_paper.title == "Second"


def test_the_paper_page_links_to_its_history_for_the_team_only(
    client: Client, reviewer: User, first_paper: Paper
):
    assert URL not in client.get("/en/studies/asia-pacific/chapters/2/nids/").content.decode()
    client.force_login(reviewer)
    html = client.get("/en/studies/asia-pacific/chapters/2/nids/").content.decode()
    assert f'href="{URL}"' in html
    assert 'href="/en/studies/asia-pacific/changes/"' in html


def test_the_history_and_compare_pages_run_a_fixed_number_of_queries(
    client: Client, django_assert_num_queries, first_editor: User, first_paper: Paper
):
    edit(first_paper, title="Second")
    client.force_login(first_editor)
    # Session, user, roles; the paper; the count and the page of revisions.
    with django_assert_num_queries(6):
        assert client.get(URL).status_code == 200
    # Session, user, roles; the paper; the timeline, the two revisions, the tag history.
    with django_assert_num_queries(7):
        assert client.get(f"{URL}compare/").status_code == 200
    for n in range(30):
        edit(first_paper, title=f"Title {n}")
    with django_assert_num_queries(6):
        response = client.get(URL)
    assert response.content.decode().count("Restore this revision<") == 31
    with django_assert_num_queries(7):
        assert client.get(f"{URL}compare/").status_code == 200


def test_long_histories_are_paged(client: Client, chief: User, first_paper: Paper):
    for n in range(55):
        edit(first_paper, title=f"Title {n}")
    client.force_login(chief)
    html = client.get(URL).content.decode()
    assert "Page 1 of 2" in html and 'href="?page=2"' in html
    html = client.get(URL + "?page=2").content.decode()
    assert html.count('type="radio" form="compare" name="old"') == 6
    # The first revision, counted from 1, is the last row of the last page.
    assert 'class="history-table__number">1 ' in html


def test_compare_of_huge_revisions_shows_them_whole_marked_too_large(
    client: Client, reviewer: User, first_paper: Paper
):
    # 150,000 characters each, unrelated word for word: once a diff of half a minute.
    edit(first_paper, body="*a " * 50_000)
    edit(first_paper, body="*b " * 50_000)
    _, old, new = revision_ids(first_paper)
    client.force_login(reviewer)
    response = client.get(f"{URL}compare/?old={old}&new={new}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Too large to compare word by word" in html
    body = html[html.index('id="text-body"') :]
    # Each side whole, its changes marked in a few stretches, not word by word.
    assert body.count("<del>") + body.count("<ins>") < 10
    assert "*a " * 1_000 in body and "*b " * 1_000 in body


def test_compare_of_a_huge_body_that_did_not_change_shows_it_unchanged(
    client: Client, reviewer: User, first_paper: Paper
):
    edit(first_paper, body="*a " * 50_000)
    edit(first_paper, title="The alliance as a cornerstone")
    _, old, new = revision_ids(first_paper)
    client.force_login(reviewer)
    html = client.get(f"{URL}compare/?old={old}&new={new}").content.decode()
    body = html[html.index('id="text-body"') :]
    assert "Unchanged: show the text" in body
    assert "Too large to compare" not in html
    assert "<del>" not in body and "<ins>" not in body


def test_compare_of_one_word_changed_in_a_huge_body_marks_that_word(
    client: Client, reviewer: User, first_paper: Paper
):
    paragraphs = [f"Paragraph {number} on the alliance." for number in range(5_000)]
    edit(first_paper, body="\n\n".join(paragraphs))
    paragraphs[2_500] = "Paragraph 2500 on the treaty."
    edit(first_paper, body="\n\n".join(paragraphs))
    _, old, new = revision_ids(first_paper)
    client.force_login(reviewer)
    html = client.get(f"{URL}compare/?old={old}&new={new}").content.decode()
    body = html[html.index('id="text-body"') :]
    assert body.count("<del>") == body.count("<ins>") == 1
    assert "<del>alliance</del>" in body and "<ins>treaty</ins>" in body
    assert "Too large to compare" not in html
