"""Text from transcripts, made safe for where it is shown.

- ``strip_controls(text)``: for the terminal. Removes ANSI/VT escape sequences (CSI, OSC, DCS/APC/PM/SOS
  strings, two-character escapes), every other C0 control except newline and tab, DEL, the C1 controls
  (U+0080-U+009F) and the bidi embedding/override/isolate controls that can make a line display as
  something other than what it says. Printable text, in any script, is untouched.
- ``escape_html(text)``: for Markdown (an ATS note renders raw HTML): ``& < >`` become entities, so a
  ``<script>`` or ``<img src=...>`` in a transcript or quote is shown, not run.
- ``markdown_inline(text)``: ``escape_html`` on one line (newlines become spaces), for table cells, headings
  and list items, where a newline would end the element and let the rest pose as document structure.
- ``without_surrogates(text)``: unpaired surrogates (a JSON ``"\\ud800"``, an odd file name) replaced by
  ``?``, so the text can be written as UTF-8.

All are single linear passes.
"""

from __future__ import annotations

import html
import re

_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"  # CSI ... final byte (cut-off sequences too)
    r"|\x9b[0-?]*[ -/]*[@-~]?"  # 8-bit CSI
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC, DCS, SOS, PM, APC
    r"|\x1b[ -/]*[0-~]?"  # two-character escapes (ESC c, ESC 7, ESC ( B, ...)
)
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def strip_controls(text: str) -> str:
    """``text`` without terminal escape sequences and control characters (newline and tab kept)."""
    if text.isprintable():
        return text
    return _CONTROLS.sub("", _ESCAPES.sub("", text))


def escape_html(text: str) -> str:
    """``text`` with ``&``, ``<`` and ``>`` as HTML entities (quotes are left alone: Markdown text, not attributes)."""
    return html.escape(text, quote=False)


def markdown_inline(text: str) -> str:
    """``text`` escaped for Markdown and kept on one line."""
    return " ".join(escape_html(text).split())


def without_surrogates(text: str) -> str:
    """``text`` with every unpaired surrogate replaced by ``?`` (unchanged, and fast, when there is none)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8")
    return text
