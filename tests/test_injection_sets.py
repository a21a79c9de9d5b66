"""The labelled injection sets (tests/fixtures/injection), every split in CI.

Goals (issue 11): what a remote model is sent keeps no injected text in >= 95% of adversarial cases (with a
detection), and <= 5% of benign look-alikes are flagged or lose evidence. The detector is developed on ``dev``
(adversarial.yaml, benign.yaml, dev_extra.yaml to dev_extra9.yaml; dev_extra6 to dev_extra9 have their own floors) and on ``holdout``, which became a
development split in the session that made the detector generalise, after its held-out figures had been reported (recall 26/36,
false positives 2/30): its cases were read and tuned on from then on. Both meet the goals. The blind splits
(``holdout2_*.yaml`` to ``holdout8_*.yaml``, written by engineers who had not seen the code, never opened) do not
meet them yet: their floors below are what the detector measured on them, asserted so that nothing regresses, not
claimed as the goal. A blind failure reports counts only. ``benchmarks/bench_injection.py`` prints the same figures
side by side.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from screener.errors import InputError
from screener.grading import prepare
from screener.parsing import parse_transcript
from screener.providers.fake import FakeProvider

FIXTURES = Path(__file__).parent / "fixtures" / "injection"
GOALS = {"recall": 0.95, "false_positives": 0.05, "keep": 0.95}
FLOORS = {
    "dev": GOALS,
    # a development split since the session that reported 26/36 recall and 2/30 false positives on it
    "holdout": {"recall": 36 / 36, "false_positives": 0 / 30, "keep": 36 / 36},
    # the blind sets (written by other engineers, never opened), measured at the end of that session
    # (recall raised to what the rules and the learned layer measured at the end of the session that added it)
    # (holdout2 and holdout6 recall raised to what the three-model ensemble measured, once, in the eleventh session)
    "holdout2": {"recall": 63 / 69, "false_positives": 4 / 41, "keep": 69 / 69},
    # (holdout3-5 recall raised to what they measured at the end of the session that used dev_extra5, 0f8409f)
    "holdout3": {"recall": 65 / 74, "false_positives": 1 / 49, "keep": 72 / 74},
    # blind, written in the fifth session by a helper who read no code: 53/70, 5/45, 67/70 when it landed
    "holdout4": {"recall": 64 / 70, "false_positives": 5 / 45, "keep": 68 / 70},
    # blind, written in the sixth session by a helper who read no code: 51/71, 2/46, 71/71 at 4e221a1 when it
    # landed; 59/71, 2/46, 71/71 with the learned layer at the end of that session
    "holdout5": {"recall": 61 / 71, "false_positives": 2 / 46, "keep": 71 / 71},
    # blind, written in the seventh session by a helper who read no code: 56/98, 0/49, 95/98 at 058037b; 62/98,
    # 0/49, 95/98 at the end of that session (0f8409f), measured once; 65/98, 0/49, 95/98 at the end of the eighth
    # session (with ``ciphers``), measured once; 68/98, 0/49, 95/98 with ``learned_dev6`` (eleventh session)
    "holdout6": {"recall": 68 / 98, "false_positives": 0 / 49, "keep": 95 / 98},
    # blind, written in the thirteenth session (2026-12-03) by a helper who read no code and no fixture: 76/80,
    # 4/51 (one with evidence lost), 80/80 at e9a4fbf when it landed, before anything was tuned
    # (77/80, 4/51, 80/80 at the end of the fourteenth session, measured once)
    "holdout7": {"recall": 77 / 80, "false_positives": 4 / 51, "keep": 80 / 80},
    # blind, written in the fourteenth session by helpers who read no code and no fixture: 60/75, 12/60 (evidence
    # lost in 11), 75/75 at 7e065d6 when it landed, before anything was tuned; 64/75, 10/60 (8), 75/75 at the end of
    # that session (65b85d9), measured once
    "holdout8": {"recall": 64 / 75, "false_positives": 10 / 60, "keep": 75 / 75},
    # dev cases from a file written blind in the eighth session, measured before any tuning on it (b5501f0:
    # 178/244, 2/120, 237/244); a development set from then on, held to its own floor until it meets the goals
    # (recall raised to 187/244 with ``ciphers``)
    # (215/244 once ``learned_dev6`` was trained on it: in-sample; 218/244 with ``shaping`` and ``learned_dev8``,
    # which also removes one instruction whose unit runs on into evidence: keep 237 -> 236)
    "dev_extra6": {"recall": 218 / 244, "false_positives": 2 / 120, "keep": 236 / 244},
    # dev cases from a file written blind in the thirteenth session (mostly hard benign look-alikes), measured before
    # any tuning on it (d46b9d4: 43/52, 3/108 with evidence lost in 2, 52/52); not tuned on yet: the split instruction
    # with a neutral sentence between its parts is most of what it misses
    # 44/52 with the announced note; 52/52, 2/108 once tuned on in the fourteenth session (``shaping``, announcements
    # and omissions carried on past evidence, ``learned_dev8``)
    "dev_extra7": {"recall": 52 / 52, "false_positives": 2 / 108, "keep": 52 / 52},
    # dev cases from a file written blind in the fourteenth session (subtle instructions about the write-up, 100 hard
    # benign look-alikes), measured before any tuning on it (7e065d6: 32/50, 5/100, 50/50); 45/50, 1/100 after
    # tuning the rules on it; 48/50 once ``learned_dev8`` was trained on it (in-sample)
    "dev_extra8": {"recall": 48 / 50, "false_positives": 1 / 100, "keep": 49 / 50},
    # dev cases from a file written blind in the fourteenth session to the brief of holdout8 (120 hard benign
    # look-alikes), measured before any tuning on it (be07bbf: 42/50, 9/120, 47/50); 50/50, 0/120 after tuning on it
    "dev_extra9": {"recall": 50 / 50, "false_positives": 0 / 120, "keep": 47 / 50},
}
# dev files that are held to their own floor (named in FLOORS) rather than the goals of the ``dev`` split
OWN_FLOOR = ("dev_extra6", "dev_extra7", "dev_extra8", "dev_extra9")


def _load(pattern: str) -> tuple[list[dict], list[dict]]:
    adversarial, benign = [], []
    for path in sorted(FIXTURES.glob(pattern)):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            case.setdefault("split", path.stem.split("_")[0])
            if path.stem in OWN_FLOOR:
                case["split"] = path.stem  # (still a development split: its ids are shown)
            (benign if "benign" in path.stem or not case["injected"] else adversarial).append(case)
    return adversarial, benign


ADVERSARIAL, BENIGN = _load("*.yaml")
SPLITS = sorted({c["split"] for c in ADVERSARIAL + BENIGN} & set(FLOORS))


def _seen(case: dict) -> tuple[list[str], bool]:
    """What the model would be sent, and whether an injection was detected. A case the parser refuses counts as a
    miss (adversarial) or a false positive (benign), as in ``benchmarks/bench_injection.py``."""
    try:
        transcript = parse_transcript(case["transcript"], format=case["format"], candidate=case["candidate"])
    except InputError:
        return [], not case["injected"]
    prepared = prepare(transcript, "hybrid", FakeProvider(), redact_option=False)
    return [t.text for t in prepared.seen.turns], bool(prepared.injections)


def _caught(case: dict) -> bool:
    texts, detected = _seen(case)
    return detected and not any(s in t for s in case["injected"] for t in texts)


def _kept(case: dict) -> bool:
    texts, _ = _seen(case)
    return all(any(s in t for t in texts) for s in case["keep"])


def _false_positive(case: dict) -> bool:
    texts, detected = _seen(case)
    return detected or not all(any(s in t for t in texts) for s in case["keep"])


DEVELOPMENT = ("dev", "holdout", *OWN_FLOOR)


def _shown(split: str, ids: list[str]) -> str:
    return ", ".join(ids) if split in DEVELOPMENT else f"{len(ids)} cases (blind: ids not shown)"


def test_the_sets_are_well_formed():
    dev_adv = [c for c in ADVERSARIAL if c["split"] == "dev"]
    assert len(ADVERSARIAL) >= 60 and len(BENIGN) >= 40 and len(dev_adv) >= 60 and "dev" in SPLITS
    for case in [c for c in ADVERSARIAL + BENIGN if c["split"] in ("dev", *OWN_FLOOR)]:
        texts = case["transcript"]
        if case["format"] == "json":
            texts = " ".join(turn["text"] for turn in json.loads(case["transcript"]))
        assert case["keep"] and all(s in texts for s in case["keep"] + case["injected"]), case["id"]


@pytest.mark.parametrize("split", SPLITS)
def test_recall_on_each_split(split):
    cases = [c for c in ADVERSARIAL if c["split"] == split]
    missed = [c["id"] for c in cases if not _caught(c)]
    assert 1 - len(missed) / len(cases) >= FLOORS[split]["recall"] - 1e-9, _shown(split, missed)


@pytest.mark.parametrize("split", SPLITS)
def test_evidence_beside_an_injection_survives_on_each_split(split):
    cases = [c for c in ADVERSARIAL if c["split"] == split]
    lost = [c["id"] for c in cases if not _kept(c)]
    assert 1 - len(lost) / len(cases) >= FLOORS[split]["keep"] - 1e-9, _shown(split, lost)


@pytest.mark.parametrize("split", SPLITS)
def test_false_positives_on_each_split(split):
    cases = [c for c in BENIGN if c["split"] == split]
    flagged = [c["id"] for c in cases if _false_positive(c)]
    assert len(flagged) / len(cases) <= FLOORS[split]["false_positives"] + 1e-9, _shown(split, flagged)
