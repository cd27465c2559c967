"""What a chapter page carries for print only: the print header (the study, the date,
the address, a Chicago citation) and passage links named by their section. The PDF
itself is read in tests/browser/test_print.py."""

import re

from django.contrib.staticfiles import finders

from positions.models import Paper, Point

URL = "/en/studies/asia-pacific/chapters/2/"


def print_header(html: str) -> str:
    start = html.index('<div class="print-only print-header">')
    return html[start : html.index("</div>", start)]


def media_rules(query: str) -> str:
    """The rules of site.css inside every `@media <query> { … }` block, joined."""
    with open(finders.find("positions/site.css"), encoding="utf-8") as file:
        css = re.sub(r"/\*.*?\*/", "", file.read(), flags=re.DOTALL)
    blocks = []
    for match in re.finditer(rf"@media {re.escape(query)}\s*\{{", css):
        depth, end = 1, match.end()
        while depth:
            depth += {"{": 1, "}": -1}.get(css[end], 0)
            end += 1
        blocks.append(css[match.end() : end - 1])
    return " ".join(" ".join(blocks).split())


def test_the_print_header_names_the_study_the_date_the_address_and_the_citation(
    client, disagreement: Point
):
    html = client.get(URL).content.decode()
    header = print_header(html)
    assert '<p class="print-header__study">Security in the Asia-Pacific</p>' in header
    assert f"Published 1 March 2007 · http://testserver{URL}</p>" in header
    # The Cite box's own Chicago entry, on one line: the same formatter, not a second.
    chicago = re.search(r'<dd class="cite__text" lang="en">(.*?)</dd>', html)[1]
    assert chicago.startswith("Sato Hanako 佐藤花子, and Olga Ivanova")
    assert f'<p>Cite as: <span lang="en">{chicago}</span></p>' in header
    assert html.count('class="print-only print-header"') == 1


def test_the_print_header_is_hidden_on_screen_by_its_class(client, disagreement: Point):
    html = client.get(URL).content.decode()
    assert 'class="print-only print-header"' in html
    assert ".print-only { display: none; }" in media_rules("screen")
    assert ".print-only" not in media_rules("print")
    # What only the screen shows is hidden in print, and abstracts are printed whole.
    assert ".screen-only { display: none; }" in media_rules("print")
    assert ".abstract { break-inside: avoid; }" in media_rules("print")


def test_a_passage_link_prints_as_the_section_it_leads_to(
    client, disagreement: Point, first_paper: Paper
):
    first_paper.body = "The alliance holds.\n\n## Missile *defence* & more\n\nIt is defensive."
    first_paper.save()
    assert first_paper.passages == ["p1", "missile-defence-more", "p2"]
    html = client.get(URL).content.decode()
    row = html[html.index('id="point-missile-defense"') :]
    row = row[: row.index("</tr>")]
    # The screen's link text and the printed section's name, each hidden in the other.
    assert (
        '<a class="passage-link" href="#nids-p2"><span class="screen-only">In the Japan paper '
        '<span aria-hidden="true">↓</span></span><span class="print-only">'
        "Japan paper, “Missile defence &amp; more”</span></a>"
    ) in row
    # A passage under no heading prints as its paragraph's number.
    assert '<span class="print-only">Russia paper, paragraph 2</span>' in row
