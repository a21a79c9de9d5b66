"""Scorecard views: a readable terminal view, Markdown for an ATS note, JSON.

Transcript text reaches every view (the candidate's name, quotes, and whatever the grader wrote about them),
so each view makes it safe for where it goes: the text view strips terminal control characters (an ANSI
escape in a transcript must not repaint the reviewer's terminal), the Markdown view escapes HTML and keeps
each value on its line (an ATS renders raw HTML, and a newline in a quote must not start a heading), and the
JSON view escapes C1 and bidi controls as ``\\u`` sequences (the same JSON value, safe to print).

Every quote names where it was said: ``turn 7``, and ``turn 7, 12:34`` when the turn has a start time. The
times come from the evidence itself when it carries a ``start``, else from ``times`` (turn index -> seconds,
``turn_times(transcript)``), so a view rendered next to its transcript shows them.
"""

from __future__ import annotations

import math
import re
import textwrap
from collections.abc import Mapping
from json.encoder import encode_basestring as _json_string  # json.dumps's, with ensure_ascii=False

from .scorecard import Scorecard
from .util.text import markdown_inline, strip_controls
from .vocab import RECOMMENDATION_LABELS, ROLE_FIT_LABELS, SIGNAL_LABELS

_REC = {k: v.upper() for k, v in RECOMMENDATION_LABELS.items()}
_SIGNAL = SIGNAL_LABELS
TurnTimes = Mapping[int, float]


def _score(score: int | None) -> str:
    return f"{score}/4" if score is not None else "not assessed"


def format_time(seconds: float) -> str | None:
    """``12:34``, or ``1:02:03`` from an hour (``screener.transcript.format_timestamp``); None for a time no
    recording has (negative, NaN)."""
    if not math.isfinite(seconds) or seconds < 0:
        return None
    try:
        from .transcript import format_timestamp
    except ImportError:  # an older transcript module: the same format, here
        hours, rest = divmod(int(seconds), 3600)
        minutes, secs = divmod(rest, 60)
        return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"
    return str(format_timestamp(seconds))


def turn_times(transcript: object) -> dict[int, float]:
    """Turn index -> start seconds for every timed turn of a ``Transcript``."""
    turns = getattr(transcript, "turns", None) or []
    return {t.index: t.start for t in turns if getattr(t, "start", None) is not None}


def place(turn: int | None, times: TurnTimes | None = None, start: float | None = None) -> str:
    """Where a quote was said: ``turn 7`` or ``turn 7, 12:34``; empty when the turn is unknown."""
    if turn is None:
        return ""
    when = start if start is not None else (times or {}).get(turn)
    shown = format_time(when) if when is not None else None
    return f"turn {turn}, {shown}" if shown else f"turn {turn}"


def evidence_place(ev: object, times: TurnTimes | None = None) -> str:
    return place(getattr(ev, "turn", None), times, getattr(ev, "start", None))


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def to_json(card: Scorecard) -> str:
    text = indented_json(card.model_dump(mode="json"))  # C0 controls are escaped
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def indented_json(obj: object) -> str:
    """``json.dumps(obj, indent=2, ensure_ascii=False)``, character for character, in half the time: with an
    indent, ``json`` writes through its pure-Python encoder, one generator per level."""
    out: list[str] = []
    _write_json(obj, out, "")
    return "".join(out)


_INF = float("inf")


def _json_float(o: float) -> str:
    if o != o:
        return "NaN"
    if o == _INF:
        return "Infinity"
    if o == -_INF:
        return "-Infinity"
    return float.__repr__(o)


def _json_key(key: object) -> str:
    if isinstance(key, str):
        return key
    if isinstance(key, float):
        return _json_float(key)
    if key is True:
        return "true"
    if key is False:
        return "false"
    if key is None:
        return "null"
    if isinstance(key, int):
        return int.__repr__(key)
    raise TypeError(f"keys must be str, int, float, bool or None, not {key.__class__.__name__}")


def _write_json(o: object, out: list[str], indent: str) -> None:
    # the checks in json.encoder's order: str, None, True, False, int, float, list/tuple, dict
    if isinstance(o, str):
        out.append(_json_string(o))
    elif o is None:
        out.append("null")
    elif o is True:
        out.append("true")
    elif o is False:
        out.append("false")
    elif isinstance(o, int):
        out.append(int.__repr__(o))
    elif isinstance(o, float):
        out.append(_json_float(o))
    elif isinstance(o, list | tuple):
        if not o:
            out.append("[]")
            return
        inner = indent + "  "
        sep = ",\n" + inner
        out.append("[\n" + inner)
        for i, v in enumerate(o):
            if i:
                out.append(sep)
            _write_json(v, out, inner)
        out.append("\n" + indent + "]")
    elif isinstance(o, dict):
        if not o:
            out.append("{}")
            return
        inner = indent + "  "
        sep = ",\n" + inner
        out.append("{\n" + inner)
        for i, (k, v) in enumerate(o.items()):
            if i:
                out.append(sep)
            out.append(_json_string(_json_key(k)) + ": ")
            _write_json(v, out, inner)
        out.append("\n" + indent + "}")
    else:
        raise TypeError(f"Object of type {o.__class__.__name__} is not JSON serializable")


def grader_line(card: Scorecard) -> str:
    g = card.grader
    parts = [f"grader: {g.provider}", f"model {g.model}", f"prompt {g.prompt_version}", f"{g.seconds:.2f}s"]
    if g.input_tokens or g.output_tokens:
        parts.append(f"{g.input_tokens}+{g.output_tokens} tokens")
    if g.cost_usd:
        parts.append(f"${g.cost_usd:.4f}")
    if g.samples > 1:
        parts.append(f"{g.samples} samples")
    if g.redacted:
        parts.append("names redacted before grading")
    return " · ".join(parts)


_grader_line = grader_line  # the earlier private name


def _claim_value(q: object) -> str:
    before, after, change = getattr(q, "before", None), getattr(q, "after", None), getattr(q, "change", None)
    if before is not None and after is not None:
        return f"{before:g} -> {after:g}"
    if after is not None:
        return f"{after:g}"
    if change is not None:
        return f"{change:+g}%"
    return "?"


def _review_line(card: Scorecard) -> str:
    r = card.review
    if r is None:
        return "Decision: none recorded (a person decides with `screener review`)"
    note = f" - {r.note}" if r.note else ""
    return f"Decision: {r.decision} by {r.reviewer} ({r.at}){note}"


def to_text(card: Scorecard, width: int = 100, times: TurnTimes | None = None) -> str:
    wrap = textwrap.TextWrapper(width=width, initial_indent="    ", subsequent_indent="    ")
    lines = [
        f"Candidate: {card.candidate or 'unknown'}",
        f"Recommendation: {_REC[card.recommendation]}   Signal: {_SIGNAL[card.signal]}   Role fit: {card.role_fit}",
        f"Status: {card.status} (a recommendation for a human reviewer, not a decision)",
    ]
    if card.review is not None:
        lines.append(_review_line(card))
    if card.needs_human_review:
        lines.append("NEEDS HUMAN REVIEW: " + "; ".join(card.review_reasons))
    lines += ["", "Summary:", *wrap.wrap(card.summary), "", "Competencies:"]
    for c in card.competencies:
        lines.append(f"  {_score(c.score):>12}  {c.name} ({c.id})")
        lines += wrap.wrap(c.rationale)
        for ev in c.evidence:
            lines += textwrap.wrap(f'"{ev.quote}" ({evidence_place(ev, times)})', width=width,
                                   initial_indent="      > ", subsequent_indent="        ")
    if card.quantified_claims:
        lines += ["", "Quantified claims:"]
        for q in card.quantified_claims:
            mark = "" if q.plausible else "  [IMPLAUSIBLE]"
            lines.append(f"  {place(q.turn, times)}: {q.metric}: {_claim_value(q)} {q.unit or ''}".rstrip() + mark)
            lines += textwrap.wrap(f'"{q.quote}"', width=width, initial_indent="      > ", subsequent_indent="        ")
    if card.red_flags:
        lines += ["", "Red flags:"]
        lines += [f"  - {f.kind}: {f.detail}" + (f" ({place(f.turn, times)})" if f.turn is not None else "")
                  for f in card.red_flags]
    if card.follow_ups:
        lines += ["", "Ask next round:"]
        lines += [f"  - {q}" for q in card.follow_ups]
    if card.ungrounded_quotes:
        lines += ["", f"{card.ungrounded_quotes} quote(s) from the grader were not in the candidate's words and were dropped."]
    lines += ["", grader_line(card)]
    return strip_controls("\n".join(lines)) + "\n"


def to_markdown(card: Scorecard, times: TurnTimes | None = None) -> str:
    """The card as Markdown: every section under its own heading, HTML escaped, one value per line."""
    md = markdown_inline

    def cell(text: str) -> str:
        return md(text).replace("|", "\\|")

    fit = ROLE_FIT_LABELS.get(card.role_fit, card.role_fit)
    out = [
        f"## Screening scorecard: {md(card.candidate or 'candidate')}",
        "",
        "### Verdict",
        "",
        f"- **Recommendation:** {_REC[card.recommendation]}",
        f"- **Signal:** {_SIGNAL[card.signal]}",
        f"- **Role fit:** {md(fit)}",
        f"- **Status:** {md(card.status)} (a recommendation for a person to review, not a decision)",
    ]
    if card.review is not None:
        out.append(f"- **{md(_review_line(card).split(':', 1)[0])}:** {md(_review_line(card).split(':', 1)[1])}")
    out.append("")
    if card.needs_human_review:
        out += ["> **Needs human review:** " + "; ".join(md(r) for r in card.review_reasons), ""]
    out += ["### Summary", "", md(card.summary) or "_none_", ""]
    out += ["### Competencies", "", "| Competency | Score | Rationale |", "|---|---|---|"]
    for c in card.competencies:
        out.append(f"| {cell(c.name)} | {_score(c.score)} | {cell(c.rationale)} |")
    out.append("")
    quoted = [c for c in card.competencies if c.evidence]
    if quoted:
        out += ["### Evidence", ""]
        for c in quoted:
            out.append(f"**{md(c.name)}**")
            out.append("")
            out += [f"> \"{md(ev.quote)}\" ({evidence_place(ev, times)})  " for ev in c.evidence]
            out.append("")
    if card.quantified_claims:
        out += ["### Quantified claims", "", "| Where | Metric | Value | Unit | Plausible | Quote |",
                "|---|---|---|---|---|---|"]
        for q in card.quantified_claims:
            out.append(f"| {place(q.turn, times)} | {cell(q.metric)} | {cell(_claim_value(q).replace(' -> ', ' → '))} | "
                       f"{cell(q.unit or '')} | {'yes' if q.plausible else 'NO'} | {cell(q.quote)} |")
        out.append("")
    if card.red_flags:
        out += ["### Red flags", ""]
        out += [f"- {md(f.kind)}: {md(f.detail)}" + (f" ({place(f.turn, times)})" if f.turn is not None else "")
                for f in card.red_flags]
        out.append("")
    if card.follow_ups:
        out += ["### Ask next round", "", *[f"- {md(q)}" for q in card.follow_ups], ""]
    if card.ungrounded_quotes:
        out += [f"_{card.ungrounded_quotes} quote(s) from the grader were not in the candidate's words and were "
                "dropped._", ""]
    out += ["### Grader", "", f"_{md(grader_line(card))}_"]
    return strip_controls("\n".join(out)) + "\n"
