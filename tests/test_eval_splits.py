"""Split names: a new blind set (holdout6, holdout12) joins by its name; a typo is a one-line usage error."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from screener.evals.splits import blind_split_of, is_blind_split, is_held_out_golden, split_argument


@pytest.mark.parametrize("name", ["holdout2", "holdout6", "holdout12"])
def test_numbered_holdouts_are_blind(name: str) -> None:
    assert is_blind_split(name)
    assert split_argument(name) == name


@pytest.mark.parametrize("name", ["dev", "holdout", "all", "holdout1", "holdout6x"])
def test_development_splits_and_look_alikes_are_not_blind(name: str) -> None:
    assert not is_blind_split(name)


def test_a_blind_file_is_named_for_its_set() -> None:
    assert blind_split_of(Path("golden/interviewer_turns_holdout6.yaml")) == "holdout6"
    assert blind_split_of(Path("golden/interviewer_turns_dev_extra5.yaml")) is None
    assert blind_split_of(None) is None


def test_an_unknown_split_names_the_choices() -> None:
    with pytest.raises(argparse.ArgumentTypeError, match="choose dev, holdout, all"):
        split_argument("holdotu5")


def test_held_out_golden_cases_are_known_by_their_prefix_and_a_new_set_joins_by_it():
    from screener.golden import load_golden

    held = {c.id.split("_")[0] for c in load_golden() if is_held_out_golden(c.id)}
    dev = {c.id.split("_")[0] for c in load_golden() if not is_held_out_golden(c.id)}
    assert held == {"ho", "h2", "h3", "h5"} and dev == {"ai", "ml", "d5", "d6"}
    assert is_held_out_golden("h7_new_case") and is_held_out_golden("h5_x.vtt") and not is_held_out_golden("hybrid_x")
