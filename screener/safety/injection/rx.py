"""Regular expressions rewritten so that Python's ``re`` tries fewer alternatives at each position.

The detector's patterns are long alternations of words (hundreds of verdicts, addressees, verbs). ``re`` tries
the alternatives of a group one after another at every position it searches, so a 200-word alternation costs
200 checks per word start. :func:`optimise` rewrites every alternation in a pattern as a trie on the first
character of its alternatives (``strong|staff|senior|hire`` -> ``s(?:t(?:rong|aff)|enior)|hire``), which ``re``
dispatches with one comparison per distinct first character. The rewrite keeps the pattern's meaning exactly:

- alternatives are only grouped across neighbours that begin with a different literal character (which cannot
  match at the same position), never across an alternative whose first character is not a plain literal (a class,
  an escape such as ``\\d``, an optional group): the order in which ``re`` tries alternatives that can match at the
  same position is unchanged, so the same match is found;
- a non-capturing group that is a whole alternative is opened into its parent alternation;
- a lookbehind that opens an alternative and is followed by a literal moves after it, with the literal added to
  it (``(?<!new\\s)hire`` -> ``h(?<!(?:new\\s)h)ire``);
- an alternation with capturing groups in two of its alternatives keeps its order (the groups keep their numbers);
  a pattern with inline flags or named groups, or compiled with ``re.IGNORECASE`` / ``re.VERBOSE``, is compiled
  as written.

:func:`compile` is ``re.compile`` of the rewritten pattern, done when the pattern is first used. The rewrites
of the shipped patterns are kept in ``data/rewrites.json`` (written by ``scripts/build_detector_tables.py``; a test checks
it is current), so a process does not spend its first scan rewriting: rewriting every
pattern takes about 0.25 s, reading the file a few milliseconds. A pattern not in the file (one edited since) is
rewritten when it is first used, as before.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import cast

REWRITES = Path(__file__).resolve().parent / "data" / "rewrites.json"

_LITERAL_PUNCT = frozenset("'\"-,:;/<>=!@%&~#_ ")
_QUANTIFIERS = frozenset("*+?{")
_CAPTURE = re.compile(r"(?<!\\)\((?!\?)")


class _Unsafe(Exception):
    """The pattern holds something the rewrite does not handle: it is compiled as written."""


def _group_end(s: str, i: int) -> int:
    """The index just after the group that opens at ``s[i] == "("``."""
    depth = 0
    n = len(s)
    while i < n:
        c = s[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = _class_end(s, i)
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise _Unsafe("unbalanced")


def _class_end(s: str, i: int) -> int:
    """The index just after the character class that opens at ``s[i] == "["``."""
    i += 1
    if i < len(s) and s[i] == "^":
        i += 1
    if i < len(s) and s[i] == "]":
        i += 1
    while i < len(s):
        c = s[i]
        if c == "\\":
            i += 2
            continue
        if c == "]":
            return i + 1
        i += 1
    raise _Unsafe("unclosed class")


def _split(s: str) -> list[str]:
    """The top-level alternatives of ``s`` (each with its groups optimised)."""
    items: list[str] = []
    out: list[str] = []
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c == "\\":
            out.append(s[i:i + 2])
            i += 2
        elif c == "[":
            j = _class_end(s, i)
            out.append(s[i:j])
            i = j
        elif c == "(":
            j = _group_end(s, i)
            out.append(_group(s[i:j]))
            i = j
        elif c == "|":
            items.append("".join(out))
            out = []
            i += 1
        else:
            out.append(c)
            i += 1
    items.append("".join(out))
    return items


_OPENERS = ("(?:", "(?=", "(?!", "(?<=", "(?<!")


def _group(g: str) -> str:
    """A group with its alternation optimised (a capturing or flagged group is left as it is, inside too)."""
    for opener in _OPENERS:
        if g.startswith(opener):
            return opener + _alternation(_split(g[len(opener):-1])) + ")"
    if g.startswith("(?"):
        raise _Unsafe("flags or named group")
    return "(" + _alternation(_split(g[1:-1])) + ")"


_UNICODE_ESCAPE = re.compile(r"\\u[0-9a-fA-F]{4}")


def _literal(item: str) -> tuple[str, str] | None:
    """``(its source, the character)`` of a plain literal that opens ``item``."""
    if not item:
        return None
    c = item[0]
    if c == "\\":
        if _UNICODE_ESCAPE.match(item):
            return item[:6], chr(int(item[2:6], 16))
        if len(item) < 2 or item[1].isalnum():
            return None
        return item[:2], item[1]
    if c.isalnum() or c in _LITERAL_PUNCT or ord(c) > 127:
        return c, c
    return None


def _head(item: str) -> tuple[str, str, str] | None:
    """``(first literal's source, its character, the rest)`` of an alternative, if it begins with a plain literal."""
    lit = _literal(item)
    if lit is not None:
        rest = item[len(lit[0]):]
        return None if rest[:1] in _QUANTIFIERS else (lit[0], lit[1], rest)
    if item.startswith(("(?<=", "(?<!")):
        # lookbehinds, then a literal: the literal first, each lookbehind after it with the literal added
        looks = []
        i = 0
        while item.startswith(("(?<=", "(?<!"), i):
            j = _group_end(item, i)
            looks.append(item[i:j])
            i = j
        head = _head(item[i:])
        if head is None or head[0] != head[1]:
            return None
        literal, key, rest = head
        moved = "".join(look[:4] + "(?:" + look[4:-1] + ")" + literal + ")" for look in looks)
        return literal, key, moved + rest
    return None


def _unwrap(item: str) -> list[str] | None:
    """The alternatives of an item that is one whole non-capturing group, else ``None``."""
    if item.startswith("(?:") and _group_end(item, 0) == len(item):
        return _split(item[3:-1])
    return None


_MAX_COPIES = 8


def _distribute(item: str) -> list[str] | None:
    """An alternative that opens with a small non-capturing group, as one alternative per alternative of the group
    (``(?:best|top)\\s+score`` -> ``best\\s+score``, ``top\\s+score``; ``(?:an?\\s)?offer`` -> ``an?\\soffer``,
    ``offer``: the order ``re`` tries them in is the same), so they can be dispatched; else ``None``."""
    if not item.startswith("(?:"):
        return None
    end = _group_end(item, 0)
    rest = item[end:]
    optional = rest.startswith("?") and not rest.startswith("??")
    if optional:
        rest = rest[1:]
    elif rest[:1] in _QUANTIFIERS:
        return None
    inner = _split(item[3:end - 1])
    if len(inner) > _MAX_COPIES or _CAPTURE.search(item):
        return None
    out = [alt + rest for alt in inner]
    if optional:
        out.append(rest)
    return out


_DIGITS = "\\d"


def _starts(item: str) -> tuple[str, ...] | None:
    """What an alternative's first character can be (literal characters, or ``\\d``), or ``None`` if that is not
    known or it can match the empty string."""
    i = 0
    while item.startswith(("(?<=", "(?<!", "(?=", "(?!"), i):  # zero-width: the first character is what follows
        i = _group_end(item, i)
    while item.startswith(("\\b", "\\B"), i):
        i += 2
    rest = item[i:]
    if not rest:
        return None
    atom: tuple[str, ...]
    if rest.startswith("\\d"):
        atom, after = (_DIGITS,), rest[2:]
    else:
        head = _head(rest)
        if head is not None and not rest.startswith(("(?<=", "(?<!")):
            atom, after = (head[1],), head[2]
        elif rest.startswith("(?:"):
            end = _group_end(rest, 0)
            found: list[str] = []
            for alt in _split(rest[3:end - 1]):
                first = _starts(alt)
                if first is None:
                    return None
                found.extend(first)
            atom, after = tuple(found), rest[end:]
        elif rest.startswith("[") and not rest.startswith("[^"):
            end = _class_end(rest, 0)
            body = rest[1:end - 1]
            if "\\" in body.replace("\\d", "") or "-" in body.strip("-"):
                return None
            atom = tuple(c for c in body.replace("\\d", "") if c != "-") + ((_DIGITS,) if "\\d" in body else ())
            after = rest[end:]
        else:
            return None
    if after[:1] in ("?", "*") or after.startswith("{0"):
        more = _starts(after[1:]) if after[:1] in ("?", "*") else None
        return None if more is None else atom + more
    return atom


def _may_start(literal: str, starts: tuple[str, ...] | None) -> bool:
    if starts is None:
        return True
    return literal in starts or (_DIGITS in starts and literal.isdecimal())


class _Slot:
    """A place in a rewritten alternation: a literal and the rests of the alternatives grouped under it, or one
    alternative kept where it was (``literal`` None) with what its first character can be."""

    __slots__ = ("items", "literal", "starts")

    def __init__(self, literal: str | None, items: list[str], starts: tuple[str, ...] | None) -> None:
        self.literal, self.items, self.starts = literal, items, starts


def _alternation(items: list[str]) -> str:
    """``items`` joined by ``|``, alternatives that begin with the same literal grouped under it where no
    alternative between them can begin with that literal (so the order ``re`` tries what can match is kept)."""
    flat: list[str] = []
    for item in items:
        inner = _unwrap(item) if len(items) > 1 else None
        if inner is None:
            inner = _distribute(item) if len(items) > 1 else None
        flat.extend(inner if inner is not None else [item])
    if len(flat) < 3 or sum(1 for item in flat if _CAPTURE.search(item)) > 1:
        return "|".join(flat)  # (two alternatives with capturing groups keep their order: their numbers stay)
    slots: list[_Slot] = []
    last: dict[str, int] = {}  # literal -> index of its group slot
    for item in flat:
        head = _head(item)
        if head is None:
            slots.append(_Slot(None, [item], _starts(item)))
            continue
        literal, key, tail = head
        g = last.get(key)
        if g is not None and all(slot.literal is not None or not _may_start(key, slot.starts) for slot in slots[g + 1:]):
            slots[g].items.append(tail)
        else:
            last[key] = len(slots)
            slots.append(_Slot(literal, [tail], None))
    out = []
    for slot in slots:
        if slot.literal is None:
            out.append(slot.items[0])
        elif len(slot.items) == 1:
            out.append(slot.literal + slot.items[0])
        else:
            out.append(slot.literal + "(?:" + _alternation(slot.items) + ")")
    return "|".join(out)


def optimise(pattern: str, flags: int = 0) -> str:
    """``pattern`` with its alternations grouped by first character (same matches; see the module docstring)."""
    if flags & (re.IGNORECASE | re.VERBOSE) or "(?i" in pattern or "(?x" in pattern or "(?P" in pattern:
        return pattern
    try:
        return _alternation(_split(pattern))
    except (_Unsafe, IndexError):
        return pattern


def key(pattern: str, flags: int) -> str:
    """What ``data/rewrites.json`` files a pattern's rewrite under (a digest of its source and flags)."""
    return hashlib.sha256(f"{flags}\0{pattern}".encode()).hexdigest()[:32]


@lru_cache(maxsize=1)
def _shipped() -> dict[str, str]:
    """The shipped rewrites (none when the file is absent or unreadable: each pattern is rewritten on first use)."""
    try:
        found = json.loads(REWRITES.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def rewritten(pattern: str, flags: int = 0) -> str:
    """:func:`optimise` of ``pattern``, read from ``data/rewrites.json`` when it is there."""
    found = _shipped().get(key(pattern, flags))
    return found if isinstance(found, str) else optimise(pattern, flags)


def _compile_now(pattern: str, flags: int) -> re.Pattern[str]:
    """``re.compile`` of :func:`optimise` (``pattern`` as written if the rewrite does not compile)."""
    source = rewritten(pattern, flags)
    if source != pattern:
        try:
            return re.compile(source, flags)
        except re.error:
            pass
    return re.compile(pattern, flags)


_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner")


class _Lazy:
    """A pattern compiled the first time it is used. Importing the detector used to compile every one of its
    patterns (about 1.5 s of CPU before the first transcript, in every process that imports it); most of them
    serve finders that a given interview never wakes (their anchors are absent), so they are now compiled when
    first asked (``__getattr__``). After that the compiled pattern's methods sit in the instance's ``__dict__``,
    so a call costs what a call on the compiled pattern costs."""

    def __init__(self, source: str, flags: int, owner: str = "") -> None:
        self._source = source
        self._flags = flags
        self._owner = owner  # the module that compiled it (``rewrites`` files the detector's own)
        _ALL.append(self)

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now if it was not yet)."""
        found = self.__dict__.get("_compiled")
        if found is None:
            found = _compile_now(self._source, self._flags)
            self.__dict__.update({name: getattr(found, name) for name in _METHODS}, _compiled=found)
        return found

    def __getattr__(self, name: str) -> object:
        # only until the first use: then ``search``, ``finditer``... are in ``__dict__``; also ``pattern``,
        # ``flags``, ``groups``, ``groupindex``
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.compiled(), name)


_ALL: list[_Lazy] = []


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 - ``re.compile`` of the rewrite
    """:func:`optimise` then ``re.compile`` (``pattern`` as written if the rewrite does not compile), done when
    the pattern is first used (see :class:`_Lazy`); typed as the compiled pattern it stands for."""
    return cast("re.Pattern[str]", _Lazy(pattern, flags, sys._getframe(1).f_globals.get("__name__", "")))


def compile_all() -> int:
    """Compile every pattern not compiled yet (a process that forks workers can pay once, before the fork);
    the number compiled."""
    pending = [p for p in _ALL if "_compiled" not in p.__dict__]
    for p in pending:
        p.compiled()
    return len(pending)


def rewrites() -> dict[str, str]:
    """The rewrite of every pattern the detector registers (what ``data/rewrites.json`` should hold)."""
    import screener.safety.injection  # noqa: F401 - registers every pattern of the detector

    return {key(p._source, p._flags): optimise(p._source, p._flags) for p in _ALL
            if p._owner.startswith(__package__ or "screener")}


def write() -> int:
    """Write ``data/rewrites.json`` afresh (``scripts/build_detector_tables.py``); the number of rewrites."""
    wanted = rewrites()
    REWRITES.write_text(json.dumps(wanted, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    _shipped.cache_clear()
    return len(wanted)


def is_current() -> bool:
    """Whether ``data/rewrites.json`` holds exactly the rewrite of every registered pattern."""
    return rewrites() == _shipped()
