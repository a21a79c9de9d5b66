"""``pip install .`` works, not only ``-e``: a wheel built from the checkout, installed into a fresh venv, grades
transcripts offline from another folder, with the prompts, rubric and templates read from inside the package.

The wheel is built as ``pip install .`` builds it (``pip wheel --no-deps``, in pip's build isolation), from a
copy of ``pyproject.toml``, ``README.md`` and ``screener/`` only. The fresh
venv gets screener from the wheel alone; its dependencies are borrowed from this interpreter's site-packages
through a ``.pth`` path line (so nothing is downloaded, and the checkout's editable hook, a ``.pth`` *file* in
there, never runs: the checkout cannot be imported by accident).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "zoom_interview.vtt"
DOCX = ROOT / "tests" / "fixtures" / "transcripts" / "teams.docx"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # from a copy of what the package is made of (no build/ left over from an earlier build, nothing else needed)
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "screener", source / "screener", ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path_factory.mktemp("wheel")
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(source)],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    (built,) = out.glob("screener-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``bin`` folder of a fresh venv with the wheel installed."""
    home = tmp_path_factory.mktemp("venv")
    venv.create(home, with_pip=True)
    bin_dir = home / "bin"
    py = bin_dir / "python"
    r = subprocess.run([str(py), "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheel)],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    site = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    (Path(site) / "_borrowed_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return bin_dir


def _env() -> dict[str, str]:
    drop = ("SCREENER_PROMPTS", "PYTHONPATH", "VIRTUAL_ENV")
    return {k: v for k, v in os.environ.items() if k not in drop and not k.endswith("_API_KEY")}


def test_the_wheel_ships_the_prompts_rubric_and_templates(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for data in ("screener/prompts/grader/system.md.j2", "screener/prompts/grader/user.md.j2",
                 "screener/prompts/grader/prompt.yaml", "screener/prompts/rubric/ai_engineer.yaml",
                 "screener/prompts/rubric/ml_engineer.yaml", "screener/prompts/rubric/_meta.yaml",
                 "screener/prompts/kit.md.j2", "screener/prompts/fairness/names.yaml",
                 "screener/web/templates/base.html.j2"):
        assert data in names, data
    assert not any(name.startswith(("tests/", "golden/", "prompts/")) for name in names)


def test_the_installed_wheel_grades_an_example_offline_from_another_folder(installed: Path, tmp_path: Path) -> None:
    work = tmp_path / "elsewhere"
    work.mkdir()
    shutil.copy(EXAMPLE, work / "interview.vtt")
    shutil.copy(DOCX, work / "teams.docx")
    where = subprocess.run([str(installed / "python"), "-c",
                            "import screener, screener.paths as p; print(screener.__file__); print(p.prompts_dir())"],
                           capture_output=True, text=True, cwd=work, env=_env(), check=True).stdout.split()
    assert all(str(ROOT) not in line for line in where), where  # the wheel's screener, not the checkout's
    assert where[1].endswith("site-packages/screener/prompts")

    r = subprocess.run([str(installed / "screener"), "grade", "interview.vtt", "--format", "json"],
                       capture_output=True, text=True, cwd=work, env=_env(), timeout=120)
    assert r.returncode == 0, r.stderr
    assert "grading with offline" in r.stderr
    card = json.loads(r.stdout)
    assert card["candidate"] == "Adaeze Nwosu" and card["recommendation"] and card["competencies"]

    # the same scorecard the checkout gives (timing fields aside)
    here = subprocess.run([sys.executable, "-m", "screener", "grade", str(EXAMPLE), "--format", "json"],
                          capture_output=True, text=True, env=_env(), timeout=120)
    ours = json.loads(here.stdout)
    for key in ("recommendation", "signal", "role_fit", "competencies"):
        assert card[key] == ours[key], key

    r = subprocess.run([str(installed / "screener"), "grade", "teams.docx", "-q"],
                       capture_output=True, text=True, cwd=work, env=_env(), timeout=120)
    assert r.returncode == 0, r.stderr
    assert "Trent Halvorsen" in r.stdout


def test_the_installed_wheel_renders_the_kit_from_the_bundled_template(installed: Path, tmp_path: Path) -> None:
    r = subprocess.run([str(installed / "python"), "-c",
                        "from screener.kit import render_kit; print(render_kit('ai_engineer')[:400])"],
                       capture_output=True, text=True, cwd=tmp_path, env=_env(), timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("# Interviewer kit: AI Engineer screen") and "Rubric `rubric-" in r.stdout
