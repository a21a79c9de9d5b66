"""Fast phrase matching: one pass over a turn's words finds every lexicon's phrases.

A big regular-expression alternation per lexicon costs a scan of the text per lexicon; here each text is
tokenised once and every phrase is found by looking up its first word, so adding lexicons is nearly free.
Matching is on whole words, case-insensitive, with hyphens, slashes and spacing ignored ("held-out" ==
"held out"); within one lexicon matches do not overlap and the longest phrase wins, as a regex would.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")

Hit = tuple[int, int, str]  # (start, end, phrase) in the text


def tokenize(text: str) -> list[tuple[str, int, int]]:
    lowered = text.lower().replace("’", "'")
    return [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(lowered)]


class PhraseIndex:
    """Named lexicons of phrases, matched together in one pass."""

    def __init__(self, lexicons: Mapping[str, Iterable[str]]) -> None:
        self.names = list(lexicons)
        by_first: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
        for name, phrases in lexicons.items():
            for phrase in set(phrases):
                words = tuple(t for t, _, _ in tokenize(phrase))
                if words:
                    by_first.setdefault(words[0], []).append((words, name, phrase))
        for entries in by_first.values():
            entries.sort(key=lambda e: -len(e[0]))  # longest first
        self._by_first = by_first

    def scan(self, text: str) -> dict[str, list[Hit]]:
        toks = tokenize(text)
        words = [t for t, _, _ in toks]
        by_first = self._by_first
        hits: dict[str, list[Hit]] = {name: [] for name in self.names}
        next_free: dict[str, int] = {}
        for i in [i for i, w in enumerate(words) if w in by_first]:
            entries = by_first[words[i]]
            taken: set[str] = set()
            for phrase_words, name, phrase in entries:
                if name in taken or next_free.get(name, 0) > i:
                    continue
                n = len(phrase_words)
                if n == 1 or tuple(words[i : i + n]) == phrase_words:
                    hits[name].append((toks[i][1], toks[i + n - 1][2], phrase))
                    next_free[name] = i + n
                    taken.add(name)
        return hits
