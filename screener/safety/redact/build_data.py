"""Regenerate ``data/*.txt`` (maintainers only; never imported at run time).

    python -m venv /tmp/v && /tmp/v/bin/pip install names-dataset==3.3.1 wordfreq==3.1.1 english-words==2.0.2
    /tmp/v/bin/python screener/safety/redact/build_data.py

- ``first_names.txt`` / ``last_names.txt``: given names and surnames ranked in the top ``RANK`` of at least one
  country in names-dataset 3.3.1 (Philippe Remy, Apache-2.0; built from public profiles of 105 countries),
  lowercased, one a line. A names list is a hint, never proof: the redactor only uses it with the shape of a
  name (a capitalised given name followed by a capitalised surname) or with a person cue.
- ``common_words.txt``: English words that are ordinary lowercase words (Webster's 2nd lowercase entries, via
  english-words, with a wordfreq Zipf frequency >= 3.0, plus frequent words >= 3.5 that are not names). A
  name part that is such a word ("Will", "Mark", "Rose", "Hope") is replaced only where it is used as a name.

names-dataset needs about 3 GB of memory to load, which is why the redactor ships this extract instead.
"""

from __future__ import annotations

import gzip
import os
import pickle
from pathlib import Path

RANK = 500
HERE = Path(__file__).resolve().parent / "data"


def _ranks(kind: str) -> dict[str, int]:
    import names_dataset

    with gzip.open(os.path.join(os.path.dirname(names_dataset.__file__), "v3", f"{kind}.pkl.gz")) as f:
        table = pickle.load(f)  # noqa: S301 - the dataset's own file, as its library loads it
    best = {}
    for name, info in table.items():
        ranks = [r for r in (info.get("rank") or {}).values() if r is not None]
        if ranks:
            best[name] = min(ranks)
    return best


def main() -> None:
    import english_words
    from wordfreq import top_n_list, zipf_frequency

    first, last = _ranks("first_names"), _ranks("last_names")
    for kind, table in (("first_names", first), ("last_names", last)):
        names = sorted({n.lower() for n, r in table.items() if r <= RANK and n.replace("-", "").isalpha()})
        (HERE / f"{kind}.txt").write_text("\n".join(names) + "\n", encoding="utf-8")
    web2 = {w for w in english_words.get_english_words_set(["web2"], lower=False, alpha=True) if w.islower()}
    names_low = {n.lower() for t in (first, last) for n, r in t.items() if r <= 2000}
    common = set()
    for w in top_n_list("en", 40000):
        if not w.isalpha():
            continue
        z = zipf_frequency(w, "en")
        if (w in web2 and z >= 3.0) or (w not in web2 and w not in names_low and z >= 3.5):
            common.add(w)
    (HERE / "common_words.txt").write_text("\n".join(sorted(common)) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
