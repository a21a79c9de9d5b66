"""JSON Schema checks for ``is-json`` / ``contains-json`` values, by the ``jsonschema`` library.

promptfoo validates with ajv, which implements the whole specification; a hand-written subset rejected
``$defs``/``$ref`` (so screener's own scorecard schema could not be used in its own assertion). The validator
class follows the schema's ``$schema`` (draft 2020-12 when none is given). References resolve inside the
schema only: a remote ``$ref`` is never fetched, it fails the assertion with the reason.
"""

from __future__ import annotations

from typing import Any

import jsonschema
import jsonschema.exceptions
import jsonschema.validators
import referencing.exceptions


class SchemaInvalid(ValueError):
    """The schema itself is not a valid JSON Schema (or refers to something it does not contain)."""


def _where(error: jsonschema.exceptions.ValidationError) -> str:
    return error.json_path


def schema_errors(value: Any, schema: Any) -> list[str]:
    """Problems with ``value`` against ``schema``, one line each as ``$.path: message`` (empty when it conforms)."""
    if not isinstance(schema, dict | bool):
        raise SchemaInvalid(f"a JSON schema must be an object or a boolean, not {type(schema).__name__}")
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    try:
        cls.check_schema(schema)
        errors = sorted(cls(schema).iter_errors(value), key=lambda e: list(e.absolute_path))
        return [f"{_where(e)}: {e.message}" for e in errors]
    except jsonschema.exceptions.SchemaError as e:
        raise SchemaInvalid(f"invalid JSON schema at {'/'.join(map(str, e.absolute_path)) or 'root'}: "
                            f"{e.message}") from e
    except referencing.exceptions.Unresolvable as e:
        raise SchemaInvalid(f"JSON schema reference cannot be resolved inside the schema: {e}") from e
