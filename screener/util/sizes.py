"""Byte counts for people."""

from __future__ import annotations


def human_size(n: int) -> str:
    """``2.0 MB``, ``1.5 kB``, ``12 bytes`` (decimal units, as file managers show them)."""
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f} MB"
    if n >= 1_000:
        return f"{n / 1_000:.1f} kB"
    return f"{n} bytes"
