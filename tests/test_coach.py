"""The interview report (``screener coach``): each detector, the report, the CLI, and that it never touches
the candidate's grade."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pydantic import ValidationError

from screener.coach import CoachReport, coach_report, kit_match, leading, probes, unlawful
from screener.coach.classify import classify_turn
from screener.coach.render import to_json, to_markdown, to_text
from screener.coach.talk import talk_stats
from screener.errors import UsageError
from screener.testing.transcripts import make_transcript
from screener.transcript import Transcript, Turn
from screener.vocab import SpeakerRole

ROOT = Path(__file__).resolve().parents[1]
GOLDEN_EXAMPLE = ROOT / "golden" / "transcripts" / "ai_tourist_interviewer_numbers_otter.txt"


# ---------------------------------------------------------------- unlawful questions

@pytest.mark.parametrize(("text", "topic"), [
    ("How old are you?", "age"),
    ("When did you graduate from high school?", "age"),
    ("Are you thinking about retirement any time soon?", "age"),
    ("Do you have kids?", "family"),
    ("Who looks after your children while you're at work?", "family"),
    ("Are you pregnant, or planning to be?", "pregnancy"),
    ("Are you married?", "marital_status"),
    ("Is it Miss or Mrs?", "marital_status"),
    ("What religion are you?", "religion"),
    ("Do you go to church on Sundays?", "religion"),
    ("Where are you really from?", "national_origin"),
    ("Is English your first language?", "national_origin"),
    ("Is that an Indian accent?", "national_origin"),
    ("Do you have any disabilities?", "disability_health"),
    ("How many sick days did you take last year?", "disability_health"),
    ("Have you ever been arrested?", "arrest_record"),
    ("What's your current salary?", "salary_history"),
    ("What were you making at your last job, roughly?", "salary_history"),
    ("Would you bring a girlfriend or a boyfriend to the offsite?", "sexual_orientation"),
    ("Are you a member of a trade union?", "union_membership"),
    # indirect phrasings: the proxy instead of the protected question
    ("Roughly when did you leave university?", "age"),
    ("So you'd be what, mid-forties?", "age"),
    ("We're a fairly young team. How would you feel about that?", "age"),
    ("Any childcare arrangements we should know about, with the late deploys?", "family"),
    ("Is that going to be hard with a young family?", "family"),
    ("So you're Polish originally, right?", "national_origin"),
    ("How long have you been in the country?", "national_origin"),
    ("What were you on at your previous company?", "salary_history"),
    ("Do you go to services on the weekend?", "religion"),
    ("Ever spent a night in a cell?", "arrest_record"),
    ("Do you vote Labour or Conservative?", "political_affiliation"),
    ("Will you need time off for Eid?", "religion"),
    # more proxies, across the protected topics
    ("You've got a lot of experience. Are you planning to work for many more years, or winding down?", "age"),
    ("We're quite a young crowd here, mostly in our twenties. Would that be a problem for you?", "age"),
    ("Are you a recent grad, or have you been around a while?", "age"),
    ("Is there someone who can pick up the children if we run late?", "family"),
    ("Any plans to go on maternity leave in the next year or so?", "pregnancy"),
    ("Should I address you as Mrs or Ms?", "marital_status"),
    ("What does your other half do?", "marital_status"),
    ("What's your native tongue, if you don't mind me asking?", "national_origin"),
    ("What do your parents do, and where are they from?", "national_origin"),
    ("Is that name Greek?", "national_origin"),
    ("How's your back? The role has a lot of sitting.", "disability_health"),
    ("How much were you bringing home at your previous job?", "salary_history"),
    ("Are you involved with any unions or worker groups?", "union_membership"),
    ("Which party do you usually vote for?", "political_affiliation"),
    ("Have you always been a woman?", "gender"),
    ("What's your skin tone? I can't tell on camera.", "race"),
    ("Is there a reason you took a career break? Kids?", "family"),
    ("Are you trans?", "gender"),
    ("Are you over 50?", "age"),
    ("What's your current day rate?", "salary_history"),
])
def test_unlawful_questions_are_flagged_with_their_topic(text: str, topic: str) -> None:
    hits = unlawful.scan(text)
    assert hits and hits[0].topic == topic
    assert hits[0].why and hits[0].instead


@pytest.mark.parametrize("text", [
    "Are you authorised to work in the UK?",
    "Will you now or in the future need visa sponsorship?",
    "What are your salary expectations for this role?",
    "Are you over 18?",
    "Can you perform the essential functions of the job, with or without reasonable accommodation?",
    "Is there anything we can do to make the interview more accessible for you?",
    "Which languages do you work in day to day? Python, Scala?",
    "How old was the data in your index?",
    "Which religion dataset did you use for the classifier?",
    "How did you handle the race condition in the queue?",
    "Did the model struggle with non-native English speakers?",
    "What name would you like us to use for you?",
    "Where are you based, and what time zone do you work in?",
    "Do you have a notice period at your current company?",
    "How do you look after your own learning?",
    "Let's jump straight in: tell me about the worst incident on a feature you owned.",
    "What was the error of your salary prediction model?",
    "Did you have to remove religion from the dataset for compliance?",
    "How did you handle the pregnancy-related queries in the health chatbot?",
    "We offer generous parental leave and a health plan.",
    "Did you ship it before Christmas?",
    "Did you build anything for the Ramadan traffic spike?",
    "How much were you paying for GPUs at your previous company?",
    "How did you treat married and single customers differently in the churn model?",
    "How do you know your chatbot isn't making things up more this month than last?",
    "Which party owns the data in the pipeline?",
    "Are you winding down the old service this quarter?",
    "How did you build the age feature in the credit model?",
    "What is the average age of the documents in your index?",
    "Are you over 50 ms on p95?",
    "Do you have a partner team for the API?",
])
def test_lawful_look_alikes_are_not_flagged(text: str) -> None:
    assert unlawful.scan(text) == []


def test_unlawful_failure_modes() -> None:
    assert unlawful.scan("") == []
    assert unlawful.scan("We offer parental leave and a great health plan.") == []  # policy, not a question
    # only interviewer turns are read: a candidate talking about their own kids is not the interviewer's question
    t = make_transcript(("I", "interviewer", "Tell me about a hallucination you debugged."),
                        ("C", "candidate", "Sure. Are you married? Just kidding, my kids say that."))
    assert coach_report(t, "ai_engineer").unlawful_questions == []


def test_unlawful_question_in_a_report_names_turn_and_why() -> None:
    t = make_transcript(("I", "interviewer", "Thanks for joining. Before we start, how old are you?"),
                        ("C", "candidate", "I'd rather talk about my work."))
    report = coach_report(t, "ai_engineer")
    [q] = report.unlawful_questions
    assert (q.turn, q.topic) == (0, "age") and "protected" in q.why and q.instead


# ---------------------------------------------------------------- leading questions

@pytest.mark.parametrize("text", [
    "So latency dropped to 200 ms?",
    "Were you at something like 20 percent wrong answers and got it down to 5?",
    "I assume you just went with 0.5?",
    "Because the thumbs-down rate spiked, right?",
    "You'd agree that setting the temperature to zero takes care of hallucination, right?",
    "So you cut the cost in half?",
    "Weekly, I imagine?",
    # the answer stated in a statement's word order, a figure without digits, a tag before its point
    "That must have taken the latency down below 500 milliseconds.",
    "You just fall back to the cheaper model when that happens, no?",
    "So the fix was basically adding citations?",
    "Did that get you into the single digits?",
    "That was the main win, wasn't it, the caching?",
    "I'd have thought the reranker fixed most of it. Did it?",
    "Let's say it was around 200 ms. Is that in the right ballpark?",
    "Maybe five or ten percent of the time?",
    "Took about a month to show up in the metrics?",
    "In the end it was a customer ID column leaking the label, wasn't that it?",
])
def test_leading_questions_are_flagged(text: str) -> None:
    assert leading.scan(text, "It got better.")


@pytest.mark.parametrize(("text", "previous"), [
    ("What was recall at 10 before the reranker, and what was it after?", "Retrieval got better."),
    ("92 percent of how many cases? And what was it three months ago?", "Our pass rate is 92 percent now."),
    ("Is that 50 milliseconds the median or the p95?", "It runs in about 50 milliseconds."),
    ("In the last seven days, how many answers were flagged as unsupported?", "We track them."),
    ("Is that right?", "I led the team."),
    ("So you've been at a smaller company, right?", "Yes."),
    ("Sorry, two thousand?", "We had two hundred cases."),
    ("Can you give me one specific issue you saw?", "We saw issues."),
    ("We've got about 30 minutes today.", None),
    ("You were at Acme for about three years, right?", None),
    ("Your CV says you led a team of four. Is that right?", None),
    ("Oh, is that a cat on your desk? Love it.", None),
    ("And I think you also worked on speed?", "I did some retrieval work."),
    ("Did you have to roll it back at any point?", "We rolled out the new model."),
    ("So we've got about twenty minutes left, let's keep going.", None),
    ("So the plan for the next 45 minutes: some questions from me, then time for yours.", None),
])
def test_open_questions_and_the_candidates_own_numbers_are_not_leading(text: str, previous: str | None) -> None:
    assert leading.scan(text, previous) == []


def test_repeating_a_number_the_candidate_said_earlier_is_not_leading() -> None:
    said = leading.said_numbers("We had 400 cases in the suite.")
    assert leading.scan("Did the monthly check ever find something the 400 didn't?", "Yes.", said) == []
    assert leading.scan("Did the monthly check ever find something the 400 didn't?", "Yes.")  # not said: lead


def test_a_bare_is_that_right_after_stated_numbers_is_leading() -> None:
    [hit] = leading.scan("It says you took latency from six seconds to two. Is that right?", None)
    assert hit.sentence.endswith("Is that right?") and "six seconds" in hit.sentence
    assert leading.scan("You led the platform team at Acme. Is that right?", None) == []


def test_every_golden_interview_where_the_interviewer_supplies_numbers_gets_a_leading_question() -> None:
    from screener.golden import load_golden
    from screener.parsing import load_transcript

    cases = [c for c in load_golden() if "interviewer_numbers" in c.traps]
    assert len(cases) >= 5
    for case in cases:
        t = load_transcript(case.path(), format=case.format, candidate=case.candidate)
        assert coach_report(t, case.role).leading_questions, case.id


# ---------------------------------------------------------------- kit questions, matched by meaning

@pytest.mark.parametrize(("role", "text", "competency"), [
    ("ai_engineer", "Have you put together an eval set for something LLM-based? What's in it?", "ai_eval"),
    ("ai_engineer", "Right now, how would you know how often your assistant invents stuff?", "ai_hallucination"),
    ("ai_engineer", "Imagine I'm a sceptical colleague who doesn't buy your last improvement. What would you show me?",
     "ai_measurement"),
    ("ai_engineer", "Give me a case where search let you down and the answer came out wrong.", "ai_retrieval"),
    ("ai_engineer", "When have you chosen not to use an agent?", "ai_agents"),
    ("ai_engineer", "If a new prompt goes out and it's bad, how do you undo it?", "ai_production"),
    ("ml_engineer", "How do you know your labels are actually right?", "ml_data"),
    ("ml_engineer", "Have you found information in training data the model couldn't know at prediction time?",
     "ml_features"),
    ("ml_engineer", "Where did the cut-off on your classifier come from?", "ml_evaluation"),
    ("ml_engineer", "Any model you had in production that degraded over time? How'd you catch it?", "ml_deployment"),
])
def test_kit_questions_in_other_words_match_their_competency(role: str, text: str, competency: str) -> None:
    m = kit_match.match(text, role)  # type: ignore[arg-type]
    assert m is not None and m.follow_up is None and m.question.competency == competency


@pytest.mark.parametrize("text", [
    "What's your take on hallucinations in general? Are they solvable?",
    "What eval tools or frameworks have you used?",
    "What is data leakage, in your own words?",
    "Hypothetically, if you had to design an eval suite from scratch, how would you go about it?",
    "Are you familiar with MLflow?",
    "Can you see my screen now?",
])
def test_opinions_definitions_hypotheticals_and_logistics_are_not_kit_questions(text: str) -> None:
    assert kit_match.match(text, "hybrid") is None


@pytest.mark.parametrize("text", [
    "How did you build the age feature in the credit model?",
    "What's the hardest thing about working with LLMs, in your opinion?",
    "Okay. And what about vector databases, which ones have you tried?",
    "Which cloud did your last team deploy on?",
    "If you had unlimited budget, which model would you use for our chatbot?",
    "What year did you ship the first version of the search feature?",
    "What's the biggest misconception people have about RAG?",
])
def test_a_detail_an_opinion_or_a_tool_question_is_not_the_kits_question(text: str) -> None:
    assert "kit_question" not in classify_turn(text, None, "hybrid").kinds


def test_a_follow_up_on_the_answer_is_not_the_kits_next_question() -> None:
    reading = classify_turn("How many cases are in that suite, and where did they come from?",
                            "We built a pretty solid eval suite and ran it before releases.", "ai_engineer")
    assert reading.kinds == ["follow_up_probe"]
    reading = classify_turn("Tell me about a regression suite you built. What's in it?", None, "ai_engineer")
    assert reading.kinds == ["kit_question"] and reading.competency == "ai_eval"


def test_a_turn_that_changes_topic_asks_the_kit_not_a_follow_up() -> None:
    turn = ("Thanks. Different area now: what set of test cases do you run when someone changes a prompt, and how "
            "were they collected?")
    reading = classify_turn(turn, "So that was mostly the onboarding work.", "ai_engineer")
    assert reading.kinds == ["kit_question"] and reading.competency == "ai_eval"


@pytest.mark.parametrize("text", [
    "Can you see me okay? My video seems to be a bit blurry.",
    "Is it okay if I record this call for my colleagues who couldn't make it?",
    "Sorry about the noise, there's construction next door.",
    "Feel free to take a minute to collect your thoughts.",
    "Thanks, that's all the questions I have. Anything you'd like to ask me?",
    "Apologies, my laptop just restarted. Are you still with me?",
    "Is now still a good time, or would you rather we reschedule?",
    "Sorry, someone's at the door, two secs.",
    "Quick housekeeping: we'll do technical questions first and leave ten minutes for you at the end.",
    "Let's take a short break and come back in five.",
])
def test_small_talk_and_logistics(text: str) -> None:
    assert classify_turn(text, None, "ai_engineer").kinds == ["small_talk"]


def test_a_kit_question_with_the_answer_supplied_is_both() -> None:
    reading = classify_turn("How did you choose the threshold for your classifier? I assume you just went with 0.5?",
                            None, "ml_engineer")
    assert set(reading.kinds) == {"kit_question", "leading"} and reading.competency == "ml_evaluation"


# ---------------------------------------------------------------- vague answers and probes

def test_probes_and_what_is_not_one() -> None:
    assert probes.asks_for_specifics("What number told you things looked off?")
    assert probes.asks_for_specifics("What did that save per request, and did quality change?")
    assert probes.asks_for_specifics("Can you pick one trace and walk me through what it shows?")
    assert not probes.asks_for_specifics("Good to know. How did you find working with the product team?")
    assert probes.asks_for_specifics("Give me one of those bugs.")  # a request, without a question mark
    assert probes.asks_for_specifics("What happens, step by step, when a tool times out?")
    assert probes.asks_for_specifics("Which cases does it not cover?")


def test_probes_and_vague_answers() -> None:
    assert probes.asks_for_specifics("What was the pass rate before the prompt change, and after?")
    assert probes.asks_for_specifics("Can you walk me through one failed tool call from a real trace?")
    assert not probes.asks_for_specifics("Great, sounds good. Let's move on to the next question.")
    assert not probes.asks_for_specifics("Sure. And did you enjoy working on that?")
    assert probes.is_vague("After we changed the prompt the quality went up a lot, the outputs were much better.")
    assert not probes.is_vague("The pass rate went from 71 to 88 percent on 400 cases.")
    assert not probes.is_vague("Yes.")


# ---------------------------------------------------------------- talk share

def test_talk_share_in_words_and_seconds() -> None:
    words = make_transcript(("I", "interviewer", "one two three"), ("C", "candidate", "a b c d e f g"))
    stats = talk_stats(words)
    assert stats.unit == "words" and (stats.interviewer, stats.candidate) == (3, 7)
    assert stats.interviewer_share == 0.3 and stats.longest_monologue.turn == 1  # type: ignore[union-attr]
    timed = Transcript(format="vtt", turns=[
        Turn(index=0, speaker="I", role="interviewer", text="one two three four", start=0.0),
        Turn(index=1, speaker="C", role="candidate", text="a b", start=40.0),
        Turn(index=2, speaker="I", role="interviewer", text="x y", start=50.0)])
    stats = talk_stats(timed)
    assert stats.unit == "seconds" and stats.candidate == 10.0
    assert stats.longest_monologue.turn == 0 and stats.longest_monologue.amount == 40.0  # type: ignore[union-attr]
    # the last turn is timed at the transcript's own pace: 50 s for 6 words before it
    assert stats.interviewer == pytest.approx(40.0 + round(2 * 50 / 6, 1))
    backwards = timed.model_copy(deep=True)
    backwards.turns[2].start = 5.0
    assert talk_stats(backwards).unit == "words"  # clocks that go backwards are not trusted


# ---------------------------------------------------------------- the report

def _interview() -> Transcript:
    return make_transcript(
        ("Ana", "interviewer", "Hi, thanks for joining. Walk me through a hallucination you debugged."),
        ("Ben", "candidate", "We had the bot making up refund rules and we fixed it with better prompting, "
                             "it got a lot better."),
        ("Ana", "interviewer", "Nice. So hallucinations went from about 20 percent to 5, right?"),
        ("Ben", "candidate", "Yes, exactly."),
        ("Ana", "interviewer", "Tell me about a regression suite you built. What's in it, and where did cases come "
                               "from?"),
        ("Ben", "candidate", "We have 300 cases pulled from production logs, labelled by two of us, graded by an "
                             "LLM judge we checked against 100 human labels."),
        ("Ana", "interviewer", "How many of those cases failed before the last change, and how many after?"),
        ("Ben", "candidate", "41 failed before, 12 after."),
    )


def test_report_on_an_interview() -> None:
    report = coach_report(_interview(), "ai_engineer")
    assert [(a.turn, a.competency) for a in report.kit_asked] == [(0, "ai_hallucination"), (4, "ai_eval")]
    assert "ai_agents" in report.never_probed and "ai_eval" not in report.never_probed
    assert [q.turn for q in report.leading_questions] == [2]
    assert report.unlawful_questions == []
    vague = {v.answer_turn: v for v in report.vague_answers}
    assert 1 in vague and not vague[1].followed_up  # the interviewer supplied the numbers instead of asking
    assert 5 not in vague and 7 not in vague
    # the follow-up to ask is the kit's, for the hallucination question in force
    kit = {f for q in kit_match.kit_questions("ai_engineer") for f in q.follow_ups}
    assert report.missed_follow_ups and all(m.question in kit for m in report.missed_follow_ups)
    assert report.missed_follow_ups[0].after_turn == 1
    assert report.talk.unit == "words" and 0 < report.talk.interviewer_share < 1
    assert [k.kinds for k in report.turn_kinds][:2] == [["kit_question", "small_talk"], ["leading"]]
    assert "not on the interviewer as a person" in report.note


def test_report_schema_is_strict_and_roles_are_checked() -> None:
    report = coach_report(_interview(), "hybrid")
    data = report.model_dump()
    CoachReport.model_validate(data)
    with pytest.raises(ValidationError):
        CoachReport.model_validate({**data, "score": 3})
    with pytest.raises(UsageError):
        coach_report(_interview(), "designer")  # type: ignore[arg-type]
    empty = coach_report(Transcript(format="text", turns=[]), "ml_engineer")
    assert empty.kit_asked == [] and len(empty.never_probed) == 4 and empty.talk.interviewer_share == 0


def test_renderers_are_safe() -> None:
    t = make_transcript(("I", "interviewer", "Tell me about a hallucination you debugged. <script>x</script>"
                                             " \x1b[31mred\x1b[0m"),
                        ("C", "candidate", "It was much better after, honestly."))
    report = coach_report(t, "ai_engineer")
    text, md, js = to_text(report), to_markdown(report), to_json(report)
    assert "\x1b" not in text and "Kit questions asked" in text and "Talk" in text
    assert "<script>" not in md and "&lt;script&gt;" in md
    assert CoachReport.model_validate(json.loads(js)) == report


def test_report_is_linear_time() -> None:
    def transcript(n: int) -> Transcript:
        turns: list[tuple[str, SpeakerRole, str]] = []
        for _ in range(n):
            turns.append(("I", "interviewer", "So latency went from 900 ms to 200 ms, right? How old are you? "
                                              "Walk me through a retrieval pipeline you built."))
            turns.append(("C", "candidate", "It was much better after we changed the prompts, a lot faster."))
        return make_transcript(*turns)

    def seconds(n: int) -> float:
        t = transcript(n)
        start = time.process_time()
        coach_report(t, "hybrid")
        return time.process_time() - start

    seconds(20)  # warm the caches
    gc.disable()  # a collection during one run and not the other is not the coach's time
    try:
        small, big = min(seconds(100) for _ in range(3)), seconds(800)
    finally:
        gc.enable()
    assert big < 24 * small  # 8x the turns: linear is about 8x the CPU time, quadratic would be 64x
    # one huge turn with no spaces and no sentence ends is read in bounded time
    huge = make_transcript(("I", "interviewer", "from," * 100_000 + "?"), ("C", "candidate", "x" * 200_000))
    start = time.process_time()
    coach_report(huge, "hybrid")
    assert time.process_time() - start < 10


# ---------------------------------------------------------------- the CLI, as a user runs it

def _run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "screener", "coach", *args], capture_output=True, text=True,
                          input=stdin, cwd=ROOT, timeout=120)


def test_cli_text_json_and_markdown() -> None:
    text = _run(str(GOLDEN_EXAMPLE), "--role", "ai_engineer")
    assert text.returncode == 0, text.stderr
    assert "Leading questions (2)" in text.stdout and "turn 2:" in text.stdout
    js = _run(str(GOLDEN_EXAMPLE), "--role", "ai_engineer", "--format", "json")
    report = CoachReport.model_validate(json.loads(js.stdout))
    assert report.candidate == "Giulia Marino" and report.talk.unit == "seconds"
    md = _run("-", "--format", "md", "--input-format", "text", "--candidate", "Ben",
              stdin="Ana: Are you married?\nBen: I'd rather not say.\n")
    assert md.returncode == 0, md.stderr
    assert md.stdout.startswith("## Interview report") and "marital status" in md.stdout


@pytest.mark.parametrize(("args", "stdin"), [
    (("/no/such/transcript.txt",), None),
    (("-",), ""),
    ((str(GOLDEN_EXAMPLE), "--role", "designer"), None),
    ((str(GOLDEN_EXAMPLE), "--format", "pdf"), None),
    ((str(GOLDEN_EXAMPLE), "--input-format", "vtt"), None),
])
def test_cli_bad_input_is_one_line_and_exit_2(args: tuple[str, ...], stdin: str | None) -> None:
    result = _run(*args, stdin=stdin)
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and "error" in result.stderr


# ---------------------------------------------------------------- it never touches the candidate's grade

def _card(case, transcript) -> dict:
    from screener.grading import GradeOptions, grade

    card = grade(transcript, "offline", GradeOptions(role=case.role)).model_dump(mode="json")
    card["grader"].pop("seconds")
    return card


def test_scorecards_are_identical_with_and_without_the_report() -> None:
    from screener.golden import load_golden
    from screener.parsing import load_transcript

    cases = load_golden()
    assert len(cases) >= 90
    for case in cases:
        plain = load_transcript(case.path(), format=case.format, candidate=case.candidate)
        without = _card(case, plain)
        coached = load_transcript(case.path(), format=case.format, candidate=case.candidate)
        before = coached.model_dump()
        report = coach_report(coached, case.role)
        assert coached.model_dump() == before, case.id  # the report changes nothing it reads
        assert _card(case, coached) == without, case.id
        assert "interviewer_turns" not in json.dumps(without)  # the report is not in the scorecard
        assert report.role == case.role


# ---------------------------------------------------------------- measured on the labelled turns

# The floors reached on golden/interviewer_turns.yaml and its dev extra files (benchmarks/bench_coach.py), per
# split and kind as (precision, recall), and the unlawful questions missed. The holdout's figures were reported
# blind (kit .857/.889, probe 1.0/.889, leading 1.0/.846, unlawful 1.0/.938 with 1 missed, small talk
# 1.0/.833, other .529/.692) before it became a development split; the blind set is holdout3, scored by the
# benchmark only. The dev floors dropped when interviewer_turns_dev_extra4.yaml (written blind, heavy on indirect
# unlawful questions and small talk) joined the dev split: on it, before any tuning, the detectors read kit .870/.701,
# unlawful 1.0/.667 (29 missed), small talk .900/.679, other .341/.882. interviewer_turns_dev_extra5.yaml joined the
# same way (before tuning: unlawful 1.0/.867 with 10 missed, small talk .953/.872, other .652/.968), and so did
# interviewer_turns_dev_extra6.yaml (287 turns, 101 unlawful; at b5501f0 kit .905/.704, leading .815/1.0, unlawful
# .929/.901 with 10 missed, small talk .568/.600, other .508/.652; at 21c1fa4, before tuning on it, 9 missed).
# interviewer_turns_dev_extra7.yaml (270 turns, 173 unlawful, 97 lawful look-alikes, written blind in the thirteenth
# session; its writer was asked not to label kit questions, so a kit question the detector finds there counts against
# kit precision, and its follow-ups and small talk are few): before tuning on it, at e9a4fbf, unlawful .967/.838
# with 28 missed, follow-up 1.0/.5, leading .667/.462, small talk .75/.409, other .689/.827; the whole dev split
# then read unlawful .993/.960, 28 missed. interviewer_turns_dev_extra8.yaml (240 turns, 150 unlawful, 90 lawful
# look-alikes, written blind in the fourteenth session, kit questions unlabelled as in dev_extra7): before tuning on
# it, unlawful .962/.840 with 24 missed, small talk .286/.267, other .734/.734; after, unlawful 1.0/1.0. With it in
# the split, kit precision, leading recall, small talk and other recall read lower (.937, .957, .915/.909, .909):
# its kit-like lawful questions ("Walk me through the credit-scoring model you built") are labelled other, and its
# small talk and leading turns are few and sit inside unlawful ones. interviewer_turns_dev_extra9.yaml (260 turns of
# every kind, written blind in the fourteenth session to holdout8's brief, 96 kit questions) joined untuned: as it
# landed kit .840/.656, follow-up 1.0/.946, leading .967/.967, unlawful .975/.975 (1 missed), small talk .628/.750,
# other .422/.514 (kit questions in new words are the offline matcher's weak point, as on the blind sets); one
# phrasing was added for its missed unlawful question, and one object asked about ("That's a great mug. Where's it
# from?") reads as national origin, so unlawful precision is floored at .99. The split then: kit .924/.905, small
# talk .881/.893, other .905/.881. Tuned on it in the fifteenth session (kit questions about the candidate's own system
# put as "how would you go about...", scenario questions opened by "Say someone...", more incident, retrieval and
# data-quality words, pleasantries about the season, the office, a hobby or the candidate's studies), dev_extra9
# reads kit .859/.760, small talk .723/.944, other .613/.514, and the split kit .924/.920, small talk .890/.913,
# other .928/.881. Its writer files the interview's business (next steps, notes, handing over, "any questions for
# me?") under other, where the report (and the LLM prompt) count it as small talk: those turns stay misses here.
FLOORS = {
    "dev": ({"kit_question": (0.92, 0.91), "follow_up_probe": (0.99, 0.96), "leading": (0.98, 0.95),
             "unlawful": (0.99, 1.0), "small_talk": (0.88, 0.91), "other": (0.92, 0.88)}, 0),
    "holdout": ({"kit_question": (1.0, 1.0), "follow_up_probe": (1.0, 1.0), "leading": (1.0, 1.0),
                 "unlawful": (1.0, 1.0), "small_talk": (1.0, 1.0), "other": (1.0, 1.0)}, 0),
}


def test_two_labelled_turns_may_not_share_an_id(tmp_path: Path) -> None:
    from screener.coach.bench import load_items
    from screener.errors import ConfigError

    item = "- id: {id}\n  split: dev\n  role: ai_engineer\n  turn: '{turn}'\n  kinds: [other]\n"
    labels = tmp_path / "turns.yaml"
    labels.write_text(item.format(id="a1", turn="Sorry, 400?") + item.format(id="a1", turn="Did you enjoy it?"))
    with pytest.raises(ConfigError, match="a1"):
        load_items(labels)
    labels.write_text(item.format(id="a1", turn="Sorry, 400?") + item.format(id="a2", turn="Did you enjoy it?"))
    assert [it.id for it in load_items(labels)] == ["a1", "a2"]


@pytest.mark.parametrize("split", ["dev", "holdout"])
def test_floors_on_the_labelled_interviewer_turns(split: str) -> None:
    from screener.coach.bench import default_labels, load_items, score

    if not default_labels().exists():
        pytest.skip("golden/interviewer_turns.yaml is not there")
    items = load_items(split=split)
    assert len(items) >= 50
    result = score(items)
    floors, missed = FLOORS[split]
    for kind, (precision, recall) in floors.items():
        k = result.kinds[kind]
        assert k.precision >= precision, (split, kind, "precision", round(k.precision, 3))
        assert k.recall >= recall, (split, kind, "recall", round(k.recall, 3))
    assert result.unlawful_missed <= missed


def test_questions_not_to_ask_are_named_by_their_topic_in_words(tmp_path: Path) -> None:
    path = tmp_path / "screen.txt"
    path.write_text("Dana Okafor: Thanks for joining. Have you ever declared bankruptcy?\n"
                    "Sam Lee: No. Our eval suite has 400 cases and we cut p95 from 900 to 400 ms.\n"
                    "Dana Okafor: Any mental health history we ought to be aware of?\n"
                    "Sam Lee: No.\n", encoding="utf-8")
    result = _run(str(path))
    assert result.returncode == 0, result.stderr
    assert 'turn 0: credit, debt, military discharge or housing: "Have you ever declared bankruptcy?"' in result.stdout
    assert 'turn 2: disability or health: "Any mental health history' in result.stdout
    report = json.loads(_run(str(path), "--format", "json").stdout)  # the JSON keeps the topics' ids
    assert [q["topic"] for q in report["unlawful_questions"]] == ["other", "disability_health"]
    assert all("topic_label" not in q for q in report["unlawful_questions"])
