"""The coach's detectors read protected questions and small talk by concept, not only by the dev phrasing.

Each case is worded here, not copied from a labelled file: an interviewer the lexicons never saw asks about a
protected topic indirectly or casually, and the report still names it; the lawful look-alikes next to them (work
authorisation, on-call, salary expectations, the work's own "age", "union", "back end") stay lawful.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from screener.coach import unlawful
from screener.coach.bench import blind_labels, extra_dev_files, is_blind
from screener.coach.classify import classify_turn

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(("turn", "topic"), [
    ("Were you already working when the iPhone came out?", "age"),
    ("Roughly how many working years do you think you have left?", "age"),
    ("So are you nearer the end of your career than the start, would you say?", "age"),
    ("What year did you wrap up your bachelor's?", "age"),
    ("Have you had any surgeries in the last year?", "disability_health"),
    ("Have you ever taken time off for stress?", "disability_health"),
    ("Is your back going to be a problem with the long days at a desk?", "disability_health"),
    ("What's the origin of your surname?", "national_origin"),
    ("So your parents are from Ghana, right?", "national_origin"),
    ("And your family's from Lisbon originally?", "national_origin"),
    ("Were you always a woman?", "gender"),
    ("Ever had a run-in with the cops?", "arrest_record"),
    ("Were you picked up at a protest at some point?", "arrest_record"),
    ("You were on about eighty k there, weren't you?", "salary_history"),
    ("Good money there, I bet. What was your number?", "salary_history"),
    ("Are you active in the union at your current place?", "union_membership"),
    ("Any little one on the way?", "pregnancy"),
    ("Are you attached?", "marital_status"),
    ("Was that a religious thing?", "religion"),
    ("How do you manage the school pick-ups?", "family"),
    ("You're not about to go off on mat leave, are you?", "pregnancy"),
    ("Do you live alone?", "marital_status"),
    ("How long ago did you come over to the UK?", "national_origin"),
    ("Have you ever been signed off work?", "disability_health"),
    ("Were you born a man?", "gender"),
    ("Are you a Labour voter?", "political_affiliation"),
    ("Have you done time?", "arrest_record"),
    # a word of the topic's family the lexicons never listed, or a proxy shape (topic_words, life_shapes)
    ("Is the missus okay with the move?", "marital_status"),
    ("Any history of epilepsy?", "disability_health"),
    ("Are you a Mormon, by any chance?", "religion"),
    ("Were your grandparents immigrants?", "national_origin"),
    ("Is English your mother tongue?", "national_origin"),
    ("What does your fella do for work?", "marital_status"),
    ("And your current base, roughly?", "salary_history"),
    ("Would you call yourself more of a zoomer?", "age"),
    ("Do you have a childminder sorted for the late days?", "family"),
    ("Is it Ms or Mrs, for the contract?", "marital_status"),
    ("Would it bother you to report to someone half your age?", "age"),
    ("What were you on at the bank, if you don't mind me asking?", "salary_history"),
    ("Is that a cross you're wearing?", "religion"),
    ("Would you describe yourself as white?", "race"),
    ("Ever spent a night in the cells?", "arrest_record"),
    ("Are you left-leaning or right-leaning?", "political_affiliation"),
    ("Have you always gone by that name?", "gender"),
    ("Have you ever been involved in organising a union?", "union_membership"),
    ("Do you have the stamina for startup hours at this point in your life?", "age"),
    ("I'm guessing you remember dial-up?", "age"),
    ("Our office skews quite young. Would that bother you?", "age"),
    ("Is it Mr and Mrs, or just you, for the relocation?", "marital_status"),
    ("You don't sound like you're from round here.", "national_origin"),
    ("You're not Irish, are you?", "national_origin"),
    ("What happened to your wrist?", "disability_health"),
    ("Ever been done for drink driving?", "arrest_record"),
    ("What was your starting salary there?", "salary_history"),
    ("What were you doing back in the nineties?", "age"),
    ("Are you the main breadwinner at home?", "marital_status"),
    ("Where did you live before coming here?", "national_origin"),
    ("Do you take anything for your nerves?", "disability_health"),
    ("Are you a union sort of person?", "union_membership"),
    ("Are you into men or women?", "sexual_orientation"),
    ("What pronouns did you use growing up?", "gender"),
])
def test_indirect_and_casual_questions_are_unlawful_with_their_topic(turn: str, topic: str) -> None:
    reading = classify_turn(turn, None, "ai_engineer")
    assert "unlawful" in reading.kinds, turn
    assert reading.unlawful[0].topic == topic


@pytest.mark.parametrize("turn", [
    "Are you authorised to work in the UK without sponsorship?",
    "The role has a one-week-in-six on-call rotation; can you commit to that?",
    "What are your salary expectations?",
    "How did you handle the age gap between the train and test data?",
    "How do you retire features in your system?",
    "How does your generation step handle long context?",
    "Did you use a union of the two candidate sets?",
    "How did your back end hold up under load?",
    "Did your model suffer from overfitting?",
    "You're on 5k requests per second at peak, right?",
    "Were the children of that node rebalanced?",
    "Was that a latency thing?",
    "Who signed off the release?",
    "Have you done time-series forecasting?",
    "How did you vote on the design review?",
    "Where did your name for the service come from?",
    "How did your team deal with the stress of the launch?",
    "Who was your partner team on the rollout?",
    "When are you due to start your notice period?",
    "Did you train it with mixed precision?",
    "Did the children of the root span carry the request id?",
    "What was the previous rate limit on that endpoint?",
    "Did you use a voting ensemble for the final call?",
    "Do you have a partner in mind for the pilot?",
    "What team were you on during the migration?",
    "What's the starting salary for this role?",
    "What's the age range of your users?",
    "Will you now or in the future require visa sponsorship?",
    "Can you do one week of on-call every six weeks?",
    "Where did you work before coming here?",
    "Are you into Rust or Go?",
    "Did the union type in TypeScript help?",
    "Did you take anything for your team from the offsite?",
])
def test_lawful_look_alikes_stay_lawful(turn: str) -> None:
    assert unlawful.scan(turn) == [], turn


@pytest.mark.parametrize("turn", [
    "Is it raining there too?",
    "Did you catch the match last night?",
    "Happy Monday!",
    "Sorry, my internet's being flaky.",
    "Apologies for rescheduling again.",
    "Quick check: you're on Pacific time, so this is early for you?",
    "Is it okay if we record this for the notes?",
    "Sorry, the dog has decided the postman is a threat.",
    "Quick bit about me: I've been on the platform team for three years.",
    "Shall we get going?",
    "I'll stop the recording now.",
    "Did the calendar invite come through in the right time zone?",
    "Cheers for your patience with the rescheduling.",
    # the meeting's business in other words (meeting_talk)
    "Thank you very much for carving out the time this afternoon.",
    "Lovely to catch up with you again.",
    "Our recruiter Sam might join for the last ten minutes.",
    "I'll keep track of the time so you get a chance to ask things.",
    "Apologies for the drilling noise next door.",
    "I've got a hard stop at three, so let's make the most of it.",
    "Did you find the meeting link okay?",
    "Okay, that's everything I wanted to cover today.",
    "I'm a senior engineer on the search team, been here about four years.",
    "We're going to run a little over, hope that's okay.",
    "Thank you for coming in today.",
    "Right, that brings us to the end.",
    "Okay, I think that's a good place to stop.",
    "Sorry about my voice, I've got a bit of a cold.",
    "Thanks for your flexibility moving the time.",
    "Let me just check the time. Okay, we've got twenty minutes.",
    "How are you holding up with all these interviews?",
])
def test_small_talk_by_concept(turn: str) -> None:
    assert classify_turn(turn, None, "ai_engineer").kinds == ["small_talk"], turn


@pytest.mark.parametrize("turn", [
    "Did you see the match rate drop after the change?",
    "How did you handle rescheduling failed jobs?",
    "Every model goes through a week of shadow traffic, then a canary. Any questions on that?",
    "How did you handle the echo in the audio data for the voice model?",
    "Describe the recording pipeline end to end.",
    "How did you keep track of time-to-first-token across releases?",
    "Was the drop just noise, or a real regression?",
    "When will Postgres join the two tables in your design?",
    "Did you check the notes field for PII before indexing?",
    "What was the hard stop criterion for the experiment?",
    "When did you stop it there, and why?",
    "How did you check the time series for gaps?",
    "How are you keeping tabs on drift week to week?",
])
def test_work_talk_is_not_small_talk(turn: str) -> None:
    assert "small_talk" not in classify_turn(turn, None, "ai_engineer").kinds, turn


def test_a_greeting_before_an_unlawful_question_is_both_and_the_reason_after_it_is_neither() -> None:
    assert set(classify_turn("Morning! Where's your family from?", None, "ai_engineer").kinds) == {
        "small_talk", "unlawful"}
    kinds = classify_turn("Do you keep kosher? We order lunch for the team.", None, "ai_engineer").kinds
    assert kinds == ["unlawful"]


def test_a_new_dev_extra_file_joins_the_dev_split_in_number_order() -> None:
    names = [p.name for p in extra_dev_files()]
    assert names == sorted(names, key=lambda n: int(n.removeprefix("interviewer_turns_dev_extra")
                                                    .removesuffix(".yaml") or 1))
    assert all("holdout" not in n for n in names)


def test_holdout5_is_blind_and_the_bench_refuses_to_print_it(tmp_path: Path) -> None:
    assert is_blind("holdout5") and blind_labels("holdout5").name == "interviewer_turns_holdout5.yaml"
    blind = tmp_path / "interviewer_turns_holdout5.yaml"
    blind.write_text("- id: z1\n  split: holdout5\n  role: ai_engineer\n  turn: 'Secret words here?'\n"
                     "  kinds: [other]\n", encoding="utf-8")
    bench = ROOT / "benchmarks" / "bench_coach.py"
    for args in (["--split", "holdout5", "--labels", str(blind), "--show-misses"],
                 ["--split", "dev", "--labels", str(blind)]):
        result = subprocess.run([sys.executable, str(bench), *args], capture_output=True, text=True, cwd=ROOT,
                                timeout=120)
        assert result.returncode == 2 and "Secret" not in result.stdout + result.stderr
    result = subprocess.run([sys.executable, str(bench), "--split", "holdout5", "--labels", str(blind)],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "split holdout5: 1 interviewer turns" in result.stdout and "Secret" not in result.stdout


@pytest.mark.parametrize(("turn", "role", "competency"), [
    ("What makes you trust your ground truth?", "ml_engineer", "ml_data"),
    ("How are you keeping tabs on the making-things-up problem week to week?", "ai_engineer", "ai_hallucination"),
    ("What did you do so the assistant stays inside the documents it was handed?", "ai_engineer",
     "ai_hallucination"),
    ("Tell me about the time your chatbot fell over in front of customers.", "ai_engineer", "ai_production"),
    ("How do you get a new prompt onto a slice of traffic, and how quickly can you pull it back?", "ai_engineer",
     "ai_production"),
])
def test_the_kits_questions_in_an_interviewers_own_words(turn: str, role: str, competency: str) -> None:
    assert classify_turn(turn, None, role).competency == competency, turn


@pytest.mark.parametrize(("turn", "role"), [
    ("How did you treat the age feature in the credit model?", "ml_engineer"),
    ("Can you work the on-call rotation, one week in six?", "ai_engineer"),
])
def test_a_detail_or_the_jobs_schedule_is_no_kit_question(turn: str, role: str) -> None:
    assert classify_turn(turn, None, role).kinds == ["other"], turn


def test_a_rate_of_something_is_a_metric_not_pay() -> None:
    reading = classify_turn("What's your current rate of made-up answers?", None, "ai_engineer")
    assert reading.kinds == ["kit_question"] and reading.competency == "ai_hallucination"


@pytest.mark.parametrize("turn", [
    "Which offline metric, and what did production show instead?",
    "Better on which slices? Did anything get worse?",
    "Why monthly? What told you that cadence was right?",
    "Important by what measure?",
])
def test_follow_ups_that_ask_which_measure_or_why_that_choice(turn: str) -> None:
    reading = classify_turn(turn, "We retrain monthly and it was better on the offline metric.", "ml_engineer")
    assert reading.kinds == ["follow_up_probe"], turn


@pytest.mark.parametrize("turn", [
    "What method did you use to check that?",
    "Do you have the dashboard or a write-up you could walk me through?",
])
def test_asking_for_the_method_or_the_artefact_is_a_follow_up(turn: str) -> None:
    reading = classify_turn(turn, "We improved the retrieval a lot and the answers got much better.", "ai_engineer")
    assert reading.kinds == ["follow_up_probe"], turn


def test_the_leakage_question_in_other_words() -> None:
    reading = classify_turn("Tell me about a time you discovered your model was cheating by seeing information it "
                            "shouldn't have.", None, "ml_engineer")
    assert reading.competency == "ml_features"


def test_leaving_a_file_out_takes_away_only_the_phrases_it_alone_needed(tmp_path: Path) -> None:
    from screener.coach import unlawful as lexicons
    from screener.coach.lofo import leave_one_file_out

    item = "- id: {id}\n  split: dev\n  role: ai_engineer\n  turn: \"{turn}\"\n  kinds: [unlawful]\n"
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    # "shop steward" fires in a only (no concept rule knows it); "how old are you" in both
    a.write_text(item.format(id="a1", turn="Are you a shop steward?")
                 + item.format(id="a2", turn="How old are you?"), encoding="utf-8")
    b.write_text(item.format(id="b1", turn="How old are you, roughly?"), encoding="utf-8")
    before = dict(lexicons.PHRASES)
    rows = {r.file: r for r in leave_one_file_out([a, b])}
    assert rows["a.yaml"].seen.unlawful_missed == 0 and rows["a.yaml"].left_out.unlawful_missed == 1
    assert rows["b.yaml"].own_phrases == 0 and rows["b.yaml"].left_out.unlawful_missed == 0
    assert lexicons.PHRASES == before and lexicons.scan("Are you a shop steward?")


def test_a_guess_about_the_candidates_origin_with_its_tag_is_unlawful_not_leading() -> None:
    kinds = classify_turn("I'd say Poland, going by your accent. Am I right?", None, "ai_engineer").kinds
    assert kinds == ["unlawful"]


def test_a_statement_about_a_group_then_asking_whether_the_candidate_is_one() -> None:
    reading = classify_turn("Half our engineers are mums. Are you one as well?", None, "ai_engineer")
    assert reading.kinds == ["unlawful"] and reading.unlawful[0].topic == "family"
    assert unlawful.scan("We offer generous parental leave.") == []


@pytest.mark.parametrize("turn", [
    "We have about 40 minutes left, okay?",
    "Can you hear me okay now, yeah?",
    "This is the second round for you, yes?",
    "You've used Python mostly, correct?",
    "And you've been there since 2021, right?",
    "Sorry, did you say 92 percent or 82?",
    "Would you mind if we moved the second half to Thursday?",
])
def test_checking_the_meeting_or_the_candidates_history_is_not_leading(turn: str) -> None:
    assert "leading" not in classify_turn(turn, "We cut latency to 200 ms.", "ai_engineer").kinds, turn


@pytest.mark.parametrize("turn", [
    "So you just retrained and the drift went away?",
    "So XGBoost-style boosting beat the baseline comfortably?",
    "The eval suite caught the regression before it shipped, correct?",
])
def test_a_result_put_to_the_candidate_for_agreement_is_leading(turn: str) -> None:
    assert "leading" in classify_turn(turn, "We compared a few models.", "ml_engineer").kinds, turn


@pytest.mark.parametrize(("turn", "topic"), [
    ("Most of us here have young kids. Do you?", "family"),
    ("A lot of the team are dads. Same for you?", "family"),
    ("Half the office is off for Eid next week. Will you be too?", "religion"),
    ("Everyone here is under thirty. Is that going to be weird for you?", "age"),
    ("That's an interesting name. What's the origin?", "national_origin"),
    ("I noticed the ring. Anyone special?", "marital_status"),
    ("Lots of our engineers are from India. Are you?", "national_origin"),
    ("We had a hire with a past once. Anything like that with you?", "arrest_record"),
])
def test_a_statement_then_a_question_asking_the_candidate_to_match_it(turn: str, topic: str) -> None:
    reading = classify_turn(turn, None, "ai_engineer")
    assert "unlawful" in reading.kinds and reading.unlawful[0].topic == topic, turn


@pytest.mark.parametrize("turn", [
    "We're closed over Christmas. Does that timeline work for the start date?",
    "We offer great maternity and paternity leave. Any questions on benefits?",
    "My kids love our product. Do you use it?",
    "Our CTO is from Nigeria and built the first model. Have you worked with her team?",
    "We support people with disabilities with adjustments. Do you need any for today?",
])
def test_a_statement_then_a_question_about_something_else_is_lawful(turn: str) -> None:
    assert "unlawful" not in classify_turn(turn, None, "ai_engineer").kinds, turn
