"""Quote grounding: every quote must be verbatim text from one of the candidate's own turns.

Matching tolerates differences in whitespace, case and punctuation (and an ellipsis between fragments),
and the grounded quote is replaced by the exact span of the transcript, so what reaches the user is
verbatim even when the model's copy was not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .transcript import Transcript

_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…|\[\.\.\.\])\s*")
_MIN_CHARS = 8  # a quote shorter than this (normalised) proves nothing


def _normalise_char(ch: str) -> str:
    if ch.isalnum():
        return ch.lower()
    return " "


@dataclass
class _Index:
    """A turn's text normalised to lower-case alphanumerics and single spaces, with a map back to offsets."""

    text: str
    norm: str
    offsets: list[int]

    @classmethod
    def build(cls, text: str) -> _Index:
        text_n = text
        norm: list[str] = []
        offsets: list[int] = []
        prev_space = True
        for i, ch in enumerate(text_n):
            c = _normalise_char(ch)
            if c == " ":
                if prev_space:
                    continue
                prev_space = True
            else:
                prev_space = False
            norm.append(c)
            offsets.append(i)
        while norm and norm[-1] == " ":
            norm.pop()
            offsets.pop()
        return cls(text=text_n, norm="".join(norm), offsets=offsets)

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

    def span(self, nstart: int, nend: int) -> str:
        return self.text[self.offsets[nstart] : self.offsets[nend - 1] + 1]

    def offsets_of(self, nstart: int, nend: int) -> tuple[int, int]:
        return self.offsets[nstart], self.offsets[nend - 1] + 1


def normalise(text: str) -> str:
    return _Index.build(text).norm


class Grounder:
    """Grounds quotes against the candidate's turns of one transcript."""

    def __init__(self, transcript: Transcript) -> None:
        self._indexes = {t.index: _Index.build(t.text) for t in transcript.candidate_turns}

    def ground(self, quote: str, turn: int | None = None) -> Grounded | None:
        """Where the quote stands in a candidate turn, or None when it is in none of them."""
        fragments = [normalise(f) for f in _ELLIPSIS.split(quote.strip())]
        fragments = [f for f in fragments if f]
        if not fragments or sum(len(f) for f in fragments) < _MIN_CHARS:
            return None
        order = list(self._indexes)
        if turn in self._indexes:
            order.remove(turn)
            order.insert(0, turn)
        for index in order:
            spans = self._match(self._indexes[index], fragments)
            if spans is not None:
                return Grounded(turn=index, spans=spans)
        return None

    @staticmethod
    def _match(idx: _Index, fragments: list[str]) -> list[tuple[int, int]] | None:
        pos = 0
        spans = []
        for frag in fragments:
            hit = idx.find(frag, pos)
            if hit is None:
                return None
            spans.append(idx.offsets_of(*hit))
            pos = hit[1]
        return spans


@dataclass(frozen=True)
class Grounded:
    """A grounded quote: its turn and the (start, end) character spans in that turn's text."""

    turn: int
    spans: list[tuple[int, int]]

    def text(self, turn_text: str) -> str:
        return " … ".join(turn_text[s:e] for s, e in self.spans)
