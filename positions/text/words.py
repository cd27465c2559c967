"""Each text's language, as PostgreSQL's full-text search and SudachiPy need it, and
the one form in which search compares texts and queries."""

import functools
import re
import unicodedata
from collections.abc import Callable

# PostgreSQL's own stemming configurations, by language code. Other languages are
# indexed word by word ("simple"); Japanese is first segmented into words.
CONFIGS = {
    "da": "danish",
    "de": "german",
    "en": "english",
    "es": "spanish",
    "fi": "finnish",
    "fr": "french",
    "hu": "hungarian",
    "it": "italian",
    "nl": "dutch",
    "no": "norwegian",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sv": "swedish",
    "tr": "turkish",
}
SIMPLE = "simple"
# Han, kana and the CJK punctuation and compatibility forms (㍿, half-width ｶﾅ): text
# that needs segmenting.
CJK = re.compile(r"[\u3000-\u30ff\u3200-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")


def fold(text: str) -> str:
    """Return the text in the form search compares: NFKC-normalised and case-folded, so
    that ＳＣＯ, SCO and sco are one word, ｶﾀｶﾅ is カタカナ, ㍿ is 株式会社 and ШОС is шос.

    Normalised again after folding: folding can leave a letter and its accent apart.
    """
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())


class _Table(dict):
    """A table for str.translate, filled as characters come: translating runs in C,
    where a loop over a long paper's characters in Python takes a tenth of a second."""

    def __init__(self, function: Callable[[str], str | None]) -> None:
        super().__init__()
        self.function = function

    def __missing__(self, code: int) -> str | None:
        value = self[code] = self.function(chr(code))
        return value


def _joins_previous(character: str) -> bool:
    # A mark that composes with the character before it (the ﾞ of ｶﾞ, which becomes
    # ガ; an accent written apart): folded with that character, not alone.
    return bool(
        unicodedata.combining(character)
        or unicodedata.combining(unicodedata.normalize("NFKC", character)[:1])
    )


# Each character folded alone; and the characters that join the one before them, kept
# (the others dropped).
_FOLDED = _Table(fold)
_JOINING = _Table(lambda character: character if _joins_previous(character) else None)


class Folded:
    """A text folded as `fold()` does, knowing where each of its characters came from:
    folding changes lengths (㍿ gives four characters, ｶﾞ one), and a match found in
    the folded text is marked in the text as written."""

    def __init__(self, text: str) -> None:
        if text.isascii():
            # Most texts in Latin letters: folding only lowers their case.
            self.text = text.lower()
            self._starts: range | list[int] = range(len(text))
            self._stops: range | list[int] = range(1, len(text) + 1)
            return
        one_by_one = text.translate(_FOLDED)
        if len(one_by_one) == len(text) and not text.translate(_JOINING):
            # Each character folds into one, alone, as in most texts (Japanese with its
            # full-width letters and digits included).
            self.text = one_by_one
            self._starts, self._stops = range(len(text)), range(1, len(text) + 1)
            return
        pieces: list[str] = []
        starts: list[int] = []  # where in `text` each piece starts
        for index, character in enumerate(text):
            if pieces and _JOINING[ord(character)]:
                pieces[-1] = fold(text[starts[-1] : index + 1])
            else:
                pieces.append(_FOLDED[ord(character)])
                starts.append(index)
        self.text = "".join(pieces)
        self._starts, self._stops = [], []
        for piece, start, stop in zip(pieces, starts, [*starts[1:], len(text)], strict=True):
            self._starts += [start] * len(piece)
            self._stops += [stop] * len(piece)

    def original(self, start: int, stop: int) -> tuple[int, int]:
        """Return the span of the text as written that folded `[start:stop]` came from."""
        return self._starts[start], self._stops[stop - 1]


def config_for(language: str) -> str:
    return CONFIGS.get(language.split("-")[0].lower(), SIMPLE)


def needs_segmenting(text: str) -> bool:
    return bool(CJK.search(text))


@functools.cache
def _dictionary():
    # The core dictionary (sudachidict_core): the common vocabulary and the proper
    # nouns this field needs (上海協力機構, 六者会合), at a third of the full
    # dictionary's size.
    from sudachipy import Dictionary

    return Dictionary(dict="core")


@functools.cache
def _tokenizer():
    # Mode A, the shortest units, so that a part of a compound finds the compound:
    # 協力 finds 上海協力機構.
    from sudachipy import SplitMode

    return _dictionary().tokenizer(mode=SplitMode.A)


# Parts of speech that are not words to find: symbols, spaces, and the particles and
# auxiliaries that inflect (the た of 分かれた), which a query must not require.
_SKIPPED = {"補助記号", "空白", "助詞", "助動詞"}
# SudachiPy refuses longer input; texts are cut into pieces of this size.
_CHUNK = 10_000


@functools.cache
def _skipped(part_of_speech_id: int) -> bool:
    # By the part of speech's number: asking each word for its part of speech's names
    # builds them anew, a third of the time segmenting takes.
    return _dictionary().pos_of(part_of_speech_id)[0] in _SKIPPED


def word_spans(text: str) -> list[tuple[int, int, str]]:
    """Return (start, stop, normalized form) of each word of a text in Japanese, where
    text[start:stop] is the word as written.

    The text is segmented folded (see `fold()`: ㍿ is read as 株式会社, ＳＣＯ as sco).
    The normalized form is the dictionary form with spelling variants unified, so
    分かれた and 分かれる both give 分かれる.
    """
    folded = Folded(text)
    found = []
    tokenizer = _tokenizer()
    for offset in range(0, len(folded.text), _CHUNK):
        for morpheme in tokenizer.tokenize(folded.text[offset : offset + _CHUNK]):
            if _skipped(morpheme.part_of_speech_id()):
                continue
            surface = morpheme.surface()
            if not surface.strip():
                continue
            # Latin words keep their spelling (SudachiPy would give "missile" in kana).
            normalized = morpheme.normalized_form() if needs_segmenting(surface) else surface
            start, stop = folded.original(offset + morpheme.begin(), offset + morpheme.end())
            found.append((start, stop, normalized))
    return found


def words(text: str) -> list[tuple[str, str]]:
    """Return (surface, normalized form) of each word of a text in Japanese."""
    return [(text[start:stop], normalized) for start, stop, normalized in word_spans(text)]


def segmented(text: str) -> str:
    """Return the text folded (see `fold()`) and, when it is written without spaces, as
    its words' normalized forms separated by spaces, for indexing and for queries."""
    if not needs_segmenting(text):
        return fold(text)
    return " ".join(normalized for _start, _stop, normalized in word_spans(text))
