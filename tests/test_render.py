"""Scorecard views as a reader sees them: labelled sections, quotes with turn and time, escaped HTML."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from screener.grading import grade
from screener.render import evidence_place, format_time, place, to_markdown, to_text, turn_times
from screener.scorecard import Evidence, QuantifiedClaim, RedFlag, Review
from screener.transcript import Transcript, Turn


@pytest.fixture
def card(strong_transcript):
    card = grade(strong_transcript, "offline")
    return card.model_copy(update={
        "candidate": "Priya <b>Raman</b>",
        "red_flags": [RedFlag(kind="vague_claims", detail="<script>alert(1)</script> no numbers", turn=3)],
        "quantified_claims": [QuantifiedClaim(quote="Recall at 5 went from 62% to 88% | on 400 queries", turn=3,
                                              metric="recall@5", before=62, after=88, unit="%", plausible=True)],
    })


@pytest.fixture
def timed(strong_transcript) -> Transcript:
    turns = [Turn(**t.model_dump(exclude={"start"}), start=65.0 * (i + 1)) for i, t in enumerate(strong_transcript.turns)]
    return strong_transcript.model_copy(update={"turns": turns})


def test_markdown_labels_every_section(card) -> None:
    md = to_markdown(card)
    for heading in ("### Verdict", "### Summary", "### Competencies", "### Evidence", "### Quantified claims",
                    "### Red flags", "### Grader"):
        assert f"\n{heading}\n" in md
    assert md.index("### Verdict") < md.index("### Summary") < md.index("### Competencies")


def test_claims_table_has_a_heading_and_a_quote_column(card) -> None:
    md = to_markdown(card)
    header = next(line for line in md.splitlines() if line.startswith("| Where |"))
    assert header == "| Where | Metric | Value | Unit | Plausible | Quote |"
    row = next(line for line in md.splitlines() if "recall@5" in line)
    assert "62 → 88" in row and "Recall at 5 went from 62% to 88% \\| on 400 queries" in row  # pipe kept, escaped
    assert row.startswith("| turn 3 |")


def test_red_flags_keep_their_turn_and_html_is_escaped(card) -> None:
    md = to_markdown(card)
    assert "- vague_claims: &lt;script&gt;alert(1)&lt;/script&gt; no numbers (turn 3)" in md
    assert "<script>" not in md and "<b>" not in md
    assert "## Screening scorecard: Priya &lt;b&gt;Raman&lt;/b&gt;" in md
    assert "vague_claims: <script>alert(1)</script> no numbers (turn 3)" in to_text(card)


def test_quotes_show_turn_and_time_when_the_transcript_has_times(card, timed) -> None:
    times = turn_times(timed)
    quoted = next(ev for c in card.competencies for ev in c.evidence)
    expected = f"(turn {quoted.turn}, {format_time(65.0 * (quoted.turn + 1))})"
    assert expected in to_text(card, times=times)
    assert expected in to_markdown(card, times=times)
    assert f"(turn {quoted.turn})" in to_markdown(card)  # no times: the turn alone
    assert "(turn 3, 04:20)" in to_markdown(card, times=times)  # red flags too


def test_time_format_matches_a_recording() -> None:
    assert format_time(754.9) == "12:34"
    assert format_time(3723) == "1:02:03"
    assert format_time(-1) is None and format_time(float("nan")) is None
    assert place(7, {7: 754.0}) == "turn 7, 12:34"
    assert place(7, {7: float("nan")}) == "turn 7"
    assert place(None) == ""


def test_evidence_that_carries_its_own_start_is_shown() -> None:
    assert evidence_place(SimpleNamespace(turn=2, start=125.0), {2: 999.0}) == "turn 2, 02:05"
    assert evidence_place(Evidence(quote="x", turn=2), {2: 999.0}) == "turn 2, 16:39"


def test_a_reviewed_card_shows_the_decision(card) -> None:
    reviewed = card.model_copy(update={"status": "reviewed", "review": Review(
        reviewer="Dana Levi", decision="advance", note="solid <i>evals</i>", at="2026-12-01T10:00:00+00:00")})
    md = to_markdown(reviewed)
    assert "- **Decision:** advance by Dana Levi (2026-12-01T10:00:00+00:00) - solid &lt;i&gt;evals&lt;/i&gt;" in md
    assert "Decision: advance by Dana Levi" in to_text(reviewed)


def test_a_newline_in_a_quote_cannot_start_a_heading(card) -> None:
    evil = card.model_copy(update={"summary": "fine\n## Hired!\n<img src=x onerror=alert(1)>"})
    md = to_markdown(evil)
    assert "\n## Hired!" not in md and "<img" not in md


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_grade_shows_quote_times_for_a_timed_transcript(fmt, tmp_path, strong_transcript, capsys) -> None:
    from screener.cli import main

    cues = [f"00:{i:02d}:05.000 --> 00:{i:02d}:09.000\n<v {t.speaker}>{t.text}"
            for i, t in enumerate(strong_transcript.turns)]
    vtt = tmp_path / "interview.vtt"
    vtt.write_text("WEBVTT\n\n" + "\n\n".join(cues) + "\n", encoding="utf-8")
    assert main(["grade", str(vtt), "--format", fmt, "-q"]) == 0
    out = capsys.readouterr().out
    assert "(turn 1, 01:05)" in out or "(turn 3, 03:05)" in out
