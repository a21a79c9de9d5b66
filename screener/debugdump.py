"""``--dump DIR``: everything a prompt engineer needs to see what was sent and what came back.

What was sent is written as sent (after redaction); what screener adds (the provider id, error texts, which
can carry a base URL with credentials) is scrubbed with ``util.secrets``. Files are owner-only and written
atomically; a folder that cannot be written is one ``UsageError`` line (``grade`` checks it before grading).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .errors import UsageError
from .providers.base import GenerateRequest, Generation, Provider, ProviderWrapper
from .util.errors import os_error_text
from .util.files import atomic_write_text
from .util.secrets import scrub


class RecordingProvider(ProviderWrapper):
    """Wraps a provider and keeps every request and raw answer."""

    def __init__(self, inner: Provider) -> None:
        super().__init__(inner)
        self.exchanges: list[tuple[GenerateRequest, Generation | None, str | None]] = []

    async def generate(self, request: GenerateRequest) -> Generation:
        try:
            gen = await self.inner.generate(request)
        except Exception as e:
            self.exchanges.append((request, None, scrub(f"{type(e).__name__}: {e}")))
            raise
        self.exchanges.append((request, gen, None))
        return gen


def write_dump(folder: Path, recorder: RecordingProvider, scorecard_json: str | None) -> None:
    """system.md, then per call: request-N.json (messages + schema), answer-N.json; scorecard.json."""
    try:
        _write(folder, recorder, scorecard_json)
    except OSError as e:
        raise UsageError(f"--dump {folder}: cannot write ({os_error_text(e)}); choose another folder") from None


def _write(folder: Path, recorder: RecordingProvider, scorecard_json: str | None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i, (req, gen, error) in enumerate(recorder.exchanges, start=1):
        if i == 1:
            atomic_write_text(folder / "system.md", req.system)
        body = {
            "provider": scrub(recorder.id),
            "system_sha256_prefix": hashlib.sha256(req.system.encode()).hexdigest()[:12],
            "messages": [m.model_dump() for m in req.messages],
            "output_schema": req.output_type.model_json_schema(),
        }
        atomic_write_text(folder / f"request-{i}.json", json.dumps(body, indent=2, ensure_ascii=False))
        answer = gen.model_dump_json(indent=2) if gen else json.dumps({"error": scrub(error or "")})
        atomic_write_text(folder / f"answer-{i}.json", answer)
    if scorecard_json is not None:
        atomic_write_text(folder / "scorecard.json", scorecard_json)
