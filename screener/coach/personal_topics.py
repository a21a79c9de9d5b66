"""Protected topics read by concept: the shape of a question about the candidate's own life, not a phrase list.

``unlawful``'s lexicons name the protected questions the way dev interviewers worded them; a new interviewer
says the same thing another way ("were you already working when the iPhone came out?", "any surgeries
recently?", "what's the origin of your surname?"). Here each topic is a *cue* (a family of words, plurals and
inflections included) that only counts inside a *frame* that puts it to the candidate as a person: their own
body, years, home or birth, asked about them ("you", "your"). A cue about the work ("the model's age feature",
"the back end", "a stress test") does not meet its frame, so it is no question about the person.

These run after the lexicons, on a sentence already put to the candidate and addressed to them, and outside
every lawful look-alike span of the topic (``unlawful.LAWFUL``). Each pattern is one regular expression without
nested repetition: linear in the sentence.
"""

from __future__ import annotations

import re

from .text import first_topic

# how many words may sit between two parts of a frame ("when did you finally wrap up your bachelor's")
_GAP = r"(?:\s+\S+){0,5}?\s+"
_EDUCATION = (r"(?:bachelor'?s?|master'?s?|undergrad\w*|degree|diploma|a[- ]levels?|gcses?|high school|secondary "
              r"school|school|college|university|uni|phd|doctorate|studies|course)")

# Countries, said as where the candidate or their family is from ("You're from Nigeria, right?")
_COUNTRIES = (r"(?:india|china|pakistan|nigeria|poland|mexico|ireland|italy|france|germany|spain|russia|ukraine|"
              r"brazil|korea|japan|vietnam|the philippines|iran|turkey|greece|africa|europe|asia|the middle east|"
              r"latin america|south america|the caribbean|jamaica|ghana|kenya|egypt|israel|lebanon|syria|"
              r"bangladesh|nepal|thailand|indonesia|malaysia|portugal|romania|bulgaria|hungary|serbia|croatia|"
              r"albania|colombia|argentina|venezuela|cuba|peru|chile|ethiopia|somalia|morocco|algeria|"
              r"afghanistan|iraq|saudi arabia|sri lanka|taiwan|eritrea|sudan|uganda|zimbabwe|lisbon|lagos|"
              r"mumbai|delhi|karachi|beijing|shanghai|warsaw|kyiv|cairo|tehran|manila|dhaka|abroad|overseas|"
              r"the subcontinent|the uk|uk|the us|us|usa|the states|britain|england|scotland|wales|canada|america|"
              r"australia|this country|the country)")
CONCEPTS: dict[str, re.Pattern[str]] = {
    # the candidate's years: when they studied, how long until they stop, how they compare with the young, what
    # they were doing when something long ago happened
    "age": re.compile(
        r"\b(?:what|which) year\b" + _GAP + r"(?:you|your)\b(?:\s+\S+){0,4}?\s+(?:" + _EDUCATION
        + r"|graduat\w*)\b"
        r"|\b(?:when|how long ago|how many years ago)\b" + _GAP + r"(?:you|your)\b(?:\s+\S+){0,4}?\s+(?:graduat\w*|"
        r"wrap\w* up|finish\w*|complet\w*|leav\w*|left|start\w*|got|get)\s+(?:\w+\s+)?(?:your\s+|from\s+|at\s+)?"
        + _EDUCATION + r"\b"
        r"|\b(?:were|was) you (?:already |even |still |just )?(?:born|alive|around|working|in (?:(?:high|primary|"
        r"middle|secondary|grade|junior) school|school|college|university|uni|nappies|diapers)|at (?:school|college|"
        r"university|uni)|old enough|a (?:kid|child|teenager|teen|baby|toddler|student))\b.*\bwhen\b"
        # what the candidate was doing at an event of an era: a date of their life, not of the work
        r"|\b(?:what were you (?:doing|up to)|where were you|how old were you)\b.*\bwhen\b.*\b(?:y2k|the millennium|"
        r"9/11|the berlin wall|the moon landing|windows 95|the (?:first )?iphone|dial-?up|the dot-?com|the (?:seventies|"
        r"eighties|nineties)|the (?:2008 )?financial crisis)\b"
        r"|\bhow (?:many )?decades?\b|\bbefore your time\b|\bhow old (?:are|is|were|was) your\b"
        r"|\b(?:start|end|beginning|twilight|tail end|close|latter part|later stages?|back half|home stretch|"
        r"autumn) of (?:your|a) (?:career|working life)\b"
        r"|\b(?:working|career|good) years\b(?:\s+\S+){0,6}?\s+left\b|\bleft in you\b"
        r"|\byears?\b(?:\s+\S+){0,4}?\s+(?:you've got|you have|you've|you'd have) (?:got )?left\b"
        r"|\b(?:before|until|till) you(?:'d| would| will|'ll)?(?:\s+\S+){0,3}?\s+(?:retir\w*|hang up|call it a (?:day|"
        r"career)|call it quits|pack it in|stop working|slow down|wind down)\b"
        r"|\b(?:your|you're|you) (?:\S+\s+){0,3}?(?:retirement(?!\s+of\s+(?:the|a|an|our|that|this|its|their)\b)|retiring(?!\s+(?:the|a|an|that|this|it|our|them|"
        r"those|these|old|legacy|some|any|\w+s)\b)|retire(?=\s*(?:[?.!,]|$|early|soon|in \d|at \d|when|before|by)))"
        r"|\bage (?:gap|difference) (?:between you|between us|with (?:you|your))\b|\b(?:your|the) (?:youngest|oldest) (?:teammate|colleague|person|one)\b"
        r"|\b(?:relate to|fit in with|keep up with|get on with|gel with)\b(?:\s+\S+){0,4}?"
        r"\s+(?:young(?:er)?|fresh out of|straight out of|new grads?|recent grads?|twenty-?somethings?|kids|"
        r"people half your age|people (?:much )?younger)\b"
        r"|\b(?:you're|you are|you'd be|you must be) (?:a |an |from )?(?:\S+\s+)?(?:generation|vintage|age group)\b"
        r"|\bwhat (?:generation|vintage|age group) are you\b",
        re.I),
    # the candidate's body and health: operations, time off ill or stressed, a part of the body that could be
    # "a problem", appointments, what they suffer from
    "disability_health": re.compile(
        r"\b(?:surger(?:y|ies)|operations? on (?:your|my|the)? ?(?:back|knee|hip|eyes?|heart|leg|arm|shoulder)|"
        r"(?:been|got|get|were|was) diagnosed|diagnosed with|(?:see|seeing|saw|visit\w*) (?:a|the|your) "
        r"(?:doctor|specialist|therapist|gp|consultant)|(?:doctor'?s?|medical|hospital|clinic) appointments?)\b"
        r"|\b(?:time|days?|weeks?|months?) off\b(?:\s+\S+){0,4}?\s+(?:for |with |because of |due to )(?:\w+\s+)?"
        r"(?:stress|illness|sickness|health|medical|mental|burn-?out|an? (?:illness|injury|condition|breakdown))\b"
        r"|\b(?:off (?:work )?(?:with|for) (?:stress|illness|sickness|burn-?out|an? injury|your health))\b"
        r"|\byour (?:back(?![- ]?(?:end|office|up|log|fill|pressure|ground|port|stop))|knees?|eyes|eyesight|hearing|"
        r"heart|wrists?|legs?|joints?|nerves)\b(?:\s+\S+){0,6}?\s+(?:problem|issue|trouble|hold up|holding up|cope|"
        r"coping|ok|okay|alright|up to|manage|bad|painful|pain|affect|stop|limit)\w*\b"
        r"|\b(?:any|your) (?:long-?term health|physical|mental|medical|health) (?:conditions?|issues?|problems?|"
        r"limitations?|needs)\b"
        r"|\b(?:you(?:'ve| have)?|ever) been signed off\b|\bsigned off (?:work|sick|ill)\b|\bable[- ]bodied\b"
        r"|\b(?:do|did|have) you (?:ever )?(?:suffer|suffered) (?:from|with)\b(?!\s+(?:the|a|an|over\w*|under\w*|data|"
        r"label|class|drift|cold|latency|noise|leak\w*|bias)\b)",
        re.I),
    # where the candidate (not the data) comes from: the origin of their name, their people, their roots
    "national_origin": re.compile(
        r"\b(?:origins?|roots|heritage|ancestry|background)\b(?:\s+\S+){0,2}?\s+(?:of )?your "
        r"(?:last |family |sur|first |)name\b"
        r"|\b(?:story|history|meaning|significance) (?:behind|of) your (?:last |family |sur|first )?name\b"
        r"|\byour (?:last |family |sur|first )?name\b(?!\s+(?:for|of)\b)(?:\s+\S+){0,3}?\s+(?:origin\w*|come from|"
        r"from|mean|"
        r"derive\w*)\b"
        r"|\b(?:your|you're|you are) (?:roots|people|folks|parents|grandparents|family)\b(?:\s+\S+){0,3}?\s+"
        r"(?:from|originally|back in|over there)\b"
        r"|\bwhere\b(?:\s+\S+){0,3}?\s+(?:your|you're) (?:roots|people|folks|parents|grandparents)\b"
        r"|\bhow long have you (?:been|lived|been living)(?: here)? in " + _COUNTRIES + r"\b"
        r"|\b(?:move|moved|moving|came|come|coming|emigrat\w*|immigrat\w*)(?: over| here| to \w+)? from " + _COUNTRIES
        + r"\b|\b(?:which|what) (?:country|countries|part of the world|city|town)\b(?:\s+\S+){0,3}?\s+(?:grow up|"
        r"grew up|raised|brought up|born|from)\b|\bwere you (?:raised|brought up|born and raised)\b"
        r"|\b(?:racial|ethnic) (?:background|origin|origins|heritage|make-?up|identity)\b"
        r"|\b(?:when|how long ago|what year|which year)\b(?:\s+\S+){0,3}?\s+(?:come|came|move|moved|arrive|arrived|"
        r"emigrate|emigrated|immigrate|immigrated)(?: over)?(?: here)? (?:to|in) " + _COUNTRIES + r"\b"
        r"|\b(?:speak|speaks|your) english\b(?:\s+\S+){0,2}?\s+(?:really |so |very |incredibly )?(?:well|good|"
        r"fluent\w*|perfect\w*)\b",
        re.I),
    # whether the candidate was always the sex they are now
    "gender": re.compile(
        r"\b(?:were you|have you) always (?:been )?(?:a )?(?:woman|man|girl|boy|female|male)\b"
        r"|\bwhat (?:were you|was your name) (?:called )?before\b|\byour (?:birth|dead) ?name\b"
        r"|\bassigned (?:\w+ )?at birth\b|\bare you (?:trans|non-?binary|cis)\b"
        r"|\bidentify as (?:a |an )?(?:woman|man|female|male|trans\w*|non-?binary|girl|boy)\b"
        r"|\bborn (?:as )?(?:a )?(?:man|woman|boy|girl|male|female)\b",
        re.I),
    # the candidate's belief and its practice: observant, devout, what they wear for it
    "religion": re.compile(
        r"\b(?:are you|you're|you are) (?:\w+ )?(?:observant|devout|practising|practicing|religious|a believer|"
        r"spiritual|a churchgoer)\b|\b(?:a )?(?:person|man|woman) of (?:faith|god)\b|\b(?:wear|wearing|wore) (?:a|the|your) (?:hijab|headscarf|turban|kippah|yarmulke|"
        r"niqab|burqa|cross|crucifix|rosary)\b",
        re.I),
    # how the candidate votes
    "political_affiliation": re.compile(
        r"\b(?:labour|tory|tories|conservative|liberal|green|reform|democrat|democratic|republican|lib dem|snp|ukip|"
        r"maga|socialist)s? (?:voter|supporter|member|party member|fan)s?\b|\bwhich way did you vote\b|"
        r"\bhow did you vote\b(?=\W*(?:[?.!,]|$|in the (?:last |general |)(?:election|referendum)))",
        re.I),
    # the candidate's contact with the police, however it is put
    "arrest_record": re.compile(
        r"^(?=.*\b(?:cops?|police|coppers?|the law|the feds)\b)(?=.*\b(?:run-?ins?|in trouble|picked up|pulled (?:in|over)|taken in|nicked|busted|booked|cuffed|"
        r"handcuffed|caught by)\b).*"
        r"|\b(?:picked up|pulled in|taken in|detained|held|kettled|arrested)\b(?:\s+\S+){0,3}?\s+(?:at|during|on|"
        r"for) (?:a |the |any )?(?:protests?|demos?|demonstrations?|march|marches|rally|rallies|riots?)\b"
        r"|\b(?:done|did|do|doing|served) (?:any )?(?:time|a stretch|porridge)\b(?=\W*(?:[?.!,]|$|inside))"
        r"|\b(?:ever|have you)\b(?:\s+\S+){0,3}?\s+(?:been )?(?:locked up|nicked|busted|cuffed|handcuffed|"
        r"in (?:a )?(?:cell|custody|lock-?up|the slammer))\b",
        re.I),
    # a baby coming, however it is put
    "pregnancy": re.compile(
        r"\b(?:baby|babies|little one|sprog)\b(?:\s+\S+){0,2}?\s+(?:on the way|"
        r"due|coming|planned|in the works|on the cards|on the horizon)\b|\b(?:mat|maternity|pat|paternity|parental) "
        r"leave\b|\ba new arrival\b|\bhow far along\b|\bin the family way\b",
        re.I),
    # whether the candidate has someone: attached, taken, single like the people a statement describes
    "marital_status": re.compile(
        r"\b(?:are you|you're|you are) (?:\w+ )?(?:attached|taken|spoken for|hitched|seeing (?:someone|somebody|anyone|"
        r"anybody)|dating (?:someone|somebody|anyone|anybody)|with someone|single)\b(?=\s*(?:[?.!,]|$|at the moment|"
        r"right now|currently|now|or\b))|\b(?:tie|tied|tying) the knot\b|\bwalk(?:ed|ing)? down the aisle\b"
        r"|\b(?:single|married|unmarried|divorced) (?:folks|people|guys|women|men|ones|candidates|types)\b"
        r"|\b(?:do|did) you live (?:alone|on your own|by yourself|with anyone|with someone|with your (?:partner|"
        r"boyfriend|girlfriend|husband|wife|fianc\w*|parents))\b",
        re.I),
    # the children's day: pick-ups, drop-offs, the school run
    "family": re.compile(
        r"\bschool (?:run|runs|pick-?ups?|drop-?offs?|gates?|holidays|hours)\b"
        # the household grown or minded: "grow your household", "who would look after things at home"
        r"|\b(?:grow|growing|expand|expanding|extend|extending|add to|adding to) (?:your|the) (?:family|household|"
        r"brood)\b|\b(?:look after|looks after|take care of|takes care of|mind|minds|cover|covers|hold the fort)\b"
        r"(?:\s+\S+){0,2}?\s+at home\b"
        r"|\b(?:pick|picking|drop|dropping|collect|collecting) (?:up |off )?(?:the|your) (?:kids|children|little ones?|"
        r"son|daughter|boy|girl)\b",
        re.I),
    # the candidate's pay, said back as a figure: "you were on about ninety k there"
    "salary_history": re.compile(
        r"\b(?:you|you're|you are|you were|were you|are you)\s+on\s+(?:about |around |roughly |like |maybe |"
        r"something like )?(?:[$\u00a3\u20ac]?\d[\d,.]*\s*k\b(?!\s*(?:requests?|qps|rps|tokens?|users?|rows|examples|"
        r"samples|items|docs|documents|queries|calls|gpus?|nodes|per|a (?:day|second|minute)))|[$\u00a3\u20ac]\d|\w+(?:[- ]\w+)?\s+(?:k|grand|"
        r"thousand)\b)",
        re.I),
    "union_membership": re.compile(
        r"\b(?:in|join\w*|member of|belong\w* to|active in|rep for|involved (?:in|with)) (?:the|a|any|your) (?:trade )?"
        r"union\b(?!\s+(?:of|over|find|type|types|query|operator|all))",
        re.I),
}

# shapes enough on their own (in a sentence put to the candidate): whose kids, whose country
ALONE: dict[str, re.Pattern[str]] = {
    "family": re.compile(r"\b(?:are|were|will|do|does|did|is|how are|how old are) the (?:kids|children|little ones?|"
                         r"baby|toddlers?|twins)\b(?!\s+(?:of|nodes?|spans?|tasks?|processes|jobs?|rows?|tables?))"
                         # "Is there someone who can pick up the children?": whose children is plain
                         r"|\b(?:pick|collect|fetch|drop) (?:up |off )?the (?:kids|children|little ones)\b"
                         r"|\b(?:who(?:'s| is| will be| looks after| minds)|anyone|someone) (?:at home )?with the (?:kids|"
                         r"children|little ones|baby)\b", re.I),
    "national_origin": re.compile(
        r"\b(?:you're|you are|you were|you was|your (?:family|parents|folks|people)(?: is| are| were)?|"
        r"(?:are|were) you|is your (?:family|name)|you come|you came)\s+(?:originally |all |both )?from\s+"
        + _COUNTRIES + r"\b",
        re.I),
    # "Is the wheelchair going to be an issue?": the aid or condition the interviewer can see is the candidate's
    "disability_health": re.compile(
        r"\b(?:is|will|would|does|did|has) (?:the|your|that) (?:wheelchair|cane|walking stick|crutches|hearing aid|"
        r"guide dog|stammer|stutter|limp|prosthetic|condition|illness|injury|disability|diagnosis)\b", re.I),
    # "Is it Miss or Mrs?": the title asked for says whether she is married
    "marital_status": re.compile(r"\b(?:miss|mrs|ms)\.?\s+or\s+(?:miss|mrs|ms|mr)\b|\bmr\.?\s+(?:or|and)\s+(?:mrs|miss|ms)\b",
                                 re.I),
}


def concept_topic(sentence: str) -> tuple[str, str] | None:
    """The first protected topic the sentence asks about by concept, with the words that show it, or None."""
    return first_topic(CONCEPTS, sentence) or alone_topic(sentence)


def alone_topic(sentence: str) -> tuple[str, str] | None:
    """A protected topic whose shape alone says it is about the candidate's own life (no "you" needed)."""
    return first_topic(ALONE, sentence)
