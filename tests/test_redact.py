from pathlib import Path

from screener.safety.redact import redact
from screener.testing.transcripts import make_transcript

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


# --- blind grading that holds (issue 11, point 3): written from the categories, not from the probe set --------

import time  # noqa: E402

import pytest  # noqa: E402

from screener.transcript import Transcript, Turn  # noqa: E402


def _sent(t, **kw) -> str:
    r = redact(t, **kw)
    return "\n".join(f"{x.speaker}: {x.text}" for x in r.transcript.turns)


def _two(interviewer: str, candidate: str, *lines: str):
    turns = []
    for i, text in enumerate(lines):
        turns.append((interviewer, "interviewer", text) if i % 2 == 0 else (candidate, "candidate", text))
    return make_transcript(*turns)


def test_name_variants_accents_case_hyphens_initials_titles_and_possessives():
    t = _two("Ingrid Solberg", "Renée Marchetti-Dubois",
             "Welcome, Ms. Dubois. Is it Renee or Renée? I saw R. Marchetti on the paper.",
             "Either. RENÉE on the badge, renee in my email; Marchetti-Dubois is the full surname, and "
             "Marchetti's lab ran the study. Thanks, Ingrid, and Dr. Solberg's notes helped.")
    text = _sent(t)
    for secret in ("Dubois", "Renee", "Renée", "RENÉE", "Marchetti", "Ingrid", "Solberg"):
        assert secret.lower() not in text.lower()
    assert "R. " not in text
    assert "[CANDIDATE]'s lab" in text and "Ms." not in text and "Dr." not in text and "saw [CANDIDATE] on" in text


def test_nicknames_from_the_table_and_short_forms():
    t = _two("Olu Adeyemi", "Alexander Petrov",
             "Alexander, or Sasha? Your referee wrote Alex.",
             "Sasha is fine; Alex at work. Olu, I can send the notes.")
    text = _sent(t)
    assert not {"Sasha", "Alex", "Alexander", "Olu"} & set(text.replace(",", " ").replace(".", " ").split())


def test_romanised_and_native_script_spellings_are_one_person():
    t = _two("Jan Novak", "Светлана Орлова",
             "Svetlana, how do you write your surname in Latin letters?",
             "Orlova, like on my passport: Светлана Орлова. Jan, the demo is ready.")
    r = redact(t)
    text = "\n".join(x.text for x in r.transcript.turns)
    assert "Svetlana" not in text and "Orlova" not in text and "Орлова" not in text and "Jan" not in text
    assert "[CANDIDATE]" in r.transcript.turns[0].text


def test_common_word_names_are_replaced_only_where_they_are_names():
    t = _two("Carlos Mendes", "Hope Adams",
             "Hope, how will you test it? I hope the dashboard helps.",
             "We will ship it in May behind a flag. I asked Will Okonkwo, my lead, and he said May is fine. "
             "Then Carlos can mark the release.")
    text = _sent(t)
    assert "I hope the dashboard helps" in text and "We will ship it in May" in text and "mark the release" in text
    assert "Hope," not in text and "Okonkwo" not in text and "Will Okonkwo" not in text and "Carlos" not in text


def test_third_parties_named_in_speech_in_any_script():
    t = _two("Dana Levi", "Priya Raman",
             "Who else was on the project?",
             "My manager, Tomasz Wiśniewski, set the targets, and Ingeborg Halvorsen built the pipeline; "
             "our client lead 王丽娜 signed off, and Dr. Oyelowo reviewed it. Tomasz's rule was to ship weekly.")
    text = _sent(t)
    for secret in ("Tomasz", "Wiśniewski", "Ingeborg", "Halvorsen", "王丽娜", "Oyelowo"):
        assert secret not in text
    assert "[PERSON 1]" in text and "ship weekly" in text


def test_contact_details_in_many_shapes():
    t = _two("Dana Levi", "Priya Raman",
             "How can we reach you?",
             "Write to p dot raman at outlook dot com or praman [at] iisc [dot] ac [dot] in; call +1 (415) "
             "555-0142 ext. 27 or nine eight four five zero one two three four five. My work is on "
             "github.com/praman-ml and huggingface.co/praman, I'm @praman_ai on X, and on Kaggle I'm prmn42.")
    text = _sent(t)
    for secret in ("outlook", "iisc", "555-0142", "ext. 27", "nine eight four", "praman-ml", "huggingface.co",
                   "@praman_ai", "prmn42"):
        assert secret not in text
    assert "[EMAIL 2]" in text and "[PHONE 1]" in text and "[URL 2]" in text and "[HANDLE" in text


def test_addresses_dates_of_birth_and_government_ids():
    t = _two("Dana Levi", "Priya Raman",
             "For the contract: your address, date of birth and passport number?",
             "221B Baker Street, London NW1 6XE. I was born on 3rd of April 1994, so DOB 03/04/1994. "
             "Passport Z8842197, and my SSN is 078-05-1120.")
    text = _sent(t)
    for secret in ("Baker Street", "NW1 6XE", "April 1994", "03/04/1994", "Z8842197", "078-05-1120"):
        assert secret not in text
    assert "[ADDRESS 1]" in text and "[DATE OF BIRTH]" in text and "[ID 1]" in text


def test_numbers_and_metrics_are_not_personal_data():
    t = _two("Dana Levi", "Priya Raman",
             "What changed?",
             "Between 2019-2023 recall@10 went from 0.71 to 0.84, p95 fell from 900 to 400 ms on 12,000 "
             "requests, and we served 4 A100s in March 2024 with vLLM 0.4.2 at 1.2 billion tokens a day.")
    text = redact(t).transcript.turns[1].text
    assert text == t.turns[1].text


def test_organisations_only_on_request():
    t = _two("Dana Levi", "Priya Raman",
             "Where have you worked?",
             "I studied at the University of Pune, then joined Flipkart; at Flipkart I built search ranking.")
    plain = redact(t).transcript.turns[1].text
    assert "University of Pune" in plain and "Flipkart" in plain
    hidden = redact(t, orgs=True)
    text = hidden.transcript.turns[1].text
    assert "Pune" not in text and "Flipkart" not in text and "[ORG 1]" in text and "[ORG 2]" in text
    assert hidden.restore("[CANDIDATE] joined [ORG 2]") == "Priya Raman joined Flipkart"


def test_every_replacement_maps_back_and_restores():
    t = _two("Dana Levi", "Priya Raman",
             "Hi Priya.",
             "Thanks Dana. Ask Tomasz Wiśniewski, my manager, at tw at example dot org; I live at 14 Elm Road, "
             "Leeds LS6 2AB, born 2 May 1990. We cut p95 from 900 to 400 ms.")
    r = redact(t)
    red = r.transcript.turns[1].text
    orig = t.turns[1].text
    for ph in ("[PERSON 1]", "[EMAIL 1]", "[ADDRESS 1]", "[DATE OF BIRTH]"):
        s = red.index(ph)
        span = orig[r.to_original_offset(1, s):r.to_original_offset(1, s + len(ph), end=True)]
        assert span == r.placeholders[ph]
    s = red.index("We cut")
    assert orig[r.to_original_offset(1, s):r.to_original_offset(1, len(red), end=True)] == "We cut p95 from 900 to 400 ms."
    assert r.restore("[PERSON 1] at [EMAIL 1]") == "Tomasz Wiśniewski at tw at example dot org"


@pytest.mark.parametrize("unit", ["a", "1", ".", "@", "a.", "1 ", "Ab-", "x at ", "a1.@-_ "])
def test_scans_are_linear_on_hostile_text(unit):
    """2 MB of one character class (word characters, digits, dots, @) and 200 KB of mixtures."""
    size = 2_000_000 if len(unit) == 1 else 200_000
    text = unit * (size // len(unit))
    t = Transcript(turns=[Turn(index=0, speaker="Dana Levi", role="interviewer", text="Hi"),
                          Turn(index=1, speaker="Priya Raman", role="candidate", text=text)], format="text")
    started = time.process_time()
    redact(t, orgs=True)
    assert time.process_time() - started < 30


def _spy_on_redaction(monkeypatch) -> list[tuple[bool, str]]:
    """Every redaction the pipeline makes: (orgs asked for, the candidate's text as the grader gets it)."""
    import screener.grading as grading

    seen: list[tuple[bool, str]] = []
    real = grading.redact

    def spy(transcript, **kwargs):
        result = real(transcript, **kwargs)
        seen.append((kwargs.get("orgs", False),
                     " ".join(t.text for t in result.transcript.turns if t.role == "candidate")))
        return result

    monkeypatch.setattr(grading, "redact", spy)
    return seen


_ORG_TRANSCRIPT = ("Dana Levi: Where have you worked?\n"
                   "Priya Raman: Three years at Flipkart, where I cut p95 search latency from 900 ms to 400 ms on "
                   "12,000 queries.\n")


def _spy_provider(monkeypatch) -> list[str]:
    """A remote-like fake grader registered as ``--provider spy``: what it is sent is recorded."""
    from screener.providers import registry
    from screener.providers.fake import FakeProvider

    sent: list[str] = []

    def answer(request) -> dict:
        sent.append("\n".join([request.system, *(m.content for m in request.messages)]))
        turn = request.context.transcript.candidate_turns[0]
        quote = " ".join(turn.text.split()[:6])
        return {"recommendation": "hire", "signal": "engineer", "role_fit": "ai_engineer", "summary": "Measured.",
                "competencies": [{"id": c.id, "name": c.name, "score": 3, "rationale": "Measured before and after.",
                                  "evidence": [{"quote": quote, "turn": turn.index}]}
                                 for c in request.context.competencies],
                "quantified_claims": [], "red_flags": [], "follow_ups": []}

    monkeypatch.setitem(registry._REGISTERED, "spy", lambda api, model, options: FakeProvider([answer], repeat=True))
    return sent


@pytest.mark.parametrize("flags", [[], ["--redact-orgs"]])
def test_batch_redacts_organisations_when_asked_and_logs_the_setting(tmp_path, monkeypatch, flags):
    import json
    import os

    from screener.cli import main

    sent = _spy_provider(monkeypatch)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(_ORG_TRANSCRIPT, encoding="utf-8")
    out = tmp_path / "r.jsonl"
    assert main(["batch", str(folder), "-o", str(out), "--provider", "spy", "-q", *flags]) == 0
    assert len(sent) == 1
    assert ("Flipkart" in sent[0]) is not bool(flags) and "Priya" not in sent[0] and "900 ms to 400 ms" in sent[0]
    events = [json.loads(line) for line in Path(os.environ["SCREENER_AUDIT_LOG"]).read_text().splitlines()]
    graded = [e for e in events if e.get("event") == "grade"]
    assert graded and graded[-1]["settings"]["grade"]["redact_orgs"] is bool(flags)


def test_fairness_passes_redact_orgs_to_the_grader(tmp_path, monkeypatch):
    import yaml

    from screener.cli import main

    seen = _spy_on_redaction(monkeypatch)
    (tmp_path / "t0.txt").write_text(_ORG_TRANSCRIPT, encoding="utf-8")
    (tmp_path / "labels_t.yaml").write_text(yaml.safe_dump([{
        "id": "t0", "file": "t0.txt", "format": "text", "role": "ai_engineer", "candidate": "Priya Raman",
        "expected": {"recommendation": "hire", "signal": "engineer", "role_fit": "ai_engineer"},
        "traps": ["name_bias_probe"], "notes": "orgs"}]), encoding="utf-8")
    main(["fairness", str(tmp_path), "--provider", "offline", "--redact", "--redact-orgs", "-o", str(tmp_path / "f.json")])
    assert seen and all(orgs for orgs, _ in seen)
    assert not any("Flipkart" in text for _, text in seen)


def test_seasons_and_model_names_are_not_street_addresses():
    t = _two("Dana Levi", "Priya Raman", "Where do you live, and when did it launch?",
             "I live at Lindenstraße 42, 10969 Berlin. We launched in Spring 2024 and the Boring 3 model too.")
    text = redact(t).transcript.turns[1].text
    assert "Lindenstraße" not in text and "10969" not in text
    assert text.startswith("I live at [ADDRESS 1]")  # the clause before an address is not part of it
    assert "We launched in Spring 2024 and the Boring 3 model too." in text


_ANCHOR_TEXTS = [
    "Ship it to 14 Marlowe Road, Bristol BS6 7QR or Calle de Alcalá 120, 3º izquierda, or P.O. Box 1234.",
    "Lindenstraße 42, 10969 Berlin; Prinsengracht 263, 1016 GV Amsterdam; CA 94043; PIN 560038; zip: 02139.",
    "SSN 078-05-1120, PAN ABCPI1234K, NI QQ 12 34 56 C, IBAN DE89 3704 0044 0532 0130 00, NIE X-1234567-L.",
    "Call +44 20 7946 0958 or (415) 555-0132 ext. 204; oh four one two, three four five, six seven eight.",
    "See https://priya.dev/blog, www.kenji.io, github.com/kenjisato-ml/fast-dedup and scholar.google.com/x?u=1.",
    "İstanbul 34000 and HTTPS://EXAMPLE.COM/A and WWW.X.IO " * 3,
    "x" * 300 + "straße 42 " + "a.b.c.d.e.f.com " + "9" * 50 + " one two three four five six seven eight",
]


@pytest.mark.parametrize("text", _ANCHOR_TEXTS)
def test_anchored_scans_find_what_the_plain_patterns_find(text):
    """The fast scans (a cheap anchor, then the full pattern there) give the plain ``finditer`` matches."""
    from screener.safety.redact import contacts

    anchored = [contacts._URL_SCHEME, contacts._BARE, contacts._PHONE_RUN, contacts._SPELLED, contacts._ID_FORMATS,
                contacts._YEAR_ANCHOR, *contacts._STREETS, *contacts._POSTCODES]
    for a in anchored:
        plain = [m.span() for m in a.pattern.finditer(text)]
        fast = [m.span() for m in a.finditer(text)]
        if a in contacts._POSTCODES:  # two anchors share one pattern: together they find all of its matches
            fast = sorted({s for p in contacts._POSTCODES for s in (m.span() for m in p.finditer(text))})
        assert fast == plain, a.anchor.pattern[:40]


def test_listed_names_particles_self_introductions_and_tail_short_forms():
    t = _two("Joachim Weber", "Priya Raman",
             "Thanks for joining. I'm Bartholomew, by the way, and colleagues say Achim too.",
             "Thanks Bart. I led four people: Priyanka, Mateo, Yasmin and Kofi; later Fatima Al-Zahra from the "
             "platform team joined. Recall went from 0.62 to 0.81.")
    sent = " ".join(x.text for x in redact(t).transcript.turns)
    for name in ("Bartholomew", "Achim", "Bart", "Priyanka", "Mateo", "Yasmin", "Kofi", "Fatima", "Zahra"):
        assert name not in sent, name
    assert "Recall went from 0.62 to 0.81." in sent and "four people:" in sent


def test_handles_named_before_a_platform_or_after_the_word_handle_and_answers_to_your_platform():
    t = _two("Dana Levi", "Carmen Vidal", "What's your Telegram?",
             "carmen_vdl. I post code as tomwis on GitHub, under the handle mlindb elsewhere; code on GitHub too.")
    text = redact(t).transcript.turns[1].text
    assert not any(h in text for h in ("carmen_vdl", "tomwis", "mlindb")), text
    assert "code on GitHub too." in text


def test_employers_after_a_job_title_and_universities_after_a_degree_with_redact_orgs():
    t = _two("Dana Levi", "Vikram Reddy", "Your background?",
             "B.Tech from IIT Madras, then a data analyst for Banco Santander; recall rose 4 points.")
    text = redact(t, orgs=True).transcript.turns[1].text
    assert "Madras" not in text and "Santander" not in text and "recall rose 4 points" in text
    assert "Santander" in redact(t).transcript.turns[1].text  # only on request


def test_dates_of_birth_and_addresses_in_other_scripts_and_countries():
    t = _two("Naoko Ishikawa", "Ryo Tanabe", "For the HR form: your date of birth and home address?",
             "1990年4月1日, or 1996년 8월 15일 for my sister. 〒150-0002 東京都渋谷区渋谷2-21-1, room 805; before that "
             "Calle Mayor 12, 3º B, 28013 Madrid and ul. Marszałkowska 84, 00-514 Warszawa. F1 reached 0.91.")
    text = redact(t).transcript.turns[1].text
    for secret in ("1990年4月1日", "1996년", "150-0002", "渋谷2-21-1", "room 805", "Mayor 12", "28013", "Marszałkowska",
                   "00-514"):
        assert secret not in text, secret
    assert "F1 reached 0.91." in text


def test_a_spoken_email_and_an_id_in_spaced_groups():
    t = _two("Owen Hartley", "Sofia Silva", "What email should the recruiter use, and your National Insurance number?",
             "ssilva, s-s-i-l-v-a, at gmail dot com. The NI number is QR 98 76 54 B. Accuracy rose 5 points.")
    text = redact(t).transcript.turns[1].text
    assert "ssilva" not in text and "s-s-i-l-v-a" not in text and "gmail" not in text and "98 76" not in text
    assert "Accuracy rose 5 points." in text


def test_initials_of_a_hyphenated_given_name_are_replaced_only_in_capitals():
    t = _two("Anne-Marie Dubois", "Jean-Baptiste Nguyen", "Welcome. AM is what the team calls me. Am I clear?",
             "Thanks, AM. JB is fine for me; I am ready.")
    turns = [x.text for x in redact(t).transcript.turns]
    assert "AM " not in turns[0] and "JB" not in turns[1] and ", AM." not in turns[1]
    assert "Am I clear?" in turns[0] and "I am ready." in turns[1]


def test_a_cue_word_name_is_found_with_its_ordinary_word_surname_and_when_addressed():
    t = _two("Frederik Aas", "Hope Mwale", "Thanks for joining, Ines. Hope, do you think it holds?",
             "I hope so. My colleague Hope Banda ran the numbers; there's no hope of retraining before Friday.")
    sent = " ".join(x.text for x in redact(t).transcript.turns)
    assert "Ines" not in sent and "Banda" not in sent
    assert "I hope so." in sent and "no hope of retraining" in sent


def test_organisations_named_after_called_or_before_a_degree_with_redact_orgs():
    t = _two("Samuel Osei", "Lena Hofmann", "Your background?",
             "TU Berlin for the bachelor's, then three years with a company called Nordwise; route time fell 12%.")
    text = redact(t, orgs=True).transcript.turns[1].text
    assert "TU Berlin" not in text and "Nordwise" not in text and "route time fell 12%" in text


def test_a_birth_cue_then_megabytes_of_spaces_is_linear():
    """The month-name scan after a birth cue tried every month at every position (8 s on 2 MB of spaces)."""
    t = Transcript(turns=[Turn(index=0, speaker="Dana Levi", role="interviewer", text="When were you born?"),
                          Turn(index=1, speaker="Priya Raman", role="candidate",
                               text="born in " + " " * 2_000_000 + "May 1990, at home")], format="text")
    started = time.process_time()
    text = redact(t).transcript.turns[1].text
    assert time.process_time() - started < 30
    assert "May 1990" not in text
