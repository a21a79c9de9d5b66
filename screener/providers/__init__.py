"""The provider seam: one small interface (``Provider.generate``) and a registry of ids."""

from .base import GenerateRequest, Generation, Message, Provider, ProviderOptions, Usage
from .registry import get_provider, parse_provider_id, preload, provider_names

__all__ = [
    "GenerateRequest",
    "Generation",
    "Message",
    "Provider",
    "ProviderOptions",
    "Usage",
    "get_provider",
    "parse_provider_id",
    "preload",
    "provider_names",
]
