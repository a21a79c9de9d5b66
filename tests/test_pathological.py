"""Every hostile shape of ``benchmarks/bench_pathological.py`` through ``screener grade`` as a user runs it
(offline grader, redaction and organisation redaction on), at 100 KB: each grades (exit 0, a scorecard written)
or fails with one line naming the problem (exit 2), never a traceback. Timing is the benchmark's job."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from screener.cli import main

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_pathological.py"
_spec = importlib.util.spec_from_file_location("bench_pathological", BENCH)
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)


@pytest.mark.parametrize("shape", sorted(bench.INPUTS))
def test_hostile_shape_grades_or_fails_in_one_line(shape, tmp_path, capsys):
    source = tmp_path / ("input.json" if "JSON" in shape else "input.txt")
    source.write_text(bench.INPUTS[shape](100_000), encoding="utf-8")
    out = tmp_path / "card.txt"
    rc = main(["grade", str(source), "--provider", "offline", "--redact", "--redact-orgs", "-q", "-o", str(out)])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    if rc == 0:
        assert out.read_text(encoding="utf-8").strip(), "graded but nothing written"
    else:
        assert rc == 2, err
        assert len([line for line in err.splitlines() if line.strip()]) == 1, err
        assert not out.exists()


def test_the_candidate_answer_survives_hostile_padding(tmp_path, capsys):
    """The measured answer after 100 KB of digits is still read: redaction does not swallow it."""
    source = tmp_path / "input.txt"
    source.write_text(bench.INPUTS["run of digits"](100_000), encoding="utf-8")
    out = tmp_path / "card.json"
    assert main(["grade", str(source), "--provider", "offline", "--redact", "-q", "-o", str(out)]) == 0
    assert "62%" in out.read_text(encoding="utf-8") or "81%" in out.read_text(encoding="utf-8")
