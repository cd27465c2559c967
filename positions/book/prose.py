"""A paper's HTML as a book prints it: its ids made unique in the book, its footnotes
moved to where they are called (the print CSS floats them to the foot of the page), and
cut into sections at its headings, for facing pages."""

import lxml.html
from lxml.etree import ParserError

HEADINGS = {"h2", "h3"}


def for_book(html: str, prefix: str) -> str:
    """`html` with every id and link within it prefixed by `prefix`, and each footnote
    in the place of its call."""
    if not html.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except ParserError:
        return ""
    notes = {}
    for item in root.xpath('.//li[contains(@class, "footnote-item")]'):
        for backref in item.xpath('.//a[contains(@class, "footnote-backref")]'):
            backref.drop_tree()
        note = _inner_html(item).strip()
        # A note of one paragraph is set inline, in the note.
        if note.startswith("<p>") and note.endswith("</p>") and note.count("<p>") == 1:
            note = note[3:-4]
        notes[item.get("id")] = note
    for element in root.xpath('.//*[contains(@class, "footnotes")] | .//hr'):
        if "footnotes" in (element.get("class") or ""):
            element.drop_tree()
    for call in root.xpath('.//sup[contains(@class, "footnote-ref")]'):
        link = call.find("a")
        target = (link.get("href") or "").lstrip("#") if link is not None else ""
        number = (link.text_content() if link is not None else "").strip("[] ")
        note = lxml.html.fragment_fromstring(
            f'<span class="footnote">{notes.get(target, "")}</span>'
        )
        note.set("data-number", number)
        note.tail = call.tail
        call.getparent().replace(call, note)
    for element in root.iter():
        if element.get("id"):
            element.set("id", prefix + element.get("id"))
        href = element.get("href") or ""
        if href.startswith("#"):
            element.set("href", "#" + prefix + href[1:])
    return _inner_html(root)


def sections(html: str) -> list[str]:
    """`html` cut before each of its top-level headings: what comes before the first
    heading, if anything, then each heading with what follows it."""
    if not html.strip():
        return []
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    parts: list[list[str]] = [[]]
    if root.text and root.text.strip():
        parts[0].append(root.text)
    for child in root:
        if child.tag in HEADINGS and parts[-1]:
            parts.append([])
        parts[-1].append(lxml.html.tostring(child, encoding="unicode"))
    return ["".join(part) for part in parts if part]


def _inner_html(element: lxml.html.HtmlElement) -> str:
    return (element.text or "") + "".join(
        lxml.html.tostring(child, encoding="unicode") for child in element
    )
