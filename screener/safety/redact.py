"""Blind grading: personal data is replaced before a transcript leaves this machine.

Speaker names (and their mentions in the text), emails, phone numbers, URLs and social handles become
placeholders such as ``[CANDIDATE]``, ``[INTERVIEWER 1]``, ``[EMAIL 1]``. The mapping stays local: quotes the
model returns are mapped back onto the original text (offset by offset), and free text is restored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..transcript import Transcript, Turn

_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_URL = r"(?:https?://|www\.)[^\s<>\"')\]]+"
_PHONE = r"(?<![\w.])\+?\d[\d\s().-]{7,}\d(?!\w|\.\d)"
_HANDLE = r"(?<![\w@])@[A-Za-z_][\w.]{1,30}\b"

_STOP = {"the", "and", "van", "von", "de", "da", "del", "la", "le", "bin", "al", "mr", "ms", "mrs", "dr"}
_GENERIC = {"candidate", "interviewer", "speaker", "unknown", "q", "a", "host", "guest", "me", "you"}


@dataclass
class Redaction:
    """The redacted transcript plus what is needed to map back; never leaves this machine."""

    transcript: Transcript
    placeholders: dict[str, str] = field(default_factory=dict)  # placeholder -> original (first seen)
    # per turn: list of (red_start, red_end, orig_start, orig_end) for each replacement
    segments: dict[int, list[tuple[int, int, int, int]]] = field(default_factory=dict)

    def to_original_offset(self, turn: int, pos: int, *, end: bool = False) -> int:
        """Map an offset in the redacted turn text to the original turn text."""
        shift = 0
        for rs, re_, os_, oe in self.segments.get(turn, []):
            if pos < rs or (end and pos == rs):
                break
            if pos < re_ or (end and pos == re_):
                return oe if end else os_
            shift = oe - re_
        return pos + shift

    def restore(self, text: str) -> str:
        """Put the real names and contact details back into free text (rationales, red flags)."""
        if not self.placeholders:
            return text
        pattern = re.compile("|".join(re.escape(p) for p in sorted(self.placeholders, key=len, reverse=True)))
        return pattern.sub(lambda m: self.placeholders[m.group(0)], text)


def _name_terms(label: str) -> list[str]:
    """The full label and its parts that could be mentioned alone ("Priya Raman" -> Priya Raman, Priya, Raman)."""
    label = label.strip()
    if not label or label.lower() in _GENERIC:
        return []
    parts = [p for p in re.split(r"[\s,]+", label) if len(p) >= 2 and p.lower().strip(".") not in _STOP]
    terms = [label] + parts
    return sorted(set(terms), key=len, reverse=True)


# Gendered pronouns -> neutral placeholders (optional): "[they]" restores as "they", never as the original.
_PRONOUNS = {"he": "[they]", "she": "[they]", "him": "[them]", "his": "[their]", "her": "[their]",
             "hers": "[theirs]", "himself": "[themself]", "herself": "[themself]"}
_PRONOUN = r"\b(?:he|she|him|his|her|hers|himself|herself)\b"


def redact(transcript: Transcript, *, pronouns: bool = False) -> Redaction:
    """Replace names and contact details (and, if asked, gendered pronouns) in every turn and speaker label."""
    speakers: list[tuple[str, str]] = []  # (label, placeholder)
    n_interviewers = 0
    for t in transcript.turns:
        if any(t.speaker == s for s, _ in speakers):
            continue
        if t.role == "candidate":
            placeholder = "[CANDIDATE]"
        elif t.role == "interviewer":
            n_interviewers += 1
            placeholder = f"[INTERVIEWER {n_interviewers}]"
        else:
            placeholder = f"[SPEAKER {len(speakers) + 1}]"
        speakers.append((t.speaker, placeholder))

    result = Redaction(transcript=transcript)
    name_map: dict[str, str] = {}
    for label, placeholder in speakers:
        result.placeholders[placeholder] = label
        for term in _name_terms(label):
            name_map.setdefault(term.lower(), placeholder)

    alternatives = [f"(?P<email>{_EMAIL})", f"(?P<url>{_URL})", f"(?P<phone>{_PHONE})", f"(?P<handle>{_HANDLE})"]
    if name_map:
        names = "|".join(re.escape(n) for n in sorted(name_map, key=len, reverse=True))
        alternatives.append(rf"(?P<name>\b(?:{names})\b)")
    if pronouns:
        alternatives.append(f"(?P<pronoun>{_PRONOUN})")
        result.placeholders.update({p: p[1:-1] for p in _PRONOUNS.values()})
    pattern = re.compile("|".join(alternatives), re.I)
    counters: dict[str, int] = {}
    seen: dict[tuple[str, str], str] = {}

    def placeholder_for(kind: str, value: str) -> str:
        if kind == "name":
            return name_map[value.lower()]
        if kind == "pronoun":
            return _PRONOUNS[value.lower()]
        key = (kind, value.lower())
        if key not in seen:
            counters[kind] = counters.get(kind, 0) + 1
            seen[key] = f"[{kind.upper()} {counters[kind]}]"
            result.placeholders[seen[key]] = value
        return seen[key]

    turns = []
    for t in transcript.turns:
        out: list[str] = []
        segs: list[tuple[int, int, int, int]] = []
        last = 0
        red_len = 0
        for m in pattern.finditer(t.text):
            kind = m.lastgroup or "name"
            if kind == "phone" and sum(ch.isdigit() for ch in m.group(0)) < 9:
                continue  # a range of years or numbers, not a phone number
            ph = placeholder_for(kind, m.group(0))
            out.append(t.text[last : m.start()])
            red_len += m.start() - last
            segs.append((red_len, red_len + len(ph), m.start(), m.end()))
            out.append(ph)
            red_len += len(ph)
            last = m.end()
        out.append(t.text[last:])
        speaker = dict(speakers)[t.speaker]
        turns.append(Turn(index=t.index, speaker=speaker, role=t.role, text="".join(out), start=t.start))
        if segs:
            result.segments[t.index] = segs
    result.transcript = transcript.model_copy(update={"turns": turns})
    return result
