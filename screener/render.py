"""Scorecard views: a readable terminal view, Markdown for an ATS note, JSON."""

from __future__ import annotations

import json
import textwrap

from .scorecard import Scorecard
from .vocab import RECOMMENDATION_LABELS, SIGNAL_LABELS

_REC = {k: v.upper() for k, v in RECOMMENDATION_LABELS.items()}
_SIGNAL = SIGNAL_LABELS


def _score(score: int | None) -> str:
    return f"{score}/4" if score is not None else "not assessed"


def to_json(card: Scorecard) -> str:
    return json.dumps(card.model_dump(mode="json"), indent=2, ensure_ascii=False)


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
    return "\n".join(lines) + "\n"


def to_markdown(card: Scorecard) -> str:
    out = [
        f"## Screening scorecard: {card.candidate or 'candidate'}",
        "",
        f"**Recommendation:** {_REC[card.recommendation]} · **Signal:** {_SIGNAL[card.signal]} · "
        f"**Role fit:** {card.role_fit} · **Status:** {card.status}",
        "",
    ]
    if card.needs_human_review:
        out += ["> **Needs human review:** " + "; ".join(card.review_reasons), ""]
    out += [card.summary, "", "| Competency | Score | Rationale |", "|---|---|---|"]
    for c in card.competencies:
        out.append(f"| {c.name} | {_score(c.score)} | {c.rationale.replace('|', '/')} |")
    out.append("")
    for c in card.competencies:
        if c.evidence:
            out.append(f"**{c.name}**")
            out += [f"> \"{ev.quote}\" (turn {ev.turn})" for ev in c.evidence]
            out.append("")
    if card.quantified_claims:
        out += ["| Turn | Metric | Before | After | Unit | Plausible |", "|---|---|---|---|---|---|"]
        for q in card.quantified_claims:
            out.append(f"| {q.turn} | {q.metric} | {'' if q.before is None else f'{q.before:g}'} | "
                       f"{'' if q.after is None else f'{q.after:g}'} | {q.unit or ''} | {'yes' if q.plausible else 'NO'} |")
        out.append("")
    if card.red_flags:
        out += ["**Red flags**", *[f"- {f.kind}: {f.detail}" for f in card.red_flags], ""]
    if card.follow_ups:
        out += ["**Ask next round**", *[f"- {q}" for q in card.follow_ups], ""]
    out.append(f"_{_grader_line(card)}_")
    return "\n".join(out) + "\n"
