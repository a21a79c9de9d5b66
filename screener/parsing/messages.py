"""JSON messages: ``[{"speaker": "Dana", "text": "..."}, ...]`` or
``{"messages": [...], "roles": {"candidate": "Sam", "interviewer": "Dana"}}``.

Each message names its speaker with ``speaker``, ``name`` or ``speaker_name`` (else ``role``) and its words
with ``content`` or ``text``; ``start``/``time``/``timestamp``/``start_time`` may give seconds or
``HH:MM:SS``. ``roles`` maps roles to names or names to roles (``{"Chloé Dubois": "interviewer"}``).
Fireflies' ``{"sentences": [{"speaker_name", "text", "start_time"}]}`` (also inside its API answer,
``{"data": {"transcript": {...}}}``) is a message list too; Gong's ``speakerId`` monologues are read by
``gong``. Only the
roles ``candidate``/``interviewer``/``interviewee`` mean anything: chat roles such as
``user``/``assistant`` say nothing about who is interviewed, and ``system`` messages are skipped.
``roles.interviewer`` (or ``interviewers``) may be a list.
"""

from __future__ import annotations

import json
import math
from typing import Any

from ..errors import InputError
from ..transcript import Role
from .cues import Cue
from .labels import classify, clean_name
from .timecodes import to_seconds

_MEANINGFUL: dict[str, Role] = {
    "applicant": "candidate",
    "candidate": "candidate",
    "interviewee": "candidate",
    "interviewer": "interviewer",
}
MAX_NUMBER_DIGITS = 100
"""A JSON number longer than this is an error (a transcript's numbers are times; Python refuses 4,300+ digits)."""
MAX_SPEAKER = 200
"""The longest speaker name a message may give."""
_ROLE_KEYS: dict[str, Role] = {
    "candidate": "candidate",
    "interviewer": "interviewer",
    "interviewers": "interviewer",
}


class _NumberTooLong(ValueError):
    def __init__(self, digits: int) -> None:
        super().__init__(digits)
        self.digits = digits


def _parse_int(literal: str) -> int:
    if len(literal) > MAX_NUMBER_DIGITS:
        raise _NumberTooLong(len(literal))
    return int(literal)


def _parse_float(literal: str) -> float:
    if len(literal) > MAX_NUMBER_DIGITS:
        raise _NumberTooLong(len(literal))
    return float(literal)


def load_json(text: str, where: str) -> Any:
    """The JSON document; one ``InputError`` line for bad JSON, numbers too long to be data, deep nesting."""
    try:
        return json.loads(text, parse_int=_parse_int, parse_float=_parse_float)
    except json.JSONDecodeError as e:
        raise InputError(
            f"{where}: not valid JSON (line {e.lineno}, column {e.colno}: {e.msg}); fix the JSON or pass the right format"
        ) from None
    except _NumberTooLong as e:
        raise InputError(
            f"{where}: holds a number {e.digits:,} digits long, which no transcript needs; fix or remove it"
        ) from None
    except RecursionError:
        raise InputError(
            f"{where}: the JSON is nested too deeply to be a transcript; export the messages as a flat list"
        ) from None


def check_text(value: str, what: str, where: str) -> None:
    """``InputError`` when ``value`` holds a lone surrogate (``"\\ud800"`` in JSON), which is not text."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as e:
        raise InputError(
            f"{where}: {what} holds an unpaired surrogate (U+{ord(value[e.start]):04X}), which is not text; "
            "re-export the transcript as UTF-8"
        ) from None


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def parse_json(text: str, where: str) -> list[Cue]:
    data = load_json(text, where)
    roles: dict[str, Role] = {}
    if isinstance(data, dict):
        data = _unwrap(data)
        if is_gong(data):
            from .gong import gong_cues

            return gong_cues(data, where)
        messages = data.get("messages", data.get("turns", data.get("sentences")))
        if not isinstance(messages, list):
            raise InputError(
                f"{where}: expected a 'messages' list in the JSON object, e.g. {{\"messages\": [...]}}"
            )
        roles = _roles(data.get("roles"), where)
    elif isinstance(data, list):
        messages = data
    else:
        raise InputError(f"{where}: expected a JSON list of messages or an object with 'messages'")
    cues = [cue for i, message in enumerate(messages) if (cue := _cue(i, message, where)) is not None]
    if cues and all(cue.speaker is None for cue in cues):
        raise InputError(f'{where}: no message names a speaker; add "speaker": "Name" to each')
    if roles:
        speakers = {cue.speaker.casefold(): cue.speaker for cue in cues if cue.speaker}
        for name in roles:
            if name.casefold() not in speakers:
                listed = ", ".join(sorted(set(speakers.values())))
                raise InputError(f"{where}: 'roles' names {_shown(name)}, who has no messages; speakers: {listed}")
        folded = {name.casefold(): role for name, role in roles.items()}
        for cue in cues:
            cue.hint = folded.get((cue.speaker or "").casefold(), cue.hint)
    return cues


def _unwrap(data: dict[str, Any]) -> dict[str, Any]:
    """Fireflies' API answer ``{"data": {"transcript": {...}}}`` -> the transcript object; else ``data``."""
    inner = data.get("data")
    if isinstance(inner, dict) and isinstance(inner.get("transcript"), dict) and len(data) <= 2:
        return inner["transcript"]
    return data


def is_gong(data: dict[str, Any]) -> bool:
    """Gong's transcript: ``callTranscripts``, or a ``transcript`` list of ``speakerId`` monologues."""
    if isinstance(data.get("callTranscripts"), list):
        return True
    monologues = data.get("transcript")
    return isinstance(monologues, list) and bool(monologues) and isinstance(monologues[0], dict) \
        and "speakerId" in monologues[0]


def _roles(value: Any, where: str) -> dict[str, Role]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise InputError(
            f'{where}: \'roles\' must be an object like {{"candidate": "Sam", "interviewer": "Dana"}}'
        )
    roles: dict[str, Role] = {}
    for key, names in value.items():
        role = _ROLE_KEYS.get(str(key).casefold())
        if role is None and isinstance(names, str):  # the other direction: {"Chloé Dubois": "interviewer"}
            named = _MEANINGFUL.get(names.strip().casefold())
            if named is not None and str(key).strip():
                check_text(str(key), "a name in 'roles'", where)
                roles[clean_name(str(key))] = named
                continue
        if role is None:
            raise InputError(f"{where}: unknown key {_shown(key)} in 'roles'; map 'candidate' and 'interviewer' to "
                             'names, or names to roles ({"Sam Okafor": "candidate"})')
        for name in names if isinstance(names, list) else [names]:
            if not isinstance(name, str) or not name.strip():
                raise InputError(
                    f"{where}: roles.{key} must be a speaker name (or a list of names for interviewers)"
                )
            check_text(name, f"roles.{key}", where)
            roles[clean_name(name)] = role
    if list(roles.values()).count("candidate") > 1:
        raise InputError(f"{where}: 'roles' must name exactly one candidate")
    return roles


def _cue(i: int, message: Any, where: str) -> Cue | None:
    if not isinstance(message, dict):
        raise InputError(
            f'{where}: message {i} is not an object; expected {{"speaker": "Name", "text": "..."}}'
        )
    text = message.get("content", message.get("text"))
    if not isinstance(text, str):
        raise InputError(f"{where}: message {i} has no 'content' or 'text' string")
    role_value = message.get("role")
    role = str(role_value).strip() if isinstance(role_value, str) else ""
    if role.casefold() == "system":
        return None
    name = message.get("speaker", message.get("name", message.get("speaker_name")))
    if name is not None and not isinstance(name, str):
        raise InputError(f"{where}: message {i}: 'speaker'/'name' must be a string")
    check_text(text, f"message {i}", where)
    for label in (name, role):
        if label:
            check_text(label, f"message {i}'s speaker", where)
            if len(label) > MAX_SPEAKER:
                raise InputError(f"{where}: message {i}: the speaker name is {len(label):,} characters long; "
                                 f"give a name of at most {MAX_SPEAKER}")
    hint = _MEANINGFUL.get(role.casefold())
    if name and name.strip():
        speaker, label_hint = classify(name)
    elif role:
        speaker, label_hint = classify(role.capitalize() if hint else role)
    else:  # speech nobody is named for: "Unknown speaker", as an unlabelled caption cue (scanned, never quoted)
        speaker, label_hint = None, None
    return Cue(speaker, text, _start(i, message, where), hint or label_hint)


def _start(i: int, message: dict[str, Any], where: str) -> float | None:
    for key in ("start", "time", "timestamp", "start_time"):
        if key not in message or message[key] is None:
            continue
        value = message[key]
        if isinstance(value, bool):
            seconds = None
        elif isinstance(value, int | float):
            seconds = float(value) if value >= 0 and math.isfinite(value) else None
        else:
            seconds = to_seconds(str(value))
        if seconds is None:
            raise InputError(f"{where}: message {i}: {key!r} must be seconds or HH:MM:SS, not {_shown(value)}")
        return seconds
    return None
