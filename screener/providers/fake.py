"""``fake``: a scripted provider with a queue of outputs and a record of calls.

In tests: ``FakeProvider(["{...}", ProviderError(...), {...}])``. From the command line:
``--provider fake:answers.jsonl`` replays one answer per line (a JSON list file works too). When the queue runs
out the provider fails loudly (a script that asked for too few answers is a mistake), unless it was made with
``repeat=True`` (``--provider fake:repeat:answers.jsonl``), which repeats the last answer.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..errors import InputError
from .base import GenerateRequest, Generation, Provider, ProviderOptions, Usage

Output = str | dict | BaseModel | BaseException | Callable[[GenerateRequest], Any]


class FakeProvider(Provider):
    name = "fake"
    remote = True  # behaves like a remote model: redaction applies, so tests can see what would leave
    structured_output = False

    def __init__(self, outputs: Iterable[Output] = (), *, model: str = "fake-model",
                 options: ProviderOptions | None = None, remote: bool = True, repeat: bool = False) -> None:
        super().__init__(model, options or ProviderOptions())
        self.outputs: list[Output] = list(outputs)
        self.repeat = repeat
        self.calls: list[GenerateRequest] = []
        self.remote = remote

    async def generate(self, request: GenerateRequest) -> Generation:
        self.calls.append(request)
        if not self.outputs:
            raise InputError(f"the fake provider ran out of scripted answers after {len(self.calls) - 1} call(s); "
                             "script more, or repeat the last one with fake:repeat:FILE")
        out = self.outputs.pop(0) if len(self.outputs) > 1 or not self.repeat else self.outputs[0]
        if callable(out) and not isinstance(out, type):
            out = out(request)
        if isinstance(out, BaseException):
            raise out
        stop = None
        if isinstance(out, BaseModel):
            text = out.model_dump_json()
        elif isinstance(out, dict):
            stop = out.pop("__stop_reason__", None) if "__stop_reason__" in out else None
            text = json.dumps(out)
        else:
            text = str(out)
        words = sum(len(m.content.split()) for m in request.messages) + len(request.system.split())
        return Generation(text=text, model=self.model, stop_reason=stop,
                          usage=Usage(input_tokens=words, output_tokens=len(text.split())))


def _load_outputs(path: str) -> list[Output]:
    file = Path(path)
    try:
        raw = file.read_text(encoding="utf-8")
    except OSError as e:
        raise InputError(f"{path}: cannot read fake outputs ({e.strerror}); give --provider fake:FILE.jsonl") from e
    raw_s = raw.strip()
    if raw_s.startswith("["):
        try:
            items = json.loads(raw_s)
        except json.JSONDecodeError as e:
            raise InputError(f"{path}: not valid JSON ({e.msg} at line {e.lineno})") from e
        return [json.dumps(i) if not isinstance(i, str) else i for i in items]
    return [line for line in raw.splitlines() if line.strip()]


def create(api: str, model: str, options: ProviderOptions) -> Provider:
    if not model:
        raise InputError("the fake provider needs scripted answers: --provider fake:ANSWERS.jsonl (one JSON per line)")
    repeat = model.startswith("repeat:")
    path = model[len("repeat:"):] if repeat else model
    outputs = _load_outputs(path)
    if not outputs:
        raise InputError(f"{path}: no answers in the file")
    return FakeProvider(outputs, model=Path(path).name, options=options, repeat=repeat)
