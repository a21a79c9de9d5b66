"""Lawful look-alikes by shape: a protected topic's word that is about the work, the team or the hire, not the
candidate's own life.

``unlawful.LAWFUL`` lists look-alike phrases ("health check", "parent span"); a new interviewer puts the same
lawful question in words no list has: burnout *on their team* (managing people, not the candidate's health),
praying *the deploy would hold* (a figure of speech), what they were *paid to do* (the job, not the pay), the
*retirement of the old index* (the work's end of life), a *parent-child* relation in a tree. Each shape is a span
that, like a listed look-alike, no word of its topic inside it counts in. One regular expression per topic,
without nested repetition: linear in the sentence.
"""

from __future__ import annotations

import re

_OTHERS = (r"(?:your|the|my|our|their|a) (?:team|teams|reports|direct reports|staff|engineers|people|org|"
           r"organisation|organization|colleagues|team's|group|department|on-?call rota)")

SHAPES: dict[str, re.Pattern[str]] = {
    # the wellbeing of the people the candidate leads or works with: "burnout on your team"
    "disability_health": re.compile(
        r"\b(?:burn-?out|burning out|stress|mental health|wellbeing|well-being|health|sickness|illness|sick days)\b"
        r"(?:\s+\S+){0,2}?\s+(?:on|in|across|within|among|amongst|of|for|around) " + _OTHERS + r"\b", re.I),
    # "pray the deploy would work", "praying the cache holds": a hope about the work
    "religion": re.compile(
        r"\bpray(?:ed|ing|s)?\b(?:\s+\S+){0,5}?\s+(?:would|will|works?|worked|hold|holds|held|pass|passes|passed|"
        r"goes|went|ships?|shipped|survives?|survived)\b", re.I),
    # "what were you paid to optimise": what the job was for, not what it paid
    "salary_history": re.compile(r"\b(?:paid|paying you|pay you|pays you) to (?!the\b|a\b|an\b)\w+", re.I),
    # the end of life of a system: "the retirement of the old index", "retiring the service"
    "age": re.compile(r"\b(?:retirement|retiring|retire|sunset\w*) (?:of )?(?:the|a|an|our|that|this|its|their)\b",
                      re.I),
    # a relation in a tree or a schema: "the parent-child relationship in the document tree"
    # a tree's relation, or the family's business the candidate built for: "your family's bakery"
    "family": re.compile(r"\bparent(?:[- /]| and | or )child\b|\bchild(?:[- /]| and | or )parent\b"
                         r"|\bfamily(?:'s|\u2019s)?\s+(?:\w+\s+)?(?:business|company|firm|shop|store|restaurant|farm|"
                         r"bakery|startup|practice|factory|hotel|garage|cafe)\b", re.I),
    # where a thing in the room is from: "I love that mug, where's it from?"
    "national_origin": re.compile(
        r"\b(?:mug|shirt|t-shirt|top|jumper|sweater|hoodie|jacket|poster|painting|print|picture|"
        r"photo|plant|chair|desk|lamp|headphones|headset|mic|microphone|background|bookshelf|book|art|artwork|rug|"
        r"guitar|cup|hat|keyboard|wallpaper|frame|clock)\b[^.?!]*?\bwhere(?:'s| is| did) (?:it|that|you get it)"
        r"(?: from)?\b", re.I),
}


def lawful_spans(sentence: str) -> dict[str, list[tuple[int, int, str]]]:
    """The spans of the sentence that are a lawful look-alike by shape, per topic (as ``PhraseIndex`` gives)."""
    out: dict[str, list[tuple[int, int, str]]] = {}
    for topic, pattern in SHAPES.items():
        found = [(m.start(), m.end(), m.group(0).lower()) for m in pattern.finditer(sentence)]
        if found:
            out[topic] = found
    return out
