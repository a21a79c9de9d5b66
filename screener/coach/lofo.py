"""Leave one file out: how much each dev file's figures rest on phrases that only that file needed.

The coach's detectors are written, not trained, so "leave a file out" cannot retrain them. What it can do is
take away what was most likely written *for* one file: every phrase of the unlawful and small-talk lexicons that
fires, among all the development files, on that file's turns only. Each file is then scored without its own
phrases, as if its writer's wording had never been seen; the concept rules and the phrases other files share
stay. The drop from a file's figure to its left-out figure is the part of it that is fitting, not
generalisation; the left-out figures are an estimate of what a new writer's file would score.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..offline.phrases import PhraseIndex
from . import classify, unlawful
from .bench import BenchResult, LabelledTurn, _load, default_labels, extra_dev_files, score


@dataclass
class LeftOut:
    file: str
    turns: int
    own_phrases: int
    seen: BenchResult
    left_out: BenchResult


def _phrases_used(it: LabelledTurn) -> set[tuple[str, str]]:
    """The lexicon phrases that fire on a turn: ("unlawful", phrase) for each sentence's hit, ("small", phrase)
    for each small-talk phrase."""
    used = {("unlawful", h.phrase) for h in unlawful.scan(it.turn)}
    used |= {("small", p) for _, _, p in classify._SMALL.scan(it.turn)["small"]}
    return used


@contextmanager
def _without(phrases: set[tuple[str, str]]) -> Iterator[None]:
    """The lexicons with ``phrases`` taken out, for the duration."""
    gone_unlawful = {p for kind, p in phrases if kind == "unlawful"}
    gone_small = {p for kind, p in phrases if kind == "small"}
    saved_phrases, saved_small = dict(unlawful.PHRASES), classify._SMALL
    try:
        for topic, listed in saved_phrases.items():
            unlawful.PHRASES[topic] = tuple(p for p in listed if p not in gone_unlawful)
        unlawful._index.cache_clear()
        classify._SMALL = PhraseIndex({"small": [p for p in classify.SMALL_TALK if p not in gone_small]})
        yield
    finally:
        unlawful.PHRASES.update(saved_phrases)
        unlawful._index.cache_clear()
        classify._SMALL = saved_small


def development_files() -> list[Path]:
    return [p for p in (default_labels(), *extra_dev_files()) if p.exists()]


def leave_one_file_out(files: list[Path] | None = None) -> list[LeftOut]:
    """Each development file scored with every lexicon phrase and without the phrases only it needed."""
    by_file = {p.name: _load(p) for p in files or development_files()}
    where: dict[tuple[str, str], set[str]] = {}
    for name, items in by_file.items():
        for it in items:
            for used in _phrases_used(it):
                where.setdefault(used, set()).add(name)
    out: list[LeftOut] = []
    for name, items in by_file.items():
        own = {p for p, names in where.items() if names == {name}}
        seen = score(items)
        with _without(own):
            left = score(items)
        out.append(LeftOut(name, len(items), len(own), seen, left))
    return out


def format_lofo(rows: list[LeftOut]) -> str:
    lines = ["leave one file out: each file without the lexicon phrases only it fires (seen -> left out)",
             f"{'file':<36} {'n':>4} {'own':>4}  unlawful R   missed   small talk R   other P"]
    for r in rows:
        u0, u1 = r.seen.kinds["unlawful"].recall, r.left_out.kinds["unlawful"].recall
        s0, s1 = r.seen.kinds["small_talk"].recall, r.left_out.kinds["small_talk"].recall
        o0, o1 = r.seen.kinds["other"].precision, r.left_out.kinds["other"].precision
        lines.append(f"{r.file:<36} {r.turns:>4} {r.own_phrases:>4}  {u0:.3f}->{u1:.3f}  "
                     f"{r.seen.unlawful_missed:>2}->{r.left_out.unlawful_missed:<3} {s0:.3f}->{s1:.3f}    "
                     f"{o0:.3f}->{o1:.3f}")
    return "\n".join(lines) + "\n"
