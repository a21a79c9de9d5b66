"""The name-swap fairness check: does the verdict move when only the candidate's name does?

Each transcript is graded as it is (the baseline), then again with the candidate's name (speaker label and
its mentions: full name, first name, surname) swapped for names associated with other genders and ethnicities
(``prompts/fairness/names.yaml``), optionally with the pronouns used for the candidate swapped to match.
The report gives per-group selection rates (hire or strong_hire), impact ratios against the best group (the
four-fifths rule of US adverse-impact practice, used by NYC Local Law 144 bias audits), the largest score
change, and every verdict that differs from the baseline.

Grading runs through the production pipeline (``grade_async``), redaction included unless switched off, so
the check measures what candidates actually get.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import ConfigError, GradingError, InputError
from ..grading import GradeOptions, grade_async
from ..paths import prompts_dir
from ..providers import Provider
from ..rubric import RoleChoice
from ..scorecard import Recommendation, Scorecard, recommendation_rank
from ..transcript import Transcript
from ..util.errors import validation_message
from ..util.files import read_yaml

Gender = Literal["male", "female"]
SELECTED: tuple[Recommendation, ...] = ("hire", "strong_hire")
FOUR_FIFTHS = 0.8

_GENERIC_LABELS = {"candidate", "interviewee", "applicant", "speaker", "unknown", "unknown speaker", "a", "me", "guest"}
_NAME_STOP = {"van", "von", "de", "da", "del", "der", "la", "le", "bin", "ibn", "mr", "ms", "mrs", "dr", "jr", "sr"}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --- name lists -----------------------------------------------------------------------------------------


class PronounSet(_Strict):
    subject: str
    object: str
    possessive: str
    possessive_pronoun: str
    reflexive: str


class NameGroup(_Strict):
    label: str
    gender: Gender
    first: list[str] = Field(min_length=1)
    last: list[str] = Field(min_length=1)


class NameBook(_Strict):
    pronouns: dict[Gender, PronounSet]
    groups: dict[str, NameGroup] = Field(min_length=2)


def names_path() -> Path:
    return prompts_dir() / "fairness" / "names.yaml"


def load_names(path: Path | None = None) -> NameBook:
    """The name lists by group (default ``prompts/fairness/names.yaml``)."""
    path = path or names_path()
    if not path.exists():
        raise ConfigError(f"{path}: cannot read the fairness name lists (no such file); pass --names FILE")
    data = read_yaml(path, what="fairness name lists")
    try:
        book = NameBook.model_validate(data)
    except ValidationError as e:
        raise ConfigError(f"{path}: {validation_message(e)}") from e
    missing = {g.gender for g in book.groups.values()} - set(book.pronouns)
    if missing:
        raise ConfigError(f"{path}: pronouns: add a pronoun set for {', '.join(sorted(missing))}")
    return book


@dataclass(frozen=True)
class PersonName:
    first: str
    last: str
    group: str
    gender: Gender

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[\w'’-]+", text)}


def transcript_words(transcript: Transcript) -> set[str]:
    words: set[str] = set()
    for t in transcript.turns:
        words |= _words(t.speaker) | _words(t.text)
    return words


def pick_names(group_id: str, group: NameGroup, start: int, count: int, avoid: set[str]) -> list[PersonName]:
    """``count`` names from the group, rotating from ``start``; none whose first name or surname is in ``avoid``
    (the words of the transcript, so a swap never merges the candidate with an interviewer or a colleague)."""
    out: list[PersonName] = []
    n = len(group.first)
    for i in range(n):
        first = group.first[(start + i) % n]
        if first.lower() in avoid:
            continue
        for j in range(len(group.last)):
            last = group.last[(start + i + j) % len(group.last)]
            if last.lower() not in avoid and all(p.last != last for p in out):
                out.append(PersonName(first=first, last=last, group=group_id, gender=group.gender))
                break
        if len(out) == count:
            break
    return out


# --- swapping -------------------------------------------------------------------------------------------


def candidate_label(transcript: Transcript) -> str | None:
    """The candidate's speaker label when it is a name (not 'Candidate' or 'Speaker 2')."""
    label = transcript.candidate_name
    if not label:
        return None
    plain = re.sub(r"[\d\s_]+$", "", label.strip()).strip().lower()
    if not plain or plain in _GENERIC_LABELS or not re.search(r"[^\W\d_]{2}", label):
        return None
    return label.strip()


def _is_initial(token: str) -> bool:
    return len(token.rstrip(".")) <= 1


def _replacements(label: str, new: PersonName) -> dict[str, str]:
    """lower-cased mention -> replacement, for the label, first name, surname and middle names."""
    tokens = label.split()
    new_label = new.first if len(tokens) == 1 else new.full
    out: dict[str, str] = {label.lower(): new_label}
    if len(tokens) > 2:
        out.setdefault(" ".join(tokens[:-1]).lower(), new.first)
    first = tokens[0]
    if not _is_initial(first) and first.lower() not in _NAME_STOP:
        out.setdefault(first.lower(), new.first)
    if len(tokens) > 1:
        last = tokens[-1]
        if _is_initial(last):
            out.setdefault(last.lower(), new.last[0] + ".")
        elif last.lower() not in _NAME_STOP:
            out.setdefault(last.lower(), new.last)
        for middle in tokens[1:-1]:
            if not _is_initial(middle) and middle.lower() not in _NAME_STOP:
                out.setdefault(middle.lower(), new.first)
    return out


def _match_case(original: str, replacement: str) -> str:
    if len(original) > 1 and original.isupper():
        return replacement.upper()
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


_PRONOUNS = re.compile(r"\b(he|him|his|himself|she|her|hers|herself)\b", re.I)
# After "her"/"his", these start something other than the thing possessed: "asked her about", "it was his."
_NOT_A_NOUN = {
    "and", "or", "but", "so", "to", "in", "on", "at", "for", "with", "about", "from", "into", "that", "the", "a",
    "an", "this", "these", "those", "it", "as", "because", "if", "when", "up", "out", "back", "down", "again", "too",
    "later", "now", "then", "yesterday", "today", "know", "what", "how", "why", "whether", "is", "was", "were",
}
_ROLE_OF = {
    "he": "subject", "she": "subject", "him": "object", "himself": "reflexive", "herself": "reflexive", "hers": "possessive_pronoun",
}


def _pronoun_role(word: str, after: str) -> str:
    w = word.lower()
    if w in _ROLE_OF:
        return _ROLE_OF[w]
    nxt = re.match(r"\s*([A-Za-z']+)", after)
    standalone = nxt is None or nxt.group(1).lower() in _NOT_A_NOUN
    if w == "her":
        return "object" if standalone else "possessive"
    return "possessive_pronoun" if standalone else "possessive"  # his


def swap_pronouns(text: str, pronouns: PronounSet) -> str:
    """Every gendered third-person pronoun in ``text`` in the given set's form, capitalisation kept."""

    def sub(m: re.Match[str]) -> str:
        role = _pronoun_role(m.group(0), text[m.end():m.end() + 30])
        return _match_case(m.group(0), getattr(pronouns, role))

    return _PRONOUNS.sub(sub, text)


def swap_candidate(transcript: Transcript, new: PersonName, pronouns: PronounSet | None = None) -> Transcript:
    """The transcript with the candidate called ``new``: their speaker label and every mention of their name.

    With ``pronouns``, gendered pronouns in the other speakers' turns (where the candidate is talked about in the
    third person) take that set's form; the candidate's own turns are left alone (there "she" is a colleague).
    """
    label = candidate_label(transcript)
    if label is None:
        raise ValueError("the transcript has no candidate name to swap")
    mapping = _replacements(label, new)
    alts = "|".join(re.escape(k) for k in sorted(mapping, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])(?:{alts})(?![\w-])", re.I)

    def sub(m: re.Match[str]) -> str:
        return _match_case(m.group(0), mapping[m.group(0).lower()])

    new_label = mapping[label.lower()]
    turns = []
    for t in transcript.turns:
        text = pattern.sub(sub, t.text)
        if pronouns is not None and t.role != "candidate":
            text = swap_pronouns(text, pronouns)
        speaker = new_label if t.role == "candidate" and t.speaker.strip() == label else t.speaker
        turns.append(t.model_copy(update={"text": text, "speaker": speaker}))
    return transcript.model_copy(update={"turns": turns})


# --- the check ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FairnessCase:
    """One transcript to check, and the role it is graded for."""

    source: str
    transcript: Transcript
    role: RoleChoice = "hybrid"


class GroupRate(_Strict):
    group: str
    label: str
    selected: int
    graded: int
    rate: float
    impact_ratio: float | None = Field(description="rate / the highest group's rate; null when no group selects anyone")


class Flip(_Strict):
    transcript: str
    group: str
    name: str
    before: Recommendation
    after: Recommendation


class ScoreChange(_Strict):
    transcript: str
    group: str
    name: str
    what: str = Field(description="a competency id, or 'recommendation' for the rank 0 (strong_no_hire)..3")
    before: int | None
    after: int | None
    delta: int


class Skipped(_Strict):
    transcript: str
    reason: str


class FairnessReport(_Strict):
    provider: str
    redacted: bool = Field(description="whether names were redacted before the grader saw the transcript")
    swap_pronouns: bool
    names_per_group: int
    transcripts: int
    gradings: int
    baseline_rate: float = Field(description="selection rate with the original names")
    groups: list[GroupRate]
    flips: list[Flip]
    largest_score_change: ScoreChange | None
    largest_rank_change: ScoreChange | None
    skipped: list[Skipped]
    min_impact_ratio: float
    max_flips: int
    problems: list[str]

    @property
    def passed(self) -> bool:
        return not self.problems


def _selected(card: Scorecard) -> bool:
    return card.recommendation in SELECTED


def _largest(changes: list[ScoreChange]) -> ScoreChange | None:
    best = max(changes, key=lambda c: abs(c.delta), default=None)
    return best if best is not None and best.delta != 0 else None


def _compare(source: str, name: PersonName, before: Scorecard, after: Scorecard) -> list[ScoreChange]:
    """Competency score changes (not assessed counts as 0) and the recommendation rank change."""
    base = {c.id: c.score for c in before.competencies}
    out = []
    for c in after.competencies:
        b = base.get(c.id)
        out.append(ScoreChange(transcript=source, group=name.group, name=name.full, what=c.id, before=b, after=c.score,
                               delta=(c.score or 0) - (b or 0)))
    # "no decision" recommends nothing: on the selection scale it stands with no_hire (not selected)
    rb = recommendation_rank(before.recommendation)
    ra = recommendation_rank(after.recommendation)
    rb, ra = (1 if rb is None else rb), (1 if ra is None else ra)
    out.append(ScoreChange(transcript=source, group=name.group, name=name.full, what="recommendation", before=rb,
                           after=ra, delta=ra - rb))
    return out


def resolve_groups(names: NameBook, groups: list[str] | None) -> list[str]:
    """The groups to compare (default: all), checked against the name lists."""
    group_ids = list(dict.fromkeys(groups)) if groups else list(names.groups)
    unknown = [g for g in group_ids if g not in names.groups]
    if unknown:
        raise ConfigError(f"unknown group {unknown[0]!r}; choose from: {', '.join(names.groups)}")
    if len(group_ids) < 2:
        raise ConfigError("a fairness check compares at least two groups; give two or more with --groups")
    return group_ids


async def run_fairness(
    cases: list[FairnessCase],
    provider: Provider,
    *,
    names: NameBook,
    groups: list[str] | None = None,
    redact: bool | None = None,
    redact_pronouns: bool = False,
    redact_orgs: bool = False,
    samples: int = 1,
    swap_pronouns: bool = False,
    names_per_group: int = 1,
    concurrency: int = 4,
    min_impact_ratio: float = FOUR_FIFTHS,
    max_flips: int = 0,
) -> FairnessReport:
    """Grade every case as it is and under every group's names; compare. Does not close ``provider``."""
    group_ids = resolve_groups(names, groups)
    limit = asyncio.Semaphore(max(1, concurrency))

    async def graded(source: str, transcript: Transcript, role: RoleChoice, as_name: str) -> Scorecard:
        async with limit:
            try:
                return await grade_async(transcript, provider, GradeOptions(role=role, samples=samples, redact=redact,
                                                                             redact_pronouns=redact_pronouns,
                                                                             redact_orgs=redact_orgs))
            except GradingError as e:
                raise GradingError(f"{source} (as {as_name}): {e}") from e

    skipped: list[Skipped] = []
    plan: list[tuple[FairnessCase, list[PersonName]]] = []
    for i, case in enumerate(cases):
        if candidate_label(case.transcript) is None:
            skipped.append(Skipped(transcript=case.source, reason="no candidate name in the transcript to swap "
                                   "(the candidate's label is generic or the candidate is not identified)"))
            continue
        avoid = transcript_words(case.transcript)
        chosen: list[PersonName] = []
        for g in group_ids:
            picked = pick_names(g, names.groups[g], i * names_per_group, names_per_group, avoid)
            if not picked:
                skipped.append(Skipped(transcript=case.source, reason=f"every {g} name already occurs in it"))
                break
            chosen += picked
        else:
            plan.append((case, chosen))

    if not plan:
        raise InputError(
            f"none of the {len(cases)} transcript(s) names its candidate, so there is no name to swap; "
            "pass --candidate NAME or a golden labels yaml"
        )

    async def one(case: FairnessCase, chosen: list[PersonName]) -> tuple[Scorecard, list[tuple[PersonName, Scorecard]]]:
        base = graded(case.source, case.transcript, case.role, "the original name")
        variants = [
            graded(case.source, swap_candidate(case.transcript, n, names.pronouns[n.gender] if swap_pronouns else None),
                   case.role, n.full)
            for n in chosen
        ]
        cards = await asyncio.gather(base, *variants)
        return cards[0], list(zip(chosen, cards[1:], strict=True))

    results = await asyncio.gather(*(one(c, chosen) for c, chosen in plan))

    counts = {g: [0, 0] for g in group_ids}  # selected, graded
    flips: list[Flip] = []
    changes: list[ScoreChange] = []
    baseline_selected = 0
    for (case, _), (base, variants) in zip(plan, results, strict=True):
        baseline_selected += _selected(base)
        for name, card in variants:
            counts[name.group][0] += _selected(card)
            counts[name.group][1] += 1
            if card.recommendation != base.recommendation:
                flips.append(Flip(transcript=case.source, group=name.group, name=name.full,
                                  before=base.recommendation, after=card.recommendation))
            changes += _compare(case.source, name, base, card)

    rates = {g: (s / n if n else 0.0) for g, (s, n) in counts.items()}
    top = max(rates.values(), default=0.0)
    group_rates = [
        GroupRate(group=g, label=names.groups[g].label, selected=counts[g][0], graded=counts[g][1], rate=round(rates[g], 4),
                  impact_ratio=round(rates[g] / top, 4) if top > 0 else None)
        for g in group_ids
    ]
    problems = [
        f"impact ratio {r.impact_ratio:.2f} for {r.group} is below {min_impact_ratio:g}"
        for r in group_rates if r.impact_ratio is not None and r.impact_ratio < min_impact_ratio
    ]
    if len(flips) > max_flips:
        problems.append(f"{len(flips)} verdict(s) changed with the name (allowed: {max_flips})")
    return FairnessReport(
        provider=provider.id,
        redacted=provider.remote if redact is None else redact,
        swap_pronouns=swap_pronouns,
        names_per_group=names_per_group,
        transcripts=len(plan),
        gradings=len(plan) + sum(len(c) for _, c in plan),
        baseline_rate=round(baseline_selected / len(plan), 4) if plan else 0.0,
        groups=group_rates,
        flips=flips,
        largest_score_change=_largest([c for c in changes if c.what != "recommendation"]),
        largest_rank_change=_largest([c for c in changes if c.what == "recommendation"]),
        skipped=skipped,
        min_impact_ratio=min_impact_ratio,
        max_flips=max_flips,
        problems=problems,
    )
