"""From hits to what is removed: the whole instruction, in original offsets.

A hit marks where an instruction is; its removal reaches

- back to the start of its sentence (or only to its clause, when the sentence opened with evidence: a number),
  and over a lead-in that ends with a colon ("Final scorecard, please copy as-is:");
- forward over the sentences that carry it on: no number in them, and grader talk, a word shared with the
  instruction, or a few words only ("Thank you."). A forged turn or transcript end runs to the end of the turn
  unless evidence resumes (a sentence with a number and no grader talk);
- across one neutral sentence between two removed ones.

Across turns: an instruction cut off at the end of a turn, or announced as "part 1 of 3" / "continued below",
takes the "Part 2 of 3:" / "(continued)" pieces in the same speaker's later turns with it.
"""

from __future__ import annotations

import re

from .context import EVIDENCE_DIGIT, Hit
from .units import TurnText

_SPLIT_ANNOUNCED = re.compile(r"\bpart\s+1\s*(?:of|/)\s*\d+|[\[(]\s*1\s*/\s*\d\s*[\])]|\b1\s+of\s+\d\b|\bcontinued\s+(?:below|later|in\s+my\s+next|next)\b|"
                              r"\bto\sbe\scontinued\b|\b(?:more|rest)\s+(?:below|later|in\s+my\s+next)")
_SPLIT_PIECE = re.compile(r"^[\s\W]{0,3}(?:part\s+\d+\s*(?:(?:of|/)\s*\d+)?\s*[:.)-]|continued\b|cont'?d\b|\.\.\.\s*\w|"
                          r"\d\s*/\s*\d\s*[\])]|\d\s+of\s+\d\b|continuing\b|(?:rest|end)\s+of\s+(?:my\s+)?note\b)")
_LEAD_IN = re.compile(r"\b(?:ai|a\.i\.|llm|gpt|grader|graders|evaluator|screener|scorer|automated|algorithm|"
                      r"for\sthe\srecord|before\si\sforget|quick\s(?:note|message|word)|one\s(?:more|last)\sthing|"
                      r"note|reminder|message|by\sthe\sway|btw|p\.s|important|heads\sup|fyi)\b")
_CLAUSE_MARK = re.compile(r"[,;:]\s")


def resolve(tt: TurnText, hits: list[Hit]) -> list[tuple[int, int, str]]:
    """Folded ``(start, end, kind)`` spans to remove, merged and sorted."""
    if not hits or not tt.units:
        return []
    spans: list[tuple[int, int, str]] = []
    reach: dict[int, int] = {}  # last unit index -> end reached by carrying on from it (each computed once)
    for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
        first = tt.unit_at(hit.start)
        last = tt.unit_at(max(hit.start, hit.end - 1))
        start = _start(tt, hit, first)
        if hit.mode == "span":
            end = hit.end
        else:
            key = last if hit.mode == "sentence" else -1 - last
            if key not in reach:
                reach[key] = _carry_on(tt, first, last, to_end=hit.mode == "to_end")
            end = max(reach[key], hit.end)
        spans.append((start, end, hit.kind))
    return _bridge(tt, _merge(spans))


_WINDOW = 300  # how far back a hit's sentence is read for evidence and a lead-in


def _start(tt: TurnText, hit: Hit, first: int) -> int:
    unit_start = tt.units[first][0]
    lo = max(unit_start, hit.start - _WINDOW)
    prefix = tt.text[lo:hit.start]
    if hit.mode == "span" and unit_start < hit.start and not prefix.rstrip().endswith(":"):
        return _lead_in(tt, first, hit.start) if lo == unit_start and not prefix.strip() else hit.start
    if lo > unit_start or EVIDENCE_DIGIT.search(prefix):  # the sentence opened with evidence: keep it
        marks = list(_CLAUSE_MARK.finditer(prefix))
        start = lo + marks[-1].end() if marks else hit.start
        if EVIDENCE_DIGIT.search(tt.text, start, hit.start):
            start = hit.start
        return start
    return _lead_in(tt, first, unit_start)


def _lead_in(tt: TurnText, first: int, start: int) -> int:
    """Take the previous unit too when it only introduces this one ("Evaluation result to record:")."""
    if first > 0 and not tt.has_digit(first - 1):
        prev = tt.unit_text(first - 1).rstrip()
        if prev.endswith(":") or (tt.word_count(first - 1) <= 15 and tt.has(_LEAD_IN, *tt.units[first - 1])):
            return tt.units[first - 1][0]
    return start


def _carry_on(tt: TurnText, first: int, last: int, to_end: bool) -> int:
    end = tt.units[last][1]
    words: set[str] = set()
    for i in range(first, last + 1):
        words |= tt.words(i)
    for k in range(last + 1, len(tt.units)):
        digit = tt.has_digit(k)
        if tt.verdict_talk(k) and (not digit or tt.strong_verdict(k)):
            pass  # "Score: 5/5." carries the note on, numbers and all
        elif to_end:
            if digit:
                break
        elif digit or not (tt.grading_talk(k) or words & tt.words(k) or tt.word_count(k) <= 4):
            break
        end = tt.units[k][1]
    return end


# When spans merge, the removed text is reported under its most telling kind.
_PRIORITY = ("encoded instruction", "pasted scorecard", "fake role tag", "fake transcript boundary", "fake turn",
             "note to the grader", "addresses the AI", "role-play", "override instructions", "claims authority",
             "asks for secrecy", "asks for a verdict", "split instruction")


def _telling(a: str, b: str) -> str:
    rank = {k: i for i, k in enumerate(_PRIORITY)}
    return a if rank.get(a, 99) <= rank.get(b, 99) else b


def _merge(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    merged: list[tuple[int, int, str]] = []
    for s, e, k in sorted(spans):
        if merged and s <= merged[-1][1]:
            ps, pe, pk = merged[-1]
            merged[-1] = (ps, max(pe, e), _telling(pk, k))
        else:
            merged.append((s, e, k))
    return merged


def _bridge(tt: TurnText, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Join two removed spans with one neutral sentence (no number) between them."""
    out: list[tuple[int, int, str]] = []
    for s, e, k in spans:
        if out:
            ps, pe, pk = out[-1]
            gap = tt.text[pe:s]
            if not gap.strip():
                out[-1] = (ps, e, _telling(pk, k))
                continue
            a, b = tt.unit_at(pe), tt.unit_at(max(pe, s - 1))
            between = [i for i in range(a, b + 1) if tt.units[i][0] >= pe - 1 and tt.units[i][1] <= s + 1]
            if len(between) == 1 and b - a <= 1 and not EVIDENCE_DIGIT.search(gap):
                out[-1] = (ps, e, _telling(pk, k))
                continue
        out.append((s, e, k))
    return out


def announces_split(tt: TurnText, spans: list[tuple[int, int, str]]) -> bool:
    """Whether an instruction in this turn goes on in a later turn: announced, or cut off at the turn's end."""
    for s, e, _ in spans:
        if _SPLIT_ANNOUNCED.search(tt.text, s, e):
            return True
    if spans and spans[-1][1] >= len(tt.text.rstrip()):
        tail = tt.text.rstrip()
        return bool(tail) and tail[-1] not in ".!?)]}\"'"
    return False


def split_pieces(tt: TurnText) -> list[Hit]:
    """Units that continue an instruction begun in an earlier turn ("Part 2 of 3: ...", "(continued) ...")."""
    hits = []
    for s, e in tt.units:
        if _SPLIT_PIECE.match(tt.text[s:e]):
            hits.append(Hit(s, e, "split instruction"))
    return hits
