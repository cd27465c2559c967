"""Each text's language, as PostgreSQL's full-text search and SudachiPy need it."""

import functools
import re

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
# Han, kana and the CJK punctuation and compatibility forms: text that needs segmenting.
CJK = re.compile(r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")


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

    The normalized form is the dictionary form with spelling variants unified, so
    分かれた and 分かれる both give 分かれる.
    """
    found = []
    tokenizer = _tokenizer()
    for offset in range(0, len(text), _CHUNK):
        for morpheme in tokenizer.tokenize(text[offset : offset + _CHUNK]):
            if _skipped(morpheme.part_of_speech_id()):
                continue
            surface = morpheme.surface()
            if not surface.strip():
                continue
            # Latin words keep their spelling (SudachiPy would give "missile" in kana).
            normalized = morpheme.normalized_form() if needs_segmenting(surface) else surface
            found.append((offset + morpheme.begin(), offset + morpheme.end(), normalized))
    return found


def words(text: str) -> list[tuple[str, str]]:
    """Return (surface, normalized form) of each word of a text in Japanese."""
    return [(text[start:stop], normalized) for start, stop, normalized in word_spans(text)]


def segmented(text: str) -> str:
    """Return the text as its words' normalized forms separated by spaces, for indexing
    and for queries. Text without CJK characters is returned as it is."""
    if not needs_segmenting(text):
        return text
    return " ".join(normalized for _surface, normalized in words(text))
