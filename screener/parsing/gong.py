"""Gong call transcripts: ``speakerId`` monologues of timed sentences, names from the call's parties.

The shape of Gong's ``/v2/calls/transcript`` answer, with the call's ``parties`` (from ``/v2/calls/extensive``)
beside it::

    {"callTranscripts": [{"callId": "...", "transcript": [
        {"speakerId": "5143", "topic": "Intro", "sentences": [{"start": 3120, "end": 8400, "text": "..."}]}]}],
     "parties": [{"speakerId": "5143", "name": "Chloé Dubois", "affiliation": "Internal"}]}

A bare ``{"transcript": [...]}`` works too, and ``parties`` may be a map ``{"5143": "Chloé Dubois"}``. Sentence
times are milliseconds. A party whose ``affiliation`` is ``Internal`` (the company's own people) is an
interviewer; who among the others is the candidate is inferred as for any transcript. A speaker with no
party gets ``Speaker 1``, ``Speaker 2``... in order of first words.
"""

from __future__ import annotations

import math
from typing import Any

from ..errors import InputError
from ..transcript import Role
from .cues import Cue
from .labels import classify, clean_name


def _parties(value: Any, where: str) -> dict[str, tuple[str, Role | None]]:
    """speakerId -> (name, role hint)."""
    if value is None:
        return {}
    if isinstance(value, dict):
        return {str(k): (clean_name(v), None) for k, v in value.items() if isinstance(v, str) and v.strip()}
    if not isinstance(value, list):
        raise InputError(f"{where}: 'parties' must be a list of {{\"speakerId\", \"name\"}} objects or a map of "
                         "speakerId to name")
    parties: dict[str, tuple[str, Role | None]] = {}
    for party in value:
        if not isinstance(party, dict) or party.get("speakerId") is None:
            continue
        name = party.get("name") or party.get("emailAddress")
        if isinstance(name, str) and name.strip():
            internal = str(party.get("affiliation", "")).casefold() == "internal"
            parties[str(party["speakerId"])] = (clean_name(name), "interviewer" if internal else None)
    return parties


def _monologues(data: dict[str, Any], where: str) -> list[Any]:
    calls = data.get("callTranscripts")
    if calls is None:
        return data["transcript"]
    if len(calls) != 1 or not isinstance(calls[0], dict) or not isinstance(calls[0].get("transcript"), list):
        raise InputError(f"{where}: expected one call in 'callTranscripts' with a 'transcript' list "
                         f"(found {len(calls)} calls); pass one interview's transcript")
    return calls[0]["transcript"]


def gong_cues(data: dict[str, Any], where: str) -> list[Cue]:
    parties = _parties(data.get("parties"), where)
    unnamed: dict[str, str] = {}
    cues: list[Cue] = []
    for i, monologue in enumerate(_monologues(data, where)):
        if not isinstance(monologue, dict) or not isinstance(monologue.get("sentences"), list):
            raise InputError(f"{where}: monologue {i} has no 'sentences' list; expected "
                             '{"speakerId": "...", "sentences": [{"start": 0, "text": "..."}]}')
        speaker_id = str(monologue.get("speakerId", ""))
        if speaker_id in parties:
            speaker, hint = parties[speaker_id]
            speaker, label_hint = classify(speaker)
            hint = hint or label_hint
        else:
            speaker = unnamed.setdefault(speaker_id, f"Speaker {len(unnamed) + 1}")
            hint = None
        texts: list[str] = []
        start: float | None = None
        for sentence in monologue["sentences"]:
            if not isinstance(sentence, dict) or not isinstance(sentence.get("text"), str):
                raise InputError(f"{where}: monologue {i}: every sentence needs a 'text' string")
            texts.append(sentence["text"])
            if start is None:
                start = _millis(sentence.get("start"), i, where)
        cues.append(Cue(speaker, " ".join(t.strip() for t in texts if t.strip()), start, hint))
    return cues


def _millis(value: Any, i: int, where: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or value < 0:
        raise InputError(f"{where}: monologue {i}: 'start' must be milliseconds, not {str(value)[:40]!r}")
    return value / 1000
