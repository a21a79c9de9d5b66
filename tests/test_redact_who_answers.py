"""People named where an answer names them, and an address before a new sentence: the rules added with the
dev_extra6 probes (written from their categories, checked here on other words and names)."""

from __future__ import annotations

from typing import Literal

from screener.safety.redact import redact
from screener.testing.transcripts import make_transcript


def _answer(question: str, answer: str, candidate: str = "Sam Okafor") -> str:
    turns: list[tuple[str, Literal["candidate", "interviewer", "unknown"], str]] = [
        ("Dana Levi", "interviewer", question), (candidate, "candidate", answer)]
    return redact(make_transcript(*turns)).transcript.turns[1].text


def test_a_common_word_name_opening_an_answer_about_who_is_the_person():
    text = _answer("Who ran the rollout?", "Ivy ran it, and the ivy on the office wall stayed.")
    assert not text.startswith("Ivy") and "the ivy on the office wall stayed" in text
    text = _answer("Who's the tech lead?", "Robin is the tech lead; a robin sings outside.")
    assert "Robin is" not in text and "a robin sings outside" in text


def test_an_ordinary_answer_about_who_keeps_its_first_word():
    assert _answer("Who owns it?", "Nobody did; it fell through the cracks.").startswith("Nobody did")
    assert _answer("Who found it?", "Grant money paid for the audit, and we found it.").startswith("Grant money")


def test_a_name_alone_closing_a_clause_in_an_answer_about_who():
    text = _answer("Who maintained the cache?", "At first Thorvaldsen, later me. It holds 3 million keys.")
    assert "Thorvaldsen" not in text and "It holds 3 million keys." in text


def test_irish_surname_particles_join_the_name():
    text = _answer("Who was your manager?", "My manager was Aoife Nic Giolla; she wanted p99 under 900 ms.")
    assert "Giolla" not in text and "Aoife" not in text and "p99 under 900 ms" in text


def test_a_speakers_initials_with_full_stops():
    text = _answer("So, S.O., is that how you sign?", "Yes. The model ran at 12 ms.")
    question = redact(make_transcript(("Dana Levi", "interviewer", "So, S.O., is that how you sign?"),
                                      ("Sam Okafor", "candidate", "Yes."))).transcript.turns[0].text
    assert "S.O." not in question and "The model ran at 12 ms." in text


def test_a_lowercase_name_after_me_and():
    text = _answer("Did anyone pair with you?", "yeah, me and dariusz paired on the 400-token chunker.")
    assert "dariusz" not in text and "paired on the 400-token chunker" in text


def test_an_address_before_a_new_sentence_keeps_the_sentence():
    text = _answer("Best email?", "first dot last at gmail, so kofi.mensah@gmail.com. It runs 320 cases.")
    assert "kofi.mensah" not in text and "It runs 320 cases." in text
