import datetime

from django.contrib.auth.models import User

from positions.models import Agreement, Chapter, Institute, Paper, Point, Side, Study
from tests.helpers import grow_chapter


def other_study_point(question: str = "Missile defence in Europe", **fields) -> Point:
    """A point of another study, whose sides are labelled otherwise."""
    study = Study.objects.create(title="Security in Europe", slug="europe")
    for position, label, abbreviation in [(1, "France", "IRSEM"), (2, "Germany", "SWP")]:
        institute = Institute.objects.create(
            name=f"{label}'s institute", abbreviation=abbreviation, country=label
        )
        Side.objects.create(
            study=study,
            position=position,
            institute=institute,
            label=label,
            language="en",
            slug=abbreviation.lower(),
        )
    chapter = Chapter.objects.create(
        study=study,
        number=1,
        title="Defence",
        status=Chapter.Status.PUBLISHED,
        published_on=datetime.date(2008, 1, 1),
    )
    return Point.objects.create(
        chapter=chapter,
        question=question,
        slug="missile-defence",
        first_stance=fields.get("first_stance", "Useful."),
        second_stance=fields.get("second_stance", "Costly."),
        agreement=fields.get("agreement", Agreement.PARTLY),
    )


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
    # The tag, its chapters, papers and points, and the sides of the points' studies.
    with django_assert_num_queries(5):
        client.get("/en/tags/theme-0/")
    grow_chapter(disagreement.chapter, points=30)
    other_study_point().tags.add("theme 0")
    with django_assert_num_queries(5):
        html = client.get("/en/tags/theme-0/").content.decode()
    assert html.count("#point-question-") == 30
    assert "#point-missile-defence" in html


def test_a_tag_without_points_runs_as_many_queries(
    client, django_assert_num_queries, chapter: Chapter
):
    chapter.tags.add("theme 0")
    with django_assert_num_queries(5):
        assert client.get("/en/tags/theme-0/").status_code == 200


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


def test_it_shows_what_both_sides_say_on_each_point_under_their_studys_labels(
    client, disagreement: Point, agreement: Point
):
    disagreement.tags.add("missile defense")
    other_study_point().tags.add("missile defense")
    html = client.get("/en/tags/missile-defense/").content.decode()
    assert "What the sides say on missile defense" in html
    # One table per study, headed by that study's sides.
    asia = html[html.index("Security in the Asia-Pacific</a></h3>") :]
    asia = asia[: asia.index("</table>")]
    assert asia.index("Japan") < asia.index("Russia")
    row = asia[asia.index('class="point point--disagree"') :]
    assert row.index("Missile defense") < row.index("Purely defensive.")
    assert row.index("Purely defensive.") < row.index("Destabilising.")
    assert "≠" in row and "Disagree" in row
    assert "Terrorism and proliferation" not in html
    europe = html[html.index("Security in Europe</a></h3>") :]
    europe = europe[: europe.index("</table>")]
    assert europe.index(">France <") < europe.index(">Germany <")
    assert "Japan" not in europe
    assert europe.index("Useful.") < europe.index("Costly.")
    assert 'href="/en/studies/europe/chapters/1/#point-missile-defence"' in europe
    assert "Partly agree" in europe


def test_a_point_one_side_raises_says_the_other_does_not_address_it(client, db):
    other_study_point(
        first_stance="", second_stance="Only Germany speaks.", agreement=Agreement.ONE_SIDE
    ).tags.add("missile defense")
    html = client.get("/en/tags/missile-defense/").content.decode()
    row = html[html.index('class="point point--one_side"') :]
    assert row.index("No stance stated.") < row.index("Only Germany speaks.")
    assert "One side only" in row


def test_it_marks_unpublished_chapters_points_for_the_team(
    client, reviewer: User, disagreement: Point, chapter: Chapter
):
    disagreement.tags.add("security")
    Chapter.objects.filter(pk=chapter.pk).update(status=Chapter.Status.DRAFT)
    client.force_login(reviewer)
    html = client.get("/en/tags/security/").content.decode()
    row = html[html.index('class="point point--disagree"') :]
    assert "not published" in row[: row.index("</tr>")]
