"""promptfoo Python provider: grade the test's transcript with screener's grader.

    providers:
      - id: file://provider.py
        config: {grader: offline}        # or anthropic:messages:MODEL, openai:chat:MODEL, ...

It grades the var named by ``config.transcript_var`` (default ``transcript``; the rendered prompt when the var
is missing), parsed with the ``format`` / ``candidate`` / ``interviewer`` vars, against the rubric of the ``role``
var (else ``config.role``, else hybrid). The output is the scorecard JSON. ``screener eval`` runs this same file
in-process, so both tools grade identically.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any

_REPO = Path(__file__).resolve().parent.parent
if str(_REPO) not in sys.path:  # lets promptfoo's Python find screener without an install
    sys.path.insert(0, str(_REPO))

from screener.errors import ScreenerError  # noqa: E402
from screener.grading import GradeOptions, grade_async  # noqa: E402
from screener.parsing import parse_transcript  # noqa: E402
from screener.providers import ProviderOptions, get_provider  # noqa: E402


def _text(value: Any, prompt: str) -> str:
    if value is None:
        return prompt
    if isinstance(value, str) and value.startswith("file://"):  # not loaded by the caller: read it ourselves
        for base in (Path.cwd(), Path(__file__).resolve().parent):
            path = base / value[len("file://"):]
            if path.is_file():
                return path.read_text(encoding="utf-8").strip()
        raise FileNotFoundError(value)
    return str(value)


async def _grade(text: str, vars_: dict[str, Any], config: dict[str, Any]):
    transcript = parse_transcript(text, format=vars_.get("format"), candidate=vars_.get("candidate"),
                                  interviewer=vars_.get("interviewer"), source=str(vars_.get("id") or "transcript var"))
    # only the provider options: promptfoo adds its own keys (e.g. basePath) to the config
    options = ProviderOptions.model_validate({k: v for k, v in config.items() if k in ProviderOptions.model_fields})
    provider = get_provider(str(config.get("grader", "offline")), options)
    role = vars_.get("role") or config.get("role") or "hybrid"
    try:
        return await grade_async(transcript, provider, GradeOptions(role=role, samples=int(config.get("samples", 1)),
                                                                    redact=config.get("redact")))
    finally:
        await provider.aclose()


def call_api(prompt: str, options: dict[str, Any], context: dict[str, Any]) -> dict[str, Any]:
    config = dict((options or {}).get("config") or {})
    vars_ = dict((context or {}).get("vars") or {})
    try:
        text = _text(vars_.get(config.get("transcript_var", "transcript")), prompt)
        card = asyncio.run(_grade(text, vars_, config))
    except (ScreenerError, FileNotFoundError, ValueError) as e:
        return {"error": f"{type(e).__name__}: {e}"}
    g = card.grader
    result: dict[str, Any] = {
        "output": card.model_dump_json(),
        "tokenUsage": {"total": g.input_tokens + g.output_tokens, "prompt": g.input_tokens,
                       "completion": g.output_tokens, "cached": g.cached_input_tokens},
    }
    if g.cost_usd is not None:
        result["cost"] = g.cost_usd
    return result
