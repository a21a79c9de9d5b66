"""The bundled rubric and question bank: it loads, follows the anchoring rules, and broken files fail clearly."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from screener.errors import ConfigError
from screener.paths import prompts_dir
from screener.rubric import Rubric, load_rubric_dir

RUBRIC_DIR = prompts_dir() / "rubric"

AI_IDS = {
    "ai_eval": "eval",
    "ai_hallucination": "prompt",
    "ai_measurement": "eval",
    "ai_retrieval": "retrieval",
    "ai_agents": "agent",
    "ai_production": "production",
}
ML_IDS = {
    "ml_data": "data",
    "ml_features": "features",
    "ml_evaluation": "training",
    "ml_deployment": "deployment",
}

# A follow-up "probes for numbers or method" when it asks for one of these.
PROBE = re.compile(
    r"how many|how much|how (?:did|do|would) you (?:check|count|know|measure|find|tell|choose|pick)|measur|"
    r"number|before|baseline|rate\b|sample|p95|metric|score|share|percent|precision|recall|cost",
    re.IGNORECASE,
)
# Words that would mean a level or tourist sign grades the person rather than the evidence.
PERSONAL = re.compile(
    r"\b(?:tone|accent\w*|fluen\w*|articulate\w*|charism\w*|confident\w*|enthusias\w*|energetic|nervous\w*|"
    r"age|young|old|gender|male|female|ethnic\w*|race|nationality|native|religio\w*|disab\w*|he|she|his|her|him)\b",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubric_dir(RUBRIC_DIR)


def _copy_rubric(tmp_path: Path) -> Path:
    folder = tmp_path / "rubric"
    shutil.copytree(RUBRIC_DIR, folder)
    return folder


def _edit_first(path: Path, edit) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(data[0])
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


# --- the bundled rubric -------------------------------------------------------------------------------


def test_bundled_rubric_loads_with_a_version(rubric: Rubric) -> None:
    assert re.fullmatch(r"rubric-\d{4}\.\d+(?:\.\d+)?", rubric.version)
    assert len(rubric.competencies) == len(AI_IDS) + len(ML_IDS)


def test_competency_ids_tracks_and_layers_are_exactly_the_agreed_ones(rubric: Rubric) -> None:
    assert {c.id: c.layer for c in rubric.for_role("ai_engineer")} == AI_IDS
    assert {c.id: c.layer for c in rubric.for_role("ml_engineer")} == ML_IDS
    assert [c.id for c in rubric.for_role("hybrid")] == [c.id for c in rubric.competencies]
    assert rubric.get("ai_eval").track == "ai_engineer"
    assert rubric.get("ml_deployment").track == "ml_engineer"
    assert rubric.get("no_such_competency") is None


def test_each_track_file_holds_only_its_own_track() -> None:
    for name, ids in (("ai_engineer.yaml", AI_IDS), ("ml_engineer.yaml", ML_IDS)):
        items = yaml.safe_load((RUBRIC_DIR / name).read_text(encoding="utf-8"))
        assert [i["id"] for i in items] == list(ids)
        assert {i["track"] for i in items} == {name.removesuffix(".yaml")}


def test_every_competency_has_four_distinct_anchored_levels(rubric: Rubric) -> None:
    for c in rubric.competencies:
        assert sorted(c.levels) == [1, 2, 3, 4], c.id
        texts = [c.levels[n].strip() for n in (1, 2, 3, 4)]
        assert len(set(texts)) == 4, c.id
        assert all(len(t) > 80 for t in texts), f"{c.id}: a level too short to anchor a score"
        # level 3 is where a measured outcome first appears; level 4 builds on level 3
        assert re.search(r"measur", c.levels[3], re.IGNORECASE), c.id
        assert c.levels[4].startswith("All of level 3"), c.id
        assert re.search(r"trade-off", c.levels[4]), c.id
        assert re.search(r"differently|would change", c.levels[4]), c.id
        # level 1 is the tourist answer: no artefact, no numbers
        assert re.search(r"\bno\b", c.levels[1]), c.id


def test_every_competency_has_questions_whose_follow_ups_probe_for_numbers_and_method(rubric: Rubric) -> None:
    for c in rubric.competencies:
        assert 2 <= len(c.questions) <= 3, c.id
        for q in c.questions:
            assert q.text.strip().endswith(("?", ".")), q.text
            assert 2 <= len(q.follow_ups) <= 4, q.text
            assert any(PROBE.search(f) for f in q.follow_ups), (
                f"{c.id}: no follow-up asks for a number or method: {q.text}"
            )
        all_questions = [q.text for q in c.questions] + [f for q in c.questions for f in q.follow_ups]
        assert len(set(all_questions)) == len(all_questions), f"{c.id}: a repeated question"


def test_every_competency_has_tourist_signs_and_lower_case_keywords(rubric: Rubric) -> None:
    for c in rubric.competencies:
        assert 3 <= len(c.tourist_signs) <= 5, c.id
        assert 12 <= len(c.keywords) <= 30, c.id
        assert all(k == k.lower() and k.strip() == k and k for k in c.keywords), c.id
        assert len(set(c.keywords)) == len(c.keywords), f"{c.id}: duplicate keyword"


def test_eval_keywords_include_the_plain_words_practitioners_use(rubric: Rubric) -> None:
    keywords = set(rubric.get("ai_eval").keywords)
    assert {"test set", "regression", "golden", "judge", "graded", "labelled", "pass rate"} <= keywords


def test_levels_and_signs_grade_evidence_never_personal_attributes(rubric: Rubric) -> None:
    for c in rubric.competencies:
        for text in [*c.levels.values(), *c.tourist_signs, c.description]:
            hit = PERSONAL.search(text)
            assert hit is None, f"{c.id}: '{hit.group(0)}' in: {text}"


# --- broken rubric files ------------------------------------------------------------------------------


def test_unknown_key_is_a_config_error_naming_the_file_and_key(tmp_path: Path) -> None:
    folder = _copy_rubric(tmp_path)
    _edit_first(folder / "ai_engineer.yaml", lambda c: c.update(weight=3))
    with pytest.raises(ConfigError) as e:
        load_rubric_dir(folder)
    msg = str(e.value)
    assert str(folder / "ai_engineer.yaml") in msg and "weight" in msg
    assert "\n" not in msg


def test_three_levels_is_a_config_error_naming_the_file(tmp_path: Path) -> None:
    folder = _copy_rubric(tmp_path)
    _edit_first(folder / "ml_engineer.yaml", lambda c: c["levels"].pop(4))
    with pytest.raises(ConfigError) as e:
        load_rubric_dir(folder)
    msg = str(e.value)
    assert str(folder / "ml_engineer.yaml") in msg and "levels" in msg and "1, 2, 3, 4" in msg
    assert "\n" not in msg


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("questions", "Tell me about evals."),
        ("keywords", 5),
        ("levels", ["a", "b", "c", "d"]),
        ("track", "designer"),
    ],
)
def test_wrong_type_is_a_config_error_naming_the_file_and_field(
    tmp_path: Path, field: str, value: object
) -> None:
    folder = _copy_rubric(tmp_path)
    _edit_first(folder / "ai_engineer.yaml", lambda c: c.update({field: value}))
    with pytest.raises(ConfigError) as e:
        load_rubric_dir(folder)
    msg = str(e.value)
    assert str(folder / "ai_engineer.yaml") in msg and field in msg
    assert "\n" not in msg


def test_question_without_follow_ups_is_a_config_error(tmp_path: Path) -> None:
    folder = _copy_rubric(tmp_path)
    _edit_first(folder / "ai_engineer.yaml", lambda c: c["questions"][0].update(follow_ups=[]))
    with pytest.raises(ConfigError, match="follow_ups"):
        load_rubric_dir(folder)


def test_track_file_that_is_not_a_list_is_a_config_error(tmp_path: Path) -> None:
    folder = _copy_rubric(tmp_path)
    (folder / "ml_engineer.yaml").write_text("id: ml_data\nname: Data\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(str(folder / "ml_engineer.yaml"))):
        load_rubric_dir(folder)


def test_meta_with_wrong_type_or_missing_is_a_config_error_naming_it(tmp_path: Path) -> None:
    folder = _copy_rubric(tmp_path)
    (folder / "_meta.yaml").write_text("version: 2026\n", encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_rubric_dir(folder)
    assert str(folder / "_meta.yaml") in str(e.value) and "version" in str(e.value)

    (folder / "_meta.yaml").unlink()
    with pytest.raises(ConfigError, match="_meta.yaml"):
        load_rubric_dir(folder)
