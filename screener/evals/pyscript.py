"""Python in eval configs: ``file://x.py:fn`` functions and inline ``python`` assertion code, run in-process.

Signatures are promptfoo's: an assertion is ``fn(output, context)`` (default name ``get_assert``), a provider is
``call_api(prompt, options, context)``. Inline assertion code is one expression, or a function body with
``return`` when it spans several lines. Results normalise as promptfoo normalises them.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import math
import re
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from ..errors import ConfigError

_MODULES: dict[tuple[str, int], ModuleType] = {}


def split_ref(ref: str, default: str) -> tuple[str, str]:
    """``x.py:fn`` -> ('x.py', 'fn'); ``x.py`` -> ('x.py', default)."""
    idx = ref.find(".py:")
    if idx >= 0:
        return ref[: idx + 3], ref[idx + 4 :]
    return ref, default


def load_function(path: Path, name: str) -> Callable[..., Any]:
    """The function ``name`` of the Python file at ``path`` (reloaded when the file changes)."""
    try:
        stamp = path.stat().st_mtime_ns
    except OSError as e:
        raise ConfigError(f"{path}: file not found; check the file:// path (relative to the config)") from e
    key = (str(path.resolve()), stamp)
    module = _MODULES.get(key)
    if module is None:
        mod_name = "screener_eval_" + hashlib.sha256(key[0].encode()).hexdigest()[:12]
        spec = importlib.util.spec_from_file_location(mod_name, path)
        if spec is None or spec.loader is None:
            raise ConfigError(f"{path}: not a Python file")
        module = importlib.util.module_from_spec(spec)
        folder = str(path.resolve().parent)
        added = folder not in sys.path
        if added:
            sys.path.insert(0, folder)
        try:
            spec.loader.exec_module(module)
        except Exception as e:  # a user's script: report it in one line
            raise ConfigError(f"{path}: import failed: {type(e).__name__}: {e}") from e
        finally:
            if added:
                sys.path.remove(folder)
        _MODULES[key] = module
    fn = getattr(module, name, None)
    if not callable(fn):
        raise ConfigError(f"{path}: no function {name!r}; define def {name}(...) or name another with file.py:fn")
    return fn


def inline_function(code: str) -> Callable[[Any, dict[str, Any]], Any]:
    """promptfoo's wrapper: one line -> ``return <line>``; several lines -> the function body."""
    code = code.rstrip()
    if "\n" in code:
        indent = re.search(r"^(?!\s*$)(\s+)", code, re.M)
        pad = indent.group(1) if indent else "    "
        body = "\n".join(pad + line for line in code.split("\n"))
    else:
        body = f"    return {code}"
    source = f"def main(output, context):\n{body}\n"
    namespace: dict[str, Any] = {"json": json, "math": math, "re": re}
    try:
        exec(compile(source, "<python assertion>", "exec"), namespace)  # noqa: S102 - the user's own eval code
    except SyntaxError as e:
        raise ValueError(f"syntax error in python assertion: {e.msg}") from e
    return namespace["main"]


def normalize(assertion: dict[str, Any], result: Any, inverse: bool, threshold: float | None) -> dict[str, Any]:
    """A script's bool / number / ``{pass, score, reason}`` / string -> a grading result (promptfoo's rules)."""
    if isinstance(result, str):
        low = result.strip().lower()
        if low in ("true", "false"):
            result = low == "true"
        elif result.strip().startswith("{"):
            result = json.loads(result)
        else:
            try:
                result = float(result)
            except ValueError as e:
                raise ValueError(f"must return a boolean, number or {{pass, score, reason}}; got {result[:80]!r}") from e
    if isinstance(result, bool):
        ok = result != inverse
        return {"pass": ok, "score": 1.0 if ok else 0.0,
                "reason": "Assertion passed" if ok else f"Python code returned {str(result).lower()}",
                "assertion": assertion}
    if isinstance(result, int | float):
        raw = result > 0 if threshold is None else result >= threshold
        ok = raw != inverse
        return {"pass": ok, "score": float(result),
                "reason": "Assertion passed" if ok else f"Python code returned {str(raw).lower()}",
                "assertion": assertion}
    if isinstance(result, dict):
        if "pass_" in result and "pass" not in result:
            result = {**result, "pass": result["pass_"]}
        if "pass" not in result:
            raise ValueError(f"must return a boolean, number or {{pass, score, reason}}; got keys {sorted(result)}")
        raw_pass = bool(result["pass"])
        score = float(result.get("score", 1.0 if raw_pass else 0.0))
        reason = str(result.get("reason") or "")
        if threshold is not None and score < threshold:
            raw_pass = False
            reason = f"Python score {score} is less than threshold {threshold}" + (f": {reason}" if reason else "")
        ok = raw_pass != inverse
        if ok != raw_pass:
            reason = "Assertion passed" if ok else f"Python code returned {str(raw_pass).lower()}"
        return {"pass": ok, "score": score, "reason": reason or ("Assertion passed" if ok else "failed"),
                "assertion": assertion}
    raise ValueError(f"must return a boolean, number or {{pass, score, reason}}; got {type(result).__name__}")
