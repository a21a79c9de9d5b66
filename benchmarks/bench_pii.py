"""Blind grading on the labelled personal-data probes: what reaches the model, by category.

    .venv/bin/python benchmarks/bench_pii.py [--split dev|holdout|all] [--root DIR] [--leaks] [--json]

The set is ``tests/fixtures/pii/probes.yaml`` of this checkout (written blind: each probe has a ``split``, a
``category``, the ``candidate``, ``redact_orgs``, a ``transcript`` of "Name: text" lines, ``must_not_leak``
strings and ``must_keep`` phrases). Each probe is parsed as plain text with its candidate and made ready for a
remote model by ``screener.grading.prepare(..., FakeProvider(), redact_option=True)`` (with organisation
redaction when the probe asks for it and the code under test can do it). What is checked is everything the
model is sent: ``prepared.prompt.system``, ``prepared.prompt.user`` and, decoded, every turn's text and speaker
label of ``prepared.seen``.

- **leak**: a ``must_not_leak`` item found there, case-insensitively, as a whole word (lookarounds, not
  ``\\b``: items may start with ``+`` or ``@`` or end with a combining vowel sign);
- **speaker-name leak**: a leaked item that is a speaker's label or one of its parts (goal 0);
- **over-redaction**: a ``must_keep`` phrase missing from the turn texts the model is sent (case-sensitive);
- **unparsed**: a probe the parser refused; counted on its own line, and as leaking all its items.

Goals: at most 3% of items leaked, no speaker-name leak. ``--root DIR`` imports the ``screener`` package of
another checkout (e.g. ``/work/base``) instead of this one. ``--leaks`` lists what leaked and what was lost,
for dev probes only: the holdout is measured, never looked at.
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
PROBES = HERE / "tests" / "fixtures" / "pii" / "probes.yaml"
GOAL_LEAK = 0.03
GOAL_SPEAKER = 0


def _use_root(root: str | None) -> None:
    if root:
        sys.path.insert(0, str(Path(root).resolve()))


def load_probes(split: str) -> list[dict]:
    probes = yaml.safe_load(PROBES.read_text(encoding="utf-8"))
    return [p for p in probes if split == "all" or p["split"] == split]


def found(item: str, text: str) -> bool:
    """``item`` in ``text``, case-insensitively, as a whole word."""
    return re.search(rf"(?<!\w){re.escape(item)}(?!\w)", text, re.I) is not None


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
    sent = [prepared.prompt.system, prepared.prompt.user, *seen_texts, *(t.speaker for t in prepared.seen.turns)]
    for item in leak_items:
        if any(found(item, s) for s in sent):
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


def evaluate(split: str) -> tuple[list[dict], dict, list[str]]:
    orgs_note: list[str] = []
    results = [run_probe(p, orgs_note) for p in load_probes(split)]
    return results, summarise(results), orgs_note


def _pct(a: int, b: int) -> str:
    return f"{a}/{b} ({100 * a / b:.1f}%)" if b else "-"


def print_report(split: str, summary: dict, seconds: float, notes: list[str]) -> None:
    print(f"PII probes, split={split}: {summary['total']['probes']} probes in {seconds:.2f} s")
    print(f"{'category':<20} {'items leaked':>18} {'probes leaking':>16} {'must_keep lost':>16}")
    for cat, row in summary["by_category"].items():
        print(f"{cat:<20} {_pct(row['leaked'], row['items']):>18} {_pct(row['probes_leaking'], row['probes']):>16}"
              f" {_pct(row['lost'], row['keeps']):>16}")
    t = summary["total"]
    print(f"{'TOTAL':<20} {_pct(t['leaked'], t['items']):>18} {_pct(t['probes_leaking'], t['probes']):>16}"
          f" {_pct(t['lost'], t['keeps']):>16}")
    print(f"unparsed: {len(summary['unparsed'])} probe(s)" + (f" {summary['unparsed']}" if split == "dev" else ""))
    ok_leak = summary["leak_rate"] <= GOAL_LEAK
    ok_speaker = summary["speaker_leaks"] <= GOAL_SPEAKER
    print(f"leak rate {100 * summary['leak_rate']:.1f}% (goal <= {100 * GOAL_LEAK:.0f}%): {'OK' if ok_leak else 'MISS'}")
    print(f"speaker-name leaks {summary['speaker_leaks']} (goal {GOAL_SPEAKER}): {'OK' if ok_speaker else 'MISS'}")
    print(f"over-redaction (must_keep lost) {100 * summary['loss_rate']:.1f}%")
    for n in notes:
        print(f"note: {n}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", choices=["dev", "holdout", "all"], default="dev")
    ap.add_argument("--root", help="import screener from this checkout instead")
    ap.add_argument("--leaks", action="store_true", help="list leaks and losses (dev probes only)")
    ap.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = ap.parse_args(argv)
    _use_root(args.root)
    started = time.perf_counter()
    results, summary, notes = evaluate(args.split)
    seconds = time.perf_counter() - started
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        print_report(args.split, summary, seconds, notes)
    if args.leaks:
        for r in results:
            if r["split"] != "dev" or not (r["leaked"] or r["lost"] or r["unparsed"]):
                continue
            print(f"- {r['id']} {r['category']}: leaked {r['leaked']} lost {r['lost']}"
                  + (f" UNPARSED {r['unparsed']}" if r["unparsed"] else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
