"""The ATS config file: unknown keys and misplaced keys are one line naming the file and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from screener.ats.client import AtsRequest
from screener.ats.config import load_config
from screener.cli import main
from screener.errors import ConfigError


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "ats.yaml"
    path.write_text(text)
    return path


def test_a_full_config_loads_with_defaults(tmp_path: Path) -> None:
    cfg = load_config(_write(tmp_path, "greenhouse:\n  user_id: 4080\nashby:\n  form_definition_id: f\n"
                                       "  score_path: overall\n"))
    assert cfg.greenhouse is not None and cfg.greenhouse.visibility == "private"
    assert cfg.greenhouse.key_env == "GREENHOUSE_API_KEY" and cfg.lever is None
    assert cfg.ashby is not None and cfg.ashby.base_url == "https://api.ashbyhq.com"


@pytest.mark.parametrize("text, says", [
    ("greenhouse:\n  user_id: 4080\n  visiblity: public\n", "greenhouse.visiblity: unknown key"),
    ("greenhouse:\n  user_id: 4080\n  visibility: everyone\n", "greenhouse.visibility: Input should be"),
    ("greenhouse: {}\n", "greenhouse.user_id: Field required"),
    ("workday:\n  x: 1\n", "workday: unknown key"),
    ("greenhouse:\n  user_id: 4080\n  api_key: hunter2hunter2\n", "greenhouse.api_key: keys do not go in the config"),
    ("lever:\n  token: abc\n", "lever.token: keys do not go in the config"),
    ("greenhouse:\n  user_id: 4080\n  key_env: sk-live-abc\n", "greenhouse.key_env: String should match"),
    ("- a\n- b\n", "expected a mapping"),
    ("greenhouse:\n  user_id: 4080\n  base_url: http://harvest.greenhouse.io\n", "greenhouse.base_url: "
     "must be an https:// URL"),
    ("lever:\n  perform_as: u\n  template_id: t\n  rating_field: r\n  base_url: http://127.0.0.1.evil.com\n",
     "lever.base_url: must be an https:// URL"),
    ("greenhouse: [\n", "not valid YAML"),
])
def test_config_errors_name_the_file_and_key(tmp_path: Path, text: str, says: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(ConfigError) as e:
        load_config(path)
    assert str(e.value).startswith(f"{path}: ") and says in str(e.value)
    assert "hunter2" not in str(e.value)


def test_competencies_must_be_rubric_ids(tmp_path: Path) -> None:
    path = _write(tmp_path, "lever:\n  perform_as: u\n  template_id: t\n  rating_field: r\n"
                            "  competencies: {ai_evalz: 0}\n")
    with pytest.raises(ConfigError, match=r"lever\.competencies\.ai_evalz: not a rubric competency"):
        load_config(path, competency_ids={"ai_eval", "ai_measurement"})


def test_cli_config_mistakes_exit_2_in_one_line(tmp_path: Path, capsys) -> None:
    card = tmp_path / "card.json"
    card.write_text("{}")
    missing = tmp_path / "nope.yaml"
    assert main(["ats", "push", str(card), "--to", "lever", "--target", "o", "--config", str(missing)]) == 2
    err = capsys.readouterr().err
    assert f"{missing}: no ATS config here" in err and err.count("\n") == 1
    only_gh = _write(tmp_path, "greenhouse:\n  user_id: 4080\n")
    assert main(["ats", "push", str(card), "--to", "lever", "--target", "o", "--config", str(only_gh)]) == 2
    assert "no lever: section" in capsys.readouterr().err


def test_unknown_vendor_and_missing_target_are_usage_errors(tmp_path: Path, capsys) -> None:
    with pytest.raises(SystemExit) as e:
        main(["ats", "push", "card.json", "--to", "workday", "--target", "1"])
    assert e.value.code == 2 and "invalid choice: 'workday'" in capsys.readouterr().err
    assert main(["ats"]) == 2


def test_the_config_file_is_found_from_the_environment(tmp_path: Path, monkeypatch, capsys) -> None:
    path = _write(tmp_path, "greenhouse:\n  user_id: 4080\n  bogus: 1\n")
    monkeypatch.setenv("SCREENER_ATS_CONFIG", str(path))
    card = tmp_path / "card.json"
    card.write_text("{}")
    assert main(["ats", "push", str(card), "--to", "greenhouse", "--target", "1", "--dry-run"]) == 2
    assert f"{path}: greenhouse.bogus: unknown key" in capsys.readouterr().err


def test_masked_request_never_shows_the_credential() -> None:
    req = AtsRequest("POST", "https://x/y", {"a": 1}, headers={"On-Behalf-Of": "4080"},
                     secret_headers={"Authorization": "Basic c2VjcmV0LWtleTo="})
    shown = req.masked()
    assert "Authorization: Basic ***" in shown and "c2VjcmV0" not in shown and "On-Behalf-Of: 4080" in shown
