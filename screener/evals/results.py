"""The results document: promptfoo's v3 output shape, with screener's metrics under a top-level ``screener`` key."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .. import __version__
from ..errors import InputError
from ..util.errors import validation_message
from ..util.secrets import scrub_data
from .loading import Suite
from .metrics import compute_metrics
from .rows import ResultRow, result_rows
from .runner import RunOutcome


def _tokens(rows: list[ResultRow]) -> dict[str, int]:
    keys = ("prompt", "completion", "cached", "total", "numRequests")
    return {k: sum(int(r.token_usage.get(k, 0)) for r in rows) for k in keys}


def _prompts(suite: Suite, rows: list[ResultRow]) -> list[dict[str, Any]]:
    out = []
    for pi, p in enumerate(suite.prompts):
        for prov in suite.providers:
            mine = [r for r in rows if r.prompt_idx == pi and r.provider.id == prov.id]
            out.append({
                "raw": p.raw, "label": p.label, "provider": prov.label or prov.id,
                "metrics": {
                    "score": sum(r.score for r in mine),
                    "testPassCount": sum(1 for r in mine if r.success),
                    "testFailCount": sum(1 for r in mine if not r.success and not r.error),
                    "testErrorCount": sum(1 for r in mine if r.error),
                    "totalLatencyMs": sum(int(r.latency_ms) for r in mine),
                    "tokenUsage": _tokens(mine),
                    "cost": sum(r.cost for r in mine),
                },
            })
    return out


def build_document(suite: Suite, outcome: RunOutcome, gate_failures: list[str] | None = None) -> dict[str, Any]:
    rows = outcome.rows
    now = dt.datetime.now(dt.UTC)
    stats = {
        "successes": sum(1 for r in rows if r.success),
        "failures": sum(1 for r in rows if not r.success and not r.error),
        "errors": sum(1 for r in rows if r.error),
        "tokenUsage": _tokens(rows),
        "durationMs": round(outcome.seconds * 1000),
    }
    return {
        "evalId": f"eval-{uuid.uuid4().hex[:8]}-{now.strftime('%Y-%m-%dT%H:%M:%S')}",
        "results": {
            "version": 3,
            "timestamp": now.isoformat().replace("+00:00", "Z"),
            "prompts": _prompts(suite, rows),
            "results": [r.to_json() for r in rows],
            "stats": stats,
        },
        "config": scrub_data(suite.raw),  # never write API keys into results: masked, so a reader sees one was set
        "shareableUrl": None,
        "metadata": {"screenerVersion": __version__, "configPath": str(suite.path)},
        "screener": {
            "metrics": compute_metrics(rows),
            "cache": {"hits": outcome.cache_hits, "providerCalls": outcome.provider_calls},
            "gate": {"failures": gate_failures or []},
            "warnings": outcome.warnings,
        },
    }


def load_document(path: str | Path) -> dict[str, Any]:
    """A results JSON written by ``screener eval -o x.json`` (or by promptfoo: metrics are then recomputed)."""
    path = Path(path)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise InputError(f"{path}: file not found; give a results JSON from screener eval -o FILE.json") from e
    except (OSError, json.JSONDecodeError) as e:
        raise InputError(f"{path}: not a results JSON ({e}); give the output of screener eval -o FILE.json") from e
    results = doc.get("results") if isinstance(doc, dict) else None
    if not isinstance(results, dict) or not isinstance(results.get("results"), list):
        raise InputError(f"{path}: not a results JSON (no results.results list); use screener eval -o FILE.json")
    try:
        rows = result_rows(doc)
    except ValidationError as e:
        raise InputError(f"{path}: not a results JSON ({validation_message(e, within=('results', 'results'))}); "
                         f"use screener eval -o FILE.json") from e
    if "screener" not in doc:  # promptfoo's own output: compute screener's metrics from its rows
        doc["screener"] = {"metrics": compute_metrics(rows)}
    return doc
