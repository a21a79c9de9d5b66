"""A difference between two rates, in percentage points, is signed: a loss of 2 points is not an impossible number.

Found when a capable model, given the rendered prompt for golden dev6's freight-ETA interview, wrote "Quarterly lost
about 2 points" as after=-2 percentage points: the impossible-number rule read it as a rate below 0% and
downgraded a labelled engineer to prompt tourist / no hire.
"""

from __future__ import annotations

import pytest

from screener.policy.rules import implausible
from screener.scorecard import QuantifiedClaim


def claim(after: float, unit: str, metric: str = "on-window rate loss, quarterly vs monthly") -> QuantifiedClaim:
    return QuantifiedClaim(quote="Quarterly lost about 2 points.", turn=17, metric=metric, before=None, after=after,
                           change=None, unit=unit, plausible=True)


@pytest.mark.parametrize("unit", ["percentage points", "pp"])
def test_a_negative_difference_in_points_is_possible(unit: str) -> None:
    assert implausible(claim(-2, unit)) is None
    assert implausible(claim(4.3, unit)) is None


def test_a_difference_beyond_100_points_is_impossible() -> None:
    assert implausible(claim(-140, "percentage points")) is not None
    dropped = claim(-2, "pp").model_copy(update={"after": None, "change": -150})
    assert implausible(dropped) is not None  # a change of -150 points, as before points had their own rule


def test_a_rate_below_zero_percent_is_still_impossible() -> None:
    assert implausible(claim(-2, "%", metric="error rate")) is not None
    assert implausible(claim(120, "%", metric="recall")) is not None


def test_bare_points_are_a_score_of_any_size() -> None:
    assert implausible(claim(1350, "points", metric="Elo rating")) is None
