"""The interviewer kit: ``render_kit`` and ``screener kit``."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from screener.cli import main
from screener.errors import ConfigError, UsageError
from screener.kit import render_kit
from screener.paths import prompts_dir
from screener.rubric import Competency, Question, Rubric, load_rubric_dir

RUBRIC = load_rubric_dir(prompts_dir() / "rubric")


def _questions(track: str) -> list[str]:
    return [q.text for c in RUBRIC.for_role(track) for q in c.questions]


def _section(kit: str, competency_id: str) -> str:
    """The kit's section for one competency: from its heading to the next rule."""
    start = kit.index(f"(`{competency_id}`)\n\n*Layer")
    end = kit.find("\n---\n", start)
    return kit[start : end if end != -1 else len(kit)]


@pytest.fixture
def prompts_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "prompts"
    shutil.copytree(prompts_dir() / "rubric", folder / "rubric")
    shutil.copy(prompts_dir() / "kit.md.j2", folder / "kit.md.j2")
    monkeypatch.setenv("SCREENER_PROMPTS", str(folder))
    return folder


# --- render_kit ---------------------------------------------------------------------------------------


def test_kit_for_a_track_has_every_question_follow_up_level_and_sign_of_that_track() -> None:
    kit = render_kit("ai_engineer")
    assert kit.startswith("# Interviewer kit: AI Engineer screen\n")
    assert RUBRIC.version in kit
    for c in RUBRIC.for_role("ai_engineer"):
        section = _section(kit, c.id)
        for q in c.questions:
            assert f"**{q.text}**" in section
            for f in q.follow_ups:
                assert f"   - {f}\n" in section
        for sign in c.tourist_signs:
            assert f"- {sign}" in section
        # the four anchored levels as a scoring table, one row each, in order
        rows = re.findall(r"^\| (\d) \| (.+) \|$", section, re.MULTILINE)
        assert [int(n) for n, _ in rows] == [1, 2, 3, 4]
        assert [text for _, text in rows] == [" ".join(c.levels[n].split()) for n in (1, 2, 3, 4)]
    for text in _questions("ml_engineer"):
        assert text not in kit


def test_kit_tells_the_interviewer_to_ask_for_numbers_and_method_and_not_to_lead() -> None:
    kit = render_kit("ml_engineer")
    how_to = " ".join(kit[kit.index("## How to use this kit") : kit.index("## Competencies")].split())
    assert "Ask for numbers" in how_to
    assert "Ask for the method" in how_to
    assert "Don't lead with numbers yourself" in how_to
    assert "not assessed" in how_to
    assert re.search(r"Never score tone, accent", how_to)


def test_hybrid_kit_covers_both_tracks_under_their_own_headings() -> None:
    kit = render_kit("hybrid")
    assert kit.startswith("# Interviewer kit: AI/ML Engineer screen\n")
    for text in _questions("ai_engineer") + _questions("ml_engineer"):
        assert f"**{text}**" in kit
    ai, ml = kit.index("\n# AI Engineer track\n"), kit.index("\n# ML Engineer track\n")
    assert ai < kit.index("(`ai_eval`)\n\n*Layer") < ml < kit.index("(`ml_data`)\n\n*Layer")
    assert kit.endswith("\n") and not kit.endswith("\n\n")


def test_single_track_kit_has_no_track_headings() -> None:
    kit = render_kit("ai_engineer")
    assert "# AI Engineer track" not in kit and "# ML Engineer track" not in kit


def test_a_given_rubric_is_used_and_pipes_cannot_break_the_scoring_table() -> None:
    custom = Rubric(
        version="rubric-test.1",
        competencies=[
            Competency(
                id="ml_custom",
                name="Custom competency",
                track="ml_engineer",
                layer="training",
                description="A test competency.",
                levels={1: "only | buzzwords", 2: "artefact,\n  no numbers", 3: "measured", 4: "all of 3"},
                questions=[Question(text="What did you measure?", follow_ups=["On how many examples?"])],
                tourist_signs=["no numbers"],
                keywords=["measure", "metric", "baseline"],
            )
        ],
    )
    kit = render_kit("ml_engineer", custom)
    assert "rubric-test.1" in kit and "**What did you measure?**" in kit
    assert "| 1 | only \\| buzzwords |" in kit
    assert "| 2 | artefact, no numbers |" in kit
    assert RUBRIC.get("ml_data").name not in kit


def test_role_with_no_competencies_is_a_config_error() -> None:
    ai_only = Rubric(version="v", competencies=RUBRIC.for_role("ai_engineer"))
    with pytest.raises(ConfigError, match="no competencies for role 'ml_engineer'"):
        render_kit("ml_engineer", ai_only)


def test_unknown_role_is_a_usage_error_listing_the_roles() -> None:
    with pytest.raises(UsageError, match="ai_engineer, ml_engineer, hybrid"):
        render_kit("designer")  # type: ignore[arg-type]


def test_template_with_a_missing_variable_raises_instead_of_rendering_blank(prompts_copy: Path) -> None:
    template = prompts_copy / "kit.md.j2"
    template.write_text(
        template.read_text(encoding="utf-8") + "\nInterviewer: {{ interviewer_name }}\n", encoding="utf-8"
    )
    with pytest.raises(ConfigError) as e:
        render_kit("ai_engineer")
    assert str(template) in str(e.value) and "interviewer_name" in str(e.value)


def test_template_with_a_missing_attribute_raises(prompts_copy: Path) -> None:
    template = prompts_copy / "kit.md.j2"
    template.write_text("{% for t in tracks %}{{ t.competencies[0].weight }}{% endfor %}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="weight"):
        render_kit("ml_engineer")


def test_prompts_folder_comes_from_screener_prompts(prompts_copy: Path) -> None:
    (prompts_copy / "kit.md.j2").write_text("custom kit for {{ role_title }}\n", encoding="utf-8")
    assert render_kit("ml_engineer") == "custom kit for ML Engineer\n"


def test_missing_or_broken_template_is_a_config_error(prompts_copy: Path) -> None:
    template = prompts_copy / "kit.md.j2"
    template.write_text("{% for c in tracks %}never closed\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"kit\.md\.j2:\d+"):
        render_kit("hybrid")
    template.unlink()
    with pytest.raises(ConfigError, match="template not found"):
        render_kit("hybrid")


def test_rubric_file_with_a_yaml_syntax_error_is_a_config_error(prompts_copy: Path) -> None:
    (prompts_copy / "rubric" / "ml_engineer.yaml").write_text(
        "- id: ml_data\n  name: [unclosed\n", encoding="utf-8"
    )
    with pytest.raises(ConfigError) as e:
        render_kit("ml_engineer")
    assert str(prompts_copy / "rubric") in str(e.value) and "not valid YAML" in str(e.value)
    assert "\n" not in str(e.value)


# --- screener kit -------------------------------------------------------------------------------------


def test_cli_ml_kit_prints_ml_questions_and_no_ai_ones(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kit", "--role", "ml_engineer"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Interviewer kit: ML Engineer screen")
    for text in _questions("ml_engineer"):
        assert text in out
    for text in _questions("ai_engineer"):
        assert text not in out
    assert "(`ai_eval`)" not in out


def test_cli_default_role_is_hybrid(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kit"]) == 0
    assert capsys.readouterr().out == render_kit("hybrid")


def test_cli_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "kit.md"
    assert main(["kit", "--role", "ai_engineer", "-o", str(target)]) == 0
    captured = capsys.readouterr()
    assert target.read_text(encoding="utf-8") == render_kit("ai_engineer")
    assert captured.out == ""
    assert str(target) in captured.err


def test_cli_unwritable_output_exits_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no_such_dir" / "kit.md"
    assert main(["kit", "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("screener: error: cannot write") and "-o" in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert not target.exists()


def test_cli_bad_role_exits_2_naming_the_choices(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as e:
        main(["kit", "--role", "designer"])
    assert e.value.code == 2
    err = capsys.readouterr().err
    assert "designer" in err and "ml_engineer" in err
    assert err.strip().count("\n") == 0


def test_cli_broken_template_exits_2_with_one_line(
    prompts_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (prompts_copy / "kit.md.j2").write_text("{{ nope }}\n", encoding="utf-8")
    assert main(["kit", "--role", "ai_engineer"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("screener: error: ") and "nope" in captured.err
    assert captured.err.count("\n") == 1
