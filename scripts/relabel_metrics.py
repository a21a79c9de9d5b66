"""Recompute an eval result document's metrics against today's golden labels, per golden set.

    python scripts/relabel_metrics.py RESULTS.json [RESULTS.json ...]

Results written before the labels were completed (or by an older screener) are scored with today's metrics
and labels, so "before" and "after" are measured the same way. Sets: dev (labels_ai, labels_ml), dev5 (d5_*, a later dev set), dev6 (d6_*, later still),
holdout1 (ho_*), holdout2 (h2_*), holdout3 (h3_*), holdout5 (h5_*; there is no golden holdout4: that set is
claims, injection, PII and interviewer turns only).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from screener.evals.golden_tests import test_case  # noqa: E402
from screener.evals.metrics import compute_metrics  # noqa: E402
from screener.golden import load_golden  # noqa: E402

KEYS = ("signal_accuracy", "recommendation_accuracy", "recommendation_qwk", "role_fit_accuracy",
        "role_fit_accuracy_off_role", "competency_mae", "competency_over_credit", "competency_under_credit",
        "quote_reuse_rate", "grounded_quote_rate")


def set_of(case_id: str) -> str:
    return {"ho": "holdout1", "h2": "holdout2", "h3": "holdout3", "h5": "holdout5", "d5": "dev5",
            "d6": "dev6"}.get(case_id.split("_")[0], "dev")


def main(paths: list[str]) -> int:
    cases = {c.id: c for c in load_golden()}
    for path in paths:
        doc = json.loads(Path(path).read_text())
        rows = doc["results"]["results"] if "results" in doc and isinstance(doc["results"], dict) else doc["rows"]
        print(f"== {path}")
        groups: dict[str, list] = {}
        for r in rows:
            cid = (r.get("testCase") or {}).get("description") or r["vars"].get("id")
            if cid not in cases:
                continue
            r = {**r, "vars": test_case(cases[cid], None)["vars"], "provider": {"id": "x"}}
            r.setdefault("latencyMs", 0)
            for g in ("all", set_of(cid)):
                groups.setdefault(g, []).append(r)
        print(f"{'set':<9} {'n':>3} " + " ".join(f"{k[:14]:>14}" for k in KEYS))
        for g in ("all", "dev", "dev5", "dev6", "holdout1", "holdout2", "holdout3", "holdout5"):
            if g not in groups:
                continue
            m = compute_metrics(groups[g])["x"]["metrics"]
            cells = " ".join(f"{m.get(k):>14.3f}" if isinstance(m.get(k), float | int) else f"{'-':>14}" for k in KEYS)
            print(f"{g:<9} {len(groups[g]):>3} {cells}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
