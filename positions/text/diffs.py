"""Word-level differences between two versions of a text, for side-by-side display.

Used by the history pages (any two revisions), by the conflict page (what an editor
typed against what was saved meanwhile) and by the "what changed since the translation"
pages.

Two texts are compared a level at a time: their paragraphs, then the lines of the
paragraphs that changed, then the words of the lines that changed, so that a small
change in a long text costs little. Each comparison has a budget of steps
(`MAX_STEPS`) and of changes (`MAX_CHANGES`): what is left to compare when either runs
out is marked whole, a paragraph or a line at a time (`WordDiff.too_large`), instead
of word by word. However long the texts, however much they differ, a comparison takes
a fraction of a second (`bench/texts.py` measures it).
"""

import bisect
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

# Words, runs of white space, single punctuation marks, and single CJK characters:
# Japanese has no spaces between words, so each character is compared on its own.
CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
TOKEN = re.compile(rf"[{CJK}]|\s+|(?:(?![{CJK}])\w)+|.", re.DOTALL)
# A paragraph ends with a blank line and the white space after it; a line with "\n".
PARAGRAPH_END = re.compile(r"(\n[ \t\r]*\n\s*)")
LINE_END = re.compile(r"(\n)")

# Steps of the shortest-edit search (`_shortest_edit`, 150-250 ns each) and of the
# search for anchors, for one comparison, all levels together: 0.2 s at most.
MAX_STEPS = 1_000_000
# ... and for one stretch between anchors: a paragraph rewritten from start to end is
# marked whole without spending what the other changes need.
STRETCH_STEPS = 200_000
# Stretches this short (units of both sides) are aligned by the shortest edit at once.
SMALL_STRETCH = 64
# How many times a stretch between anchors is searched for anchors of its own.
ANCHOR_DEPTH = 4
# Changed stretches shown word by word, on both sides together: each is an element of
# the page, and the conflict page may show several texts.
MAX_CHANGES = 2_000

PARAGRAPHS, LINES, WORDS = range(3)


@dataclass(frozen=True)
class Segment:
    text: str
    changed: bool


@dataclass(frozen=True)
class WordDiff:
    """The old text and the new, each cut into unchanged and changed segments."""

    old: list[Segment]
    new: list[Segment]
    # Some changes were too many or too large to compare word by word: the paragraphs
    # or lines where they are are marked changed whole.
    too_large: bool = False

    @property
    def has_changes(self) -> bool:
        return any(segment.changed for segment in self.old) or any(
            segment.changed for segment in self.new
        )


def word_diff(old: str, new: str) -> WordDiff:
    """Compare two texts word by word (character by character in CJK scripts).

    Texts that are the same cost one string comparison. Otherwise the cost grows with
    what changed, not with the length of the texts, up to the budget (see the module).
    """
    if old == new:
        same = [Segment(old, False)] if old else []
        return WordDiff(old=same, new=list(same))
    comparison = _Comparison()
    comparison.compare(old, new, PARAGRAPHS)
    return comparison.result()


def _common_prefix(a: str, b: str) -> int:
    """Return the length of the longest common start of `a` and `b`, in characters."""
    low, high = 0, min(len(a), len(b))
    while low < high:  # comparing strings, not characters: a few dozen comparisons
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _common_suffix(a: str, b: str) -> int:
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[len(a) - middle :] == b[len(b) - middle :]:
            low = middle
        else:
            high = middle - 1
    return low


SPACE = re.compile(r"\s")
WORD_CHARACTER = re.compile(rf"(?![{CJK}])\w")


def _word_start(text: str, at: int, *, forward: bool = False) -> int:
    """Return the nearest position before `at` (after it when `forward`) where TOKEN
    starts a word, a space or a sign: not inside a run of spaces or of word characters.
    Both characters around it are then those of the common part. Past a thousand
    characters of one run, the start of the text (its end when `forward`)."""
    at = min(max(at, 0), len(text))
    step = 1 if forward else -1
    if not forward:
        at -= 1
    for _ in range(1_000):
        if not 0 < at < len(text):
            break
        before, after = text[at - 1], text[at]
        if not (
            (SPACE.match(before) and SPACE.match(after))
            or (WORD_CHARACTER.match(before) and WORD_CHARACTER.match(after))
        ):
            return at
        at += step
    return len(text) if forward else 0


# An opcode, as difflib's: ("equal" | "replace" | "delete" | "insert", i1, i2, j1, j2),
# a[i1:i2] becoming b[j1:j2]; and "whole", a stretch too costly to compare.
Opcode = tuple[str, int, int, int, int]


class _Comparison:
    def __init__(self) -> None:
        self.steps = MAX_STEPS
        self.changes = MAX_CHANGES
        self.too_large = False
        # Each side as runs: [changed, pieces of text], adjacent runs of the same kind
        # joined (the pieces are joined once, at the end).
        self.old: list[tuple[bool, list[str]]] = []
        self.new: list[tuple[bool, list[str]]] = []

    def result(self) -> WordDiff:
        return WordDiff(
            old=[Segment("".join(pieces), changed) for changed, pieces in self.old],
            new=[Segment("".join(pieces), changed) for changed, pieces in self.new],
            too_large=self.too_large,
        )

    def add(self, old: str, new: str, *, changed: bool) -> None:
        for side, text in ((self.old, old), (self.new, new)):
            if not text:
                continue
            if side and side[-1][0] == changed:
                side[-1][1].append(text)
            else:
                side.append((changed, [text]))
                if changed:
                    self.changes -= 1

    def compare(self, old: str, new: str, level: int) -> None:
        """Add the differences of two texts, cut into units of `level` and compared."""
        if level == WORDS:
            # Their same start and end found by comparing strings rather than words, and
            # ended between two words: a word changed in a paragraph of 200,000
            # characters costs no more than that.
            start = _word_start(old, _common_prefix(old, new))
            end = _common_suffix(old[start:], new[start:])
            end = len(old) - _word_start(old, len(old) - end + 1, forward=True)
            self.add(old[:start], new[:start], changed=False)
            self.compare_units(old[start : len(old) - end], new[start : len(new) - end], WORDS)
            self.add(old[len(old) - end :], new[len(new) - end :], changed=False)
            return
        self.compare_units(old, new, level)

    def compare_units(self, old: str, new: str, level: int) -> None:
        a, b = _units(old, level), _units(new, level)
        for tag, i1, i2, j1, j2 in self.align(a, b):
            old_part, new_part = "".join(a[i1:i2]), "".join(b[j1:j2])
            if tag == "equal":
                self.add(old_part, new_part, changed=False)
            elif tag == "replace" and level < WORDS and self.changes > 0:
                self.compare(old_part, new_part, level + 1)
            else:
                if tag == "whole" or (tag == "replace" and level < WORDS):
                    self.too_large = True
                self.add(old_part, new_part, changed=True)

    def align(self, a: Sequence[str], b: Sequence[str]) -> list[Opcode]:
        """The opcodes turning units `a` into `b`."""
        ids: dict[str, int] = {}
        a_ids = [ids.setdefault(unit, len(ids)) for unit in a]
        b_ids = [ids.setdefault(unit, len(ids)) for unit in b]
        opcodes: list[Opcode] = []
        self.align_range(a_ids, 0, len(a_ids), b_ids, 0, len(b_ids), opcodes, ANCHOR_DEPTH)
        return opcodes

    def align_range(
        self,
        a: list[int],
        a_start: int,
        a_end: int,
        b: list[int],
        b_start: int,
        b_end: int,
        opcodes: list[Opcode],
        depth: int,
    ) -> None:
        """Append the opcodes turning a[a_start:a_end] into b[b_start:b_end].

        The common start and end first; between them, units found once on each side
        (a sentence's rare words, a paragraph that stayed) are anchors, in the longest
        order both sides agree on, and the stretches between anchors are aligned the
        same way ("patience diff"), `depth` times at most; then a shortest edit, or one
        "whole" stretch when it would take more steps than a stretch may.
        """
        same = 0
        while same < a_end - a_start and same < b_end - b_start:
            if a[a_start + same] != b[b_start + same]:
                break
            same += 1
        if same:
            _append(opcodes, "equal", a_start, a_start + same, b_start, b_start + same)
            a_start, b_start = a_start + same, b_start + same
        same = 0
        while same < a_end - a_start and same < b_end - b_start:
            if a[a_end - 1 - same] != b[b_end - 1 - same]:
                break
            same += 1
        a_end, b_end = a_end - same, b_end - same
        if a_start < a_end or b_start < b_end:
            self.steps -= (a_end - a_start) + (b_end - b_start)
            anchors = []
            if depth and (a_end - a_start) + (b_end - b_start) > SMALL_STRETCH:
                anchors = _anchors(a, a_start, a_end, b, b_start, b_end)
            if anchors:
                for i, j in anchors:
                    self.align_range(a, a_start, i, b, b_start, j, opcodes, depth - 1)
                    _append(opcodes, "equal", i, i + 1, j, j + 1)
                    a_start, b_start = i + 1, j + 1
                self.align_range(a, a_start, a_end, b, b_start, b_end, opcodes, depth - 1)
            else:
                self.edit(a[a_start:a_end], b[b_start:b_end], a_start, b_start, opcodes)
        if same:
            _append(opcodes, "equal", a_end, a_end + same, b_end, b_end + same)

    def edit(
        self, a: list[int], b: list[int], a_start: int, b_start: int, opcodes: list[Opcode]
    ) -> None:
        """Append a shortest edit turning `a` into `b`, which start at `a_start` and
        `b_start`, or the whole stretch when it would cost more than the budget gives."""
        cap = min(self.steps, STRETCH_STEPS)
        found = _shortest_edit(a, b, cap) if cap > 0 and self.changes > 0 else None
        if found is None:
            self.steps -= max(cap, 0)
            _append(opcodes, "whole", a_start, a_start + len(a), b_start, b_start + len(b))
            return
        edits, steps = found
        self.steps -= steps
        for tag, i1, i2, j1, j2 in edits:
            _append(opcodes, tag, i1 + a_start, i2 + a_start, j1 + b_start, j2 + b_start)


def _append(opcodes: list[Opcode], tag: str, i1: int, i2: int, j1: int, j2: int) -> None:
    """Add an opcode, joined to the last one when both are equal."""
    if opcodes and tag == "equal" and opcodes[-1][0] == "equal":
        _, previous_i1, _, previous_j1, _ = opcodes[-1]
        opcodes[-1] = ("equal", previous_i1, i2, previous_j1, j2)
    else:
        opcodes.append((tag, i1, i2, j1, j2))


def _anchors(
    a: list[int], a_start: int, a_end: int, b: list[int], b_start: int, b_end: int
) -> list[tuple[int, int]]:
    """Return (i, j) of the units found once in a[a_start:a_end] and once in
    b[b_start:b_end], a[i] == b[j], in the longest chain increasing on both sides."""
    a_count = Counter(a[a_start:a_end])
    b_count = Counter(b[b_start:b_end])
    in_b = {b[j]: j for j in range(b_start, b_end) if b_count[b[j]] == 1}
    pairs = [(i, in_b[a[i]]) for i in range(a_start, a_end) if a_count[a[i]] == 1 and a[i] in in_b]
    # Longest increasing subsequence of the js (patience sorting): tops[n] is the index
    # in `pairs` of the smallest j ending a chain of n + 1; before[p], the pair before p.
    tops: list[int] = []
    top_js: list[int] = []
    before: list[int] = []
    for index, (_, j) in enumerate(pairs):
        place = bisect.bisect_left(top_js, j)
        before.append(tops[place - 1] if place else -1)
        if place == len(tops):
            tops.append(index)
            top_js.append(j)
        else:
            tops[place] = index
            top_js[place] = j
    chain = []
    index = tops[-1] if tops else -1
    while index >= 0:
        chain.append(pairs[index])
        index = before[index]
    return chain[::-1]


def _units(text: str, level: int) -> list[str]:
    """Cut `text` into paragraphs or lines, with what ends each as a unit of its own
    (so that the last paragraph equals itself followed by another), or into words."""
    if level == WORDS:
        return TOKEN.findall(text)
    ends = PARAGRAPH_END if level == PARAGRAPHS else LINE_END
    return [unit for unit in ends.split(text) if unit]


def _shortest_edit(a: list[int], b: list[int], steps: int) -> tuple[list[Opcode], int] | None:
    """Return the opcodes of a shortest edit turning `a` into `b` and the steps it took,
    or None if it takes more than `steps`.

    Myers' greedy algorithm ("An O(ND) difference algorithm", 1986): N + M the lengths,
    D the number of units deleted and inserted. Steps count the diagonals tried, (D+1)²,
    and the units matched along them; the V array of each round is kept for the way
    back, (D+1)² numbers.
    """
    n, m = len(a), len(b)
    if not n or not m:
        return [("delete" if n else "insert", 0, n, 0, m)], 1
    most = min(n + m, math.isqrt(steps))
    # v[k]: how far along a (x) the furthest path of the round reached on diagonal
    # k = x - y; negative k index from the end, as far as `most` never collides.
    v = [0] * (2 * most + 3)
    trace = []
    used = 0
    for d in range(most + 1):
        trace.append(v.copy())
        used += 2 * d + 1
        if used > steps:
            return None
        for k in range(-d, d + 1, 2):
            if k == -d or (k != d and v[k - 1] < v[k + 1]):
                x = v[k + 1]  # down: a unit of b inserted
            else:
                x = v[k - 1] + 1  # right: a unit of a deleted
            y = x - k
            run = x
            while x < n and y < m and a[x] == b[y]:
                x += 1
                y += 1
            used += x - run
            v[k] = x
            if x >= n and y >= m:
                return _opcodes(trace, n, m), used
            if used > steps:
                return None
    return None


def _opcodes(trace: list[list[int]], n: int, m: int) -> list[Opcode]:
    """Walk back from (n, m) along the rounds of `_shortest_edit`; group the moves."""
    # Moves from the end: (equal, x1, x2, y1, y2) or a single deletion or insertion.
    moves: list[tuple[bool, int, int, int, int]] = []
    x, y = n, m
    for d in range(len(trace) - 1, -1, -1):
        v = trace[d]
        k = x - y
        down = k == -d or (k != d and v[k - 1] < v[k + 1])
        previous_k = k + 1 if down else k - 1
        previous_x = v[previous_k]
        previous_y = previous_x - previous_k
        if d == 0:
            run_x, run_y = 0, 0
        elif down:
            run_x, run_y = previous_x, previous_y + 1
        else:
            run_x, run_y = previous_x + 1, previous_y
        if x > run_x:
            moves.append((True, run_x, x, run_y, y))
        if d > 0:
            moves.append((False, previous_x, run_x, previous_y, run_y))
        x, y = previous_x, previous_y
    opcodes: list[Opcode] = []
    for equal, x1, x2, y1, y2 in reversed(moves):
        if not equal and opcodes and opcodes[-1][0] != "equal":
            _, i1, _, j1, _ = opcodes[-1]
            opcodes[-1] = (_edit(i1, x2, j1, y2), i1, x2, j1, y2)
        else:
            opcodes.append(("equal" if equal else _edit(x1, x2, y1, y2), x1, x2, y1, y2))
    return opcodes


def _edit(i1: int, i2: int, j1: int, j2: int) -> str:
    if i1 == i2:
        return "insert"
    return "delete" if j1 == j2 else "replace"
