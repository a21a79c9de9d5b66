"""Every turn keeps its start time, and ``format_timestamp`` shows it as people read it off a recording."""

from __future__ import annotations

import math

import pytest

from screener.transcript import Turn, format_timestamp


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(0, "00:00"), (7.9, "00:07"), (754.9, "12:34"), (3599.99, "59:59"), (3600, "1:00:00"), (3723, "1:02:03"),
     (36000, "10:00:00")],
)
def test_format_timestamp(seconds: float, shown: str) -> None:
    assert format_timestamp(seconds) == shown


@pytest.mark.parametrize("bad", [-1.0, math.nan, math.inf])
def test_format_timestamp_refuses_what_is_no_time(bad: float) -> None:
    with pytest.raises(ValueError):
        format_timestamp(bad)


def test_turn_timestamp_is_none_without_a_time() -> None:
    assert Turn(index=0, speaker="Dana", text="hi").timestamp is None
    assert Turn(index=0, speaker="Dana", text="hi", start=754.0).timestamp == "12:34"
