"""The JSON schema Anthropic's structured output accepts, made from a pydantic model without the SDK.

The same transform as the Anthropic SDK's ``anthropic.transform_schema`` (MIT licence; the SDK 2.14 version,
``anthropic/lib/_parse/_transform.py``), kept here so that building a request never imports the SDK:
``import anthropic`` costs 4-5 s of CPU (3,500 modules) before a batch could send its first request.
``tests/test_provider_anthropic_http.py`` checks the output is identical to the installed SDK's.

What it does: objects get ``additionalProperties: false`` and keep only the keys the API supports; ``oneOf``
becomes ``anyOf``; a string without a format gets none, a format the API lacks is dropped; every other
constraint (``minimum``, ``maxLength``...) is appended to the description, where the model may still follow it.
"""

from __future__ import annotations

import inspect
from functools import lru_cache
from typing import Any, cast

from pydantic import BaseModel

SUPPORTED_STRING_FORMATS = frozenset({"date-time", "time", "date", "duration", "email", "hostname", "uri", "ipv4",
                                      "ipv6", "uuid"})


def _primitive(value: object) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def transform_schema(json_schema: type[BaseModel] | dict[str, Any]) -> dict[str, Any]:
    """``json_schema`` (or a model's) in the strict form the Messages API's ``output_config`` accepts."""
    if inspect.isclass(json_schema) and issubclass(json_schema, BaseModel):
        json_schema = json_schema.model_json_schema()
    rest = dict(cast("dict[str, Any]", json_schema))
    strict: dict[str, Any] = {}
    defs = rest.pop("$defs", None)
    if defs is not None:  # before the $ref return: a root {"$ref", "$defs"} keeps its definitions
        strict["$defs"] = {name: transform_schema(schema) for name, schema in defs.items()}
    ref = rest.pop("$ref", None)
    if ref is not None:
        strict["$ref"] = ref
        return strict

    type_ = rest.pop("type", None)
    any_of, one_of, all_of = rest.pop("anyOf", None), rest.pop("oneOf", None), rest.pop("allOf", None)
    enum = rest.get("enum")
    if isinstance(enum, list) and enum and all(_primitive(v) for v in enum):
        strict["enum"] = list(rest.pop("enum"))
    if "const" in rest and _primitive(rest["const"]):
        strict["const"] = rest.pop("const")
    literals = "enum" in strict or "const" in strict
    if literals:
        type_ = None

    if isinstance(any_of, list):
        strict["anyOf"] = [transform_schema(v) for v in any_of]
    elif isinstance(one_of, list):
        strict["anyOf"] = [transform_schema(v) for v in one_of]
    elif isinstance(all_of, list):
        strict["allOf"] = [transform_schema(v) for v in all_of]
    elif not literals:
        if type_ is None:
            raise ValueError("Schema must have a 'type', 'anyOf', 'oneOf', or 'allOf' field, "
                             "or a 'const' or non-empty 'enum' of strings, numbers, booleans, or null.")
        strict["type"] = type_

    for key in ("description", "title"):
        value = rest.pop(key, None)
        if value is not None:
            strict[key] = value

    if type_ == "object":
        strict["properties"] = {k: transform_schema(v) for k, v in rest.pop("properties", {}).items()}
        rest.pop("additionalProperties", None)
        strict["additionalProperties"] = False
        required = rest.pop("required", None)
        if required is not None:
            strict["required"] = list(required) if isinstance(required, list) else required
    elif type_ == "string":
        fmt = rest.pop("format", None)
        if fmt and fmt in SUPPORTED_STRING_FORMATS:
            strict["format"] = fmt
        elif fmt:
            rest["format"] = fmt  # unsupported: appended to the description below
    elif type_ == "array":
        items = rest.pop("items", None)
        if items is not None:
            strict["items"] = transform_schema(items)
        min_items = rest.pop("minItems", None)
        if min_items is not None and min_items == 0 or min_items == 1:
            strict["minItems"] = min_items
        elif min_items is not None:
            rest["minItems"] = min_items

    if rest:  # what the API does not support: said in the description, which the model may follow
        description = strict.get("description")
        strict["description"] = ((description + "\n\n" if description is not None else "")
                                 + "{" + ", ".join(f"{key}: {value}" for key, value in rest.items()) + "}")
    return strict


@lru_cache(maxsize=16)
def output_schema(output_type: type[BaseModel]) -> dict[str, Any]:
    """``transform_schema`` of ``output_type``, once per type (the request of every transcript sends it)."""
    return transform_schema(output_type)
