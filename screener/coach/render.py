"""The interview report as text (a terminal), Markdown (a note for the hiring team) or JSON."""

from __future__ import annotations

import json

from ..util.text import markdown_inline, strip_controls
from ..vocab import JOB_ROLE_TITLES
from .report import CoachReport, TalkStats


def to_json(report: CoachReport) -> str:
    return json.dumps(report.model_dump(mode="json"), indent=2, ensure_ascii=True) + "\n"


def _amount(value: float, unit: str) -> str:
    return f"{value:.0f} s" if unit == "seconds" else f"{value:.0f} words"


def _talk(t: TalkStats) -> list[str]:
    lines = [f"interviewer {t.interviewer_share:.0%} ({_amount(t.interviewer, t.unit)}), "
             f"candidate {t.candidate_share:.0%} ({_amount(t.candidate, t.unit)})"
             + (f", unknown speakers {_amount(t.other, t.unit)}" if t.other else "")]
    if t.longest_monologue is not None:
        m = t.longest_monologue
        lines.append(f"longest monologue: turn {m.turn}, {m.speaker} ({m.role}), {_amount(m.amount, t.unit)}")
    if t.longest_interviewer_monologue is not None and t.longest_interviewer_monologue != t.longest_monologue:
        m = t.longest_interviewer_monologue
        lines.append(f"longest interviewer turn: turn {m.turn}, {m.speaker}, {_amount(m.amount, t.unit)}")
    return lines


def _sections(r: CoachReport) -> list[tuple[str, list[str]]]:
    out: list[tuple[str, list[str]]] = []
    asked = [f"turn {a.turn}: {a.competency_name} #{a.number}: \"{a.quote}\"" for a in r.kit_asked]
    out.append((f"Kit questions asked ({len(r.kit_asked)} of {len(r.kit_asked) + len(r.kit_not_asked)})",
                asked or ["none of the kit's primary questions was asked"]))
    never = [c for c in r.competencies if not c.probed]
    out.append((f"Competencies never probed ({len(never)} of {len(r.competencies)})",
                [f"{c.name}: try \"{c.suggested_question}\"" for c in never] or ["every competency was probed"]))
    followed = sum(1 for v in r.vague_answers if v.followed_up)
    vague = [f"turn {v.answer_turn}: \"{v.answer_quote}\" -> "
             + (f"followed up at turn {v.follow_up_turn}" if v.followed_up else "not followed up")
             for v in r.vague_answers]
    out.append((f"Vague answers followed up ({followed} of {len(r.vague_answers)})",
                vague or ["no vague answers"]))
    out.append((f"Leading questions ({len(r.leading_questions)})",
                [f"turn {q.turn}: \"{q.quote}\" ({q.why})" for q in r.leading_questions] or ["none"]))
    out.append((f"Questions not to ask ({len(r.unlawful_questions)})",
                [f"turn {q.turn}: {q.topic_label}: \"{q.quote}\": {q.why}; instead: {q.instead}"
                 for q in r.unlawful_questions] or ["none"]))
    out.append(("Talk", _talk(r.talk)))
    out.append((f"Follow-ups to ask next time ({len(r.missed_follow_ups)})",
                [f"after turn {m.after_turn}: \"{m.question}\"" for m in r.missed_follow_ups] or ["none"]))
    return out


def _header(r: CoachReport) -> str:
    who = f" with {r.candidate}" if r.candidate else ""
    return (f"Interview report{who}: {JOB_ROLE_TITLES[r.role]} kit, {r.interviewer_turns} interviewer turns of "
            f"{r.turns}" + (f" ({r.source})" if r.source else ""))


def to_text(report: CoachReport) -> str:
    lines = [_header(report), report.note, ""]
    for title, items in _sections(report):
        lines.append(title)
        lines.extend(f"  - {item}" for item in items)
        lines.append("")
    return strip_controls("\n".join(lines).rstrip() + "\n")


def _md(text: str) -> str:
    """Text safe in Markdown: one line, no HTML, no emphasis or link syntax from a transcript."""
    out = markdown_inline(text)
    for ch in "\\`*_[]|#":
        out = out.replace(ch, "\\" + ch)
    return strip_controls(out)


def to_markdown(report: CoachReport) -> str:
    lines = [f"## {_md(_header(report))}", "", f"_{_md(report.note)}_", ""]
    for title, items in _sections(report):
        lines.append(f"### {_md(title)}")
        lines.append("")
        lines.extend(f"- {_md(item)}" for item in items)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


RENDERERS = {"text": to_text, "md": to_markdown, "json": to_json}


def beside_scorecard(scorecard_json: str, report: CoachReport, source: str) -> str:
    """``grade --interview-report --format json``: one document with the scorecard exactly as ``grade`` prints
    it and the interview report beside it, ``{"input", "scorecard", "interview_report"}`` (the shape of a batch
    record, which ``screener review`` reads and rewrites keeping the report)."""
    doc = {"input": source, "scorecard": json.loads(scorecard_json), "interview_report": report.model_dump(mode="json")}
    return json.dumps(doc, indent=2, ensure_ascii=True) + "\n"
