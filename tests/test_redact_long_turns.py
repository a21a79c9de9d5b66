"""Long turns: a turn longer than ``contacts.PIECE`` is scanned piece by piece (so a cue word met by chance in
2 MB of base64 no longer opens every cued scan over all of it). Nothing a user would see changes: details are
found in every piece and right at the cuts, the question still cues the whole answer, and the collector paused
for a long transcript is running again afterwards."""

from __future__ import annotations

import gc

from screener.safety.redact import contacts, redact
from screener.testing.transcripts import make_transcript

_FILLER = "We rebuilt the ranking pipeline and measured recall on the held-out queries every week. "


def _answer(question: str, answer: str) -> str:
    t = make_transcript(("Hanna Koch", "interviewer", question), ("Rafael Souza", "candidate", answer))
    return redact(t).transcript.turns[1].text


def test_details_are_found_in_every_piece_and_at_the_cuts():
    secrets = ["rafa.souza@example.org", "+44 20 7946 0958", "github.com/rsouza-ml"]
    parts = []
    for k in range(12):  # 24 rounds of about 5.5 KB: eight pieces, details all through each
        parts.append(_FILLER * (k % 5 + 3))
        parts.append(f"Write to {secrets[k % 3]} if needed. ")
    text = "".join(parts) * 24
    assert len(text) > 6 * contacts.PIECE
    sent = _answer("Tell me about the pipeline.", text)
    for secret in secrets:
        assert secret not in sent
    assert sent.count("[EMAIL 1]") == text.count(secrets[0])
    assert "measured recall on the held-out queries" in sent


def test_a_detail_that_straddles_a_cut_is_found_whole():
    for shift in range(-30, 31, 3):  # the phone number is placed across where the first piece would end
        head = "x" * (contacts.PIECE - 12 + shift)
        text = head + " call +49 30 901820 99 or later. " + _FILLER * 400
        sent = _answer("How can we reach you?", text)
        assert "901820" not in sent and "+49" not in sent, shift


def test_a_cue_in_the_question_still_covers_a_long_answer():
    answer = _FILLER * 400 + "It is K7Q2-88JT, the one on my card."
    assert len(answer) > contacts.PIECE
    assert "K7Q2-88JT" not in _answer("What is your passport number?", answer)
    plain = _FILLER * 400 + "We tagged it K7Q2-88JT in the tracker."
    assert "K7Q2-88JT" in _answer("What did you ship?", plain)  # no cue anywhere: a ticket id, kept


def test_the_collector_runs_again_after_a_long_transcript():
    assert gc.isenabled()
    _answer("Tell me about the pipeline.", _FILLER * 3000)
    assert gc.isenabled()


def test_a_cue_deep_in_a_long_spoken_answer_still_opens_its_scan():
    answer = _FILLER * 600 + "My passport number is K7Q2-88JT, in case you need it. " + _FILLER * 50
    assert answer.index("passport") > 2 * contacts.PIECE
    assert "K7Q2-88JT" not in _answer("Tell me about the pipeline.", answer)


def test_contact_details_inside_pasted_base64_are_still_replaced():
    import base64
    import random

    rng = random.Random(3)
    blob = " ".join(base64.b64encode(rng.randbytes(57)).decode("ascii") for _ in range(1500))  # no prose
    answer = blob[:40_000] + " mail rafa.souza@example.org or +44 20 7946 0958 " + blob[40_000:]
    sent = _answer("Paste the log.", answer)
    assert "rafa.souza@example.org" not in sent and "7946 0958" not in sent
