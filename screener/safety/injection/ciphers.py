"""More ways to hide a note: HTML entities, ``\\u`` escapes, quoted-printable, decimal character codes, base32,
Morse code, and letters shifted (Caesar, any shift) or mirrored (Atbash).

Each is decoded, and what it decodes to is judged by what it is about, not by how it is phrased: a candidate does
not spell words about the grading (hire, score, grader, rubric, ignore...) in a code in the middle of an interview,
so a decoded run that holds one is an instruction, however short ("hire", "score=5 all"). Decoded text is also
read by every finder (``encoded``). The gates are ``in`` tests and one regex over the turn; the shifted words are
anchors (``anchors``), found with every finder's, at no cost of their own.
"""

from __future__ import annotations

import base64
import binascii
import html
import re
from collections.abc import Iterator
from string import ascii_lowercase

from . import rx
from .anchors import anchor_set
from .normalise import _Shape, fold
from .units import TurnText

_GRADING_WORD = rx.compile(r"\b(?:hire\w*|hiring|scor\w*|grad(?:e|er|ers|ing|ed)\b|rubric\w*|recommend\w*|verdict\w*|"
                           r"ignor\w*|disregard\w*|rating\w*|rate|evaluat\w*|reviewer\w*|candidat\w*|offer|marks?|"
                           r"instructions?|approve\w*|pass\s+(?:me|him|her|them))")
_ENTITIES = rx.compile(r"(?:&#(?:[0-9]{2,7}|[xX][0-9A-Fa-f]{2,6});){4,}")
_U_ESCAPES = rx.compile(r"(?:\\[uU][0-9A-Fa-f]{4}){4,}")
_QP = rx.compile(r"(?:=[0-9A-Fa-f]{2}){4,}")
_DECIMAL = rx.compile(r"(?<![\d.,])(?:(?:1[01]\d|12[0-6]|3[2-9]|[4-9]\d)[ ,]+){4,}(?:1[01]\d|12[0-6]|3[2-9]|[4-9]\d)(?![\d.,])")
_BASE32 = rx.compile(r"(?<![A-Za-z0-9])[A-Z2-7]{16,}={0,6}(?![A-Za-z0-9])")
_MORSE = rx.compile(r"(?<![\w.-])(?:[.-]{1,6}(?:\s+/\s+|\s+)){4,}[.-]{1,6}(?![\w.-])")
_MORSE_CODE = dict(zip(
    ".- -... -.-. -.. . ..-. --. .... .. .--- -.- .-.. -- -. --- .--. --.- .-. ... - ..- ...- .-- -..- -.-- --.. "
    "----- .---- ..--- ...-- ....- ..... -.... --... ---.. ----.".split(), "abcdefghijklmnopqrstuvwxyz0123456789",
    strict=True))
_MAX = 20_000  # a longer run is not a note a grader would be sent whole
# the grading words, shifted by every Caesar shift and mirrored (Atbash): anchors, so a turn holding none is not read
_WORDS = ("grader", "rubric", "recommend", "ignore", "strong", "hiring", "evaluator", "candidate", "verdict",
          "disregard", "score", "instructions")
_ATBASH = str.maketrans(ascii_lowercase, ascii_lowercase[::-1])


def _shift(k: int) -> dict[int, int]:
    return str.maketrans(ascii_lowercase, ascii_lowercase[k:] + ascii_lowercase[:k])


_SHIFTS = {k: _shift(k) for k in range(1, 26) if k != 13}  # (ROT13 is ``encoded``'s)
_SHIFTED = {w.translate(table): k for k, table in _SHIFTS.items() for w in _WORDS}
_SHIFTED.update({w.translate(_ATBASH): 0 for w in _WORDS})
_SHIFTED_ANCHORS = anchor_set(*_SHIFTED)
_SHIFTED_WORD = rx.compile(r"\b(?:" + "|".join(sorted(_SHIFTED, key=len, reverse=True)) + r")")


def about_grading(text: str) -> bool:
    """Decoded text that names the grading (a word of :data:`_GRADING_WORD`), read folded."""
    return bool(text) and _GRADING_WORD.search(fold(text).text) is not None


def _printable(text: str | None) -> str | None:
    if not text or len(text) > _MAX:
        return None
    good = sum(1 for c in text if c.isprintable() or c in "\n\t")
    return text if good >= 0.95 * len(text) and sum(c.isalpha() for c in text) >= 0.5 * len(text) else None


def _bytes_text(raw: bytes) -> str | None:
    try:
        return _printable(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return None


def _entities(blob: str) -> str | None:
    return _printable(html.unescape(blob))


def _escapes(blob: str) -> str | None:
    return _printable("".join(chr(int(blob[i + 2:i + 6], 16)) for i in range(0, len(blob), 6)))


def _qp(blob: str) -> str | None:
    return _bytes_text(bytes.fromhex(blob.replace("=", "")))


def _decimal(blob: str) -> str | None:
    return _printable("".join(chr(int(n)) for n in re.split(r"[ ,]+", blob.strip(" ,"))))


def _base32(blob: str) -> str | None:
    core = blob.rstrip("=")
    try:
        return _bytes_text(base64.b32decode(core + "=" * (-len(core) % 8)))
    except (binascii.Error, ValueError):
        return None


def _morse(blob: str) -> str | None:
    words = re.split(r"\s+/\s+", blob.strip())
    out = []
    for word in words:
        letters = [_MORSE_CODE.get(code) for code in word.split()]
        if None in letters:
            return None
        out.append("".join(letters))  # type: ignore[arg-type]
    return _printable(" ".join(out))


# (pattern, decoder, what the turn must hold for the pattern to be tried)
def _binary(blob: str) -> str | None:
    bits = re.sub(r"[\s,]", "", blob)
    if len(bits) % 8:
        return None
    return _bytes_text(bytes(int(bits[i:i + 8], 2) for i in range(0, len(bits), 8)))


_BINARY = rx.compile(r"(?<![01])(?:[01]{8}[\s,]*){3,}")
_DECODERS = ((_BINARY, _binary, ""), (_ENTITIES, _entities, "&#"), (_U_ESCAPES, _escapes, "\\u"), (_QP, _qp, "="),
             (_DECIMAL, _decimal, ""), (_BASE32, _base32, ""), (_MORSE, _morse, "-"))
_DECIMAL_GATE = re.compile(r"(?:\d{2,3}[ ,]+){4}\d{2,3}")
_SHAPE = _Shape()


def _decimal_gate(original: str) -> bool:
    """Five numbers in a row: looked for with ``in`` on the text's shape first (a regex over every position of
    prose costs more than the rest of the gate)."""
    shape = original.translate(_SHAPE)
    return ("0 0" in shape or "0. 0" in shape or "0.0" in shape) and _DECIMAL_GATE.search(original) is not None


def gate(tt: TurnText) -> bool:
    """Whether the turn could hold a run of these codes or a shifted word (most prose: none)."""
    original = tt.folded.original
    return ("&#" in original or "\\u" in original or "\\U" in original
            or ("=" in original and _QP.search(original) is not None)
            or _decimal_gate(original)
            or ((".-" in original or "-." in original) and _MORSE.search(original) is not None)
            or tt.has_any(_SHIFTED_ANCHORS))


def decoded_runs(tt: TurnText) -> Iterator[tuple[int, int, str]]:
    """``(start, end, decoded text)`` of each run in the turn's original text that one of these codes decodes
    (offsets in the original)."""
    original = tt.folded.original
    for pattern, decode, literal in _DECODERS:
        if literal and literal not in original:
            continue
        if pattern is _BINARY and "binary" not in tt.encodings:
            continue
        if pattern is _DECIMAL and not _decimal_gate(original):
            continue
        if pattern is _BASE32 and tt.encodings.isdisjoint(("run",)):
            continue
        if pattern is _MORSE and (".-" not in original and "-." not in original):
            continue
        for m in pattern.finditer(original):
            try:
                text = decode(m.group(0))
            except (ValueError, OverflowError):
                continue
            if text:
                yield m.start(), m.end(), text


def shifted_units(tt: TurnText) -> Iterator[tuple[int, int, str]]:
    """``(start, end, text shifted back)`` of each unit (folded offsets) holding a grading word shifted by a Caesar
    shift or mirrored (Atbash), read back with that shift."""
    if not tt.has_any(_SHIFTED_ANCHORS):
        return
    for s, e in tt.units:
        m = _SHIFTED_WORD.search(tt.text, s, e)
        if m is None:
            continue
        k = _SHIFTED[m.group(0)]
        table = _ATBASH if k == 0 else str.maketrans(ascii_lowercase[k:] + ascii_lowercase[:k], ascii_lowercase)
        yield s, e, tt.text[s:e].translate(table)
