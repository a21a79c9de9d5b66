"""Cross-cutting helpers with one home each (see issue 16, point 3).

- ``secrets``: the one secrets scrubber (API key values, key-looking strings, URL credentials).
- ``files``: atomic writes with fsync, output-path checks before work starts, safe reading of regular files.
- ``errors``: one-line messages for pydantic ``ValidationError``, YAML errors and ``OSError``.
- ``text``: terminal control characters stripped for console output, HTML escaped for Markdown.
- ``sizes``: byte counts for people (``2.0 MB``).
- ``http``: what an HTTP status means (auth, rate limit, transient, bad request) and Retry-After, HTTP dates included.

Each module is small, imports only the standard library (and pydantic/yaml lazily where it must), and is
safe on hostile input: every scan is linear-time.
"""
