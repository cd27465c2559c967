"""What a query asks for: words, "phrases", words left out (-word) and alternatives
(OR), read as PostgreSQL's websearch_to_tsquery reads them; English words in either
spelling (see `spelling`), and Japanese compounds preferably whole.

PostgreSQL could read the query itself, but not in every case: Japanese must be cut
into words first, and cutting it drops the quotes and minus signs (SudachiPy reads them
as symbols); the plain search (SQLite) has no such function; and the results mark only
the words asked for, not those left out. So the query is read here once and written
again for each of them.
"""

import itertools
import re
from dataclasses import dataclass, replace

from positions.search.spelling import spellings
from positions.text.words import fold, needs_segmenting, segmented

# Quotes that open or close a phrase: the typewriter's, and those keyboards and
# phones put in for them in the site's languages.
QUOTES = '"“”„«»「」『』'
_TOKEN = re.compile(rf"(-?)[{QUOTES}]([^{QUOTES}]*)[{QUOTES}]?|(-?)([^\s{QUOTES}]+)")
# Between two words, either will do (websearch_to_tsquery reads it in any case too).
OR = "or"
# A query's alternatives once written in each spelling (see `Query.websearch`): each
# word with two spellings doubles them, and a query of many such words stops there.
MAX_SPELLED = 16


@dataclass(frozen=True)
class Term:
    """A word or a phrase of a query, folded (see `language.fold`)."""

    words: tuple[str, ...]
    phrase: bool = False
    excluded: bool = False

    def written(self, *, segment: bool, adjacent: bool = False) -> str:
        """The term as websearch_to_tsquery reads it; `segment`: cut into words.

        A Japanese word cut into several (日米同盟: 日米 同盟) needs them all, anywhere in
        the text, unless `adjacent`: then together and in order, as a phrase (the
        search ranks those first); excluded, it is excluded as the phrase it is.
        """
        words = self.segments() if segment else list(self.words)
        if not words:
            return ""
        written = " ".join(words)
        if self.phrase or ((self.excluded or adjacent) and len(words) > 1):
            written = f'"{written}"'
        return f"-{written}" if self.excluded else written

    @property
    def compound(self) -> bool:
        """Whether the term is a word written without spaces (Japanese) that the index
        has as several (日米同盟: 日米 同盟)."""
        return (
            not self.phrase and needs_segmenting(" ".join(self.words)) and len(self.segments()) > 1
        )

    def spelled(self) -> list["Term"]:
        """The term in each spelling, British and American (see `spelling`)."""
        return [replace(self, words=words) for words in spellings(self.words)]

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

    def websearch(self, *, segment: bool, spelled: bool = False, adjacent: bool = False) -> str:
        """The query for websearch_to_tsquery; `segment`: Japanese cut into words;
        `spelled`: each word in either spelling, British or American (for English
        texts); `adjacent`: Japanese compounds as phrases (see `Term.written`).

        websearch_to_tsquery has no parentheses and binds AND before OR, so a word in
        two spellings doubles its alternative: "missile defence" is written "missile
        defence or missile defense".
        """
        alternatives = [
            " ".join(
                filter(None, (term.written(segment=segment, adjacent=adjacent) for term in terms))
            )
            for terms in (self.spelled() if spelled else self.alternatives)
        ]
        return f" {OR} ".join(filter(None, alternatives))

    def spelled(self) -> list[tuple[Term, ...]]:
        """The alternatives with each wanted term in either spelling, and each term left
        out in both; up to MAX_SPELLED for each alternative, after which a term keeps
        its spelling."""
        spelled: list[tuple[Term, ...]] = []
        for terms in self.alternatives:
            choices: list[list[tuple[Term, ...]]] = []
            count = 1
            # A word asked for twice is asked for once ("defence defence …").
            for term in dict.fromkeys(terms):
                variants = term.spelled()
                if term.excluded:
                    choices.append([tuple(variants)])
                elif len(variants) > 1 and count * len(variants) <= MAX_SPELLED:
                    count *= len(variants)
                    choices.append([(variant,) for variant in variants])
                else:
                    choices.append([(term,)])
            spelled += [
                tuple(term for group in product for term in group)
                for product in itertools.product(*choices)
            ]
        return spelled

    @property
    def preferred(self) -> str:
        """The query with Japanese compounds as phrases, for websearch_to_tsquery, or ""
        when it has none: what the search ranks first (see `Term.written`)."""
        if not any(term.compound for term in self.wanted):
            return ""
        return self.websearch(segment=True, adjacent=True)

    def any_wanted_word(self, *, segment: bool, spelled: bool = False) -> str:
        """A query for to_tsquery that any of the wanted words matches, where it stands
        in a text's own words (weights A to C: see `index`), not in its parent's title;
        `spelled`: in either spelling."""
        terms = [
            variant for term in self.wanted for variant in (term.spelled() if spelled else [term])
        ]
        words = {
            word
            for term in terms
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
