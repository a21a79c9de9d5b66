"""The interviewer report's detectors against golden/interviewer_turns.yaml: precision and recall per kind.

    .venv/bin/python benchmarks/bench_coach.py [--split dev|holdout|holdout3|...|holdout6|all] [--labels FILE]
        [--show-misses] [--json] [--provider offline|MODEL|fake:ANSWERS.jsonl|fake:ANSWERS_DIR] [--root DIR]
    .venv/bin/python benchmarks/bench_coach.py --lofo

Each labelled item is one interviewer turn (with the candidate's previous answer where it matters), read by
``screener.coach.classify.classify_turn`` exactly as ``screener coach`` reads a transcript's turns. For each
kind (kit_question, follow_up_probe, leading, unlawful, small_talk, other) a predicted kind is right when the
label has it; a kit_question is right only with the labelled competency (a kit question filed under the wrong
competency is a false positive and a miss). Reported beside the goals: >= 0.9 precision and recall for every
kind, and 0 unlawful questions missed. The unlawful topic's agreement is reported too (information only).

Splits. ``dev`` (interviewer_turns.yaml's dev items and the dev extra files, interviewer_turns_dev_extra*.yaml;
ids are unique per split) is for tuning. ``holdout3`` to ``holdout6`` (and any later ``holdoutN``, by its file's name alone) are blind. ``holdout`` (the
holdout items of interviewer_turns.yaml) was blind until its figures were reported:
holdout became a development split in this session after its figures were reported
(kit .857/.889, probe 1.0/.889, leading 1.0/.846, unlawful 1.0/.938 with 1 missed, small talk 1.0/.833, other
.529/.692), so ``--show-misses`` prints its items too. ``holdout3``
(golden/interviewer_turns_holdout3.yaml, or the file given with --labels) is blind: its file is read whole and
only the aggregates are printed; ``--show-misses`` refuses it, and nothing of its contents is ever shown, not
even in an error. Its offline figures, measured once at the start and once at the end of the session that wrote
interviewer_turns_dev_extra3.yaml (673 dev turns) and tuned on dev only: kit .884/.950 -> .974/.925, probe
1.0/.917 -> 1.0/.917, leading 1.0/.842 -> 1.0/.895, unlawful 1.0/.968 -> 1.0/.968 (1 missed), small talk
1.0/.867 -> 1.0/.933, other .760/.905 -> .778/1.0.

The session that added the concept rules (screener/coach/personal_topics.py, small talk by the meeting's own
vocabulary) measured interviewer_turns_dev_extra4.yaml (293 turns, written blind) before tuning on it: kit
.870/.701, probe .962/.862, leading .848/.933, unlawful 1.0/.667 (29 missed), small talk .900/.679, other
.341/.882. Blind, start -> end of that session: holdout3 kit .974/.925 -> 1.0/.950, small talk 1.0/.933 -> 1.0/1.0,
the rest unchanged (unlawful 1 missed); holdout4 kit .944/.810 -> .925/.881, other .667/1.0 -> .724/.955, small talk
1.0/.786 -> .917/.786, unlawful unchanged (4 missed); holdout5 (169 turns, measured at the end only, on the start's
code and the end's) kit .962/.893 -> .964/.946, probe .952/.909 -> .955/.955, unlawful .941/.842 (6 missed) ->
.971/.868 (5 missed), leading .833/1.0, small talk .786/.733 and other .556/.833 -> .682/.833. ``--lofo`` (leave one
file out: each dev file without the lexicon phrases only it fires) estimates what a new writer's file scores.

The session that added word families and proxy shapes (topic_words.py, life_shapes.py, meeting_talk.py) measured
interviewer_turns_dev_extra5.yaml (266 turns, written blind) before tuning on it: at 058037b unlawful 1.0/.867 (10
missed), small talk .953/.872, other .652/.968, kit .984/.952, leading .967/.967; with that session's first rules
the same (unlawful P .970): the rules written from the left-out misses of the older files did not carry over to the
new writer. Blind, 058037b -> end (each measured once at the end; holdout6, 229 turns, also once by mistake midway,
aggregates only, unused): holdout3 and holdout4 unchanged; holdout5 unlawful .971/.868 (5 missed) -> .972/.921
(3), leading P .833 -> .909, small talk .786/.733 -> .800/.800, other P .682 -> .750; holdout6 unlawful 1.0/.846
(8 missed) -> 1.0/.865 (7), kit .912/.852 -> .914/.869, leading P .879 -> .906, small talk .931/.900 ->
.933/.933, other .674/.935 -> .725/.935. --lofo unlawful missed (older five files) 50 -> 0, but those rules were
written looking at the left-out misses: the fresh file's figure above is the honest one.

The session that added euphemisms.py, lawful_shapes.py and pleasantries.py measured
interviewer_turns_dev_extra6.yaml (287 turns, 101 unlawful, written blind) before tuning on it: at b5501f0 kit
.905/.704, leading .815/1.0, unlawful .929/.901 (10 missed), small talk .568/.600, other .508/.652; with that
session's rules written before the file was read (from its own probes), the same but unlawful recall .911 (9
missed). Tuned on it: dev_extra6 unlawful 1.0/1.0, small talk .681/.914 (its writer files the meeting's logistics,
"we'll stop the recording", under other, where the older files file them under small talk). Blind holdout6,
start -> end (each once, aggregates only): unlawful 1.0/.865 (7 missed) -> 1.0/.885 (6), the rest unchanged (kit
.914/.869, leading P .906, small talk .933/.933, other P .725).

The thirteenth session (2026-12-03) added two files written blind by helpers: interviewer_turns_holdout7.yaml
(258 turns, a blind set) and interviewer_turns_dev_extra7.yaml (270 turns, 173 unlawful and 97 lawful
look-alikes; its writer was told not to label kit questions). Measured as they landed (e9a4fbf): holdout7 unlawful
.962/.823 (11 missed), dev_extra7 unlawful .967/.838 (28 missed). Tuned on dev_extra7 only (the phrasings of its
misses in general form: gender stereotypes, race, health, union drives, credit and military discharge under a new
topic "other", a statement listing a topic's options, a fit-in question after a statement): dev_extra7 1.0/1.0, and
the whole dev split unlawful 1.0/1.0, 0 missed. Blind holdout7 at the end (once): unlawful .966/.903 (6 missed),
the other kinds unchanged; the older blind sets' unlawful misses h3 1, h4 3 -> 2, h5 3, h6 6.

The model path is measured the same way: ``--provider MODEL`` sends each labelled turn as ``screener coach -p
MODEL`` would (one request per turn); ``--provider fake:ANSWERS.jsonl`` replays recorded answers in the order
of the split's items; ``--provider fake:DIR`` reads one recorded answer per turn, ``DIR/<name>.json``, named
as ``scripts/coach_capable_model.py dump`` names the requests (turns without an answer are left out, and
counted). A turn whose answer cannot back itself up keeps the lexical reading, as in the report.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # the benchmarks' shared helpers (_checkout)
from _checkout import use_checkout  # noqa: E402

from screener.evals.splits import blind_split_of, split_argument  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", type=split_argument, default="dev",
                    help="dev (default), holdout, all, or a blind set by its name (holdout3 ... holdout6, and any "
                         "later one whose file is golden/interviewer_turns_<name>.yaml)")
    ap.add_argument("--labels", type=Path, default=None,
                    help="one labelled file (default: golden/interviewer_turns.yaml plus the dev extra files; "
                         "for a blind split such as holdout5: golden/interviewer_turns_holdout5.yaml)")
    ap.add_argument("--show-misses", action="store_true",
                    help="print the items read wrongly (dev and holdout only; never a blind set)")
    ap.add_argument("--json", action="store_true", help="print the numbers as JSON")
    ap.add_argument("--provider", "-p", metavar="ID", default="offline",
                    help="offline (the lexical detectors), a model id (each turn read by the model as "
                         "`screener coach -p ID` reads it, one request per labelled turn), fake:ANSWERS.jsonl "
                         "(recorded answers in item order) or fake:DIR (one recorded answer per turn)")
    ap.add_argument("--lofo", action="store_true",
                    help="leave one file out across the development files: each scored without the lexicon "
                         "phrases only it fires (screener.coach.lofo; dev files only)")
    ap.add_argument("--root", type=Path, default=None,
                    help="read the turns with the screener package of another checkout (a before worktree); the "
                         "labels are that checkout's unless --labels names a file")
    args = ap.parse_args(argv)
    use_checkout(args.root)
    from screener.coach.bench import (
        blind_labels,
        format_table,
        is_blind,
        load_blind,
        load_items,
        reader_for,
        score,
    )
    from screener.errors import ConfigError, ScreenerError
    if args.lofo:
        from screener.coach.lofo import format_lofo, leave_one_file_out

        sys.stdout.write(format_lofo(leave_one_file_out()))
        return 0
    blind_file = blind_split_of(args.labels)
    blind = is_blind(args.split) or blind_file is not None
    if blind_file is not None and args.split != blind_file:
        print(f"bench_coach: a blind labels file is scored with --split {blind_file} (aggregates only)",
              file=sys.stderr)
        return 2
    if args.show_misses and blind:
        print("bench_coach: --show-misses prints items, so it is for the dev and holdout splits only; "
              f"{args.split} is blind", file=sys.stderr)
        return 2
    try:
        items = load_items(args.labels, args.split)
        if blind:
            _, bad = load_blind(args.labels or blind_labels(args.split))
            if bad:
                print(f"bench_coach: {len(bad)} item(s) of the blind set do not match the schema and are not "
                      f"scored (positions {', '.join(map(str, bad))})", file=sys.stderr)
    except ConfigError as e:
        print(f"bench_coach: {e}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    total = len(items)
    try:
        reader, items = reader_for(args.provider, items)
        result = score(items, reader, blind=blind)
    except ScreenerError as e:
        print(f"bench_coach: {e}", file=sys.stderr)
        return 2
    seconds = time.perf_counter() - t0
    if args.json:
        print(json.dumps({**result.summary(), "split": args.split, "turns": len(items), "of": total,
                          "seconds": round(seconds, 3)}, indent=2))
    else:
        sys.stdout.write(format_table(result, split=args.split, reader=args.provider, turns=len(items), total=total,
                                      seconds=seconds))
        if args.show_misses:
            for line in result.misses:
                print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
