"""Whether the interview ended before it was over: the call dropped or the recording stopped mid-question.

A cut-off interview has not shown what the candidate can do, either way: without the measured answers an
engineer verdict needs, it is "reschedule / no decision", never a tourist verdict on half an interview
(issue 10, requirement 7).
"""

from __future__ import annotations

import re

from ..transcript import Transcript

_END = ('.', '!', '?', '"', "'", ')', '\u201d', '\u2019')
# the connection or the recording failing, in the interview's last turns
_FAILURE = re.compile(
    r"\brecording (?:has |just )?(?:stopped|failed|cut out)\b|\b(?:i think )?(?:i've |i have )?lost you\b"
    r"|\byou(?:'re| are) breaking up\b|\b(?:the )?(?:call|connection|line) (?:has |just )?(?:dropped|cut out|died)\b"
    r"|\bconnection (?:was )?lost\b|\byou(?:'ve| have)? froze(?:n)?\b",
    re.IGNORECASE)
TAIL_TURNS = 3


def cut_off(transcript: Transcript) -> str | None:
    """Why the interview looks cut off (the last turn breaks off mid-sentence, or the call or recording failed
    in its last turns), or None."""
    turns = transcript.turns
    if not turns:
        return None
    last = turns[-1].text.rstrip()
    if last and not last.endswith(_END):
        return "the transcript ends mid-sentence"
    for t in turns[-TAIL_TURNS:]:
        m = _FAILURE.search(t.text)
        if m:
            return f'the call or recording failed ("{m.group(0)}")'
    return None
