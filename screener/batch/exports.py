"""Exports from a results file a coordinator can use: a CSV summary and a Markdown scorecard per candidate.

Both stream the results file. A Markdown card shows each quote's time (``turn 7, 12:34``) when the input file
still holds the graded bytes and its format has times. The CSV has one row per input: the same transcript graded for two requisitions
is two rows (the batch grades it once and records it per requisition), while a retried input (a failed
attempt, then the graded one) is one row, its last record. Files are created owner-only (0600): they hold
personal data.

Columns: requisition, candidate, file, role, status, recommendation (screener's word), ats_recommendation (the
ATS scorecard word, ``vocab.ATS_RECOMMENDATION``), signal, role_fit, needs_human_review, one score column per
competency, reviewer, decision, decided_at (the person's decision, from ``screener review``), graded_at,
grader, model, prompt_version, cost_usd, red_flags, error, sha256. ``excel=True`` starts the file with a UTF-8
byte order mark so Excel reads names such as Wiśniewski or 王芳 as written.

CSV injection: a spreadsheet runs a cell that starts with ``= + - @`` (or a tab / carriage return, or those
after leading spaces, or their fullwidth forms) as a formula. Every such text cell is prefixed with ``'``;
transcript-derived text (names, red flags, error messages, file names) is attacker-controlled.
"""

from __future__ import annotations

import csv
import os
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

from pydantic import ValidationError

from ..errors import UsageError
from ..render import to_markdown
from ..rubric import load_rubric
from ..scorecard import Scorecard
from ..util.text import markdown_inline
from ..vocab import ATS_RECOMMENDATION  # noqa: F401 - re-exported: the CSV's ATS vocabulary
from .store import iter_records

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
BASE_COLUMNS: tuple[str, ...] = (
    "requisition", "candidate", "file", "role", "status", "recommendation", "ats_recommendation", "signal",
    "role_fit", "needs_human_review",
)
TAIL_COLUMNS: tuple[str, ...] = (
    "reviewer", "decision", "decided_at", "graded_at", "grader", "model", "prompt_version", "cost_usd",
    "red_flags", "error", "sha256",
)


def safe_cell(value: Any) -> Any:
    """``value`` with a leading ``'`` when a spreadsheet would read it as a formula."""
    if isinstance(value, str) and value.lstrip(" ").startswith(_FORMULA_START):
        return "'" + value
    return value


def _open_private(path: Path, newline: str | None = None, encoding: str = "utf-8"):
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    except OSError as e:
        raise UsageError(f"{path}: cannot write ({e.strerror}); choose another path") from None
    return os.fdopen(fd, "w", encoding=encoding, newline=newline)


def competency_ids() -> list[str]:
    return [c.id for c in load_rubric().competencies]


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def csv_row(data: dict[str, Any], competencies: list[str]) -> dict[str, Any]:
    card = _dict(data.get("scorecard"))
    scores = {c.get("id"): c.get("score") for c in _dicts(card.get("competencies"))}
    flags = "; ".join(f"{f.get('kind')}: {f.get('detail')}" + (f" (turn {f['turn']})" if f.get("turn") is not None
                                                                else "")
                      for f in _dicts(card.get("red_flags")))
    rec = card.get("recommendation")
    grader, review = _dict(card.get("grader")), _dict(card.get("review"))
    row: dict[str, Any] = {
        "requisition": data.get("requisition") or "",
        "candidate": data.get("candidate") or card.get("candidate") or "",
        "file": data.get("input", ""),
        "role": data.get("role", ""),
        "status": data.get("status", ""),
        "recommendation": rec or "",
        "ats_recommendation": cast(dict[str, str], ATS_RECOMMENDATION).get(rec or "", ""),
        "signal": card.get("signal", ""),
        "role_fit": card.get("role_fit", ""),
        "needs_human_review": ("yes" if card.get("needs_human_review") else "no") if card else "",
    }
    for cid in competencies:
        score = scores.get(cid)
        row[cid] = "" if score is None else score
    cost = grader.get("cost_usd")
    row.update(
        reviewer=review.get("reviewer") or "", decision=review.get("decision") or "", decided_at=review.get("at") or "",
        graded_at=(data.get("finished_at") or "") if card else "",
        grader=grader.get("provider") or "", model=grader.get("model") or "",
        prompt_version=grader.get("prompt_version") or "",
        cost_usd="" if cost is None else f"{float(cost):.6f}".rstrip("0").rstrip("."),
        red_flags=flags, error=data.get("error") or "", sha256=data.get("sha256") or "",
    )
    return {k: safe_cell(v) for k, v in row.items()}


def _identity(data: dict[str, Any]) -> tuple[str, str, str]:
    """One input: its path, the requisition and the role it was graded for."""
    return str(data.get("input")), str(data.get("requisition") or ""), str(data.get("role") or "")


def latest_records(results: Path) -> Iterator[dict[str, Any]]:
    """Each input's last record, in the order the inputs first appear (two passes; one record in memory)."""
    last: dict[tuple[str, str, str], int] = {}
    for i, data in enumerate(iter_records(results)):
        last[_identity(data)] = i
    keep = set(last.values())
    for i, data in enumerate(iter_records(results)):
        if i in keep:
            yield data


def write_csv(results: Path, out: Path, *, excel: bool = False) -> int:
    """The CSV summary of ``results`` (a BOM first when ``excel``); returns the number of rows."""
    competencies = competency_ids()
    columns = [*BASE_COLUMNS, *competencies, *TAIL_COLUMNS]
    rows = 0
    with _open_private(out, newline="", encoding="utf-8-sig" if excel else "utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writeheader()
        for data in latest_records(results):
            writer.writerow(csv_row(data, competencies))
            rows += 1
    return rows


_KEEP_PUNCT = frozenset("._-")
_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))})
_MAX_STEM_BYTES = 120  # with a 60-byte requisition the name stays below the 255-byte limit of file systems


def safe_stem(name: str, fallback: str = "candidate", max_bytes: int = _MAX_STEM_BYTES) -> str:
    """A file-name stem from any name: letters and digits of every script kept (``Tomasz-Wiśniewski``,
    ``王芳``), everything else (slashes, spaces, controls, bidi marks, quotes) one ``-``; NFC-composed, cut
    to whole characters under ``max_bytes`` bytes; never hidden, empty or a Windows device name."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", str(name)):
        cat = unicodedata.category(ch)
        if cat[0] in "LN" or (cat[0] == "M" and out and out[-1] != "-") or ch in _KEEP_PUNCT:
            out.append(ch)
        elif out and out[-1] != "-":
            out.append("-")
    stem = re.sub(r"-{2,}", "-", "".join(out)).strip("-._")
    while len(stem.encode("utf-8")) > max_bytes:
        stem = stem[:-1]
    stem = stem.rstrip("-._")
    if stem.split(".")[0].lower() in _RESERVED:
        stem = f"{stem}-"
    return stem or fallback


def markdown_name(data: dict[str, Any]) -> str:
    """A safe, stable file name: the candidate (or file stem), the requisition, the content hash and the role."""
    card = _dict(data.get("scorecard"))
    stem = data.get("candidate") or card.get("candidate") or Path(str(data.get("input", "candidate"))).stem
    parts = [safe_stem(str(stem))]
    if data.get("requisition"):
        parts.append(safe_stem(str(data["requisition"]), "req", max_bytes=60))
    parts += [str(data.get("sha256") or "")[:8], safe_stem(str(data.get("role", "")), "")]
    return "-".join(p for p in parts if p) + ".md"


def input_times(data: dict[str, Any]) -> dict[int, float] | None:
    """Turn start times of the record's transcript, read again from its input file when that file still has
    the bytes that were graded (same sha256); None when it is gone, changed or has no times."""
    from ..audit import sha256_hex
    from ..errors import ScreenerError
    from ..parsing import parse_transcript
    from ..parsing.loading import DEFAULT_MAX_BYTES, decode
    from ..render import turn_times

    source, sha = data.get("input"), data.get("sha256")
    if not isinstance(source, str) or not isinstance(sha, str):
        return None
    try:
        path = Path(source)
        if not path.is_file() or path.stat().st_size > DEFAULT_MAX_BYTES:
            return None
        raw = path.read_bytes()
        if sha256_hex(raw) != sha:
            return None
        return turn_times(parse_transcript(decode(raw, source), source=source)) or None
    except (ScreenerError, OSError, ValueError):
        return None


def markdown_for(data: dict[str, Any]) -> str:
    card = Scorecard.model_validate(data["scorecard"])
    if data.get("candidate"):
        card = card.model_copy(update={"candidate": data["candidate"]})
    source = re.sub(r"-(?=-)", "- ", markdown_inline(str(data.get("input"))))  # nothing may close the comment
    head = [f"<!-- source: {source} · sha256 {markdown_inline(str(data.get('sha256')))} -->"]
    if data.get("requisition"):
        head.append(f"Requisition: {markdown_inline(str(data['requisition']))}  ")
    head.append(f"Role: {markdown_inline(str(data.get('role')))}")
    return "\n".join(head) + "\n\n" + to_markdown(card, times=input_times(data))


def graded_records(results: Path) -> Iterator[dict[str, Any]]:
    return (d for d in latest_records(results) if d.get("status") == "graded" and d.get("scorecard"))


def write_markdown(results: Path, folder: Path) -> int:
    """One Markdown scorecard per graded input in ``folder``; returns how many were written."""
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
