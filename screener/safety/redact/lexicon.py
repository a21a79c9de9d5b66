"""Word lists the name finder reads: common English words, given names, surnames, nicknames (data/README.md)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .text import fold

DATA = Path(__file__).resolve().parent / "data"

MONTHS = frozenset("january february march april may june july august september october november december".split())
DAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
# words that open a sentence or address someone and are never a name part on their own
NOT_NAMES = frozenset(
    "i a an the and or but so yes yeah yep no nope ok okay sure thanks thank hi hello hey dear sorry great good fine "
    "right well oh ah um uh hmm wow cool nice perfect merci danke gracias grazie obrigado obrigada hola ciao "
    "bonjour parfait salut also then when what why how who where which our my your his her their its we you they "
    "he she it this that these those there here mr mrs ms dr prof sir madam".split()
)


def _lines(name: str) -> list[str]:
    try:
        text = (DATA / name).read_text(encoding="utf-8")
    except FileNotFoundError:  # pragma: no cover - a broken install; redaction still runs on its other rules
        return []
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    return frozenset(_lines("common_words.txt")) | MONTHS | DAYS | NOT_NAMES


def _folded(names: list[str]) -> frozenset[str]:
    """The names folded; most are plain ASCII lower case already (folding 60,000 names one by one was a
    quarter of a second of every first redaction)."""
    plain = [n for n in names if n.isascii() and n.islower() and "'" not in n]
    return frozenset(plain).union(map(fold, set(names).difference(plain)))


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    return _folded(_lines("first_names.txt"))


@lru_cache(maxsize=1)
def last_names() -> frozenset[str]:
    return _folded(_lines("last_names.txt"))


def is_common(folded: str) -> bool:
    return folded in common_words()


def is_given_name(folded: str) -> bool:
    return folded in first_names()


def is_surname(folded: str) -> bool:
    return folded in last_names()


@lru_cache(maxsize=1)
def _nickname_table() -> dict[str, frozenset[str]]:
    """Full name -> short forms and short form -> full names, folded; nicknames package plus data/ extras."""
    pairs: list[tuple[str, str]] = []
    try:
        from nicknames import name_triplets
    except ImportError:  # pragma: no cover - the package is a dependency; the extras still apply
        name_triplets = None  # type: ignore[assignment]  # optional at import time, checked below
    if name_triplets is not None:
        pairs += [(t.name1, t.name2) for t in name_triplets() if t.relationship == "has_nickname"]
    for line in _lines("nicknames_extra.tsv"):
        full, _, shorts = line.partition("\t")
        pairs += [(full, s) for s in shorts.split(",") if s]
    table: dict[str, set[str]] = {}
    for full, short in pairs:
        f, s = fold(full), fold(short)
        if f != s:
            table.setdefault(f, set()).add(s)
            table.setdefault(s, set()).add(f)
    return {k: frozenset(v) for k, v in table.items()}


def nicknames(folded: str) -> frozenset[str]:
    """Short forms of a given name and the full names a short form stands for ("robert" -> bob, rob, ...)."""
    return _nickname_table().get(folded, frozenset())
