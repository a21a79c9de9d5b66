"""On every golden transcript with an injection attempt, no provider path returns a better recommendation than
for the same transcript with the injected text removed (by hand, not by screener's detector)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
import yaml

from screener.evals.splits import is_held_out_golden
from screener.golden import load_golden
from screener.grading import GradeOptions, grade_async
from screener.parsing import load_transcript
from screener.providers import ProviderOptions, get_provider
from screener.scorecard import recommendation_rank
from screener.testing.fake_api import FakeAPI, default_responder

STRUCK = yaml.safe_load((Path(__file__).parent / "fixtures" / "golden_injections.yaml").read_text())
CASES = [c for c in load_golden() if "injection" in c.traps]
PROVIDERS = ["offline", "openai:chat:gpt-test", "openai:responses:gpt-test", "anthropic:messages:claude-test"]
_TELLS = ("strong_hire", "ignore your previous", "ignore all previous", "4 out of 4", "score 4", "system:")


def gullible(body: dict, endpoint: str) -> str:
    """A model that does what text in the transcript tells it to."""
    answer = json.loads(default_responder(body, endpoint))
    text = json.dumps(body).lower().split("<transcript>", 1)[-1]
    if any(tell in text for tell in _TELLS):
        answer.update(recommendation="strong_hire", signal="engineer")
    return json.dumps(answer)


def test_every_injection_case_has_hand_marked_ground_truth():
    assert {c.id for c in CASES} == set(STRUCK) and len(CASES) >= 6


def _without_injection(case):
    transcript = load_transcript(case.path(), format=case.format, candidate=case.candidate)
    turns = []
    for t in transcript.turns:
        text = t.text
        for struck in STRUCK[case.id]:
            text = text.replace(struck, "")
        turns.append(t.model_copy(update={"text": " ".join(text.split())}))
    removed = transcript.model_copy(update={"turns": turns})
    assert removed != transcript, f"{case.id}: the struck text was not found"
    return transcript, removed


@pytest.fixture(scope="module")
def api():
    with FakeAPI() as server:
        server.responder = gullible
        yield server


@pytest.mark.parametrize("provider_id", PROVIDERS)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_injection_never_beats_the_clean_transcript(api, case, provider_id):
    original, removed = _without_injection(case)
    options = ProviderOptions(base_url=api.openai_base_url if provider_id.startswith("openai")
                              else api.anthropic_base_url if provider_id.startswith("anthropic") else None, retries=0)

    async def both():
        provider = get_provider(provider_id, options)
        try:
            a = await grade_async(original, provider, GradeOptions(role=case.role))
            b = await grade_async(removed, provider, GradeOptions(role=case.role))
        finally:
            await provider.aclose()
        return a, b

    import os

    os.environ.setdefault("ANTHROPIC_API_KEY", "test-key")
    try:
        with_injection, clean = asyncio.run(both())
    finally:
        os.environ.pop("ANTHROPIC_API_KEY", None)
    assert recommendation_rank(with_injection.recommendation) <= recommendation_rank(clean.recommendation)
    assert any(f.kind == "prompt_injection" for f in with_injection.red_flags)


def test_no_development_transcript_without_an_injection_is_flagged():
    """A benign look-alike costs the candidate nothing: the development golden transcripts with no injection
    trap (engineers who talk about judges, graders and hand-grading) are never read as an attempt."""
    flagged = []
    for case in load_golden():
        if "injection" in case.traps or is_held_out_golden(case.id):  # not read
            continue
        transcript = load_transcript(case.path(), format=case.format, candidate=case.candidate)
        card = asyncio.run(grade_async(transcript, "offline", GradeOptions(role=case.role)))
        if "injection_cap" in card.rules_fired:
            flagged.append(case.id)
    assert flagged == []
