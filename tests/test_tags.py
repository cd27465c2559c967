from positions.models import Chapter, Paper, Point, tags_by_object


def test_it_fetches_the_tags_of_chapters_papers_and_points_in_one_query(
    django_assert_num_queries, chapter: Chapter, first_paper: Paper, disagreement: Point
):
    chapter.tags.add("Europe")
    first_paper.tags.add("alliances", "Missile defense")
    disagreement.tags.add("Missile defense")
    with django_assert_num_queries(1):
        tags = tags_by_object(chapters=[chapter], papers=[first_paper], points=[disagreement])
    assert [tag.name for tag in tags[("chapter", chapter.pk)]] == ["Europe"]
    assert [tag.slug for tag in tags[("paper", first_paper.pk)]] == ["alliances", "missile-defense"]
    assert [tag.name for tag in tags[("point", disagreement.pk)]] == ["Missile defense"]


def test_it_runs_no_query_for_nothing(django_assert_num_queries, db):
    with django_assert_num_queries(0):
        assert tags_by_object() == {}
