"""Surnames the redactor used to leave behind: the O'/D'/L' families (one name, not "O" and a name) and the
surnames a common-word frequency list holds (Walsh, Murphy, Patel, Kim), which are names after a given name
unless the transcript also uses the word in lower case."""

from __future__ import annotations

import pytest

from screener.parsing import parse_transcript
from screener.safety.redact import redact


def sent(line: str, extra: str = "") -> str:
    text = (f"Dana Lee: Tell me about the team?\nSam Ito: {line}\nDana Lee: And then?\n"
            f"Sam Ito: We built 300 cases{extra}.\n")
    return redact(parse_transcript(text, format="text")).transcript.turns[1].text


@pytest.mark.parametrize(("line", "gone"), [
    ("Did Seán O'Connor help?", ["Seán", "O'Connor", "Connor"]),
    ("Ask Priya D'Souza about it.", ["Priya", "D'Souza", "Souza"]),
    ("Then Maeve O’Brien reviewed it.", ["Maeve", "Brien"]),
    ("We hired Jean-Luc D'Arcy last year.", ["Jean-Luc", "Arcy"]),
    ("I worked with Connor Walsh on it.", ["Connor", "Walsh"]),
    ("Aoife Murphy ran the labelling.", ["Aoife", "Murphy"]),
    ("Ravi Patel wrote the judge prompt.", ["Ravi", "Patel"]),
])
def test_the_whole_name_goes(line, gone):
    out = sent(line)
    assert "[PERSON" in out and not any(word in out for word in gone), out


def test_a_surname_the_transcript_uses_as_a_word_stays_a_word():
    """"green" is written in lower case elsewhere, so "Green" after a given name is not taken for a surname on
    the strength of the frequency list alone (and the build stays green)."""
    out = sent("Priya Green builds were the goal.", extra=", and the build went green")
    assert "builds were the goal" in out


def test_apostrophes_that_are_not_a_surname_prefix_are_untouched():
    out = sent("D'you know the 400-case suite? We'd ship it, and O'Reilly's book helped.")
    assert "D'you know the 400-case suite? We'd ship it" in out
