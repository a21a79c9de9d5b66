"""Small talk by the shape of the meeting's own business: thanks for the time, seeing each other again, who
joins the call and when, watching the clock.

``classify``'s lexicon and shapes name the pleasantries the dev interviewers used; these are the same moves in
the words another interviewer picks ("Thanks so much for making time", "great to see you again", "my colleague
will join in ten minutes", "I'll keep an eye on the clock", the noise outside). Each is about the meeting, never about the
candidate's work. One regular expression without nested repetition: linear in the sentence.
"""

from __future__ import annotations

import re

_THANKS = r"(?:thanks|thank you|cheers|many thanks)(?: (?:so|very) much| a lot| again| both| all)?"
_PEOPLE = (r"(?:colleague|colleagues|teammate|teammates|manager|co-?interviewer|co-?host|recruiter|lead|"
           r"director|cto|ceo|founder)")

MEETING_SHAPES = re.compile(
    # thanks for the time (not "thanks for the intro" before the first question: the labelled sets disagree on it)
    r"\b" + _THANKS + r" for (?:making|taking|finding|carving out|giving (?:us|me)|setting aside|sparing) (?:the |some |"
    r"your |a bit of |a little )?time\b"
    r"|\b" + _THANKS + r" for (?:coming|joining|being here|having me|your time|the chat|chatting|talking|speaking|"
    r"meeting|jumping on|hopping on|dialling in|dialing in|making it)\b"
    r"|\b(?:late|early) in (?:your|the) (?:day|evening|morning)\b"
    # seeing each other
    r"|\b(?:great|good|nice|lovely|wonderful|a pleasure|so good|really nice) to (?:see|meet|catch up with|reconnect "
    r"with|speak with|speak to|talk with|talk to) you\b"
    r"|\bwe (?:met|spoke|chatted|talked) (?:at|on|last|before|briefly|a while|back)\b"
    # who joins the call, and when
    r"|\b" + _PEOPLE + r"\b(?:\s+[A-Z][a-z]+)?\s+(?:will|'ll|is going to|might|may|should)\s+(?:join|be joining|hop on|"
    r"jump on|jump in|dial in|come on)\b"
    r"|\b(?:joining|join) us (?:in|for|later|shortly|at)\b"
    # the interviewer introducing themselves: "I'm a senior engineer on the search team, been here four years"
    r"|\bintroduce myself\b|\bi'm (?:a|an|the) (?:\w+ ){0,3}?(?:engineer|manager|lead|scientist|researcher|designer|"
    r"recruiter|director|architect|developer|analyst|partner|founder)\b(?:\s+\S+){0,3}?\s+(?:on|in|at|for|here)\b"
    r"(?![^?]*\?\s*$)"
    r"|\bbeen here (?:for )?(?:about |around |nearly |almost |just over |just under )?(?:a|an|\w+) (?:years?|months?)\b"
    # the plan of the hour and its end
    r"|\b(?:we'll|we will|let's|i'll|i'd like to) (?:spend|use|take|do) (?:the )?(?:first|second|last|next|final) "
    r"(?:half|part|bit|chunk|section|\w+ minutes)\b|\b(?:i've got|i have|i've|there's|got) a hard stop\b"
    r"|\bthat(?:'s| is| was) (?:everything|all|about all|it) (?:i|we) (?:wanted|needed|had|planned|meant) to (?:cover|"
    r"ask|go through|get through)\b|\b(?:let's|we'll|we can|i'll|we should|shall we) (?:wrap|leave|stop|end|finish) "
    r"(?:it|things) (?:there|here)\b"
    r"|\b(?:we're|we are|we'll|we will|we|we've|i'm|i am|i'll)\s+(?:\S+\s+){0,2}?(?:run|running|go|going|ran|went) "
    r"(?:a (?:little|bit|touch|few minutes)|slightly|\w+ minutes) over\b"
    # the desk and the room: the notes, the tabs, the link, the video background, the journey in
    r"|\b(?:grab|get|find|open|pull up|bring up) my notes\b|\b(?:closing|close) (?:a few |some |my |these )?tabs\b"
    r"|\b(?:meeting|zoom|teams|meet) link\b"
    r"|\b(?:nice|cool|great|lovely|love the|love your) (?:background|setup|set-up|view)\b(?=\s*[,.!?]|\s*$)"
    r"|\b(?:traffic|commute|journey|trip|drive|train)\b(?:\s+\S+){0,4}?\s+(?:getting (?:in|here)|on the way (?:in|"
    r"here|over)|coming in)\b"
    # stopping, and how the candidate is bearing up
    r"|\b(?:that's|that is|that) (?:us|me) done\b"
    r"|\bbrings us to the end\b|\b(?:a good|the right|a natural) (?:place|point|spot) to (?:stop|pause|end|wrap|finish)\b"
    r"|\bhow are you (?:holding up|keeping|getting on|coping)(?=\W*$|\s+(?:with (?:all )?(?:the|these) (?:interviews|"
    r"process)|today|so far|this week))"
    r"|\b(?:quick |brief |short )?overview of (?:the )?(?:next|coming) (?:hour|half hour|\w+ minutes)\b"
    r"|\b(?:comfortable|quiet|good|private) (?:spot|place|room|space) to (?:talk|chat|speak)\b"
    r"|\b(?:thanks|thank you) (?:ever so|so|very) much\b|\b" + _THANKS + r" for (?:your |the )?(?:flexibility|understanding|"
    r"patience)\b|\blet you ask (?:the |your |some )?questions\b"
    r"|\bsorry (?:about|for) my (?:voice|cough|cold|throat|connection|internet|audio|video|camera)\b"
    r"|\b(?:my|the) (?:laptop|computer|machine|headset|mic) (?:is|'s|keeps|just)\b"
    r"|\b(?:a )?survey about (?:the|this|your) (?:interview|experience|process)\b"
    # the clock
    r"|\bwe(?:'ve| have)(?: got)? (?:about |around |roughly |just |only |another )?(?:\d+|\w+) (?:minutes|mins)\b"
    r"|\b(?:check|checking) the (?:time|clock)\b(?![- ]series|-)"
    r"|\b(?:keep|keeping) (?:an eye on|track of) (?:the )?(?:clock|time)\b(?!-)|\bwatch(?:ing)? the clock\b"
    r"|\b(?:mindful|conscious) of (?:the )?time\b(?!-)|\b(?:keep|keeping) (?:us|things|it) (?:to|on) time\b"
    r"|\b(?:stick|sticking) to time\b"
    # the room: "some construction noise outside my window"
    r"|\b(?:construction|drilling|building work|road ?works?) noise\b|\bnoise (?:outside|next door|from "
    r"(?:next door|outside|the street|upstairs|downstairs))\b",
    re.I,
)


def is_meeting_talk(sentence: str) -> bool:
    return MEETING_SHAPES.search(sentence) is not None
