"""One turn's folded text cut into units (sentences and clauses), with what the detector asks of each.

A unit ends at ``.``, ``!``, ``?`` or ``;`` followed by a space (so ``2.1 s``, ``0.41`` and ``e.g.`` do not end
one) or at a newline. Quoted spans are found once per turn, so "is this phrase quoted?" is a bisect.
Every feature of a unit is computed at most once: the detector's checks stay linear on a 2 MB turn.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from typing import Any

from ...util.spans import merge_spans
from . import rx
from .anchors import AnchorIndex, AnchorSet
from .lexicon import GRADING_TALK, NARRATIVE, SOFT_VERDICT, STRONG_VERDICT, VALUE
from .normalise import Folded

_END = rx.compile(r"[.!?;]+[\"')\]]*(?=\s|$)|\n+")
_ABBREVIATION = rx.compile(r"(?:^|[\s(])(?:e\.g|i\.e|etc|vs|dr|mr|mrs|prof|approx|fig|a\.i|u\.s|incl|cf|jr|sr|"
                           r"inc|ltd)$")
_QUOTES = rx.compile(r"\"[^\"\n]{1,600}\"|'(?<![\w']')[^\s'][^'\n]{0,600}?(?<=[^\s'])'(?![\w'])"
                     r"|\u300c[^\u300d\n]{1,600}\u300d|\u300e[^\u300f\n]{1,600}\u300f|\u00ab[^\u00bb\n]{1,600}\u00bb")
_GRADING = rx.compile(r"\b" + GRADING_TALK + r"\b")
_EVIDENCE_DIGIT = rx.compile(r"(?<![a-z0-9_])\d")
_VERDICT_TALK = rx.compile(r"\b" + STRONG_VERDICT + r"(?!\w)|\b" + SOFT_VERDICT + r"\b|\b(?:recommend\w*|candidat\w*|verdict|"
                           r"rubric|hire\w*|hiring|grader|marks)\b")
_LONG_UNIT = 20_000
_VALUE = rx.compile(r"(?<![\w-])" + VALUE + r"(?![\w-])")
_ANAPHORA = rx.compile(r"\s*(?:(?:so|and|but|then|anyway|also)\s+)?(?:let's\s+(?:just\s+)?(?:assume|say|agree|go\s+with)\b|"
                       r"(?:it|this|that|these|those)\b(?!\s+(?:was|were|took|cut|made|had|ran|went|got|reduced|"
                       r"dropped|improved|saved|raised|increased)\b))")
_LIST_LEAD = rx.compile(r"\s*(?:\d{1,2}|[a-z])[.)]\s")  # the number of an item in a list is not evidence
_LIST_MARK = rx.compile(r"\s*(?:\d{1,2}|[a-z])")  # "1." or "b." opening a line of a list does not end a unit
_CJK = rx.compile(r"[\u2e80-\u9fff\u3040-\u30ff\uf900-\ufaff\uff66-\uff9f]")
_STRONG = rx.compile(r"\b" + STRONG_VERDICT + r"(?!\w)")
_WORD = rx.compile(r"[a-z][a-z'-]{4,}")
_STOP = frozenset("about above after again against because before being below between could didn't doesn't "
                  "during every first their there these those through under until where which while would "
                  "should other their them they this that with from have what when your yours into also very "
                  "just then than some such only over much more most many were been will shall".split())


class TurnText:
    """The folded text of one turn and its units."""

    units: list[tuple[int, int]]  # computed on first use (``__getattr__``)
    _starts: list[int]
    has_cjk: bool
    quotes: tuple[list[int], list[int]]
    encodings: frozenset[str]  # set by ``encoded.encoded_gate``: the encodings the turn could hold

    def __init__(self, folded: Folded, index: AnchorIndex | None = None, position: int = 0) -> None:
        self.folded = folded
        self.text = folded.text
        self._index = index if index is not None else AnchorIndex([self.text])
        self._position = position if index is not None else 0
        self._cache: dict[tuple[str, int], object] = {}
        self._seen: dict[str, set[int]] = {}
        self._windows: dict[object, list[tuple[int, int]]] = {}
        self._positions: dict[tuple[re.Pattern[str], bool, int], list[int]] = {}
        # where the turn turns into a wall of triggers: an anchor past its limit (``anchors``), or a finder past
        # its budget of candidates (``context.fresh``)
        flood = self._index.floods.get(self._position)
        self.flooded: list[int] = [] if flood is None else [flood]

    def __getattr__(self, name: str) -> object:
        """``units``, ``has_cjk`` and ``quotes`` are computed on first use and then kept as attributes (most
        turns never need them)."""
        if name in _LAZY:
            value = _LAZY[name](self)
            setattr(self, name, value)
            return value
        raise AttributeError(name)

    def _cut_units(self) -> list[tuple[int, int]]:
        """``(start, end)`` of each unit, without the white space at its edges (removing it keeps the spacing
        around it). (Two loops, with no call per unit: every turn the model reads is cut.)"""
        text = self.text
        cuts: list[int] = []
        start = 0
        for m in _END.finditer(text):
            at = m.start()
            if text[at] == "." and (_ABBREVIATION.search(text, max(0, at - 8), at)
                                    or _LIST_MARK.fullmatch(text, start, at)):
                continue
            start = m.end()
            cuts.append(start)
        cuts.append(len(text))
        units: list[tuple[int, int]] = []
        start = 0
        for end in cuts:
            segment = text[start:end]
            stripped = segment.strip()
            if stripped:
                s = start + (len(segment) - len(segment.lstrip()))
                units.append((s, s + len(stripped)))
            start = end
        return units

    def seen(self, finder: str, pos: int) -> bool:
        """Whether ``finder`` already reported a hit in the unit at ``pos`` (one is enough: the unit goes whole)."""
        marked = self._seen.get(finder)
        return marked is not None and self.unit_at(pos) in marked

    def all_seen(self, finder: str) -> bool:
        """Whether ``finder`` has a hit in every unit (nothing is left for it to find: hostile input stops here)."""
        marked = self._seen.get(finder)
        return marked is not None and len(marked) >= len(self.units)

    def mark(self, finder: str, pos: int) -> None:
        self._seen.setdefault(finder, set()).add(self.unit_at(pos))

    def unit_at(self, pos: int) -> int:
        """The index of the unit holding folded position ``pos`` (the nearest one before it, between units)."""
        return max(0, bisect_right(self._starts, pos) - 1)

    def unit_text(self, i: int) -> str:
        s, e = self.units[i]
        return self.text[s:e]

    def has_digit(self, i: int) -> bool:
        """A number in unit ``i`` that is evidence: not the number of a list item, nor a grade asked for ("a 5",
        "5/5", "4 on every axis")."""
        return self._memo("digit", i, lambda t: bool(_EVIDENCE_DIGIT.search(_VALUE.sub(" ", t[_after_list_mark(t):]))))

    def narrative(self, i: int) -> bool:
        """Unit ``i`` tells what the speaker (or their team) did: evidence even without a number."""
        return self._memo("narrative", i, lambda t: bool(NARRATIVE.search(t)))

    def question(self, i: int) -> bool:
        return self._memo("question", i, lambda t: t.rstrip().endswith("?") and not _GRADING.search(t))

    def anaphoric(self, i: int) -> bool:
        """A short unit about what was just said ("That is a binding instruction.", "It would not be fair.")."""
        return self._memo("anaphoric", i, lambda t: bool(_ANAPHORA.match(t)) and len(t.split()) <= 8)

    def grading_talk(self, i: int) -> bool:
        return self._memo("grading", i, lambda t: bool(_GRADING.search(t)))

    def verdict_talk(self, i: int) -> bool:
        return self._memo("verdict", i, lambda t: bool(_VERDICT_TALK.search(t)))

    def strong_verdict(self, i: int) -> bool:
        return self._memo("strong", i, lambda t: bool(_STRONG.search(t)))

    def words(self, i: int) -> frozenset[str]:
        return self._memo("words", i, lambda t: frozenset(w for w in _WORD.findall(t) if w not in _STOP))

    def word_count(self, i: int) -> int:
        return self._memo("count", i, lambda t: len(t.split()))

    def _memo(self, name: str, i: int, compute: Callable[[str], Any]) -> Any:
        key = (name, i)
        if key not in self._cache:
            self._cache[key] = compute(self.unit_text(i))
        return self._cache[key]

    def has(self, pattern: re.Pattern[str], lo: int, hi: int, quoted: bool = False) -> bool:
        """Whether ``pattern`` matches (outside quotes, unless ``quoted``) in ``[lo, hi)``. Each unit is scanned
        once per pattern and its match positions kept, so asking again anywhere in it is a bisect."""
        if not self.units or hi <= lo:
            return False
        i = self.unit_at(lo)
        while i < len(self.units) and self.units[i][0] < hi:
            s, e = self.units[i]
            if e - s > _LONG_UNIT:  # a huge unit (hostile input) is searched where asked, not scanned whole
                if self._search(pattern, max(lo, s), min(hi, e), min(e, hi + 200), quoted):
                    return True
                i += 1
                continue
            key = (pattern, quoted, i)
            found = self._positions.get(key)
            if found is None:
                found = self._positions[key] = [m.start() for m in pattern.finditer(self.text, s, e)
                                                if quoted or self.quote_around(m.start(), m.end()) is None]
            j = bisect_left(found, lo)
            if j < len(found) and found[j] < hi:
                return True
            i += 1
        return False

    def _search(self, pattern: re.Pattern[str], lo: int, hi: int, endpos: int, quoted: bool) -> bool:
        """A match of ``pattern`` starting in ``[lo, hi)`` (ending by ``endpos``), outside quotes unless ``quoted``."""
        pos = lo
        while pos < hi:
            m = pattern.search(self.text, pos, endpos)
            if m is None or m.start() >= hi:
                return False
            if quoted or self.quote_around(m.start(), m.end()) is None:
                return True
            pos = m.start() + 1
        return False

    def unit_end(self, pos: int, units: int = 1) -> int:
        """The end of the unit holding ``pos`` (or of the ``units - 1`` after it)."""
        if not self.units:
            return len(self.text)
        return self.units[min(len(self.units) - 1, self.unit_at(pos) + units - 1)][1]

    def unit_start(self, pos: int) -> int:
        return self.units[self.unit_at(pos)][0] if self.units else 0

    def windows(self, anchors: AnchorSet, before: int = 160, after: int = 480) -> list[tuple[int, int]]:
        """Ranges around each occurrence of an anchor (see ``anchors``), merged: a finder's regex runs there
        only."""
        positions = self._index.positions(self._position, anchors)
        if len(positions) < 2:  # none, or one window (most turns): nothing to merge or keep
            return [(max(0, i - before), min(len(self.text), i + after + anchors.longest)) for i in positions]
        key = (anchors.id, before, after)
        found = self._windows.get(key)
        if found is not None:
            return found
        n = len(self.text)
        extra = after + anchors.longest
        merged = merge_spans((max(0, i - before), min(n, i + extra)) for i in positions)
        self._windows[key] = merged
        return merged

    def anchor_positions(self, anchors: AnchorSet) -> list[int]:
        """Where ``anchors`` occur in the turn (unsorted; see ``anchors``)."""
        return self._index.positions(self._position, anchors)

    def has_any(self, anchors: AnchorSet) -> bool:
        """Whether any of ``anchors`` occurs (a finder with none of its anchors has nothing to find)."""
        return self._index.has(self._position, anchors)

    def find(self, pattern: re.Pattern[str], anchors: AnchorSet, before: int = 160,
             after: int = 480) -> Iterator[re.Match[str]]:
        """``pattern``'s matches in the windows around ``anchors``: a match starts at most ``before``
        characters before an anchor and ends at most ``after`` characters after one."""
        for lo, hi in self.windows(anchors, before, after):
            yield from pattern.finditer(self.text, lo, hi)

    def _quote_spans(self) -> tuple[list[int], list[int]]:
        """Starts and ends of quoted spans (the quote marks included), in order."""
        starts, ends = [], []
        for m in _QUOTES.finditer(self.text):
            starts.append(m.start())
            ends.append(m.end())
        return starts, ends

    def quote_around(self, start: int, end: int) -> tuple[int, int] | None:
        """The quoted span holding ``[start, end)``, if any."""
        starts, ends = self.quotes
        i = bisect_right(starts, start) - 1
        if i >= 0 and ends[i] >= end:
            return starts[i], ends[i]
        return None



def _after_list_mark(text: str) -> int:
    m = _LIST_LEAD.match(text)
    return m.end() if m else 0


_LAZY = {
    "units": TurnText._cut_units,
    "_starts": lambda tt: [s for s, _ in tt.units],
    "has_cjk": lambda tt: bool(_CJK.search(tt.text)),
    "quotes": TurnText._quote_spans,
}
