"""``names._match_starts`` asks each distinct (token, next token) pair whether a spelling-tolerant match of the two
may start there: the positions it returns are those the reading it replaced returned, minus the pairs whose joined
skeleton no name has (which ``match_turn`` looked up in vain), and redaction is unchanged."""

from __future__ import annotations

from screener.parsing import parse_transcript
from screener.safety.redact import names, redact
from screener.safety.redact.text import skeleton


def _reference(index: names.NameIndex, text: str, toks: names.Toks) -> tuple[list[int], list[int]]:
    """The pair and one-token starts the lookup may match, beside what ``_match_starts`` picks (both without
    ``starts``)."""
    starts = toks.positions(index.first)
    picked = set(names._match_starts(index, text, toks)) - set(starts)
    shaped = toks.shaped
    old: set[int] = set()
    for i in shaped:
        t = toks[i]
        if t.rom in index.first or not names._fuzzy_candidate(t):
            continue
        if len(t.rom) >= 4 and skeleton(t.rom) in index.skel:
            old.add(i)
            continue
        if i + 1 < len(toks) and names._joinable(text, t, toks[i + 1]) and names._fuzzy_candidate(toks[i + 1]):
            joined = t.rom + toks[i + 1].rom
            if len(joined) >= 5 and skeleton(joined) in index.skel:
                old.add(i)
    return sorted(old - set(starts)), sorted(picked)


def _index(*people: str) -> names.NameIndex:
    index = names.NameIndex()
    for p in people:
        person = index.new_person("speaker", p, f"[{p}]")
        index.add_name(person, [[w] for w in p.split()])
    return index


def test_pair_starts_are_those_that_may_match() -> None:
    index = _index("Jihoon Park", "Dmitrii Volkov")
    text = "Alpha Beta Gamma Delta. Ji Hun said so, and Dmit Rij too. Alpha Beta. " * 300
    toks = names.tokenize(text)
    old, new = _reference(index, text, toks)
    assert old == new
    assert new  # "Ji Hun" is read as a spelling of "Jihoon"


def test_long_repeated_turn_still_redacts_a_split_spelling() -> None:
    turn = "Alpha Beta Gamma Delta. I worked with Ji Hun on it. " * 400
    transcript = parse_transcript(f"Dana Levi: Who helped?\nJihoon Park: {turn}\n", format="text")
    red = redact(transcript)
    assert "Ji Hun" not in red.transcript.turns[1].text
    assert "Alpha Beta Gamma Delta." in red.transcript.turns[1].text
