"""A name the user passed (``--candidate``, ``--interviewer``) is a speaker in every format whose labels are told
from prose by counting them (text, WebVTT, SubRip, Google Meet): a candidate who answered once, beside two
interviewers who each spoke twice, used to be read as unlabelled speech and grading stopped with "candidate is
not a speaker". Without the name, a once-only label is still read as prose."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from screener.errors import InputError
from screener.parsing import parse_transcript

ANSWER = ("I built a 400-case regression suite from support tickets; faithfulness went from 71% to 88% after we "
          "added citations, measured on the same 400 cases.")
LINES = [("Dana Levi", "Thanks for joining. Omar is shadowing today."),
         ("Omar Haddad", "Hi, nice to meet you."),
         ("Dana Levi", "Tell me about an eval set you built."),
         ("Priya Raman", ANSWER),
         ("Omar Haddad", "Thanks, that's all from me.")]


def _stamp(seconds: int, sep: str) -> str:
    return f"00:00:{seconds:02d}{sep}000"


def vtt() -> str:
    cues = [f"{_stamp(2 * i, '.')} --> {_stamp(2 * i + 1, '.')}\n{name}: {said}" for i, (name, said) in
            enumerate(LINES)]
    return "WEBVTT\n\n" + "\n\n".join(cues) + "\n"


def srt() -> str:
    cues = [f"{i + 1}\n{_stamp(2 * i, ',')} --> {_stamp(2 * i + 1, ',')}\n{name}: {said}" for i, (name, said) in
            enumerate(LINES)]
    return "\n\n".join(cues) + "\n"


def meet() -> str:
    body = "\n".join(f"00:00:{2 * i:02d}\n{name}: {said}" for i, (name, said) in enumerate(LINES))
    return f"Screening call - Transcript\n\n{body}\n"


def text() -> str:
    return "\n".join(f"{name}: {said}" for name, said in LINES) + "\n"


FORMATS = {"vtt": vtt, "srt": srt, "meet": meet, "text": text}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_a_named_candidate_who_speaks_once_is_graded_as_the_candidate(fmt: str) -> None:
    transcript = parse_transcript(FORMATS[fmt](), format=fmt, candidate="priya raman")
    answers = [t for t in transcript.turns if t.role == "candidate"]
    assert [t.speaker for t in answers] == ["Priya Raman"]
    assert answers[0].text == ANSWER
    # the interviewer's turn before it keeps only the interviewer's words
    assert transcript.turns[2].text == "Tell me about an eval set you built."


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_without_the_name_a_once_only_label_is_not_a_speaker(fmt: str) -> None:
    # the counting rule is unchanged when nobody names the candidate: "Priya Raman:" once, beside two labels that
    # occur twice, reads as prose; asking for her then stops with the speakers that were seen
    # (or, where the two who remain both ask questions, stops: who is the candidate cannot be told)
    try:
        transcript = parse_transcript(FORMATS[fmt](), format=fmt)
    except InputError as e:
        assert "speakers: Dana Levi, Omar Haddad" in str(e) and "--candidate" in str(e)
    else:
        assert "Priya Raman" not in {t.speaker for t in transcript.turns}
    with pytest.raises(InputError, match="speakers: Dana Levi, Omar Haddad"):
        parse_transcript(FORMATS[fmt](), format=fmt, candidate="Someone Else")


def test_the_cli_grades_the_named_candidate_of_a_vtt(tmp_path: Path) -> None:
    path = tmp_path / "call.vtt"
    path.write_text(vtt(), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "screener", "grade", str(path), "--candidate", "Priya Raman",
                          "--role", "ai_engineer", "-f", "json"], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    card = json.loads(run.stdout)
    assert card["candidate"] == "Priya Raman"
    quotes = {e["quote"] for c in card["competencies"] for e in c["evidence"]}
    assert ANSWER in quotes  # her one answer is her evidence, not speech of nobody's
