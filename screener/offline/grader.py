"""Grade a transcript from the evidence in the candidate's own words, with no model at all.

It reads each candidate turn for quantified claims (and whether they are real measurements, echoed from the
interviewer, or impossible), concrete artefacts, methods, debugging narratives, depth (trade-offs, failures,
baselines) and vagueness (hedges, buzzwords, tool lists), then scores each rubric competency whose topic the
candidate spoke about by the rubric's anchored levels.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..rubric import Competency
from ..safety.injection import MARKER
from ..scorecard import CompetencyScore, Evidence, GradeOutput, QuantifiedClaim, RedFlag
from ..transcript import Transcript, Turn
from . import lexicon as lx
from .numbers import METRIC_PHRASES, Claim, extract_claims, sentences
from .phrases import Hit, PhraseIndex

MEASUREMENT_COMPETENCIES = ("ai_measurement", "ml_evaluation")
MIN_TOPIC_HITS = 5  # fewer on-topic keyword hits than this, with nothing measured: off-topic, not judgeable
HYBRID_MIN_HITS = 15
MIN_WORDS = 150  # fewer candidate words than this is not enough to judge
MIN_SUBSTANTIVE_TURNS = 3
_WORD = re.compile(r"[A-Za-z0-9']+")
_NUMS = re.compile(r"\d+(?:\.\d+)?")


@dataclass
class TurnReading:
    turn: Turn
    words: int
    claims: list[Claim]
    artefacts: int
    methods: int
    cause: bool
    fix: bool
    depth: int
    hedges: int
    evasions: int
    buzz: int
    tools: int
    sentences: list[str] = field(default_factory=list)
    hits: dict[str, list[Hit]] = field(default_factory=dict)

    @property
    def credited(self) -> list[Claim]:
        return [c for c in self.claims if c.credited]

    method_context: bool = False  # the previous candidate answer described how this was measured
    agreed_to_numbers: list[str] = field(default_factory=list)  # the interviewer's numbers this answer agreed to

    @property
    def measured(self) -> bool:
        """Credited numbers with a comparison or a method (in this answer or the one before), not hedged away."""
        credited = self.credited
        if not credited:
            return False
        if any(c.before is not None or c.relative for c in credited):
            return True
        if self.hedges >= 2 or self.evasions:
            return False  # "I think it was around 0.9 or so, maybe twenty questions"
        return len(credited) >= 2 and (self.methods > 0 or self.method_context)


def _previous_interviewer(transcript: Transcript, index: int) -> Turn | None:
    for t in reversed(transcript.turns[:index]):
        if t.role == "interviewer":
            return t
    return None


def _read_turn(transcript: Transcript, turn: Turn, index: PhraseIndex) -> TurnReading:
    text = turn.text
    hits = index.scan(text)
    words = len(_WORD.findall(text))
    if MARKER in text:
        claims = [c for part in text.split(MARKER) for c in extract_claims(turn.index, part)]
    else:
        claims = extract_claims(turn.index, text, hits["metric"])
    asked = _previous_interviewer(transcript, turn.index)
    agreed: list[str] = []
    if asked is not None:
        asked_claims = [c for c in extract_claims(asked.index, asked.text) if c.kind == "measurement"]
        asked_numbers = set(_NUMS.findall(asked.text))
        agreeing = bool(lx.AGREEMENT.search(text)) or words < 25
        for c in claims:
            mine = set(_NUMS.findall(" ".join(c.numbers)))
            if mine and mine <= asked_numbers and agreeing:
                c.echoed = True
        if asked_claims and agreeing and not any(c.credited for c in claims):
            agreed = [n for c in asked_claims for n in c.numbers]
    return TurnReading(
        turn=turn,
        words=words,
        claims=claims,
        artefacts=len(hits["artefacts"]),
        methods=len(hits["methods"]),
        cause=bool(hits["cause"]),
        fix=bool(hits["fix"]),
        depth=len(hits["depth"]),
        hedges=len(hits["hedges"]),
        evasions=len(hits["evasions"]),
        buzz=len(hits["buzz"]),
        tools=len({phrase for _, _, phrase in hits["tools"]}),
        hits=hits,
        sentences=[s for part in text.split(MARKER) for s in sentences(part)],
        agreed_to_numbers=agreed,
    )


_INDEX_CACHE: dict[tuple[tuple[str, tuple[str, ...]], ...], PhraseIndex] = {}


def _phrase_index(competencies: list[Competency]) -> PhraseIndex:
    """The lexicons plus each competency's topic keywords (``comp:<id>``), built once per rubric."""
    key = tuple((c.id, tuple(c.keywords)) for c in competencies)
    if key not in _INDEX_CACHE:
        _INDEX_CACHE[key] = PhraseIndex({**lx.LEXICONS, "metric": METRIC_PHRASES,
                                         **{f"comp:{c.id}": c.keywords for c in competencies}})
    return _INDEX_CACHE[key]


@dataclass
class _CompetencyReading:
    comp: Competency
    hits: int = 0
    turns: list[TurnReading] = field(default_factory=list)
    sentences: list[tuple[int, str, int]] = field(default_factory=list)  # (turn, sentence, weight)


def _level(r: _CompetencyReading) -> tuple[int | None, str]:
    if r.hits == 0:
        return None, "not discussed"
    credited = [c for t in r.turns for c in t.credited]
    measured = any(t.measured for t in r.turns)
    artefact = any(t.artefacts for t in r.turns)
    narrative = any(t.cause or t.fix for t in r.turns)
    depth = sum(t.depth for t in r.turns)
    if measured and (artefact or narrative):
        if len(credited) >= 2 and depth >= 2:
            return 4, "a concrete artefact or fix, measured outcomes with a method, and trade-offs or failure analysis"
        return 3, "a concrete artefact or fix with a measured outcome and a method"
    concrete = sum(t.artefacts + t.cause + t.fix + len(t.credited) for t in r.turns)
    vague = sum(t.hedges + t.buzz + t.tools + t.evasions for t in r.turns)
    if concrete and concrete > vague:
        return 2, "real practice described, but no measured outcome with a method"
    if concrete:
        return 1, "the topic is named; what practice there is drowns in hedges, buzzwords and tool names"
    return 1, "the topic is named, with no artefact and no measurement"


def _evidence(r: _CompetencyReading, limit: int = 3) -> list[Evidence]:
    ranked = sorted(r.sentences, key=lambda s: -s[2])
    out: list[Evidence] = []
    for turn, sentence, _ in ranked:
        if len(sentence) >= 12 and all(e.quote != sentence for e in out):
            out.append(Evidence(quote=sentence, turn=turn))
        if len(out) >= limit:
            break
    return out


def _locate_sentences(r: TurnReading) -> tuple[list[int], list[str]]:
    """Start offsets of the reading's sentences in its turn text (for mapping keyword hits to sentences)."""
    starts, sents, pos = [], [], 0
    for sent in r.sentences:
        at = r.turn.text.find(sent, pos)
        if at < 0:
            continue
        starts.append(at)
        sents.append(sent)
        pos = at + len(sent)
    return starts, sents


def _sentence_weight(sentence: str, start: int, reading: TurnReading) -> int:
    end = start + len(sentence)

    def inside(name: str) -> bool:
        return any(start <= s < end for s, _, _ in reading.hits.get(name, ()))

    weight = 1
    if any(c.credited and c.sentence == sentence for c in reading.claims):
        weight += 4
    if inside("artefacts"):
        weight += 2
    if inside("methods"):
        weight += 1
    if inside("depth"):
        weight += 1
    return weight


def grade_offline(transcript: Transcript, competencies: list[Competency], role: str) -> GradeOutput:
    index = _phrase_index(competencies)
    readings = [_read_turn(transcript, t, index) for t in transcript.candidate_turns]
    for prev, cur in zip(readings, readings[1:], strict=False):
        cur.method_context = prev.methods > 0
    total_words = sum(r.words for r in readings)
    substantive = sum(1 for r in readings if r.words >= 15)

    comp_readings: list[_CompetencyReading] = []
    # measurement rigour is cross-cutting: a measured answer is evidence for it whatever words it uses
    measurement_id = next((c.id for c in competencies if c.id in MEASUREMENT_COMPETENCIES), None)
    located = [_locate_sentences(r) for r in readings]
    weights: dict[tuple[int, int], int] = {}
    for comp in competencies:
        cr = _CompetencyReading(comp)
        for r, (starts, sents) in zip(readings, located, strict=True):
            counts: dict[int, int] = {}
            for hit_start, _, _ in r.hits[f"comp:{comp.id}"]:
                i = bisect.bisect_right(starts, hit_start) - 1
                if i >= 0:
                    counts[i] = counts.get(i, 0) + 1
            if comp.id == measurement_id and r.measured:
                for i, sent in enumerate(sents):
                    if any(c.credited and c.sentence == sent for c in r.claims):
                        counts[i] = counts.get(i, 0) + 1
            for i, n in sorted(counts.items()):
                key = (r.turn.index, i)
                if key not in weights:
                    weights[key] = _sentence_weight(sents[i], starts[i], r)
                cr.sentences.append((r.turn.index, sents[i], weights[key] + n))
            if counts:
                cr.hits += sum(counts.values())
                cr.turns.append(r)
        comp_readings.append(cr)

    scored: list[CompetencyScore] = []
    for cr in comp_readings:
        level, why = _level(cr)
        evidence = _evidence(cr) if level else []
        scored.append(CompetencyScore(id=cr.comp.id, name=cr.comp.name, score=level if evidence else None,
                                      rationale=f"Level {level}: {why}." if level else "Not discussed.",
                                      evidence=evidence))

    claims = [c for r in readings for c in r.claims]
    credited = [c for c in claims if c.credited]
    impossible = [c for c in claims if not c.plausible]
    non_measure = [c for c in claims if c.kind == "non_measurement"]
    measured_turns = {r.turn.index for r in readings if r.measured}
    hedges = sum(r.hedges for r in readings)
    buzz = sum(r.buzz for r in readings)
    vagueness = (hedges + 2 * buzz) / max(total_words, 1) * 100

    red_flags: list[RedFlag] = []
    for c in impossible:
        red_flags.append(RedFlag(kind="impossible_number", detail=c.why_implausible or "impossible number", turn=c.turn))
    for r in readings:
        if r.agreed_to_numbers:
            red_flags.append(RedFlag(kind="interviewer_supplied_numbers",
                                     detail=f"the interviewer stated {', '.join(r.agreed_to_numbers)}; the candidate "
                                            "only agreed", turn=r.turn.index))
    if non_measure and not credited:
        red_flags.append(RedFlag(kind="non_measurement_numbers",
                                 detail="numbers given are experience, team size or tool counts, not outcomes",
                                 turn=non_measure[0].turn))
    for r in readings:
        if r.tools >= 4 and not r.credited:
            red_flags.append(RedFlag(kind="tool_list", detail=f"{r.tools} tools named with no measured outcome",
                                     turn=r.turn.index))
    if total_words >= MIN_WORDS and not credited:
        red_flags.append(RedFlag(kind="no_measurement", detail="no measured outcome in the candidate's answers",
                                 turn=None))
    if vagueness >= 2.0 and len(credited) < 2:
        red_flags.append(RedFlag(kind="vague_claims",
                                 detail=f"{hedges} hedges and {buzz} buzzwords in {total_words} words", turn=None))

    levels = [s.score for s in scored if s.score is not None]
    topic_hits = sum(cr.hits for cr in comp_readings)
    evasions = sum(r.evasions for r in readings)
    practice = any(r.artefacts or r.cause or r.fix for r in readings if r.measured)
    if (total_words < MIN_WORDS or substantive < MIN_SUBSTANTIVE_TURNS) and len(measured_turns) < 2:
        signal = "insufficient_evidence"
    elif not measured_turns and not impossible and topic_hits + buzz + sum(r.tools for r in readings) < MIN_TOPIC_HITS:
        # nothing measured and hardly a word on the job's topics, not even buzzwords: off-topic, not judgeable
        signal = "insufficient_evidence"
    elif impossible:
        signal = "prompt_tourist"
    elif len(measured_turns) >= 2 and practice and evasions <= 1 and levels and max(levels) >= 3:
        signal = "engineer"
    else:
        signal = "prompt_tourist"
    if evasions:
        red_flags.append(RedFlag(kind="evasive_on_numbers",
                                 detail=f"{evasions} time(s) the candidate could not give the numbers or deferred to others",
                                 turn=next(r.turn.index for r in readings if r.evasions)))

    if signal == "engineer":
        strong = sum(1 for v in levels if v >= 3)
        top = sum(1 for v in levels if v == 4)
        recommendation = "strong_hire" if strong >= 3 and top >= 2 and not red_flags else "hire"
    elif signal == "prompt_tourist":
        manipulation = any(MARKER in r.turn.text for r in readings)  # text aimed at the grader was removed
        egregious = impossible or manipulation or (not credited and vagueness >= 3.0 and total_words >= 250)
        recommendation = "strong_no_hire" if egregious else "no_hire"
    else:
        recommendation = "no_hire"

    role_fit = _role_fit(comp_readings, total_words)
    quantified = [
        QuantifiedClaim(quote=c.sentence, turn=c.turn, metric=c.metric, before=c.before, after=c.after, unit=c.unit,
                        plausible=c.plausible)
        for c in claims
        if c.kind == "measurement" and not c.echoed
    ]
    follow_ups = _follow_ups(comp_readings, scored)
    summary = (
        f"{signal.replace('_', ' ').capitalize()}: {len(credited)} measured claim(s) in {len(measured_turns)} "
        f"answer(s), {sum(1 for v in levels if v >= 3)} competency(ies) at level 3+, {len(impossible)} impossible "
        f"number(s), {hedges} hedge(s) and {buzz} buzzword(s) in {total_words} candidate words."
    )
    return GradeOutput(recommendation=recommendation, signal=signal, role_fit=role_fit, summary=summary,
                       competencies=scored, quantified_claims=quantified, red_flags=red_flags, follow_ups=follow_ups)


def _role_fit(readings: list[_CompetencyReading], total_words: int) -> str:
    ai = sum(r.hits for r in readings if r.comp.track == "ai_engineer")
    ml = sum(r.hits for r in readings if r.comp.track == "ml_engineer")
    if ai + ml < 4 or total_words < 60:
        return "unclear"
    # hybrid: both tracks comparable, or the weaker one substantial in its own right (a long AI answer
    # about a RAG system does not make 15+ mentions of features, training and drift go away)
    if min(ai, ml) >= 4 and (min(ai, ml) / max(ai, ml) >= 0.5 or min(ai, ml) >= HYBRID_MIN_HITS):
        return "hybrid"
    return "ai_engineer" if ai >= ml else "ml_engineer"


def _follow_ups(readings: list[_CompetencyReading], scored: list[CompetencyScore], limit: int = 5) -> list[str]:
    out: list[str] = []
    for cr, sc in zip(readings, scored, strict=True):
        if sc.score is None:
            out.append(cr.comp.questions[0].text)
        elif sc.score <= 2:
            out.append(cr.comp.questions[0].follow_ups[0])
        if len(out) >= limit:
            break
    return out
