"""Anchors: literals that every match of a finder's regex contains. A finder runs its regex only in windows
around them, and not at all in a turn without one.

Every anchor set a finder uses is registered once (:func:`anchor_set`, at import). An anchor that begins with a
letter counts only at the start of a word ("rate" is not an occurrence in "accurate", nor "ai" in "said"): every
finder's regex starts its words at a word boundary. :class:`AnchorIndex` finds all of those in one pass of one regex
per turn text (the anchors compiled into a trie, tried at word starts only: the longest anchor at each word start,
filed under its sets and under the sets of the anchors it begins with); the few anchors that begin with a mark
(``:``, ``<``, ``" a 4"``) are looked for with ``str.find`` over the turn texts joined. The cost is per transcript
and per occurrence, not per turn, finder and anchor.
"""

from __future__ import annotations

import re
from bisect import bisect_right

MANY = 5000  # past this many occurrences of one anchor in one text, the rest of it is a wall of triggers

_WORDLIKE = re.compile(r"\w")  # an anchor that begins with a word character counts at a word start (``\b``)
_SETS: list[AnchorSet] = []
_BY_ANCHOR: dict[str, list[int]] = {}


class AnchorSet:
    """One finder's anchors, registered: every :class:`AnchorIndex` built afterwards looks for them."""

    __slots__ = ("anchors", "common", "id", "longest")

    def __init__(self, anchors: tuple[str, ...], common: bool = False) -> None:
        self.anchors = anchors
        self.common = common  # ordinary words ("full", "score"): a wall of them is not a wall of triggers
        self.id = len(_SETS)
        self.longest = max((len(a) for a in anchors), default=0)
        _SETS.append(self)
        for anchor in set(anchors):
            _BY_ANCHOR.setdefault(anchor, []).append(self.id)

    def __or__(self, other: AnchorSet) -> AnchorSet:
        return AnchorSet(tuple(sorted(set(self.anchors) | set(other.anchors))), self.common and other.common)


def anchor_set(*anchors: str, common: bool = False) -> AnchorSet:
    """Register a finder's anchors (at import), folded as the texts they are looked for in are (``normalise``):
    an anchor written in Cyrillic or with accents is found. ``common``: ordinary words, which do not flood a turn."""
    from .normalise import fold_text

    # a leading space only marks a word start, which every anchor that begins with a word character has anyway
    return AnchorSet(tuple(dict.fromkeys(fold_text(a).lstrip(" ") or a for a in anchors)), common)


def _trie(words: list[str]) -> str:
    """A regex matching the longest of ``words`` at a position (a trie: each node's longer branches first)."""
    root: dict[str, dict] = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        parts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        end = "" in node
        if not parts:
            return ""
        if len(parts) == 1 and not end:
            return parts[0]
        return "(?:" + "|".join(parts) + ("|" if end else "") + ")"

    return emit(root)


class _Compiled:
    """The registered anchors compiled: a trie regex for those that begin with a letter, the list of the others,
    and for each word anchor the sets to file it under (its own and those of the anchors it begins with)."""

    def __init__(self) -> None:
        words = [a for a in _BY_ANCHOR if _WORDLIKE.match(a)]
        marks = [a for a in _BY_ANCHOR if not _WORDLIKE.match(a)]
        self.count = len(_BY_ANCHOR)
        # (a class of the first characters first: most word boundaries are turned down by one test)
        first = "".join(sorted({re.escape(w[0]) for w in words}))
        self.pattern = re.compile(r"\b(?=[" + first + "])(?=(" + _trie(words) + "))") if words else None
        # anchors that begin with a mark: one consuming trie (its first characters let the search skip the rest)
        self.marks = re.compile("(" + _trie(marks) + ")") if marks else None
        words += marks
        self.common = {a for a, sids in _BY_ANCHOR.items() if all(_SETS[s].common for s in sids)}
        known = set(words)
        self.closure = {w: sorted({sid for k in range(1, len(w) + 1) if w[:k] in known for sid in _BY_ANCHOR[w[:k]]})
                        for w in words}
        # for each set, the anchors found under it (its own, and those that begin with one of its own)
        members: dict[int, set[str]] = {}
        for w, sids in self.closure.items():
            for sid in sids:
                members.setdefault(sid, set()).add(w)
        self.members = {sid: frozenset(ws) for sid, ws in members.items()}


_COMPILED: list[_Compiled] = []


def _compiled() -> _Compiled:
    if not _COMPILED or _COMPILED[0].count != len(_BY_ANCHOR):
        _COMPILED[:] = [_Compiled()]
    return _COMPILED[0]


class AnchorIndex:
    """Occurrences of every registered anchor set in each of ``texts`` (folded turn texts)."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self._sets = len(_SETS)  # sets registered later are looked for on demand, text by text
        # each text's occurrences by anchor, filed under a set only when a finder asks for it (most never do)
        self._by_anchor: list[dict[str, list[int]]] = [{} for _ in texts]
        self._per_text: list[dict[int, list[int]]] = [{} for _ in texts]
        self._late: dict[tuple[int, int], list[int]] = {}
        self._present: list[frozenset[int] | None] = [None] * len(texts)  # each text's sets, once asked
        self.floods: dict[int, int] = {}  # text -> offset from which it is a wall of one anchor
        compiled = self._compiled = _compiled()
        for pattern in (compiled.pattern, compiled.marks):
            if pattern is None:
                continue
            for k, text in enumerate(texts):
                found = self._by_anchor[k]
                for m in pattern.finditer(text):
                    anchor = m.group(1)
                    at = m.start()
                    positions = found.get(anchor)
                    if positions is None:
                        found[anchor] = [at]
                    elif len(positions) < MANY:
                        positions.append(at)
                    elif anchor not in compiled.common:  # a wall of one anchor: the rest is triggers, not searched
                        self.floods[k] = min(self.floods.get(k, at), at)
                        break
                    # (past MANY an ordinary word is just not filed any more)

    def has(self, position: int, anchors: AnchorSet) -> bool:
        """Whether text ``position`` holds any of ``anchors``."""
        if anchors.id < self._sets:
            present = self._present[position]
            if present is None:
                present = self._present[position] = self._sets_in(position)
            return anchors.id in present
        return bool(self.positions(position, anchors))

    def _sets_in(self, position: int) -> frozenset[int]:
        """The registered sets text ``position`` holds an anchor of: each anchor found counts for its own sets and
        those of the anchors it begins with (``_Compiled.closure``), so asking a set is one look-up (a finder's gate
        is asked of every turn)."""
        closure = self._compiled.closure
        return frozenset().union(*(closure[a] for a in self._by_anchor[position]))

    def positions(self, position: int, anchors: AnchorSet) -> list[int]:
        """Start offsets of ``anchors`` in text ``position`` (unsorted; at most ``MANY`` per anchor)."""
        sid = anchors.id
        if sid < self._sets:
            filed = self._per_text[position]
            found = filed.get(sid)
            if found is None and not self.has(position, anchors):
                found = filed[sid] = []  # (most sets a finder asks for are not in the turn: one look-up says so)
            elif found is None:
                by_anchor = self._by_anchor[position]
                members = self._compiled.members.get(sid, frozenset())
                found = filed[sid] = [at for a in members.intersection(by_anchor) for at in by_anchor[a]]
            return found
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
