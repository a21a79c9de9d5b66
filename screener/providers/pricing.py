"""Approximate API prices, to estimate what a grading cost.

USD per million tokens: (input, output, cached input). Approximate list prices as published by Anthropic and
OpenAI, checked 2025-11; they change, so ``--input-price-per-mtok`` / ``--output-price-per-mtok`` (ProviderOptions)
override the table. Anthropic's cache writes (1.25x input) are billed here as plain input: a small underestimate
on the first request of a batch. Models newer than the table (the SDKs list e.g. claude-opus-4-6 and gpt-5.4)
and local models (Ollama, llama.cpp) are unknown: ``None``, never a guess; pass the prices as options.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .base import ProviderOptions, Usage


class Price(NamedTuple):
    input: float
    output: float
    cached_input: float


PRICES: dict[str, Price] = {
    # Anthropic
    "claude-opus-4-5": Price(5.00, 25.00, 0.50),
    "claude-opus-4-1": Price(15.00, 75.00, 1.50),
    "claude-opus-4": Price(15.00, 75.00, 1.50),
    "claude-opus-4-0": Price(15.00, 75.00, 1.50),
    "claude-sonnet-4-5": Price(3.00, 15.00, 0.30),
    "claude-sonnet-4": Price(3.00, 15.00, 0.30),
    "claude-sonnet-4-0": Price(3.00, 15.00, 0.30),
    "claude-3-7-sonnet": Price(3.00, 15.00, 0.30),
    "claude-3-5-sonnet": Price(3.00, 15.00, 0.30),
    "claude-haiku-4-5": Price(1.00, 5.00, 0.10),
    "claude-3-5-haiku": Price(0.80, 4.00, 0.08),
    "claude-3-haiku": Price(0.25, 1.25, 0.03),
    # OpenAI
    "gpt-5": Price(1.25, 10.00, 0.125),
    "gpt-5-mini": Price(0.25, 2.00, 0.025),
    "gpt-5-nano": Price(0.05, 0.40, 0.005),
    "gpt-4.1": Price(2.00, 8.00, 0.50),
    "gpt-4.1-mini": Price(0.40, 1.60, 0.10),
    "gpt-4.1-nano": Price(0.10, 0.40, 0.025),
    "gpt-4o": Price(2.50, 10.00, 1.25),
    "gpt-4o-mini": Price(0.15, 0.60, 0.075),
    "o3": Price(2.00, 8.00, 0.50),
    "o3-mini": Price(1.10, 4.40, 0.55),
    "o4-mini": Price(1.10, 4.40, 0.275),
    "o1": Price(15.00, 60.00, 7.50),
}

_SNAPSHOT = re.compile(r"(-\d{8}|-\d{4}-\d{2}-\d{2}|-latest|@\d{8})$")


def lookup(model: str) -> Price | None:
    """The table's price for a model id, tolerating dated snapshots (``gpt-4o-2024-08-06``,
    ``claude-sonnet-4-5-20250929``, ``-latest``) and vendor prefixes (``openai/gpt-4o``)."""
    name = model.strip().lower().rsplit("/", 1)[-1]
    # No prefix matching: "o3-pro" is not priced like "o3"; an unknown variant is None, not a wrong number.
    return PRICES.get(_SNAPSHOT.sub("", name))


def price_for(model: str, options: ProviderOptions | None = None) -> Price | None:
    """The table's price with the options' overrides applied; None when input or output price is unknown."""
    table = lookup(model)
    opt_in = options.input_price_per_mtok if options else None
    opt_out = options.output_price_per_mtok if options else None
    input_price = opt_in if opt_in is not None else (table.input if table else None)
    output_price = opt_out if opt_out is not None else (table.output if table else None)
    if input_price is None or output_price is None:
        return None
    if table is None or (opt_in is not None and table.input == 0):
        cached = input_price
    elif opt_in is not None:
        cached = input_price * table.cached_input / table.input  # keep the table's cache discount
    else:
        cached = table.cached_input
    return Price(input_price, output_price, cached)


def estimate_cost(model: str, usage: Usage, options: ProviderOptions | None = None) -> float | None:
    """USD for ``usage`` on ``model``; None for a model the table does not know unless options give prices.

    ``usage.input_tokens`` counts all input tokens, ``cached_input_tokens`` the part read from the cache.
    """
    price = price_for(model, options)
    if price is None:
        return None
    cached = min(max(usage.cached_input_tokens, 0), max(usage.input_tokens, 0))
    fresh = max(usage.input_tokens, 0) - cached
    return (fresh * price.input + cached * price.cached_input + max(usage.output_tokens, 0) * price.output) / 1e6
