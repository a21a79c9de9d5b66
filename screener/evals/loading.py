"""Load an eval config: YAML in promptfoo's format, with ``file://`` prompts, tests, defaultTest and vars.

``file://`` paths resolve against the config file's directory, as promptfoo resolves them (its base path is the
config's folder), also inside test files loaded from elsewhere. Var files load as text (trimmed, as promptfoo
does); ``.yaml``/``.yml`` var files load as JSON text. Problems raise ``ConfigError`` naming the file and key path.
"""

from __future__ import annotations

import csv
import glob
import io
import itertools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from ..errors import ConfigError
from ..util.errors import loc_path, validation_message
from .config import (
    IGNORED_PROMPTFOO_KEYS,
    TOP_LEVEL_KEYS,
    Assertion,
    EvaluateOptions,
    PromptSpec,
    ProviderSpec,
    ScreenerSettings,
    TestCase,
)


@dataclass
class LoadedTest:
    """One test case after defaultTest is merged; ``vars`` as written, ``resolved_vars`` with files loaded."""

    index: int
    case: TestCase
    resolved_vars: dict[str, Any]
    source: str

    @property
    def vars(self) -> dict[str, Any]:
        return self.case.vars

    @property
    def name(self) -> str:
        return self.case.description or f"test {self.index}"


@dataclass
class Suite:
    path: Path
    base_dir: Path
    description: str | None
    prompts: list[PromptSpec]
    providers: list[ProviderSpec]
    tests: list[LoadedTest]
    options: EvaluateOptions
    settings: ScreenerSettings
    raw: dict[str, Any]
    warnings: list[str] = field(default_factory=list)


_NON_PORTABLE = re.compile(r"\{%|\{\{[^}]*\|")


def read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as e:
        raise ConfigError(f"{path}: file not found; check the path") from e
    except OSError as e:
        raise ConfigError(f"{path}: cannot read ({e.strerror})") from e
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise ConfigError(f"{path}: not valid YAML{where}: {problem}") from e


def _validate(model: type[BaseModel], data: Any, where: str, prefix: str) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as e:
        raise ConfigError(f"{where}: {validation_message(e, within=(prefix,) if prefix else ())}") from e


def _strip_unknown(data: dict[str, Any], model: type[BaseModel], where: str, prefix: str,
                   warnings: list[str]) -> dict[str, Any]:
    known = set()
    for name, f in model.model_fields.items():
        known.add(name)
        if f.alias:
            known.add(f.alias)
    out = {}
    for k, v in data.items():
        if k in known:
            out[k] = v
        else:
            warnings.append(f"{where}: {loc_path([prefix, k]) if prefix else k}: unknown key, ignored")
    return out


def _file_ref(value: Any) -> str | None:
    return value[len("file://"):] if isinstance(value, str) and value.startswith("file://") else None


def _paths(base: Path, pattern: str, where: str, key: str) -> list[Path]:
    full = base / pattern
    if any(ch in pattern for ch in "*?["):
        found = sorted(Path(p) for p in glob.glob(str(full), recursive=True))
        if not found:
            raise ConfigError(f"{where}: {key}: no file matches {pattern!r} (relative to {base})")
        return found
    if not full.is_file():
        raise ConfigError(f"{where}: {key}: file not found: {pattern} (relative to {base})")
    return [full]


# ---------------------------------------------------------------- prompts and providers


def _prompts(raw: Any, base: Path, where: str) -> list[PromptSpec]:
    if raw is None:
        raise ConfigError(f"{where}: prompts: missing; add e.g. prompts: ['{{{{ transcript }}}}']")
    items = raw if isinstance(raw, list) else [raw]
    out: list[PromptSpec] = []
    for i, item in enumerate(items):
        key = f"prompts[{i}]"
        if isinstance(item, str):
            ref = _file_ref(item)
            if ref is None:
                out.append(PromptSpec(raw=item, label=item))
                continue
            for p in _paths(base, ref, where, key):
                if p.suffix in (".py", ".js", ".ts", ".mjs", ".cjs"):
                    raise ConfigError(f"{where}: {key}: prompt functions ({p.suffix}) are not supported by screener; "
                                      "use a text prompt")
                text = p.read_text(encoding="utf-8")
                out.append(PromptSpec(raw=text, label=item))
        elif isinstance(item, dict):
            data = dict(item)
            if "raw" not in data and isinstance(data.get("id"), str) and _file_ref(data["id"]):
                paths = _paths(base, _file_ref(data["id"]) or "", where, key)
                data["raw"] = paths[0].read_text(encoding="utf-8")
            data.setdefault("label", data.get("raw", ""))
            out.append(_validate(PromptSpec, data, where, key))
        else:
            raise ConfigError(f"{where}: {key}: expected a prompt string or a mapping with raw and label")
    if not out:
        raise ConfigError(f"{where}: prompts: empty; add at least one prompt")
    return out


def _providers(raw: Any, where: str, warnings: list[str]) -> list[ProviderSpec]:
    if raw is None:
        raise ConfigError(f"{where}: providers: missing; add e.g. providers: [offline]")
    if isinstance(raw, dict) and "id" not in raw:  # promptfoo's {provider_id: options} form
        raw = [{"id": k, **(v or {})} for k, v in raw.items()]
    items = raw if isinstance(raw, list) else [raw]
    out = []
    for i, item in enumerate(items):
        key = f"providers[{i}]"
        if isinstance(item, str):
            out.append(ProviderSpec(id=item))
        elif isinstance(item, dict):
            out.append(_validate(ProviderSpec, _strip_unknown(item, ProviderSpec, where, key, warnings), where, key))
        else:
            raise ConfigError(f"{where}: {key}: expected a provider id or a mapping with id and config")
    if not out:
        raise ConfigError(f"{where}: providers: empty; add at least one provider")
    return out


# ---------------------------------------------------------------- tests


def _csv_assertion(text: str) -> dict[str, Any]:
    """promptfoo's CSV ``__expected`` shorthand: ``contains: x``, ``not-regex: y``, ``python: expr``; else equals."""
    if text.startswith("python:"):
        return {"type": "python", "value": text[7:].strip()}
    if text.startswith("file://") and (text.endswith(".py") or ".py:" in text):
        return {"type": "python", "value": text}
    if text.startswith(("javascript:", "fn:", "eval:")):
        return {"type": "javascript", "value": text.split(":", 1)[1].strip()}
    if text.startswith(("grade:", "llm-rubric:")):
        return {"type": "llm-rubric", "value": text.split(":", 1)[1]}
    m = re.match(r"^(not-)?([a-z][a-z0-9-]*)(?:\((\d+(?:\.\d+)?)\))?:([\s\S]*)$", text)
    if m and m.group(2) in _CSV_TYPES:
        neg, kind, thr, value = m.groups()
        out: dict[str, Any] = {"type": f"{neg or ''}{kind}", "value": value.strip()}
        if kind in ("contains-any", "contains-all", "icontains-any", "icontains-all"):
            out["value"] = [v.strip() for v in value.split(",") if v.strip()]
        if thr is not None:
            out["threshold"] = float(thr)
        elif kind in ("cost", "latency", "starts-with"):
            out["threshold"] = 0.75
        return out
    return {"type": "equals", "value": text}


_CSV_TYPES = {"equals", "contains", "icontains", "contains-any", "contains-all", "icontains-any", "icontains-all",
              "regex", "starts-with", "is-json", "contains-json", "cost", "latency", "python", "javascript",
              "llm-rubric", "similar"}


def _csv_tests(path: Path) -> list[dict[str, Any]]:
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    tests = []
    for row in rows:
        test: dict[str, Any] = {"vars": {}, "assert": [], "metadata": {}}
        for key, value in row.items():
            key = (key or "").strip()
            value = value or ""
            if key.startswith("__expected"):
                if value.strip():
                    test["assert"].append(_csv_assertion(value.strip()))
            elif key == "__description":
                test["description"] = value
            elif key == "__threshold":
                if value.strip():
                    test["threshold"] = float(value)
            elif key == "__metric":
                for a in test["assert"]:
                    a.setdefault("metric", value)
            elif key.startswith("__metadata:"):
                if value.strip():
                    test["metadata"][key[11:]] = value
            elif key:
                test["vars"][key] = value
        tests.append(test)
    return tests


def _tests_from_file(path: Path, where: str, key: str) -> list[dict[str, Any]]:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _csv_tests(path)
    if suffix == ".jsonl":
        out = []
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                try:
                    out.append(json.loads(line))
                except json.JSONDecodeError as e:
                    raise ConfigError(f"{path}: line {n}: not valid JSON ({e.msg})") from e
        return out
    if suffix == ".json":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as e:
            raise ConfigError(f"{path}: not valid JSON ({e.msg} at line {e.lineno})") from e
    elif suffix in (".yaml", ".yml"):
        data = read_yaml(path)
    else:
        raise ConfigError(f"{where}: {key}: test files must be .yaml, .yml, .json, .jsonl or .csv (got {path.name})")
    if data is None:
        return []
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise ConfigError(f"{path}: expected a list of test cases")
    return data


def _raw_tests(raw: Any, base: Path, where: str) -> list[tuple[Any, str, str]]:
    """[(test mapping, file it came from, key path)]."""
    if raw is None:
        return []
    items = raw if isinstance(raw, list) else [raw]
    out: list[tuple[Any, str, str]] = []
    for i, item in enumerate(items):
        key = f"tests[{i}]"
        ref = _file_ref(item)
        if ref is None and isinstance(item, str):
            ref = item if item.endswith((".yaml", ".yml", ".json", ".jsonl", ".csv")) else None
            if ref is None:
                raise ConfigError(f"{where}: {key}: expected a test mapping or a file:// path to tests")
        if ref is not None:
            for p in _paths(base, ref, where, key):
                out += [(t, str(p), f"[{j}]") for j, t in enumerate(_tests_from_file(p, where, key))]
        else:
            out.append((item, where, key))
    return out


def _load_var_file(base: Path, ref: str, where: str, key: str) -> str:
    path = _paths(base, ref, where, key)[0]
    suffix = path.suffix.lower()
    if suffix in (".py", ".js", ".ts", ".mjs", ".cjs"):
        raise ConfigError(f"{where}: {key}: var scripts ({suffix}) are not supported by screener; give a text file")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise ConfigError(f"{where}: {key}: {path} is not UTF-8 text") from e
    if suffix in (".yaml", ".yml"):
        return json.dumps(yaml.safe_load(text))
    return text.strip()


def _expand(vars_: dict[str, Any]) -> list[dict[str, Any]]:
    """promptfoo runs one test per combination when a var is a list."""
    lists = {k: v for k, v in vars_.items() if isinstance(v, list)}
    if not lists:
        return [vars_]
    keys = list(lists)
    return [{**vars_, **dict(zip(keys, combo, strict=True))} for combo in itertools.product(*(lists[k] for k in keys))]


def _merge_default(default: dict[str, Any], test: dict[str, Any]) -> dict[str, Any]:
    merged = {**default, **test}
    merged["vars"] = {**(default.get("vars") or {}), **(test.get("vars") or {})}
    merged["assert"] = [*(default.get("assert") or []), *(test.get("assert") or [])]
    merged["metadata"] = {**(default.get("metadata") or {}), **(test.get("metadata") or {})}
    merged["options"] = {**(default.get("options") or {}), **(test.get("options") or {})}
    return merged


def _clean_test(data: Any, where: str, key: str, warnings: list[str]) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: {key}: expected a test mapping with vars and assert")
    data = _strip_unknown(data, TestCase, where, key, warnings)
    asserts = data.get("assert")
    if asserts is not None:
        if not isinstance(asserts, list):
            raise ConfigError(f"{where}: {loc_path([key, 'assert'])}: expected a list of assertions")
        cleaned = []
        for j, a in enumerate(asserts):
            akey = loc_path([key, "assert", j])
            if not isinstance(a, dict):
                raise ConfigError(f"{where}: {akey}: expected a mapping with a type")
            cleaned.append(_strip_unknown(a, Assertion, where, akey, warnings))
        data["assert"] = cleaned
    if data.get("vars") is not None and not isinstance(data["vars"], dict):
        raise ConfigError(f"{where}: {loc_path([key, 'vars'])}: expected a mapping of name: value")
    return data


def load_suite(path: str | Path) -> Suite:
    """Read and validate an eval config; see the module docstring for how files resolve."""
    path = Path(path)
    where = str(path)
    raw = read_yaml(path)
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: expected a mapping with prompts, providers and tests")
    base = path.resolve().parent
    warnings: list[str] = []
    for k in raw:
        if k in IGNORED_PROMPTFOO_KEYS:
            warnings.append(f"{where}: {k}: promptfoo key not used by screener, ignored")
        elif k not in TOP_LEVEL_KEYS:
            warnings.append(f"{where}: {k}: unknown key, ignored")

    metadata = raw.get("metadata") or {}
    if not isinstance(metadata, dict):
        raise ConfigError(f"{where}: metadata: expected a mapping")
    screener_raw = metadata.get("screener") or {}
    if not isinstance(screener_raw, dict):
        raise ConfigError(f"{where}: metadata.screener: expected a mapping")
    screener_raw = _strip_unknown(screener_raw, ScreenerSettings, where, "metadata.screener", warnings)
    settings = _validate(ScreenerSettings, screener_raw, where, "metadata.screener")

    eo = raw.get("evaluateOptions") or {}
    if not isinstance(eo, dict):
        raise ConfigError(f"{where}: evaluateOptions: expected a mapping")
    options = _validate(EvaluateOptions, _strip_unknown(eo, EvaluateOptions, where, "evaluateOptions", warnings),
                        where, "evaluateOptions")

    prompts = _prompts(raw.get("prompts"), base, where)
    for i, p in enumerate(prompts):
        if _NON_PORTABLE.search(p.raw):
            warnings.append(f"{where}: prompts[{i}]: uses template logic or filters; promptfoo renders with Nunjucks "
                            "and screener with Jinja2, so keep shared prompts to plain {{ var }}")
    providers = _providers(raw.get("providers"), where, warnings)

    default_raw = raw.get("defaultTest") or {}
    default_where = where
    if ref := _file_ref(default_raw):
        default_path = _paths(base, ref, where, "defaultTest")[0]
        default_where, default_raw = str(default_path), read_yaml(default_path) or {}
    default = _clean_test(default_raw, default_where, "defaultTest", warnings)

    tests: list[LoadedTest] = []
    for data, src, key in _raw_tests(raw.get("tests"), base, where):
        cleaned = _merge_default(default, _clean_test(data, src, key, warnings))
        for vars_ in _expand(cleaned["vars"]):
            case = _validate(TestCase, {**cleaned, "vars": vars_}, src, key)
            resolved = {}
            for name, value in case.vars.items():
                ref = _file_ref(value)
                resolved[name] = _load_var_file(base, ref, src, loc_path([key, "vars", name])) if ref else value
            tests.append(LoadedTest(index=len(tests), case=case, resolved_vars=resolved, source=src))
    if not tests:
        raise ConfigError(f"{where}: tests: no test cases; add tests (inline or file://tests.yaml)")
    return Suite(path=path, base_dir=base, description=raw.get("description"), prompts=prompts, providers=providers,
                 tests=tests, options=options, settings=settings, raw=raw, warnings=warnings)
