"""Small talk about the people, not the meeting: the room behind the candidate, their week, their weekend, the
match, the journey in, an event both went to.

``meeting_talk`` reads the meeting's own business (thanks, the clock, who joins); an interviewer warming the
candidate up talks about everything else in their day: "Nice bookshelf behind you", "Weekend plans?", "Have you
been following the football?", "Hope the trains weren't too bad", "How was the conference?", "I hear you're a
fellow climber". None asks about the candidate's work. ``classify`` checks the sentence names no object of the
work. One regular expression without nested repetition: linear in the sentence.
"""

from __future__ import annotations

import re

_HOBBIES = (r"(?:climber|runner|cyclist|gamer|gardener|baker|musician|skier|surfer|swimmer|hiker|walker|"
            r"photographer|reader|cook|chess player|golfer|sailor|birder|knitter)")

PLEASANTRIES = re.compile(
    # the room and the view behind the candidate
    r"\b(?:behind you|over your shoulder)\b(?!\s+(?:now|then))|\b(?:is (?:that|it) a real|a real) (?:window|"
    r"background|view)\b|\b(?:the|your|my) lighting\b"
    # the week, the weekend, the holiday
    r"|^\W*(?:long|busy|good|quiet|hectic|tough|big) (?:week|day|morning|one)\W*\?"
    r"|\b(?:weekend|holiday|vacation|summer|christmas|easter|evening) plans\b|\bplans for the (?:weekend|holidays?|"
    r"summer|evening)\b|\b(?:up to|doing) anything (?:fun|nice|good) (?:this|at the) weekend\b"
    # the match, the season, a hobby in common
    r"|\b(?:following|follow|watching|watch|watched|catch|caught|see|saw) (?:the )?(?:football|soccer|cricket|rugby|"
    r"tennis|baseball|basketball|f1|formula one|the match|the game|olympics|world cup|euros|tour de france|"
    r"wimbledon)\b(?![- ](?:rate|rates|score|scores|count|counts|results?|quality|threshold|logic|percentage|accuracy|"
    r"engine|metric|ratio|step|day|plan))|\ba fellow " + _HOBBIES + r"\b|\b(?:are you|you're|you are) (?:a |an )?(?:keen |big |avid )?"
    + _HOBBIES + r"\b(?=\W*(?:[?.!,]|$))|\bany good (?:walls|crags|runs|trails|routes|courses|beaches|slopes)\b"
    # the journey in
    r"|\b(?:the )?(?:trains?|traffic|commute|journey|tube|buses|roads|flight|parking)\b(?:\s+\S+){0,4}?\s+(?:too|"
    r"very|so) (?:bad|busy|awful|grim|terrible)\b"
    # an event the two shared or the candidate went to
    r"|\bhow was (?:the|your) (?:conference|meetup|summit|trip|holiday|flight|break|offsite|event|festival|"
    r"vacation)\b|\b(?:watch|see|catch|saw|watched|caught) the (?:keynote|livestream|launch event)\b"
    r"|\b(?:saw|watched|caught|enjoyed) your (?:talk|session|presentation|post|blog post|podcast)\b(?:\s+\S+){0,3}?"
    r"\s+(?:at|on|last)\b"
    # the season, the year so far, the time of year; a shared annoyance ("my laptop chose today to update too")
    r"|\b(?:how(?:'s| is| has| have)) (?:the|this|your) (?:new )?(?:year|week|month|season|spring|summer|autumn|fall|"
    r"winter|city|move|new place)(?: been)? treating you\b|\blooking forward to (?:the )?(?:spring|summer|autumn|fall|"
    r"winter|holidays?|christmas|long weekend|break)\b|\b(?:such a |a )?(?:long|cold|wet|grey|gray|dark|hot|mild) "
    r"(?:winter|summer|spring|autumn)\b|\bbusy time of (?:the )?year\b|\bi know that feeling\b"
    r"|\b(?:install|installing|installed|forced|decided to) (?:some |the )?(?:updates|an update)\b"
    # the office, a conference the candidate went to, their studies, a hobby on the CV
    r"|\bbeen to (?:our|the) (?:office|offices|building|campus)\b|\bthe view from\b"
    r"|\bdid you enjoy (?:it|the (?:conference|trip|talk|event|city|course|degree|programme|program|festival))\W*$"
    r"|\byou (?:studied|went to (?:university|uni|college|school)|did your (?:degree|masters|phd|undergrad)) (?:in|at)\b"
    r"[^.?!]*[.?!]?\s*(?:what was (?:that|it) like|did you enjoy)"
    r"|\bhow long have you been (?:climbing|running|cycling|surfing|skiing|swimming|playing|painting|baking|"
    r"gardening|sailing|hiking|bouldering|dancing|singing|knitting|golfing)\b"
    # "grab a water if you like"
    r"|\bgrab (?:a|some) (?:water|drink|coffee|tea|glass)\b|\bwe(?:'ve| have) got (?:plenty of )?time\b",
    re.I,
)


def is_pleasantry(sentence: str) -> bool:
    return PLEASANTRIES.search(sentence) is not None
