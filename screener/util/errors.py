"""One-line messages for the errors that come from files and models: pydantic, YAML, ``OSError``.

- ``loc_path(("messages", 3, "text"))`` -> ``messages[3].text``: the one location format.
- ``validation_message(e)`` -> ``messages[3].text: Input should be a valid string`` (the first error; an
  unknown key names the allowed keys when given).
- ``flag_message(e)`` -> ``--samples: Input should be less than or equal to 9`` (options built from flags).
- ``yaml_message(e)`` -> ``line 3, column 5: mapping values are not allowed here``.
- ``os_error_text(e)`` -> ``Permission denied`` (the strerror, else the exception text, on one line).
- ``one_line(text)`` -> ``text`` with every run of whitespace (newlines included) made one space.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from pydantic import ValidationError


def one_line(text: str, limit: int | None = None) -> str:
    """``text`` on one line (whitespace runs -> one space), cut to ``limit`` characters with an ellipsis."""
    flat = " ".join(str(text).split())
    if limit is not None and len(flat) > limit:
        return flat[: max(0, limit - 1)] + "…"
    return flat


def loc_path(loc: Sequence[Any]) -> str:
    """A pydantic error location as one path: ``a.b[0].c``; ``(root)`` when empty."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(root)"


def validation_message(e: ValidationError, *, allowed: Iterable[str] | None = None,
                       within: Sequence[Any] = ()) -> str:
    """The first error of ``e`` as ``path: message``; ``within`` is where the validated value sits in its file
    (``("tests", 3)`` gives ``tests[3].vars: ...``)."""
    err = e.errors()[0]
    msg = err.get("msg", "invalid")
    if err.get("type") == "extra_forbidden":
        msg = "unknown key" + (f" (allowed: {', '.join(allowed)})" if allowed is not None else "")
    return one_line(f"{loc_path((*within, *err.get('loc', ())))}: {msg}")


def validation_messages(e: ValidationError, limit: int = 12) -> list[str]:
    """Every error of ``e`` (up to ``limit``) as ``path: message``."""
    return [one_line(f"{loc_path(err.get('loc', ()))}: {err.get('msg', 'invalid')}") for err in e.errors()[:limit]]


def flag_message(e: ValidationError) -> str:
    """The first error of options built from command-line flags: ``--flag-name: message``."""
    err = e.errors()[0]
    loc = err.get("loc", ())
    flag = "--" + str(loc[0]).replace("_", "-") if loc else "options"
    return one_line(f"{flag}: {err.get('msg', 'invalid')}")


def yaml_message(e: Exception) -> str:
    """A YAML error as ``line L, column C: problem`` (1-based), else its text on one line."""
    mark = getattr(e, "problem_mark", None)
    problem = getattr(e, "problem", None) or getattr(e, "context", None)
    if mark is not None:
        where = f"line {mark.line + 1}, column {mark.column + 1}"
        return one_line(f"{where}: {problem}" if problem else where)
    return one_line(str(e)) or type(e).__name__


def os_error_text(e: OSError) -> str:
    """What went wrong, for a person: ``Permission denied``, ``No space left on device``..."""
    return one_line(e.strerror or str(e)) or type(e).__name__
