"""Write a results document as JSON, JSONL (one result per line), CSV, JUnit XML or a self-contained HTML page.

The format follows the file name: ``.json``, ``.jsonl``, ``.csv``, ``.junit.xml`` / ``.xml``, ``.html``.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from ..errors import UsageError
from .compare import Comparison, verdict
from .html_report import render_html
from .metrics import check_reasons, grading_reason, parse_scorecard, row_status
from .rows import ResultRow, result_rows

FORMATS = (".json", ".jsonl", ".csv", ".junit.xml", ".xml", ".html")


def report_format(path: Path) -> str:
    name = path.name.lower()
    for suffix in (".junit.xml", ".jsonl", ".json", ".csv", ".xml", ".html", ".htm"):
        if name.endswith(suffix):
            return {"xml": "junit", "junit.xml": "junit", "htm": "html"}.get(suffix[1:], suffix[1:])
    raise UsageError(f"-o {path}: unknown report format; end the name in {', '.join(FORMATS)}")


def to_jsonl(doc: dict[str, Any]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in doc["results"]["results"])


def to_csv(doc: dict[str, Any]) -> str:
    rows = result_rows(doc)
    var_names = sorted({k for r in rows for k in r.vars})
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["testIdx", "repeatIndex", "description", "provider", "prompt", "status", "score", "signal",
                "recommendation", "role_fit", "reason", "latencyMs", "cost", *[f"var:{v}" for v in var_names]])
    for r in rows:
        card = parse_scorecard(r) or {}
        status = row_status(r)
        reason = r.error or check_reasons(r) or grading_reason(r)
        w.writerow([r.test_idx, r.repeat_index, r.description or "", r.provider.name, r.prompt.label[:120], status,
                    f"{r.score:.4f}", card.get("signal", ""), card.get("recommendation", ""),
                    card.get("role_fit", ""), reason, _num(r.latency_ms), r.cost,
                    *[_cell(r.vars.get(v)) for v in var_names]])
    return buf.getvalue()


def expected_and_graded(row: ResultRow) -> tuple[str, str]:
    """("expected signal / recommendation", "graded signal / recommendation") of a golden row."""
    card = parse_scorecard(row) or {}
    v = row.vars
    expected = " / ".join(str(v[k]) for k in ("expected_signal", "expected_recommendation") if k in v)
    graded = " / ".join(str(card[k]) for k in ("signal", "recommendation") if k in card)
    return expected, graded or "(no scorecard)"


def _num(v: float) -> int | float:
    return int(v) if float(v).is_integer() else v


def _cell(v: Any) -> str:
    if v is None:
        return ""
    return v if isinstance(v, str) else json.dumps(v)


def to_junit(doc: dict[str, Any]) -> str:
    rows = result_rows(doc)
    stats = doc["results"]["stats"]
    name = (doc.get("config") or {}).get("description") or "screener eval"
    suites = ET.Element("testsuites", name=str(name), tests=str(len(rows)), failures=str(stats["failures"]),
                        errors=str(stats["errors"]), time=f"{stats.get('durationMs', 0) / 1000:.3f}")
    by_provider: dict[str, list[ResultRow]] = {}
    for r in rows:
        by_provider.setdefault(r.provider.name, []).append(r)
    for prov, mine in by_provider.items():
        suite = ET.SubElement(suites, "testsuite", name=prov, tests=str(len(mine)),
                              failures=str(sum(1 for r in mine if not r.success and not r.error)),
                              errors=str(sum(1 for r in mine if r.error)))
        for r in mine:
            label = r.description or f"test {r.test_idx}"
            if r.repeat_index:
                label += f" (repeat {r.repeat_index})"
            case = ET.SubElement(suite, "testcase", classname=prov, name=label, time=f"{r.latency_ms / 1000:.3f}")
            status = row_status(r)
            expected, graded = expected_and_graded(r)
            if status == "error":
                ET.SubElement(case, "error", message=str(r.error)[:500]).text = str(r.error)
            elif status == "fail":
                reasons = check_reasons(r) or grading_reason(r, "failed")
                first = reasons.splitlines()[0]
                n = len(reasons.splitlines())
                message = first if n == 1 else f"{first} (and {n - 1} more failing assertion(s))"
                ET.SubElement(case, "failure", message=message[:500]).text = (
                    f"{verdict(r)}\nexpected: {expected}\ngraded: {graded}\nfailing assertions:\n{reasons}")
            elif status == "known_miss":
                reasons = check_reasons(r)
                ET.SubElement(case, "skipped", message=f"known miss: expected {expected}, graded {graded}"[:500]
                              ).text = reasons
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


def write_report(path: Path, doc: dict[str, Any], comparison: Comparison | None = None) -> None:
    kind = report_format(path)
    if kind == "json":
        text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    elif kind == "jsonl":
        text = to_jsonl(doc)
    elif kind == "csv":
        text = to_csv(doc)
    elif kind == "junit":
        text = to_junit(doc)
    else:
        text = render_html(doc, comparison)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as e:
        raise UsageError(f"cannot write {path}: {e.strerror or e}; pick a writable path for -o") from e
