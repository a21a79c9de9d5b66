"""`screener grade` as a user runs it: a subprocess for the real entry point, main() for the rest."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from screener.cli import main
from screener.parsing import load_transcript

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "zoom_interview.vtt"


def run(*args: str, stdin: str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    import os

    full_env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "screener", *args], input=stdin, capture_output=True, text=True,
                          env=full_env, timeout=120)


def test_grade_the_bundled_example_offline_by_default():
    r = run("grade", str(EXAMPLE))
    assert r.returncode == 0, r.stderr
    assert "Recommendation:" in r.stdout and "Signal: engineer" in r.stdout
    assert "grading with offline (no API key is set)" in r.stderr
    assert "not a decision" in r.stdout


def test_grade_from_stdin_as_json_validates_as_a_scorecard():
    from screener.scorecard import Scorecard

    r = run("grade", "-", "--format", "json", stdin=EXAMPLE.read_text())
    assert r.returncode == 0, r.stderr
    card = Scorecard.model_validate_json(r.stdout)
    turns = {t.index: t for t in load_transcript(EXAMPLE).turns}
    quotes = [(e.quote, e.turn) for c in card.competencies for e in c.evidence]
    quotes += [(q.quote, q.turn) for q in card.quantified_claims]
    # every quote is verbatim from the candidate turn it cites (cues of one turn are joined by a space)
    assert quotes and all(turns[t].role == "candidate" and q in turns[t].text for q, t in quotes)


def test_markdown_output_for_an_ats_note(capsys):
    assert main(["grade", str(EXAMPLE), "--format", "md", "-q"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("## Screening scorecard: Adaeze Nwosu") and "| Competency | Score |" in out


@pytest.mark.parametrize("setup,expect", [
    (lambda d: str(d / "nope.vtt"), "nope.vtt"),
    (lambda d: str(d), "directory"),
    (lambda d: _write(d / "empty.txt", ""), "empty"),
    (lambda d: _write(d / "one.txt", "Alice: hello there\nAlice: anyone?\n"), "one speaker"),
    (lambda d: _write_bytes(d / "bin.txt", b"\x00\x01\x02binary"), "binary"),
])
def test_bad_input_is_one_line_and_exit_2(tmp_path, setup, expect):
    r = run("grade", setup(tmp_path))
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("screener: error:") and "Traceback" not in r.stderr
    assert expect in lines[0].lower()


def test_unknown_flag_and_bad_choice_exit_2(capsys):
    with pytest.raises(SystemExit) as e:
        main(["grade", str(EXAMPLE), "--format", "yaml"])
    assert e.value.code == 2
    assert main(["grade", str(EXAMPLE), "--provider", "nosuch:thing"]) == 2
    assert "unknown provider 'nosuch'" in capsys.readouterr().err


def test_missing_api_key_names_the_variable(capsys):
    assert main(["grade", str(EXAMPLE), "--provider", "anthropic:messages:claude-sonnet-4-5"]) == 2
    err = capsys.readouterr().err
    assert "ANTHROPIC_API_KEY" in err and len(err.strip().splitlines()) == 1


def test_model_options_file_rejects_unknown_keys_naming_the_file(tmp_path, capsys):
    opts = tmp_path / "opts.yaml"
    opts.write_text("temperature: 0.2\ntemprature: 0.3\n")
    assert main(["grade", str(EXAMPLE), "--model-options", str(opts)]) == 2
    err = capsys.readouterr().err
    assert "opts.yaml" in err and "temprature" in err


def test_fake_provider_grading_failure_exits_1_with_one_line(tmp_path, capsys):
    answers = tmp_path / "answers.jsonl"
    answers.write_text('{"not": "a scorecard"}\n' * 3)  # one invalid answer per attempt
    assert main(["grade", str(EXAMPLE), "--provider", f"fake:{answers}"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("screener: error: fake:answers.jsonl gave no valid scorecard after 3 attempts")


def test_debug_variable_reraises(tmp_path, monkeypatch):
    monkeypatch.setenv("SCREENER_DEBUG", "1")
    from screener.errors import InputError

    with pytest.raises(InputError):
        main(["grade", str(tmp_path / "missing.txt")])


def test_dump_shows_what_was_sent_and_what_came_back(tmp_path, capsys):
    out = tmp_path / "dump"
    assert main(["grade", str(EXAMPLE), "--dump", str(out), "-q", "--role", "ai_engineer"]) == 0
    assert (out / "system.md").read_text().startswith("You are screener")
    req = json.loads((out / "request-1.json").read_text())
    assert "<transcript>" in req["messages"][0]["content"] and req["output_schema"]["title"] == "GradeOutput"
    assert json.loads((out / "scorecard.json").read_text())["grader"]["provider"] == "offline"
    assert (out / "answer-1.json").exists()


def test_output_file(tmp_path, capsys):
    dest = tmp_path / "card.json"
    assert main(["grade", str(EXAMPLE), "-f", "json", "-o", str(dest)]) == 0
    assert json.loads(dest.read_text())["status"] == "draft"


def test_schema_command_prints_the_scorecard_schema(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert {"recommendation", "signal", "role_fit", "competencies", "quantified_claims", "red_flags",
            "follow_ups", "candidate", "grader"} <= set(schema["properties"])


def _write(path: Path, text: str) -> str:
    path.write_text(text)
    return str(path)


def _write_bytes(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)


def test_every_grading_is_audited_without_the_transcript(tmp_path, capsys):
    from screener.audit import verify

    log = tmp_path / "audit.jsonl"
    assert main(["grade", str(EXAMPLE), "-q", "--audit-log", str(log)]) == 0
    assert main(["grade", str(EXAMPLE), "-q", "--audit-log", str(log)]) == 0
    lines = [json.loads(x) for x in log.read_text().splitlines()]
    assert [x["event"] for x in lines] == ["grade", "grade"] and verify(log).ok
    assert "Adaeze" not in log.read_text() and "hand-score" not in log.read_text()


def test_bad_samples_value_is_one_line(capsys):
    assert main(["grade", str(EXAMPLE), "--samples", "0"]) == 2
    assert capsys.readouterr().err.strip().splitlines()[-1].startswith("screener: error: --samples:")


def test_redact_orgs_hides_employers_and_universities_from_the_model(tmp_path):
    import json as _json
    import subprocess as _sp
    import sys as _sys

    t = tmp_path / "t.txt"
    t.write_text("Dana Levi: Where were you before?\nPriya Raman: I was at Stripe for three years, and before that my "
                 "masters at ETH Zurich. We built a 300-case regression suite and the pass rate went from 71 to 88 "
                 "percent after we fixed retrieval, measured on the same 300 cases every pull request.\n",
                 encoding="utf-8")
    answers = tmp_path / "a.jsonl"
    answers.write_text("{}\n", encoding="utf-8")
    sent = {}
    for flag in ([], ["--redact-orgs"]):
        dump = tmp_path / f"dump{len(flag)}"
        _sp.run([_sys.executable, "-m", "screener.cli", "grade", str(t), "--provider", f"fake:{answers}", "--dump",
                 str(dump), "-q", "--audit-log", str(tmp_path / "audit.jsonl"), *flag], capture_output=True)
        sent[bool(flag)] = _json.loads((dump / "request-1.json").read_text())["messages"][0]["content"]
    assert "Stripe" in sent[False] and "ETH Zurich" in sent[False]
    assert "Stripe" not in sent[True] and "ETH Zurich" not in sent[True] and "[ORG 1]" in sent[True]
