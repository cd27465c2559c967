"""What a query asks for: words, "phrases", words left out (-word) and alternatives
(OR), read as PostgreSQL's websearch_to_tsquery reads them.

PostgreSQL could read the query itself, but not in every case: Japanese must be cut
into words first, and cutting it drops the quotes and minus signs (SudachiPy reads them
as symbols); the plain search (SQLite) has no such function; and the results mark only
the words asked for, not those left out. So the query is read here once and written
again for each of them.
"""

import re
from dataclasses import dataclass

from positions.search.language import fold, segmented

# Quotes that open or close a phrase: the typewriter's, and those keyboards and
# phones put in for them in the site's languages.
QUOTES = '"“”„«»「」『』'
_TOKEN = re.compile(rf"(-?)[{QUOTES}]([^{QUOTES}]*)[{QUOTES}]?|(-?)([^\s{QUOTES}]+)")
# Between two words, either will do (websearch_to_tsquery reads it in any case too).
OR = "or"


@dataclass(frozen=True)
class Term:
    """A word or a phrase of a query, folded (see `language.fold`)."""

    words: tuple[str, ...]
    phrase: bool = False
    excluded: bool = False

    def written(self, *, segment: bool) -> str:
        """The term as websearch_to_tsquery reads it; `segment`: cut into words.

        A Japanese word cut into several (日米同盟: 日米 同盟) needs them all, anywhere in
        the text, as it did before; excluded, it is excluded as the phrase it is.
        """
        words = self.segments() if segment else list(self.words)
        if not words:
            return ""
        written = " ".join(words)
        if self.phrase or (self.excluded and len(words) > 1):
            written = f'"{written}"'
        return f"-{written}" if self.excluded else written

    def segments(self) -> list[str]:
        """The term's words as the index has them: a Japanese word cut into words."""
        return [part for word in self.words for part in segmented(word).split()]


@dataclass(frozen=True)
class Query:
    """A query: any one of its alternatives (joined by OR), each asking for all of its
    terms, and the absence of those excluded."""

    alternatives: tuple[tuple[Term, ...], ...]

    @property
    def wanted(self) -> list[Term]:
        """The terms a match contains, in one alternative or another: what is marked."""
        return [term for terms in self.alternatives for term in terms if not term.excluded]

    def websearch(self, *, segment: bool) -> str:
        """The query for websearch_to_tsquery; `segment`: Japanese cut into words."""
        alternatives = [
            " ".join(filter(None, (term.written(segment=segment) for term in terms)))
            for terms in self.alternatives
        ]
        return f" {OR} ".join(filter(None, alternatives))

    def any_wanted_word(self, *, segment: bool) -> str:
        """A query for to_tsquery that any of the wanted words matches, where it stands
        in a text's own words (weights A to C: see `index`), not in its parent's title."""
        words = {
            word
            for term in self.wanted
            for word in (term.segments() if segment else term.words)
            if word != OR
        }
        quoted = ["'" + word.replace("\\", "\\\\").replace("'", "''") + "':ABC" for word in words]
        return " | ".join(sorted(quoted))


def parse(query: str) -> Query:
    """Read a query: "a phrase", -left out, either OR or, and plain words, all needed.

    As websearch_to_tsquery does, a minus leaves out what it is written against, an
    unclosed quote runs to the end, and OR between words is an alternative (in any
    case); a word without a letter or digit ("&", "-") asks for nothing.
    """
    alternatives: list[list[Term]] = [[]]
    for match in _TOKEN.finditer(fold(query)):
        phrase_minus, phrase, word_minus, word = match.groups()
        if phrase is not None:
            term = Term(tuple(_words(phrase)), phrase=True, excluded=bool(phrase_minus))
        elif word == OR and not word_minus:
            if alternatives[-1]:
                alternatives.append([])
            continue
        else:
            term = Term(tuple(_words(word)), excluded=bool(word_minus))
        if term.words:
            alternatives[-1].append(term)
    return Query(tuple(tuple(terms) for terms in alternatives if terms))


def _words(text: str) -> list[str]:
    return [word for word in text.split() if any(character.isalnum() for character in word)]
