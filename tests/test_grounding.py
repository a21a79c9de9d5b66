from screener.grounding import Grounder
from screener.testing.transcripts import make_transcript

T = make_transcript(
    ("Dana", "interviewer", "So you took p95 from 2 s to 400 ms, right?"),
    ("Sam", "candidate", "We kept 300 real questions.  Every change had to   pass them before merge — the wrong-answer "
                         "rate went from 1 in 9 to 1 in 40."),
    ("Dana", "interviewer", "Nice."),
    ("Sam", "candidate", "Then we concatenated the logs and tracked it on a dashboard."),
)


def test_verbatim_quote_is_grounded_to_its_turn():
    g = Grounder(T).ground("We kept 300 real questions.", 1)
    assert g is not None and g.turn == 1
    assert g.text(T.turns[1].text) == "We kept 300 real questions."  # an exact copy is kept as it is


def test_whitespace_case_and_punctuation_tolerant_and_returns_the_original_span():
    g = Grounder(T).ground("every change had to pass them before merge - the WRONG answer rate", None)
    assert g is not None
    assert g.text(T.turns[1].text) == "Every change had to   pass them before merge — the wrong-answer rate"


def test_wrong_turn_number_is_corrected():
    g = Grounder(T).ground("tracked it on a dashboard", 1)
    assert g is not None and g.turn == 3


def test_ellipsis_joins_fragments_in_order():
    g = Grounder(T).ground("We kept 300 real questions ... went from 1 in 9 to 1 in 40", 1)
    assert g is not None
    assert g.text(T.turns[1].text) == "We kept 300 real questions … went from 1 in 9 to 1 in 40"
    assert Grounder(T).ground("went from 1 in 9 to 1 in 40 ... We kept 300 real questions", 1) is None


def test_interviewer_words_are_never_grounded():
    assert Grounder(T).ground("you took p95 from 2 s to 400 ms", 0) is None


def test_invented_and_paraphrased_quotes_are_not_grounded():
    g = Grounder(T)
    assert g.ground("We kept 500 real questions.", 1) is None
    assert g.ground("we maintained a regression suite", None) is None


def test_partial_words_and_tiny_quotes_do_not_count():
    g = Grounder(T)
    assert g.ground("cat", None) is None  # inside "concatenated"
    assert g.ground("ten the logs", None) is None
    assert g.ground("We", 1) is None
    assert g.ground("", 1) is None


def test_an_exact_copy_must_still_stand_on_word_boundaries():
    g = Grounder(T).ground("oncatenated the logs and tracked it", 3)
    assert g is None


# --- elisions cannot change meaning (issue 10.8) ---------------------------------------------------------


def _grounder_for(text: str):
    from screener.grounding import Grounder

    return Grounder(make_transcript(("I", "interviewer", "Tell me."), ("C", "candidate", text)))


def test_an_elision_that_drops_a_negation_is_not_verbatim():
    g = _grounder_for("The draft must not promise a refund unless the order is older than 30 days.")
    assert g.ground("the draft must ... promise a refund", 1) is None
    assert g.ground("The draft must not promise a refund", 1) is not None


def test_an_elision_that_drops_a_number_is_not_verbatim():
    g = _grounder_for("Accuracy went from 71 percent to 89 percent on the same 150 drafts we scored.")
    assert g.ground("Accuracy went from ... percent on the same 150 drafts", 1) is None


def test_an_elision_over_neutral_words_with_substantial_fragments_is_grounded():
    g = _grounder_for("We built a regression suite from real tickets, honestly it took a while, and it runs on "
                      "every pull request.")
    hit = g.ground("We built a regression suite ... it runs on every pull request", 1)
    assert hit is not None and len(hit.spans) == 2


def test_tiny_fragments_around_an_ellipsis_prove_nothing():
    g = _grounder_for("We built a regression suite from real tickets and it runs on every pull request.")
    assert g.ground("We ... request", 1) is None


def test_normalise_reads_ascii_and_unicode_text_alike():
    from screener.grounding import normalise

    assert normalise("The p95_latency WENT from 2 s, to 400ms!") == "the p95 latency went from 2 s to 400ms"
    assert normalise("Rocío's ÉVAL set") == "rocío s éval set"
    text = "We kept 300 real questions. Every change had to pass them"
    assert normalise(text) == normalise(text + " é")[: len(normalise(text))]
