"""Exports from a results file, one record at a time: a CSV summary and a Markdown scorecard per candidate.

Both stream the (compacted) results file, so they hold one record in memory and always match it: after a
``--resume`` they cover the whole batch. Files are created owner-only (0600): they hold personal data.

CSV injection: a spreadsheet runs a cell that starts with ``= + - @`` (or a tab / carriage return) as a
formula. Every text cell that starts with one of those is prefixed with ``'``; transcript-derived text
(names, red flags, error messages, file names) is attacker-controlled.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import UsageError
from ..render import to_markdown
from ..rubric import load_rubric
from ..scorecard import Scorecard
from ..util.text import markdown_inline
from ..vocab import ATS_RECOMMENDATION  # noqa: E402,F401 - re-exported: the CSV's ATS vocabulary
from .store import iter_records

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BASE_COLUMNS: tuple[str, ...] = (
    "candidate", "file", "requisition", "role", "status", "recommendation", "ats_recommendation", "signal",
    "role_fit", "needs_human_review",
)
TAIL_COLUMNS: tuple[str, ...] = ("red_flags", "error", "sha256")


def safe_cell(value: Any) -> Any:
    """``value`` with a leading ``'`` when a spreadsheet would read it as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _open_private(path: Path, newline: str | None = None):
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    except OSError as e:
        raise UsageError(f"{path}: cannot write ({e.strerror}); choose another path") from None
    return os.fdopen(fd, "w", encoding="utf-8", newline=newline)


def competency_ids() -> list[str]:
    return [c.id for c in load_rubric().competencies]


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def csv_row(data: dict[str, Any], competencies: list[str]) -> dict[str, Any]:
    card = data.get("scorecard") if isinstance(data.get("scorecard"), dict) else {}
    scores = {c.get("id"): c.get("score") for c in _dicts(card.get("competencies"))}
    flags = "; ".join(f"{f.get('kind')}: {f.get('detail')}" for f in _dicts(card.get("red_flags")))
    rec = card.get("recommendation")
    row: dict[str, Any] = {
        "candidate": data.get("candidate") or card.get("candidate") or "",
        "file": data.get("input", ""),
        "requisition": data.get("requisition") or "",
        "role": data.get("role", ""),
        "status": data.get("status", ""),
        "recommendation": rec or "",
        "ats_recommendation": ATS_RECOMMENDATION.get(rec or "", ""),
        "signal": card.get("signal", ""),
        "role_fit": card.get("role_fit", ""),
        "needs_human_review": ("yes" if card.get("needs_human_review") else "no") if card else "",
    }
    for cid in competencies:
        score = scores.get(cid)
        row[cid] = "" if score is None else score
    row.update(red_flags=flags, error=data.get("error") or "", sha256=data.get("sha256") or "")
    return {k: safe_cell(v) for k, v in row.items()}


def write_csv(results: Path, out: Path) -> int:
    """The CSV summary of ``results``; returns the number of rows."""
    competencies = competency_ids()
    columns = [*BASE_COLUMNS, *competencies, *TAIL_COLUMNS]
    rows = 0
    with _open_private(out, newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writeheader()
        for data in iter_records(results):
            writer.writerow(csv_row(data, competencies))
            rows += 1
    return rows


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def markdown_name(data: dict[str, Any]) -> str:
    """A safe, stable file name: the candidate (or file stem), the content hash prefix and the role."""
    card = data.get("scorecard") or {}
    stem = data.get("candidate") or card.get("candidate") or Path(str(data.get("input", "candidate"))).stem
    slug = _UNSAFE.sub("-", str(stem)).strip("-.")[:60] or "candidate"
    return f"{slug}-{str(data.get('sha256') or '')[:8]}-{data.get('role', '')}.md"


def markdown_for(data: dict[str, Any]) -> str:
    card = Scorecard.model_validate(data["scorecard"])
    if data.get("candidate"):
        card = card.model_copy(update={"candidate": data["candidate"]})
    source = re.sub(r"-(?=-)", "- ", markdown_inline(str(data.get("input"))))  # nothing may close the comment
    head = [f"<!-- source: {source} · sha256 {markdown_inline(str(data.get('sha256')))} -->"]
    if data.get("requisition"):
        head.append(f"Requisition: {markdown_inline(str(data['requisition']))}  ")
    head.append(f"Role: {markdown_inline(str(data.get('role')))}")
    return "\n".join(head) + "\n\n" + to_markdown(card)


def graded_records(results: Path) -> Iterator[dict[str, Any]]:
    return (d for d in iter_records(results) if d.get("status") == "graded" and d.get("scorecard"))


def write_markdown(results: Path, folder: Path) -> int:
    """One Markdown scorecard per graded record in ``folder``; returns how many were written."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise UsageError(f"{folder}: cannot create the Markdown folder ({e.strerror}); choose another --md-dir") from None
    count = 0
    for data in graded_records(results):
        try:
            text = markdown_for(data)
        except ValidationError:  # a hand-edited record that is no scorecard: the CSV still lists it
            continue
        with _open_private(folder / markdown_name(data)) as f:
            f.write(text)
        count += 1
    return count
