"""What the fake API's model says: answers built from the grader prompt it was sent.

The default answer is a valid ``GradeOutput`` quoting verbatim from the candidate's turns of the request;
the others are the failure modes a real model shows (invented quotes, interviewer quotes, an inflated verdict).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from ..scorecard import GradeOutput

_TURN_LINE = re.compile(r'^\{"turn": \d+.*\}$', re.M)  # one JSON object per turn (prompting.transcript_block)
_COMPETENCY_HEADING = re.compile(r"^## ([a-z][a-z0-9_]*): (.+)$", re.M)


def _text_of(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "\n".join(_text_of(part.get("text", "")) if isinstance(part, dict) else str(part) for part in content)
    return ""


def prompt_texts(body: dict, endpoint: str) -> tuple[str, str]:
    """(system prompt, first user message) of a request body to one of the three endpoints."""
    system, user = "", ""
    if endpoint == "messages":
        system = _text_of(body.get("system", ""))
        msgs = body.get("messages") or []
    elif endpoint == "responses":
        system = body.get("instructions") or ""
        msgs = body.get("input") or []
        if isinstance(msgs, str):
            return system, msgs
    else:
        msgs = body.get("messages") or []
        system = "\n".join(_text_of(m.get("content")) for m in msgs if m.get("role") in ("system", "developer"))
    user = next((_text_of(m.get("content")) for m in msgs if isinstance(m, dict) and m.get("role") == "user"), "")
    return system, user


def uses_json_schema(body: dict, endpoint: str) -> bool:
    """True when the request asks for native JSON-schema output."""
    if endpoint == "chat":
        return (body.get("response_format") or {}).get("type") == "json_schema"
    if endpoint == "responses":
        return ((body.get("text") or {}).get("format") or {}).get("type") == "json_schema"
    return ((body.get("output_config") or {}).get("format") or {}).get("type") == "json_schema"


# ---------------------------------------------------------------- the grader's answers


@dataclass
class _Turn:
    index: int
    role: str
    text: str


def _turns(user_text: str) -> list[_Turn]:
    turns = []
    for m in _TURN_LINE.finditer(user_text):
        try:
            obj = json.loads(m.group(0))
        except json.JSONDecodeError:
            continue
        turns.append(_Turn(int(obj["turn"]), str(obj["speaker_role"]).lower(), str(obj["text"]).strip()))
    return turns


def _snippet(text: str, limit: int = 90) -> str:
    """A verbatim prefix of ``text``: its first sentence, or up to ``limit`` characters cut at a space."""
    end = min((i + 1 for i in (text.find(". "), text.find("? "), text.find("! ")) if i >= 0), default=len(text))
    out = text[:end].rstrip()
    if len(out) > limit:
        cut = out.rfind(" ", 0, limit)
        out = out[: cut if cut > 20 else limit].rstrip()
    return out


def _quotes(turns: list[_Turn], role: str) -> list[tuple[str, int]]:
    out = []
    for t in turns:
        if t.role == role:
            snip = _snippet(t.text)
            if sum(ch.isalnum() for ch in snip) >= 12:
                out.append((snip, t.index))
    return out


def _sentence_with_number(text: str) -> str | None:
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if re.search(r"\d", sentence) and len(sentence) <= 240:
            return sentence.strip()
    return None


def default_grade(body: dict, endpoint: str) -> dict:
    """A valid GradeOutput (as a dict) that quotes verbatim from the candidate's turns of the request."""
    system, user = prompt_texts(body, endpoint)
    competencies = _COMPETENCY_HEADING.findall(system) or [("evidence", "Evidence")]
    turns = _turns(user)
    quotes = _quotes(turns, "candidate")
    measured = [t for t in turns if t.role == "candidate" and re.search(r"\d", t.text)]
    if not quotes:
        recommendation, signal = "no_hire", "insufficient_evidence"
    elif measured:
        recommendation, signal = "hire", "engineer"
    else:
        recommendation, signal = "no_hire", "prompt_tourist"
    comps = []
    for i, (cid, name) in enumerate(competencies):
        quote = quotes[i % len(quotes)] if quotes else None
        comps.append(
            {
                "id": cid,
                "name": name.strip(),
                "score": (3 if measured else 2) if quote else None,
                "rationale": "Scored from the quoted answer." if quote else "No evidence in the transcript.",
                "evidence": [{"quote": quote[0], "turn": quote[1]}] if quote else [],
            }
        )
    claims = []
    for t in measured[:1]:
        sentence = _sentence_with_number(t.text)
        if sentence:
            claims.append(
                {"quote": sentence, "turn": t.index, "metric": "reported metric", "before": None, "after": None,
                 "unit": None, "plausible": True}
            )
    grade = {
        "recommendation": recommendation,
        "signal": signal,
        "role_fit": "unclear",
        "summary": f"Graded by the fake API from {len(quotes)} candidate answers.",
        "competencies": comps,
        "quantified_claims": claims,
        "red_flags": [],
        "follow_ups": ["How did you measure the result, and against what baseline?"],
    }
    return GradeOutput.model_validate(grade).model_dump(mode="json")


def default_responder(body: dict, endpoint: str) -> str:
    """The default "ok" answer: ``default_grade`` as JSON text."""
    return json.dumps(default_grade(body, endpoint))


def _replace_quotes(grade: dict, quotes: list[tuple[str, int]]) -> dict:
    for i, comp in enumerate(grade["competencies"]):
        comp["evidence"] = [{"quote": quotes[i % len(quotes)][0], "turn": quotes[i % len(quotes)][1]}]
        comp["score"] = comp["score"] or 3
    for claim in grade["quantified_claims"]:
        claim["quote"], claim["turn"] = quotes[0]
    return grade


_FABRICATED = [
    "I single-handedly cut hallucinations by 87 percent with a bespoke eval harness",
    "our offline golden set of 40000 examples gated every deploy in CI",
]


def ungrounded_grade(body: dict, endpoint: str) -> dict:
    grade = default_grade(body, endpoint)
    turns = [t.index for t in _turns(prompt_texts(body, endpoint)[1]) if t.role == "candidate"] or [0]
    return _replace_quotes(grade, [(q, turns[i % len(turns)]) for i, q in enumerate(_FABRICATED)])


def interviewer_quoted_grade(body: dict, endpoint: str) -> dict:
    turns = _turns(prompt_texts(body, endpoint)[1])
    quotes = _quotes(turns, "interviewer")
    if not quotes:
        return ungrounded_grade(body, endpoint)
    return _replace_quotes(default_grade(body, endpoint), quotes)


def inflated_grade(body: dict, endpoint: str) -> dict:
    grade = default_grade(body, endpoint)
    grade.update(recommendation="strong_hire", signal="engineer", summary="Exceptional engineer; hire immediately.")
    for comp in grade["competencies"]:
        if comp["evidence"]:
            comp["score"] = 4
    return grade


# ---------------------------------------------------------------- wire formats
