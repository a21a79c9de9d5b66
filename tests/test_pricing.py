"""Cost estimates from the price table, with snapshot names, cache discounts and option overrides."""

from __future__ import annotations

import pytest

from screener.providers import ProviderOptions, Usage
from screener.providers.pricing import PRICES, estimate_cost, lookup

MILLION = 1_000_000


def test_known_model_costs_input_plus_output():
    cost = estimate_cost("gpt-4o-mini", Usage(input_tokens=MILLION, output_tokens=MILLION))
    assert cost == pytest.approx(0.15 + 0.60)


def test_cached_input_is_billed_at_the_cached_price():
    full = estimate_cost("claude-sonnet-4-5", Usage(input_tokens=MILLION, output_tokens=0))
    cached = estimate_cost("claude-sonnet-4-5", Usage(input_tokens=MILLION, output_tokens=0, cached_input_tokens=MILLION // 2))
    assert full == pytest.approx(3.00)
    assert cached == pytest.approx(1.50 + 0.15)


@pytest.mark.parametrize(
    "model, key",
    [
        ("claude-sonnet-4-5-20250929", "claude-sonnet-4-5"),
        ("gpt-4o-2024-08-06", "gpt-4o"),
        ("gpt-4o-mini-2024-07-18", "gpt-4o-mini"),
        ("claude-3-5-haiku-latest", "claude-3-5-haiku"),
        ("openai/gpt-4.1-mini", "gpt-4.1-mini"),
        ("GPT-5", "gpt-5"),
    ],
)
def test_dated_snapshots_and_vendor_prefixes_find_the_base_price(model, key):
    assert lookup(model) == PRICES[key]


@pytest.mark.parametrize("model", ["llama3.1:8b", "o3-pro", "gpt-5.4", "", "claude-opus-4-6"])
def test_unknown_models_cost_none_not_a_guess(model):
    assert estimate_cost(model, Usage(input_tokens=1000, output_tokens=1000)) is None


def test_options_give_prices_for_unknown_models():
    opts = ProviderOptions(input_price_per_mtok=0.5, output_price_per_mtok=1.5)
    assert estimate_cost("llama3.1:8b", Usage(input_tokens=2 * MILLION, output_tokens=MILLION), opts) == pytest.approx(2.5)
    # without a cache discount known, cached tokens cost the full input price
    usage = Usage(input_tokens=MILLION, output_tokens=0, cached_input_tokens=MILLION)
    assert estimate_cost("llama3.1:8b", usage, opts) == pytest.approx(0.5)


def test_one_price_is_not_enough_for_an_unknown_model():
    opts = ProviderOptions(input_price_per_mtok=0.5)
    assert estimate_cost("llama3.1:8b", Usage(input_tokens=10, output_tokens=10), opts) is None


def test_options_override_the_table_and_keep_its_cache_discount():
    opts = ProviderOptions(input_price_per_mtok=10.0)
    usage = Usage(input_tokens=MILLION, output_tokens=MILLION, cached_input_tokens=MILLION)
    # gpt-4o: cached input is half the input price; output stays at the table's 10.00
    assert estimate_cost("gpt-4o", usage, opts) == pytest.approx(5.0 + 10.0)
    free = ProviderOptions(input_price_per_mtok=0, output_price_per_mtok=0)
    assert estimate_cost("gpt-4o", usage, free) == 0


def test_zero_usage_costs_zero_and_inconsistent_counts_are_clamped():
    assert estimate_cost("gpt-4o", Usage()) == 0
    odd = Usage(input_tokens=100, output_tokens=0, cached_input_tokens=500)
    assert estimate_cost("gpt-4o", odd) == pytest.approx(100 * 1.25 / MILLION)


def test_every_table_entry_is_sane():
    for name, price in PRICES.items():
        assert 0 < price.input <= 100 and 0 < price.output <= 200, name
        assert price.cached_input <= price.input and price.output >= price.input, name
