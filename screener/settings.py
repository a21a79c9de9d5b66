"""Which provider runs by default, and provider options from flags or an options file."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .errors import ConfigError
from .providers import ProviderOptions
from .util.errors import validation_message

DEFAULT_ANTHROPIC_MODEL = "claude-sonnet-4-6"  # 4-5 is deprecated in the installed SDK
DEFAULT_OPENAI_MODEL = "gpt-4.1-mini"


def default_provider() -> tuple[str, str]:
    """(provider id, why): SCREENER_PROVIDER, else a configured API key, else the offline grader."""
    if os.environ.get("SCREENER_PROVIDER"):
        return os.environ["SCREENER_PROVIDER"], "from SCREENER_PROVIDER"
    if os.environ.get("ANTHROPIC_API_KEY"):
        return f"anthropic:messages:{DEFAULT_ANTHROPIC_MODEL}", "ANTHROPIC_API_KEY is set"
    if os.environ.get("OPENAI_API_KEY"):
        return f"openai:chat:{DEFAULT_OPENAI_MODEL}", "OPENAI_API_KEY is set"
    return "offline", "no API key is set"


def load_options_file(path: Path) -> dict[str, Any]:
    from .util.files import read_yaml

    data: dict[str, Any] = read_yaml(path, what="options file", expect=dict,
                                     expected="a mapping of option: value")
    return data


def build_options(file: Path | None = None, **flags: Any) -> ProviderOptions:
    """Options file first, then flags that were given; unknown keys name the file and the key."""
    data = load_options_file(file) if file else {}
    data.update({k: v for k, v in flags.items() if v is not None})
    try:
        return ProviderOptions.model_validate(data)
    except ValidationError as e:
        where = str(file) if file else "options"
        message = validation_message(e, allowed=ProviderOptions.model_fields).replace(": unknown key", ": unknown option", 1)
        raise ConfigError(f"{where}: {message}") from e
