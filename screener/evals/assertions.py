"""promptfoo's deterministic assertions, scored as promptfoo scores them.

Each assertion gives ``{pass, score, reason, assertion}``; ``not-`` inverts it; ``weight`` weighs its score in the
test's score (weight 0: reported, never fails the test); ``metric`` names a score; a test ``threshold`` passes the
test on its weighted score instead of requiring every assertion to pass. Types screener cannot run (javascript,
model-graded ones, ...) raise ``UnsupportedAssertion``: the runner reports that test as an error.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import yaml

from ..util.templates import environment
from .config import Assertion
from .pyscript import inline_function, load_function, normalize, split_ref
from .schema_check import schema_errors


class UnsupportedAssertion(Exception):
    """An assertion type screener does not run (it needs JavaScript, a grading model, ...)."""


@dataclass
class AssertContext:
    output: str
    vars: dict[str, Any]
    prompt: str
    test: dict[str, Any]
    provider: dict[str, Any]
    provider_response: dict[str, Any]
    latency_ms: int | None
    cost: float | None
    base_dir: Path
    extra: dict[str, Any] = field(default_factory=dict)


_ENV = environment()


def render_value(value: Any, vars_: dict[str, Any]) -> Any:
    """Assertion values are templates over the test's vars, as in promptfoo (plain ``{{ var }}``)."""
    if isinstance(value, str) and not value.startswith("file://") and ("{{" in value or "{%" in value):
        return _ENV.from_string(value).render(**vars_)
    if isinstance(value, list):
        return [render_value(v, vars_) for v in value]
    return value


def _result(ok: bool, assertion: dict[str, Any], fail_reason: str, score: float | None = None) -> dict[str, Any]:
    return {"pass": ok, "score": (1.0 if ok else 0.0) if score is None else score,
            "reason": "Assertion passed" if ok else fail_reason, "assertion": assertion}


def _list_value(value: Any, kind: str) -> list[str]:
    if isinstance(value, str):
        return [v.strip().strip('"') for v in re.split(r",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", value) if v.strip()]
    if isinstance(value, list) and value:
        return [str(v) for v in value]
    raise ValueError(f'"{kind}" assertion type must have a list value')


def _schema(value: Any, base_dir: Path) -> Any:
    if isinstance(value, str):
        if value.startswith("file://"):
            path = base_dir / value[7:]
            text = path.read_text(encoding="utf-8")
            return json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
        return yaml.safe_load(value)
    return value


def json_objects(text: str) -> list[Any]:
    """Every JSON object or array embedded in ``text``, left to right."""
    decoder = json.JSONDecoder()
    out, i = [], 0
    while i < len(text):
        if text[i] in "{[":
            try:
                obj, end = decoder.raw_decode(text, i)
            except json.JSONDecodeError:
                i += 1
                continue
            out.append(obj)
            i = end
        else:
            i += 1
    return out


Check = Callable[["Assertion", Any, bool, "AssertContext", dict[str, Any]], dict[str, Any]]
_CHECKS: dict[str, Check] = {}


def check(*types: str) -> Callable[[Check], Check]:
    """Register the function that runs these assertion types (``not-`` forms are derived)."""
    def register(fn: Check) -> Check:
        for t in types:
            _CHECKS[t] = fn
        return fn
    return register


def _neg(inverse: bool) -> str:
    return "not " if inverse else ""


@check("equals")
def _equals(a: Assertion, value: Any, inverse: bool, ctx: AssertContext, spec: dict[str, Any]) -> dict[str, Any]:
    out = ctx.output
    if isinstance(value, dict | list):
        try:
            same = json.loads(out) == value
        except json.JSONDecodeError:
            same = False
        value_s = json.dumps(value)
    else:
        same, value_s = str(value) == out, str(value)
    return _result(same != inverse, spec, f'Expected output "{out[:200]}" to {_neg(inverse)}equal "{value_s[:200]}"')


@check("contains", "icontains")
def _contains(a: Assertion, value: Any, inverse: bool, ctx: AssertContext, spec: dict[str, Any]) -> dict[str, Any]:
    if not isinstance(value, str | int | float) or value == "":
        raise ValueError(f'"{a.type}" assertion type must have a string or number value')
    fold = a.type.removeprefix("not-") == "icontains"
    hay, needle = (ctx.output.lower(), str(value).lower()) if fold else (ctx.output, str(value))
    return _result((needle in hay) != inverse, spec, f'Expected output to {_neg(inverse)}contain "{value}"')


@check("contains-any", "icontains-any", "contains-all", "icontains-all")
def _contains_list(a: Assertion, value: Any, inverse: bool, ctx: AssertContext,
                   spec: dict[str, Any]) -> dict[str, Any]:
    base = a.type.removeprefix("not-")
    items = _list_value(value, base)
    fold = base.startswith("i")
    hay = ctx.output.lower() if fold else ctx.output
    found = [v for v in items if (v.lower() if fold else v) in hay]
    if base.endswith("any"):
        return _result(bool(found) != inverse, spec,
                       f'Expected output to {_neg(inverse)}contain one of "{", ".join(items)}"')
    missing = [v for v in items if v not in found]
    return _result((not missing) != inverse, spec, f"Expected output to {_neg(inverse)}contain all of "
                                                   f"[{', '.join(items)}]. Missing: [{', '.join(missing)}]")


@check("regex")
def _regex(a: Assertion, value: Any, inverse: bool, ctx: AssertContext, spec: dict[str, Any]) -> dict[str, Any]:
    if not isinstance(value, str) or not value:
        raise ValueError('"regex" assertion type must have a string value')
    try:
        hit = re.search(value, ctx.output) is not None
    except re.error as e:
        return _result(False, spec, f"Invalid regex pattern: {e}")
    return _result(hit != inverse, spec, f'Expected output to {_neg(inverse)}match regex "{value}"')


@check("starts-with")
def _starts_with(a: Assertion, value: Any, inverse: bool, ctx: AssertContext, spec: dict[str, Any]) -> dict[str, Any]:
    if not isinstance(value, str) or not value:
        raise ValueError('"starts-with" assertion type must have a string value')
    return _result(ctx.output.startswith(value) != inverse, spec,
                   f'Expected output to {_neg(inverse)}start with "{value}"')


@check("is-json")
def _is_json(a: Assertion, value: Any, inverse: bool, ctx: AssertContext, spec: dict[str, Any]) -> dict[str, Any]:
    try:
        parsed = json.loads(ctx.output)
    except json.JSONDecodeError:
        return _result(inverse, spec, f"Expected output to {_neg(inverse)}be valid JSON")
    if not value:
        return _result(not inverse, spec, f"Expected output to {_neg(inverse)}be valid JSON")
    errs = schema_errors(parsed, _schema(value, ctx.base_dir))
    return _result((not errs) != inverse, spec, "Output is JSON that conforms to the provided schema" if inverse else
                   f"JSON does not conform to the provided schema. Errors: {'; '.join(errs[:5])}")


@check("contains-json")
def _contains_json(a: Assertion, value: Any, inverse: bool, ctx: AssertContext,
                   spec: dict[str, Any]) -> dict[str, Any]:
    objs = json_objects(ctx.output)
    if not value:
        return _result(bool(objs) != inverse, spec, f"Expected output to {_neg(inverse)}contain valid JSON")
    schema = _schema(value, ctx.base_dir)
    errs_per = [schema_errors(o, schema) for o in objs]
    valid = any(not e for e in errs_per)
    detail = "; ".join(next((e for e in errs_per if e), ["no JSON found"])[:5])
    return _result(valid != inverse, spec, "Output contains JSON conforming to the provided schema" if inverse
                   else f"JSON does not conform to the provided schema. Errors: {detail}")


def _at_most(a: Assertion, inverse: bool, spec: dict[str, Any], measured: float | None, what: str,
             shown: str, unit: str, missing: str) -> dict[str, Any]:
    """``measured <= threshold`` (inverted by ``not-``), as promptfoo's latency and cost assertions."""
    if a.threshold is None:
        raise ValueError(f"{what} assertion must have a threshold{' in milliseconds' if unit else ''}")
    if measured is None:
        return _result(False, spec, missing)
    ok = (measured <= a.threshold) != inverse
    return _result(ok, spec, f"{what} {shown} is {'less than or equal to' if inverse else 'greater than'} "
                             f"threshold {a.threshold:g}{unit}")


@check("latency")
def _latency(a: Assertion, value: Any, inverse: bool, ctx: AssertContext, spec: dict[str, Any]) -> dict[str, Any]:
    return _at_most(a, inverse, spec, ctx.latency_ms, "Latency", f"{ctx.latency_ms}ms", "ms",
                    "Latency assertion does not support cached results; rerun with --no-cache")


@check("cost")
def _cost(a: Assertion, value: Any, inverse: bool, ctx: AssertContext, spec: dict[str, Any]) -> dict[str, Any]:
    return _at_most(a, inverse, spec, ctx.cost, "Cost", f"{ctx.cost:.2g}" if ctx.cost is not None else "",
                    "", "Cost assertion needs a provider that reports cost")


@check("python")
def _python(a: Assertion, value: Any, inverse: bool, ctx: AssertContext, spec: dict[str, Any]) -> dict[str, Any]:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("python assertion must have a string value")
    context = {"prompt": ctx.prompt, "vars": ctx.vars, "test": ctx.test, "provider": ctx.provider,
               "providerResponse": ctx.provider_response}
    if a.config is not None:
        context["config"] = dict(a.config)
    try:
        if value.startswith("file://"):
            file, name = split_ref(value[7:], "get_assert")
            fn: Callable[..., Any] = load_function(ctx.base_dir / file, name)
        else:
            fn = inline_function(value)
        return normalize(spec, fn(ctx.output, context), inverse, a.threshold)
    except Exception as e:  # the user's code failed: the assertion fails with the reason, as in promptfoo
        return {"pass": False, "score": 0.0, "reason": f"Python code execution failed: {type(e).__name__}: {e}",
                "assertion": spec}


def supported() -> tuple[str, ...]:
    """The assertion types screener runs (each also as ``not-TYPE``), derived from the registry."""
    return tuple(_CHECKS)


def run_assertion(a: Assertion, ctx: AssertContext) -> dict[str, Any]:
    inverse = a.type.startswith("not-")
    base = a.type[4:] if inverse else a.type
    fn = _CHECKS.get(base)
    if fn is None:
        raise UnsupportedAssertion(f"assertion type {a.type!r} is not supported by screener "
                                   f"(supported: {', '.join(supported())}); run it in promptfoo")
    if a.transform:
        raise UnsupportedAssertion(f"assertion {a.type!r}: 'transform' is not supported by screener")
    try:
        value = render_value(a.value, ctx.vars)
    except jinja2.UndefinedError as e:
        return _result(False, {"type": a.type, "value": a.value}, f"assertion value: {e.message}")
    try:
        spec = a.model_dump(by_alias=True, exclude_none=True, exclude_defaults=True) | {"type": a.type}
        result = fn(a, value, inverse, ctx, spec)
    except (ValueError, OSError) as e:
        result = _result(False, {"type": a.type, "value": a.value}, f"{type(e).__name__}: {e}")
    if a.weight == 0:  # reported, never gating: the real outcome stays visible as ``checkPassed``
        result = {**result, "pass": True, "gating": False, "checkPassed": bool(result["pass"])}
    return result


def run_assertions(asserts: list[Assertion], threshold: float | None, ctx: AssertContext) -> dict[str, Any]:
    """The test's grading result: weighted score, pass, reason, named scores and every component."""
    if not asserts:
        return {"pass": True, "score": 1.0, "reason": "No assertions", "namedScores": {}, "componentResults": []}
    total = weight_sum = 0.0
    failed: str | None = None
    components = []
    named: dict[str, float] = {}
    named_w: dict[str, float] = {}
    for a in asserts:
        r = run_assertion(a, ctx)
        components.append(r)
        total += r["score"] * a.weight
        weight_sum += a.weight
        if a.metric:
            metric = render_value(a.metric, ctx.vars) if "{{" in a.metric else a.metric
            named[metric] = named.get(metric, 0.0) + r["score"] * a.weight
            named_w[metric] = named_w.get(metric, 0.0) + a.weight
        if not r["pass"]:
            failed = r["reason"]
    score = total / weight_sum if weight_sum > 0 else 0.0
    ok, reason = failed is None, failed or "All assertions passed"
    if threshold is not None:
        ok = score >= threshold
        reason = f"Aggregate score {score:.2f} {'≥' if ok else '<'} {threshold:g} threshold"
    named_scores = {k: (v / named_w[k] if named_w[k] > 0 else 0.0) for k, v in named.items()}
    out: dict[str, Any] = {"pass": ok, "score": score, "reason": reason, "namedScores": named_scores,
                           "componentResults": components}
    if named_w:
        out["namedScoreWeights"] = named_w
    return out


SUPPORTED: tuple[str, ...] = supported()  # every registered type; run_assertion reads the registry itself
