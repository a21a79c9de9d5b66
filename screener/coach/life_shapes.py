"""More shapes of a question about the candidate's own life: who they live with, what they are called, what
they speak at home, what they are paid now, how their body is.

``personal_topics`` reads a protected topic by a cue inside a frame that puts it to the candidate; these are
the same idea for the proxies interviewers use most when they avoid the protected word itself: the partner
instead of the marriage, the title or the maiden name instead of the marital status, the language at home
instead of the nationality, "what are you on" instead of the salary, "how's your back" instead of the health.
Each runs on a sentence already put to the candidate and personal (``unlawful`` checks), outside the topic's
lawful look-alikes. One regular expression per topic, without nested repetition: linear in the sentence.
"""

from __future__ import annotations

import re

from .text import first_topic

# nationalities said of the candidate or their name ("Is that name Greek?"); shared with ``unlawful``
DEMONYMS = """indian chinese pakistani nigerian polish mexican irish italian french german spanish russian ukrainian
brazilian korean japanese vietnamese filipino arab arabic persian iranian turkish greek african european british
american canadian australian scottish welsh jamaican ghanaian kenyan egyptian israeli lebanese syrian bangladeshi
nepali thai indonesian malaysian portuguese dutch swedish norwegian danish finnish romanian bulgarian hungarian czech
slovak serbian croatian albanian colombian argentinian argentine venezuelan cuban peruvian chilean ethiopian somali
moroccan algerian tunisian afghan iraqi saudi emirati sri lankan taiwanese singaporean eritrean sudanese ugandan
zimbabwean south african latvian lithuanian estonian""".split()
_DEMONYM = "(?:" + "|".join(sorted({*DEMONYMS, "hispanic", "latino", "latina", "slavic", "nordic", "scandinavian",
                                     "asian"}, key=len, reverse=True)) + ")"
_KIN = r"(?:parents|family|folks|people|grandparents|mum|mom|dad|mother|father|relatives|ancestors)"
_BODY = r"(?:back|knees?|hips?|health|eyes|eyesight|hearing|heart|legs?|arms?|shoulders?|wrists?|joints?|neck)"
# what follows "your partner" when it is a company's partner, not the candidate's
_PARTNER_WORK = (r"(?:team|teams|company|companies|api|apis|org|orgs|integration|integrations|data|account|accounts|"
                 r"program|programme|network|manager|managers|success|portal|engineers?|ecosystem|channel|agency|"
                 r"vendor|firm|bank|platform|contract|deal|side|organisation|organization|onboarding|feed|sdk)")
_PAY = (r"(?:salary|salaries|pay|comp|compensation|package|base|day rate|hourly rate|daily rate|tc|ctc|wage|wages|"
        r"earnings|bonus|remuneration|income|take-?home|total comp|equity|stipend)")

SHAPES: dict[str, re.Pattern[str]] = {
    "pregnancy": re.compile(
        r"\b(?:when are you|when're you|are you|when's the baby|when is the baby|when's yours|when is yours|"
        r"when's your (?:baby|little one)) due\b(?!\s+(?:to|for|back|on|at|"
        r"in|a|an|the|any|some))",
        re.I),
    "marital_status": re.compile(
        r"\bmaiden\b|\bis there a (?:mr|mrs|husband|wife|partner|spouse)\b|^\W*(?:any(?:one|body)|some(?:one|body)) "
        r"special\W*\?"
        # who the household is: "is it just you at home, or is there someone else we'd need to move?"
        r"|\bjust you\b(?:\s+\S+){0,3}?\s+(?:household|home|house|flat|moving|relocating)\b"
        r"|\b(?:who|anyone|someone) (?:else )?(?:lives|living|you live) with you\b"
        r"|\b(?:have|got|with) a (?:partner|spouse|significant other|other half|better half)\b(?!\s+" + _PARTNER_WORK
        + r"\b|\s+(?:in mind|for (?:the|this|that)|on (?:the|this|that)|lined up))"
        r"|\byour (?:partner|other half|better half|significant other|missus|fella|bloke|man|woman|husband|wife|"
        r"spouse)\b(?!\s+" + _PARTNER_WORK + r"\b)(?!'s? (?:team|company)\b)"
        r"|\bare you (?:\w+ )?engaged\b(?!\s+(?:with|in|by|on|at|to (?:the|a|our)))",
        re.I),
    "national_origin": re.compile(
        r"\b(?:native|mother|first|second|home|original|childhood) (?:language|tongue)\b"
        r"|\b(?:sound|look|seem)s? (?:like you'?re |like you are )?(?:from )?(?:round|around) here\b"
        r"|\b(?:you're|you are|are you)(?: not)? (?:originally |really |actually )?" + _DEMONYM + r"\b"
        r"|\bborn (?:abroad|overseas|elsewhere|outside (?:the|this) country)\b"
        r"|\bwhere did you (?:live|grow up)\b(?:\s+\S+){0,2}?\s+before\b"
        r"|\blanguages?\b(?:\s+\S+){0,3}?\s+(?:grow(?:ing)? up|grew up|at home|your (?:parents|family))\b"
        r"|\b(?:sur)?name\b(?:\s+\S+){0,2}?\s+" + _DEMONYM + r"\b|\b" + _DEMONYM + r" (?:sur)?name\b"
        r"|\byour " + _KIN + r"\b(?:\s+\S+){0,6}?\s+(?:where|which country|what country)\b(?:\s+\S+){0,3}?\s+"
        r"(?:from|born|live|living|grew up|raised)\b"
        r"|\bgo(?:ing)? back (?:home|eventually|one day|at some point|for good|to your (?:country|home|family))\b"
        r"|\bwhere(?:'s| is) home\b|\bgreen card\b|^\W*(?:like,?\s+|and\s+|but\s+|so\s+)?originally\W*\?"
        r"|\b(?:where|which country|what country)\b(?:\s+\S+){0,3}?\s+(?:your " + _KIN + r")\b(?:\s+\S+){0,2}?\s+"
        r"(?:from|born|live|grew up)\b",
        re.I),
    "age": re.compile(
        r"\b(?:in|into) (?:their|our) (?:early |mid |late |mid-)?(?:twenties|thirties|20s|30s)\b"
        r"|\b(?:younger|older) than (?:you|yourself)\b|\bhalf your age\b|\bwhat decade\b|\bdecades? (?:ago )?(?:did|have) "
        r"you\b|\bsince you (?:graduated|left (?:school|uni|university|college)|finished (?:school|uni|university|"
        r"college))\b"
        r"|\b(?:when|what year|which year|how long ago)\b(?:\s+\S+){0,3}?\s+you\s+(?:\w+\s+)?graduate\b"
        r"(?!\s+(?:to|into|from (?:\w+ ){0,2}(?:team|role|job|level)))"
        r"|\bare you (?:over|under|past|nearly|almost|about|around|pushing) (?:(?!1\d|21)\d{2}|thirty|forty|fifty|sixty|"
        r"seventy)\b(?!\s*(?:ms|%|percent|k|requests|users|seconds|tokens|people|engineers|customers|models))"
        r"|\b(?:what|which) year\b(?:\s+\S+){0,3}?\s+you\s+(?:start|begin|began|get|got|land|landed)\w*\s+(?:your )?"
        r"(?:first (?:job|role|position|proper job)|working|career|in the industry|in tech)\b"
        r"|\b(?:at|in) (?:this|that|your) (?:point|stage|time|phase) (?:in|of) (?:your )?life\b|\bat your time of life\b"
        # what only someone of a certain age remembers; years on the rest of the team; a team that "skews young"
        r"|\bremember (?:dial-?up|floppy|floppies|cassettes?|vhs|vinyl|fax machines|pagers|the (?:eighties|nineties|"
        r"seventies|80s|90s|70s|millennium|cold war|dot-?com \w+)|life before|a time before|before (?:the internet|"
        r"smartphones|google))\b|\byears on (?:most of |the rest of |all of )?(?:us|them|the team|our team|the others|"
        r"everyone)\b|\b(?:team|office|group|company|crowd|department)\b(?:\s+\S+){0,3}?\s+(?:skews?|skewing|is|are|'s)"
        r"\s+(?:pretty |quite |very |fairly |mostly |really |a bit )?young(?:er)?\b"
        r"|\byou\b(?:\s+\S+){0,2}?\s+(?:back )?in the (?:seventies|eighties|nineties|70s|80s|90s)\b"
        r"|\bage (?:range|bracket|mix|profile)\b(?:\s+\S+){0,8}?\s+(?:where do you|you sit|you fall|you fit)\b",
        re.I),
    "family": re.compile(
        r"\bcaring (?:responsibilit\w*|duties|commitments|role)\b|\bcaring for (?:a |an |your )?(?:elderly|ageing|aging|"
        r"sick|disabled|parent|parents|relative|relatives|mum|mom|dad|mother|father|child|kids)\b"
        r"|\b(?:pick|picking|collect|collecting|fetch|fetching|drop|dropping) (?:up |off )?(?:the|your) (?:kids|children|"
        r"little ones?|son|daughter|boy|girl|twins|baby)\b|\b(?:pick|drop) (?:the|your) (?:kids|children) (?:up|off)\b",
        re.I),
    "race": re.compile(r"\bare you (?:\w+ )?mixed\b(?=\W*$|\s+(?:race|heritage|or\b))|\bskin (?:tone|colou?r)\b"
                       r"|\b(?:describe|identify|see|consider|class|count) yourself as (?:a )?(?:white|black|asian|brown|"
                       r"mixed|hispanic|latino|latina|caucasian|a person of colou?r|bame)\b", re.I),
    "religion": re.compile(
        r"\b(?:cross|crucifix|hijab|turban|headscarf|kippah|yarmulke|rosary|bindi|kara)\b(?:\s+\S+){0,3}?\s+"
        r"(?:you're|you are|you) (?:wearing|wear)\b|\b(?:faith|religion|church)\b(?:\s+\S+){0,3}?\s+(?:raised|brought up|"
        r"grew up)\b|\byou (?:celebrate|observe|fast)\b(?!\s+(?:the|a|an|your|our|wins?|success\w*|milestones?|"
        r"launch\w*|releases?))", re.I),
    "disability_health": re.compile(
        r"\bhow(?:'s| is| are| has| have) your " + _BODY + r"\b(?!\s+(?:end|office|log|fill|check|score|metric|"
        r"of the))"
        r"|\boff (?:work )?(?:ill|sick|unwell|poorly)\b|\b(?:health|medical)[- ](?:thing|reasons?|issue|stuff|"
        r"matter|related|grounds)\b|\bworkers'? ?comp(?:ensation)?\b|\bphysical(?:ly)? (?:fit|able|capable)\b"
        r"|\bfit,? physically\b|\b(?:fit and well|in good shape physically)\b"
        r"|\b(?:take|taking) (?:anything|something) for (?:your |the )?(?:nerves|anxiety|back|head|headaches|pain|"
        r"condition|heart|blood pressure|sleep|stress|mood)\b|\b(?:on|taking|take) (?:any )?(?:medication|meds|pills|"
        r"tablets) for\b"
        r"|\bwhat happened to your (?:arm|arms|leg|legs|hand|hands|eye|eyes|face|foot|feet|knee|voice|wrist|finger)\b"
        r"|\b(?:because of|due to|for|from) (?:a|any|your|the) (?:condition|disability|health (?:issue|problem|condition)|"
        r"medical (?:issue|problem|condition))\b",
        re.I),
    "sexual_orientation": re.compile(r"\b(?:are you|you're|you are) into (?:men|women|guys|girls|blokes|both)\b", re.I),
    "gender": re.compile(r"\bpronouns?\b(?:\s+\S+){0,4}?\s+(?:growing up|before|used to|at birth|originally)\b"
                         r"|\bassigned (?:\w+ ){0,2}at birth\b|\b(?:always|ever) (?:gone|been|went|been known) by "
                         r"(?:that|this|the same|a different|another) name\b", re.I),
    "arrest_record": re.compile(
        r"\b(?:night|nights|time|spent|spend) in (?:a |the )?(?:cells?|custody|lock-?up|jail|prison|nick)\b"
        r"|\btaken in for questioning\b|\bquestioned by (?:the )?police\b|\bhelping (?:the )?police with\b"
        r"|\b(?:drink|drunk)[- ]driv\w*\b|\b(?:done|nicked|caught|stopped|pulled over|fined|charged) for (?:speeding|"
        r"possession|shoplifting|theft|assault|fraud)\b", re.I),
    "political_affiliation": re.compile(
        r"\b(?:left|right)[- ]leaning\b|\blean (?:left|right)\b|\b(?:take|make|view|views|opinion|opinions|thoughts|feel|"
        r"feelings|stance) (?:on|about|of|towards) (?:the )?(?:current |last |new )?(?:government|president|prime "
        r"minister|administration|election|elections|referendum)\b", re.I),
    "union_membership": re.compile(
        r"\b(?:think|feel|view|views|opinion|opinions|stance|take|position) (?:about|on|of|towards) (?:trade |labou?r )?"
        r"unions\b|\bunion (?:member|members|membership|rep|representative|steward|activity|activities|organi[sz]\w*|"
        r"card|dues|meeting|meetings|person|guy|man|woman)\b|\ba union (?:sort|kind|type) of\b|\b(?:organi[sz]\w*|form\w*|start\w*|set\w* up|unionis\w*) (?:a |the )?(?:trade )?"
        r"union\b(?!\s+(?:of|over|find|type|types|query|operator|all))",
        re.I),
    "salary_history": re.compile(
        r"\b(?:what|how much) (?:are|were) you on\b(?!\s+(?:about|with|the|this|that|call|board|top|it|track|site|"
        r"during|for|when))"
        r"|\b(?:current|present|last|previous|prior|former|old|existing)\s+(?:(?:base|total|annual|yearly|monthly|gross|"
        r"net|basic|fixed)\s+)?" + _PAY
        + r"\b(?!\s+(?:limit|limits|of|card|line|model|models|url|case|class|image|layer|path|rate))"
        r"|\b(?:your|last|previous|current|old) offer letter\b"
        r"|\byour (?:current|present) (?:number|figure)\s*\?|\byour (?:starting|final|leaving|exit) (?:salary|pay|package|"
        r"base|rate)\b|\b(?:starting|final|leaving) "
        r"(?:salary|pay|package|base) (?:there|at (?!this\b|the role\b|our\b))",
        re.I),
}


# Statements about the people here, or what the interviewer noticed, that a question after them asks the
# candidate to match ("Lots of our engineers are from India. Are you?", "I noticed the ring. Anyone special?");
# read only as a statement the next sentence asks about (``unlawful.scan``)
STATED_SHAPES: dict[str, re.Pattern[str]] = {
    "national_origin": re.compile(r"\b(?:are|come|came|is) (?:originally |all |mostly )?from (?-i:[A-Z][a-z]+)"
                                  r"|\b(?:interesting|unusual|lovely|beautiful|unique|exotic|different|cool) (?:sur)?name\b",
                                  re.I),
    "age": re.compile(r"\b(?:everyone|everybody|most of us|all of us|the team|we're all|we are all|the whole team)\b"
                      r"(?:\s+\S+){0,3}?\s+(?:under|over|in (?:their|our)) (?:\d{2}|twenty|thirty|forty|fifty|twenties|"
                      r"thirties|forties|20s|30s|40s)\b", re.I),
    "marital_status": re.compile(r"\b(?:noticed|saw|spotted|see|love) (?:the|your|a|that) (?:ring|wedding band)\b",
                                 re.I),
    "arrest_record": re.compile(r"\bwith a (?:past|record|criminal record)\b", re.I),
}


def stated_topic(sentence: str) -> tuple[str, str] | None:
    """The protected topic a statement raises by one of ``STATED_SHAPES``, with the words that show it."""
    return first_topic(STATED_SHAPES, sentence)


def shape_topic(sentence: str) -> tuple[str, str] | None:
    """The first protected topic the sentence asks about by one of these shapes, with the words that show it."""
    return first_topic(SHAPES, sentence)
