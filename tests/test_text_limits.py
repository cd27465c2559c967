"""The limits of the texts people type (`positions.models.limits`): a length for every
text, and for Markdown texts a number of lines and of marks, which bound the time
rendering takes (bench/texts.py measures it)."""

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.management import call_command

from positions.models import Paper, PaperTranslation, Study, limits
from tests.exchange_archives import demo_archive, pack, refusal, unpack, with_text  # noqa: F401
from tests.helpers import signed_in

EDIT = "/en/studies/asia-pacific/chapters/2/nids/edit/"


def lines(count: int) -> str:
    return "\n".join(["a"] * count)


def test_a_markdown_text_has_at_most_so_many_lines() -> None:
    limits.markdown_within_limits(lines(limits.MARKDOWN_LINES))

    with pytest.raises(ValidationError) as refused:
        limits.markdown_within_limits(lines(limits.MARKDOWN_LINES + 1))

    assert refused.value.messages == [
        "This text has 8,001 lines; a text may have at most 8,000, so that it is shown in "
        "a fraction of a second."
    ]


@pytest.mark.parametrize("mark", ["[", "*", "_", "-", ":", "|", '"', "'", "\\"])
def test_a_markdown_text_has_at_most_so_many_marks(mark: str) -> None:
    limits.markdown_within_limits(f"{mark} " * limits.MARKDOWN_MARKS)

    with pytest.raises(ValidationError) as refused:
        limits.markdown_within_limits(f"{mark} " * (limits.MARKDOWN_MARKS + 1))

    assert refused.value.messages == [
        "This text has 20,001 Markdown marks (characters such as [ ] * _ - : | and quotes); "
        "a text may have at most 20,000, so that it is shown in a fraction of a second."
    ]


def test_plain_words_and_other_scripts_are_not_marks() -> None:
    limits.markdown_within_limits("同盟。«Безопасность», (a), b. c, d? " * 5_000)


def test_the_demo_papers_are_far_within_the_limits(db) -> None:
    call_command("load_demo", verbosity=0)
    bodies = [paper.body for paper in Paper.objects.all()]
    bodies += [translation.body for translation in PaperTranslation.objects.all()]
    bodies += [study.introduction for study in Study.objects.all()]

    for body in bodies:
        assert body.count("\n") < limits.MARKDOWN_LINES / 10
        assert sum(body.count(mark) for mark in limits.MARKS) < limits.MARKDOWN_MARKS / 10


def test_the_edit_page_refuses_too_many_marks_and_renders_no_preview(
    first_editor: User, first_paper: Paper
) -> None:
    body = "[" * (limits.MARKDOWN_MARKS + 1)
    data = {
        "opened_version": first_paper.version,
        "title": first_paper.title,
        "abstract": first_paper.abstract,
        "body": body,
        "tags": "",
        "message": "",
    }

    for posted in (data, data | {"preview": "1"}):
        response = signed_in(first_editor).post(EDIT, posted)
        html = response.content.decode()
        assert "This text has 20,001 Markdown marks" in html
        # What was typed is kept; nothing of it was rendered.
        assert body in html
        assert 'id="nids-p1">[[[' not in html

    first_paper.refresh_from_db()
    assert first_paper.body.startswith("The alliance holds.")


def test_the_preview_refuses_too_many_lines(first_editor: User) -> None:
    response = signed_in(first_editor).post(
        "/en/preview/", {"text": lines(limits.MARKDOWN_LINES + 1)}
    )

    assert response.status_code == 400
    assert response.json()["error"].startswith("This text has 8,001 lines")


def test_an_import_refuses_a_paper_with_too_many_marks(db, demo_archive: bytes) -> None:  # noqa: F811
    files = unpack(demo_archive)
    name = next(name for name in files if name.startswith("chapters/") and name.count("/") == 2)
    files = with_text(files, name, lambda text: text + "\n\n" + "_ " * limits.MARKDOWN_MARKS)

    problems = refusal(pack(files))

    assert any(name in problem and "Markdown marks" in problem for problem in problems)


def test_an_over_long_text_is_refused_by_the_model_too(first_paper: Paper) -> None:
    first_paper.body = "a" * (limits.PAPER_BODY + 1)

    with pytest.raises(ValidationError) as refused:
        first_paper.full_clean()

    assert "body" in refused.value.message_dict
