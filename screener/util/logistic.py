"""Logistic regression fitted in pure Python (AdaGrad, L2), for the small linear models screener ships.

The learned layers (``safety.injection.learned``, ``coach.learned``) are a few tens of thousands of sparse word
features over a few thousand labelled sentences; fitting them needs no library, and reading their weights back
needs none either (JSON). Training is deterministic for a given ``seed``.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Sequence


def fit_logistic(data: Sequence[tuple[Sequence[str], int]], *, epochs: int = 25, l2: float = 1e-4,
                 rate: float = 0.5, seed: int = 7, keep: float = 0.02) -> tuple[dict[str, float], float]:
    """Weights (rounded to 4 places, those under ``keep`` in size dropped) and bias of a logistic regression over
    ``(features, label)`` samples (each sample's features distinct, in a fixed order), by AdaGrad over shuffled
    samples with positives weighted to balance the classes."""
    positives = sum(y for _, y in data) or 1
    pos_weight = (len(data) - positives) / positives
    w: dict[str, float] = defaultdict(float)
    g2: dict[str, float] = defaultdict(lambda: 1e-8)
    bias, bias_g2 = 0.0, 1e-8
    rng = random.Random(seed)
    order = list(range(len(data)))
    for _ in range(epochs):
        rng.shuffle(order)
        for i in order:
            feats, y = data[i]
            z = bias + sum(w[f] for f in feats)
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            grad = (p - y) * (pos_weight if y else 1.0)
            bias_g2 += grad * grad
            bias -= rate * grad / math.sqrt(bias_g2)
            for f in feats:
                gf = grad + l2 * w[f]
                g2[f] += gf * gf
                w[f] -= rate * gf / math.sqrt(g2[f])
    return {f: round(v, 4) for f, v in w.items() if abs(v) >= keep}, round(bias, 4)
