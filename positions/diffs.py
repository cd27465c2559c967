"""Word-level differences between two versions of a text, for side-by-side display.

Used by the history pages (any two revisions) and by the conflict page (what an
editor typed against what was saved meanwhile).
"""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

# Words, runs of white space, single punctuation marks, and single CJK characters:
# Japanese has no spaces between words, so each character is compared on its own.
CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
TOKEN = re.compile(rf"[{CJK}]|\s+|(?:(?![{CJK}])\w)+|.", re.DOTALL)


@dataclass(frozen=True)
class Segment:
    text: str
    changed: bool


@dataclass(frozen=True)
class WordDiff:
    """The old text and the new, each cut into unchanged and changed segments."""

    old: list[Segment]
    new: list[Segment]

    @property
    def has_changes(self) -> bool:
        return any(segment.changed for segment in self.old + self.new)


def word_diff(old: str, new: str) -> WordDiff:
    """Compare two texts word by word (character by character in CJK scripts)."""
    old_tokens, new_tokens = TOKEN.findall(old), TOKEN.findall(new)
    matcher = SequenceMatcher(a=old_tokens, b=new_tokens, autojunk=False)
    old_segments: list[Segment] = []
    new_segments: list[Segment] = []
    for op, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        changed = op != "equal"
        if a_end > a_start:
            old_segments.append(Segment("".join(old_tokens[a_start:a_end]), changed))
        if b_end > b_start:
            new_segments.append(Segment("".join(new_tokens[b_start:b_end]), changed))
    return WordDiff(old=old_segments, new=new_segments)
