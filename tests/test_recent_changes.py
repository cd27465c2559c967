from django.contrib.auth.models import User
from django.db import models
from django.test import Client

from positions.editing.versions import save_if_current
from positions.models import Chapter, Paper, Point

URL = "/en/studies/asia-pacific/changes/"


def edit(obj: Paper | Point, by: User | None = None, reason: str = "", **changes: str) -> None:
    """Save a change through the version check, made by `by` as on a web request."""
    obj.refresh_from_db()
    for name, value in changes.items():
        setattr(obj, name, value)
    if by is not None:
        obj._history_user = by
    save_if_current(obj, expected_version=obj.version, reason=reason)


def rows(html: str) -> list[str]:
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    return body.split("<tr>")[1:]


def last_deletion(model: type[models.Model], pk: int) -> int:
    return model.history.filter(id=pk, history_type="-").latest().history_id


def test_it_lists_every_kind_of_change_newest_first_with_links(
    client: Client, chief: User, disagreement: Point, chapter: Chapter
):
    first_paper = disagreement.chapter.papers.get(side__slug="nids")
    edit(first_paper, by=chief, reason="Tightened the title", title="A firm alliance")
    first_paper.tags.add("alliances")
    edit(disagreement, reason="Clearer question", question="Missile defence")
    client.force_login(chief)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    newest = rows(html)[0]
    assert "Point" in newest and "Missile defence" in newest and "Clearer question" in newest
    assert 'href="/en/studies/asia-pacific/chapters/2/#point-missile-defense"' in newest
    point_ids = sorted(disagreement.history.values_list("history_id", flat=True))
    diff = (
        "/en/studies/asia-pacific/chapters/2/points/missile-defense/history/compare/"
        f"?old={point_ids[0]}&amp;new={point_ids[1]}"
    )
    assert f'href="{diff}"' in newest
    paper_row = next(row for row in rows(html) if "Tightened the title" in row)
    assert '<td class="history-table__who">chief</td>' in paper_row
    assert 'href="/en/studies/asia-pacific/chapters/2/nids/"' in paper_row
    assert "A firm alliance (Japan)" in paper_row
    assert any("Tag “alliances” on “A firm alliance”" in row for row in rows(html))
    assert any("Hanako Sato (佐藤花子), author of" in row for row in rows(html))
    assert any("Chapter 2: Factors regulating regional security" in row for row in rows(html))
    assert any("Security in the Asia-Pacific" in row for row in rows(html))


def test_it_filters_by_side(client: Client, chief: User, disagreement: Point):
    first_paper, second_paper = disagreement.chapter.papers.order_by("side__position")
    edit(first_paper, reason="Japan's paper edited")
    edit(second_paper, reason="Russia's paper edited")
    edit(disagreement, reason="Japan's stance edited", first_stance="Defensive only.")
    edit(disagreement, reason="Russia's stance edited", second_stance="Destabilising still.")
    client.force_login(chief)
    html = client.get(URL + "?side=nids").content.decode()
    assert "Japan&#x27;s paper edited" in html and "Japan&#x27;s stance edited" in html
    assert "Russia&#x27;s" not in html
    # The point's creation set both stances: it counts for each side.
    assert "Missile defense" in html
    html = client.get(URL + "?side=cmss-gs").content.decode()
    assert "Russia&#x27;s paper edited" in html and "Russia&#x27;s stance edited" in html
    assert "Japan&#x27;s" not in html
    assert '<option value="cmss-gs" selected>' in html


def test_it_filters_by_person_and_by_kind_of_object(
    client: Client, chief: User, first_editor: User, disagreement: Point
):
    first_paper = disagreement.chapter.papers.get(side__slug="nids")
    edit(first_paper, by=first_editor, reason="By Kenji")
    edit(disagreement, by=chief, reason="By the chief")
    client.force_login(chief)
    html = client.get(URL + "?person=kenji").content.decode()
    assert "By Kenji" in html and "By the chief" not in html
    assert len(rows(html)) == 1
    html = client.get(URL + "?person=(system)").content.decode()
    assert "By Kenji" not in html and "By the chief" not in html
    assert "Missile defense" in html
    html = client.get(URL + "?kind=point").content.decode()
    assert "By the chief" in html and "By Kenji" not in html
    assert all('<span class="subject">Point</span>' in row for row in rows(html))
    html = client.get(URL + "?kind=paper").content.decode()
    assert "By Kenji" in html and "By the chief" not in html
    # An unknown value filters nothing.
    assert len(rows(client.get(URL + "?kind=nonsense").content.decode())) > 2


def test_people_without_a_role_find_nothing_and_anonymous_readers_sign_in(
    client: Client, staff: User, disagreement: Point
):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/en/sign-in/")
    client.force_login(staff)
    assert client.get(URL).status_code == 404


def test_the_study_page_links_here_for_the_team(client: Client, reviewer: User, study):
    assert URL not in client.get("/en/studies/asia-pacific/").content.decode()
    client.force_login(reviewer)
    assert f'href="{URL}"' in client.get("/en/studies/asia-pacific/").content.decode()


def test_it_runs_the_same_queries_for_10_and_60_changes_and_pages_them(
    client: Client, django_assert_num_queries, chief: User, disagreement: Point
):
    first_paper = disagreement.chapter.papers.get(side__slug="nids")
    # The study, the chapter, two papers, their two authors and a point: 7 changes.
    for n in range(3):
        edit(first_paper, reason=f"Change {n}")
    client.force_login(chief)
    # Session, user, the study, roles, sides, people, the count, one per history table
    # (translations of papers, chapters and points included, and of the study's title,
    # its sides' labels, its institutes' and its tags' names).
    with django_assert_num_queries(22):
        response = client.get(URL)
    assert len(rows(response.content.decode())) == 10
    for n in range(3, 53):
        edit(first_paper if n % 2 else disagreement, reason=f"Change {n}")
    with django_assert_num_queries(22):
        response = client.get(URL)
    html = response.content.decode()
    assert "60 changes" in html and len(rows(html)) == 50
    assert rows(html)[0].count("Change 52") == 1
    with django_assert_num_queries(22):
        html = client.get(URL + "?page=2").content.decode()
    assert len(rows(html)) == 10
    assert "Page 2 of 2" in html and "Change 0<" in html


def test_a_deleted_paper_is_recovered_with_its_text_authors_and_tags(
    client: Client, chief: User, disagreement: Point
):
    paper = disagreement.chapter.papers.get(side__slug="nids")
    paper.tags.add("alliances")
    paper_id = paper.pk
    paper.delete()
    client.force_login(chief)
    html = client.get(URL).content.decode()
    deletion = last_deletion(Paper, paper_id)
    recover_url = f"/en/studies/asia-pacific/changes/papers/{deletion}/recover/"
    assert f'action="{recover_url}"' in html
    response = client.post(recover_url, follow=True)
    assert response.redirect_chain[-1][0] == "/en/studies/asia-pacific/chapters/2/nids/history/"
    assert "Recovered “The alliance as the cornerstone”" in response.content.decode()
    recovered = Paper.objects.get(pk=paper_id)
    assert recovered.body.startswith("The alliance holds.")
    assert 'id="nids-p2"' in recovered.body_html
    assert [author.name for author in recovered.author_list()] == ["Hanako Sato"]
    assert list(recovered.tags.names()) == ["alliances"]
    newest = recovered.history.first()
    assert newest.history_type == "+" and newest.history_user == chief
    assert newest.history_change_reason.startswith("Recovered after its deletion")
    # Once back, it is not offered again.
    assert f'action="{recover_url}"' not in client.get(URL).content.decode()
    assert client.post(recover_url).status_code == 302
    assert Paper.objects.filter(chapter=disagreement.chapter).count() == 2


def test_a_deleted_point_is_recovered_by_a_chief_editor_only(
    client: Client, chief: User, first_editor: User, disagreement: Point
):
    disagreement.tags.add("missile defense")
    point_id = disagreement.pk
    disagreement.delete()
    recover_url = (
        f"/en/studies/asia-pacific/changes/points/{last_deletion(Point, point_id)}/recover/"
    )
    client.force_login(first_editor)
    assert f'action="{recover_url}"' not in client.get(URL).content.decode()
    assert client.post(recover_url).status_code == 403
    assert not Point.objects.filter(pk=point_id).exists()
    client.force_login(chief)
    assert f'action="{recover_url}"' in client.get(URL).content.decode()
    response = client.post(recover_url)
    assert response["Location"] == (
        "/en/studies/asia-pacific/chapters/2/points/missile-defense/history/"
    )
    point = Point.objects.get(pk=point_id)
    assert (point.first_stance, point.second_stance) == ("Purely defensive.", "Destabilising.")
    assert list(point.tags.names()) == ["missile defense"]


def test_a_side_editor_recovers_only_their_sides_paper(
    client: Client, first_editor: User, second_editor: User, disagreement: Point
):
    paper = disagreement.chapter.papers.get(side__slug="nids")
    paper_id = paper.pk
    paper.delete()
    recover_url = (
        f"/en/studies/asia-pacific/changes/papers/{last_deletion(Paper, paper_id)}/recover/"
    )
    client.force_login(second_editor)
    assert f'action="{recover_url}"' not in client.get(URL).content.decode()
    assert client.post(recover_url).status_code == 403
    assert not Paper.objects.filter(pk=paper_id).exists()
    client.force_login(first_editor)
    assert client.post(recover_url).status_code == 302
    assert Paper.objects.filter(pk=paper_id).exists()


def test_a_paper_whose_place_is_taken_is_not_recovered(
    client: Client, chief: User, first_paper: Paper, first_side
):
    chapter = first_paper.chapter
    paper_id = first_paper.pk
    first_paper.delete()
    Paper.objects.create(chapter=chapter, side=first_side, title="A new paper")
    client.force_login(chief)
    recover_url = (
        f"/en/studies/asia-pacific/changes/papers/{last_deletion(Paper, paper_id)}/recover/"
    )
    response = client.post(recover_url, follow=True)
    assert "The chapter has another paper by this side now." in response.content.decode()
    assert list(Paper.objects.values_list("title", flat=True)) == ["A new paper"]


def test_outsiders_cannot_recover(client: Client, staff: User, reviewer: User, first_paper: Paper):
    paper_id = first_paper.pk
    first_paper.delete()
    recover_url = (
        f"/en/studies/asia-pacific/changes/papers/{last_deletion(Paper, paper_id)}/recover/"
    )
    assert client.post(recover_url).status_code == 302
    client.force_login(staff)
    assert client.post(recover_url).status_code == 404
    client.force_login(reviewer)
    assert client.post(recover_url).status_code == 403
    assert not Paper.objects.filter(pk=paper_id).exists()


def test_translations_are_listed_and_filtered_by_side(
    client: Client, chief: User, first_editor: User, disagreement: Point, chapter: Chapter
):
    from positions.models import ChapterTranslation, PointTranslation

    for translation in (
        ChapterTranslation(chapter=chapter, language="ja", title="地域安全保障の規定要因"),
        PointTranslation(point=disagreement, language="ja", part="first", text="防御的。"),
        PointTranslation(point=disagreement, language="ja", part="second", text="不安定化。"),
    ):
        translation._history_user = first_editor
        translation.follow_original()
        translation.save()
    client.force_login(chief)
    html = client.get(URL).content.decode()
    # Each text in its language, marked with it; the language named in the reader's.
    marked = '<span lang="ja">地域安全保障の規定要因</span> (Japanese)'
    assert any(marked in row for row in rows(html))
    stance = next(row for row in rows(html) if "first side&#x27;s stance (Japanese)" in row)
    assert "Translation" in stance and "kenji" in stance
    assert 'href="/en/studies/asia-pacific/chapters/2/?text=ja#point-missile-defense"' in stance
    html = client.get(URL + "?kind=translations&side=nids").content.decode()
    assert len(rows(html)) == 1 and "first side&#x27;s stance (Japanese)" in html


def test_the_datas_words_are_marked_with_their_language(
    client: Client, chief: User, first_editor: User, first_paper: Paper
):
    """A reader of the Japanese pages gets the English titles marked as English, the
    language names in Japanese, and no language codes."""
    from positions.models import PaperTranslation

    translation = PaperTranslation(
        paper=first_paper, language="ja", title="同盟の役割", body="本文。"
    )
    translation._history_user = first_editor
    translation.follow_original()
    translation.save()
    edit(first_paper, by=first_editor, title="A retitled paper")
    client.force_login(chief)
    html = client.get(URL.replace("/en/", "/ja/")).content.decode()
    paper_row = next(row for row in rows(html) if "A retitled paper" in row)
    assert '<span lang="en">A retitled paper</span>' in paper_row
    translated_row = next(row for row in rows(html) if "同盟の役割" in row)
    # The page is Japanese: the Japanese title needs no lang; the language has its name.
    assert "同盟の役割（日本語）" in translated_row
    assert "(ja)" not in html and "(en)" not in html
