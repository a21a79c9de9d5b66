"""A small JSON Schema validator for ``is-json`` / ``contains-json`` values (the commonly used keywords).

Supported: type, enum, const, properties, required, additionalProperties, items, minItems, maxItems,
minLength, maxLength, pattern, minimum, maximum, exclusiveMinimum, exclusiveMaximum, anyOf, oneOf, allOf, not.
Any other keyword raises ``SchemaUnsupported`` so a schema is never half-checked in silence.
"""

from __future__ import annotations

import re
from typing import Any

_ANNOTATIONS = {"$schema", "$id", "title", "description", "default", "examples", "$comment", "format"}
_TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}
_KNOWN = _ANNOTATIONS | {
    "type", "enum", "const", "properties", "required", "additionalProperties", "items", "minItems", "maxItems",
    "minLength", "maxLength", "pattern", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "anyOf",
    "oneOf", "allOf", "not",
}


class SchemaUnsupported(ValueError):
    """The schema uses a keyword this validator does not implement."""


def schema_errors(value: Any, schema: Any, path: str = "$") -> list[str]:
    """Problems with ``value`` against ``schema`` (empty when it conforms)."""
    if schema is True or schema == {}:
        return []
    if schema is False:
        return [f"{path}: not allowed"]
    if not isinstance(schema, dict):
        raise SchemaUnsupported(f"schema at {path} must be an object")
    unknown = set(schema) - _KNOWN
    if unknown:
        raise SchemaUnsupported(f"unsupported JSON Schema keyword(s) {sorted(unknown)} at {path}")
    errs: list[str] = []
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_TYPES[t](value) for t in types if t in _TYPES):
            return [f"{path}: expected {' or '.join(types)}"]
    if "enum" in schema and value not in schema["enum"]:
        errs.append(f"{path}: {value!r} is not one of {schema['enum']}")
    if "const" in schema and value != schema["const"]:
        errs.append(f"{path}: expected {schema['const']!r}")
    if isinstance(value, dict):
        props = schema.get("properties", {})
        for name in schema.get("required", []):
            if name not in value:
                errs.append(f"{path}: missing required property {name!r}")
        for name, sub in props.items():
            if name in value:
                errs += schema_errors(value[name], sub, f"{path}.{name}")
        extra = schema.get("additionalProperties", True)
        for name in set(value) - set(props):
            if extra is False:
                errs.append(f"{path}: unexpected property {name!r}")
            elif isinstance(extra, dict):
                errs += schema_errors(value[name], extra, f"{path}.{name}")
    if isinstance(value, list):
        if "items" in schema:
            for i, item in enumerate(value):
                errs += schema_errors(item, schema["items"], f"{path}[{i}]")
        if len(value) < schema.get("minItems", 0):
            errs.append(f"{path}: fewer than {schema['minItems']} items")
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            errs.append(f"{path}: more than {schema['maxItems']} items")
    if isinstance(value, str):
        if len(value) < schema.get("minLength", 0):
            errs.append(f"{path}: shorter than {schema['minLength']}")
        if "maxLength" in schema and len(value) > schema["maxLength"]:
            errs.append(f"{path}: longer than {schema['maxLength']}")
        if "pattern" in schema and not re.search(schema["pattern"], value):
            errs.append(f"{path}: does not match {schema['pattern']!r}")
    if _TYPES["number"](value):
        for key, bad in (("minimum", lambda v, b: v < b), ("maximum", lambda v, b: v > b),
                         ("exclusiveMinimum", lambda v, b: v <= b), ("exclusiveMaximum", lambda v, b: v >= b)):
            if key in schema and bad(value, schema[key]):
                errs.append(f"{path}: {value} violates {key} {schema[key]}")
    for sub in schema.get("allOf", []):
        errs += schema_errors(value, sub, path)
    if "anyOf" in schema and all(schema_errors(value, s, path) for s in schema["anyOf"]):
        errs.append(f"{path}: matches none of anyOf")
    if "oneOf" in schema and sum(not schema_errors(value, s, path) for s in schema["oneOf"]) != 1:
        errs.append(f"{path}: must match exactly one of oneOf")
    if "not" in schema and not schema_errors(value, schema["not"], path):
        errs.append(f"{path}: must not match the 'not' schema")
    return errs
