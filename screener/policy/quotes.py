"""Grounding a grader's quotes against what it saw, mapped back onto the transcript as spoken."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..grounding import Grounder
from ..safety.injection import MARKER
from ..transcript import Transcript

if TYPE_CHECKING:
    from ..safety.redact import Redaction


class QuoteMapper:
    """Grounds quotes against what the grader saw and maps them onto the original transcript."""

    def __init__(self, transcript: Transcript, sanitized: Transcript, seen: Transcript,
                 redaction: Redaction | None) -> None:
        self.grounder = Grounder(seen)
        self.sanitized = sanitized
        self.original = transcript
        self.redaction = redaction
        self.ungrounded = 0
        self._mapped: dict[tuple[str, int | None], tuple[str, int] | None] = {}

    def map(self, quote: str, turn: int | None) -> tuple[str, int] | None:
        """The verbatim original text and turn of ``quote``, or None (counted) when it is not the candidate's.

        A quote asked again (a claim's sentence is often a competency's evidence too) is answered from memory:
        mapping depends only on the quote, the turn and this transcript."""
        key = (quote, turn)
        if key in self._mapped:
            mapped = self._mapped[key]
            if mapped is None:
                self.ungrounded += 1
            return mapped
        mapped = self._mapped[key] = self._map(quote, turn)
        return mapped

    def _map(self, quote: str, turn: int | None) -> tuple[str, int] | None:
        hit = self.grounder.ground(quote, turn)  # the model quotes what it saw, placeholders included
        if hit is None:
            self.ungrounded += 1
            return None
        base_turn = self.sanitized.turn(hit.turn)
        orig_turn = self.original.turn(hit.turn)
        if base_turn is None or orig_turn is None:  # pragma: no cover - the grounder only sees these turns
            self.ungrounded += 1
            return None
        pieces = []
        for s, e in hit.spans:
            if self.redaction:  # offsets in the redacted text -> offsets in the text before redaction
                s = self.redaction.to_original_offset(hit.turn, s)
                e = self.redaction.to_original_offset(hit.turn, e, end=True)
            pieces.append(base_turn.text[s:e])
        # a quote that runs into removed injection text is not the candidate's verbatim words
        if any(MARKER[1:-1] in p or p not in orig_turn.text for p in pieces):
            self.ungrounded += 1
            return None
        return " … ".join(pieces), hit.turn
