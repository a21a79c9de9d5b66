"""Write (or check) the injection detector's derived tables, which a process reads instead of building them on its
first scan:

- ``screener/safety/injection/data/rewrites.json``: the detector's patterns rewritten by ``rx.optimise``;
- ``screener/safety/injection/data/learned_tables.json``: the learned layer's model files merged into the columns
  ``learned.Ensemble`` scores with.

    .venv/bin/python scripts/build_detector_tables.py          # check: exit 1 when either is stale
    .venv/bin/python scripts/build_detector_tables.py --write  # after editing a pattern, the lexicon or a model

A stale table costs only time: the detector rewrites (or builds) what it does not find, as it did before.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from screener.safety.injection import learned, rx  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true", help="write the files (default: check that they are current)")
    if parser.parse_args().write:
        print(f"wrote {rx.write()} rewrites to {rx.REWRITES}")
        print(f"wrote {learned.TABLES}" if learned.write_tables() else "no ensemble: no learned tables written")
        return 0
    stale = [str(path) for path, current in ((rx.REWRITES, rx.is_current()), (learned.TABLES, learned.tables_current()))
             if not current]
    for path in stale:
        print(f"{path}: stale; run: .venv/bin/python scripts/build_detector_tables.py --write")
    if not stale:
        print("the detector's tables are current")
    return 1 if stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
