"""The offline grader's faster readings say what the slower ones said: a token found by position, a phrase's words
remembered across indexes, a sentence disowned or a target named only where the words are there."""

from __future__ import annotations

from screener.offline import ownership
from screener.offline.numbers import _shape, _target_spans, extract_claims
from screener.offline.phrases import PhraseIndex
from screener.offline.quantities import scan


def test_a_character_is_placed_in_the_word_that_holds_it() -> None:
    sh = _shape(scan("latency went from 1.2 seconds to 800 ms"))
    assert sh.words == ["latency", "went", "from", "Q0", "to", "Q1"]
    for char, word in ((0, "latency"), (3, "latency"), (7, "latency"), (8, "went"), (len(sh.text) - 1, "Q1")):
        assert sh.words[sh.at(char)] == word
    assert _shape(scan("")).at(5) == 0  # no words: the first place, as ever


def test_a_second_index_of_the_same_phrases_finds_the_same_hits() -> None:
    lexicons = {"methods": ("held-out set", "held out", "a/b test"), "depth": ("trade-off",)}
    text = "We kept a held-out set, ran an A/B test and weighed the trade-off; held out data again."
    first, second = PhraseIndex(lexicons), PhraseIndex(dict(lexicons))
    assert first.find(text) == second.find(text) == {
        "methods": [(10, 22, "held-out set"), (31, 39, "a/b test"), (67, 75, "held out")],
        "depth": [(56, 65, "trade-off")]}


def test_a_disclaimer_is_read_only_where_its_words_are() -> None:
    assert ownership.disowns("I haven't built that myself.")
    assert ownership.disowns("I know people use retrieval and citations.")
    assert not ownership.disowns("We built a 400-case suite and recall went from 62% to 81%.")


def test_a_target_in_a_hyphenated_word_is_still_a_target() -> None:
    # "SLO-bound" names a target only inside a hyphenated word: the sentence is still read for it (its clause is
    # the whole shape: "the slo-bound p95 stays under Q0 ms", six words)
    assert _target_spans(_shape(scan("the SLO-bound p95 stays under 300 ms"))) == [(0, 6)]
    assert _target_spans(_shape(scan("p95 went from 900 ms to 300 ms"))) == []


def test_a_share_said_of_a_sample_is_configuration_not_a_result() -> None:
    claims = extract_claims(1, "We sampled about 5 percent of traffic and the error rate fell from 4% to 1%.")
    assert [(c.kind, c.before, c.after) for c in claims] == [("measurement", 4.0, 1.0), ("config", None, 5.0)]
