"""People named in speech, the rules added with the dev_extra5 probes (written from their categories with other
names, never from the blind sets): a lone given name, the people an answer to "who...?" names, names written
in lowercase, speakers' names in lowercase turns and with umlauts spelled out, ordinary words said to be a
person, names in another script inside an English sentence; and what must stay (places, ordinary words)."""

from __future__ import annotations

from typing import Literal

from screener.safety.redact import redact
from screener.testing.transcripts import make_transcript

Role = Literal["candidate", "interviewer", "unknown"]


def _sent(*turns: tuple[str, Role, str]) -> str:
    r = redact(make_transcript(*turns))
    return "\n".join(f"{x.speaker}: {x.text}" for x in r.transcript.turns)


def _qa(question: str, answer: str) -> str:
    return _sent(("Hanna Koch", "interviewer", question), ("Rafael Souza", "candidate", answer))


def test_a_lone_given_name_is_replaced_and_a_place_after_in_is_kept():
    text = _qa("Tell me about the rollout.",
               "Liesbeth took over the canary; we ran it in Lisbon or Madrid, and Ofelia checked 400 cases.")
    assert "Liesbeth" not in text and "Ofelia" not in text
    assert "in Lisbon or Madrid" in text and "400 cases" in text


def test_the_people_an_answer_to_who_names_are_replaced():
    text = _qa("Who was on the labelling rota?", "Tavita, Keoni, Maile and me, 300 items each; Wiebe Kohler audited.")
    for secret in ("Tavita", "Keoni", "Maile", "Wiebe", "Kohler"):
        assert secret not in text, secret
    assert "300 items each" in text


def test_names_in_a_lowercase_answer_are_replaced_and_ordinary_words_kept():
    text = _qa("who approved the release", "that was dobromir, and ngozi approved it after ilse's check; i will mark it")
    for secret in ("dobromir", "ngozi", "ilse"):
        assert secret not in text, secret
    assert "i will mark it" in text


def test_lowercase_names_listed_with_a_person_cue_are_replaced():
    text = _qa("Tell me about the incident.", "i was on call with sam and anouk, we rolled back in ten minutes.")
    assert "sam and" not in text and "anouk" not in text
    assert "we rolled back in ten minutes" in text


def test_a_speakers_name_in_a_lowercase_turn_is_replaced():
    text = _sent(("Jonas Berg", "interviewer", "lucia-mae, thanks for joining."),
                 ("Lucia-Mae Grant", "candidate", "thanks jonas. lucia is fine."),
                 ("Jonas Berg", "interviewer", "lucia, how big was the eval?"),
                 ("Lucia-Mae Grant", "candidate", "six hundred cases; we grant access to the judge logs."))
    assert "lucia" not in text.lower()
    assert "we grant access to the judge logs" in text


def test_a_speakers_umlauts_spelled_out_are_replaced():
    text = _sent(("Raúl Peña", "interviewer", "Is it Koehler or Kohler in emails?"),
                 ("Jürgen Köhler", "candidate", "Koehler in emails; Köhler on paper."))
    assert "Koehler" not in text and "Köhler" not in text


def test_ordinary_words_said_to_be_a_person_are_replaced_there_only():
    text = _qa("Who found it?", "Grace on my team found it. By the grace of the alerts, Major, our lead, saw it too.")
    assert "Grace on" not in text and "Major," not in text
    assert "By the grace of the alerts" in text


def test_names_in_another_script_inside_an_english_sentence_are_replaced():
    text = _qa("Who labelled the data?", "Two annotators, Σοφία Παπαδοπούλου and Νίκος, on 1,200 items.")
    assert "Σοφία" not in text and "Νίκος" not in text and "1,200 items" in text


def test_a_run_of_name_particles_after_a_person_cue_is_read_without_error():
    """ "with De La": a capitalised run made of particles only (no given name to look up)."""
    text = _qa("Who helped?", "I worked with De La on the parser; recall rose 4 points.")
    assert "recall rose 4 points" in text


def test_an_answer_to_who_names_given_names_that_are_ordinary_words_only_beside_a_name():
    text = _qa("Who reviewed it?", "Chase Wang and Liesbeth, then Arjun, Tavita and me; we chase regressions weekly.")
    for secret in ("Chase Wang", "Liesbeth", "Arjun", "Tavita"):
        assert secret not in text, secret
    assert "we chase regressions weekly" in text
