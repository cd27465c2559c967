"""Helpers that test modules share: people, grown chapters, and the POST data of the
admin's forms. Fixtures are in conftest.py; these are plain functions."""

from typing import Any

from django.contrib.auth.models import User
from django.contrib.messages import get_messages
from django.test import Client

from positions.models import Agreement, Chapter, Membership, Paper, Point, Side, Study

# People


def member(study: Study, username: str, role: str, side: Side | None = None) -> User:
    """Create a person with `role` in `study`, with the admin access it gives."""
    from positions import roles

    user = User.objects.create_user(username, password="a-long-test-password")
    Membership.objects.create(study=study, user=user, role=role, side=side)
    roles.sync_staff_access(user)
    return user


def signed_in(user: User) -> Client:
    """A test client of its own, signed in as `user`."""
    client = Client()
    client.force_login(user)
    return client


def open_signed_in(browser, live_server, user: User, width: int = 1280):
    """A browser context of its own, signed in as `user` with a session made here.

    django-axes wants a request to sign in with a password, so the session is made
    by the test client and its cookie handed to the browser.
    """
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.console_errors = errors
    return context, page


# Content


def grow_chapter(chapter: Chapter, *, points: int = 30, tags: int = 12) -> None:
    """Give `chapter` many points and every object in it many tags."""
    names = [f"theme {n}" for n in range(tags)]
    chapter.tags.add(*names)
    for paper in chapter.papers.all():
        paper.tags.add(*names)
    for n in range(points):
        point = Point.objects.create(
            chapter=chapter,
            question=f"Question {n}",
            slug=f"question-{n}",
            first_stance="Yes.",
            second_stance="No.",
            agreement=[Agreement.AGREE, Agreement.PARTLY, Agreement.DISAGREE][n % 3],
            order=10 + n,
        )
        point.tags.add(*names[: n % tags + 1])


# The admin's forms


def management(prefix: str, total: int, initial: int = 0) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def paper_fields(index: int, paper: dict[str, Any]) -> dict[str, Any]:
    """A paper's fields on the chapter page; a saved paper's date as the page shows it,
    unless `paper` gives one."""
    if "published_on" not in paper and paper.get("id"):
        day = Paper.objects.values_list("published_on", flat=True).get(pk=paper["id"])
        paper = {**paper, "published_on": day.isoformat() if day else ""}
    fields = {
        "id": "",
        "side": "",
        "title": "",
        "authors": [],
        "status": "draft",
        "published_on": "",
        "abstract": "",
        "body": "",
        "tags": "",
        **paper,
    }
    return {f"papers-{index}-{name}": value for name, value in fields.items()}


def point_fields(index: int, point: dict[str, Any]) -> dict[str, Any]:
    fields = {
        "id": "",
        "question": "",
        "slug": "",
        "agreement": "",
        "first_stance": "",
        "second_stance": "",
        "first_passage": "",
        "second_passage": "",
        "order": "0",
        "tags": "",
        **point,
    }
    return {f"points-{index}-{name}": value for name, value in fields.items()}


def chapter_form(
    chapter: dict[str, Any],
    papers: list[dict[str, Any]] = (),
    points: list[dict[str, Any]] = (),
    *,
    initial_papers: int = 0,
    initial_points: int = 0,
) -> dict[str, Any]:
    """Return the POST data of the chapter page with the given papers and points; the
    publication date as the page shows it, unless `chapter` gives one."""
    data = {"number": "", "title": "", "summary": "", "order": "0", "tags": "", **chapter}
    if "published_on" not in chapter:
        saved = Chapter.objects.filter(study=chapter.get("study"), number=chapter.get("number"))
        day = saved.values_list("published_on", flat=True).first()
        data["published_on"] = day.isoformat() if day else ""
    data |= management("papers", len(papers), initial_papers)
    data |= management("points", len(points), initial_points)
    data |= management("translations", 0)
    for index, paper in enumerate(papers):
        data |= paper_fields(index, paper)
    for index, point in enumerate(points):
        data |= point_fields(index, point)
    return data


def messages_of(response: Any) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def paper_data(paper: Paper, **changes: Any) -> dict[str, Any]:
    """Return the POST data of the paper's own admin page, as the page would send it."""
    data = {
        "chapter": paper.chapter_id,
        "side": paper.side_id,
        "title": paper.title,
        "language": paper.language,
        "status": paper.status,
        "published_on": paper.published_on.isoformat() if paper.published_on else "",
        "abstract": paper.abstract,
        "body": paper.body,
        "tags": "",
        "authorships-TOTAL_FORMS": "0",
        "authorships-INITIAL_FORMS": "0",
        "authorships-MIN_NUM_FORMS": "0",
        "authorships-MAX_NUM_FORMS": "1000",
        "translations-TOTAL_FORMS": "0",
        "translations-INITIAL_FORMS": "0",
    }
    return data | changes


def point_data(point: Point, **changes: Any) -> dict[str, Any]:
    data = {
        "chapter": point.chapter_id,
        "question": point.question,
        "slug": point.slug,
        "agreement": point.agreement,
        "first_stance": point.first_stance,
        "first_passage": point.first_passage,
        "second_stance": point.second_stance,
        "second_passage": point.second_passage,
        "order": point.order,
        "tags": "",
        # The point's translations, an inline of its page: none posted.
        "translations-TOTAL_FORMS": "0",
        "translations-INITIAL_FORMS": "0",
    }
    return data | changes


def errors(response) -> str:
    """The error messages of an admin form page, for a failing assertion."""
    import re

    html = response.content.decode()
    return (
        " | ".join(re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', html, re.S)) or html[:500]
    )


def study_form(study: Study, members: list[tuple[Any, Any, str, Any]] = ()) -> dict[str, Any]:
    """Return the POST data of the study's admin page: its fields and its two sides as
    they are, and `members` as the team's rows (id or "", user, role, side or "")."""
    data = {
        "title": study.title,
        "slug": study.slug,
        "period": study.period,
        "language": study.language,
        "introduction": study.introduction,
        "dates_precision": study.dates_precision,
        "notice": study.notice,
        **({"demonstration": "on"} if study.demonstration else {}),
        **management("sides", 2, 2),
        # The translations of the title and introduction: none changed.
        **management("translations", 0),
        **management("memberships", len(members), sum(1 for row in members if row[0])),
    }
    for index, side in enumerate(study.sides.order_by("position")):
        data |= {
            f"sides-{index}-id": side.pk,
            f"sides-{index}-study": study.pk,
            f"sides-{index}-position": side.position,
            f"sides-{index}-institute": side.institute_id,
            f"sides-{index}-label": side.label,
            f"sides-{index}-language": side.language,
            f"sides-{index}-slug": side.slug,
        }
    for index, (pk, user, role, side) in enumerate(members):
        data |= {
            f"memberships-{index}-id": pk,
            f"memberships-{index}-study": study.pk,
            f"memberships-{index}-user": user,
            f"memberships-{index}-role": role,
            f"memberships-{index}-side": side,
        }
    return data
