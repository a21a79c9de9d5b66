"""The eval cache on disk: one JSON file per provider answer, keyed by everything that changes the answer.

The key is a SHA-256 of the target's identity (provider id, model, options, grader prompt version, transcript
hash, scorecard schema version, screener's grading-code fingerprint, repeat index; see ``targets``). Secrets
(API keys, tokens, auth headers) are dropped from the identity and nothing but the answer is stored.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..paths import REPO_ROOT, prompts_dir
from ..util.secrets import drop_secrets

DEFAULT_CACHE_DIR = Path(".screener-cache")


def without_secrets(value: Any) -> Any:
    """``value`` with every mapping key that names a secret removed and credentials in strings masked
    (``util.secrets.drop_secrets``: ``max_tokens`` and ``author`` stay, so they still change the identity)."""
    return drop_secrets(value)


def digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str, ensure_ascii=False).encode()).hexdigest()


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the code and prompts that turn a transcript into a scorecard (not the eval harness itself)."""
    pkg = REPO_ROOT / "screener"
    h = hashlib.sha256()
    files = [p for p in sorted(pkg.rglob("*.py")) if not {"evals", "commands", "web", "testing"} & set(p.parts)]
    files += sorted(p for p in prompts_dir().rglob("*") if p.is_file())
    for p in files:
        h.update(str(p.relative_to(p.anchor)).encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


class DiskCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.hits = 0
        self.misses = 0

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, identity: dict[str, Any]) -> dict[str, Any] | None:
        path = self._path(digest(identity))
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            self.misses += 1
            return None
        self.hits += 1
        return data

    def put(self, identity: dict[str, Any], answer: dict[str, Any]) -> None:
        path = self._path(digest(identity))
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(answer, f, ensure_ascii=False)
            os.replace(tmp, path)
        except OSError:
            Path(tmp).unlink(missing_ok=True)
            raise
