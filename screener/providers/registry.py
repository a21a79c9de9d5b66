"""Provider ids (promptfoo-style) -> factories that import their SDK only when used."""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable

from ..errors import UsageError
from .base import Provider, ProviderOptions
from .heavy_imports import paused_collector

Factory = Callable[[str, str, ProviderOptions], Provider]
"""(api, model, options) -> Provider; ``api`` is e.g. 'messages', 'chat', 'responses' or ''."""

# name -> "module:function"; imported lazily so the CLI starts fast.
_FACTORIES: dict[str, str] = {
    "offline": "screener.providers.offline:create",
    "fake": "screener.providers.fake:create",
    "anthropic": "screener.providers.anthropic_api:create",
    "openai": "screener.providers.openai_api:create",
    "ollama": "screener.providers.openai_api:create_ollama",
}
_REGISTERED: dict[str, Factory] = {}
"""Factories put here directly win over ``_FACTORIES``: the seam tests use (``monkeypatch.setitem``)."""


def provider_names() -> list[str]:
    return sorted(set(_FACTORIES) | set(_REGISTERED))


def parse_provider_id(provider_id: str) -> tuple[str, str, str]:
    """``anthropic:messages:claude-x`` -> ('anthropic', 'messages', 'claude-x');
    ``openai:gpt-4o`` -> ('openai', 'chat', 'gpt-4o'); ``offline`` -> ('offline', '', '')."""
    name, _, rest = provider_id.partition(":")
    if not name:
        raise UsageError(f"empty provider id; use one of: {', '.join(provider_names())}")
    if name in ("offline",):
        return name, "", rest
    if name == "fake":
        return name, "", rest
    api, sep, model = rest.partition(":")
    defaults = {"anthropic": "messages", "openai": "chat", "ollama": "chat"}
    if not sep:
        # "openai:gpt-4o" -> default api
        api, model = defaults.get(name, ""), rest
    return name, api, model


def _factory(name: str) -> Factory:
    if name in _REGISTERED:
        return _REGISTERED[name]
    target = _FACTORIES.get(name)
    if target is None:
        raise UsageError(f"unknown provider '{name}'; use one of: {', '.join(provider_names())}")
    module, _, func = target.partition(":")
    return getattr(importlib.import_module(module), func)


_LOCK = threading.Lock()
_PRELOADS: dict[str, threading.Thread] = {}
"""module -> the thread importing it: a second preload of the same module (the command line's early one, then
the command's own) waits on the first instead of starting another"""


def preload(provider_id: str) -> threading.Thread | None:
    """Start importing the module (and so the SDK) of ``provider_id``'s provider in a background thread and return
    the thread (None when there is nothing to import: an unknown name, or a factory registered directly).

    ``import anthropic`` alone takes seconds; a command that knows its provider early starts this first and does
    its other start-up work meanwhile. ``get_provider`` then finds the module imported (or waits for the import
    to finish); an import that fails raises there, as it would have without the preload. The import runs with
    the cycle collector paused and what it made frozen after (``paused_collector``)."""
    name = provider_id.partition(":")[0]
    target = _FACTORIES.get(name)
    if not target or name in _REGISTERED:
        return None
    module = target.partition(":")[0]
    with _LOCK:
        thread = _PRELOADS.get(module)
        if thread is not None:
            return thread

        def run() -> None:
            try:
                with paused_collector():
                    importlib.import_module(module)
            except BaseException:  # noqa: BLE001 - get_provider imports it again and raises the error itself
                pass

        thread = _PRELOADS[module] = threading.Thread(target=run, name=f"screener-import-{name}", daemon=True)
        thread.start()
    return thread



def get_provider(provider_id: str, options: ProviderOptions | None = None) -> Provider:
    """Build the provider for an id such as ``offline`` or ``openai:chat:gpt-4o-mini``."""
    name, api, model = parse_provider_id(provider_id)
    return _factory(name)(api, model, options or ProviderOptions())
