from conftest import make_transcript

from screener.safety.redact import redact

T = make_transcript(
    ("Dana Levi", "interviewer", "Hi Priya, thanks for joining. Dana here."),
    ("Priya Raman", "candidate", "Thanks Dana! Mail priya.r@example.com or call +44 20 7946 0958; my site is "
                                 "https://priya.dev and I'm @priyar. From 2019-2023 we cut p95 from 2.1 s to 900 ms."),
)


def test_names_contacts_and_handles_are_replaced_everywhere():
    r = redact(T)
    text = r.transcript.numbered()
    for secret in ("Priya", "Raman", "Dana", "Levi", "priya.r@example.com", "7946", "priya.dev", "@priyar"):
        assert secret not in text
    assert "[CANDIDATE]" in text and "[INTERVIEWER 1]" in text and "[EMAIL 1]" in text and "[PHONE 1]" in text
    assert r.transcript.turns[1].speaker == "[CANDIDATE]"


def test_numbers_that_are_not_phone_numbers_survive():
    text = redact(T).transcript.turns[1].text
    assert "2019-2023" in text and "2.1 s to 900 ms" in text


def test_offsets_map_back_to_the_original_text():
    r = redact(T)
    red = r.transcript.turns[1].text
    s = red.index("[EMAIL 1]")
    e = red.index("; my site")
    orig = T.turns[1].text
    assert orig[r.to_original_offset(1, s):r.to_original_offset(1, e, end=True)] == "priya.r@example.com or call +44 20 7946 0958"
    s2 = red.index("we cut")
    assert orig[r.to_original_offset(1, s2):r.to_original_offset(1, len(red), end=True)] == "we cut p95 from 2.1 s to 900 ms."


def test_restore_puts_the_real_values_back():
    r = redact(T)
    assert r.restore("[CANDIDATE] (reach at [EMAIL 1]) impressed [INTERVIEWER 1]") == \
        "Priya Raman (reach at priya.r@example.com) impressed Dana Levi"


def test_generic_labels_are_not_treated_as_names():
    t = make_transcript(("Interviewer", "interviewer", "Tell me about the candidate pipeline?"),
                        ("Candidate", "candidate", "The candidate pool and the interviewer loop were fine."))
    assert "candidate pool" in redact(t).transcript.turns[1].text


def test_pronouns_are_neutralised_only_when_asked():
    t = make_transcript(("Dana Levi", "interviewer", "Tell me what your lead said; was she happy with his fix?"),
                        ("Priya Raman", "candidate", "She said his fix cut errors for her team, and he agreed."))
    plain = redact(t).transcript.turns[1].text
    assert "She said his fix" in plain
    r = redact(t, pronouns=True)
    text = r.transcript.turns[1].text
    assert text == "[they] said [their] fix cut errors for [their] team, and [they] agreed."
    assert "she" not in r.transcript.turns[0].text.split()
    assert r.restore("[they] praised [CANDIDATE]") == "they praised Priya Raman"
    # offsets still map quotes back to the original words
    s = text.index("[their] fix")
    assert t.turns[1].text[r.to_original_offset(1, s):r.to_original_offset(1, s + 11, end=True)] == "his fix"
