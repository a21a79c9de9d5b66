"""Reading a vendor's error body into a short phrase (each vendor nests its message differently)."""

from __future__ import annotations

from typing import Any

from ..util.errors import one_line


def message_of(body: Any, limit: int = 200) -> str:
    """The vendor's own words from an error body: ``message``, ``errors[].message``/``field``, or the text."""
    parts: list[str] = []
    if isinstance(body, dict):
        for key in ("message", "error", "error_description"):
            if isinstance(body.get(key), str):
                parts.append(body[key])
        info = body.get("errorInfo")
        if isinstance(info, dict) and isinstance(info.get("message"), str):
            parts.append(info["message"])
        errors = body.get("errors")
        if isinstance(errors, list):
            for e in errors[:3]:
                if isinstance(e, dict):
                    field = f"{e['field']}: " if isinstance(e.get("field"), str) else ""
                    parts.append(field + str(e.get("message", "")))
                elif isinstance(e, str):
                    parts.append(e)
    elif isinstance(body, str):
        parts.append(body)
    text = one_line("; ".join(p for p in parts if p.strip()))
    return text if len(text) <= limit else text[: limit - 1] + "…"
