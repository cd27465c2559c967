"""Markdown made of blocks, for the demo's Japanese texts."""


def paragraphs(*blocks: str) -> str:
    """Return a Markdown body made of `blocks` (paragraphs, headings, footnotes).

    Japanese paragraphs are written as one line each, joined from short literals: a line
    break inside a Japanese paragraph would show up as a stray space.
    """
    return "\n\n".join(blocks) + "\n"
