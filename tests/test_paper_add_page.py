"""Adding the paper of a side to a chapter, on the site."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from positions.models import Paper

URL = "/en/studies/asia-pacific/chapters/2/add-paper/?side=cmss-gs"
CHAPTER = "/en/studies/asia-pacific/chapters/2/"


def data(**changes: str) -> dict[str, str]:
    return {
        "title": "Towards collective security",
        "abstract": "",
        "body": "A collective mechanism is needed.",
        "status": "draft",
        "tags": "",
        "message": "First draft",
    } | changes


def test_a_side_editor_adds_their_sides_paper_as_a_draft(
    client: Client, second_editor: User, first_paper: Paper
):
    client.force_login(second_editor)
    response = client.get(URL)
    assert response.status_code == 200
    assert "Add the Russia paper to chapter 2" in response.content.decode()

    response = client.post(URL, data())

    assert response.status_code == 302
    assert response["Location"] == "/en/studies/asia-pacific/chapters/2/cmss-gs/"
    paper = Paper.objects.get(side__slug="cmss-gs")
    assert (paper.title, paper.status, paper.version) == (
        "Towards collective security",
        "draft",
        1,
    )
    assert paper.body_html == '<p id="cmss-gs-p1">A collective mechanism is needed.</p>\n'
    assert paper.history.get().history_change_reason == "First draft"


@pytest.mark.parametrize("persona", ["first_editor", "reviewer", "staff"])
def test_it_refuses_those_who_do_not_write_for_the_side(
    request, client: Client, first_paper: Paper, persona: str
):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 403
    assert client.post(URL, data()).status_code == 403
    assert not Paper.objects.filter(side__slug="cmss-gs").exists()


def test_anonymous_visitors_are_sent_to_sign_in(client: Client, first_paper: Paper):
    response = client.post(URL, data())
    assert response.status_code == 302
    assert response["Location"].startswith("/en/sign-in/")
    assert Paper.objects.count() == 1


def test_a_side_that_has_its_paper_is_sent_to_edit_it(
    client: Client, second_editor: User, second_paper: Paper
):
    client.force_login(second_editor)
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == "/en/studies/asia-pacific/chapters/2/cmss-gs/edit/"


def test_an_unknown_side_is_404(client: Client, chief: User, first_paper: Paper):
    client.force_login(chief)
    assert (
        client.get("/en/studies/asia-pacific/chapters/2/add-paper/?side=nowhere").status_code == 404
    )
    assert client.get("/en/studies/asia-pacific/chapters/2/add-paper/").status_code == 404


def test_bad_input_is_explained_and_adds_nothing(
    client: Client, second_editor: User, first_paper: Paper
):
    client.force_login(second_editor)
    response = client.post(URL, data(title="", body="Kept."))
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not Paper.objects.filter(side__slug="cmss-gs").exists()


def test_the_chapter_page_offers_to_add_only_the_sides_the_reader_writes_for(
    client: Client, first_editor: User, second_editor: User, first_paper: Paper
):
    client.force_login(second_editor)
    assert 'href="/en/studies/asia-pacific/chapters/2/add-paper/?side=cmss-gs"' in (
        client.get(CHAPTER).content.decode()
    )
    client.force_login(first_editor)
    assert "add-paper" not in client.get(CHAPTER).content.decode()


def test_a_paper_added_meanwhile_by_someone_else_is_explained(
    client: Client, second_editor: User, first_paper: Paper, second_side, monkeypatch
):
    import positions.editing.views

    real_save_form = positions.editing.views.save_form

    def someone_adds_first(form, **kwargs):
        Paper.objects.create(chapter=first_paper.chapter, side=second_side, title="Theirs")
        return real_save_form(form, **kwargs)

    monkeypatch.setattr(positions.editing.views, "save_form", someone_adds_first)
    client.force_login(second_editor)
    response = client.post(URL, data(title="Mine"))
    assert response.status_code == 409
    html = response.content.decode()
    assert "The Russia paper of this chapter was added meanwhile by someone else." in html
    assert 'value="Mine"' in html
    assert list(Paper.objects.filter(side=second_side).values_list("title", flat=True)) == [
        "Theirs"
    ]
