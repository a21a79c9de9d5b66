"""Scorecard views: a readable terminal view, Markdown for an ATS note, JSON.

Transcript text reaches every view (the candidate's name, quotes, and whatever the grader wrote about them),
so each view makes it safe for where it goes: the text view strips terminal control characters (an ANSI
escape in a transcript must not repaint the reviewer's terminal), the Markdown view escapes HTML and keeps
each value on its line (an ATS renders raw HTML, and a newline in a quote must not start a heading), and the
JSON view escapes C1 and bidi controls as ``\\u`` sequences (the same JSON value, safe to print).
"""

from __future__ import annotations

import json
import re
import textwrap

from .scorecard import Scorecard
from .util.text import markdown_inline, strip_controls
from .vocab import RECOMMENDATION_LABELS, SIGNAL_LABELS

_REC = {k: v.upper() for k, v in RECOMMENDATION_LABELS.items()}
_SIGNAL = SIGNAL_LABELS


def _score(score: int | None) -> str:
    return f"{score}/4" if score is not None else "not assessed"


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def to_json(card: Scorecard) -> str:
    text = json.dumps(card.model_dump(mode="json"), indent=2, ensure_ascii=False)  # C0 controls are escaped
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _grader_line(card: Scorecard) -> str:
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


def to_text(card: Scorecard, width: int = 100) -> str:
    wrap = textwrap.TextWrapper(width=width, initial_indent="    ", subsequent_indent="    ")
    lines = [
        f"Candidate: {card.candidate or 'unknown'}",
        f"Recommendation: {_REC[card.recommendation]}   Signal: {_SIGNAL[card.signal]}   Role fit: {card.role_fit}",
        f"Status: {card.status} (a recommendation for a human reviewer, not a decision)",
    ]
    if card.needs_human_review:
        lines.append("NEEDS HUMAN REVIEW: " + "; ".join(card.review_reasons))
    lines += ["", "Summary:", *wrap.wrap(card.summary), "", "Competencies:"]
    for c in card.competencies:
        lines.append(f"  {_score(c.score):>12}  {c.name} ({c.id})")
        lines += wrap.wrap(c.rationale)
        for ev in c.evidence:
            lines += textwrap.wrap(f'"{ev.quote}" (turn {ev.turn})', width=width, initial_indent="      > ",
                                   subsequent_indent="        ")
    if card.quantified_claims:
        lines += ["", "Quantified claims:"]
        for q in card.quantified_claims:
            change = f"{q.before:g} -> {q.after:g}" if q.before is not None and q.after is not None else (
                f"{q.after:g}" if q.after is not None else "?")
            mark = "" if q.plausible else "  [IMPLAUSIBLE]"
            lines.append(f"  turn {q.turn}: {q.metric}: {change} {q.unit or ''}{mark}".rstrip())
    if card.red_flags:
        lines += ["", "Red flags:"]
        lines += [f"  - {f.kind}: {f.detail}" + (f" (turn {f.turn})" if f.turn is not None else "") for f in card.red_flags]
    if card.follow_ups:
        lines += ["", "Ask next round:"]
        lines += [f"  - {q}" for q in card.follow_ups]
    if card.ungrounded_quotes:
        lines += ["", f"{card.ungrounded_quotes} quote(s) from the grader were not in the candidate's words and were dropped."]
    lines += ["", _grader_line(card)]
    return strip_controls("\n".join(lines)) + "\n"


def to_markdown(card: Scorecard) -> str:
    md = markdown_inline

    def cell(text: str) -> str:
        return md(text).replace("|", "/")

    out = [
        f"## Screening scorecard: {md(card.candidate or 'candidate')}",
        "",
        f"**Recommendation:** {_REC[card.recommendation]} · **Signal:** {_SIGNAL[card.signal]} · "
        f"**Role fit:** {md(card.role_fit)} · **Status:** {md(card.status)}",
        "",
    ]
    if card.needs_human_review:
        out += ["> **Needs human review:** " + "; ".join(md(r) for r in card.review_reasons), ""]
    out += [md(card.summary), "", "| Competency | Score | Rationale |", "|---|---|---|"]
    for c in card.competencies:
        out.append(f"| {cell(c.name)} | {_score(c.score)} | {cell(c.rationale)} |")
    out.append("")
    for c in card.competencies:
        if c.evidence:
            out.append(f"**{md(c.name)}**")
            out += [f"> \"{md(ev.quote)}\" (turn {ev.turn})" for ev in c.evidence]
            out.append("")
    if card.quantified_claims:
        out += ["| Turn | Metric | Before | After | Unit | Plausible |", "|---|---|---|---|---|---|"]
        for q in card.quantified_claims:
            out.append(f"| {q.turn} | {cell(q.metric)} | {'' if q.before is None else f'{q.before:g}'} | "
                       f"{'' if q.after is None else f'{q.after:g}'} | {cell(q.unit or '')} | "
                       f"{'yes' if q.plausible else 'NO'} |")
        out.append("")
    if card.red_flags:
        out += ["**Red flags**", *[f"- {md(f.kind)}: {md(f.detail)}" for f in card.red_flags], ""]
    if card.follow_ups:
        out += ["**Ask next round**", *[f"- {md(q)}" for q in card.follow_ups], ""]
    out.append(f"_{md(_grader_line(card))}_")
    return strip_controls("\n".join(out)) + "\n"
