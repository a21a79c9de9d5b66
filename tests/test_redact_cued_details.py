"""Dates of birth and addresses in other languages and scripts, read where the question (or the answer) is
about one (written from the dev_extra5 categories with other values, never from the blind sets), and the
measurements beside them kept."""

from __future__ import annotations

import pytest

from screener.safety.redact import redact
from screener.testing.transcripts import make_transcript


def _answer(question: str, answer: str) -> str:
    t = make_transcript(("Hanna Koch", "interviewer", question), ("Rafael Souza", "candidate", answer))
    return redact(t).transcript.turns[1].text


@pytest.mark.parametrize("birth", ["14 Mayıs 1991", "3 Ιουνίου 1988", "ngày 9 tháng 4 năm 1993", "11/6/94"])
def test_a_date_of_birth_in_another_language_is_replaced(birth):
    text = _answer("Date of birth for the visa?", f"{birth}; recall was 0.7 on 12 of 40 cases in 2019.")
    assert birth not in text
    assert "recall was 0.7 on 12 of 40 cases in 2019" in text


@pytest.mark.parametrize("address, secrets", [
    ("Οδός Πατησίων 12, 104 34 Αθήνα", ["Πατησίων 12", "104 34"]),
    ("רחוב דיזנגוף 50, דירה 7, 6433222", ["דיזנגוף 50", "דירה 7", "6433222"]),
    ("서울특별시 강남구 역삼동 823, 06232", ["역삼동 823", "06232"]),
    ("45/3 ถนนพหลโยธิน 10400", ["45/3 ถนนพหลโยธิน", "10400"]),
    ("Kungsgatan 12, 411 19 Göteborg", ["411 19"]),
])
def test_an_address_in_another_script_is_replaced_and_a_measurement_kept(address, secrets):
    text = _answer("Where should we send the laptop?", f"{address}. We cut 20,000 rows and 12 ms.")
    for secret in secrets:
        assert secret not in text, secret
    assert "We cut 20,000 rows and 12 ms." in text


def test_without_a_cue_a_five_digit_count_stays():
    text = _answer("What did you measure?", "Recall 0.81 on 48060 queries, 111 21 of them in Swedish.")
    assert "48060 queries" in text and "111 21 of them" in text
