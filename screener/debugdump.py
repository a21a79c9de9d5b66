"""``--dump DIR``: everything a prompt engineer needs to see what was sent and what came back."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .providers.base import GenerateRequest, Generation, Provider


class RecordingProvider(Provider):
    """Wraps a provider and keeps every request and raw answer."""

    def __init__(self, inner: Provider) -> None:
        super().__init__(inner.model, inner.options)
        self.inner = inner
        self.name = inner.name  # type: ignore[misc]
        self.remote = inner.remote  # type: ignore[misc]
        self.structured_output = inner.structured_output  # type: ignore[misc]
        self.exchanges: list[tuple[GenerateRequest, Generation | None, str | None]] = []

    @property
    def id(self) -> str:
        return self.inner.id

    async def generate(self, request: GenerateRequest) -> Generation:
        try:
            gen = await self.inner.generate(request)
        except Exception as e:
            self.exchanges.append((request, None, f"{type(e).__name__}: {e}"))
            raise
        self.exchanges.append((request, gen, None))
        return gen

    async def aclose(self) -> None:
        await self.inner.aclose()


def write_dump(folder: Path, recorder: RecordingProvider, scorecard_json: str | None) -> None:
    """system.md, then per call: request-N.json (messages + schema), answer-N.txt; scorecard.json."""
    folder.mkdir(parents=True, exist_ok=True)
    for i, (req, gen, error) in enumerate(recorder.exchanges, start=1):
        if i == 1:
            (folder / "system.md").write_text(req.system, encoding="utf-8")
        body = {
            "provider": recorder.id,
            "system_sha256_prefix": hashlib.sha256(req.system.encode()).hexdigest()[:12],
            "messages": [m.model_dump() for m in req.messages],
            "output_schema": req.output_type.model_json_schema(),
        }
        (folder / f"request-{i}.json").write_text(json.dumps(body, indent=2, ensure_ascii=False), encoding="utf-8")
        answer = gen.model_dump_json(indent=2) if gen else json.dumps({"error": error})
        (folder / f"answer-{i}.json").write_text(answer, encoding="utf-8")
    if scorecard_json is not None:
        (folder / "scorecard.json").write_text(scorecard_json, encoding="utf-8")
