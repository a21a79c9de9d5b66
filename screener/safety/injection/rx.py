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

:func:`compile` is ``re.compile`` of the rewritten pattern.
"""

from __future__ import annotations

import re

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


def _head(item: str) -> tuple[str, str] | None:
    """``(first literal character, the rest)`` of an alternative, if it begins with a plain literal."""
    if not item:
        return None
    c = item[0]
    if c == "\\":
        if len(item) < 2 or item[1].isalnum():
            return None
        literal, rest = item[:2], item[2:]
    elif c.isalnum() or c in _LITERAL_PUNCT or ord(c) > 127:
        literal, rest = c, item[1:]
    elif item.startswith(("(?<=", "(?<!")):
        # lookbehinds, then a literal: the literal first, each lookbehind after it with the literal added
        looks = []
        i = 0
        while item.startswith(("(?<=", "(?<!"), i):
            j = _group_end(item, i)
            looks.append(item[i:j])
            i = j
        head = _head(item[i:])
        if head is None or head[0].startswith("\\"):
            return None
        literal, rest = head
        moved = "".join(look[:4] + "(?:" + look[4:-1] + ")" + literal + ")" for look in looks)
        return literal, moved + rest
    else:
        return None
    if rest[:1] in _QUANTIFIERS:
        return None
    return literal, rest


def _unwrap(item: str) -> list[str] | None:
    """The alternatives of an item that is one whole non-capturing group, else ``None``."""
    if item.startswith("(?:") and _group_end(item, 0) == len(item):
        return _split(item[3:-1])
    return None


def _alternation(items: list[str]) -> str:
    """``items`` joined by ``|``, with neighbours that begin with different literals grouped by that literal."""
    flat: list[str] = []
    for item in items:
        inner = _unwrap(item)
        if inner is not None and len(items) > 1:
            flat.extend(inner)
        else:
            flat.append(item)
    if len(flat) < 3 or sum(1 for item in flat if _CAPTURE.search(item)) > 1:
        return "|".join(flat)  # (two alternatives with capturing groups keep their order: their numbers stay)
    out: list[str] = []
    segment: dict[str, list[str]] = {}

    def close() -> None:
        for literal, tails in segment.items():
            if len(tails) == 1:
                out.append(literal + tails[0])
            else:
                out.append(literal + "(?:" + _alternation(tails) + ")")
        segment.clear()

    for item in flat:
        head = _head(item)
        if head is None:
            close()
            out.append(item)
        else:
            segment.setdefault(head[0], []).append(head[1])
    close()
    return "|".join(out)


def optimise(pattern: str, flags: int = 0) -> str:
    """``pattern`` with its alternations grouped by first character (same matches; see the module docstring)."""
    if flags & (re.IGNORECASE | re.VERBOSE) or "(?i" in pattern or "(?x" in pattern or "(?P" in pattern:
        return pattern
    try:
        return _alternation(_split(pattern))
    except (_Unsafe, IndexError):
        return pattern


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 - ``re.compile`` of the rewrite
    """``re.compile`` of :func:`optimise` (``pattern`` as written if the rewrite does not compile)."""
    rewritten = optimise(pattern, flags)
    if rewritten != pattern:
        try:
            return re.compile(rewritten, flags)
        except re.error:
            pass
    return re.compile(pattern, flags)
