"""Instructions hidden by encoding: base64 and hex runs, percent-encoding, text reversed by a bidi override,
ROT13. Each is decoded and the decoded text is read by the same finders (two levels deep at most); what
hides an instruction is removed whole, with the sentence that introduces it.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import re
from collections.abc import Callable, Iterator
from urllib.parse import unquote

from .context import Hit
from .normalise import fold
from .units import TurnText

_BASE64 = re.compile(r"[A-Za-z0-9+/_-]{16,}={0,2}")  # leftmost-longest: a run is matched whole
_HEX = (re.compile(r"(?:[0-9A-Fa-f]{2}){8,}"), re.compile(r"(?:0[xX][0-9A-Fa-f]{2}[\s,;]*){6,}"),
        re.compile(r"(?:\\x[0-9A-Fa-f]{2}){6,}"), re.compile(r"(?:[0-9A-Fa-f]{2}[ :,-]){6,}[0-9A-Fa-f]{2}"))
_PERCENT = re.compile(r"(?:%[0-9A-Fa-f]{2}){6,}")
_REVERSED = re.compile("\u202e[^\u202c\u2069\n]{4,}")
_DECODE_ORDER = re.compile(
    r"\b(?:decode|decrypt|translate|convert|unscramble|reverse|read)\b[^.!?\n]{0,40}?\b(?:and\s+)?(?:follow|apply|"
    r"execute|obey|do\s+(?:it|that|what)|run|act\s+on|comply|use)\b|\bbase64-decode\b|\bhex-decode\b"
)
# Something every encoded run the finder reads has: a turn without it is not looked at.
_RUN = re.compile(r"[A-Za-z0-9+/_-]{16}")
_SPACED_HEX = re.compile(r"(?<![0-9A-Za-z])(?:[0-9A-Fa-f]{2}[ :,-]){6}")
_MARKED = re.compile(r"%[0-9A-Fa-f]{2}%|\\x[0-9A-Fa-f]{2}|(?<![0-9A-Za-z])0[xX][0-9A-Fa-f]{2}|\u202e")
_ROT13 = re.compile(r"(?i:rot[\s-]?13)")
_MAX_BLOB = 200_000  # a longer run is not read as an encoded note (it is not one a grader would be sent whole)


def _printable_text(raw: bytes) -> str | None:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if len(text) < 6:
        return None
    good = sum(1 for c in text if c.isprintable() or c in "\n\t")
    letters = sum(1 for c in text if c.isalpha())
    if good < 0.95 * len(text) or letters < 0.5 * len(text) or " " not in text.strip():
        return None
    return text


def _from_base64(blob: str) -> str | None:
    if len(blob) > _MAX_BLOB:
        return None
    core = blob.rstrip("=")
    padded = core + "=" * (-len(core) % 4)
    for decode in (base64.b64decode, base64.urlsafe_b64decode):
        try:
            text = _printable_text(decode(padded))
        except (binascii.Error, ValueError):
            continue
        if text:
            return text
    return None


def _from_hex(blob: str) -> str | None:
    if len(blob) > _MAX_BLOB:
        return None
    digits = re.sub(r"0[xX]|\\x|[\s,;:-]", "", blob)
    try:
        return _printable_text(bytes.fromhex(digits))
    except ValueError:
        return None


def _from_percent(blob: str) -> str | None:
    return _printable_text(unquote(blob).encode("utf-8", "surrogatepass")) if len(blob) <= _MAX_BLOB else None


def encoded_gate(tt: TurnText) -> bool:
    """Whether the turn could hold an encoded run (a few linear scans, none that tries every position of prose)."""
    original = tt.folded.original
    return (_MARKED.search(original) is not None
            or (any(len(w) >= 16 for w in original.split()) and _RUN.search(original) is not None)
            or _SPACED_HEX.search(original) is not None
            or ("13" in tt.text and _ROT13.search(tt.text) is not None))


def encoded(tt: TurnText, read: Callable[[TurnText, int], list[Hit]], depth: int) -> Iterator[Hit]:
    """Hits for encoded runs in the turn whose decoded text holds an instruction (``read`` reads it)."""
    original = tt.folded.original
    folded = tt.folded
    decoders = [(_BASE64, _from_base64, "")] + [(h, _from_hex, lit) for h, lit in zip(_HEX, ("", "0x", "\\x", ""), strict=True)]
    for pattern, decode, literal in decoders + [(_PERCENT, _from_percent, "%")]:
        if literal and literal not in tt.text:
            continue
        for m in pattern.finditer(original):
            text = decode(m.group(0))
            start, end = folded.to_folded(m.start()), folded.to_folded(m.end())
            if text is None:
                if pattern is not _PERCENT and _DECODE_ORDER.search(tt.text, max(0, start - 160), start):
                    yield Hit(start, end, "encoded instruction")
                continue
            if read(TurnText(fold(text)), depth + 1) or _DECODE_ORDER.search(tt.text, max(0, start - 120), start):
                yield Hit(start, end, "encoded instruction", "span")  # the run, and a lead-in ending with ":"
    for m in _REVERSED.finditer(original) if "\u202e" in original else ():
        if read(TurnText(fold(m.group(0)[1:][::-1])), depth + 1):
            yield Hit(folded.to_folded(m.start()), folded.to_folded(m.end()), "encoded instruction", "span")
    if "rot13" in tt.text or "rot-13" in tt.text or "rot 13" in tt.text:
        rotated = TurnText(fold(codecs.encode(original, "rot13")))
        for hit in read(rotated, depth + 1):
            s, e = rotated.folded.to_original(hit.start, hit.end)
            yield Hit(folded.to_folded(s), folded.to_folded(e), "encoded instruction")
