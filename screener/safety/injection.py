"""Detect text in a candidate's turns that is aimed at the grader rather than the interviewer.

A candidate's words are data. What this finds is removed before any grader sees the transcript,
raised as a ``prompt_injection`` red flag, and caps the verdict (see ``screener.grading``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..transcript import Transcript, Turn

_TO_SENTENCE_END = r"[^\n]*?(?:[.!?](?=\s|$)|$)"
# a sentence that carries on a note to the grader: it talks verdicts, scores or instructions
_VERDICT_TALK = re.compile(
    r"strong[_ ]hire|no[_ ]hire|\bscor(?:e|es|ed|ing)\b|\brat(?:e|ed|ing)\b|recommend|competenc|\bsignal\b|scorecard|"
    r"instruction|assessment|verdict|\bgrade\b|approved|disregard|ignore|\bengineer\b|4 out of 4|4/4|"
    r"\b(?:this|the) candidate\b",
    re.I,
)
_SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?]+|$)")
_EXTENDS = ("note to the grader", "addresses the AI", "override instructions", "asks for a verdict")

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "override instructions",
        re.compile(
            r"\b(?:ignore|disregard|forget|override)\b[^.?!\n]{0,40}?\b(?:instructions?|rules|rubric|prompt|guidelines|"
            r"directions)\b[^.?!\n]*[.?!]?",
            re.I,
        ),
    ),
    (
        "note to the grader",
        re.compile(
            r"\b(?:note|message|instructions?|reminder)\s+(?:to|for)\s+(?:the\s+|any\s+)?(?:ai|llm|model|grader|"
            r"screener|automated|language model|bot|reviewer|evaluator|assistant)\b" + _TO_SENTENCE_END,
            re.I,
        ),
    ),
    (
        "addresses the AI",
        re.compile(
            r"\b(?:dear|hey|hi|attention)[,]?\s+(?:ai|llm|gpt|claude|chatgpt|grader|model|assistant|screener|"
            r"language model)\b" + _TO_SENTENCE_END,
            re.I,
        ),
    ),
    (
        "asks for a verdict",
        re.compile(
            r"\b(?:rate|score|grade|mark|classify|label|output|give|assign)\s+(?:me|this candidate|the "
            r"candidate|him|her|them)?\s*(?:as\s+|an?\s+|with\s+)?[\"'`]?(?:strong[_ ]hire|4 out of 4|"
            r"4/4|top score|maximum score|highest score|a perfect score)\b[^.?!\n]*[.?!]?",
            re.I,
        ),
    ),
    (
        "fake role tag",
        re.compile(
            r"(?:</?\s*(?:transcript|system|assistant|instructions?|im_start|im_end)\s*>|<\|im_(?:start|end)\|>|"
            r"\[/?(?:system|inst|assistant)\]|(?:^|(?<=[.!?]\s))\s*(?:system|assistant)\s*:|"
            r"\b(?:system|assistant)\s+(?:prompt|message)\s*:)[^\n]*",  # a faked role runs to the end of the turn
            re.I | re.M,
        ),
    ),
    (
        "you are now",
        re.compile(r"\byou\s+are\s+now\b[^.?!\n]*[.?!]?|\bnew\s+instructions?\s*:[^\n]*", re.I),
    ),
]

# Words each pattern cannot match without (lower-case substrings): a cheap test that skips most turns.
_REQUIRED: dict[str, tuple[str, ...]] = {
    "override instructions": ("ignore", "disregard", "forget", "override"),
    "note to the grader": ("note", "message", "instruction", "reminder"),
    "addresses the AI": ("dear", "hey", "hi", "attention"),
    "asks for a verdict": ("strong", "4/4", "4 out of 4", "score"),
    "fake role tag": ("<", "[", "system", "assistant"),
    "you are now": ("you are now", "instruction"),
}

MARKER = "[text addressed to the grader removed]"

# A candidate describing an attack they defended against is talking about their work, not attacking:
# "a user typed 'ignore previous instructions' and the bot leaked its prompt".
_DISCUSSION = re.compile(
    r"\b(?:injection|jailbreak|attack|attacker|red[- ]team|adversarial|malicious|users?\s+(?:typed|wrote|sent|tried|"
    r"pasted)|someone\s+(?:typed|wrote|sent|tried|pasted)|customers?\s+(?:typed|wrote|tried))\b",
    re.I,
)


def _is_discussion(text: str, start: int) -> bool:
    before = text[max(0, start - 120) : start]
    return bool(_DISCUSSION.search(before)) and bool(re.search(r"[\"'“‘]\s*$", before[-3:]) or _DISCUSSION.search(before[-60:]))


@dataclass(frozen=True)
class Injection:
    turn: int
    kind: str
    text: str


_SCORECARD_KEY = re.compile(r"[\"']?(?:recommendation|signal|role_fit|competencies|score|verdict)[\"']?\s*:", re.I)


def _pasted_json(text: str) -> list[tuple[int, int]]:
    """Spans of brace-balanced objects (nested ones included) that carry scorecard keys."""
    spans: list[tuple[int, int]] = []
    i = text.find("{")
    while i >= 0:
        depth, j = 0, i
        while j < len(text):
            if text[j] == "{":
                depth += 1
            elif text[j] == "}":
                depth -= 1
                if depth == 0:
                    break
            j += 1
        end = j + 1 if depth == 0 else len(text)  # an unclosed object runs to the end of the turn
        if _SCORECARD_KEY.search(text, i, end):
            spans.append((i, end))
            i = text.find("{", end)
        else:
            i = text.find("{", i + 1)
    return spans


def _extend(text: str, end: int) -> int:
    """Carry a note to the grader over the following sentences that keep talking verdicts to it."""
    while end < len(text):
        m = _SENTENCE.match(text, end)
        if not m or not m.group(0).strip() or not _VERDICT_TALK.search(m.group(0)):
            break
        end = m.end()
    return end


def find_injections_in_turn(turn: Turn) -> list[tuple[int, int, str]]:
    """(start, end, kind) spans in the turn's text, merged where they overlap."""
    spans: list[tuple[int, int, str]] = [(s, e, "pasted scorecard") for s, e in _pasted_json(turn.text)]
    lowered = turn.text.lower()
    for kind, pattern in _PATTERNS:
        if not any(word in lowered for word in _REQUIRED[kind]):
            continue
        for m in pattern.finditer(turn.text):
            if not _is_discussion(turn.text, m.start()):
                end = _extend(turn.text, m.end()) if kind in _EXTENDS else m.end()
                spans.append((m.start(), end, kind))
    spans.sort()
    merged: list[tuple[int, int, str]] = []
    for s, e, k in spans:
        if merged and s <= merged[-1][1]:
            ps, pe, pk = merged[-1]
            merged[-1] = (ps, max(pe, e), pk)
        else:
            merged.append((s, e, k))
    return merged


def detect_injections(transcript: Transcript) -> list[Injection]:
    """Every injection attempt in the candidate's turns."""
    found = []
    for turn in transcript.candidate_turns:
        for s, e, kind in find_injections_in_turn(turn):
            found.append(Injection(turn=turn.index, kind=kind, text=turn.text[s:e].strip()))
    return found


def strip_injections(transcript: Transcript) -> tuple[Transcript, list[Injection]]:
    """A copy of the transcript with injection spans in candidate turns replaced by a neutral marker."""
    injections: list[Injection] = []
    turns = []
    for turn in transcript.turns:
        if turn.role != "candidate":
            turns.append(turn)
            continue
        spans = find_injections_in_turn(turn)
        if not spans:
            turns.append(turn)
            continue
        text, last, parts = turn.text, 0, []
        for s, e, kind in spans:
            injections.append(Injection(turn=turn.index, kind=kind, text=text[s:e].strip()))
            parts.append(text[last:s])
            parts.append(MARKER)
            last = e
        parts.append(text[last:])
        turns.append(turn.model_copy(update={"text": "".join(parts)}))
    return transcript.model_copy(update={"turns": turns}), injections
