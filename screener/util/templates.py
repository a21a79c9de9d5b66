"""The one way screener builds a Jinja2 environment.

Every template screener renders (grader and coach prompts, the kit, the web pages, eval prompts and assertion
values, the HTML report) comes from ``environment()``: ``StrictUndefined`` always, so a missing variable is an
error and never an empty string in a prompt; HTML templates autoescape, text and Markdown templates do not.
Callers keep their environment (module constant or ``lru_cache``), so a template is compiled once per process,
and add their own filters to it.
"""

from __future__ import annotations

import jinja2


def environment(folder: str | None = None, *, html: bool = False, trim: bool = False) -> jinja2.Environment:
    """A StrictUndefined environment loading from ``folder`` (None: templates from strings only).

    ``html``: autoescape (web pages, the HTML report). ``trim``: ``trim_blocks``/``lstrip_blocks`` (the web
    pages' style); text templates keep their trailing newline instead."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder) if folder else None,
        undefined=jinja2.StrictUndefined,
        autoescape=html,
        keep_trailing_newline=not html,
        trim_blocks=trim,
        lstrip_blocks=trim,
    )
