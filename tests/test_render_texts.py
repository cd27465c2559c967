from django.core.management import call_command

from positions.models import Paper


def test_it_brings_stale_html_up_to_date(first_paper: Paper, capsys):
    Paper.objects.filter(pk=first_paper.pk).update(body_html="<p>stale</p>", passages=[])
    call_command("render_texts")
    first_paper.refresh_from_db()
    assert 'id="nids-p1"' in first_paper.body_html
    assert first_paper.passages == ["p1", "p2"]
    assert "1 changed" in capsys.readouterr().out


def test_it_changes_nothing_when_html_is_current(first_paper: Paper, capsys):
    call_command("render_texts")
    assert "0 changed" in capsys.readouterr().out
