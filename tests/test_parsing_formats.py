"""Every transcript format: speakers, roles, turn counts, merged turns, start times, detection."""

from __future__ import annotations

from pathlib import Path

import pytest

from screener.parsing import FORMATS, detect_format, load_transcript, parse_transcript

FIXTURES = Path(__file__).parent / "fixtures" / "transcripts"

# file, format, candidate, interviewers, number of turns
CASES = [
    ("plain.txt", "text", "Sam Okafor", {"Dana Whitfield"}, 8),
    ("labelled_qa.txt", "text", "A", {"Q"}, 6),
    ("labelled_roles.txt", "text", "Luis Ortega", {"Maya Chen"}, 6),
    ("zoom.vtt", "vtt", "Jordan Lee", {"Priya Raman"}, 9),
    ("teams.vtt", "vtt", "Riley Park", {"Alex Morgan"}, 6),
    ("interview.srt", "srt", "Omar Haddad", {"Kim Nakamura"}, 6),
    ("otter.txt", "otter", "Taylor Brooks", {"Sofia Alvarez"}, 6),
    ("meet.txt", "meet", "Noah Patel", {"Grace Kim", "Ben Carter"}, 7),
    ("messages.json", "json", "Marcus Webb", {"Elena Rossi"}, 6),
    ("roles.json", "json", "Wei Zhang", {"Hannah Lee", "Ivan Petrov"}, 6),
    ("interview.md", "markdown", "Ana Souza", {"Chris Doyle"}, 6),
    # vendor layouts (scripts/make_transcript_fixtures.py wrote them; the .docx and .pdf ones are in
    # test_parsing_documents.py)
    ("otter.srt", "srt", "Trent Halvorsen", {"Chloé Dubois"}, 10),
    ("zoom_captions.txt", "zoom_captions", "Trent Halvorsen", {"Chloé Dubois"}, 10),
    ("zoom_chat.txt", "zoom_chat", "Trent Halvorsen", {"Chloé Dubois", "Marcus Lindqvist"}, 11),
    ("zoom_web.txt", "zoom_web", "Trent Halvorsen", {"Chloé Dubois"}, 10),
    ("teams_paste.md", "teams_paste", "Trent Halvorsen", {"Chloé Dubois"}, 10),
    ("roles_by_name.json", "json", "Trent Halvorsen", {"Chloé Dubois"}, 10),
    ("fireflies.json", "json", "Trent Halvorsen", {"Chloé Dubois"}, 10),
    ("gong.json", "json", "Trent Halvorsen", {"Chloé Dubois"}, 10),
]


@pytest.mark.parametrize(("name", "fmt", "candidate", "interviewers", "count"), CASES)
def test_fixture_parses_with_speakers_roles_and_turns(name, fmt, candidate, interviewers, count):
    t = load_transcript(FIXTURES / name)
    assert t.format == fmt
    assert t.source == str(FIXTURES / name)
    assert len(t.turns) == count
    assert [turn.index for turn in t.turns] == list(range(count))
    assert {turn.speaker for turn in t.candidate_turns} == {candidate}
    assert {turn.speaker for turn in t.interviewer_turns} == interviewers
    # consecutive turns never share a speaker: same-speaker cues were merged
    assert all(a.speaker != b.speaker for a, b in zip(t.turns, t.turns[1:], strict=False))
    assert all(turn.text and turn.text == turn.text.strip() for turn in t.turns)


@pytest.mark.parametrize(("name", "fmt"), [(c[0], c[1]) for c in CASES])
def test_each_fixture_format_is_auto_detected(name, fmt):
    assert detect_format((FIXTURES / name).read_text(encoding="utf-8")) == fmt


def test_every_format_has_a_fixture():
    assert {c[1] for c in CASES} == set(FORMATS)


def test_plain_text_continuation_lines_and_merged_turns():
    t = load_transcript(FIXTURES / "plain.txt")
    # the title and date lines before the first label are a header, not speech
    assert t.turns[0].speaker == "Dana Whitfield"
    assert "Screening call" not in t.numbered()
    # two consecutive "Sam Okafor:" lines plus a continuation line merge into one turn
    assert t.turns[1].text == (
        "We built a 400-question eval set from real support tickets, each labelled with the passage that answers it. "
        "We scored retrieval recall@5 and answer faithfulness with a rubric graded by two annotators. "
        "Recall@5 went from 0.62 to 0.81 after we switched to hybrid search with BM25 plus embeddings."
    )
    # a colon inside a turn ("Yes: how big...") is not a new speaker
    assert t.turns[7].text == "Yes: how big is the team that owns the eval tooling?"
    assert all(turn.start is None for turn in t.turns)


def test_zoom_vtt_start_times_merges_and_unlabelled_cue():
    t = load_transcript(FIXTURES / "zoom.vtt")
    assert [turn.start for turn in t.turns] == [1.2, 7.1, 20.3, 24.4, 33.0, 36.5, 41.3, 50.2, 62.5]
    assert t.turns[1].text == (
        "Sure. I owned the churn model at a subscription company, a gradient-boosted model on 40 features. "
        "Offline AUC went from 0.71 to 0.78 once we fixed a label leak in the cancellation date."
    )
    # a cue with no "Name:" is never credited to anyone
    unknown = t.turns[4]
    assert (unknown.speaker, unknown.role, unknown.text) == ("Unknown speaker", "unknown", "(crosstalk)")
    assert "(crosstalk)" not in " ".join(turn.text for turn in t.candidate_turns)


def test_teams_vtt_voice_spans_multiline_and_entities():
    t = load_transcript(FIXTURES / "teams.vtt")
    assert t.turns[1].start == 8.0
    assert t.turns[1].text == (
        "We built a tool-calling agent for refunds. I wrote 250 scripted scenarios "
        "with the expected tool calls and arguments. "
        "Task success started at 58% and reached 83% after we added argument validation."
    )
    assert "refund amount & currency" in t.turns[3].text
    assert "<v" not in t.numbered() and "</v>" not in t.numbered()


def test_teams_cue_with_two_voices_and_a_missing_close_tag():
    text = (
        "WEBVTT\n\nab12/1-0\n00:00:01.000 --> 00:00:04.000\n<v Dana>Why did recall drop?</v> "
        "<v Sam>We changed the chunker.</v>\n\nab12/2-0\n00:00:05.000 --> 00:00:07.000\n"
        "<v.loud Dana>And the fix?\n\nab12/3-0\n00:00:08.000 --> 00:00:09.500\n<v Sam>We reverted it.</v>\n"
    )
    t = parse_transcript(text)
    assert [(x.speaker, x.start, x.text) for x in t.turns] == [
        ("Dana", 1.0, "Why did recall drop?"),
        ("Sam", 1.0, "We changed the chunker."),
        ("Dana", 5.0, "And the fix?"),
        ("Sam", 8.0, "We reverted it."),
    ]


def test_srt_comma_times_and_merges():
    t = load_transcript(FIXTURES / "interview.srt")
    assert [turn.start for turn in t.turns] == [0.5, 5.4, 18.8, 22.3, 31.2, 35.5]
    assert t.turns[1].text.endswith("reached 89%, at a third of the latency.")
    assert t.turns[1].text.startswith("In March, for ticket routing.")


def test_otter_headers_times_footer_and_title():
    t = load_transcript(FIXTURES / "otter.txt")
    assert [turn.start for turn in t.turns] == [3.0, 11.0, 35.0, 38.0, 3591.0, 3602.0]  # 59:51, 1:00:02
    assert t.turns[1].text == (
        "I run it against our golden set first: 300 customer emails with graded reference replies. "
        "A change ships only if the pass rate doesn't drop on any category. "
        "Last month a new system prompt raised the overall pass rate from 77% to 84%."
    )
    assert "otter.ai" not in t.numbered()
    assert "Interview - Taylor Brooks" not in t.numbered()


def test_otter_unknown_speaker_gets_no_role():
    text = (
        "Dana Reyes  0:01\nWhat did the eval show?\n\nUnknown Speaker  0:04\nsorry, you're on mute\n\n"
        "Sam Ito  0:07\nPass rate rose from 70% to 85% on 300 cases.\n\nDana Reyes  0:15\nHow was it graded?\n"
    )
    t = parse_transcript(text)
    assert t.format == "otter"
    assert [(x.speaker, x.role, x.start) for x in t.turns] == [
        ("Dana Reyes", "interviewer", 1.0),
        ("Unknown Speaker", "unknown", 4.0),
        ("Sam Ito", "candidate", 7.0),
        ("Dana Reyes", "interviewer", 15.0),
    ]


def test_meet_timestamps_header_and_footer():
    t = load_transcript(FIXTURES / "meet.txt")
    assert [turn.start for turn in t.turns] == [0.0, 0.0, 0.0, 72.0, 72.0, 72.0, 72.0]
    assert t.turns[2].text.endswith("raised recall at 10 from 0.68 to 0.79.")
    numbered = t.numbered()
    assert "Attendees" not in numbered and "Transcription ended" not in numbered
    assert "editable transcript" not in numbered


def test_json_list_with_numeric_and_clock_start_times():
    t = load_transcript(FIXTURES / "messages.json")
    assert [turn.start for turn in t.turns] == [0.0, 6.5, 20.0, 23.0, 31.0, 34.5]
    assert t.turns[1].text == (
        "We measured p95 first: 4.2 seconds end to end, most of it in generation. "
        "Streaming plus a smaller model for classification brought p95 to 1.9 seconds."
    )


def test_markdown_both_label_styles_and_headings_are_not_turns():
    t = load_transcript(FIXTURES / "interview.md")
    assert t.turns[1].text == (
        "A faithfulness eval for medical summaries. We had clinicians label 150 summaries "
        "for unsupported statements. The first LLM judge flagged only 40% of what the clinicians "
        "flagged; with claim-by-claim checking it reached 82%."
    )
    assert "Part 2" not in t.numbered() and "#" not in t.numbered()


def test_markdown_notes_under_a_heading_are_not_credited_to_the_last_speaker():
    text = "**Dana:** Why?\n**Sam:** Because we measured it.\n\n## Interviewer notes\nStrong on evals.\n**Dana:** Next?\n"
    t = parse_transcript(text)
    assert t.turns[1].text == "Because we measured it."
    assert "Strong on evals" not in t.numbered()


def test_plain_text_timestamp_prefix_gives_start_times():
    t = parse_transcript(
        "[00:00:05] Dana: What did you measure?\n[00:01:02] Sam: Recall at 5, from 0.6 to 0.8.\n"
    )
    assert t.format == "text"
    assert [(x.speaker, x.start) for x in t.turns] == [("Dana", 5.0), ("Sam", 62.0)]


def test_a_one_off_colon_phrase_is_prose_not_a_speaker():
    text = (
        "Dana: What happened after launch?\nSam: We watched the dashboards.\n"
        "Result: accuracy went from 81% to 86%.\nDana: How did you measure it?\nSam: A weekly labelled sample.\n"
    )
    t = parse_transcript(text)
    assert {x.speaker for x in t.turns} == {"Dana", "Sam"}
    assert t.turns[1].text == "We watched the dashboards. Result: accuracy went from 81% to 86%."


def test_windows_newlines_and_bom_are_handled():
    t = parse_transcript("\ufeffDana: Why?\r\nSam: Because\r\n  we measured it.\r\n")
    assert [x.text for x in t.turns] == ["Why?", "Because we measured it."]


def test_vtt_without_header_and_zoom_cue_split_by_a_blank_line():
    text = (
        "00:01.000 --> 00:03.000\nDana: What did the eval show?\n\n"
        "00:04.000 --> 00:09.000\nSam: Pass rate went from 70% to 85%\n\non 300 cases.\n"
    )
    t = parse_transcript(text)
    assert t.format == "vtt"
    assert [(x.speaker, x.start, x.text) for x in t.turns] == [
        ("Dana", 1.0, "What did the eval show?"),
        ("Sam", 4.0, "Pass rate went from 70% to 85% on 300 cases."),
    ]


SMALL = {
    "text": "Dana: Why?\nSam: Because.\n",
    "vtt": "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nDana: Why?\n\n00:00:03.000 --> 00:00:04.000\nSam: Because.\n",
    "markdown": "**Dana:** Why?\n**Sam:** Because.\n",
}


@pytest.mark.parametrize(
    ("forced", "expected"),
    [
        ("text", "text"),
        ("TXT", "text"),
        ("webvtt", "vtt"),
        ("zoom", "vtt"),
        ("md", "markdown"),
        ("Markdown", "markdown"),
    ],
)
def test_format_names_and_aliases_can_be_forced(forced, expected):
    t = parse_transcript(SMALL[expected], format=forced)
    assert t.format == expected
    assert [x.speaker for x in t.turns] == ["Dana", "Sam"]


def test_forcing_a_format_overrides_detection():
    # a Meet export read as plain text: the timestamp lines become continuation text
    t = load_transcript(FIXTURES / "meet.txt", format="text")
    assert t.format == "text"
    assert all(turn.start is None for turn in t.turns)
    assert "00:01:12" in t.numbered()
    # and detected, the same file has start times
    assert load_transcript(FIXTURES / "meet.txt").turns[3].start == 72.0


def test_numbered_view_is_what_graders_see():
    t = load_transcript(FIXTURES / "labelled_roles.txt")
    first = t.numbered().splitlines()[0]
    assert first == "[turn 0] INTERVIEWER (Maya Chen): Walk me through how you debug a model regression."
    assert t.turn(1).speaker == "Luis Ortega"
    assert t.turn(1).text.endswith("all in Spanish-language tickets.")


def test_stdin_dash_reads_the_transcript(monkeypatch):
    import io
    import sys

    data = (FIXTURES / "interview.srt").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    t = load_transcript("-")
    assert t.source == "-"
    assert t.format == "srt"
    assert t.candidate_name == "Omar Haddad"
