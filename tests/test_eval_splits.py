"""Split names: a new blind set (holdout6, holdout12) joins by its name; a typo is a one-line usage error."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from screener.evals.splits import blind_split_of, is_blind_split, split_argument


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
