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


Key = tuple[str, int, int, int, bool, bool]


def context_key(text: str, toks: Sequence[_Span], j: int, tokens: int = TOKENS, chars: int = CHARS) -> Key:
    """The surroundings of toks[j]: the text from ``chars`` characters before the token ``tokens`` back (from
    the start of ``text`` when that is the first token) to ``chars`` after the token ``tokens`` ahead (moved
    past any whitespace it ends in: a ``\\s*+`` reads through it), the offset of
    toks[j] in it, how many tokens of the window lie before and after it, and whether the slice reaches the
    start and the end of ``text``."""
    n = len(toks)
    lo_tok = max(0, j - tokens)
    hi_tok = min(n - 1, j + tokens)
    lo = max(0, toks[lo_tok].start - chars) if lo_tok else 0  # (what precedes the first token: read back to it)
    hi = min(len(text), toks[hi_tok].end + chars)
    if hi < len(text) and text[hi - 1].isspace():
        m = _NON_SPACE.search(text, hi)
        hi = m.end() if m else len(text)
    return (text[lo:hi], toks[j].start - lo, j - lo_tok, hi_tok - j, lo == 0, hi == len(text))
