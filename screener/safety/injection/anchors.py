"""Anchors: literals that every match of a finder's regex contains. A finder runs its regex only in windows
around them, and not at all in a turn without one.

Every anchor set a finder uses is registered once (:func:`anchor_set`, at import). :class:`AnchorIndex` then looks
for each anchor with one ``str.find`` pass over all of a transcript's folded turn texts joined, and files each
occurrence under every set that holds the anchor, by turn: the cost is per transcript and per occurrence, not per
turn, finder and anchor. An anchor that begins with a letter counts only at the start of a word ("rate" is not an
occurrence in "accurate", nor "ai" in "said"): every finder's regex starts its words at a word boundary.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

MANY = 5000  # past this many occurrences of one anchor in one text, the rest of it is a wall of triggers

_LETTERS = re.compile(r"[^\W\d_]+")
_TO_SPACE = str.maketrans({chr(c): " " for c in range(128) if not chr(c).isalpha()})
_LEAD: dict[str, str] = {}  # anchor -> the letters it starts with ("" when it starts with anything else)
_SETS: list[AnchorSet] = []
_BY_ANCHOR: dict[str, list[int]] = {}


class AnchorSet:
    """One finder's anchors, registered: every :class:`AnchorIndex` built afterwards looks for them."""

    __slots__ = ("anchors", "id", "longest")

    def __init__(self, anchors: tuple[str, ...]) -> None:
        self.anchors = anchors
        self.id = len(_SETS)
        self.longest = max((len(a) for a in anchors), default=0)
        _SETS.append(self)
        for anchor in set(anchors):
            _BY_ANCHOR.setdefault(anchor, []).append(self.id)
            lead = _LETTERS.match(anchor)
            _LEAD[anchor] = lead.group(0) if lead else ""

    def __or__(self, other: AnchorSet) -> AnchorSet:
        return AnchorSet(tuple(sorted(set(self.anchors) | set(other.anchors))))


def anchor_set(*anchors: str) -> AnchorSet:
    """Register a finder's anchors (at import), folded as the texts they are looked for in are (``normalise``):
    an anchor written in Cyrillic or with accents is found."""
    from .normalise import fold_text

    return AnchorSet(tuple(dict.fromkeys(fold_text(a) for a in anchors)))


class AnchorIndex:
    """Occurrences of every registered anchor set in each of ``texts`` (folded turn texts)."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self._sets = len(_SETS)  # sets registered later are looked for on demand, text by text
        self._per_text: list[dict[int, list[int]]] = [{} for _ in texts]
        self._late: dict[tuple[int, int], list[int]] = {}
        self.floods: dict[int, int] = {}  # text -> offset from which it is a wall of one anchor
        joined = texts[0] if len(texts) == 1 else "\x00".join(texts)
        starts, at = [], 0
        for t in texts:
            starts.append(at)
            at += len(t) + 1
        # the words of the texts (any non-letter splits them)
        words = sorted(set(joined.translate(_TO_SPACE).split() if joined.isascii() else _LETTERS.findall(joined)))
        n = len(words)
        for anchor, sids in list(_BY_ANCHOR.items()):
            lead = _LEAD[anchor]
            if lead:  # an anchor at a word start needs a word that begins with its letters
                i = bisect_left(words, lead)
                if i == n or not words[i].startswith(lead):
                    continue
            _locate(joined, anchor, sids, starts, self._per_text, texts, self.floods)

    def positions(self, position: int, anchors: AnchorSet) -> list[int]:
        """Start offsets of ``anchors`` in text ``position`` (unsorted; at most ``MANY`` per anchor)."""
        sid = anchors.id
        if sid < self._sets:
            return self._per_text[position].get(sid, [])
        key = (position, sid)
        if key not in self._late:
            text = self.texts[position]
            one: list[dict[int, list[int]]] = [{}]
            for anchor in set(anchors.anchors):
                _locate(text, anchor, [sid], [0], one, [text], self.floods if len(self.texts) == 1 else {})
            self._late[key] = one[0].get(sid, [])
        return self._late[key]


def _locate(joined: str, anchor: str, sids: list[int], starts: list[int], per_text: list[dict[int, list[int]]],
            texts: list[str], floods: dict[int, int]) -> None:
    """File ``anchor``'s word-start occurrences in ``joined`` (the texts at ``starts``) under ``sids``. A text
    with more than ``MANY`` of them (or ``4 * MANY`` occurrences of any kind) is flooded from there
    (``floods[text] = offset``): what follows is read as a wall of triggers, not searched."""
    word = anchor[0].isalpha()
    find = joined.find
    one = len(texts) == 1
    i = find(anchor)
    k, count, words = -1, 0, 0
    while i >= 0:
        t = 0 if one else bisect_right(starts, i) - 1
        if t != k:
            k, count, words = t, 0, 0
        count += 1
        local = i - starts[k]
        if not (word and i > 0 and joined[i - 1].isalpha()):
            words += 1
            found = per_text[k]
            for sid in sids:
                positions = found.get(sid)
                if positions is None:
                    found[sid] = [local]
                else:
                    positions.append(local)
        if words >= MANY or count >= 4 * MANY:
            floods[k] = min(floods.get(k, local), local)
            if k + 1 >= len(texts):
                return
            i = find(anchor, starts[k + 1])
            continue
        i = find(anchor, i + 1)
