"""The labelled personal-data probes (tests/fixtures/pii/probes.yaml and dev_extra.yaml, and the blind
holdout2_probes.yaml when it exists) against what a remote model would be sent, per split, through
``benchmarks/bench_pii.py`` (the same scoring as the report).

Goals (issue 11): at most 3% of the must-not-leak items reach the model and no speaker name does. The dev split
was used to build the redactor and meets them; the held-out splits were only measured, and these are their
floors as measured (holdout 3.9% when first measured, holdout2 5.1%): a change that leaks more fails here.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_pii.py"

# split -> (max leak rate, max speaker-name leaks, max must_keep loss rate)
FLOORS = {
    "dev": (0.03, 0, 0.01),
    "holdout": (0.034, 0, 0.01),  # first measured 3.9%; 15/463 (3.2%) now
    "holdout2": (0.050, 0, 0.01),  # blind, never opened: first measured 29/570 (5.1%), 28/570 (4.9%) now
}


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_pii", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("split", sorted(FLOORS))
def test_probe_split_meets_its_floor(bench, split):
    if not bench.load_probes(split):
        pytest.skip(f"no {split} probes in this checkout")
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
    assert {"dev", "holdout"} <= {p["split"] for p in bench.load_probes("all")} <= set(bench.SPLITS)


def test_bench_reports_each_split_by_category(bench, tmp_path, capsys):
    """Probe files are arguments; each split is a column; a missing file is one line and exit 2."""
    probe = {"id": "t1", "split": "dev", "category": "email", "candidate": "Ana Souza", "redact_orgs": False,
             "transcript": "Rui Costa: Your email?\nAna Souza: ana.souza@usp.br, and recall rose 4 points.\n",
             "must_not_leak": ["ana.souza@usp.br"], "must_keep": ["recall rose 4 points"]}
    import yaml

    dev = tmp_path / "mine.yaml"
    dev.write_text(yaml.safe_dump([probe]), encoding="utf-8")
    blind = tmp_path / "holdout2_probes.yaml"  # every probe of a holdout2 file counts as holdout2
    blind.write_text(yaml.safe_dump([{**probe, "id": "t2", "split": "dev"}]), encoding="utf-8")
    assert bench.main([str(dev), str(blind)]) == 0
    out = capsys.readouterr().out
    assert "dev" in out and "holdout2" in out
    email_row = next(line for line in out.splitlines() if line.startswith("email"))
    assert email_row.split()[1:] == ["0/1", "(0.0%)", "0/1", "(0.0%)"]
    assert bench.main([str(tmp_path / "absent.yaml")]) == 2
    assert "no such probe file" in capsys.readouterr().err


def test_the_nickname_table_is_installed():
    """English nicknames (Bob for Robert) come from the ``nicknames`` package, a dependency of screener."""
    from screener.safety.redact import lexicon

    assert "bob" in lexicon.nicknames("robert"), "install the nicknames package (a dependency in pyproject.toml)"
    assert "pepe" in lexicon.nicknames("jose")  # the shipped table of other languages' short forms
