import datetime
from html.parser import HTMLParser

from django.contrib.auth.models import User

from positions.models import Agreement, Chapter, Point, Study
from tests.helpers import grow_chapter

URL = "/en/studies/asia-pacific/map/"


class MapCells(HTMLParser):
    """The map's cells: for each link, its address and the text a screen reader reads
    (what is hidden from it with aria-hidden left out)."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[tuple[str, str]] = []
        self._href: str | None = None
        self._text: list[str] = []
        self._depth = 0
        self._hidden_at: int | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self._depth += 1
        if tag == "a" and "map-cell" in (attributes.get("class") or "").split():
            self._href, self._text = attributes["href"], []
        if attributes.get("aria-hidden") == "true" and self._hidden_at is None:
            self._hidden_at = self._depth

    def handle_endtag(self, tag: str) -> None:
        if self._hidden_at == self._depth:
            self._hidden_at = None
        self._depth -= 1
        if tag == "a" and self._href is not None:
            self.cells.append((self._href, " ".join("".join(self._text).split())))
            self._href = None

    def handle_data(self, data: str) -> None:
        if self._href is not None and self._hidden_at is None:
            self._text.append(data)


def cells(html: str) -> list[tuple[str, str]]:
    parser = MapCells()
    parser.feed(html)
    return parser.cells


def second_chapter(study: Study, *, status: str = Chapter.Status.PUBLISHED) -> Chapter:
    chapter = Chapter.objects.create(
        study=study,
        number=3,
        title="The future of regional security",
        status=status,
        published_on=datetime.date(2007, 3, 1) if status == Chapter.Status.PUBLISHED else None,
    )
    Point.objects.create(
        chapter=chapter,
        question="An East Asian security mechanism",
        slug="east-asian-mechanism",
        first_stance="",
        second_stance="Russia proposes one.",
        agreement=Agreement.ONE_SIDE,
    )
    return chapter


def test_it_maps_every_point_row_by_row_each_linking_to_its_permalink(
    client, disagreement: Point, agreement: Point
):
    second_chapter(disagreement.chapter.study)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    # One row per chapter, in the study's order, each point a cell of its row.
    assert html.index('id="chapter-2"') < html.index('id="chapter-3"')
    assert [href for href, _ in cells(html)] == [
        "/en/studies/asia-pacific/chapters/2/#point-missile-defense",
        "/en/studies/asia-pacific/chapters/2/#point-new-threats",
        "/en/studies/asia-pacific/chapters/3/#point-east-asian-mechanism",
    ]
    assert disagreement.get_absolute_url() == cells(html)[0][0]
    row = html[html.index('id="chapter-2"') : html.index('id="chapter-3"')]
    assert 'href="/en/studies/asia-pacific/chapters/2/"' in row


def test_each_cell_names_its_question_and_agreement_in_words_not_only_colour(
    client, disagreement: Point, agreement: Point
):
    second_chapter(disagreement.chapter.study)
    html = client.get(URL).content.decode()
    names = [name for _, name in cells(html)]
    assert names == [
        "Missile defense: Disagree",
        "Terrorism and proliferation: Agree",
        "An East Asian security mechanism: One side only (Russia)",
    ]
    # The symbol is shown too, hidden from screen readers that read the word.
    assert '<span class="agreement__symbol" aria-hidden="true">≠</span> Disagree' in html
    # In the page's language: no lang of its own (a Japanese page marks it lang="en").
    assert '<span class="map-cell__question">Missile defense</span>' in html


def test_the_legend_explains_every_marker_with_the_studys_totals(
    client, disagreement: Point, agreement: Point
):
    html = client.get(URL).content.decode()
    legend = html[html.index('id="legend-title"') : html.index('class="agreement-map"')]
    for symbol, word in [("=", "Agree"), ("≈", "Partly agree"), ("≠", "Disagree")]:
        assert f'aria-hidden="true">{symbol}</span> {word}</span>' in legend
    assert "One side only" in legend
    assert legend.count("1 point in all") == 2
    assert legend.count("0 points in all") == 2


def test_each_row_counts_its_points_by_agreement(client, disagreement: Point, agreement: Point):
    html = client.get(URL).content.decode()
    row = html[html.index('id="chapter-2"') :]
    assert "1 agreed" in row and "0 partly agreed" in row and "1 disagreed" in row


def test_a_chapter_without_points_says_so(client, chapter: Chapter):
    html = client.get(URL).content.decode()
    assert 'id="chapter-2"' in html
    assert "No points of comparison have been written for this chapter yet." in html
    assert cells(html) == []


def test_it_hides_unpublished_chapters_from_readers(client, disagreement: Point):
    second_chapter(disagreement.chapter.study, status=Chapter.Status.DRAFT)
    html = client.get(URL).content.decode()
    assert 'id="chapter-3"' not in html
    assert "An East Asian security mechanism" not in html
    # Nor is its one-side point counted: none agree, partly agree or only one side.
    assert html.count("0 points in all") == 3


def test_it_shows_unpublished_chapters_to_the_studys_team_marked(
    client, reviewer: User, disagreement: Point
):
    second_chapter(disagreement.chapter.study, status=Chapter.Status.DRAFT)
    client.force_login(reviewer)
    html = client.get(URL).content.decode()
    row = html[html.index('id="chapter-3"') :]
    assert "not published" in row
    assert "An East Asian security mechanism" in row


def test_unknown_study_is_404(client, study: Study):
    assert client.get("/en/studies/nowhere/map/").status_code == 404


def test_it_runs_a_fixed_number_of_queries(client, django_assert_num_queries, disagreement: Point):
    # The study, its sides, its chapters, their points.
    with django_assert_num_queries(4):
        client.get(URL)
    grow_chapter(disagreement.chapter, points=40)
    second_chapter(disagreement.chapter.study)
    with django_assert_num_queries(4):
        html = client.get(URL).content.decode()
    assert len(cells(html)) == 42


def test_a_signed_in_member_runs_a_fixed_number_of_queries_too(
    client, django_assert_num_queries, reviewer: User, disagreement: Point
):
    client.force_login(reviewer)
    # Session and user, then the page's own four.
    with django_assert_num_queries(6):
        client.get(URL)
    grow_chapter(disagreement.chapter, points=20)
    second_chapter(disagreement.chapter.study, status=Chapter.Status.DRAFT)
    with django_assert_num_queries(6):
        html = client.get(URL).content.decode()
    assert len(cells(html)) == 22


def test_the_study_page_links_to_the_map_and_each_chapter_to_its_row(
    client, disagreement: Point, agreement: Point
):
    html = client.get("/en/studies/asia-pacific/").content.decode()
    assert 'href="/en/studies/asia-pacific/map/"' in html
    assert 'href="/en/studies/asia-pacific/map/#chapter-2">2 points on the map' in html


def test_the_chapter_page_links_to_its_row_of_the_map(client, disagreement: Point):
    html = client.get("/en/studies/asia-pacific/chapters/2/").content.decode()
    assert 'href="/en/studies/asia-pacific/map/#chapter-2"' in html
