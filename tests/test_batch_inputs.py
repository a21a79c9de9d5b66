"""Batch inputs: folders, globs, JSONL and CSV manifests, bad rows, arguments that name nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from screener.batch.inputs import check_arguments, count_inputs, iter_inputs
from screener.errors import UsageError


def _tree(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / "a.txt").write_text("x")
    (root / "b.vtt").write_text("x")
    (root / "sub" / "c.json").write_text("x")
    (root / "sub" / "deeper" / "d.md").write_text("x")
    (root / "notes.xlsx").write_text("x")
    (root / ".hidden.txt").write_text("x")
    (root / "people.csv").write_text("path\nx.txt\n")  # a manifest in a folder is not read by a walk
    return root


def test_a_folder_is_walked_recursively_for_transcript_files(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    paths = [Path(i.path).relative_to(root).as_posix() for i in iter_inputs([str(root)])]
    assert paths == ["a.txt", "b.vtt", "sub/c.json", "sub/deeper/d.md"]
    assert count_inputs([str(root)]) == 4


def test_globs_and_files_mix(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    items = list(iter_inputs([str(root / "*.txt"), str(root / "b.vtt")]))
    assert [Path(i.path).name for i in items] == ["a.txt", "b.vtt"]


def test_an_argument_that_names_nothing_is_a_one_line_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such file or directory") as e:
        check_arguments([str(tmp_path / "missing")])
    assert "\n" not in str(e.value)
    with pytest.raises(UsageError, match="matches no files"):
        check_arguments([str(tmp_path / "*.vtt")])


def test_jsonl_manifest_rows_carry_candidate_role_requisition_relative_to_the_manifest(tmp_path: Path) -> None:
    manifest = tmp_path / "m" / "batch.jsonl"
    manifest.parent.mkdir()
    manifest.write_text("\n".join([
        json.dumps({"path": "t/one.txt", "candidate": "Priya Raman", "role": "ai_engineer", "requisition_id": "REQ-7"}),
        "",
        json.dumps({"file": "/abs/two.vtt", "name": "Sam", "speaker": "Sam O"}),
        json.dumps("three.srt"),
    ]) + "\n")
    items = list(iter_inputs([str(manifest)]))
    assert [i.error for i in items] == [None, None, None]
    assert items[0].path == str(manifest.parent / "t/one.txt")
    assert (items[0].candidate, items[0].role, items[0].requisition) == ("Priya Raman", "ai_engineer", "REQ-7")
    assert (items[1].path, items[1].candidate, items[1].speaker) == ("/abs/two.vtt", "Sam", "Sam O")
    assert items[2].path == str(manifest.parent / "three.srt")


def test_bad_jsonl_rows_become_failures_that_name_the_line(tmp_path: Path) -> None:
    manifest = tmp_path / "batch.jsonl"
    manifest.write_text('{"path": "ok.txt"}\n{not json\n[1, 2]\n{"candidate": "No Path"}\n{"path": "x.txt", "role": "ceo"}\n')
    items = list(iter_inputs([str(manifest)]))
    assert items[0].error is None
    assert f"{manifest}:2" in items[1].error and "not valid JSON" in items[1].error
    assert "expected a JSON object" in items[2].error
    assert "no path" in items[3].error and items[3].candidate == "No Path"
    assert "unknown role 'ceo'" in items[4].error


def test_csv_manifest_with_ats_columns(tmp_path: Path) -> None:
    manifest = tmp_path / "export.csv"
    manifest.write_text("Transcript,Name,Role,Req_ID,Email\none.txt,Ana Souza,ml_engineer,R-1,a@x.com\n,Nobody,,,\n",
                        encoding="utf-8")
    items = list(iter_inputs([str(manifest)]))
    assert (Path(items[0].path).name, items[0].candidate, items[0].role, items[0].requisition) == (
        "one.txt", "Ana Souza", "ml_engineer", "R-1")
    assert items[1].error and "no path" in items[1].error


def test_csv_manifest_without_a_path_column_is_a_usage_error_before_anything_runs(tmp_path: Path) -> None:
    manifest = tmp_path / "export.csv"
    manifest.write_text("candidate,role\nAna,hybrid\n")
    with pytest.raises(UsageError, match="no path column") as e:
        check_arguments([str(manifest)])
    assert "\n" not in str(e.value)
