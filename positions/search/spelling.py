"""British and American spellings of English words, which a query finds either way:
"missile defence" finds "missile defense", and "organised" finds "organized".

A short list of the field's words rather than a thesaurus in PostgreSQL's
configuration: a thesaurus is a file on the database server, which a managed database
does not let the site install, and SQLite's plain search has none. Each pair is the
beginning of a word, so that its other forms come with it (defence, defences,
defenceless; organise, organised, organisation). A spelling that is not a word
("realizm" for "realism") finds nothing, and costs nothing. Add a pair here when
readers miss one; the pairs apply to the query only, so nothing is indexed again.
"""

# British beginning, American beginning.
PAIRS = (
    ("defence", "defense"),
    ("offence", "offense"),
    ("licence", "license"),
    ("centre", "center"),
    ("programme", "program"),
    ("labour", "labor"),
    ("honour", "honor"),
    ("favour", "favor"),
    ("behaviour", "behavior"),
    ("neighbour", "neighbor"),
    ("endeavour", "endeavor"),
    ("rumour", "rumor"),
    ("analys", "analyz"),
    ("catalogue", "catalog"),
    ("dialogue", "dialog"),
    ("organis", "organiz"),
    ("recognis", "recogniz"),
    ("realis", "realiz"),
    ("normalis", "normaliz"),
    ("stabilis", "stabiliz"),
    ("mobilis", "mobiliz"),
    ("militaris", "militariz"),
    ("modernis", "moderniz"),
    ("democratis", "democratiz"),
    ("prioritis", "prioritiz"),
    ("characteris", "characteriz"),
    ("criticis", "criticiz"),
    ("emphasis", "emphasiz"),
    ("summaris", "summariz"),
    ("legitimis", "legitimiz"),
    ("globalis", "globaliz"),
    ("institutionalis", "institutionaliz"),
)
# Neither beginning is a word that also begins with the other: "emphasis" (the noun)
# keeps its spelling.
_KEPT = {"emphasis", "analysis", "analyses"}
# Longest first: "programme" begins with "program" too, and would become "programmeme".
_BEGINNINGS = sorted(
    [(british, american) for british, american in PAIRS]
    + [(american, british) for british, american in PAIRS],
    key=lambda pair: -len(pair[0]),
)


def other_spelling(word: str) -> str | None:
    """Return the word in the other spelling (British or American), or None when it
    has one spelling only. `word` is folded (lower case)."""
    if word in _KEPT:
        return None
    for beginning, other in _BEGINNINGS:
        if word.startswith(beginning):
            return other + word[len(beginning) :]
    return None


def spellings(words: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Return `words` (a word or a phrase) in each spelling: as written first, then
    with every word that has another spelling in that one."""
    others = tuple(other_spelling(word) or word for word in words)
    return [words] if others == words else [words, others]
