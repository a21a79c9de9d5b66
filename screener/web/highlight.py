"""The transcript beside the scorecard: every quoted passage wrapped in ``<mark>``, everything else escaped.

Quotes are located with the same matcher that grounded them (``screener.grounding``), so a quote the
grader made of several pieces (joined with " … ") gets one mark per piece. Overlapping pieces merge
into one mark; every quote links to the mark of its first piece.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from ..grounding import Grounder
from ..transcript import Transcript
from ..util.spans import merge_spans

_PIECES = re.compile(r"\s*(?:\.\.\.|…|\[\.\.\.\])\s*")  # how a quote's pieces are joined (as in grounding)


@dataclass
class HighlightedTurn:
    index: int
    speaker: str
    role: str
    start: float | None
    html: Markup
    marks: int


@dataclass
class Highlights:
    """The transcript as HTML turns, and the anchor (mark id) of every located quote."""

    turns: list[HighlightedTurn]
    anchors: dict[tuple[str, int], str] = field(default_factory=dict)

    def anchor(self, quote: str, turn: int) -> str | None:
        """The id of the ``<mark>`` where ``quote`` (cited from ``turn``) starts, or None if not found."""
        return self.anchors.get((quote, turn))

    @property
    def mark_count(self) -> int:
        return sum(t.marks for t in self.turns)


def _exact(text: str, quote: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The matcher ignores punctuation at a piece's edges; widen a span to the piece as quoted when verbatim."""
    pieces = [p for p in _PIECES.split(quote.strip()) if p]
    if len(pieces) != len(spans):
        return spans
    return [(s, s + len(p)) if text.startswith(p, s) and len(p) > e - s else (s, e) for p, (s, e) in zip(pieces, spans, strict=True)]


def _render(text: str, marks: list[tuple[int, int]], turn: int, labels: list[list[str]] | None = None) -> Markup:
    out: list[str] = []
    pos = 0
    for n, (start, end) in enumerate(marks):
        out.append(str(escape(text[pos:start])))
        names = labels[n] if labels else []
        if names:
            label = escape(" · ".join(names))
            out.append(f'<span class="mark-label" aria-hidden="true">{label}</span>')
            out.append(f'<mark id="q-{turn}-{n}" tabindex="-1" title="{label}">{escape(text[start:end])}</mark>')
        else:
            out.append(f'<mark id="q-{turn}-{n}" tabindex="-1">{escape(text[start:end])}</mark>')
        pos = end
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


def highlight(transcript: Transcript, quotes: list[tuple[str, int]],
              labels: dict[tuple[str, int], list[str]] | None = None) -> Highlights:
    """Mark every ``(quote, turn)`` in its candidate turn; quotes not found are left unmarked. ``labels``: what
    each quote supports (competency names), shown beside its mark."""
    grounder = Grounder(transcript)
    spans: dict[int, list[tuple[int, int]]] = {}
    located: dict[tuple[str, int], tuple[int, int]] = {}  # quote -> (turn, start offset of first piece)
    starts: dict[int, list[tuple[int, tuple[str, int]]]] = {}  # turn -> (offset of each piece, its quote)
    for quote, turn in quotes:
        hit = grounder.ground(quote, turn)
        if hit is None or not hit.spans:
            continue
        found = transcript.turn(hit.turn)
        spans.setdefault(hit.turn, []).extend(_exact(found.text if found else "", quote, hit.spans))
        located[(quote, turn)] = (hit.turn, hit.spans[0][0])
        starts.setdefault(hit.turn, []).extend((s0, (quote, turn)) for s0, _ in hit.spans)
    turns: list[HighlightedTurn] = []
    merged_by_turn: dict[int, list[tuple[int, int]]] = {}
    for t in transcript.turns:
        merged = merge_spans(spans.get(t.index, []))
        merged_by_turn[t.index] = merged
        mark_labels: list[list[str]] | None = None
        if labels:
            mark_labels = []
            for start, end in merged:
                names: list[str] = []
                for offset, key in starts.get(t.index, []):
                    for name in labels.get(key, []):
                        if start <= offset < end and name not in names:
                            names.append(name)
                mark_labels.append(names)
        turns.append(HighlightedTurn(index=t.index, speaker=t.speaker, role=t.role, start=t.start,
                                     html=_render(t.text, merged, t.index, mark_labels), marks=len(merged)))
    anchors: dict[tuple[str, int], str] = {}
    for key, (turn, offset) in located.items():
        for n, (start, end) in enumerate(merged_by_turn.get(turn, [])):
            if start <= offset < end:
                anchors[key] = f"q-{turn}-{n}"
                break
    return Highlights(turns=turns, anchors=anchors)
