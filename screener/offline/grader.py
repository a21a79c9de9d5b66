"""Grade a transcript from the evidence in the candidate's own words, with no model at all.

It reads each candidate turn for quantified claims (and whether they are real measurements, echoed from the
interviewer, or impossible), concrete artefacts, methods, debugging narratives, depth (trade-offs, failures,
baselines) and vagueness (hedges, buzzwords, tool lists). Each sentence is filed under the competency whose
practice it describes (``topics``), and each rubric competency is scored by the anchored levels from the
sentences filed under it alone. Role fit is judged from which track's practice the sentences describe, the
other track's competencies included, whatever role was interviewed for. The thresholds are
``OfflineSettings``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..rubric import Competency, load_rubric
from ..safety.injection import MARKER
from ..scorecard import CompetencyScore, Evidence, GradeOutput, QuantifiedClaim, RedFlag
from ..transcript import Transcript, Turn
from ..vocab import Recommendation
from . import lexicon as lx
from . import ownership, topics
from .contradictions import contradictions
from .cutoff import cut_off
from .numbers import METRIC_PHRASES, Claim, extract_claims, sentences
from .phrases import Hit, PhraseIndex
from .settings import DEFAULT_OFFLINE, OfflineSettings

MEASUREMENT_COMPETENCIES = topics.MEASUREMENT_COMPETENCIES
_WORD = re.compile(r"[A-Za-z0-9']+")


@dataclass
class SentenceReading:
    """One sentence of a candidate answer: its lexicon hits, its claims, and the competencies it is about."""

    turn: int
    pos: int  # its position in the answer
    text: str
    found: dict[str, list[Hit]]
    claims: list[Claim]
    raw: dict[str, int] = field(default_factory=dict)  # competency id -> cue score
    scores: dict[str, int] = field(default_factory=dict)  # ... less the other track's penalty: what competes
    topics: list[str] = field(default_factory=list)  # filed under (one, two when it genuinely evidences both)
    inherited: bool = False  # no topic words of its own: it continues the answer's topic
    owned: bool = True  # the candidate's own practice at all, not a disclaimer or someone else's (``ownership``)

    def has(self, name: str) -> int:
        hits = self.found.get(name)
        return len(hits) if hits else 0

    def __post_init__(self) -> None:
        # read once: a sentence's claims and hits do not change after its answer is read (``_read_turn``)
        found = self.found
        # a number in a sentence the candidate disowns ("I timed it on my phone, so it's not a real measurement",
        # a colleague's result) is not their measurement
        self.credited: list[Claim] = [c for c in self.claims if c.credited] if self.claims and self.owned else []
        # it tells of a fix, a cause or a credited number: practice, not a word
        self.practice: bool = bool(self.credited or found.get("cause") or found.get("fix"))
        # anything concrete in it at all (numbers, artefacts, methods, narrative, depth); an intention or a
        # permission ("I got permission to build a test set") is none
        self.content: bool = not found.get("intent") and bool(
            self.practice or found.get("artefacts") or found.get("methods") or found.get("depth"))


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
    hits: dict[str, list[Hit]] = field(default_factory=dict)  # the lexicons that matched (``PhraseIndex.find``)
    sents: list[SentenceReading] = field(default_factory=list)
    hedge_limit: int = DEFAULT_OFFLINE.hedges_void_measurement
    asked: str | None = None  # the competency the interviewer's question was about
    disowned: frozenset[str] = frozenset()  # its sentences that are not the candidate's own practice (``ownership``)

    @property
    def credited(self) -> list[Claim]:
        if self.disowned:
            return [c for c in self.claims if c.credited and c.sentence not in self.disowned]
        return [c for c in self.claims if c.credited]

    method_context: bool = False  # the previous candidate answer described how this was measured
    agreed_to_numbers: list[str] = field(default_factory=list)  # the interviewer's numbers this answer agreed to

    @property
    def measured(self) -> bool:
        """Credited numbers with a comparison or a method (in this answer or the one before), not hedged away."""
        credited = self.credited
        if not credited:
            return False
        if any(c.before is not None for c in credited):
            return True
        if any(c.relative for c in credited) and (self.methods > 0 or self.method_context):
            return True  # "reduced churn by 40 percent" alone is the rubric's tourist sign: a change needs a method
        if self.hedges >= self.hedge_limit or self.evasions:
            return False  # "I think it was around 0.9 or so, maybe twenty questions"
        return len(credited) >= 2 and (self.methods > 0 or self.method_context)


def _questions(transcript: Transcript) -> dict[int, Turn | None]:
    """Each turn's index -> the interviewer turn last before it (the question it answers), in one pass."""
    out: dict[int, Turn | None] = {}
    last: Turn | None = None
    for t in transcript.turns:
        out[t.index] = last
        if t.role == "interviewer":
            last = t
    return out


def _split(text: str, hits: dict[str, list[Hit]], claims: list[Claim], turn: int,
           sents: list[str], disowned: frozenset[str] = frozenset()) -> list[SentenceReading]:
    """The answer's sentences (``sents``), each with the lexicon hits and the claims inside it."""
    starts: list[int] = []
    kept: list[str] = []
    pos = 0
    for sent in sents:
        at = text.find(sent, pos)
        if at < 0:
            continue
        starts.append(at)
        kept.append(sent)
        pos = at + len(sent)
    found: list[dict[str, list[Hit]]] = [{} for _ in kept]
    for name, name_hits in hits.items():
        for hit in name_hits:
            i = bisect.bisect_right(starts, hit[0]) - 1
            if i >= 0 and hit[1] <= starts[i] + len(kept[i]):
                found[i].setdefault(name, []).append(hit)
    by_text: dict[str, list[Claim]] = {}
    for c in claims:
        by_text.setdefault(c.sentence, []).append(c)
    return [SentenceReading(turn, i, s, found[i], by_text.get(s, []), owned=s not in disowned)
            for i, s in enumerate(kept)]


def _read_turn(turn: Turn, asked: Turn | None, index: PhraseIndex, settings: OfflineSettings,
               said_before: set[str] | frozenset[str] = frozenset(), room: int | None = None) -> TurnReading:
    """Read one candidate answer (``asked``: the interviewer's turn before it). ``said_before``: the numbers the
    candidate stated in earlier answers (an interviewer recapping them supplies nothing); ``room``: the
    sentences still to be read (``max_sentences``), the answer's first ones."""
    text = turn.text
    hits = index.find(text)  # the lexicons that matched: read with ``get``
    words = len(_WORD.findall(text))
    question = asked.text if asked is not None else None
    if MARKER in text:
        parts = text.split(MARKER)
        claims = [c for i, part in enumerate(parts)
                  for c in extract_claims(turn.index, part, context=question if i == 0 else None)]
        sents = [s for part in parts for s in sentences(part)]
    else:
        sents = sentences(text)  # split once: the claims are read from these sentences, and so is the answer
        claims = extract_claims(turn.index, text, context=question, sents=sents)
    agreed: list[str] = []
    # an answer that does not agree cannot have agreed to the interviewer's numbers: their claims are read only
    # for one that does
    if asked is not None and (words < settings.agreement_max_words or lx.AGREEMENT.search(text)):
        # the interviewer stated a measurement first (not a recap of the candidate's own numbers, not small talk)
        asked_claims = extract_claims(asked.index, asked.text)
        supplied = [c for c in asked_claims
                    if c.kind == "measurement" and c.numbers and not set(c.numbers) <= said_before]
        if supplied:
            asked_numbers = {n for c in asked_claims for n in c.numbers}
            for c in claims:  # the question's numbers said back: agreed to, not the candidate's own
                if c.numbers and (c.restated or set(c.numbers) <= asked_numbers) \
                        and not set(c.numbers) <= said_before:
                    c.echoed = True
            if not any(c.credited for c in claims):  # no number of the candidate's own: it only agreed
                agreed = [n for c in supplied for n in c.numbers]
    if room is not None and len(sents) > room:
        sents = sents[:room]
    disowned = frozenset(s for s, own in zip(sents, ownership.owned(sents, question), strict=True) if not own)
    return TurnReading(
        turn=turn,
        words=words,
        claims=claims,
        artefacts=len(hits.get("artefacts", ())),
        methods=len(hits.get("methods", ())),
        cause="cause" in hits,
        fix="fix" in hits,
        depth=len(hits.get("depth", ())),
        hedges=len(hits.get("hedges", ())),
        evasions=len(hits.get("evasions", ())),
        buzz=len(hits.get("buzz", ())),
        tools=len({phrase for _, _, phrase in hits.get("tools", ())}),
        hits=hits,
        sentences=sents,
        sents=_split(text, hits, claims, turn.index, sents, disowned),
        disowned=disowned,
        hedge_limit=settings.hedges_void_measurement,
        agreed_to_numbers=agreed,
    )


@dataclass(frozen=True)
class _Vocabulary:
    index: PhraseIndex
    cues: tuple[topics.Cues, ...]  # every topic competency of both tracks (and the rubric's own)
    order: dict[str, int]  # competency id -> rank for ties: the interviewed rubric's first
    penalty: dict[str, int]  # taken off the cue score of the competencies outside the interviewed rubric
    keywords: tuple[tuple[str, frozenset[str]], ...]  # every competency's rubric keywords, both tracks'
    questions: PhraseIndex  # the cues alone, for reading what an interviewer asks about
    cue_keys: frozenset[str]  # ``comp:<id>`` of every topic competency
    rank: dict[str, int] = field(default_factory=dict)  # ``comp:<id>`` -> its place in ``cues``
    context_keys: frozenset[str] = frozenset()  # the lexicons whose phrases are context words


_VOCAB_CACHE: dict[tuple[object, ...], _Vocabulary] = {}
_VOCAB_BY_ID: dict[tuple[int, ...], tuple[list[Competency], _Vocabulary]] = {}  # the same rubric objects again


def _vocabulary(competencies: list[Competency], settings: OfflineSettings) -> _Vocabulary:
    """The lexicons plus the cues of every competency of both tracks (``comp:<id>``), built once per rubric.

    The grader is given only the interviewed role's competencies; the other track's come from the bundled
    rubric, so that a sentence about features or drift is filed under the ML track, not forced onto an AI
    competency, and role fit can see it."""
    fast = (settings.other_track_penalty, *map(id, competencies))
    known = _VOCAB_BY_ID.get(fast)
    if known is not None and known[0] == competencies:
        return known[1]
    key = (settings.other_track_penalty, *((c.id, tuple(c.keywords)) for c in competencies))
    if key not in _VOCAB_CACHE:
        given = {c.id for c in competencies}
        every = list(competencies) + [c for c in load_rubric().competencies if c.id not in given]
        cues = tuple(topics.competency_cues(c) for c in every)
        index = PhraseIndex({
            **lx.LEXICONS, "metric": METRIC_PHRASES, "impressions": lx.IMPRESSIONS,
            "not_cues": topics.NOT_CUES, "intent": topics.INTENT, "context": tuple(topics.context_words()),
            **{f"track:{t}": words for t, words in topics.TRACK_WORDS.items()},
            **{f"comp:{c.id}": tuple(c.weights) for c in cues},
        })
        order = {c.id: i for i, c in enumerate(every)}
        penalty = {c.id: settings.other_track_penalty for c in every if c.id not in given}
        keywords = tuple((c.id, frozenset(c.keywords)) for c in every)
        topic_cues = tuple(c for c in cues if c.id not in topics.CROSS_CUTTING)
        questions = PhraseIndex({"not_cues": topics.NOT_CUES, "intent": topics.INTENT,
                                 "context": tuple(topics.context_words()),
                                 **{f"comp:{c.id}": tuple(c.weights) for c in topic_cues}})
        cue_keys = frozenset(c.key for c in topic_cues)
        _VOCAB_CACHE[key] = _Vocabulary(index, topic_cues, order, penalty, keywords, questions, cue_keys,
                                        {c.key: i for i, c in enumerate(topic_cues)},
                                        frozenset({"context", *(c.key for c in cues)}))
    _VOCAB_BY_ID[fast] = (list(competencies), _VOCAB_CACHE[key])
    return _VOCAB_CACHE[key]


def _blocked(s: SentenceReading) -> list[tuple[int, int]]:
    spans = [(a, b) for a, b, _ in s.found.get("not_cues", ())]
    end = 10**12
    spans += [(a, end) for a, _, _ in s.found.get("intent", ())]
    return spans


def _words_in(found: dict[str, list[Hit]], keys: frozenset[str]) -> set[str]:
    """The context words and cue phrases among ``found`` (``keys``: the lexicons they are in)."""
    return {p for k in keys.intersection(found) for _, _, p in found[k]}


def _score(s: SentenceReading, vocab: _Vocabulary, answer: set[str] | None = None) -> dict[str, int]:
    """The sentence's cue score for each competency (``SentenceReading.raw``), and the score it competes with
    (``scores``: the other track's competencies lose ``other_track_penalty``)."""
    found = s.found
    present = [k for k in vocab.cue_keys.intersection(found) if found[k]]
    if not present:
        s.raw = {}
        return {}
    context = _words_in(found, vocab.context_keys)
    rank = vocab.rank
    cues = [vocab.cues[i] for i in sorted(rank[k] for k in present)]  # in the vocabulary's order, as ever
    s.raw = topics.score_sentence(cues, found, context, context if answer is None else answer, _blocked(s),
                                  s.practice)
    penalty = vocab.penalty
    return {cid: v - penalty.get(cid, 0) for cid, v in s.raw.items() if v > penalty.get(cid, 0)}


def _question_topic(question: Turn | None, vocab: _Vocabulary, settings: OfflineSettings) -> str | None | bool:
    """The competency an interviewer's question asks about; None if it names none; False if it is no follow-up."""
    if question is None:
        return False
    hits = vocab.questions.find(question.text)
    probe = SentenceReading(question.index, 0, question.text, hits, [])
    scores = _score(probe, vocab)
    best = max(scores.items(), key=lambda kv: (kv[1], -vocab.order[kv[0]]), default=None)
    if best and best[1] >= settings.sentence_topic_score:
        return best[0]
    return None if len(_WORD.findall(question.text)) <= 25 else False


def _attribute(questions: dict[int, Turn | None], readings: list[TurnReading], vocab: _Vocabulary,
               settings: OfflineSettings, measured_to: str | None = None) -> None:
    """File every sentence under the competency it is about (``SentenceReading.topics``). In an answer to a question about a competency, any of its cues
    puts a sentence on it. ``measured_to``: the competency a measured sentence about no topic is filed under
    (model evaluation, in an ML rubric)."""
    thr, second = settings.sentence_topic_score, settings.second_topic_score
    for r in readings:
        answer = _words_in(r.hits, vocab.context_keys)
        for s in r.sents:
            # a disclaimer or someone else's practice is about no competency (``ownership``)
            s.scores = _score(s, vocab, answer) if s.owned else {}
    # which track the answers are about, for ties between the tracks' shared words ("test set", "latency")
    track_of = {c.id: c.track for c in vocab.cues}
    strength: dict[str, int] = {}
    for r in readings:
        for s in r.sents:
            for cid, v in s.scores.items():
                if v >= thr:
                    strength[track_of[cid]] = strength.get(track_of[cid], 0) + v
    last_topic: str | None = None
    for r in readings:
        asked = _question_topic(questions[r.turn.index], vocab, settings)
        r.asked = asked if isinstance(asked, str) else None
        lead = asked if isinstance(asked, str) else (last_topic if asked is None else None)
        current, since = lead, 0
        carried = False  # an own sentence of this answer set the topic the next answer may continue
        for s in r.sents:
            if not s.owned:  # it carries no topic to the sentences after it
                current, since = None, 0
                continue
            on = {cid: v for cid, v in s.scores.items() if v >= thr or cid == r.asked}
            if not on and measured_to and s.credited and r.measured:
                s.scores[measured_to] = thr
                on = {measured_to: thr}
            if on:
                primary = max(on, key=lambda cid: (on[cid], strength.get(track_of[cid], 0), -vocab.order[cid]))
                # a second competency only when the sentence genuinely evidences it too
                # (at most one: a sentence evidencing three practices is a sentence about none of them in depth)
                also = sorted((cid for cid, v in on.items() if cid != primary
                               and (v >= second or v == on[primary] >= settings.assessed_sentence_score)),
                              key=lambda cid: (on[cid], -vocab.order[cid]), reverse=True)
                s.topics = [primary] + also[:1]
                if measured_to and primary in vocab.penalty and measured_to not in s.topics and s.credited \
                        and r.measured:
                    # a measured outcome of the other track's practice is still evidence of how results are
                    # measured (the interviewed rubric's model evaluation), as measurement rigour reads it in an
                    # AI rubric: an engineer screened for the other track keeps the verdict the evidence supports
                    s.topics.append(measured_to)
                    s.scores[measured_to] = max(s.scores.get(measured_to, 0), thr)
                current, since, last_topic, carried = primary, 0, primary, True
                continue
            since += 1
            if current is not None and since <= settings.inherit_sentences and s.content:
                s.topics, s.inherited = [current], True
        if not carried and not all(s.owned for s in r.sents):
            last_topic = None  # an answer that disowned the topic hands none on
    # a topic that keeps coming up in sentences about nothing else is discussed, if only in its own words
    mentions: dict[str, list[SentenceReading]] = {}
    for r in readings:
        for s in r.sents:
            if not s.topics:
                for cid in s.scores:
                    mentions.setdefault(cid, []).append(s)
    for cid, sents in mentions.items():
        if len(sents) >= settings.mentions_to_assess:
            for s in sents:
                if not s.topics:
                    s.topics = [cid]


@dataclass
class _CompetencyReading:
    comp: Competency
    sents: list[SentenceReading] = field(default_factory=list)
    turns: dict[int, TurnReading] = field(default_factory=dict)


def _measured(sents: list[SentenceReading], turns: dict[int, TurnReading]) -> bool:
    """A measured outcome with a method among ``sents``: a before and after, or a change or two numbers with how
    they were measured (in the same answer or the one before); never a bare "improved 40%"."""
    for s in sents:
        credited = s.credited
        if not credited:
            continue
        t = turns[s.turn]
        if t.evasions or (t.hedges >= t.hedge_limit and not any(c.before is not None for c in credited)):
            continue
        method = t.methods > 0 or t.method_context
        if any(c.before is not None for c in credited) and (method or len(credited) >= 2 or t.measured):
            return True
        if method and (any(c.relative for c in credited) or len(credited) >= 2 or t.measured):
            return True
    return False


def _with_method(t: TurnReading) -> bool:
    """The answer measured something with a before and after or a method, not only a bare change."""
    return t.measured and (t.methods > 0 or t.method_context or any(c.before is not None for c in t.credited))


def _context(r: _CompetencyReading) -> list[SentenceReading]:
    """Its sentences plus the sentences of the same answers that no competency is about."""
    filed = {(s.turn, s.pos) for s in r.sents}
    return [s for t in r.turns.values() for s in t.sents if (s.turn, s.pos) in filed or not s.topics]


def _level(r: _CompetencyReading, settings: OfflineSettings) -> tuple[int | None, str]:
    sents = r.sents
    if not sents:
        return None, "not discussed"
    own = [s.scores.get(r.comp.id, 0) for s in sents if not s.inherited]
    answered = any(not s.inherited and r.turns[s.turn].asked == r.comp.id for s in sents)
    weight = sum(own) + sum(1 for s in sents if s.inherited and s.practice)
    if not own or not answered and weight < settings.assessed_score and max(own) < settings.assessed_sentence_score:
        return None, "named in passing, no practice described"
    around = _context(r)
    credited = [c for s in around for c in s.credited]
    # a measured outcome in the same answer as the practice counts: the fix, then what it did (a before and after,
    # or a method: "improved 40%" alone is the rubric's tourist sign, not a measurement)
    measured = _measured(around, r.turns) or any(_with_method(r.turns[s.turn]) for s in sents if not s.inherited)
    artefact = any(s.has("artefacts") for s in around)
    narrative = any(s.has("cause") or s.has("fix") for s in around)
    depth = sum(s.has("depth") for s in around)
    tools = len({p for s in sents for _, _, p in s.found.get("tools", ())})
    # a tool list stands for the practice only beside a before and after, or a method of its own answer
    compared = any(c.before is not None for c in credited)
    own_method = any(r.turns[s.turn].methods > 0 for s in sents)
    if tools >= 2 and not (measured and (compared or own_method)):
        return 1, "tools named, with no test case, result or number (a tourist sign)"
    if measured and (artefact or narrative):
        if len(credited) >= 2 and depth >= settings.level4_depth:
            return 4, "a concrete artefact or fix, measured outcomes with a method, and trade-offs or failure analysis"
        return 3, "a concrete artefact or fix with a measured outcome and a method"
    concrete = sum(s.has("artefacts") + s.has("cause") + s.has("fix") + len(s.credited) for s in sents)
    vague = sum(s.has("hedges") + s.has("buzz") + s.has("tools") + s.has("evasions") for s in sents)
    if concrete and concrete > vague:
        if credited and not measured:
            return 2, "real practice and a number, but no method or baseline for it"
        return 2, "real practice described, but no measured outcome with a method"
    if concrete:
        return 1, "the topic is named; what practice there is drowns in hedges, buzzwords and tool names"
    return 1, "the topic is named, with no artefact and no measurement"


def _measurement_reading(comp: Competency, readings: list[TurnReading]) -> _CompetencyReading:
    """Measurement rigour reads every answer: measured sentences, measurement words, impressions, and numbers
    that measure nothing."""
    cr = _CompetencyReading(comp)
    key = f"comp:{comp.id}"
    for r in readings:
        measured_turn = r.measured
        for s in r.sents:
            found = s.found
            measured = measured_turn and bool(s.credited)
            worded = found.get(key) and (s.credited or found.get("methods") or found.get("depth"))
            impression = found.get("impressions") or any(c.kind == "non_measurement" for c in s.claims)
            if measured or worded or impression:
                cr.sents.append(s)
                cr.turns[r.turn.index] = r
    return cr


def _measurement_level(r: _CompetencyReading) -> tuple[int | None, str]:
    if not r.sents:
        return None, "not discussed"
    credited = [c for s in r.sents for c in s.credited]
    measured = _measured(r.sents, r.turns)
    if measured:
        compared = sum(1 for c in credited if c.before is not None or c.relative)
        depth = sum(t.depth for t in r.turns.values())
        methods = sum(t.methods for t in r.turns.values())
        if compared >= 2 and depth >= 2 and methods >= 3:
            return 4, "before and after numbers with how they were measured, plus baselines, noise or what the " \
                      "metric misses"
        return 3, "before and after numbers for named outcomes, with how they were measured"
    if credited:
        return 2, "numbers for outcomes, but no method, sample or baseline for them"
    return 1, "results stated as impressions, or numbers that measure nothing"


def _quote_rank(s: SentenceReading) -> tuple[int, ...]:
    weight = (4 if s.credited else 0) + 2 * bool(s.has("artefacts")) + bool(s.has("methods")) + bool(s.has("depth"))
    return (0 if s.inherited else 1, max(s.scores.values(), default=0) >= 2, weight)


def _measurement_rank(s: SentenceReading) -> tuple[int, ...]:
    """How well a sentence shows how a result was measured: a before and after, then a method or a caveat."""
    compared = any(c.before is not None or c.relative for c in s.credited)
    return (compared, bool(s.credited), bool(s.has("methods") or s.has("depth")), bool(s.has("impressions")))


def _evidence(r: _CompetencyReading, used: set[tuple[int, int]], settings: OfflineSettings,
              shared: bool) -> list[Evidence]:
    """Up to ``quotes_per_competency`` of its sentences, best first; a sentence another competency already
    quotes only when it is filed under both (``shared``) or there is nothing else."""
    rank = _measurement_rank if r.comp.id in topics.CROSS_CUTTING else _quote_rank
    ranked = sorted((s for s in r.sents if len(s.text) >= settings.min_quote_chars), key=rank, reverse=True)
    fresh = [s for s in ranked if (s.turn, s.pos) not in used]
    pool = ranked if shared else (fresh or ranked[:1])
    out: list[Evidence] = []
    for s in pool:
        if all(e.quote != s.text for e in out):
            out.append(Evidence(quote=s.text, turn=s.turn))
            used.add((s.turn, s.pos))
        if len(out) >= settings.quotes_per_competency:
            break
    return out


def _verdict_key(transcript: Transcript, competencies: list[Competency], role: str,
                 settings: OfflineSettings) -> tuple[object, ...]:
    """Everything ``grade_offline`` reads, for remembering its last verdict (``offline_verdict``)."""
    turns = tuple((t.index, t.speaker, t.role, t.text, t.start) for t in transcript.turns)
    return (role, settings, transcript.format, transcript.source, turns)


# the last grading's inputs and recommendation: the offline provider grades the stripped transcript, and the
# injection rule then asks what that same transcript's evidence supports (``offline_verdict``)
_LAST_VERDICT: tuple[tuple[object, ...], list[Competency], Recommendation] | None = None


def offline_verdict(transcript: Transcript, competencies: list[Competency], role: str,
                    settings: OfflineSettings = DEFAULT_OFFLINE) -> Recommendation:
    """``grade_offline(...).recommendation``, without grading again what the last call just graded."""
    last = _LAST_VERDICT
    if last is not None and last[0] == _verdict_key(transcript, competencies, role, settings) \
            and len(last[1]) == len(competencies) and all(a is b for a, b in zip(last[1], competencies, strict=True)):
        return last[2]
    return grade_offline(transcript, competencies, role, settings).recommendation


def grade_offline(transcript: Transcript, competencies: list[Competency], role: str,
                  settings: OfflineSettings = DEFAULT_OFFLINE) -> GradeOutput:
    """Grade ``transcript`` on ``competencies`` (the interviewed role's rubric) from its evidence alone.

    ``role`` is the role interviewed for; role fit is judged from the evidence, never copied from it."""
    global _LAST_VERDICT
    key = _verdict_key(transcript, competencies, role, settings)
    output = _grade_offline(transcript, competencies, role, settings)
    _LAST_VERDICT = (key, list(competencies), output.recommendation)
    return output


def _grade_offline(transcript: Transcript, competencies: list[Competency], role: str,
                   settings: OfflineSettings) -> GradeOutput:
    vocab = _vocabulary(competencies, settings)
    readings: list[TurnReading] = []
    said: set[str] = set()
    questions = _questions(transcript)
    room = settings.max_sentences  # grading time is bounded: answers past this many sentences are not read
    unread: list[Turn] = []
    for t in transcript.candidate_turns:
        if room <= 0:
            unread.append(t)
            continue
        readings.append(_read_turn(t, questions[t.index], vocab.index, settings, said, room))
        said.update(n for c in readings[-1].claims for n in c.numbers)
        room -= len(readings[-1].sents)
    for prev, cur in zip(readings, readings[1:], strict=False):
        cur.method_context = prev.methods > 0
    total_words = sum(r.words for r in readings)
    substantive = sum(1 for r in readings if r.words >= settings.substantive_turn_words)
    measurement_id = next((c.id for c in competencies if c.id in MEASUREMENT_COMPETENCIES), None)
    _attribute(questions, readings, vocab, settings,
                        None if measurement_id in topics.CROSS_CUTTING else measurement_id)
    comp_readings = [_measurement_reading(comp, readings) if comp.id in topics.CROSS_CUTTING
                     else _CompetencyReading(comp) for comp in competencies]
    # every sentence to the competencies it is filed under, in one pass (in answer order, as each reads them)
    filed: dict[str, list[_CompetencyReading]] = {}
    for cr in comp_readings:
        if cr.comp.id not in topics.CROSS_CUTTING:
            filed.setdefault(cr.comp.id, []).append(cr)
    for r in readings:
        for s in r.sents:
            for cid in dict.fromkeys(s.topics):
                for cr in filed.get(cid, ()):
                    cr.sents.append(s)
                    cr.turns[r.turn.index] = r

    scored: list[CompetencyScore] = []
    used: set[tuple[int, int]] = set()
    results: dict[str, tuple[int | None, str, list[Evidence]]] = {}
    # topics first, so measurement rigour quotes the measured sentences the topics do not
    for cr in sorted(comp_readings, key=lambda cr: cr.comp.id in topics.CROSS_CUTTING):
        cross = cr.comp.id in topics.CROSS_CUTTING
        level, why = _measurement_level(cr) if cross else _level(cr, settings)
        shared = not cross and any(len(s.topics) > 1 for s in cr.sents)
        evidence = _evidence(cr, used, settings, shared) if level else []
        results[cr.comp.id] = (level, why, evidence)
    for cr in comp_readings:
        level, why, evidence = results[cr.comp.id]
        scored.append(CompetencyScore(id=cr.comp.id, name=cr.comp.name, evidence=evidence,
                                      rationale=f"Level {level}: {why}." if level else f"{why.capitalize()}.",
                                      score=level if evidence else None))

    claims = [c for r in readings for c in r.claims]
    credited = [c for r in readings for c in r.credited]
    impossible = [c for c in claims if not c.plausible]
    non_measure = [c for c in claims if c.kind == "non_measurement"]
    measured_turns = {r.turn.index for r in readings if r.measured}
    hedges = sum(r.hedges for r in readings)
    buzz = sum(r.buzz for r in readings)
    vagueness = (hedges + 2 * buzz) / max(total_words, 1) * 100

    red_flags: list[RedFlag] = []
    contra = contradictions([r.turn for r in readings], {r.turn.index: r.claims for r in readings})
    for _a, b, detail in contra:  # the candidate's own numbers disagree: they cannot carry an engineer verdict
        red_flags.append(RedFlag(kind="self_contradiction", detail=detail, turn=b))
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
        if r.tools >= settings.tool_list_min and not r.credited:
            red_flags.append(RedFlag(kind="tool_list", detail=f"{r.tools} tools named with no measured outcome",
                                     turn=r.turn.index))
    if room <= 0:
        red_flags.append(RedFlag(
            kind="not_read", turn=unread[0].index if unread else readings[-1].turn.index,
            detail=f"the transcript is longer than any interview: only its first {settings.max_sentences:,} candidate "
                   f"sentences were read ({len(unread):,} later answer(s) not read); a person should look"))
    if total_words >= settings.min_words and not credited:
        red_flags.append(RedFlag(kind="no_measurement", detail="no measured outcome in the candidate's answers",
                                 turn=None))
    if vagueness >= settings.vague_per_100_words and len(credited) < 2:
        red_flags.append(RedFlag(kind="vague_claims",
                                 detail=f"{hedges} hedges and {buzz} buzzwords in {total_words} words", turn=None))

    levels = [s.score for s in scored if s.score is not None]
    # on the job's topics at all: the rubric keywords of either track (an interview about the other track's work
    # is a role mismatch, not off-topic), and the measured sentences
    keyword_keys = [(f"comp:{cid}", words) for cid, words in vocab.keywords]
    topic_hits = sum(1 for key, words in keyword_keys for r in readings
                     for _, _, p in r.hits.get(key, ()) if p in words)
    topic_hits += sum(1 for r in readings if r.measured for s in r.sents if s.credited)
    evasions = sum(r.evasions for r in readings)
    practice = any(r.artefacts or r.cause or r.fix for r in readings if r.measured)
    enough = settings.engineer_measured_answers
    tools = sum(r.tools for r in readings)
    broke_off = cut_off(transcript)
    if broke_off and len(measured_turns) < enough:
        # the call or the recording ended before the interview did, and what was said shows no engineer yet:
        # half an interview is not a tourist verdict (reschedule)
        signal = "insufficient_evidence"
        red_flags.append(RedFlag(kind="cut_off", detail=f"{broke_off}: the interview was not finished; reschedule",
                                 turn=transcript.turns[-1].index))
    elif ((total_words < settings.min_words or substantive < settings.min_substantive_turns)
            and len(measured_turns) < enough):
        signal = "insufficient_evidence"
    elif not measured_turns and not impossible and topic_hits + buzz + tools < settings.min_topic_hits:
        # nothing measured and hardly a word on the job's topics, not even buzzwords: off-topic, not judgeable
        signal = "insufficient_evidence"
    elif impossible or contra:
        signal = "prompt_tourist"
    elif (len(measured_turns) >= enough and practice and evasions <= settings.engineer_max_evasions
          and levels and max(levels) >= 3):
        signal = "engineer"
    else:
        signal = "prompt_tourist"
    if signal == "insufficient_evidence":
        # too little to judge: a topic only named (level 1) in a thin or off-topic interview is not assessed
        scored = [s if s.score is None or s.score >= 2 else s.model_copy(update={
            "score": None, "evidence": [], "rationale": "Named, but too little evidence in the interview to judge."})
            for s in scored]
    if signal == "prompt_tourist":
        # the tourist signs that decided the verdict cap every competency: no level 3+ without measured practice
        cap = settings.tourist_level_cap
        scored = [s if s.score is None or s.score <= cap else s.model_copy(update={
            "score": cap, "rationale": f"Level {cap} (capped: tourist signs in the interview): {s.rationale}"})
            for s in scored]
    if evasions:
        red_flags.append(RedFlag(kind="evasive_on_numbers",
                                 detail=f"{evasions} time(s) the candidate could not give the numbers or deferred to others",
                                 turn=next(r.turn.index for r in readings if r.evasions)))

    if signal == "engineer":
        strong = sum(1 for v in levels if v >= 3)
        top = sum(1 for v in levels if v == 4)
        recommendation = ("strong_hire" if strong >= settings.strong_hire_level3 and top >= settings.strong_hire_level4
                          and not red_flags else "hire")
    elif signal == "prompt_tourist":
        manipulation = any(MARKER in r.turn.text for r in readings)  # text aimed at the grader was removed
        egregious = impossible or manipulation or (not credited and vagueness >= settings.egregious_vagueness
                                                   and total_words >= settings.egregious_min_words)
        recommendation = "strong_no_hire" if egregious else "no_hire"
    else:
        recommendation = "no_decision"

    # too little to judge the candidate is too little to judge which track they work in
    role_fit = "unclear" if signal == "insufficient_evidence" else _role_fit(readings, vocab, total_words, settings)
    quantified = [
        QuantifiedClaim(quote=c.sentence, turn=c.turn, metric=c.metric, before=c.before, after=c.after,
                        change=getattr(c, "change", None), unit=c.unit, plausible=c.plausible)
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


def _role_fit(readings: list[TurnReading], vocab: _Vocabulary, total_words: int, settings: OfflineSettings) -> str:
    """The track the candidate's sentences are about, judged the same whatever role was interviewed for: each
    sentence about a competency's practice counts for that competency's track (both tracks' competencies, on
    their own words alone; a sentence as much about both tracks counts for neither), and so does each sentence in
    a track's own vocabulary (``TRACK_WORDS``). Serving a model (latency, fallbacks, alerts: ``topics.SERVING``)
    is either track's practice, so those sentences decide the track only when the others are too few to."""
    track_of = {c.id: c.track for c in vocab.cues}
    count = {"ai_engineer": 0, "ml_engineer": 0}
    serving = dict(count)
    track_keys = [(track, f"track:{track}") for track in count]
    for r in readings:
        for s in r.sents:
            if not s.owned:  # "I haven't shipped an LLM feature" says nothing for the AI track
                continue
            raw = s.raw
            if raw:  # (a sentence on no competency's cues counts for neither track by them)
                best = max(raw.values())
                tops = [cid for cid, v in raw.items() if v == best and cid in track_of]
                tracks = {track_of[cid] for cid in tops}
                if best >= settings.sentence_topic_score and len(tracks) == 1:  # a tie says nothing of the track
                    (serving if all(cid in topics.SERVING for cid in tops) else count)[tracks.pop()] += 1
            for track, key in track_keys:
                if s.found.get(key):
                    count[track] += 1
    if sum(count.values()) < settings.role_fit_min_sentences:
        count = {t: count[t] + serving[t] for t in count}
    ai, ml = count["ai_engineer"], count["ml_engineer"]
    if ai + ml < settings.role_fit_min_sentences or total_words < settings.role_fit_min_words:
        return "unclear"
    weak, strong = min(ai, ml), max(ai, ml)
    # hybrid: both tracks comparable, or the weaker one substantial in its own right
    if weak >= settings.hybrid_min_sentences and (weak / strong >= settings.hybrid_ratio
                                                  or weak >= settings.hybrid_substantial_sentences):
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
