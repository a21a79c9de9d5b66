"""Fast phrase matching: one pass over a turn's words finds every lexicon's phrases.

A big regular-expression alternation per lexicon costs a scan of the text per lexicon; here each text is
tokenised once and every phrase is found by looking up its first two words, so adding lexicons is nearly free.
Matching is on whole words, case-insensitive, with hyphens, slashes and spacing ignored ("held-out" ==
"held out"); within one lexicon matches do not overlap and the longest phrase wins, as a regex would.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from itertools import accumulate, compress

# words in any script: "Rocío" is one word, never "roc" and "o"
_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
_ASCII_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)?")  # ``_TOKEN`` on lower-cased ASCII text, found faster
# the same, for ``re.split``: the words are kept, between the pieces of text around them. Possessive: a word
# ends where its letters do, so giving letters back can never let the apostrophe part match (the same words,
# found with no backtracking)
_SPLIT = re.compile(r"([^\W_]++(?:'[^\W_]++)?+)")
_ASCII_SPLIT = re.compile(r"([a-z0-9]++(?:'[a-z0-9]++)?+)")

Hit = tuple[int, int, str]  # (start, end, phrase) in the text


def tokenize(text: str) -> list[tuple[str, int, int]]:
    lowered = text.lower().replace("’", "'")
    return [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(lowered)]


@lru_cache(maxsize=16384)
def _phrase_words(phrase: str) -> tuple[str, ...]:
    """A phrase's words, remembered: each rubric's two indexes hold the same lexicons, so the second index (and
    the next rubric's) is built from words already read."""
    return tuple(t for t, _, _ in tokenize(phrase))


class PhraseIndex:
    """Named lexicons of phrases, matched together in one pass."""

    def __init__(self, lexicons: Mapping[str, Iterable[str]]) -> None:
        self.names = list(lexicons)
        # first word -> (one-word phrases, second word -> longer phrases, longest first): a position is only
        # compared with the phrases that share its first two words
        singles: dict[str, list[tuple[str, str]]] = {}
        longer: dict[str, dict[str, list[tuple[tuple[str, ...], str, str]]]] = {}
        for name, phrases in lexicons.items():
            seen: set[tuple[str, ...]] = set()
            for phrase in dict.fromkeys(phrases):  # in order: of two spellings of one phrase the first is kept
                words = _phrase_words(phrase)
                if words in seen:
                    continue
                seen.add(words)
                if len(words) == 1:
                    singles.setdefault(words[0], []).append((name, phrase))
                elif words:
                    longer.setdefault(words[0], {}).setdefault(words[1], []).append((words, name, phrase))
        Entry = tuple[list[str], int, str, str]
        """(words as a list, for a cheap compare with a slice of the text's words; length; name; phrase)"""
        table_longer: dict[str, dict[str, list[Entry]]] = {}
        for first, by_second in longer.items():
            table_longer[first] = {}
            for key, entries in by_second.items():
                entries.sort(key=lambda e: -len(e[0]))
                table_longer[first][key] = [(list(w), len(w), name, phrase) for w, name, phrase in entries]
        self._singles = singles
        self._longer = table_longer
        self._first = set(singles) | set(longer)
        # first word -> (second word -> longer phrases, one-word phrases): one look-up per word of the text
        self._table: dict[str, tuple[dict[str, list[Entry]] | None, list[tuple[str, str]] | None]] = {
            w: (table_longer.get(w), singles.get(w)) for w in (*singles, *longer)
        }

    def scan(self, text: str) -> dict[str, list[Hit]]:
        """Every lexicon's matches in ``text``, in match order: each lexicon a key (in the order given), an empty
        list when none of its phrases is in the text."""
        return self._match(text, {name: [] for name in self.names})

    def find(self, text: str) -> dict[str, list[Hit]]:
        """``scan`` without the lexicons that matched nothing: most of a turn's lexicons match nothing, and an
        empty list for each of them costs more than finding the rest (the offline grader reads them with
        ``get``)."""
        return self._match(text, {})

    def _match(self, text: str, hits: dict[str, list[Hit]]) -> dict[str, list[Hit]]:
        """``hits`` (empty, or every lexicon's empty list) with the matches in ``text`` added."""
        lowered = text.lower().replace("’", "'")
        # words and their offsets at C speed: split on the words (kept), then the running lengths of the pieces
        parts = (_ASCII_SPLIT if lowered.isascii() else _SPLIT).split(lowered)
        words = parts[1::2]
        ends = list(accumulate(map(len, parts)))  # word k spans ends[2k] .. ends[2k + 1]
        table = self._table
        # the word after each lexicon's last match: a phrase of that lexicon may start only from there (within
        # one lexicon matches do not overlap; a name that matched at a position is past it, so it is not tried
        # again there)
        next_free: dict[str, int] = {}
        free = next_free.get
        last = len(words) - 1
        # only the words some phrase starts with are looked at
        for i in compress(range(len(words)), map(self._first.__contains__, words)):
            by_second, single = table[words[i]]
            if by_second is not None and i < last:
                entries = by_second.get(words[i + 1])
                if entries is not None:
                    for phrase_words, n, name, phrase in entries:
                        if free(name, 0) > i:
                            continue
                        if n == 2 or words[i : i + n] == phrase_words:
                            hit = (ends[2 * i], ends[2 * (i + n) - 1], phrase)
                            known = hits.get(name)
                            if known is None:
                                hits[name] = [hit]
                            else:
                                known.append(hit)
                            next_free[name] = i + n
            if single is not None:
                for name, phrase in single:
                    if free(name, 0) > i:
                        continue
                    hit = (ends[2 * i], ends[2 * i + 1], phrase)
                    known = hits.get(name)
                    if known is None:
                        hits[name] = [hit]
                    else:
                        known.append(hit)
                    next_free[name] = i + 1
        return hits
