"""Blind grading on the labelled personal-data probes: what reaches the model, by category.

    .venv/bin/python benchmarks/bench_pii.py [FILE ...] [--split dev|holdout|holdout2|...|holdout6|all] [--root DIR]
                                             [--leaks] [--json]

The probe files are the ``FILE`` arguments, by default ``tests/fixtures/pii/probes.yaml`` (dev and holdout),
``tests/fixtures/pii/dev_extra*.yaml`` (more dev probes, every such file that exists) and, when they exist, the
blind sets ``tests/fixtures/pii/holdout2_probes.yaml`` to ``holdout6_probes.yaml`` (each written by someone who
never saw the redactor; every probe of a file whose name starts with ``holdoutN`` counts as that split, whatever
it says). Each probe has a
``split``, a ``category``, the ``candidate``, ``redact_orgs``, a ``transcript`` of "Name: text" lines,
``must_not_leak`` strings and ``must_keep`` phrases. Leaks are reported by category, one column per split,
side by side with the goals. Each probe is parsed as plain text with its candidate and made ready for a
remote model by ``screener.grading.prepare(..., FakeProvider(), redact_option=True)`` (with organisation
redaction when the probe asks for it and the code under test can do it). What is checked is everything the
model is sent: ``prepared.prompt.system``, ``prepared.prompt.user`` and, decoded, every turn's text and speaker
label of ``prepared.seen``.

- **leak**: a ``must_not_leak`` item found there, case-insensitively, as a whole word (lookarounds, not
  ``\\b``: items may start with ``+`` or ``@`` or end with a combining vowel sign); a capitalised name whose
  lower-case form (punctuation around it aside: "Summer?") is in the probe's ``must_keep`` ("Will" the name,
  "will" the verb) is matched case-sensitively;
- **speaker-name leak**: a leaked item that is a speaker's label or one of its parts (goal 0);
- **over-redaction**: a ``must_keep`` phrase missing from the turn texts the model is sent (case-sensitive);
- **unparsed**: a probe the parser refused; counted on its own line, and as leaking all its items.

Goals: at most 3% of items leaked, no speaker-name leak. ``--root DIR`` imports the ``screener`` package of
another checkout (e.g. ``/work/base``) instead of this one. ``--leaks`` lists what leaked and what was lost,
for the development splits only: ``dev`` and ``holdout`` (``holdout`` became a development split after its
figures were reported, 3.2% of items leaked, in the issue-11 redaction session). The blind splits
(``holdout2`` to ``holdout6``) are measured, never looked at: only their aggregates are printed.
"""

from __future__ import annotations

import argparse
import functools
import inspect
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # the benchmarks' shared helpers (_checkout)
from _checkout import use_checkout  # noqa: E402

from screener.evals.splits import DEVELOPMENT_SPLITS, blind_split_of, split_argument  # noqa: E402

FIXTURES = HERE / "tests" / "fixtures" / "pii"
PROBES = FIXTURES / "probes.yaml"
DEV_EXTRA = FIXTURES / "dev_extra.yaml"
DEV_EXTRA2 = FIXTURES / "dev_extra2.yaml"
DEV_EXTRA3 = FIXTURES / "dev_extra3.yaml"
DEV_EXTRAS = "dev_extra*.yaml"  # every dev_extra file that exists, in name order (dev_extra4 and later included)
BLIND_PROBES = "holdout*_probes.yaml"  # every probe of a file named for a blind split counts as that split
GOAL_LEAK = 0.03
GOAL_SPEAKER = 0


def _by_number(files: list[Path]) -> list[Path]:
    return sorted(files, key=lambda f: (len(f.name), f.name))  # dev_extra2 before dev_extra10


def default_files() -> list[Path]:
    blind = [f for f in FIXTURES.glob(BLIND_PROBES) if blind_split_of(f)]
    return [f for f in (PROBES, *_by_number(list(FIXTURES.glob(DEV_EXTRAS))), *_by_number(blind)) if f.exists()]


def load_probes(split: str, files: list[Path] | None = None) -> list[dict]:
    """The probes of ``split`` ("all" for every split) in ``files`` (the default set when None)."""
    out = []
    for f in files if files is not None else default_files():
        probes = yaml.safe_load(Path(f).read_text(encoding="utf-8")) or []
        forced = blind_split_of(Path(f))
        for p in probes:
            p = {**p, "split": forced or p["split"]}
            if split == "all" or p["split"] == split:
                out.append(p)
    return out


def found(item: str, text: str, case_sensitive: bool = False) -> bool:
    """``item`` in ``text`` as a whole word, case-insensitively unless ``case_sensitive``."""
    return re.search(rf"(?<!\w){re.escape(item)}(?!\w)", text, 0 if case_sensitive else re.I) is not None


def common_word_name(item: str, keep_items: list[str]) -> bool:
    """A capitalised name whose lower-case form the probe must keep as an ordinary word ("Will" the name, "will"
    the verb): matched case-sensitively, since the ordinary word is meant to reach the model."""
    word = item.strip(" ,.;:?!")  # "Summer?" is the name "Summer" at the end of a question
    return item != item.lower() and any(found(word.lower(), k, case_sensitive=True) for k in keep_items)


def _speaker_parts(transcript: str) -> set[str]:
    labels = {line.split(":", 1)[0].strip() for line in transcript.splitlines() if ":" in line}
    parts = set()
    for label in labels:
        parts.add(label.lower())
        parts.update(p.lower() for p in re.split(r"[\s\-]+", label) if p)
    return parts


def _prepare(transcript, probe: dict, orgs_note: list[str]):
    import screener.grading as grading
    from screener.providers.fake import FakeProvider

    want_orgs = bool(probe.get("redact_orgs"))
    if want_orgs and "orgs" in inspect.signature(grading.prepare).parameters:
        return grading.prepare(transcript, "hybrid", FakeProvider(), redact_option=True, orgs=True)
    if want_orgs and "orgs" in inspect.signature(grading.redact).parameters:
        original = grading.redact
        grading.redact = functools.partial(original, orgs=True)
        try:
            return grading.prepare(transcript, "hybrid", FakeProvider(), redact_option=True)
        finally:
            grading.redact = original
    if want_orgs and not orgs_note:
        orgs_note.append("the code under test cannot redact organisations: org probes ran without it")
    return grading.prepare(transcript, "hybrid", FakeProvider(), redact_option=True)


@functools.lru_cache(maxsize=1)
def _fixed_prompt_text() -> str:
    """What the model is sent for a transcript that names nobody: the prompt's own words."""
    from screener.parsing import parse_transcript

    neutral = parse_transcript("Interviewer: What changed?\nCandidate: Recall went up.\n", format="text",
                               candidate="Candidate")
    prepared = _prepare(neutral, {}, [])
    return prepared.prompt.system + "\n" + prepared.prompt.user


def run_probe(probe: dict, orgs_note: list[str]) -> dict:
    """What one probe sent to the model: the items leaked, speaker-name leaks, phrases lost."""
    from screener.parsing import parse_transcript

    leak_items = list(probe.get("must_not_leak") or [])
    keep_items = list(probe.get("must_keep") or [])
    result = {"id": probe["id"], "split": probe["split"], "category": probe["category"], "items": len(leak_items),
              "keeps": len(keep_items), "leaked": [], "speaker_leaked": [], "lost": [], "unparsed": None}
    speakers = _speaker_parts(probe["transcript"])
    try:
        transcript = parse_transcript(probe["transcript"], format="text", candidate=probe["candidate"])
    except Exception as e:  # the parser may refuse an unclear candidate: counted apart, all items as leaked
        result["unparsed"] = f"{type(e).__name__}: {str(e)[:160]}"
        result["leaked"] = leak_items
        result["speaker_leaked"] = [i for i in leak_items if i.lower() in speakers]
        return result
    prepared = _prepare(transcript, probe, orgs_note)
    seen_texts = [t.text for t in prepared.seen.turns]
    turns_sent = [*seen_texts, *(t.speaker for t in prepared.seen.turns)]
    sent = [prepared.prompt.system, prepared.prompt.user, *turns_sent]
    fixed = _fixed_prompt_text()
    for item in leak_items:
        cased = common_word_name(item, keep_items)
        # an item the prompt's own instructions hold ("in", the part of "Hae-in") is looked for in the turns only
        where = turns_sent if found(item, fixed, cased) else sent
        if any(found(item, s, cased) for s in where):
            result["leaked"].append(item)
            if item.lower() in speakers:
                result["speaker_leaked"].append(item)
    joined = "\n".join(seen_texts)
    result["lost"] = [k for k in keep_items if k not in joined]
    return result


def summarise(results: list[dict]) -> dict:
    by_cat: dict[str, dict] = defaultdict(lambda: {"probes": 0, "probes_leaking": 0, "items": 0, "leaked": 0,
                                                  "keeps": 0, "lost": 0})
    for r in results:
        row = by_cat[r["category"]]
        row["probes"] += 1
        row["probes_leaking"] += bool(r["leaked"])
        row["items"] += r["items"]
        row["leaked"] += len(r["leaked"])
        row["keeps"] += r["keeps"]
        row["lost"] += len(r["lost"])
    total = {k: sum(row[k] for row in by_cat.values()) for k in ("probes", "probes_leaking", "items", "leaked",
                                                                 "keeps", "lost")}
    return {
        "by_category": dict(sorted(by_cat.items())),
        "total": total,
        "leak_rate": total["leaked"] / total["items"] if total["items"] else 0.0,
        "speaker_leaks": sum(len(r["speaker_leaked"]) for r in results),
        "loss_rate": total["lost"] / total["keeps"] if total["keeps"] else 0.0,
        "unparsed": [r["id"] for r in results if r["unparsed"]],
    }


def evaluate(split: str, files: list[Path] | None = None) -> tuple[list[dict], dict, list[str]]:
    orgs_note: list[str] = []
    results = [run_probe(p, orgs_note) for p in load_probes(split, files)]
    return results, summarise(results), orgs_note


def evaluate_splits(files: list[Path] | None = None, split: str = "all") -> tuple[list[dict], dict[str, dict],
                                                                                 list[str]]:
    """Every probe of ``files`` (of ``split`` only, unless "all": a dev run never grades the blind probes), and a
    summary per split present (dev, holdout, holdout2 ... holdout6, others)."""
    orgs_note: list[str] = []
    results = [run_probe(p, orgs_note) for p in load_probes(split, files)]
    found = {r["split"] for r in results}
    present = [s for s in DEVELOPMENT_SPLITS if s in found]
    present += sorted(found - set(present), key=lambda s: (len(s), s))  # holdout2 ... holdout6, others
    return results, {s: summarise([r for r in results if r["split"] == s]) for s in present}, orgs_note


def _pct(a: int, b: int) -> str:
    return f"{a}/{b} ({100 * a / b:.1f}%)" if b else "-"


def print_report(summaries: dict[str, dict], seconds: float, notes: list[str]) -> None:
    """Items leaked by category, one column per split, then the goals side by side."""
    n = sum(x["total"]["probes"] for x in summaries.values())
    print(f"PII probes: {n} in {seconds:.2f} s; " +
          ", ".join(f"{s} {x['total']['probes']}" for s, x in summaries.items()))
    cats = sorted({c for x in summaries.values() for c in x["by_category"]})
    width = 18
    print(f"{'items leaked':<20} " + " ".join(f"{s:>{width}}" for s in summaries) + "   goal")
    for cat in cats:
        cells = []
        for x in summaries.values():
            row = x["by_category"].get(cat)
            cells.append(_pct(row["leaked"], row["items"]) if row else "-")
        print(f"{cat:<20} " + " ".join(f"{c:>{width}}" for c in cells))
    rows = [
        ("TOTAL items leaked", lambda x: _pct(x["total"]["leaked"], x["total"]["items"]),
         f"<= {100 * GOAL_LEAK:.0f}%", lambda x: x["leak_rate"] <= GOAL_LEAK),
        ("probes leaking", lambda x: _pct(x["total"]["probes_leaking"], x["total"]["probes"]), "", None),
        ("speaker-name leaks", lambda x: str(x["speaker_leaks"]), f"{GOAL_SPEAKER}",
         lambda x: x["speaker_leaks"] <= GOAL_SPEAKER),
        ("must_keep lost", lambda x: _pct(x["total"]["lost"], x["total"]["keeps"]), "", None),
        ("unparsed probes", lambda x: str(len(x["unparsed"])), "0", lambda x: not x["unparsed"]),
    ]
    print("-" * (21 + (width + 1) * len(summaries) + 8))
    for label, cell, goal, ok in rows:
        line = f"{label:<20} " + " ".join(f"{cell(x):>{width}}" for x in summaries.values())
        if goal:
            line += f"   {goal}"
        if ok is not None:
            line += "   " + " ".join(f"{s}:{'OK' if ok(x) else 'MISS'}" for s, x in summaries.items())
        print(line)
    if "dev" in summaries and summaries["dev"]["unparsed"]:
        print(f"unparsed dev probes: {summaries['dev']['unparsed']}")
    for n_ in notes:
        print(f"note: {n_}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="*", type=Path, help="probe files (default: probes.yaml, dev_extra*.yaml and "
                                                        "holdout2..6_probes.yaml when they exist)")
    ap.add_argument("--split", type=split_argument, default="all", metavar="{dev,holdout,all,holdoutN}",
                    help="only this split")
    ap.add_argument("--root", help="import screener from this checkout instead")
    ap.add_argument("--leaks", action="store_true", help="list leaks and losses (dev probes only)")
    ap.add_argument("--json", action="store_true", help="print the summaries per split as JSON")
    args = ap.parse_args(argv)
    missing = [str(f) for f in args.files if not f.exists()]
    if missing:
        print(f"error: no such probe file: {', '.join(missing)}", file=sys.stderr)
        return 2
    use_checkout(args.root)
    started = time.perf_counter()
    results, summaries, notes = evaluate_splits(args.files or None, args.split)
    seconds = time.perf_counter() - started
    if args.json:
        print(json.dumps(summaries, indent=2))
    else:
        print_report(summaries, seconds, notes)
    if args.leaks:
        for r in results:
            if r["split"] not in DEVELOPMENT_SPLITS or not (r["leaked"] or r["lost"] or r["unparsed"]):
                continue
            print(f"- {r['id']} {r['category']}: leaked {r['leaked']} lost {r['lost']}"
                  + (f" UNPARSED {r['unparsed']}" if r["unparsed"] else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
