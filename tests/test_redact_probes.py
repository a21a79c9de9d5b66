"""The labelled personal-data probes (tests/fixtures/pii/probes.yaml and the dev_extra*.yaml files, and the blind
holdout2_probes.yaml to holdout7_probes.yaml when they exist) against what a remote model would be
sent, per split, through ``benchmarks/bench_pii.py`` (the same scoring as the report).

Goals (issue 11): at most 3% of the must-not-leak items reach the model and no speaker name does. The dev split
was used to build the redactor and meets them. ``holdout`` became a development split in the issue-11 redaction
session, after its figures had been measured and reported (3.2% then): its probes and leaks were read and the
redactor tuned on them, so it no longer measures generalisation. holdout2 and holdout3 stay blind (never opened;
only their aggregates are printed, here too), and these are their floors as measured: a change that leaks more
fails here.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from screener.evals.splits import is_blind_split

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_pii.py"

# split -> (max leak rate, max speaker-name leaks, max must_keep loss rate)
FLOORS = {
    # with dev_extra4 (68/1037, 6.6%, when it landed, before tuning) and dev_extra5 (121/1394, 8.7%, 3 speaker
    # names, 3/267 lost at 058037b when it landed, before tuning); all dev 43/4381 (1.0%), 0, 5/1069 at 3f9c254
    # (44/4381 in a tree whose injection scan also removes a sentence naming a referee); with dev_extra6 (written
    # blind in the eighth session: 25/1033, 2.4%, 0 speaker names, 3/121 lost at b5501f0 when it landed, before
    # tuning) 69/5414 (1.3%), 0, 8/1190; tuned on dev_extra6: 49/5414 (0.9%), 0, 6/1190 at e870061
    "dev": (0.011, 0, 0.01),
    "holdout": (0.01, 0, 0.01),  # a development split now: first measured 3.9%, 15/463 (3.2%) when reported, 0/463
    # Blind splits, measured at the start and the end of each session only, with the scorer of the time: the
    # figures of the 2026-12-02 session (bench_pii then reads "Summer?" as the name "Summer" and looks for an item
    # the prompt's own words hold, "in", in the turns only) are 058037b -> 3f9c254.
    # blind: first measured 29/570 (5.1%), 28/570 (4.9%), 21/570 (3.7%), 13/570 (2.3%), 13 -> 12/570 (2.1%);
    # must_keep lost 1/168, then 2/168 (1.2%) with the context rules for names in speech of the 2026-12-01 session
    "holdout2": (0.022, 0, 0.012),
    # blind: 35/708 (4.9%) when it landed, 25/708 (3.5%), 18/708, 17/708 (2.4%), 17 -> 13/708 (1.8%)
    "holdout3": (0.019, 0, 0.01),
    # blind, written in the fifth session by a helper who read no code: 45/616 (7.3%), 6 speaker-name leaks and one
    # unparsed probe when it landed (common-word names matched case-sensitively), 28/616 (4.5%), 26/616 (4.2%),
    # 26 -> 21/616 (3.4%); 1 speaker-name leak throughout (21/616 again at the eighth session's start and end)
    "holdout4": (0.035, 1, 0.01),
    # blind, written in the sixth session by a helper who read no code: 20/1009 (2.0%), 0 speaker-name leaks, 0/149
    # lost at 4e221a1 when it landed; 18/1009 (1.8%) at the end of that session, 18 -> 15/1009 (1.5%)
    "holdout5": (0.015, 0, 0.01),
    # blind, written in the seventh session by a writer who saw no code: 64/1051 (6.1%), 3 speaker-name leaks,
    # 3/193 lost at 058037b; 32/1051 (3.0%), 1 speaker-name leak, 3/193 lost (1.6%) at 3f9c254; the eighth
    # session's end (the dev_extra6 rules, e870061; its start b5501f0 measured 32/1051): 28/1051 (2.7%), 1, 3/193
    "holdout6": (0.027, 1, 0.016),
    # blind, written in the thirteenth session (2026-12-03) by a helper who read no code and no fixture: 37/1794
    # (2.1%), 0 speaker-name leaks, 4/364 lost (1.1%) at e9a4fbf when it landed, before anything was tuned
    "holdout7": (0.021, 0, 0.011),
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
    assert not summary["unparsed"], f"{split}: {len(summary['unparsed'])} probes the parser refused"
    assert not notes, notes
    assert summary["speaker_leaks"] <= max_speaker, f"{split}: {summary['speaker_leaks']} speaker names reached the model"
    assert summary["leak_rate"] <= max_leak, (
        f"{split}: {summary['total']['leaked']}/{summary['total']['items']} items leaked "
        f"({100 * summary['leak_rate']:.1f}% > {100 * max_leak:.1f}%)"
    )
    assert summary["loss_rate"] <= max_loss, f"{split}: over-redaction {100 * summary['loss_rate']:.1f}%"


def test_every_probe_is_measured(bench):
    assert len(bench.load_probes("all")) >= 150
    splits = {p["split"] for p in bench.load_probes("all")}
    assert {"dev", "holdout"} <= splits and all(s in ("dev", "holdout") or is_blind_split(s) for s in splits)
    assert all(p["split"] == "dev" for p in bench.load_probes("all", [bench.DEV_EXTRA2]))
    assert all(p["split"] == "dev" for p in bench.load_probes("all", [bench.DEV_EXTRA3]))


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


def test_bench_lists_leaks_of_development_splits_only(bench, tmp_path, capsys):
    """``--leaks`` names the leaking dev and holdout probes; a blind file's probes count as its split
    (holdout3 too) and are never named, whatever split they say."""
    import yaml

    probe = {"id": "leaky", "split": "holdout", "category": "email", "candidate": "Ana Souza", "redact_orgs": False,
             "transcript": "Rui Costa: Your email?\nAna Souza: The one I said before.\n",
             "must_not_leak": ["before"], "must_keep": []}
    dev = tmp_path / "mine.yaml"
    dev.write_text(yaml.safe_dump([probe]), encoding="utf-8")
    blind = tmp_path / "holdout3_probes.yaml"
    blind.write_text(yaml.safe_dump([{**probe, "id": "blind-one", "split": "dev"}]), encoding="utf-8")
    assert bench.main([str(dev), str(blind), "--leaks"]) == 0
    out = capsys.readouterr().out
    assert "- leaky email" in out
    assert "holdout3" in out.splitlines()[1] and "blind-one" not in out


def test_the_nickname_table_is_installed():
    """English nicknames (Bob for Robert) come from the ``nicknames`` package, a dependency of screener."""
    from screener.safety.redact import lexicon

    assert "bob" in lexicon.nicknames("robert"), "install the nicknames package (a dependency in pyproject.toml)"
    assert "pepe" in lexicon.nicknames("jose")  # the shipped table of other languages' short forms
