"""Only what was said: flag a scorecard whose text judges a personal attribute instead of evidence."""

from __future__ import annotations

import re

_ATTRIBUTES = re.compile(
    r"\b(?:accent(?:ed)?|tone of voice|his tone|her tone|their tone|sounded (?:nervous|confident|young|old)|nervous|"
    r"emotional|confidence level|age|aged|young|elderly|older (?:candidate|man|woman)|gender|male|female|woman|man|"
    r"ethnic(?:ity)?|race|racial|nationality|native speaker|non-native|foreign|immigrant|religio(?:n|us)|pregnan\w*|"
    r"disabilit(?:y|ies)|disabled|married|children|mother|father|culture fit|cultural fit|attractive)\b",
    re.I,
)


def personal_attribute_mentions(*texts: str) -> list[str]:
    """The personal-attribute terms found in the given texts, lower-cased, without duplicates."""
    found: list[str] = []
    for text in texts:
        for m in _ATTRIBUTES.finditer(text):
            term = m.group(0).lower()
            if term not in found:
                found.append(term)
    return found
