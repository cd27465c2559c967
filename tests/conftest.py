"""Shared fixtures: a small study with two sides, and the people who use the site."""

import datetime
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation

from positions.models import (
    Agreement,
    Author,
    Chapter,
    Institute,
    Paper,
    Point,
    Role,
    Side,
    Study,
)
from positions.web.page_cache import near as near_pages
from tests.helpers import member


def pytest_configure(config: pytest.Config) -> None:
    # Django's PBKDF2 takes a third of a second per password, and nearly every test
    # makes people with passwords: tests need passwords that work, not ones that
    # resist cracking (production keeps Django's default hashers).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def no_language_left_active() -> Iterator[None]:
    # A request activates its page's language in the thread that runs it and leaves it
    # so: the tests that follow start from the default language again.
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def fresh_pages(settings) -> Iterator[None]:
    """Pages rendered for each request: the tests of a view measure the view (its
    queries, its answer to each request). tests/test_page_cache.py turns the cache on
    (`page_cache`); every change still moves the content's version, as in production.
    Each test's database starts from the same version: a page another test cached under
    it is not this test's, so the cache starts empty."""
    settings.PAGE_CACHE = False
    cache.clear()
    near_pages.clear()
    yield
    cache.clear()
    near_pages.clear()


@pytest.fixture
def page_cache(settings) -> None:
    """Readers' pages from the cache, as in production."""
    settings.PAGE_CACHE = True


@pytest.fixture(autouse=True)
def plain_static_files(settings) -> None:
    """Serve static files by their plain names: tests run without collectstatic."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def demo(db) -> Study:
    """The demo study, as `manage.py load_demo` makes it."""
    call_command("load_demo", verbosity=0)
    return Study.objects.get(slug="asia-pacific")


@pytest.fixture
def study(db) -> Study:
    study = Study.objects.create(
        title="Security in the Asia-Pacific", slug="asia-pacific", period="FY2005–FY2006"
    )
    nids = Institute.objects.create(
        name="National Institute for Defense Studies", abbreviation="NIDS", country="Japan"
    )
    cmss = Institute.objects.create(
        name="Center for Military-Strategic Studies", abbreviation="CMSS GS", country="Russia"
    )
    Side.objects.create(
        study=study, position=1, institute=nids, label="Japan", language="ja", slug="nids"
    )
    Side.objects.create(
        study=study, position=2, institute=cmss, label="Russia", language="ru", slug="cmss-gs"
    )
    return study


@pytest.fixture
def other_study(db) -> Study:
    """A second study with sides of its own."""
    study = Study.objects.create(title="Energy in Central Asia", slug="central-asia")
    institute = Institute.objects.create(
        name="Institute of Energy Studies", abbreviation="IES", country="Kazakhstan"
    )
    for position, slug in [(1, "ies"), (2, "ies-two")]:
        Side.objects.create(
            study=study,
            position=position,
            institute=institute,
            label=f"Side {position}",
            language="ru",
            slug=slug,
        )
    return study


@pytest.fixture
def japan_sweden(study: Study) -> Study:
    """A second study, of 2012, whose first side has the first study's slug (nids) and
    whose second side writes in Swedish."""
    other = Study.objects.create(title="Japan and Sweden", slug="japan-sweden", period="2012")
    foi = Institute.objects.create(
        name="Swedish Defence Research Agency", abbreviation="FOI", country="Sweden"
    )
    nids = Institute.objects.get(abbreviation="NIDS")
    Side.objects.create(
        study=other, position=1, institute=nids, label="Japan", language="ja", slug="nids"
    )
    Side.objects.create(
        study=other, position=2, institute=foi, label="Sweden", language="sv", slug="foi"
    )
    return other


@pytest.fixture
def first_side(study: Study) -> Side:
    return study.sides.get(position=1)


@pytest.fixture
def second_side(study: Study) -> Side:
    return study.sides.get(position=2)


@pytest.fixture
def chapter(study: Study) -> Chapter:
    """A published chapter: its published papers and its points are public."""
    return Chapter.objects.create(
        study=study,
        number=2,
        title="Factors regulating regional security",
        summary="Trends.",
        status=Chapter.Status.PUBLISHED,
        published_on=datetime.date(2007, 3, 1),
    )


@pytest.fixture
def sato(first_side: Side) -> Author:
    return Author.objects.create(
        name="Hanako Sato",
        family_name="Sato",
        name_original="佐藤花子",
        family_name_original="佐藤",
        name_language="ja",
        slug="hanako-sato",
        institute=first_side.institute,
    )


@pytest.fixture
def ivanova(second_side: Side) -> Author:
    return Author.objects.create(
        name="Olga Ivanova",
        family_name="Ivanova",
        name_original="Ольга Иванова",
        family_name_original="Иванова",
        name_language="ru",
        slug="olga-ivanova",
        institute=second_side.institute,
    )


@pytest.fixture
def first_paper(chapter: Chapter, first_side: Side, sato: Author) -> Paper:
    paper = Paper.objects.create(
        chapter=chapter,
        side=first_side,
        title="The alliance as the cornerstone",
        language="en",
        abstract="Why the alliance matters.",
        body="The alliance holds.[^1]\n\nMissile defense is defensive.\n\n[^1]: A note.",
        status=Paper.Status.PUBLISHED,
        published_on=datetime.date(2007, 3, 1),
    )
    paper.authorships.create(author=sato)
    return paper


@pytest.fixture
def second_paper(chapter: Chapter, second_side: Side, ivanova: Author) -> Paper:
    paper = Paper.objects.create(
        chapter=chapter,
        side=second_side,
        title="Towards collective security",
        language="en",
        abstract="Why a collective mechanism is needed.",
        body="A collective mechanism is needed.\n\nMissile defense upsets the balance.",
        status=Paper.Status.PUBLISHED,
        published_on=datetime.date(2007, 3, 1),
    )
    paper.authorships.create(author=ivanova)
    return paper


@pytest.fixture
def disagreement(chapter: Chapter, first_paper: Paper, second_paper: Paper) -> Point:
    return Point.objects.create(
        chapter=chapter,
        question="Missile defense",
        slug="missile-defense",
        first_stance="Purely defensive.",
        second_stance="Destabilising.",
        first_passage="p2",
        second_passage="p2",
        agreement=Agreement.DISAGREE,
        order=1,
    )


@pytest.fixture
def agreement(chapter: Chapter) -> Point:
    return Point.objects.create(
        chapter=chapter,
        question="Terrorism and proliferation",
        slug="new-threats",
        first_stance="A shared threat.",
        second_stance="A shared threat too.",
        agreement=Agreement.AGREE,
        order=2,
    )


@pytest.fixture
def chief(study: Study) -> User:
    return member(study, "chief", Role.CHIEF_EDITOR)


@pytest.fixture
def first_editor(study: Study, first_side: Side) -> User:
    """The editor of the first side (Japan, NIDS)."""
    return member(study, "kenji", Role.SIDE_EDITOR, first_side)


@pytest.fixture
def second_editor(study: Study, second_side: Side) -> User:
    """The editor of the second side (Russia, CMSS GS)."""
    return member(study, "olga", Role.SIDE_EDITOR, second_side)


@pytest.fixture
def olga(chief: User) -> User:
    """The chief editor, with a full name, as notices name people."""
    chief.first_name, chief.last_name = "Olga", "Ivanova"
    chief.save()
    return chief


@pytest.fixture
def reviewer(study: Study) -> User:
    return member(study, "rita", Role.REVIEWER)


@pytest.fixture
def staff(db) -> User:
    """Staff with no role in the study: admin access, but a reader of the study."""
    return User.objects.create_user("outsider", password="a-long-test-password", is_staff=True)


@pytest.fixture
def staff_client(client, staff: User):
    client.force_login(staff)
    return client


@pytest.fixture
def superuser(db) -> User:
    return User.objects.create_superuser("chief", password="a-long-test-password")
