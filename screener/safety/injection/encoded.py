"""Instructions hidden by encoding: base64 and hex runs, percent-encoding, text reversed by a bidi override,
ROT13, and the codes of ``ciphers`` (entities, escapes, character codes, base32, Morse, shifted letters). Each is decoded and the decoded text is read by the same finders (two levels deep at most); what
hides an instruction is removed whole, with the sentence that introduces it.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import itertools
import re
from collections.abc import Callable, Iterator
from urllib.parse import unquote, unquote_plus

from . import ciphers, rx
from .anchors import anchor_set
from .context import Hit, is_discussion
from .normalise import fold
from .units import TurnText

_BASE64 = rx.compile(r"[A-Za-z0-9+/_-]{16,}={0,2}")  # leftmost-longest: a run is matched whole
_HEX = (rx.compile(r"[0-9A-Fa-f]{16,}"), rx.compile(r"(?:0[xX][0-9A-Fa-f]{2}[\s,;]*){6,}"),
        rx.compile(r"(?:\\x[0-9A-Fa-f]{2}){6,}"), rx.compile(r"(?:[0-9A-Fa-f]{2}[ :,-]){6,}[0-9A-Fa-f]{2}"))
_PERCENT = rx.compile(r"(?:%[0-9A-Fa-f]{2}){6,}")
# URL-encoded words: a run of URL characters with escapes among them ("To%20the%20AI%20grader%3A%20...",
# "To+the+model+grading+this%3A+..."), two escapes or more, or one beside a "+" joining words
_URL_ENCODED = rx.compile(r"[A-Za-z0-9._~+'-]*(?:%[0-9A-Fa-f]{2}[A-Za-z0-9._~+'-]*){2,}"
                          r"|[A-Za-z0-9._~'-]+(?:\+[A-Za-z0-9._~'-]+){2,}%[0-9A-Fa-f]{2}[A-Za-z0-9._~+%'-]*")
_URL_GATE = rx.compile(r"%[0-9A-Fa-f]{2}[A-Za-z0-9._~+'-]{0,40}%[0-9A-Fa-f]{2}|\+[A-Za-z0-9._~'-]+%[0-9A-Fa-f]{2}")
_BINARY = rx.compile(r"(?<![01])(?:[01]{8}[\s,]*){4,}")
_BINARY_GATE = rx.compile(r"(?<![0-9])[01]{8}[\s,]+[01]{8}")
# a cue that the text is written backwards ("reverse this: ...", written backwards too)
_BACKWARDS = rx.compile(r"\b(?:reverse|reversed|backwards?|esrever|sdrawkcab|desrever)\b")
# text after a right-to-left override, up to the next control or line: a reversed note is short, and a turn with
# thousands of overrides (hostile input) has the first ``_MAX_RUNS`` read
_REVERSED = rx.compile("\u202e[^\u202e\u202c\u2069\n]{4,2000}")
_MAX_RUNS = 50
_DECODE_ORDER = rx.compile(
    r"\b(?:decode|decrypt|translate|convert|unscramble|reverse|read)\b[^.!?\n]{0,40}?\b(?:and\s+)?(?:follow|apply|"
    r"execute|obey|do\s+(?:it|that|what)|run|act\s+on|comply|use)\b|\bbase64-decode\b|\bhex-decode\b"
)
# Something every encoded run the finder reads has: a turn without it is not looked at.
_RUN = rx.compile(r"[A-Za-z0-9+/_-]{16}")
_SPACED_PAIRS = re.compile(r"[0-9A-Fa-f]{2}[ :,](?:[0-9A-Fa-f]{2}[ :,]){5}")
_SPACED_HEX = rx.compile(r"(?<![0-9A-Za-z])(?:[0-9A-Fa-f]{2}[ :,-]){6}")
_MARKED = rx.compile(r"%[0-9A-Fa-f]{2}%|\\x[0-9A-Fa-f]{2}|(?<![0-9A-Za-z])0[xX][0-9A-Fa-f]{2}|\u202e")
_ROT13 = rx.compile(r"(?i:rot[\s-]?13)")
# ROT13 without a label: words that only ROT13 of the grader's vocabulary spells ("tenqre" = grader, "erpbzzraq" =
# recommend, "vtaber" = ignore); a turn holding one is read rotated (prose never spells them). Found with every
# finder's anchors (``anchors``), at no cost of its own.
_ROT13_ANCHORS = anchor_set(
    "tenqre", "tenqvat", "rinyhngbe", "rinyhngvba", "fpber", "fpbevat", "erpbzzraq", "ehoevp", "vtaber", "qvfertneq",
    "uver", "pnaqvqng", "vafgehpgvba", "pbafvtarf", "znexf", "fhzznel", "erivrjre", "nffrffzrag", "fgebat", "shyy",
    "zbqry", "bhgchg", "pbzcrgrapl", "cebzcg", "flfgrz", "nffvfgnag", "rzonhpur", "abgr")
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
    digits = digits[:len(digits) // 2 * 2]
    try:
        return _printable_text(bytes.fromhex(digits))
    except ValueError:
        return None


def _from_binary(blob: str) -> str | None:
    bits = re.sub(r"[\s,]", "", blob)
    if len(bits) % 8 or len(bits) > _MAX_BLOB:
        return None
    return _printable_text(bytes(int(bits[i:i + 8], 2) for i in range(0, len(bits), 8)))


def _from_percent(blob: str) -> str | None:
    return _printable_text(unquote(blob).encode("utf-8", "surrogatepass")) if len(blob) <= _MAX_BLOB else None


def _from_url(blob: str) -> str | None:
    """URL-encoded words read back ("+" is a space there)."""
    return _printable_text(unquote_plus(blob).encode("utf-8", "surrogatepass")) if len(blob) <= _MAX_BLOB else None


class _Shape(dict[int, str]):
    """Each character by what an encoded run is made of, for ``str.translate``: ``h`` a hex digit, ``x`` another
    base64 character, ``d`` a dash (both), ``s`` another separator of spaced hex, ``.`` anything else."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        shape = self[code] = ("h" if ch in "0123456789abcdefABCDEF" else "d" if ch == "-"
                              else "x" if ch.isascii() and (ch.isalnum() or ch in "+/_") else "s" if ch in " :," else ".")
        return shape


_SHAPE = _Shape()
_LONG_RUN = "x" * 16
_ASCII_RUN = rx.compile(r"[0-9A-Za-z+/_%\\-]{2}")
_HEX_PAIRS = ("hhs" * 6, "hhd" * 6)
_TO_RUN = str.maketrans("hd", "xx")


def _shapes(tt: TurnText) -> frozenset[str]:
    """Which encodings the turn could hold: the shapes each decoder needs, looked for with ``in`` on the turn mapped
    character by character (no regex tries every position of prose)."""
    original = tt.folded.original
    text = tt.text
    found = set()
    # a run, or hex joined by ":" "," "-", is a token of 16+ characters, binary one of 8+; hex spaced by blanks has
    # its pairs: a turn with none of them (most prose) is not mapped character by character
    longest = max(map(len, original.split()), default=0)
    runs = longest >= 16 or _SPACED_PAIRS.search(original) is not None
    shape = original.translate(_SHAPE) if runs and _ASCII_RUN.search(original) else ""  # decoders read ASCII runs
    if longest >= 8 and _has_bit_pair(original) and _BINARY_GATE.search(original):  # (eight 0s and 1s are eight hex digits too)
        found.add("binary")
    if _HEX_PAIRS[0] in shape or _HEX_PAIRS[1] in shape:
        found.add("spaced hex")
    if "\u202e" in original:
        found.add("bidi")
    if _LONG_RUN in shape.translate(_TO_RUN) and _RUN.search(original):
        found.add("run")
    if ("%" in original or "\\x" in original or "0x" in original or "0X" in original) and _MARKED.search(original):
        found.add("marked")
    if "%" in original and _URL_GATE.search(original):
        found.add("url")
    if ("13" in text and _ROT13.search(text) is not None) or tt.has_any(_ROT13_ANCHORS):
        found.add("rot13")
    if ("revers" in text or "backward" in text or "esrever" in text or "sdrawkcab" in text) and _BACKWARDS.search(text):
        found.add("backwards")
    if ciphers.gate(tt):
        found.add("cipher")
    return frozenset(found)


def _has_bit_pair(original: str) -> bool:
    """Two bits side by side: what every run of eight (``_BINARY_GATE``) holds, looked for with ``in`` (most turns
    have none, and the regex would try every position of them)."""
    return "00" in original or "01" in original or "10" in original or "11" in original


_ALL = frozenset({"spaced hex", "bidi", "run", "marked", "url", "binary", "rot13", "backwards", "cipher"})


def encoded_gate(tt: TurnText) -> bool:
    """Whether the turn could hold an encoded run (see :func:`_shapes`; kept on the turn for :func:`encoded`)."""
    tt.encodings = _shapes(tt)
    return bool(tt.encodings)


def encoded(tt: TurnText, read: Callable[[TurnText, int], list[Hit]], depth: int) -> Iterator[Hit]:
    """Hits for encoded runs in the turn whose decoded text holds an instruction (``read`` reads it)."""
    original = tt.folded.original
    folded = tt.folded
    shapes = getattr(tt, "encodings", _ALL)  # decoded text (depth > 0) is read for everything
    decoders = [(_BASE64, _from_base64, "", "run"), (_HEX[0], _from_hex, "", "run"), (_HEX[1], _from_hex, "0x", "marked"),
                (_HEX[2], _from_hex, "\\x", "marked"), (_HEX[3], _from_hex, "", "spaced hex"),
                (_PERCENT, _from_percent, "%", "marked"), (_URL_ENCODED, _from_url, "%", "url"),
                (_BINARY, _from_binary, "", "binary")]
    for pattern, decode, literal, shape in decoders:
        if shape not in shapes or (literal and literal not in tt.text):
            continue
        for m in pattern.finditer(original):
            text = decode(m.group(0))
            start, end = folded.to_folded(m.start()), folded.to_folded(m.end())
            if text is None:
                if pattern is not _PERCENT and pattern is not _URL_ENCODED \
                        and _DECODE_ORDER.search(tt.text, max(0, start - 160), start):
                    yield Hit(start, end, "encoded instruction")
                continue
            ordered = _DECODE_ORDER.search(tt.text, max(0, start - 120), start)
            # "payloads like 'SWdub3Jl...' showed up in 2 cases", "something like SWdub3Jl... followed by 'decode
            # this'", "Someone sent 4967...": an encoded example, shown in quotes or after a cue that names it
            if ordered or (read(TurnText(fold(text)), depth + 1) and not _shown_example(tt, start, end)):
                yield Hit(start, end, "encoded instruction", "span")  # the run, and a lead-in ending with ":"
    if not shapes.isdisjoint(("cipher", "binary", "run")):  # (binary and base32 runs have their own shapes)
        yield from _ciphers(tt, read, depth)
    if "backwards" in shapes and _BACKWARDS.search(tt.text):  # each sentence read backwards ("reverse this: ...")
        for s, e in tt.units:
            os_, oe = folded.to_original(s, e)
            if read(TurnText(fold(original[os_:oe][::-1])), depth + 1):
                yield Hit(s, e, "encoded instruction")
    runs = _REVERSED.finditer(original) if "\u202e" in original else iter(())
    for m in itertools.islice(runs, _MAX_RUNS):
        if read(TurnText(fold(m.group(0)[1:][::-1])), depth + 1):
            yield Hit(folded.to_folded(m.start()), folded.to_folded(m.end()), "encoded instruction", "span")
    if "rot13" in tt.text or "rot-13" in tt.text or "rot 13" in tt.text \
            or ("rot13" in shapes and tt.has_any(_ROT13_ANCHORS)):
        rotated = TurnText(fold(codecs.encode(original, "rot13")))
        for hit in read(rotated, depth + 1):
            s, e = rotated.folded.to_original(hit.start, hit.end)
            yield Hit(folded.to_folded(s), folded.to_folded(e), "encoded instruction")


def _ciphers(tt: TurnText, read: Callable[[TurnText, int], list[Hit]], depth: int) -> Iterator[Hit]:
    """Hits for runs of the codes in ``ciphers`` (and units in a shifted alphabet) that decode to text about the
    grading or to an instruction the finders read."""
    if not hasattr(tt, "encodings"):
        tt.encodings = _ALL
    folded = tt.folded
    # (the first ``_MAX_RUNS`` of each: a 2 MB wall of them, hostile input, is not read run by run)
    for os_, oe, text in itertools.islice(ciphers.decoded_runs(tt), _MAX_RUNS):
        start, end = folded.to_folded(os_), folded.to_folded(oe)
        if _hides(tt, start, end, text, read, depth):
            yield Hit(start, end, "encoded instruction", "span")
    for s, e, text in itertools.islice(ciphers.shifted_units(tt), _MAX_RUNS):
        if _hides(tt, s, e, text, read, depth):
            yield Hit(s, e, "encoded instruction", "span")  # (the sentence in the code, exactly)


# an encoded example shown as one ("one attack encoded the instruction as ...", "payloads such as ...")
_SHOWN = rx.compile(r"\b(?:attack\w*|attacker\w*|payload\w*|exampl\w*|injection\w*|jailbreak\w*|such\s+as|e\.g)\b")


def _hides(tt: TurnText, start: int, end: int, text: str, read: Callable[[TurnText, int], list[Hit]],
           depth: int) -> bool:
    """Whether decoded ``text`` at ``[start, end)`` hides an instruction: it is about the grading (and its
    sentence does not show it as an example of an attack), or the finders read one in it."""
    if is_discussion(tt, start, end):
        return False
    if ciphers.about_grading(text):
        lo, hi = max(tt.unit_start(start), start - 200), min(tt.unit_end(start), end + 200)  # (its sentence, near it)
        if _SHOWN.search(tt.text, lo, hi) is None:
            return True
    return bool(read(TurnText(fold(text)), depth + 1))


# what an example payload is said to decode to, after it: "That string is just 'Ignore previous instructions'"
_EXPLAINED = rx.compile(r"\b(?:decodes?\s+to|decoded\s+to|which\s+(?:is|says|means|reads)|that\s+(?:string|payload|one)\s+"
                        r"(?:is|says|means|reads)|it\s+(?:says|reads|means)|translates\s+to|stands\s+for)\b")


def _shown_example(tt: TurnText, start: int, end: int) -> bool:
    """The encoded run at ``[start, end)`` is an example: shown in quotes, or named by a cue ("something like",
    "someone sent") and then explained ("It decodes to ...")."""
    return is_discussion(tt, start, end) or (is_discussion(tt, start, end, unquoted=True)
                                              and _EXPLAINED.search(tt.text, end, end + 240) is not None)
