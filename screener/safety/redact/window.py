"""The context a decision about one token reads, as a key: decisions made once per distinct context.

Hostile and repetitive text (2 MB of "Alpha Beta Gamma Delta.", a sentence naming a person ten thousand times)
asks the same question about the same few words in the same surroundings hundreds of thousands of times, and
each answer cost tens of microseconds of Python. The readers this keys (``names._found_name`` and the checks
around it, ``names._accept`` and ``names._absorb``) look at most ``TOKENS`` tokens either side of the token and
``CHARS`` characters beyond them, so two tokens whose surroundings are equal that far get the same answer:
the key is that slice of the text (widened over whitespace at its end, which a ``\\s*`` may read through),
where the token sits in it, and whether the slice touches either end of the turn.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from typing import Protocol

TOKENS = 10  # tokens either side: a name run is at most 7 tokens, plus what follows it, a list read back 8
CHARS = 64  # characters beyond them: the cue windows and tails read 60
_NON_SPACE = re.compile(r"\S")


class _Span(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


Key = tuple[str, int, int, int, bool, bool] | tuple[str, int, int, int, bool, bool, int]


def context_key(text: str, toks: Sequence[_Span], j: int, tokens: int = TOKENS, chars: int = CHARS) -> Key:
    """The surroundings of toks[j]: the text from ``chars`` characters before the token ``tokens`` back (from
    the start of ``text`` when that is the first token) to ``chars`` after the token ``tokens`` ahead (moved
    past any whitespace it ends in: a ``\\s*+`` reads through it), the offset of
    toks[j] in it, how many tokens of the window lie before and after it, and whether the slice reaches the
    start and the end of ``text``."""
    return _window(text, toks, j, j, tokens, chars)


def _window(text: str, toks: Sequence[_Span], j: int, last: int, tokens: int, chars: int
            ) -> tuple[str, int, int, int, bool, bool]:
    """The key of the tokens j to ``last`` read together (``context_key`` when they are one token)."""
    n = len(toks)
    lo_tok = j - tokens if j > tokens else 0
    hi_tok = last + tokens if last + tokens < n else n - 1
    size = len(text)
    lo = toks[lo_tok].start - chars if lo_tok else 0  # (what precedes the first token: read back to it)
    if lo < 0:
        lo = 0
    hi = toks[hi_tok].end + chars
    if hi >= size:
        hi = size
    elif text[hi - 1].isspace():
        m = _NON_SPACE.search(text, hi)
        hi = m.end() if m else size
    return (text[lo:hi], toks[j].start - lo, j - lo_tok, hi_tok - j, lo == 0, hi == size)


# a gap that ends a sentence or clause: punctuation that no name, list or cue joins across, then whitespace
_HARD_GAP = re.compile(r"[.!?;\n][\s]|\n")


def segment_end(text: str, toks: Sequence[_Span], starts: Sequence[int], j: int) -> int:
    """The index of the first token after toks[j] that follows a gap ending a sentence (". ", "!\\n", ";\\t"),
    or ``len(toks)``. Nothing the name finder carries from token to token (a run of capitalised words, the end
    of the name found last for a list, where the next token to read is) crosses such a gap."""
    pos = toks[j].end
    n = len(toks)
    while True:
        m = _HARD_GAP.search(text, pos)
        if m is None:
            return n
        b = bisect_left(starts, m.end(), j + 1)
        if b >= n:
            return n
        if toks[b - 1].end <= m.start():  # (tokens are word characters: the punctuation is in the gap)
            return b
        pos = m.end()


def segment_key(text: str, toks: Sequence[_Span], j: int, b: int, tokens: int = TOKENS,
                chars: int = CHARS) -> Key:
    """``context_key`` for the tokens j to b - 1 read together: from ``tokens`` tokens and ``chars``
    characters before toks[j] to as far after toks[b - 1]."""
    return (*_window(text, toks, j, b - 1, tokens, chars), b - j)


class Memo(dict[object, object]):
    """A bounded dict of decisions by context that gives up where contexts do not repeat: after ``trial``
    look-ups with fewer than one in ``worth`` answered, ``active`` is False and the caller stops building keys
    (2 MB of base64 or mixed scripts repeats no context, and the keys cost more than they saved)."""

    def __init__(self, size: int = 20_000, trial: int = 2_000, worth: int = 10) -> None:
        super().__init__()
        self.size, self.trial, self.worth = size, trial, worth
        self.asked = self.answered = 0
        self.active = True

    def ask(self, key: object) -> object:
        self.asked += 1
        hit = self.get(key)
        if hit is not None:
            self.answered += 1
        elif self.asked >= self.trial and self.answered * self.worth < self.asked:
            self.active = False
            self.clear()
        return hit

    def keep(self, key: object, value: object) -> None:
        if not self.active:
            return
        if len(self) >= self.size:
            self.clear()
        self[key] = value
