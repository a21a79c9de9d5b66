"""The folded view of a text that detection reads, and the way back to the original offsets.

``fold(text)`` returns a :class:`Folded`: the text with, character by character,

- invisible characters removed: zero-width spaces and joiners, word joiners, the BOM, soft hyphens,
  variation selectors and the bidi embedding, override, isolate and mark controls;
- Unicode *tag* characters (U+E0020-U+E007E, invisible "ASCII smuggling") turned into the ASCII they hide;
- compatibility forms decomposed (NFKD: fullwidth ``ｉｇｎｏｒｅ``, ligatures, circled and mathematical letters)
  and combining marks dropped (``é`` reads as ``e``, so accents and stacked diacritics do not hide a word);
- look-alike letters folded to the Latin letter they imitate (:data:`CONFUSABLES`: Cyrillic, Greek, Armenian,
  Cherokee and Latin IPA look-alikes), typographic quotes to ``'`` and ``"``, dashes to ``-``;
- lower-cased;
- leetspeak read as letters: in a word that mixes letters and the digits ``0 1 3 4 5 7`` (``1gn0r3``, ``r4t3``,
  ``pr3v10u5``), those digits become ``o i e a s t`` (one for one). Words shaped like units and names of things
  (``12k``, ``40ms``, ``p95``, ``h100``, ``gpt4``) keep their digits;
- letters spaced out (``i g n o r e  t h e  r u b r i c``: six or more single letters one or two spaces apart)
  joined into words.

Every folded character remembers the original character it came from, so a span found in the folded text
maps back to exact original offsets (:meth:`Folded.to_original`), invisible characters at its edges
included. The table is written here rather than taken from a library: the Unicode confusables data maps
many letters to sequences that are no use for reading words (``m`` to ``rn``), and a short table of the
look-alikes that pass for Latin letters is what the detector needs.

One pass over the text, with a per-character cache: linear in the length.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from itertools import chain, compress, repeat

INVISIBLE = frozenset(
    [chr(c) for c in (0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180E, 0x3164, 0xFEFF, 0xFFA0)]
    + [chr(c) for c in range(0x180B, 0x180E)]
    + [chr(c) for c in range(0x200B, 0x2010)]  # zero-width space, ZWNJ, ZWJ, LRM, RLM
    + [chr(c) for c in range(0x202A, 0x202F)]  # bidi embeddings and overrides
    + [chr(c) for c in range(0x2060, 0x2070)]  # word joiner, invisible operators, bidi isolates
    + [chr(c) for c in range(0xFE00, 0xFE10)]  # variation selectors
    + [chr(c) for c in range(0xE0100, 0xE01F0)]
    + [chr(0xE0001), chr(0xE007F)]
)

# Look-alikes of Latin letters (lower-case targets). Upper-case source letters are listed too: folding maps
# them before lower-casing.
_LOOKALIKES = {
    "a": "аАαΑɑаᎪꓮᴀ",
    "b": "ВвΒβᏴꓐƅЬʙ",
    "c": "сСϲϹᏟꓚᴄ",
    "d": "ԁᎠꓓᴅđĐ",
    "e": "еЕεΕҽᎬꓰᴇ",
    "f": "ꜰ",
    "g": "ɡԌɢ",
    "h": "һНΗᎻꓧհʜħ",
    "i": "іІιΙӀӏɩᎥꓲıɪ",
    "j": "јЈϳᎫꓙᴊ",
    "k": "кКκΚᏦꓗᴋ",
    "l": "ʟꓡłŁ",
    "m": "мМΜᎷꓟᴍ",
    "n": "ΝηꓠпՈɴո",
    "o": "оОοΟσօՕ০ꓳᴏøØ",
    "p": "рРρΡᏢꓑᴘ",
    "q": "ԛԚզ",
    "r": "гᏒꓣʀ",
    "s": "ѕЅᏚꓢꜱ",
    "t": "тТτΤᎢꓔᴛŧ",
    "u": "υսꓴᴜ",
    "v": "νѵᏙꓦᴠ",
    "w": "ԝԜѡᎳꓪᴡ",
    "x": "хХχΧꓫ",
    "y": "уУγΥүᎩꓬʏ",
    "z": "ΖᏃꓜᴢ",
}
CONFUSABLES: dict[str, str] = {ch: latin for latin, chars in _LOOKALIKES.items() for ch in chars}
_PUNCTUATION = {
    **dict.fromkeys("“”„‟«»〝〞〟＂", '"'),
    **dict.fromkeys("‘’‚‛‹›`´′", "'"),
    **dict.fromkeys("‐‑‒–—―−", "-"),
    "…": "...",
    "。": ". ",  # an ideographic full stop ends a sentence like ". "
}


# Pictographs carry no words: an emoji reads as a space, one that points as an arrow ("🤖 AI evaluator 👉 ...").
_POINTING = frozenset("\U0001f449\u27a1\u279c\u25b6\u25ba\u21d2\u2794\u27a4")
_KEPT_SYMBOLS = frozenset("\u2605\u2606\u2b50")  # stars: a row of them is a rating


def _pictograph(cp: int) -> bool:
    return 0x1F300 <= cp <= 0x1FAFF or 0x2600 <= cp <= 0x27BF or 0x1F000 <= cp <= 0x1F2FF


def _fold_char(ch: str) -> str:
    if ch in INVISIBLE:
        return ""
    cp = ord(ch)
    if ch in _POINTING:
        return "->"
    if _pictograph(cp) and ch not in _KEPT_SYMBOLS:
        return " "
    if 0xE0020 <= cp <= 0xE007E:
        return chr(cp - 0xE0000).lower()
    if ch in _PUNCTUATION:
        return _PUNCTUATION[ch]
    if ch in CONFUSABLES:
        return CONFUSABLES[ch]
    out: list[str] = []
    for c in unicodedata.normalize("NFKD", ch):
        if unicodedata.combining(c) or c in INVISIBLE:
            continue
        c = _PUNCTUATION.get(c) or CONFUSABLES.get(c) or c
        # folded again once lower-cased: an upper-case letter whose lower case is a look-alike ("П" -> "п" -> "n")
        out.extend(CONFUSABLES.get(x, x) for x in c.lower() if not unicodedata.combining(x))
    return "".join(out)


class _Table(dict[str, str]):
    def __missing__(self, ch: str) -> str:
        folded = self[ch] = _fold_char(ch)
        return folded


_TABLE = _Table()


class _ByCode(dict[int, str]):
    """The same table by code point, for ``str.translate``."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _TABLE[chr(code)]
        return folded


_BY_CODE = _ByCode()


@dataclass(frozen=True)
class Folded:
    """``text`` folded for reading, with the original index of each folded character."""

    original: str
    text: str
    starts: list[int] | None  # None: the folded text is the original, character for character

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original span of folded ``[start, end)``, widened over invisible characters at its edges."""
        if self.starts is None:
            s, e = start, end
        else:
            s = self.starts[start] if start < len(self.starts) else len(self.original)
            e = self.starts[end - 1] + 1 if end > 0 else 0
            e = max(e, s)
        text = self.original
        while s > 0 and text[s - 1] in INVISIBLE:
            s -= 1
        while e < len(text) and text[e] in INVISIBLE:
            e += 1
        return s, e

    def to_folded(self, index: int) -> int:
        """The first folded index at or after original ``index``."""
        if self.starts is None:
            return index
        return bisect_left(self.starts, index)


_MIXED = re.compile(r"(?<![a-z0-9])(?:[a-z]+[0-9]|[0-9]+[a-z])[a-z0-9]*")
_MIXED_GATE = re.compile(r"[a-z][0-9]|[0-9][a-z]")
_UNIT_LIKE = re.compile(r"[0-9]+(?:[kmbxsdhwgtvp]|ms|us|ns|gb|mb|kb|tb|pb|px|pt|nd|rd|th|st|fps|qps|rps|[kmg]?hz|min|bit|bits|bn|"
                        r"mm|cm|km|kg|yr|yrs|am|pm|mo|hrs?|sec|gpus?|cpus?|x[a-z])|[a-z]{1,3}[0-9]+[a-z]?")
_LEET = str.maketrans("013457", "oieast")
_LEET_LOOK = 200
_UNMAPPED = frozenset("2689")
_DIGIT = re.compile(r"[0-9]")
_MARK = re.compile(r"[-._*/|\u00b7]")
# (four letters or more, a word boundary being two or three spaces: "g r a d e r   h i r e   m e")
_SPACED = re.compile(r"(?<![^\W\d_])(?:[^\W\d_] {1,3}){3,}[^\W\d_](?![^\W\d_])")
# letters joined by one mark ("i-g-n-o-r-e", "i.g.n.o.r.e", "i_g_n_o_r_e"): six or more
_JOINED = re.compile(r"(?<![^\W\d_])[^\W\d_]([-._*\u00b7/|])(?:[^\W\d_]\1){4,}[^\W\d_](?![^\W\d_])")


def _leet_any(m: re.Match[str]) -> str:
    """A word of a leetspeak text: read as letters unless it has a digit no letter looks like."""
    token = m.group(0)
    if len(token) < 3 or _UNMAPPED.intersection(token):
        return token
    return token.translate(_LEET)


def _leet(m: re.Match[str]) -> str:
    token = m.group(0)
    if len(token) < 3 or _UNIT_LIKE.fullmatch(token) or _UNMAPPED.intersection(token):
        return token
    return token.translate(_LEET)


class _Shape(dict[int, str]):
    """Each character by its kind, for ``str.translate``: a letter is ``a``, a digit ``0``, white space `` ``, anything
    else ``.`` (so the shapes that leetspeak and spaced-out letters need are found with ``in``, at C speed)."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        shape = self[code] = "a" if ch.isalpha() else "0" if ch.isdigit() else " " if ch in " \t" else "."
        return shape


_SHAPE = _Shape()


def _read_as_words(folded: str, starts: list[int] | None) -> tuple[str, list[int] | None]:
    """Leetspeak and spaced-out letters read as words (see the module docstring)."""
    digit = _DIGIT.search(folded) is not None
    marked = _MARK.search(folded) is not None
    if not (digit or marked or " " in folded):
        return folded, starts  # none of the shapes can be there (a run of one script, no spaces)
    shape = folded.translate(_SHAPE)
    if digit and ("a0" in shape or "0a" in shape):
        # one character for one: offsets are unchanged. In a text with three words or more read from leetspeak
        # ("1gn0r3 4ll ... c4nd1d473"), the words shaped like units are leetspeak too ("pr10r rul35")
        # (looked for among the first words that mix letters and digits: a 2 MB run of "abc123" is not read twice)
        leet = (m for m in itertools.islice(_MIXED.finditer(folded), _LEET_LOOK) if _leet(m) != m.group(0))
        if next(itertools.islice(leet, 2, None), None) is not None:
            folded = _MIXED.sub(_leet_any, folded)
        else:
            folded = _MIXED.sub(_leet, folded)
    if marked and "a.a.a.a.a" in shape and _JOINED.search(folded):
        folded, starts = _drop_marks(folded, starts)
    if "a a a a" not in shape and "a  a a" not in shape and "a a  a" not in shape:
        return folded, starts
    runs = [m.span() for m in _SPACED.finditer(folded) if " " in m.group(0).replace("  ", "")]
    if not runs:
        return folded, starts
    index = starts if starts is not None else range(len(folded))
    out: list[str] = []
    kept: list[int] = []
    last = 0
    for s, e in runs:
        out.append(folded[last:s])
        kept.extend(index[last:s])
        i = s
        while i < e:
            ch = folded[i]
            if ch == " ":
                if folded[i + 1] == " ":  # two spaces: a word boundary
                    out.append(" ")
                    kept.append(index[i])
                    i += 1
            else:
                out.append(ch)
                kept.append(index[i])
            i += 1
        last = e
    out.append(folded[last:])
    kept.extend(index[last:])
    return "".join(out), kept


def _drop_marks(folded: str, starts: list[int] | None) -> tuple[str, list[int] | None]:
    """Letters joined by one mark read as the word they spell ("i-g-n-o-r-e" -> "ignore")."""
    index = starts if starts is not None else range(len(folded))
    out: list[str] = []
    kept: list[int] = []
    last = 0
    for m in _JOINED.finditer(folded):
        s, e = m.span()
        out.append(folded[last:s])
        kept.extend(index[last:s])
        for i in range(s, e, 2):
            out.append(folded[i])
            kept.append(index[i])
        last = e
    out.append(folded[last:])
    kept.extend(index[last:])
    return "".join(out), kept


def fold(text: str) -> Folded:
    """The folded view of ``text`` (see the module docstring)."""
    if text.isascii():
        lowered = text.lower()
        if "`" in lowered:  # a backtick quotes as a typographic quote does (one for one)
            lowered = lowered.replace("`", "'")
        folded, starts = _read_as_words(lowered, None)
        return Folded(text, folded, starts)
    table = _TABLE
    lengths = {len(table[ch]) for ch in set(text)}
    if lengths == {1}:  # one character for one: offsets are unchanged
        folded, starts = _read_as_words(text.translate(_BY_CODE), None)
        return Folded(text, folded, starts)
    pieces = list(map(table.__getitem__, text))
    folded = "".join(pieces)
    if max(lengths) <= 1:  # characters only dropped (zero-width, bidi): the kept ones, at C speed
        starts = list(compress(range(len(pieces)), pieces))
    else:  # each original index once per character it folds to
        starts = list(chain.from_iterable(map(repeat, range(len(pieces)), map(len, pieces))))
    folded, starts = _read_as_words(folded, starts)
    return Folded(text, folded, starts)


def fold_text(text: str) -> str:
    """Just the folded text (for word lists)."""
    return fold(text).text
