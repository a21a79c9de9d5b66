"""Redaction on long and hostile turns (linear, the tokens built at C speed) and the rules added with the
dev_extra3 probes: nicknames of people named in speech, names given in answer to a question about a name,
organisations listed in an answer about work or studies, more address formats. Written from the categories,
not from the blind probe sets."""

from __future__ import annotations

import base64
import gc
import random
import time
from typing import Literal

import pytest

from screener.safety.redact import redact
from screener.safety.redact.names import tokenize
from screener.testing.transcripts import make_transcript


def _sent(t, **kw) -> str:
    r = redact(t, **kw)
    return "\n".join(f"{x.speaker}: {x.text}" for x in r.transcript.turns)


def _pair(question: str, answer: str, *more: str):
    turns: list[tuple[str, Literal["candidate", "interviewer", "unknown"], str]] = [
        ("Hanna Koch", "interviewer", question), ("Rafael Souza", "candidate", answer)]
    for i, line in enumerate(more):
        turns.append(("Hanna Koch", "interviewer", line) if i % 2 == 0 else ("Rafael Souza", "candidate", line))
    return make_transcript(*turns)


def test_tokens_keep_their_offsets_keys_and_order():
    text = "Ján  Nováková-Smith, 42 — Дмитрий said: ok"
    toks = tokenize(text)
    assert [t.text for t in toks] == ["Ján", "Nováková", "Smith", "42", "Дмитрий", "said", "ok"]
    assert all(text[t.start:t.end] == t.text for t in toks)
    assert [t.index for t in toks] == list(range(len(toks)))
    assert toks[0].key == "jan" and toks[4].rom == "dmitrii"
    assert toks.capital == [0, 1, 2, 4]  # capitalised or another script: where a name can start


def test_nicknames_of_people_named_in_speech_are_replaced():
    text = _sent(_pair("Who did you build it with?",
                       "My co-founder Dmitri; Dima wrote the parser. Our manager Guadalupe, Lupe to us, signed off."))
    for secret in ("Dmitri", "Dima", "Guadalupe", "Lupe"):
        assert secret not in text
    assert "wrote the parser" in text


def test_short_forms_of_compound_given_names_are_replaced():
    t = make_transcript(("Hannah Fischer", "interviewer", "Toño, what did you ship?"),
                        ("José Antonio de la Torre", "candidate", "A churn model; Toño is what my team says."))
    assert "Toño" not in _sent(t)


def test_names_given_in_answer_to_a_question_about_a_name():
    text = _sent(_pair("Willem, what do people call you?", "Pim, since school. Everyone at work too.",
                       "Thanks Pim. What did you ship?", "A route optimiser; fuel use fell 8 percent."))
    assert "Pim" not in text
    assert "fuel use fell 8 percent" in text and "Everyone at work too" in text


def test_an_ordinary_question_does_not_turn_an_answer_into_names():
    text = _sent(_pair("Is it okay if we start with evaluation?",
                       "Sure. Recall went from 0.61 to 0.74 on Monday; Python and Spark did the batch scoring."))
    assert "Sure. Recall went from 0.61 to 0.74 on Monday; Python and Spark did the batch scoring." in text


def test_common_word_given_names_said_to_be_people():
    text = _sent(_pair("Who signed off?", "Bill, our lead, will bill the hours. Friends say Shiv, I mean my peer Shiv."))
    assert "Bill," not in text and "Shiv" not in text
    assert "will bill the hours" in text


def test_organisations_in_an_answer_about_work_are_replaced_and_tools_kept():
    t = _pair("Tell me about your background.",
              "BITS Pilani, then Zomato for three years. We built it on GPT-4 with AutoGen.",
              "What did you do at Zomato?", "Delivery-time prediction; error fell from 6.2 to 4.1 minutes.")
    text = _sent(t, orgs=True)
    for secret in ("BITS Pilani", "Zomato"):
        assert secret not in text
    assert "GPT-4" in text and "AutoGen" in text and "three years" in text
    assert "Zomato" in _sent(t)  # only on request


@pytest.mark.parametrize("answer, secrets", [
    ("Flat 4, 2nd Floor, 17 Kensington Gardens Square, London W2 4BH, or PO Box 1234.", ["Flat 4", "W2 4BH", "1234"]),
    ("Prinsengracht 263-II, 1016 GV Amsterdam; mail to Postbus 4021, 3502 HA Utrecht.", ["263", "1016 GV", "4021"]),
    ("Av. Corrientes 1234, piso 5, C1043AAZ Buenos Aires.", ["1234", "piso 5", "C1043AAZ"]),
    ("12 bis, rue des Martyrs, 75009 Paris.", ["Martyrs", "75009"]),
    ("Am Kupfergraben 6, 10117 Berlin.", ["Kupfergraben", "10117"]),
    ("Building 14, Street 9, Al Barsha 1, Dubai.", ["Building 14"]),
])
def test_addresses_in_more_formats(answer, secrets):
    text = _sent(_pair("Where do you live, for the contract?", answer))
    for secret in secrets:
        assert secret not in text


def _mixed(n: int) -> str:
    rng = random.Random(3)
    pieces = ["王伟", "Дмитрий", "محمد", "राहुल", "é", "\u200b", " ", " ", "{", "9", ".", "\n", "ß", "Ana"]
    return "".join(rng.choice(pieces) for _ in range(n // 3))


def _b64(n: int) -> str:
    rng = random.Random(5)
    out: list[str] = []
    length = 0
    while length < n:
        block = base64.b64encode(rng.randbytes(3000)).decode("ascii")
        out.append(" ".join(block[i:i + 76] for i in range(0, len(block), 76)) + " decode this. ")
        length += len(out[-1])
    return "".join(out)[:n]


HOSTILE = {
    "no spaces": lambda n: ("abc123.,;-_/x=y&z?" * (n // 18 + 1))[:n],
    "a: lines": lambda n: ("a: a\n" * (n // 5 + 1))[:n],
    "base64": _b64,
    "mixed scripts": _mixed,
    "capitalised words": lambda n: ("Alpha Beta Gamma Delta. " * (n // 24 + 1))[:n],
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_redaction_is_linear_on_hostile_turns(name):
    """An eighth of the input against the whole (collector paused, CPU time, best of two): a linear scan is ~8x,
    a quadratic one 64x; 24x is the threshold."""
    def cpu(n: int) -> float:
        t = make_transcript(("Dana Levi", "interviewer", "What changed?"),
                            ("Sam Okafor", "candidate", HOSTILE[name](n) + " Recall went from 62% to 81%."))
        best = float("inf")
        for _ in range(2):
            started = time.process_time()
            out = redact(t)
            best = min(best, time.process_time() - started)
        assert "Recall went from 62% to 81%." in out.transcript.turns[1].text
        return best

    was = gc.isenabled()
    gc.disable()
    try:
        cpu(4_000)  # warm-up: word lists and caches
        small, whole = cpu(40_000), cpu(320_000)
    finally:
        if was:
            gc.enable()
    assert whole <= 24 * max(small, 0.002), f"{name}: {small:.3f}s for 1/8, {whole:.3f}s for the whole"
