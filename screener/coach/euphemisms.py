"""Protected topics said by euphemism, idiom or circumstance: what an interviewer says when they avoid the word.

``personal_topics`` and ``life_shapes`` read a cue inside a frame about the candidate; these are the roundabout
ways the cue itself is dodged: "mouths to feed" for children, "someone waiting at home" for a partner, "the
internet was a thing" for an age, "what brought you to this country" for national origin, "go on strike" for a
union, "are you fully mobile" for a disability, "your real name" for a gender history. Each runs, like the
shapes, only on a sentence already put to the candidate and personal (``unlawful`` checks), outside the topic's
lawful look-alikes. One regular expression per topic, without nested repetition: linear in the sentence.
"""

from __future__ import annotations

import re

from .text import first_topic

_LAND = (r"(?:this country|the country|the uk|the us|the usa|the states|britain|england|america|canada|australia|"
         r"europe|here)")
_LIMB = r"(?:arm|arms|leg|legs|wrist|wrists|hand|hands|foot|feet|ankle|knee|neck|back|shoulder|finger|fingers)"

EUPHEMISMS: dict[str, re.Pattern[str]] = {
    "age": re.compile(
        # the candidate's years by an era ("before or after the internet was a thing") or by a younger person
        r"\b(?:before|after) (?:the internet|smartphones|google|mobile phones|email|the web|computers)\b"
        r"(?:\s+\S+){0,2}?\s+(?:was a thing|were a thing|existed|came (?:out|along)|took off|was around)\b"
        r"|\b(?:since|back in|from|in) the (?:dial-?up|floppy(?: disk)?|punch[- ]card|mainframe|windows 95|y2k|"
        r"dot-?com|pre-?internet|early internet|fortran|cobol) (?:days|era|years|times)\b"
        r"|\bremember (?:windows 95|windows 3|y2k|the millennium bug|dial-?up|floppy|floppies|the dot-?com)\w*\b"
        r"(?:\s+\S+){0,2}?\s+(?:first-?hand|personally|yourself|at the time)"
        r"|\b(?:\w+ )?(?:years?|decades?) (?:younger|older)\b|\b(?:someone|somebody|people|a manager|a boss|"
        r"a lead|colleagues|teammates) (?:\w+ ){0,3}(?:younger|older) than you\b"
        r"|\b(?:grey|gray|greying|graying|silver) (?:in|hair|hairs|beard|temples)\b"
        r"|\bbefore you (?:stop|stop working|finish up|bow out|step back|hang it up)\W*$"
        r"|\b(?:last|final) (?:big |proper |real )?(?:job|role|gig|position) before you\b"
        r"|\b(?:the|a) point (?:in (?:your )?life |in your career )?where you(?:'d| would)? (?:want|need|prefer)\b"
        r"(?:\s+\S+){0,3}?\s+(?:less demanding|slower|quieter|easier|to slow down|to wind down)\b",
        re.I),
    "family": re.compile(
        r"\bmouths\b(?:\s+\S+){0,4}?\s+to feed\b|\b(?:raising|bringing up|brought up|raised) (?:a family|the kids|your kids|children|"
        r"kids|a child)\b|\bhome for (?:anyone|someone|somebody|anybody)\b|\b(?:anyone|anybody|someone|somebody) "
        r"(?:who )?(?:depends|depending|relies|relying|counts|counting) on you\b",
        re.I),
    "marital_status": re.compile(
        r"\b(?:a|the|that|your) ring for (?:anyone|someone|somebody)\b|\b(?:anyone|someone|somebody|anybody) "
        r"(?:\w+ )?(?:waiting|at home waiting) (?:for you )?at home\b|\bwaiting for you at home\b"
        r"|\b(?:wear|wearing) (?:a|the) (?:ring|wedding band)\b",
        re.I),
    "religion": re.compile(
        r"\b(?:observ(?:e|ing)|keep(?:ing)?|mark(?:ing)?) (?:anything|any (?:holy days|holidays|festivals|fasts|"
        r"feasts|days))\b|\b(?:holy|feast|fast) days?\b|\byour (?:beliefs|belief|creed|convictions)\b"
        r"|\b(?:pendant|necklace|chain|tattoo|bracelet)\b[^.?!]*?\b(?:a cross|a crucifix|religious|a star of david|"
        r"rosary beads|prayer beads)\b"
        # what the candidate eats or drinks, for an event: a proxy for their religion
        r"|\b(?:do|can|would|will) you (?:eat|drink|touch) (?:pork|beef|meat|shellfish|alcohol|booze|wine|beer|halal|"
        r"kosher)\b",
        re.I),
    "national_origin": re.compile(
        r"\b(?:story|deal|thing) (?:with|behind|about) your (?:last |family |sur|first )?name\b"
        r"|\b(?:what|who) brought you (?:over )?(?:here|to " + _LAND + r")\b"
        r"|\bin your (?:own|native|home|family's|parents') (?:language|tongue)\b|\byour own language\b"
        r"|\bnaturali[sz](?:ed|ation)\b|\b(?:first|second)[- ]generation\b",
        re.I),
    "disability_health": re.compile(
        r"\b(?:are you|you're|you are) (?:fully |physically )?(?:mobile|able-bodied|ambulant)\b"
        r"|\b(?:need|wear|use) (?:glasses|contacts|contact lenses|a hearing aid|hearing aids|a cane|a stick)\b"
        r"|\boff (?:work )?(?:long[- ]term|for (?:months|a long stretch|a long time))\b|\blong[- ]term (?:sick|leave|"
        r"absence)\b|\b(?:cast|sling|brace|bandage|splint|crutches) (?:on|for) (?:your|that) " + _LIMB + r"\b"
        r"|\b(?:wrist|knee|back|neck|ankle) (?:brace|support|splint)\b|\b(?:insomnia|sleep (?:problems|issues|disorder)|how(?:'s| is) your sleep)\b"
        r"|\b(?:old|any|past) (?:injuries|injury|conditions?|ailments?)\b(?:\s+\S+){0,2}?\s+(?:flare|play up|bother)",
        re.I),
    "arrest_record": re.compile(
        r"\b(?:collar felt|felt your collar)\b|\b(?:press(?:ed|es)?|brought|bring|filed?) charges\b|\bcharges? "
        r"(?:against|on) you\b|\b(?:background|criminal|police) check\b(?:\s+\S+){0,6}?\s+"
        r"(?:turn up|show up|find|flag|reveal)\b(?:\s+\S+){0,4}?\s+(?:about you|on you|police)\b",
        re.I),
    "salary_history": re.compile(
        r"\b(?:last|previous|past|prior) (?:few|two|three|four|five|couple of|\d) (?:salaries|pay packets|packages|"
        r"pay rises|raises|bonuses|offers)\b|\b(?:number|figure|amount) (?:are|were) you on\b"
        r"|\bwhere did your (?:pay|salary|comp|package) (?:land|end up|top out)\b"
        # past pay asked in the past tense: "how much equity did you have at the startup, and what was the base?"
        r"|\bhow much (?:equity|stock|salary|bonus|base|cash|comp) did you (?:have|get|earn|receive|make)\b"
        r"|\bwhat (?:was|were) (?:the|your) (?:base|salary|pay|comp|bonus|package|equity|day rate)\b(?!\s+(?:model|"
        r"rate|case|url|image|layer|line|class|version|prompt|for (?:the|this) (?:role|job|position)))",
        re.I),
    "sexual_orientation": re.compile(r"\b(?:are you|you're|you are) out (?:at work|to (?:your|colleagues|people|"
                                     r"everyone)|publicly)\b|\bcome out\b(?:\s+\S+){0,2}?\s+(?:at work|to)\b", re.I),
    "gender": re.compile(r"\byour (?:real|birth|original|old|previous|former) name\b|\bthe (?:name|one) you "
                         r"(?:chose|picked|go by now)\b", re.I),
    "union_membership": re.compile(
        r"\bmember of (?:unite|unison|gmb|prospect|the teamsters|the cwa|the afl-?cio|the nea|usdaw|the rmt|bectu)\b"
        r"|\b(?:go|gone|went|going) on strike\b|\bstrike action\b|\b(?:picket|picketing) line\b"
        r"|\binvolved in (?:any )?(?:organising|organizing|labou?r organi[sz]ing)\b(?!\s+(?:the|a|an|our|events?|"
        r"meetups?|hackathons?|conferences?|offsites?)\b)",
        re.I),
}


def euphemism_topic(sentence: str) -> tuple[str, str] | None:
    """The first protected topic the sentence raises by a euphemism, with the words that show it, or None."""
    return first_topic(EUPHEMISMS, sentence)
