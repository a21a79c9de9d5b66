"""Quantified claims read right: precision and recall per field on labelled claims files, through the grader.

    .venv/bin/python benchmarks/bench_claims.py [FILE ...] [--split dev|holdout|all] [--root DIR] [--show-misses]
                                                [--quantities own|quantulum3]

``FILE``: label files (default golden/claims.yaml, golden/claims_dev_extra.yaml and golden/claims_dev_extra2.yaml), each
reported per split
("claims.yaml:dev", "claims.yaml:holdout", "claims_dev_extra.yaml:dev"). A blind file, one whose name contains
``holdout2``, ``holdout3``, ``holdout4`` or ``holdout5`` (e.g. golden/claims_holdout5.yaml), is measured only when
named on the command line, and only its aggregates are printed: its items' contents never are, not even with ``--show-misses``.

Each labelled item becomes a two-turn transcript (its ``interviewer`` line, or a neutral question, then the
candidate's ``sentence``) graded by ``screener.offline.grader.grade_offline`` for the hybrid rubric, exactly as a
user's interview is. The scorecard's ``quantified_claims`` are read back, their units normalised to the label
vocabulary (seconds -> ms, cents -> USD, "percent" -> "%", ...), and matched one to one to the labelled claims
by value. ``--root DIR`` imports ``screener`` from another checkout (e.g. the code before a change).

Reported: claims precision/recall/F1 (a predicted claim is right when one of its values is a labelled claim's
value); per field (metric: shares a content word with the label; before, after, change, unit, plausible)
precision over predicted claims and recall over labelled claims; "exact" claims (every field right);
claims produced from sentences labelled as measuring nothing; and, for interviewer/candidate exchanges,
whether the candidate's own numbers are kept, agreed-to interviewer numbers are not credited, and the
interviewer_supplied_numbers red flag is raised exactly when the label says the interviewer supplied them.

``--quantities quantulum3`` swaps the number reader (``screener.offline.quantities.scan``) for an adapter over
quantulum3 (``pip install quantulum3``), keeping the claim assembly, so the two readers are compared on equal terms.

Labels are written blind, without looking at the extractor's output. The ``holdout`` split of golden/claims.yaml
was measured and reported blind (claims F1 0.891, 2 claims from non-measurement sentences, at c4ef26b) and has since
been released for development by the lead: ``--show-misses`` prints its misses as it does dev's. Blind files
(holdout2 to holdout5 in the name) are for the figure only: never tune on them.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # the benchmarks' shared helpers (_checkout)
from _checkout import use_checkout  # noqa: E402

from screener.evals.splits import blind_split_of  # noqa: E402

GOLDEN = ROOT / "golden" / "claims.yaml"
DEFAULT_FILES = (GOLDEN, ROOT / "golden" / "claims_dev_extra.yaml", ROOT / "golden" / "claims_dev_extra2.yaml")
NEUTRAL_QUESTION = "Tell me about that project."
GOALS = {"claims_f1": 0.9, "none_claims": 0}
FIELDS = ("metric", "before", "after", "change", "unit", "plausible")

# predicted unit -> (label unit, factor applied to the values)
_UNITS: dict[str, tuple[str | None, float]] = {}
for _names, _target in (
    (("%", "percent", "percentage", "pct"), ("%", 1.0)),
    (("pp", "point", "points", "percentage point", "percentage points", "pts"), ("pp", 1.0)),
    (("ms", "msec", "millisecond", "milliseconds"), ("ms", 1.0)),
    (("s", "sec", "secs", "second", "seconds"), ("ms", 1000.0)),
    (("min", "mins", "minute", "minutes"), ("ms", 60_000.0)),
    (("h", "hr", "hrs", "hour", "hours"), ("ms", 3_600_000.0)),
    (("day", "days"), ("ms", 86_400_000.0)),
    (("$", "usd", "dollar", "dollars", "bucks", "us$"), ("USD", 1.0)),
    (("cent", "cents", "¢"), ("USD", 0.01)),
    (("x", "×", "times", "fold"), ("x", 1.0)),
    (("/s", "per second", "rps", "qps", "requests per second", "req/s", "/sec"), ("/s", 1.0)),
    (("/min", "per minute", "rpm"), ("/min", 1.0)),
    (("/h", "/hr", "per hour"), ("/h", 1.0)),
    (("/day", "per day", "a day", "daily"), ("/day", 1.0)),
    (("/week", "per week", "a week", "weekly"), ("/week", 1.0)),
    (("/month", "per month", "a month", "monthly"), ("/month", 1.0)),
    (("count", "cases", "items"), ("count", 1.0)),
    (("k",), (None, 1000.0)),
):
    for _n in _names:
        _UNITS[_n] = _target

_STOP = frozenset("""a an the of on in at to for from by with and or per our my its it is was were be rate score
number overall average avg total value metric unspecified vs after before""".split())
_WORDS = re.compile(r"[a-z][a-z0-9]*|\d+[a-z]+[a-z0-9]*", re.I)


def normalise_unit(unit: str | None) -> tuple[str | None, float]:
    """A predicted unit in the label vocabulary, and the factor its values are multiplied by."""
    if unit is None:
        return None, 1.0
    key = " ".join(unit.strip().lower().split())
    if key in _UNITS:
        return _UNITS[key]
    if key in ("usd", "ms", "%", "pp", "x", "count") or key.startswith("/"):
        return key if key != "usd" else "USD", 1.0
    return key, 1.0


def content_words(text: str | None) -> set[str]:
    words = {w.lower() for w in _WORDS.findall(text or "")}
    return {w.rstrip("s") if len(w) > 3 else w for w in words} - _STOP


@dataclass
class Pred:
    metric: str | None
    before: float | None
    after: float | None
    change: float | None
    unit: str | None
    plausible: bool


@dataclass
class ItemResult:
    id: str
    split: str
    kind: str
    labels: list[dict]
    preds: list[Pred]
    pairs: list[tuple[int, int]]  # (label index, pred index)
    flagged: bool
    supplied: bool

    @property
    def claims_right(self) -> bool:
        return len(self.pairs) == len(self.labels) == len(self.preds)


@dataclass
class Tally:
    hits: int = 0
    predicted: int = 0
    labelled: int = 0

    @property
    def precision(self) -> float:
        return self.hits / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.hits / self.labelled if self.labelled else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    split: str
    items: int = 0
    claims: Tally = field(default_factory=Tally)
    exact: Tally = field(default_factory=Tally)
    fields: dict[str, Tally] = field(default_factory=lambda: {f: Tally() for f in FIELDS})
    none_items: int = 0
    none_claims: int = 0
    none_items_with_claims: int = 0
    exchange_items: int = 0
    exchange_claims_right: int = 0
    exchange_flag_right: int = 0
    exchange_both_right: int = 0
    supplied_credited: int = 0  # claims credited to the candidate on items whose numbers the interviewer supplied
    results: list[ItemResult] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"split": self.split, "items": self.items,
                               "claims_precision": self.claims.precision, "claims_recall": self.claims.recall,
                               "claims_f1": self.claims.f1, "exact_f1": self.exact.f1,
                               "none_claims": self.none_claims, "none_items": self.none_items,
                               "exchange_items": self.exchange_items,
                               "exchange_accuracy": self.exchange_both_right / max(self.exchange_items, 1),
                               "exchange_claims_accuracy": self.exchange_claims_right / max(self.exchange_items, 1),
                               "exchange_flag_accuracy": self.exchange_flag_right / max(self.exchange_items, 1)}
        for name, t in self.fields.items():
            out[f"{name}_precision"], out[f"{name}_recall"] = t.precision, t.recall
        return out


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=0.02, abs_tol=0.011)


def _values(x: Pred | dict) -> list[float]:
    get = (lambda k: getattr(x, k)) if isinstance(x, Pred) else x.get
    return [abs(float(v)) for v in (get("before"), get("after"), get("change")) if v is not None]


def _field_right(name: str, label: dict, pred: Pred) -> bool:
    if name == "metric":
        return bool(content_words(label.get("metric")) & content_words(pred.metric))
    if name in ("before", "after", "change"):
        return _close(label.get(name), getattr(pred, name))
    if name == "unit":
        return label.get("unit") == pred.unit
    return bool(label.get("plausible", True)) == pred.plausible


def match(labels: list[dict], preds: list[Pred]) -> list[tuple[int, int]]:
    """One-to-one pairs (label, prediction) sharing a value, best overlaps first."""
    scored = []
    for li, lab in enumerate(labels):
        lv = _values(lab)
        for pi, pred in enumerate(preds):
            shared = sum(1 for v in _values(pred) if any(_close(v, w) for w in lv))
            if shared:
                fields = sum(_field_right(f, lab, pred) for f in FIELDS)
                scored.append((shared, fields, -li, -pi, li, pi))
    pairs, used_l, used_p = [], set(), set()
    for *_, li, pi in sorted(scored, reverse=True):
        if li not in used_l and pi not in used_p:
            pairs.append((li, pi))
            used_l.add(li)
            used_p.add(pi)
    return sorted(pairs)


def is_blind(path: Path | str) -> bool:
    """A blind label file (named for a blind split, ``screener.evals.splits``): measured only when named,
    aggregates only."""
    return blind_split_of(Path(path)) is not None


def load_items(split: str, path: Path | str = GOLDEN) -> list[dict]:
    import yaml

    items = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []
    return [it for it in items if split == "all" or it["split"] == split]


def grade_item(item: dict) -> tuple[list[Pred], bool]:
    """The scorecard claims for one item (units normalised) and whether interviewer-supplied numbers were flagged."""
    from screener.offline.grader import grade_offline
    from screener.rubric import load_rubric
    from screener.transcript import Transcript, Turn

    question = item.get("interviewer") or NEUTRAL_QUESTION
    transcript = Transcript(format="text", turns=[
        Turn(index=0, speaker="Dana Levi", role="interviewer", text=question),
        Turn(index=1, speaker="Sam Okafor", role="candidate", text=item["sentence"]),
    ])
    out = grade_offline(transcript, load_rubric().for_role("hybrid"), "hybrid")
    preds = []
    for qc in out.quantified_claims:
        unit, factor = normalise_unit(qc.unit)
        def scale(v: Any, f: float = factor) -> float | None:
            return None if v is None else float(v) * f
        change = getattr(qc, "change", None)
        preds.append(Pred(metric=qc.metric, before=scale(qc.before), after=scale(qc.after),
                          change=None if change is None else float(change), unit=unit, plausible=qc.plausible))
    flagged = any(f.kind == "interviewer_supplied_numbers" for f in out.red_flags)
    return preds, flagged


_Q3_UNITS = {  # quantulum3 unit name -> (label unit, factor); its "second of arc" is how it reads "seconds"
    "percentage": ("%", 1.0), "millisecond": ("ms", 1.0), "second": ("ms", 1000.0), "second of arc": ("ms", 1000.0),
    "minute": ("ms", 60_000.0), "minute of arc": ("ms", 60_000.0), "hour": ("ms", 3_600_000.0),
    "day": ("ms", 86_400_000.0), "week": ("ms", 604_800_000.0), "dollar": ("USD", 1.0), "cent": ("USD", 0.01),
    "euro": ("EUR", 1.0), "pound sterling": ("GBP", 1.0),
}


def use_quantulum3() -> None:
    """Read numbers with quantulum3 instead of screener's own reader (the claim assembly stays the same)."""
    import warnings

    warnings.filterwarnings("ignore", message="Classifier dependencies not installed")
    from quantulum3 import parser  # type: ignore[import-not-found]

    from screener.offline import contradictions, numbers, quantities

    def scan(text: str) -> Any:
        toks = quantities.tokenize(text)
        sc = quantities.Scan(text, toks)
        for q in parser.parse(text):
            start, end = q.span
            ids = [i for i, t in enumerate(toks) if t.end > start and t.start < end]
            if not ids or any(i in sc.owner for i in ids):
                continue
            first, last = ids[0], ids[-1] + 1
            name = q.unit.name
            unit, factor = _Q3_UNITS.get(name, (None, 1.0))
            per = None
            if " per " in name:
                per = {"second": "/s", "minute": "/min", "hour": "/h", "day": "/day"}.get(name.rsplit(" ", 1)[-1])
            if q.unit.entity.name == "time" and q.value == 1 and q.surface.lower().startswith(("a ", "an ")):
                per, unit, factor = {"month": "/month", "day": "/day", "week": "/week", "minute": "/min",
                                     "second": "/s", "hour": "/h"}.get(name), None, 1.0  # "a month": a period
                if per is None:
                    continue
            nxt = toks[last] if last < len(toks) else None
            noun = nxt.low if nxt is not None and nxt.kind == "word" else None
            value = float(q.value)
            qty = quantities.Quantity(said=value, value=value * factor, unit=unit, factor=factor, first=first,
                                      last=last, start=toks[first].start, end=toks[last - 1].end, per=per,
                                      noun=noun)
            for i in range(first, last):
                sc.owner[i] = len(sc.quantities)
            sc.quantities.append(qty)
        return sc

    quantities.scan = numbers.scan = contradictions.scan = scan  # type: ignore[assignment]


def measure(split: str = "dev", root: str | None = None, reader: str = "own", path: Path | str = GOLDEN,
            name: str | None = None) -> Report:
    """The report for the items of ``split`` ("all": every item) in the label file ``path``."""
    use_checkout(root)
    if reader == "quantulum3":
        use_quantulum3()
    report = Report(name or split)
    for item in load_items(split, path):
        labels = item.get("claims") or []
        preds, flagged = grade_item(item)
        pairs = match(labels, preds)
        supplied = bool(item.get("interviewer_supplied"))
        res = ItemResult(item["id"], item["split"], item["kind"], labels, preds, pairs, flagged, supplied)
        report.results.append(res)
        report.items += 1
        report.claims.hits += len(pairs)
        report.claims.predicted += len(preds)
        report.claims.labelled += len(labels)
        report.exact.predicted += len(preds)
        report.exact.labelled += len(labels)
        report.exact.hits += sum(all(_field_right(f, labels[li], preds[pi]) for f in FIELDS) for li, pi in pairs)
        for name, t in report.fields.items():
            categorical = name in ("unit", "plausible")
            t.predicted += sum(1 for p in preds if categorical or _present(name, p))
            t.labelled += sum(1 for lab in labels if categorical or lab.get(name) is not None)
            t.hits += sum(1 for li, pi in pairs
                          if (categorical or labels[li].get(name) is not None)
                          and _field_right(name, labels[li], preds[pi]))
        if item["kind"] == "none":
            report.none_items += 1
            report.none_claims += len(preds)
            report.none_items_with_claims += bool(preds)
        if item["kind"] == "exchange":
            report.exchange_items += 1
            claims_ok = res.claims_right
            flag_ok = flagged == supplied
            report.exchange_claims_right += claims_ok
            report.exchange_flag_right += flag_ok
            report.exchange_both_right += claims_ok and flag_ok
            if supplied:
                report.supplied_credited += len(preds) - len(pairs)
    return report


def _present(name: str, p: Pred) -> bool:
    if name == "metric":
        return bool(content_words(p.metric))
    return getattr(p, name) is not None


def render(report: Report) -> str:
    d = report.as_dict()
    lines = [f"claims benchmark, {report.split}: {report.items} items, {report.claims.labelled} labelled "
             f"claims, {report.claims.predicted} predicted",
             f"  {'':22} {'precision':>9} {'recall':>7} {'F1':>6}   goal",
             f"  {'claims':22} {report.claims.precision:9.3f} {report.claims.recall:7.3f} {report.claims.f1:6.3f}"
             f"   F1 >= {GOALS['claims_f1']}",
             f"  {'claims, every field':22} {report.exact.precision:9.3f} {report.exact.recall:7.3f} "
             f"{report.exact.f1:6.3f}"]
    for name, t in report.fields.items():
        lines.append(f"  {'  ' + name:22} {t.precision:9.3f} {t.recall:7.3f} {t.f1:6.3f}")
    lines.append(f"  claims from non-measurement sentences: {report.none_claims} "
                 f"(in {report.none_items_with_claims} of {report.none_items} items)   goal {GOALS['none_claims']}")
    lines.append(f"  exchanges ({report.exchange_items}): claims right {d['exchange_claims_accuracy']:.3f}, "
                 f"interviewer-supplied flag right {d['exchange_flag_accuracy']:.3f}, both "
                 f"{d['exchange_accuracy']:.3f}; claims credited beyond the labels where the interviewer "
                 f"supplied the numbers: {report.supplied_credited}   goal 1.0 / 0")
    return "\n".join(lines)


def show_misses(report: Report) -> str:
    """What was predicted beside what was labelled, for items not read right (never call it on a blind file)."""
    out = []
    for r in report.results:
        wrong_fields = [f for li, pi in r.pairs for f in FIELDS if not _field_right(f, r.labels[li], r.preds[pi])]
        flag_wrong = r.kind == "exchange" and r.flagged != r.supplied
        if r.claims_right and not wrong_fields and not flag_wrong:
            continue
        out.append(f"{r.id} [{r.kind}] fields wrong: {sorted(set(wrong_fields))}"
                   + (f" flag={r.flagged} supplied={r.supplied}" if flag_wrong else ""))
        for lab in r.labels:
            out.append(f"   label {lab}")
        for p in r.preds:
            out.append(f"   pred  {p}")
    return "\n".join(out)


def groups(files: list[Path], split: str) -> list[tuple[Path, str, bool]]:
    """(file, split, blind) for every split present in each file, in file order then dev, holdout, others."""
    out = []
    for path in files:
        present = {it["split"] for it in load_items("all", path)}
        wanted = sorted(present, key=lambda s: (s != "dev", s != "holdout", s)) if split == "all" else \
            [split] if split in present else []
        out.extend((path, s, is_blind(path)) for s in wanted)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path,
                        help="label files (default: golden/claims.yaml golden/claims_dev_extra.yaml "
                        "golden/claims_dev_extra2.yaml)")
    parser.add_argument("--split", choices=("dev", "holdout", "all"), default="all",
                        help="the split measured in each file (default: every split, each reported on its own)")
    parser.add_argument("--root", help="import screener from this checkout instead")
    parser.add_argument("--show-misses", action="store_true",
                        help="print items read wrong (never those of a blind holdout2-holdout5 file)")
    parser.add_argument("--quantities", choices=("own", "quantulum3"), default="own",
                        help="the number reader: screener's own, or quantulum3 under the same claim assembly")
    args = parser.parse_args()
    files = args.files or [p for p in DEFAULT_FILES if p.exists()]
    use_checkout(args.root)
    import screener

    print(f"(screener from {Path(screener.__file__).resolve().parent.parent})")
    for path, split, blind in groups(files, args.split):
        report = measure(split, None, args.quantities, path, name=f"{path.name}:{split}" + (" (blind)" if blind
                                                                                              else ""))
        print(render(report))
        if args.show_misses and not blind:
            print(show_misses(report))


if __name__ == "__main__":
    main()
