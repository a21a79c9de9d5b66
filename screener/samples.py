"""``--samples K``: K gradings of one transcript combined into one scorecard.

Scores take the median, the recommendation the lower median (conservative on ties), the signal the majority
(ties go to the more cautious verdict); any disagreement sends the scorecard to a human.
"""

from __future__ import annotations

import statistics
from collections import Counter

from .scorecard import RECOMMENDATION_ORDER, Recommendation, Scorecard, Signal, recommendation_rank


def combine_samples(scorecards: list[Scorecard]) -> Scorecard:
    """K gradings -> median scores, median recommendation, majority signal; disagreement -> human review."""
    first = scorecards[0]
    if len(scorecards) == 1:
        return first
    ranked = [r for s in scorecards if (r := recommendation_rank(s.recommendation)) is not None]
    ranks = sorted(ranked)
    rec: Recommendation
    if len(ranks) * 2 <= len(scorecards):  # at least half the samples found too little to recommend
        rec = "no_decision"
    else:
        rec = RECOMMENDATION_ORDER[ranks[(len(ranks) - 1) // 2]]  # lower median: conservative on ties
    signals = Counter(s.signal for s in scorecards)
    top = signals.most_common()
    conservative: list[Signal] = ["insufficient_evidence", "prompt_tourist", "engineer"]
    best = max(n for _, n in top)
    signal = next(s for s in conservative if signals.get(s) == best)
    role_fit = Counter(s.role_fit for s in scorecards).most_common(1)[0][0]
    competencies = []
    for comp in first.competencies:
        same = [c for s in scorecards for c in s.competencies if c.id == comp.id]
        scores = [c.score for c in same if c.score is not None]
        median = int(statistics.median_low(scores)) if scores else None
        evidence, seen = [], set()
        for c in same:
            for ev in c.evidence:
                if (ev.quote, ev.turn) not in seen:
                    seen.add((ev.quote, ev.turn))
                    evidence.append(ev)
        competencies.append(comp.model_copy(update={"score": median, "evidence": evidence}))
    reasons = list(first.review_reasons)
    if len(signals) > 1 or len({s.recommendation for s in scorecards}) > 1:
        reasons.append(
            f"{len(scorecards)} samples disagree: recommendations {sorted({s.recommendation for s in scorecards})}, "
            f"signals {sorted(signals)}"
        )
    for s in scorecards[1:]:
        reasons += [r for r in s.review_reasons if r not in reasons]
    return first.model_copy(
        update={
            "recommendation": rec,
            "signal": signal,
            "role_fit": role_fit,
            "competencies": competencies,
            "ungrounded_quotes": sum(s.ungrounded_quotes for s in scorecards),
            "needs_human_review": bool(reasons),
            "review_reasons": reasons,
            "rules_fired": list(dict.fromkeys(r for card in scorecards for r in card.rules_fired)),
        }
    )
