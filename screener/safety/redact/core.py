"""Blind grading: personal data is replaced before a transcript leaves this machine.

Replaced: every speaker's name and its parts and variants (accents, case, hyphenated parts, possessives,
initials, titles, nicknames, romanised spellings), other people named in speech (any script), emails (also
spelled out, "x dot y at gmail dot com"), phone numbers (international, extensions, spelled-out digits),
URLs with or without a scheme, handles, street addresses and postcodes, dates of birth, government ids and,
when asked (``orgs=True``), employers and universities. Placeholders: ``[CANDIDATE]``, ``[INTERVIEWER 1]``,
``[SPEAKER 1]``, ``[PERSON 1]``, ``[EMAIL 1]``, ``[PHONE 1]``, ``[URL 1]``, ``[HANDLE 1]``, ``[ADDRESS 1]``,
``[DATE OF BIRTH]``, ``[ID 1]``, ``[ORG 1]``. The mapping stays local: quotes the model returns are mapped back
onto the original text (offset by offset), and free text is restored.

Two passes over the turns: the first finds the people (and organisations) named, so that a name met once in a
full form ("Pieter van den Hoek") is also replaced where it appears alone ("Pieter's rules"); the second
replaces. Every scan is linear in the text.
"""

from __future__ import annotations

import gc
import re
from dataclasses import dataclass, field

from ...transcript import GENERIC_LABELS, Transcript, Turn
from . import contacts, names
from . import orgs as org_finder
from .text import TOKEN

_GENERIC = {"candidate", "interviewer", "speaker", "unknown", "q", "a", "host", "guest", "me", "you",
            "interviewee", "applicant", "recruiter", "hiring manager", "moderator", "panelist"} | set(GENERIC_LABELS)
_KIND_WORD = {"email": "EMAIL", "url": "URL", "phone": "PHONE", "handle": "HANDLE", "address": "ADDRESS",
              "dob": "DATE OF BIRTH", "id": "ID"}
# which detection wins where two overlap (the union is replaced, named after the winner)
_PRIORITY = {"email": 9, "url": 8, "id": 7, "dob": 6, "handle": 5, "phone": 4, "address": 3, "name": 2, "org": 1,
             "pronoun": 0}

# Gendered pronouns -> neutral placeholders (optional): "[they]" restores as "they", never as the original.
_PRONOUNS = {"he": "[they]", "she": "[they]", "him": "[them]", "his": "[their]", "her": "[their]",
             "hers": "[theirs]", "himself": "[themself]", "herself": "[themself]"}
_CUE_ROOM = 4000  # the characters of the turn before (the question) that its cues are read from
_PRONOUN = re.compile(r"\b(?:he|she|him|his|her|hers|himself|herself)\b", re.I)


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


def _label_words(label: str) -> list[list[str]]:
    """A speaker label as words of hyphen-pieces, without commas and dots ("Whitfield-Osei, Eleanor")."""
    words: list[list[str]] = []
    last_end = None
    for m in TOKEN.finditer(label):
        gap = label[last_end:m.start()] if last_end is not None else ""
        if words and gap in ("-", "\u2010", "\u2011"):
            words[-1].append(m.group(0))
        else:
            words.append([m.group(0)])
        last_end = m.end()
    return words


_Segment = tuple[int, int, int, int]  # (red_start, red_end, orig_start, orig_end) of one replacement


@dataclass
class _Span:
    start: int
    end: int
    kind: str
    key: int | str | None  # person index for names/orgs, folded value for contact details


def _resolve(spans: list[_Span]) -> list[_Span]:
    """Overlapping spans become one (their union), named after the highest-priority one."""
    spans.sort(key=lambda s: (s.start, -s.end))
    out: list[_Span] = []
    for s in spans:
        if s.end <= s.start:
            continue
        if out and s.start < out[-1].end:
            cur = out[-1]
            best = max((cur, s), key=lambda x: (_PRIORITY[x.kind], x.end - x.start))
            out[-1] = _Span(cur.start, max(cur.end, s.end), best.kind, best.key)
        else:
            out.append(s)
    return out


_GC_FREE_CHARS = 100_000


def redact(transcript: Transcript, *, pronouns: bool = False, orgs: bool = False) -> Redaction:
    """Replace names, contact details and identifiers (and, if asked, gendered pronouns and organisations).

    A long transcript is redacted with the cyclic garbage collector paused: its hundreds of thousands of tokens
    stay alive throughout, and every collection walked all of them again (a third of the time on 2 MB of
    hostile text); nothing the redactor builds is a reference cycle."""
    if gc.isenabled() and sum(len(t.text) for t in transcript.turns) > _GC_FREE_CHARS:
        gc.disable()
        try:
            return _redact(transcript, pronouns=pronouns, orgs=orgs)
        finally:
            gc.enable()
    return _redact(transcript, pronouns=pronouns, orgs=orgs)


def _redact(transcript: Transcript, *, pronouns: bool, orgs: bool) -> Redaction:
    index = names.NameIndex()
    speaker_person: dict[str, int] = {}
    n_interviewers = 0
    for t in transcript.turns:
        if t.speaker in speaker_person:
            continue
        if t.role == "candidate":
            placeholder = "[CANDIDATE]"
        elif t.role == "interviewer":
            n_interviewers += 1
            placeholder = f"[INTERVIEWER {n_interviewers}]"
        else:
            placeholder = f"[SPEAKER {len(speaker_person) + 1}]"
        speaker_person[t.speaker] = index.new_person("speaker", t.speaker, placeholder)
    for label, person in speaker_person.items():
        if label.strip().lower() not in _GENERIC:
            index.add_name(person, _label_words(label))

    result = Redaction(transcript=transcript)
    for known in index.persons:
        result.placeholders.setdefault(known.placeholder, known.label)

    # pass 1: contact details (so that names inside them are not read as people), then people and orgs.
    # A turn whose text (and question) was met before is not read again: it finds what it found then.
    per_turn = []
    previous = ""
    scanned: dict[tuple[str, str], list[contacts.Span]] = {}
    tokens: dict[str, names.Toks] = {}
    for t in transcript.turns:
        if t.text not in tokens:
            tokens[t.text] = names.tokenize(t.text)
    # the words written in lower case somewhere: a capitalised "Walsh" after "Connor" is a surname unless the
    # transcript also uses "walsh" as a word (frequency lists hold common surnames: Walsh, Murphy, Patel, Kim)
    lowercase = names.lowercase_keys(tokens.values())
    for t in transcript.turns:
        found = scanned.get((t.text, previous))
        toks = tokens[t.text]
        if found is None:
            # the question cues the answer by its end (a 2 MB turn before a short one is not read again)
            found = scanned[(t.text, previous)] = contacts.scan(t.text, contacts.Context(t.text, previous[-_CUE_ROOM:]))
            masked = [(a, b) for a, b, _ in found]
            if orgs:
                org_finder.discover(index, t.text, toks, masked,
                                    background=bool(org_finder.ASKED_BACKGROUND.search(previous[-400:])))
                masked += [(m.start, m.end) for m in names.match_turn(index, t.text, toks)
                           if index.persons[m.person].kind == "org"]
            names.discover(index, t.text, toks, masked, asked_name=bool(names.ASKED_NAME.search(previous[-400:])),
                           lowercase=lowercase, asked_who=bool(names.ASKED_WHO.search(previous[-400:])),
                           question=previous[-400:])
        per_turn.append((found, toks))
        previous = t.text

    # pass 2: replace
    for known in index.persons:
        result.placeholders.setdefault(known.placeholder, known.label)
    counters: dict[str, int] = {}
    seen: dict[tuple[str, str], str] = {}

    def contact_placeholder(kind: str, value: str) -> str:
        key = (kind, re.sub(r"\W+", "", value.lower()))
        if key not in seen:
            counters[kind] = counters.get(kind, 0) + 1
            word = _KIND_WORD[kind]
            n = counters[kind]
            seen[key] = f"[{word}]" if kind == "dob" and n == 1 else f"[{word} {n}]"
            result.placeholders[seen[key]] = value
        return seen[key]

    if pronouns:
        result.placeholders.update({p: p[1:-1] for p in _PRONOUNS.values()})

    def replace(text: str, found: list[contacts.Span], toks: list[names.Tok]) -> tuple[str, list[_Segment]]:
        """One turn's text with its spans replaced, and the segments that map it back."""
        spans = [_Span(a, b, kind, None) for a, b, kind in found]
        for m in names.match_turn(index, text, toks, usage):
            kind = "org" if index.persons[m.person].kind == "org" else "name"
            if kind == "org" and not orgs:
                continue
            spans.append(_Span(m.start, m.end, kind, m.person))
        spans += [_Span(a, b, "name", person) for a, b, person in index.pinned.get(text, ())]
        if pronouns:
            spans += [_Span(m.start(), m.end(), "pronoun", m.group(0).lower()) for m in _PRONOUN.finditer(text)]
        out: list[str] = []
        segs: list[_Segment] = []
        last = 0
        red_len = 0
        for s in _resolve(spans):
            value = text[s.start:s.end]
            if s.kind in ("name", "org"):
                ph = index.persons[int(s.key or 0)].placeholder
            elif s.kind == "pronoun":
                ph = _PRONOUNS.get(value.lower(), "[they]")
            else:
                ph = contact_placeholder(s.kind, value)
            out.append(text[last:s.start])
            red_len += s.start - last
            segs.append((red_len, red_len + len(ph), s.start, s.end))
            out.append(ph)
            red_len += len(ph)
            last = s.end
        out.append(text[last:])
        return "".join(out), segs

    usage = names.Usage(lowercase=lowercase)
    for text, toks in tokens.items():
        names.match_turn(index, text, toks, usage)  # which ordinary words are used as names somewhere
    usage.collecting = False
    turns = []
    done: dict[tuple[str, int], tuple[str, list[_Segment]]] = {}  # a turn met before is replaced once
    for t, (found, toks) in zip(transcript.turns, per_turn, strict=True):
        key = (t.text, id(found))
        if key not in done:
            done[key] = replace(t.text, found, toks)
        red_text, segs = done[key]
        speaker = index.persons[speaker_person[t.speaker]].placeholder
        turns.append(Turn(index=t.index, speaker=speaker, role=t.role, text=red_text, start=t.start))
        if segs:
            result.segments[t.index] = segs
    result.transcript = transcript.model_copy(update={"turns": turns})
    return result
