"""The labelled personal-data probes (tests/fixtures/pii/probes.yaml, written blind) against what a remote
model would be sent, per split, through ``benchmarks/bench_pii.py`` (the same scoring as the report).

Goals (issue 11): at most 3% of the must-not-leak items reach the model and no speaker name does. The dev split
was used to build the redactor and meets them; the holdout split was only measured, and these are its floors
as measured (3.9% of items, 18 of 463, and no speaker name): a change that leaks more fails here.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_pii.py"

# split -> (max leak rate, max speaker-name leaks, max must_keep loss rate)
FLOORS = {
    "dev": (0.03, 0, 0.01),
    "holdout": (0.040, 0, 0.01),
}


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_pii", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("split", sorted(FLOORS))
def test_probe_split_meets_its_floor(bench, split):
    results, summary, notes = bench.evaluate(split)
    max_leak, max_speaker, max_loss = FLOORS[split]
    assert summary["unparsed"] == [], f"{split}: probes the parser refused"
    assert not notes, notes
    assert summary["speaker_leaks"] <= max_speaker, f"{split}: speaker names reached the model"
    assert summary["leak_rate"] <= max_leak, (
        f"{split}: {summary['total']['leaked']}/{summary['total']['items']} items leaked "
        f"({100 * summary['leak_rate']:.1f}% > {100 * max_leak:.1f}%)"
    )
    assert summary["loss_rate"] <= max_loss, f"{split}: over-redaction {100 * summary['loss_rate']:.1f}%"


def test_every_probe_is_measured(bench):
    assert len(bench.load_probes("all")) >= 150
    assert {p["split"] for p in bench.load_probes("all")} == {"dev", "holdout"}


def test_the_nickname_table_is_installed():
    """English nicknames (Bob for Robert) come from the ``nicknames`` package, a dependency of screener."""
    from screener.safety.redact import lexicon

    assert "bob" in lexicon.nicknames("robert"), "install the nicknames package (a dependency in pyproject.toml)"
    assert "pepe" in lexicon.nicknames("jose")  # the shipped table of other languages' short forms
