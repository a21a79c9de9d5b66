"""One span merge for every scan: overlapping and touching spans join, in order, whatever order they came in."""

from __future__ import annotations

from screener.util.spans import merge_spans


def test_overlapping_and_touching_spans_join_and_come_out_sorted() -> None:
    assert merge_spans([(10, 12), (0, 5), (3, 7), (7, 9)]) == [(0, 9), (10, 12)]


def test_a_span_inside_another_does_not_shorten_it() -> None:
    assert merge_spans([(0, 20), (5, 8)]) == [(0, 20)]


def test_no_spans_and_a_generator_are_fine() -> None:
    assert merge_spans([]) == []
    assert merge_spans((i, i + 1) for i in (4, 0, 2)) == [(0, 1), (2, 3), (4, 5)]
