"""Loading eval configs: promptfoo's format, file:// resolution, warnings for unknown keys, one-line errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from screener.cli import main
from screener.errors import ConfigError
from screener.evals.loading import load_suite

FIX = Path(__file__).parent / "fixtures" / "evals"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_inline_config_with_default_test_and_options(tmp_path: Path) -> None:
    cfg = write(tmp_path / "c.yaml", """
description: demo
prompts: ["Say {{ topic }}"]
providers: [offline, {id: "file://echo.py", label: echo, config: {prefix: "x"}}]
defaultTest:
  vars: {lang: en}
  assert: [{type: is-json}]
tests:
  - description: one
    vars: {topic: a}
    assert: [{type: contains, value: a, weight: 2, metric: m}]
evaluateOptions: {maxConcurrency: 2, repeat: 3, cache: false}
metadata: {screener: {role: ai_engineer, gate: {max_regressions: 1}}}
""")
    suite = load_suite(cfg)
    assert suite.description == "demo" and suite.warnings == []
    assert [p.id for p in suite.providers] == ["offline", "file://echo.py"]
    assert suite.providers[1].label == "echo" and suite.providers[1].config == {"prefix": "x"}
    (test,) = suite.tests
    assert test.vars == {"lang": "en", "topic": "a"}
    assert [a.type for a in test.case.assert_] == ["is-json", "contains"]  # defaultTest's first, as promptfoo
    assert test.case.assert_[1].weight == 2 and test.case.assert_[1].metric == "m"
    assert (suite.options.max_concurrency, suite.options.repeat, suite.options.cache) == (2, 3, False)
    assert suite.settings.role == "ai_engineer" and suite.settings.gate.max_regressions == 1


def test_file_vars_resolve_relative_to_the_config_directory_even_from_a_nested_test_file(tmp_path: Path) -> None:
    write(tmp_path / "data" / "t.txt", "  transcript text \n")
    write(tmp_path / "data" / "v.yaml", "a: 1\n")
    write(tmp_path / "cases" / "tests.yaml", "- vars: {transcript: file://data/t.txt, obj: file://data/v.yaml}\n")
    cfg = write(tmp_path / "c.yaml", "prompts: ['{{ transcript }}']\nproviders: [offline]\ntests: file://cases/tests.yaml\n")
    (test,) = load_suite(cfg).tests
    assert test.vars["transcript"] == "file://data/t.txt"  # results keep the reference, as promptfoo does
    assert test.resolved_vars["transcript"] == "transcript text"  # trimmed, as promptfoo loads it
    assert test.resolved_vars["obj"] == '{"a": 1}'


def test_tests_from_globs_jsonl_and_csv(tmp_path: Path) -> None:
    shutil.copy(FIX / "tests.jsonl", tmp_path / "a.jsonl")
    shutil.copy(FIX / "tests.csv", tmp_path / "b.csv")
    write(tmp_path / "more" / "x.yaml", "- description: yaml one\n  vars: {topic: y}\n")
    write(tmp_path / "more" / "y.yaml", "description: single mapping\nvars: {topic: z}\n")
    cfg = write(tmp_path / "c.yaml", "prompts: ['{{ topic }}']\nproviders: [offline]\n"
                "tests: [file://a.jsonl, file://b.csv, 'file://more/*.yaml']\n")
    tests = load_suite(cfg).tests
    assert [t.name for t in tests] == ["jsonl one", "jsonl two", "csv alpha", "csv gamma, quoted", "yaml one",
                                       "single mapping"]
    alpha = tests[2].case.assert_
    assert [(a.type, a.value) for a in alpha] == [("contains", "alpha"), ("not-icontains", "BETA")]
    gamma = tests[3].case.assert_
    assert [(a.type, a.value) for a in gamma] == [("icontains-any", ["x"]), ("equals", "GAMMA")]


def test_list_vars_expand_to_one_test_per_value(tmp_path: Path) -> None:
    cfg = write(tmp_path / "c.yaml", "prompts: ['{{ a }}{{ b }}']\nproviders: [offline]\n"
                "tests: [{vars: {a: [1, 2], b: [x, y]}}]\n")
    combos = [(t.vars["a"], t.vars["b"]) for t in load_suite(cfg).tests]
    assert combos == [(1, "x"), (1, "y"), (2, "x"), (2, "y")]


def test_unknown_keys_warn_and_do_not_crash(tmp_path: Path) -> None:
    cfg = write(tmp_path / "c.yaml", """
prompts: ['{{ a }}']
providers: [{id: offline, colour: red}]
sharing: false
frobnicate: 1
tests: [{vars: {a: 1}, flavour: x, assert: [{type: contains, value: '1', shade: 2}]}]
evaluateOptions: {speed: 11}
metadata: {screener: {mood: calm}}
""")
    warnings = load_suite(cfg).warnings
    text = "\n".join(warnings)
    for key in ("providers[0].colour", "sharing", "frobnicate", "tests[0].flavour", "tests[0].assert[0].shade",
                "evaluateOptions.speed", "metadata.screener.mood"):
        assert key in text, key
    assert all(w.startswith(str(cfg)) for w in warnings)


@pytest.mark.parametrize(("body", "expected"), [
    ("prompts: ['x']\nproviders: [offline]\ntests: [{vars: {a: 1}, assert: [{type: contains, weight: -1}]}]\n",
     "tests[0].assert[0].weight"),
    ("prompts: ['x']\nproviders: [offline]\ntests: [{vars: {a: 1}}]\nevaluateOptions: {maxConcurrency: 0}\n",
     "evaluateOptions.maxConcurrency"),
    ("prompts: ['x']\nproviders: [offline]\ntests: [{vars: {a: 1}}]\nmetadata: {screener: {role: chef}}\n",
     "metadata.screener.role"),
    ("prompts: ['x']\nproviders: [offline]\ntests: [{vars: {t: file://missing.vtt}}]\n", "tests[0].vars.t"),
    ("prompts: ['x']\nproviders: [offline]\ntests: file://nope/*.yaml\n", "no file matches"),
    ("providers: [offline]\ntests: [{vars: {a: 1}}]\n", "prompts: missing"),
    ("prompts: ['x']\nproviders: [offline]\ntests: []\n", "no test cases"),
    ("prompts: ['x']\nproviders: [offline]\ntests: [{vars: {a: 1}, assert: {type: equals}}]\n",
     "tests[0].assert: expected a list"),
    ("prompts: ['x'\nproviders: [offline]\n", "not valid YAML (line"),
    ("- just\n- a list\n", "expected a mapping"),
])
def test_broken_configs_raise_one_line_config_errors(tmp_path: Path, body: str, expected: str) -> None:
    cfg = write(tmp_path / "c.yaml", body)
    with pytest.raises(ConfigError) as err:
        load_suite(cfg)
    message = str(err.value)
    assert expected in message and "\n" not in message and str(cfg) in message


def test_error_in_a_test_file_names_that_file_and_the_key_path(tmp_path: Path) -> None:
    write(tmp_path / "t.yaml", "- vars: {a: 1}\n- vars: {a: 2}\n  threshold: high\n")
    cfg = write(tmp_path / "c.yaml", "prompts: ['x']\nproviders: [offline]\ntests: file://t.yaml\n")
    with pytest.raises(ConfigError, match=r"t\.yaml: \[1\]\.threshold"):
        load_suite(cfg)


def test_cli_bad_config_exits_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = write(tmp_path / "c.yaml", "prompts: ['x']\nproviders: [offline]\ntests: [{vars: 3}]\n")
    assert main(["eval", str(cfg)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("screener: error: ") and "tests[0].vars" in err[0]
    assert main(["eval", str(tmp_path / "absent.yaml")]) == 2
    assert "file not found" in capsys.readouterr().err


def test_cli_rejects_unknown_output_format_before_running(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = write(tmp_path / "c.yaml", "prompts: ['x']\nproviders: [offline]\ntests: [{vars: {a: 1}}]\n")
    assert main(["eval", str(cfg), "-o", str(tmp_path / "out.pdf")]) == 2
    assert "unknown report format" in capsys.readouterr().err


def test_prompts_with_template_logic_warn_about_nunjucks_vs_jinja(tmp_path: Path) -> None:
    cfg = write(tmp_path / "c.yaml", "prompts: ['{{ a | upper }}', '{% if a %}x{% endif %}', '{{ a }}']\n"
                "providers: [offline]\ntests: [{vars: {a: 1}}]\n")
    warnings = load_suite(cfg).warnings
    assert [w.split(": ")[1] for w in warnings] == ["prompts[0]", "prompts[1]"]
    assert "Nunjucks" in warnings[0]


def test_a_bad_grading_option_in_a_provider_config_is_one_line_naming_it(tmp_path: Path, capsys) -> None:
    cfg = write(tmp_path / "c.yaml", """
providers: [{id: offline, config: {samples: 0}}]
prompts: ["{{transcript}}"]
tests:
  - vars: {transcript: "Interviewer: hi\\nCandidate: hello there"}
""")
    assert main(["eval", str(cfg), "--no-cache", "-q"]) == 2
    err = capsys.readouterr().err
    assert "providers.offline.config.samples" in err and str(cfg) in err and "Traceback" not in err
