"""Quote grounding: every quote must be verbatim text from one of the candidate's own turns.

Matching tolerates differences in whitespace, case and punctuation, and the grounded quote is replaced by
the exact span of the transcript, so what reaches the user is verbatim even when the model's copy was not.
An elided quote ("A ... B") is accepted only when every fragment is a substantial verbatim span and the
words left out between fragments hold no negation and no number: an ellipsis cannot change the meaning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .transcript import Transcript

_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…|\[\.\.\.\])\s*")
_MIN_CHARS = 8  # a quote shorter than this (normalised) proves nothing
_MIN_FRAGMENT_WORDS = 3  # each fragment of an elided quote must be at least this many words
# words whose omission between two fragments can invert or change what was said
_MEANING_WORDS = frozenset({
    "not", "no", "never", "none", "nor", "neither", "without", "cannot", "cant", "don", "doesn", "didn", "isn",
    "wasn", "aren", "weren", "won", "wouldn", "shouldn", "couldn", "hasn", "haven", "hadn", "t", "nothing",
    "nobody", "nowhere", "hardly", "barely", "except", "unless", "only", "but", "although", "however",
})


_TOKEN = re.compile(r"[^\W_]+")


@dataclass
class _Index:
    """A turn's text normalised to lower-case alphanumerics and single spaces, with a map back to offsets."""

    text: str
    norm: str
    offsets: list[int]

    @classmethod
    def build(cls, text: str) -> _Index:
        words: list[str] = []
        offsets: list[int] = []
        for m in _TOKEN.finditer(text):
            if words:
                offsets.append(m.start() - 1)  # the single space stands for the gap before this word
            start, end = m.span()
            words.append(m.group(0).lower())
            offsets.extend(range(start, end))
        norm = " ".join(words)
        if len(norm) != len(offsets):  # lower() changed a length (rare letters): fall back to one char at a time
            return cls._build_slow(text)
        return cls(text=text, norm=norm, offsets=offsets)

    @classmethod
    def _build_slow(cls, text: str) -> _Index:
        norm: list[str] = []
        offsets: list[int] = []
        prev_space = True
        for i, ch in enumerate(text):
            if ch.isalnum():
                low = ch.lower()
                norm.extend(low)
                offsets.extend([i] * len(low))
                prev_space = False
            elif not prev_space:
                norm.append(" ")
                offsets.append(i)
                prev_space = True
        while norm and norm[-1] == " ":
            norm.pop()
            offsets.pop()
        return cls(text=text, norm="".join(norm), offsets=offsets)

    def find(self, fragment: str, start: int = 0) -> tuple[int, int] | None:
        """Normalised-space match of ``fragment`` at or after ``start``: (start, end) offsets in ``text``."""
        norm = self.norm
        pos = norm.find(fragment, start)
        while pos >= 0:
            end = pos + len(fragment)
            if (pos == 0 or norm[pos - 1] == " ") and (end == len(norm) or norm[end] == " "):
                return pos, end
            pos = norm.find(fragment, pos + 1)
        return None

    def offsets_of(self, nstart: int, nend: int) -> tuple[int, int]:
        return self.offsets[nstart], self.offsets[nend - 1] + 1


def _harmless_gap(gap: str) -> bool:
    """True when the words an ellipsis leaves out hold no negation, contrast or number."""
    words = gap.split()
    return not any(w in _MEANING_WORDS or any(ch.isdigit() for ch in w) for w in words)


_ASCII_TOKEN = re.compile(r"[a-z0-9]+")  # ``_TOKEN`` on lower-cased ASCII text: the same words, found faster


def normalise(text: str) -> str:
    if text.isascii():
        return " ".join(_ASCII_TOKEN.findall(text.lower()))
    return " ".join([w.lower() for w in _TOKEN.findall(text)])


def _elided(text: str) -> bool:
    """Whether ``text`` may hold an ellipsis (every spelling ``_ELLIPSIS`` knows has "..." or "…" in it)."""
    return "..." in text or "…" in text


class Grounder:
    """Grounds quotes against the candidate's turns of one transcript."""

    def __init__(self, transcript: Transcript) -> None:
        self._turns = {t.index: t.text for t in transcript.candidate_turns}
        self._built: dict[int, _Index] = {}

    def _index(self, turn: int) -> _Index:
        if turn not in self._built:
            self._built[turn] = _Index.build(self._turns[turn])
        return self._built[turn]

    def ground(self, quote: str, turn: int | None = None) -> Grounded | None:
        """Where the quote stands in a candidate turn, or None when it is in none of them."""
        stripped = quote.strip()
        elided = _elided(stripped)
        fragments = [normalise(f) for f in (_ELLIPSIS.split(stripped) if elided else [stripped])]
        fragments = [f for f in fragments if f]
        if not fragments or sum(len(f) for f in fragments) < _MIN_CHARS:
            return None
        if turn in self._turns and not elided:  # fast path: copied exactly from the turn it cites, on word boundaries
            exact = self._exact(self._turns[turn], stripped)
            if exact is not None:
                return Grounded(turn=turn, spans=[exact])
        order = list(self._turns)
        if turn in self._turns:
            order.remove(turn)
            order.insert(0, turn)
        for index in order:
            spans = self._match(self._index(index), fragments)
            if spans is not None:
                return Grounded(turn=index, spans=spans)
        return None

    @staticmethod
    def _exact(text: str, quote: str) -> tuple[int, int] | None:
        if not quote or _elided(quote) and _ELLIPSIS.search(quote):
            return None
        head, tail = quote[0].isalnum(), quote[-1].isalnum()
        pos = text.find(quote)
        while pos >= 0:
            end = pos + len(quote)
            if (not head or pos == 0 or not text[pos - 1].isalnum()) and (
                not tail or end == len(text) or not text[end].isalnum()
            ):
                return pos, end
            pos = text.find(quote, pos + 1)
        return None

    @staticmethod
    def _match(idx: _Index, fragments: list[str]) -> list[tuple[int, int]] | None:
        if len(fragments) > 1 and any(len(f.split()) < _MIN_FRAGMENT_WORDS for f in fragments):
            return None  # "the ... refund": fragments too small to show what was said
        pos = 0
        spans = []
        prev_end: int | None = None
        for frag in fragments:
            hit = idx.find(frag, pos)
            if hit is None:
                return None
            if prev_end is not None and not _harmless_gap(idx.norm[prev_end:hit[0]]):
                return None
            spans.append(idx.offsets_of(*hit))
            pos = prev_end = hit[1]
        return spans


@dataclass(frozen=True)
class Grounded:
    """A grounded quote: its turn and the (start, end) character spans in that turn's text."""

    turn: int
    spans: list[tuple[int, int]]

    def text(self, turn_text: str) -> str:
        return " … ".join(turn_text[s:e] for s, e in self.spans)
