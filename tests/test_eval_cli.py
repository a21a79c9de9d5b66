"""``screener eval`` end to end: exit codes, errors recorded per test, filter, progress, floors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from screener.cli import main
from screener.errors import ProviderError
from screener.offline.grader import grade_offline
from screener.providers import registry
from screener.providers.fake import FakeProvider

FIX = Path(__file__).parent / "fixtures" / "evals"


def echo_config(tmp_path: Path, tests: str, extra: str = "") -> Path:
    shutil.copy(FIX / "echo_provider.py", tmp_path / "echo_provider.py")
    shutil.copy(FIX / "checks.py", tmp_path / "checks.py")
    cfg = tmp_path / "c.yaml"
    cfg.write_text(f'prompts: ["echo: {{{{ topic }}}}"]\nproviders: [file://echo_provider.py]\ntests:\n{tests}\n{extra}',
                   encoding="utf-8")
    return cfg


def run(cfg: Path, *flags: str) -> tuple[int, dict]:
    out = cfg.parent / "out.json"
    code = main(["eval", str(cfg), "--no-cache", "-o", str(out), *flags])
    return code, json.loads(out.read_text(encoding="utf-8"))


def test_all_pass_exits_0_with_promptfoo_v3_results(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = echo_config(tmp_path, "  - {description: a, vars: {topic: alpha}, assert: [{type: contains, value: alpha}]}")
    code, doc = run(cfg)
    assert code == 0
    assert doc["results"]["version"] == 3 and doc["shareableUrl"] is None and doc["evalId"].startswith("eval-")
    (r,) = doc["results"]["results"]
    assert r["success"] is True and r["response"]["output"] == "echo: alpha"
    assert r["provider"]["id"] == "file://echo_provider.py" and r["cost"] == 0.001
    assert r["response"]["tokenUsage"]["total"] == 5 and doc["results"]["stats"]["tokenUsage"]["total"] == 5
    assert r["gradingResult"]["componentResults"][0]["assertion"]["type"] == "contains"
    assert doc["results"]["stats"] == {**doc["results"]["stats"], "successes": 1, "failures": 0, "errors": 0}
    assert "1 passed, 0 failed, 0 errors" in capsys.readouterr().out


def test_a_failing_assertion_exits_1_and_names_the_test(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = echo_config(tmp_path, "  - {description: good, vars: {topic: a}, assert: [{type: contains, value: a}]}\n"
                                "  - {description: bad, vars: {topic: b}, assert: [{type: contains, value: zzz}]}")
    code, doc = run(cfg)
    assert code == 1
    assert [r["success"] for r in doc["results"]["results"]] == [True, False]
    assert doc["results"]["results"][1]["failureReason"] == 1
    assert 'FAIL bad [file://echo_provider.py]: Expected output to contain "zzz"' in capsys.readouterr().out


def test_provider_errors_are_recorded_and_the_rest_still_run(tmp_path: Path) -> None:
    cfg = echo_config(tmp_path, "  - {description: ok1, vars: {topic: a}}\n"
                                "  - {description: refused, vars: {topic: b, fail: true}}\n"
                                "  - {description: ok2, vars: {topic: c}}")
    code, doc = run(cfg)
    assert code == 1
    rows = {r["description"]: r for r in doc["results"]["results"]}
    assert rows["ok1"]["success"] and rows["ok2"]["success"]
    assert rows["refused"]["error"] == "provider refused: deliberate" and rows["refused"]["failureReason"] == 2
    assert doc["results"]["stats"]["errors"] == 1


def test_a_crashing_python_provider_is_an_error_per_test(tmp_path: Path) -> None:
    cfg = echo_config(tmp_path, "  - {vars: {topic: a}}")
    cfg.write_text(cfg.read_text().replace("file://echo_provider.py]", "file://echo_provider.py:explode]"))
    code, doc = run(cfg)
    assert code == 1 and "provider crashed" in doc["results"]["results"][0]["error"]


def test_grader_provider_error_on_one_transcript(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def answer(req):
        if "Lee Park" in req.context.transcript.numbered():
            raise ProviderError("HTTP 500 from the model", status=500)
        return grade_offline(req.context.transcript, req.context.competencies, req.context.role)

    provider = FakeProvider([answer], remote=False, repeat=True)
    monkeypatch.setitem(registry._REGISTERED, "fake", lambda api, model, options: provider)
    for name in ("engineer.txt", "tourist.txt"):
        shutil.copy(FIX / "transcripts" / name, tmp_path / name)
    cfg = tmp_path / "c.yaml"
    cfg.write_text('prompts: ["{{ transcript }}"]\nproviders: [fake:x]\ntests:\n'
                   "  - {description: eng, vars: {transcript: file://engineer.txt}, assert: [{type: is-json}]}\n"
                   "  - {description: tour, vars: {transcript: file://tourist.txt}, assert: [{type: is-json}]}\n"
                   "  - {description: garbage, vars: {transcript: 'no speakers here'}, assert: [{type: is-json}]}\n")
    code, doc = run(cfg)
    assert code == 1
    rows = {r["description"]: r for r in doc["results"]["results"]}
    assert rows["eng"]["success"] is True
    assert "HTTP 500" in rows["tour"]["error"]
    assert "InputError" in rows["garbage"]["error"]  # an unparseable transcript is that test's error, not a crash


def test_unsupported_assertion_is_an_error_result_not_a_pass(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = echo_config(tmp_path, "  - {description: judge, vars: {topic: a}, assert: [{type: llm-rubric, value: nice}]}")
    code, doc = run(cfg)
    assert code == 1
    r = doc["results"]["results"][0]
    assert r["success"] is False and r["failureReason"] == 2 and "not supported by screener" in r["error"]
    assert "ERROR judge" in capsys.readouterr().out


def test_missing_prompt_var_is_an_error_for_that_test(tmp_path: Path) -> None:
    cfg = echo_config(tmp_path, "  - {description: novar, vars: {other: a}}")
    code, doc = run(cfg)
    assert code == 1 and "'topic' is undefined" in doc["results"]["results"][0]["error"]


def test_filter_runs_matching_tests_and_rejects_a_pattern_matching_none(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    cfg = echo_config(tmp_path, "  - {description: alpha-1, vars: {topic: a}}\n  - {description: beta-1, vars: {topic: b}}")
    code, doc = run(cfg, "--filter", "^beta")
    assert code == 0 and [r["description"] for r in doc["results"]["results"]] == ["beta-1"]
    assert main(["eval", str(cfg), "--filter", "gamma"]) == 2
    assert "matches no test" in capsys.readouterr().err


def test_progress_is_one_plain_line_when_stderr_is_not_a_tty(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = echo_config(tmp_path, "  - {vars: {topic: a}}\n  - {vars: {topic: b}}\n  - {vars: {topic: c}}")
    assert main(["eval", str(cfg), "--no-cache", "-j", "2"]) == 0
    err = capsys.readouterr().err
    assert "\r" not in err
    lines = [x for x in err.splitlines() if x.startswith("screener: eval")]
    assert len(lines) == 1 and "[3/3] 3 passed, 0 failed, 0 errors" in lines[0]


def test_metric_floor_below_fails_the_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    extra = "metadata: {screener: {gate: {min_metrics: {pass_rate: 0.9}}}}\n"
    cfg = echo_config(tmp_path, "  - {vars: {topic: a}, assert: [{type: contains, value: a}]}\n"
                                "  - {vars: {topic: b}, assert: [{type: contains, value: a, weight: 0}]}", extra)
    code, doc = run(cfg)
    assert code == 0  # weight 0: reported, not failing; pass_rate is 1
    cfg.write_text(cfg.read_text().replace("pass_rate: 0.9", "signal_accuracy: 0.5"))
    code, doc = run(cfg)
    assert code == 1 and "signal_accuracy is -" in doc["screener"]["gate"]["failures"][0]


def test_bad_flags_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = echo_config(tmp_path, "  - {vars: {topic: a}}")
    assert main(["eval", str(cfg), "--repeat", "0"]) == 2
    assert main(["eval", str(cfg), "--max-drop", "signal_accuracy"]) == 2
    assert main(["eval", str(cfg), "--compare", str(tmp_path / "missing.json")]) == 2
    err = capsys.readouterr().err
    assert "--repeat must be 1 or more" in err and "METRIC=NUMBER" in err and "file not found" in err


def test_unknown_provider_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = echo_config(tmp_path, "  - {vars: {topic: a}}")
    cfg.write_text(cfg.read_text().replace("[file://echo_provider.py]", "[nosuch:model]"))
    assert main(["eval", str(cfg)]) == 2
    assert "unknown provider 'nosuch'" in capsys.readouterr().err


def test_timeout_ms_records_an_error_for_a_slow_provider(tmp_path: Path) -> None:
    (tmp_path / "slow.py").write_text("import asyncio\n\nasync def call_api(prompt, options, context):\n"
                                      "    await asyncio.sleep(5)\n    return {'output': 'late'}\n")
    cfg = tmp_path / "c.yaml"
    cfg.write_text("prompts: ['x']\nproviders: [file://slow.py]\ntests: [{vars: {a: 1}}]\n"
                   "evaluateOptions: {timeoutMs: 50}\n")
    code, doc = run(cfg)
    assert code == 1 and "timed out after 50 ms" in doc["results"]["results"][0]["error"]


TURNS = """
- id: t1
  split: dev
  role: ai_engineer
  previous_answer: null
  turn: "How old are you, if you don't mind me asking?"
  kinds: [unlawful]
  kit_competency: null
  unlawful_topic: age
- id: t2
  split: dev
  role: ai_engineer
  previous_answer: null
  turn: "Thanks for making the time today, how's your week going?"
  kinds: [small_talk]
  kit_competency: null
  unlawful_topic: null
- id: t3
  split: dev
  role: ai_engineer
  previous_answer: "We improved it a lot."
  turn: "By how much, and how did you measure it?"
  kinds: [follow_up_probe]
  kit_competency: null
  unlawful_topic: null
"""


def test_eval_measures_the_interview_report_per_kind_on_labelled_turns(tmp_path, capsys) -> None:
    labels = tmp_path / "turns.yaml"
    labels.write_text(TURNS, encoding="utf-8")
    out = tmp_path / "coach.json"
    code = main(["eval", "--interviewer-turns", str(labels), "--split", "dev", "-o", str(out)])
    printed = capsys.readouterr().out
    assert "split dev: 3 interviewer turns read by offline" in printed
    assert "unlawful missed: 0" in printed and "unlawful " in printed
    figures = json.loads(out.read_text(encoding="utf-8"))["interviewer_turns"]["dev"]
    assert figures["kinds"]["unlawful"]["recall"] == 1.0 and figures["unlawful_missed"] == 0
    # a kind with no turns of its own scores 1.0 by convention, so every goal is met: exit 0
    assert code == 0


def test_eval_reads_a_file_named_for_a_blind_set_as_that_split_and_prints_only_aggregates(tmp_path, capsys) -> None:
    # any later blind set (holdout5, ...) is named by its file, like holdout3 was, with no change to the command
    labels = tmp_path / "interviewer_turns_holdout9.yaml"
    labels.write_text(TURNS, encoding="utf-8")
    out = tmp_path / "coach.json"
    assert main(["eval", "--interviewer-turns", str(labels), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "split holdout9: 3 interviewer turns read by offline" in printed
    written = out.read_text(encoding="utf-8")
    assert list(json.loads(written)["interviewer_turns"]) == ["holdout9"]
    for shown in (printed, written):
        assert "By how much" not in shown and "We improved it a lot" not in shown  # no turn of a blind set


def test_eval_interviewer_turns_mistakes_are_one_line(tmp_path, capsys) -> None:
    labels = tmp_path / "turns.yaml"
    labels.write_text(TURNS, encoding="utf-8")
    assert main(["eval", "evals/promptfooconfig.yaml", "--interviewer-turns", str(labels)]) == 2
    assert "drop CONFIG" in capsys.readouterr().err
    assert main(["eval", "--interviewer-turns", str(labels), "--split", "holdout"]) == 2
    assert "no labelled turns of split holdout" in capsys.readouterr().err
    assert main(["eval", "--interviewer-turns", str(tmp_path / "missing.yaml")]) == 2
    assert "missing.yaml" in capsys.readouterr().err
    assert main(["eval"]) == 2
    assert "name the eval config" in capsys.readouterr().err
    assert main(["eval", "evals/promptfooconfig.yaml", "-p", "offline", "--split", "dev"]) == 2
    assert "go with --interviewer-turns" in capsys.readouterr().err
    with pytest.raises(SystemExit) as stop:
        main(["eval", "--interviewer-turns", str(labels), "--split", "holdot5"])
    assert stop.value.code == 2 and "choose dev, holdout, all or a blind set" in capsys.readouterr().err
