"""Questions an employer must not ask a candidate: the turn, the topic and why.

Each topic has *phrases* that are enough on their own ("how old are you", "are you pregnant") and *pairs*:
a word of the first group and a word of the second in the same sentence ("kids" + "plan", "born" + "where").
A sentence only counts when it is put to the candidate (a question, a request, or addressed to "you"), and
not when it is a lawful look-alike: work authorisation and visa sponsorship, salary *expectations*, "are you
over 18", whether the candidate can do the job's essential functions with or without an accommodation, or an
offer of accommodations for the interview itself. Matching is one pass over the words (``PhraseIndex``).

The law differs by place; the reasons name the US (EEOC, ADEA, ADA, PDA, state salary-history bans) and the
UK (Equality Act 2010) as the common references. The report says what to ask instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..offline.phrases import PhraseIndex
from .euphemisms import euphemism_topic
from .lawful_shapes import lawful_spans
from .life_shapes import DEMONYMS, shape_topic, stated_topic
from .personal_topics import alone_topic, concept_topic
from .text import sentences, words
from .topic_words import family_topic

# topic -> (why it must not be asked, what to ask instead)
WHY: dict[str, tuple[str, str]] = {
    "age": ("age is protected (ADEA in the US from 40; Equality Act 2010 in the UK); the answer can only be used "
            "to discriminate", "if a minimum age is a legal requirement, ask only whether they are over 18"),
    "family": ("pregnancy, children and plans for a family are protected (Pregnancy Discrimination Act, Title VII; "
               "Equality Act 2010) and the question is asked mostly of women",
               "state the schedule and travel the job needs and ask whether they can meet it, of every candidate"),
    "pregnancy": ("pregnancy and maternity are protected (Pregnancy Discrimination Act; Equality Act 2010); "
                  "a question about it can only be used to discriminate",
                  "state the start date and schedule the job needs and ask whether they can meet them"),
    "union_membership": ("trade-union membership is protected (NLRA in the US; Trade Union and Labour Relations "
                         "Act 1992 in the UK)", "leave it out"),
    "political_affiliation": ("political opinion and affiliation are protected in several US states and many "
                              "countries (philosophical belief under the Equality Act 2010)", "leave it out"),
    "marital_status": ("marital status is protected in many US states and under the Equality Act 2010 "
                       "(marriage and civil partnership); it says nothing about the work",
                       "leave it out; ask about the job's requirements instead"),
    "religion": ("religion is protected (Title VII; Equality Act 2010); questions about belief or observance "
                 "invite religious discrimination", "state the working days and hours and ask whether they can work "
                                                    "them"),
    "national_origin": ("national origin, ancestry, citizenship and native language are protected (Title VII, "
                        "IRCA; Equality Act 2010: race and nationality)",
                        "ask only whether they are authorised to work in the country (and need sponsorship), and "
                        "about the languages the job needs"),
    "disability_health": ("disability and health are protected (ADA: no medical questions before an offer; "
                          "Equality Act 2010 s.60)",
                          "describe the job's essential functions and ask whether they can perform them, with or "
                          "without a reasonable accommodation"),
    "arrest_record": ("an arrest is not a conviction; EEOC guidance and many state and city laws (ban-the-box) "
                      "bar asking about arrests, and often any criminal history before an offer",
                      "leave it to a lawful background check after a conditional offer, where the law allows"),
    "salary_history": ("asking for current or past pay is banned in many US states and cities (e.g. California, "
                       "New York, Massachusetts, Colorado) and carries past pay gaps forward",
                       "ask for their salary expectations, or state the range for the role"),
    "sexual_orientation": ("sexual orientation and gender identity are protected (Title VII after Bostock; "
                           "Equality Act 2010)", "leave it out"),
    "gender": ("sex and gender identity are protected (Title VII; Equality Act 2010)", "leave it out"),
    "race": ("race and colour are protected (Title VII; Equality Act 2010)", "leave it out"),
    "other": ("credit and debt history, military discharge type and home ownership are restricted in many places "
              "(state and city credit-check bans, EEOC guidance on discharge and arrest proxies) and say nothing "
              "about the work", "leave it out; where the role legally requires a check, leave it to that check"),
}

# how a topic reads in a report (the id otherwise, its underscores as spaces)
TOPIC_LABELS: dict[str, str] = {
    "disability_health": "disability or health", "salary_history": "salary history",
    "arrest_record": "arrest record", "union_membership": "union membership",
    "political_affiliation": "political affiliation", "sexual_orientation": "sexual orientation",
    "national_origin": "national origin", "marital_status": "marital status",
    "other": "credit, debt, military discharge or housing",
}


def topic_label(topic: str) -> str:
    """A topic as a report names it ("other" says what it covers)."""
    return TOPIC_LABELS.get(topic, topic.replace("_", " "))


# phrases enough on their own (matched on whole words, case-insensitive)
PHRASES: dict[str, tuple[str, ...]] = {
    "age": (
        "how old then", "be how old", "been how old", "how old would", "year's cohort", "cohort were you in", "what cohort", "which cohort",
        "birth year", "year of birth", "gen x", "gen y", "generation x", "generation y", "gen alpha", "age-wise", "age wise", "twenty-somethings", "twenty somethings", "twentysomethings", "twentysomething", "year did you graduate", "when did you graduate", "year did you get your", "year you graduated", "graduation year", "your first degree", "what year did you finish", "how young", "age bracket",
        "how old are you", "how old were you", "what's your age", "what is your age", "your age", "year were you born",
        "when were you born", "what year did you graduate from high school", "when did you finish school",
        "when did you graduate from high school", "your date of birth", "date of birth", "birth date",
        "birthday", "close to retirement", "near retirement", "nearing retirement", "planning to retire",
        "plan to retire", "thinking about retirement", "thinking of retiring", "too old", "a bit older",
        "older than the rest", "younger than", "older than", "digital native", "how many years until you retire",
        "what generation", "are you closer to", "fifty-something", "fifty something",
        "forty-something", "forty something", "sixty-something", "sixty something", "you must be what", "are you over forty", "are you over fifty",
        "are you under thirty", "are you under forty", "millennial", "boomer", "gen z", "in your twenties", "in your thirties",
        "in your forties", "in your fifties", "in your sixties", "at your age", "at your stage of life",
        "how long until you retire", "how long before you retire", "energy of a younger", "keep up with the younger",
        "old enough to", "are you over 40", "are you over forty", "are you under 40", "your generation",
    ),
    "family": (
        "who do you live with", "who you live with", "who are you living with", "parents live with you", "time off to look after", "time off to care for", "to look after her", "to look after him", "to look after them",
        "plans for kids", "plans for children", "plan for kids", "plan for children", "any kids", "kids soon", "children soon", "want kids", "want children", "wanting kids", "family planning", "kids yet", "children yet", "kids in the future", "children in the future",
        "have kids", "have children", "any kids", "any children", "got kids", "got children",
        "your kids", "your children", "start a family", "starting a family", "family plans", "plans for a family",
        "plan to have", "planning to have", "planning on having", "plan on having", "thinking of having kids",
        "paternity leave", "take parental leave", "childcare", "child care", "babysitter", "nanny",
        "school run", "who looks after", "who will look after", "who takes care of the kids", "stay at home",
        "family commitments", "family obligations", "family situation", "family responsibilities",
        "caring responsibilities", "caregiving", "dependants", "dependents", "how many kids", "how many children",
        "kids at home", "children at home", "more kids", "more children", "little ones", "biological clock",
        "daycare", "day care", "depends on you", "depend on you", "depending on you", "anyone at home",
        "elderly parents", "ageing parents", "aging parents", "elderly parent", "care of your", "look after your",
        "looks after your", "looking after your", "caring for your", "care for your", "carer", "caregiver",
        "single parent", "single mom", "single mum", "single mother", "single father", "single dad",
        "a mother", "a mum", "a mom", "working mom", "working mum", "working mother",
    ),
    "pregnancy": (
        "breastfeeding", "breast feeding", "breast-feeding", "still nursing", "nursing mother",
        "bun in the oven", "are you pregnant", "pregnant", "pregnancy", "expecting a baby", "expecting a child", "having a baby",
        "have a baby", "baby on the way", "trying for a baby", "trying to conceive", "ivf", "fertility",
        "when are you due", "when's the baby due", "when is the baby due", "your due date", "due date",
        "maternity leave", "maternity", "plan around the leave", "plan around your leave", "are you expecting",
        "you're expecting", "you are expecting", "morning sickness", "bump", "baby due",
    ),
    "union_membership": (
        "non-union", "non union", "organising push", "organizing push", "organising drive", "organizing drive", "union drive", "unionising", "unionizing", "unionise", "unionize",
        "trade union", "labour union", "labor union", "union member", "member of a union", "member of the union",
        "member of any union", "in any union", "belong to a union", "belong to any union", "part of a union",
        "union membership", "in a union", "join a union", "joined a union", "join the union", "unionised",
        "unionized", "union activity", "union activities", "union rep", "shop steward",
    ),
    "political_affiliation": (
        "green party", "labour party", "conservative party", "tory party", "reform party", "lib dem", "lib dems", "libertarian", "party types",
        "political party", "who did you vote", "who do you vote", "who will you vote", "did you vote",
        "your politics", "political views", "political affiliation", "conservative or liberal", "republican",
        "democrat", "labour or tory", "tory or labour", "left or right politically", "do you vote", "how do you vote",
        "vote labour", "vote conservative", "vote tory", "vote green", "vote democrat", "vote republican",
        "labour or conservative", "conservative or labour", "voted for", "your vote", "political leanings",
        "lean politically", "politically", "support trump", "support biden",
    ),
    "marital_status": (
        "is there a mr", "is there a mrs", "is there a husband", "is there a wife", "someone special", "have a husband", "have a wife", "a husband", "a wife", "wedding ring", "are you with someone", "settled down", "settle down",
        "are you married", "you married", "get married", "getting married", "marital status", "maiden name",
        "your husband", "your wife", "your spouse", "your fiance", "your fiancee", "your fiancé", "your fiancée",
        "husband or wife", "wife or husband", "are you single", "you single", "engaged to", "are you engaged",
        "divorced", "widowed", "separated from", "significant other", "your partner", "live with your partner",
        "are you seeing anyone", "relationship status", "in a relationship", "mrs or miss", "miss or mrs",
        "mrs miss or ms", "ms or mrs", "wedding", "married", "newlywed",
    ),
    "religion": (
        "diwali", "eid", "hanukkah", "passover", "yom kippur", "rosh hashanah", "good friday", "lent", "vaisakhi", "navratri", "easter", "christmas",
        "religion", "religious", "your faith", "what faith", "go to church", "attend church", "church",
        "mosque", "synagogue", "temple", "pray", "prayer", "prayers", "observe any holidays", "holidays do you observe",
        "holidays you observe", "religious holidays", "holidays do you celebrate", "holidays you celebrate",
        "which holidays", "what holidays", "celebrate christmas", "celebrate eid", "celebrate diwali",
        "ramadan", "fasting", "sabbath", "shabbat", "kosher", "halal", "christian", "muslim", "jewish", "hindu",
        "buddhist", "sikh", "catholic", "protestant", "atheist", "believe in god", "god", "spiritual", "headscarf",
        "hijab", "turban", "yarmulke", "denomination", "worship", "pastor", "rabbi", "imam", "priest",
        "sunday service", "sunday mass", "friday prayers", "beliefs",
    ),
    "national_origin": (
        "immigrants", "refugee", "refugees", "born here", "were you born here", "were you born in", "an accent", "that accent", "what accent", "which accent", "accent is that", "where's the accent", "where is the accent",
        "where are you from", "where are you originally from", "really from", "where are you really",
        "from originally", "where's it from", "where is it from", "where's your accent", "accent from", "where you're from originally", "where you are from",
        "originally from", "come from originally", "came from originally", "where were you born",
        "come to this country", "came to this country", "move to this country", "moved to this country",
        "arrive in this country", "arrived in this country", "first come to", "in this country",
        "surname", "last name from", "family name", "what kind of name is", "where was you born", "born in", "where did you grow up",
        "where'd you grow up", "grew up where", "your accent", "that accent", "the accent", "native language",
        "first language", "mother tongue", "native speaker", "native english", "your nationality", "nationality",
        "what country", "which country", "home country", "back home", "your parents from", "your family from",
        "your heritage", "heritage", "ancestry", "ethnic", "ethnicity", "ethnic background", "where's that name from",
        "where is that name from", "your name from", "that name from", "what kind of name", "origin of your name",
        "us citizen", "u s citizen", "american citizen", "british citizen", "a citizen", "citizenship",
        "green card holder", "are you a citizen", "immigrant", "immigrate", "immigrated", "emigrate", "emigrated",
        "foreigner", "go back to", "moving back to", "learn english", "learned english", "english so well",
        "speak english so", "english is very good", "your english is", "passport", "country of birth",
    ),
    "disability_health": (
        "unwell", "mental health history", "nervous breakdown", "a breakdown?", "had a breakdown", "or a breakdown", "stammer", "stutter", "your stammer", "your stutter",
        "neurodivergent", "neurodiverse", "neurodiversity", "on the spectrum", "disability", "disabilities", "disabled", "handicap", "handicapped", "medical condition", "medical conditions",
        "health condition", "health conditions", "health problems", "health problem", "health issues",
        "health issue", "your health", "health history", "medical history", "medication", "medications",
        "prescription", "on any meds", "sick days", "sick leave", "days off sick", "off sick", "time off sick",
        "called in sick", "take off for illness", "mental health", "mental illness", "therapy", "therapist",
        "psychiatrist", "counselling", "counseling", "depression", "depressed", "anxiety", "bipolar", "adhd",
        "autism", "autistic", "dyslexia", "dyslexic", "chronic", "illness", "illnesses", "surgery", "operation",
        "hospital", "hospitalised", "hospitalized", "injury", "injuries", "injured", "workers comp",
        "workers compensation", "wheelchair", "hearing aid", "eyesight", "blind", "deaf", "limp", "cancer",
        "diabetes", "hiv", "drink alcohol", "how much do you drink", "do you drink", "do you smoke",
        "smoker", "drug use", "use drugs", "rehab", "addiction", "alcoholic", "weight", "how tall", "your height",
        "genetic", "family history of", "burnout", "burned out", "burnt out", "stress leave", "long covid",
        "covid", "vaccinated", "vaccination", "vaccine", "physically able", "physical limitations",
        "any conditions", "conditions we should know", "fit and healthy", "healthy enough", "in good health",
        "good health", "health", "sick", "ill",
    ),
    "arrest_record": (
        "a caution", "any cautions", "been arrested", "ever arrested", "ever been arrested", "arrest record", "arrests", "arrested",
        "an arrest", "any arrests", "police record", "trouble with the police", "trouble with the law",
        "in trouble with the", "criminal record", "criminal history", "record with the police", "jail", "prison",
        "locked up", "charged with", "been charged", "ever charged", "booked by the police", "mugshot",
        "police custody", "detained by", "convicted", "conviction", "convictions", "a record",
        "any record", "run ins with", "run-ins with", "run in with", "run-in with", "felony", "misdemeanor",
        "misdemeanour", "dui", "dwi",
    ),
    "salary_history": (
        "how much are you on", "what are you on at the moment", "what are you on now", "what are you on currently", "what you're on now", "what you are on now", "earning before", "making before", "paid before", "previous compensation", "prior compensation", "last compensation", "previous pay", "last pay", "previous package", "last package",
        "current salary", "current pay", "current compensation", "current package", "current base",
        "current total comp", "current comp", "current wage", "current rate", "present salary", "existing salary",
        "previous salary", "last salary", "past salary", "prior salary", "former salary", "salary history",
        "pay history", "compensation history", "what do you make", "what are you making", "what were you making",
        "what were you paid", "what are you paid", "what you're paid", "what you are paid", "what you were paid",
        "what you make", "what you earn", "what you're making", "what you were making", "how much do you make",
        "how much do you earn", "how much are you earning", "how much were you earning", "how much did you earn",
        "how much did you make", "how much were you paid", "how much are you paid", "how much they pay you",
        "how much does your employer pay", "how much did they pay you", "what do they pay you", "what did they pay you",
        "what they pay you", "what they paid you", "pay you now", "paying you now", "paying you today",
        "paid at your last", "paid in your last", "paid in your current", "earning now", "earn now", "making now",
        "salary now", "salary at", "salary in your", "your salary", "your last pay", "your pay at",
        "your compensation at", "your pay slip", "pay stub", "payslip", "p60", "w2", "w 2", "last raise",
        "last bonus", "your bonus", "your base", "base salary", "current ctc", "your ctc", "last ctc",
        "your equity at",
    ),
    "sexual_orientation": (
        "out at work", "out to your colleagues", "out to your team",
        "sexual orientation", "orientation", "are you gay", "you gay", "gay", "lesbian", "bisexual", "straight",
        "homosexual", "heterosexual", "queer", "lgbt", "lgbtq", "same sex", "same-sex", "boyfriend", "girlfriend",
        "boyfriend or girlfriend", "girlfriend or boyfriend", "a man or a woman", "date men", "date women",
        "dating", "pride",
    ),
    "gender": (
        "a woman can", "can a woman", "a man can", "women can really", "men can really", "men are just", "men are naturally", "women are just", "women are naturally", "men are better", "women are better", "all-male", "all male team", "all-female", "all female team", "guys usually do better", "a man's name or a woman's", "a woman's name or a man's", "man's name or a woman's", "woman's name or a man's", "male name or a female", "female name or a male", "the only woman on", "the only man on", "only woman on the", "as a woman", "as a female",
        "transgender", "trans", "your gender", "what gender", "gender identity", "are you a man", "are you a woman",
        "your pronouns", "born a", "sex change", "transition", "transitioned", "male or female",
    ),
    "other": (
        "type of discharge", "kind of discharge", "honourably discharged", "honorably discharged",
        "dishonourable discharge", "dishonorable discharge", "military discharge", "discharge from the army",
        "discharge from the military", "bankruptcy", "declared bankrupt", "gone bankrupt", "bad debts", "bad debt",
        "county court judgment", "county court judgments", "county court judgement", "ccj", "ccjs", "credit score",
        "credit history", "credit rating", "your debts", "own your home", "own or rent", "rent or own",
        "homeowner", "own your own home",
    ),
    "race": (
        "only black", "the only black", "only white person", "only asian", "person of colour", "person of color", "older white", "white executives", "your hair", "straighten your hair", "natural hair",
        "your race", "what race", "racial", "skin colour", "skin color", "the colour of your", "the color of your",
        "black or white", "are you black", "are you white", "are you asian", "are you hispanic", "are you latino",
        "mixed race",
    ),
}

# Indirect phrasings, by topic: the proxies an interviewer reaches for instead of the protected question (the
# graduation year for age, who is at home for family, where an accent or a name is from, what the last job paid).
_DECADES = ("twenties", "thirties", "forties", "fifties", "sixties", "20s", "30s", "40s", "50s", "60s")
# nationalities and origins said of the candidate ("so you're Polish originally?", "is that a Nigerian name?");
# colours and continents that name a race are the race topic's
_DEMONYMS = DEMONYMS
INDIRECT: dict[str, tuple[str, ...]] = {
    "age": (
        "year did you get your degree", "when did you get your degree", "year did you leave",
        "when did you leave university", "when did you leave school", "when did you leave college",
        "when did you leave uni", "leave university", "left university", "leave school", "left school",
        "left college", "finish school", "finished school", "finish university", "finished university",
        "finish college", "finished college", "finish uni", "finished uni", "how long ago did you graduate",
        "how long ago did you finish", "how long ago did you leave", "how long ago did you qualify",
        "since you graduated", "since you left school", "since you left university", "since you finished school",
        "since you finished university", "since you qualified", "what decade", "which decade", "class of",
        "year of graduation", "graduated in what year", "which year did you graduate", "year were you at",
        "fit in with a young", "fit in with a fairly young", "fit in with a younger", "a young team",
        "a fairly young team", "a younger team", "quite a young team", "very young team", "youthful team",
        "must have been around when", "were you around when", "were you around for", "you must remember when",
        "old enough to remember", "you'd be what", "you would be what", "so you'd be", "how many years have you got left",
        "years left in you", "when did you start school", "first start working", "year did you start working",
        "year you started working", "year did you first start", "when did your career start", "go to high school",
        "went to high school", "high school and when", "when were you at school", "when were you at university",
        "when were you in school", "when were you at uni",
        *(f"{w}-{d}" for w in ("early", "mid", "late") for d in _DECADES),
        *(f"{w} {d}" for w in ("early", "mid", "late") for d in _DECADES),
    ),
    "national_origin": (
        "from around here", "from round here", "around here originally", "from here originally", "ethnically", "ethnic origin",
        "where your family is from", "where's your family from", "where is your family from",
        "where your parents are from", "where's your name from", "where does your name come from", "by birth",
        "that where you're from", "that where you are from", "been in the country", "in the country for",
        "how long have you lived here", "lived in this country", "living in this country", "still back in",
        "family back in", "family still in", "go back home", "going back home", "where's home for you",
        "where is home for you", "what origin", "origin is it", "origin is that", "name's origin",
        *(f"you're {d}" for d in _DEMONYMS), *(f"you are {d}" for d in _DEMONYMS), *(f"are you {d}" for d in _DEMONYMS),
        *(f"{d} name" for d in _DEMONYMS), *(f"{d} surname" for d in _DEMONYMS),
        *(f"{d} accent" for d in _DEMONYMS), *(f"{d} originally" for d in _DEMONYMS),
    ),
    "salary_history": (
        "what were you on at", "what were you on before", "what were you on in your", "what are you on at your",
        "what were you on there", "what were you on when", "were they paying you", "are they paying you",
        "they paying you", "your previous employer pay", "your last employer pay", "your current employer pay",
        "last employer pay you", "previous employer pay you", "previous job pay", "last job pay", "take home pay",
        "take-home pay", "your take home", "your band at", "what did you earn",
"earning at your", "making at your", "paid at your", "earn at your",
        "what you earned", "what you were earning", "what you're earning", "what you are earning",
        "your earnings", "earnings at", "your pay there", "pay at your last", "pay at your previous",
        "pay at your current",
    ),
    "religion": (
        "go to services", "attend services", "religious services", "place of worship", "services on the weekend",
        "services on sunday", "services on saturday", "services on friday", "go to mass", "attend mass",
        "observant", "do you observe", "practising", "practicing", "your church", "your mosque", "your temple",
        "your synagogue",
    ),
    "arrest_record": (
        "night in a cell", "in a cell", "police cell", "behind bars", "police caution", "cautioned by",
        "been inside", "served time", "doing time", "record we should know", "anything on your record",
        "on your record", "a record with", "criminal past", "brushes with the law", "brush with the law",
        "on the wrong side of the law",
    ),
    "pregnancy": (
        "plans for a baby", "baby soon", "a baby soon", "baby plans", "thinking about a baby",
        "thinking of a baby", "thinking about having a baby", "another baby", "expecting",
    ),
    "family": (
        "relying on you", "rely on you", "relies on you", "someone at home", "anybody at home", "people at home",
        "home by", "back home by", "pick up the kids", "picking up the kids", "school pickup", "school pick up",
        "nursery", "kids' bedtime", "bedtime", "young family", "a young family", "small children",
        "young children", "young kids", "little kids", "toddler", "toddlers", "newborn", "with a family",
    ),
}
_TITLES = ("mrs", "miss", "ms")
# more proxies: how long the candidate means to go on working, the children's school run, a title that says
# whether someone is married, the language they grew up with, what the last job paid under another name
MORE_INDIRECT: dict[str, tuple[str, ...]] = {
    "age": ("or winding down", "winding down your career", "wind down your career", "thinking of winding down",
            "planning to wind down", "many more years", "how many more years", "more years in you",
            "years of work left", "years of working left", "young crowd", "a young crowd", "young bunch",
            "in our twenties", "in our thirties", "in our 20s", "in our 30s", "stage of life", "stage in life",
            "thinking about slowing down", "thinking of slowing down", "ready to slow down", "time to slow down",
            "planning to slow down", "years do you think you have left", "years you have left", "have left in tech",
            "left in the industry", "grey hair", "gray hair", "dot-com days", "dot com days", "the dot-com",
            "year did you start university", "year did you start college", "year did you start uni",
            "when did you start university", "when did you start college", "recent grad", "recent graduate",
            "been around a while", "your retirement", "old are your parents", "leave high school", "left high school",
            "finish high school", "finished high school",
            *(f"are you over {n}" for n in ("45", "50", "55", "60", "65", "fifty", "sixty"))),
    "pregnancy": ("baby on the cards", "a baby in the plans", "baby in the plans", "baby on the way"),
    "family": ("pick up the children", "pick up your children", "pick up your kids", "pick the kids up",
               "pick the children up", "collect the kids", "collect the children", "collect your kids",
               "drop off the kids", "drop the kids off", "school drop-off", "school drop off", "kids from school",
               "children from school", "grow the family", "growing the family", "grow your family",
               "extend the family", "family bigger"),
    "marital_status": (*(f"{a} or {b}" for a in _TITLES for b in _TITLES if a != b), "other half", "better half",
                       "a partner who", "have a spouse", "a spouse who"),
    "sexual_orientation": ("his or her name", "her or his name"),
    "gender": ("always been a woman", "always been a man", "always been female", "always been male",
               "are you trans", "you are trans", "are you transgender"),
    "religion": ("hindu name", "muslim name", "jewish name", "sikh name", "islamic name", "catholic name"),
    "race": ("skin tone", "are you mixed", "what are you mixed"),
    "national_origin": ("native tongue", "mother language", "first tongue", "language you grew up",
                        "language did you grow up", "speak at home", "language at home", "where are they from",
                        "where were they born", "grow up speaking", "grew up speaking", "don't look local",
                        "look local", "you look foreign", "look like you're from", "been in the uk", "been in the us",
                        "been in the usa", "been in the states", "been in america", "been in britain",
                        "been in england", "been in canada", "been in australia", "been in germany",
                        "where do your parents live", "where does your family live", "your parents live",
                        "your family live", "green card", "move here from", "moved here from", "come here from", "came here from",
                        *(f"name {d}" for d in _DEMONYMS), *(f"surname {d}" for d in _DEMONYMS)),
    "disability_health": ("how's your back", "how is your back", "bad back", "back pain", "your back holding up",
                          "your back problem", "bad knees", "your knees", "your hearing", "hearing okay",
                          "hear properly", "how much do you weigh", "do you weigh", "your weight"),
    "union_membership": ("any unions", "unions or", "worker groups", "workers group", "workers' group",
                         "union involvement", "involved with a union", "involved in a union",
                         "involved with the union", "involved in the union", "union organising", "union organizing",
                         "about unions", "on unions", "of unions", "unionisation", "unionization", "union drive"),
    "political_affiliation": ("which party", "what party", "you usually vote", "who do you usually vote",
                              "you vote for", "you voted for", "vote for in the", "a tory", "a conservative",
                              "a liberal", "a socialist", "a leftie", "a lefty", "right-wing", "left-wing",
                              "right wing", "left wing", "brexit", "voted leave", "voted remain", "leave or remain",
                              "political group", "political groups", "political organisation",
                              "political organization", "politically active", "active in politics"),
    "salary_history": ("bringing home at", "bring home at", "brought home at", "taking home at", "take home at",
                       "bringing home in your", "taking home in your", "what were you bringing home",
                       "what are you bringing home", "what do you bring home", "what did you bring home",
                       "what do you take home", "what did you take home", "how much do you take home",
                       "how much did you take home", "how much were you bringing home",
                       "how much are you bringing home", "current day rate", "current hourly rate", "your day rate",
                       "your hourly rate", "current tc", "your tc", "your total comp", "current total compensation"),
}
# ... and the ways interviewers said them in interviewer_turns_dev_extra8.yaml (written blind, tuned on): a guess at
# the candidate's age, the paperwork of what they were paid, the marches and the race for mayor, what a woman or a
# man is "the kind of", debts and the discharge, and "single or taken"
_NUMBERS_OF_AGE = ("thirty", "forty", "fifty", "sixty", "seventy", "30", "40", "50", "60", "70")
DEV8_INDIRECT: dict[str, tuple[str, ...]] = {
    "age": tuple(f"pushing {n}" for n in _NUMBERS_OF_AGE),
    "union_membership": ("workers union", "workers' union", "would you join it", "would you join one", "collective bargaining push",
                         "rally colleagues", "rally your colleagues", "rally coworkers", "rally your coworkers",
                         "push for better pay as a group", "bargain collectively", "negotiate collectively"),
    "salary_history": ("w-2", "your w2", "year's w2", "p60", "payslip", "payslips", "pay slip", "pay slips",
                       "pay stub", "pay stubs", "paystub", "paystubs", "gross figure from", "so we don't lowball",
                       "what you're currently on", "what are you currently on", "what bracket were you",
                       "bracket were you in", "pay bracket were you", "salary bracket", "tax return"),
    "political_affiliation": ("the marches", "the march downtown", "the protests", "the protest downtown",
                              "go to the rally", "to the rallies", "who are you backing", "who you're backing",
                              "mayoral race", "the mayoral", "activist type", "activist types", "an activist"),
    "gender": ("kind of woman", "kind of man", "type of woman", "type of man", "sort of woman", "sort of man",
               "as a man,", "as a woman,", "a female manager", "a female boss", "a male manager", "a male boss",
               "women usually", "women tend to", "women prefer", "men usually", "men tend to", "men prefer",
               "they/them in your", "pronouns in your",
               # (dev_extra9: "Do you think a woman would cope with the pressure of this on-call rota?")
               "a woman would", "a man would", "would a woman", "would a man", "could a woman", "can a woman"),
    "other": ("loan application", "loan turned down", "loan refused", "refused credit", "denied credit",
              "outstanding debts", "outstanding debt", "in collections", "debt collectors", "garnished",
              "garnishment", "student loan debt", "your student loans", "student debt", "a mortgage on",
              "your mortgage", "renting or", "do you rent", "rent or own", "own your home", "own your place",
              "discharge honourable", "discharge honorable", "honourable discharge", "honorable discharge",
              "dishonourable", "dishonorable", "your discharge", "type of discharge"),
    "race": ("racial makeup", "racial background", "your race", "what race"),
    "marital_status": ("single or taken", "taken or single", "are you single", "seeing anyone", "dating anyone",
                       "are you taken"),
}
# what women (or men) "usually" do is said of the candidate's sex, whatever work follows ("Women usually prefer the
# data-labelling side"): a data word after it is the object of the verb, not data named
_GENERALISATIONS = frozenset(p for p in DEV8_INDIRECT["gender"] if p.startswith(("women ", "men ")))
for _topic, _more in DEV8_INDIRECT.items():
    MORE_INDIRECT[_topic] = (*MORE_INDIRECT.get(_topic, ()), *_more)
for _topic, _more in MORE_INDIRECT.items():
    INDIRECT[_topic] = (*INDIRECT.get(_topic, ()), *_more)
for _topic, _more in INDIRECT.items():
    PHRASES[_topic] = (*PHRASES[_topic], *_more)
# holidays said as dates ("did you ship it before Christmas?", "the Ramadan traffic spike") are no question about
# belief: a holiday's name counts only beside a cue of observing it (celebrate, fast, time off for it)
_HOLIDAYS = frozenset({"diwali", "eid", "hanukkah", "passover", "yom kippur", "rosh hashanah", "good friday", "lent",
                       "vaisakhi", "navratri", "easter", "christmas", "ramadan", "sabbath", "shabbat"})
_OBSERVING = re.compile(r"\b(?:celebrat\w*|observ\w*|fast|fasting|practi[cs]\w*|time off|days? off|leave for|"
                        r"off for|take off|need off|religious|faith|pray\w*|worship\w*|church|mosque|temple|"
                        r"synagogue|keep|kept|mark|marking|family|big thing|thing|problem|for you|affect\w*|your hours|your schedule|"
                        r"get in the way|clash\w*|what do you do (?:for|at|over|on))\b",
                        re.I)
# an indirect phrase of three words or more is specific enough to count even where it overlaps a look-alike
_LONG_INDIRECT = frozenset(p for more in INDIRECT.values() for p in more if len(p.split()) >= 3)

# word pairs: one word of ``a`` and one of ``b`` in the same sentence
PAIRS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # whether the men (or the women) of the team would take direction from the candidate (a gender stereotype)
    "gender": (("guys", "the lads", "the men", "the women", "the girls", "the ladies"),
               ("take direction from you", "take directions from you", "take orders from you",
                "take instructions from you", "take instruction from you", "listen to you", "report to you",
                "respect you", "work under you")),
    "age": (("old", "older", "age", "young", "younger", "retire", "retirement"),
            ("are you", "were you", "you are", "you're", "you were", "will you be", "you'll be", "you look")),
    "family": (("kids", "children", "child", "baby", "babies", "family", "son", "daughter", "pregnant", "maternity",
                "paternity", "mum", "mom", "mother", "father", "dad", "parent"),
               ("you", "your", "you're", "plan", "plans", "planning", "soon", "home")),
    "national_origin": (("born", "grew up", "accent", "nationality", "citizen", "originally", "ancestors",
                         "heritage", "roots", "ethnicity"),
                        ("where", "which country", "what country", "really", "parents", "family", "is that",
                         "what kind", "what type")),
    "arrest_record": (("arrested", "arrest", "police", "criminal", "convicted", "jail", "prison", "charged"),
                      ("you", "your", "ever")),
    # "make" and "making" are left out: "making things up more this month than last" is no pay question
    "salary_history": (("salary", "paid", "pay", "paying", "pays", "earn", "earning", "earned", "compensation",
                        "comp", "package", "ctc", "wage", "wages", "bonus", "bonuses", "raise", "payrise",
                        "pay rise"),
                       ("current", "currently", "now", "last", "previous", "before", "were", "today", "present",
                        "existing", "old", "prior", "former", "at")),
    "disability_health": (("health", "medical", "sick", "illness", "condition", "conditions", "disability",
                           "injury", "medication"),
                          ("you", "your", "any")),
}

# a pair counts only when the sentence also has one of these (it is about the candidate, not about the product)
_ADDRESSED = ("you", "your", "you're", "yourself", "you've", "you'd", "you'll",
              # put to the candidate without a "you": "Any childcare arrangements we should know about?"
              "we should know", "we need to know", "should we know", "we ought to know", "we should be aware",
              "should we be aware", "worth us knowing", "we'd need to know", "we would need to know",
              "we need to be aware",
              # "Any plans to go on maternity leave next year?"
              "any plans to", "any plans for", "plans to go on",
              # "Any health stuff we should plan around?", "Any history of burnout?"
              "plan around", "planning around", "work around", "any history of", "history of any")

# Lawful look-alikes: inside one of these spans no phrase or pair word of the named topics counts.
LAWFUL: dict[str, tuple[str, ...]] = {
    # a vote on the work: "How did you vote on the design review?"
    "political_affiliation": ("vote on the", "vote on a", "vote on it", "vote on that", "vote on this",
                              "voted on the", "voted on a", "vote in the review", "vote in the design",
                              # a party to a contract: "which party typically owns the fine-tuned weights?"
                              "which party typically", "which party owns", "which party is responsible",
                              "which party pays", "which party holds", "party to the contract", "party in a contract"),
    "national_origin": (
        "non-native", "non native", "accented speech", "accent robustness", "accents", "by accent", "per accent",
        "each accent", "accent group", "accent groups",
        "authorised to work", "authorized to work", "authorisation to work", "authorization to work",
        "work authorisation", "work authorization", "right to work", "legally able to work", "eligible to work",
        "eligibility to work", "permitted to work", "allowed to work", "visa sponsorship", "need sponsorship",
        "require sponsorship", "need a visa", "need visa", "require a visa", "sponsor your visa", "sponsor a visa",
        "work permit", "working visa", "work visa", "visa status", "sponsorship", "which languages do you speak",
        "what languages do you speak", "languages do you speak", "speak any other languages",
        "other languages", "where are you based", "where you're based", "where are you located", "where do you live",
        "based where", "based in", "time zone", "timezone", "what country are you in", "which country are you in",
        "country are you working from", "relocate", "relocation", "from a data", "from a product", "from the team",
        "from the data", "come from", "came from", "where did the data", "where the data", "where did that data",
        "from the logs", "where did it come from", "where did they come from", "where did the labels",
        "where do the", "where did the", "from your team", "which country did the", "what country did the",
        "country the users", "countries the", "what country was the", "which country was the", "users from",
        "customers from", "which team", "from your previous", "from your last", "from your cv", "from the cv",
        "on your cv", "hear from", "hear from you", "heard from", "where did you study", "where did you work",
        "where did you learn", "where'd you learn", "grew the", "grew to", "grew from", "grew by", "born out of",
        "born from", "name of the", "names of the", "the name", "what's the name", "what is the name", "name for",
        "named", "background in", "your background", "technical background", "engineering background",
        "professional background", "work background", "background with", "background on", "background of the",
        "first language model", "native app", "native apps", "native integration", "cloud native",
        "cloud-native", "native tool", "native function", "native support", "natively", "native tool calling",
        "native json", "native structured",
    ),
    "pregnancy": (
        "bump in", "a bump", "bump up", "bump the", "bumped", "version bump", "bump it",
        # "When are you due to start?", "When are you due back?": a date of the job, not a baby's
        "due to", "due back", "due for", "due on", "due at", "due in", "due by", "due a",
        "are you expecting in", "are you expecting for", "are you expecting from", "are you expecting as",
        "are you expecting to", "what are you expecting", "are you expecting salary", "are you expecting a salary",
    ),
    "age": (
        "at least 18 years old", "over 18 years old", "18 years old", "18 years of age", "eighteen years old", "at least eighteen",
        "over 18", "over eighteen", "over the age of 18", "at least 18", "18 or older", "18 or over",
        "legal working age", "minimum age", "age of the data", "age of the model", "age of the index",
        "how old is the data", "how old was the data", "how old is the index", "how old was the index",
        "how old is the model", "how old was the model", "how old were the", "how old is the", "how old was the",
        "how old are the", "older model", "older models", "older version", "older versions", "older data",
        "older documents", "older pages", "older prompt", "older prompts", "older system", "older one",
        "the older", "the younger", "younger team", "old model", "old system", "old version", "old prompt",
        "old one", "old rule", "old index", "old pipeline", "the old", "your old", "old way", "old numbers",
        "old baseline", "old code", "old approach", "data age", "feature age", "account age", "customer age",
        "age of the account", "age feature", "age column", "age bucket", "age buckets", "age group", "age groups",
        "page age", "document age", "born out of", "years of experience", "how many years", "how long have you",
        "how long did you", "how long were you", "how long was", "how long ago", "stale", "graduate degree",
        "graduate school", "graduated to", "graduate to", "graduated from", "where did you graduate",
        "what did you study", "your degree",
        *(f"around when {w}" for w in ("the incident", "the outage", "the migration", "the launch", "the release",
                                       "the bug", "it happened", "it broke", "that happened", "that broke")),
        *(f"generation {w}" for w in ("step", "steps", "pipeline", "model", "models", "quality", "stage", "time",
                                      "code", "latency", "side", "part", "loop", "call", "calls", "task", "tasks",
                                      "length", "config", "service", "prompt", "prompts", "job", "jobs")),
    ),
    "salary_history": (
        "don't ask about previous pay", "do not ask about previous pay", "don't ask about your previous pay", "don't ask about current pay", "don't ask about salary history", "don't ask about your current salary", "can't ask about previous pay", "cannot ask about previous pay", "won't ask about previous pay", "not allowed to ask about previous pay", "not allowed to ask about your current", "previous pay, but",
        "rate of", "current rate of", "your rate of", "error rate", "hit rate", "pass rate", "success rate",
        "salary expectations", "salary expectation", "expected salary", "salary range", "expectations for salary",
        "expectations on salary", "salary are you looking", "salary you're looking", "salary you are looking",
        "looking for in terms of", "looking for salary", "compensation expectations", "expected compensation",
        "comp expectations", "desired salary", "target salary", "target compensation", "your expectations",
        "what are you expecting", "what would you expect", "what you'd expect", "what do you expect",
        "what are you hoping", "hoping to make", "hoping to earn", "need to make", "would you need",
        "you would need", "range for this role", "range for the role", "budget for the role", "budget for this role",
        "our range", "the range is", "pays between", "the role pays", "this role pays", "band for", "pay band",
        "make the switch", "make it work", "make sense", "make a change", "make that change", "make the change",
        "make it", "make the", "make a", "make your", "make sure", "make decisions", "made the", "made a", "made it",
        "paid off", "pay off", "pay for", "paid for", "pay per", "paid per", "pay attention", "paying attention",
        "pay per token", "pay per call", "cost", "costs", "spend", "what were you making better",
        "what were you making faster", "make the decision", "make the call", "make that call", "make trade-offs",
        "make tradeoffs", "make progress", "make of", "you make of", "paying for", "pays for", "paying per", "paid tier", "paid plan",
        "paid plans", "paid users", "paying customers", "paying users", "paid customers", "pay as you go",
    ),
    "disability_health": (
        # the work's faults and the work's clients: "How would you diagnose and fix that?", "a project at a hospital"
        "diagnose and fix", "diagnose and debug", "diagnose and resolve", "diagnose it", "diagnose that",
        "diagnose the", "diagnosed the", "diagnosing the", "project at a hospital", "work at a hospital",
        "worked at a hospital", "for a hospital", "hospital client", "hospital system", "hospital network",
        "essential functions", "essential function", "reasonable accommodation", "reasonable accommodations",
        "back end", "back-end", "backend", "back office", "back-office",
        "reasonable adjustment", "reasonable adjustments", "any accommodations for the interview",
        "accommodations for this interview", "adjustments for the interview", "adjustments for this interview",
        "accommodation for the interview", "adjustment for the interview", "need anything for the interview",
        "health of the", "health check", "health checks", "health checker", "healthcheck", "healthchecks",
        "system health", "model health", "data health", "pipeline health", "service health", "cluster health",
        "health of your", "health of our", "health dashboard", "health metric", "health metrics", "health endpoint",
        "healthcare", "health care", "health insurance", "health records", "health data", "health domain",
        "health client", "health app", "health company", "health startup", "health tech", "healthtech",
        "clinic", "clinical", "patient", "patients", "blind test", "blind review", "blind evaluation",
        "blinded", "double blind", "double-blind", "blind spot", "blind spots", "weight decay", "weights",
        "model weight", "weighted", "weighting", "class weight", "class weights", "sample weight", "operation of",
        "operations", "operational", "sick of", "illustrate", "chronic problem", "chronic issue",
        "chronically", "covid forecast", "covid data", "surgery scheduling", "hospital data", "hospital client",
        "hospital system", "hospitals", "injury claims", "ill-posed", "ill posed", "ill-defined", "ill defined",
        "stress test", "stress testing", "stress tests", "load test", "condition on", "conditioned on",
        "conditions in", "conditions of", "edge conditions", "race condition", "race conditions",
        "error conditions", "failure conditions", "stopping condition", "stop condition", "the condition",
        "a condition", "conditional", "under what conditions", "what conditions", "which conditions",
        "medical documents", "medical records", "medical data", "medical domain", "medical client",
        "medical claims", "medical device", "medical notes", "medical coding", "medical questions from users",
        "operation on", "the operation", "an operation", "operation was",
    ),
    "arrest_record": (
        "criminal justice", "criminal-justice", "criminal justice data", "arrest data", "arrest records data",
        "prison sentence", "arrested development", "convicted it", "charged per", "charged by", "get charged",
        "got charged", "charged for", "charged us", "charged you", "record the", "a record of", "on record",
        "record of the", "record of what", "record of every", "record of each", "records of", "track record",
        "a record number", "record high", "record low", "off the record", "for the record", "any record of",
        "the record", "audit record", "record in the", "record each", "record every", "record it",
    ),
    "family": (
        "look after your own learning", "look after your own development", "look after your own growth",
        "look after your own career", "look after your own skills", "look after your learning",
        "look after your development", "look after your growth", "look after your career", "look after your skills",
        "look after your team", "look after your services", "look after your models", "look after your systems",
        "look after your code", "look after your pipelines", "look after your infrastructure",
        "looking after your team", "care of your team", "care of your models",
        "family of models", "model family", "family of", "product family", "font family", "parent company",
        "parent class", "parent node", "parent process", "parent table", "parent job", "parent task",
        "parent span", "parent ticket", "child process", "child processes", "child task", "child tasks",
        "child node", "child nodes", "child span", "child spans", "child table", "child ticket", "child tickets",
        "child job", "child jobs", "child safety", "child-safety", "children's", "kids' products",
        "kids products", "toys", "baby products", "baby food", "parental controls", "parenting app",
        "mother of all", "motherboard", "daughter board", "son of", "family run", "family-run",
        "family business", "family firm", "for the family", "household", "work from home", "working from home",
        "home office", "at home on", "home page", "homepage", "back home", "plans for the", "plan for the",
        "have children in the", "children in the tree", "children of the", "child of the", "have a child span",
    ),
    "marital_status": (
        "married and single", "single and married", "married customers", "married users", "married people in the",
        "partner on the", "partner on this", "partner on that", "partner for the", "partner in mind",
        "marital status field", "marital status column",
        "married filing", "filing jointly", "married-filing",
        "married to the", "married to a", "married to one", "married to that", "wedded to", "partner team",
        "partner teams", "partner company", "partner companies", "partner api", "partner apis", "partner data",
        "partner integration", "partner integrations", "partners", "business partner", "design partner",
        "your partner team", "your partner teams", "partner with", "partnered with", "partnering with",
        "separated from the", "separated the", "separated into", "separated by", "engaged with", "engaged users",
        "engaged the", "engagement", "single point", "single model", "single prompt", "single source",
        "single tool", "single call", "single step", "single query", "single agent", "single turn", "single file",
        "single gpu", "single node", "single machine", "single thread", "single label", "single metric",
        "single number", "single team", "single person", "single biggest", "single most", "single change",
        "single case", "single example", "single run", "single request", "single service", "single server",
        "single table", "single feature", "single day", "single week", "single document", "single page",
        "single-page", "single shot", "single-shot", "single pass", "single-pass", "single threaded",
        "single-threaded", "single vendor", "single provider", "single region", "single user", "single one",
        "single word", "single line", "single answer", "single output", "single dataset", "single split",
        "single test", "single eval", "single score", "single threshold", "single cluster", "single index",
        "single embedding", "single vector", "single batch", "single job", "single pipeline",
        "single customer", "single client", "wedding industry", "wedding planning", "wedding platform",
    ),
    "religion": (
        "lent us", "lent them", "lent me", "lent it", "lent a", "lent the", "christmas peak",
        "religiously", "god class", "god object", "god mode", "temple run", "pray it works", "pray that",
        "prayed", "fasting endpoint", "fasting window", "faithful", "faithfulness", "unfaithful", "in good faith",
        "good faith", "bad faith", "leap of faith", "churn", "christmas peak", "christmas traffic",
        "christmas rush", "holiday season", "holiday traffic", "holiday peak", "holidays peak", "beliefs about the",
        "belief about the", "prior beliefs", "beliefs of the model", "what the model believes",
        "priest in the", "spiritual successor",
    ),
    "sexual_orientation": (
        "straight in", "jump straight", "jumping straight", "dive straight", "diving straight", "go straight",
        "get straight", "head straight", "come straight", "straight to", "straight into", "straight from", "straight away", "straightaway", "straight up",
        "straight back", "went straight", "straight forward", "straightforward", "straight line", "straight answer", "straight after",
        "straight through", "straight off", "straight on", "orientation week", "orientation session",
        "onboarding orientation", "customer orientation", "product orientation", "page orientation",
        "image orientation", "orientation of the", "document orientation", "orientation detection",
        "screen orientation", "dating app", "dating platform", "dating site", "dating service", "dating company",
        "dating product", "dating apps", "date the", "backdating", "back-dating", "pride ourselves", "take pride",
        "takes pride", "pride in", "proud", "queer theory",
    ),
    "gender": (
        "trans-", "transition matrix", "transition matrices", "transition to", "transitioned to", "transition from",
        "transitioned from", "transitioned the", "transition the", "the transition", "a transition",
        "transitions", "state transition", "trans fat", "born a", "born of", "born-again",
    ),
    "race": (
        "race condition", "race conditions", "data race", "data races", "racing", "the race to", "arms race",
        "mixed precision", "mixed-precision", "mixed workload", "mixed results", "mixed feelings", "mixed bag",
        "race to the", "a race", "colour of the", "color of the", "colour of your dashboard",
        "color of your dashboard", "colour of your chart", "color of your chart", "black box", "black-box",
        "white box", "white-box", "blackbox", "whitebox", "black friday", "white paper", "whitepaper",
        "white label", "white-label", "whitelist", "blacklist", "black or white thinking",
    ),
}

# Sentences that report the company's policy, not a question to the candidate ("we offer parental leave")
_POLICY = ("we offer", "we provide", "we have a", "our policy", "our benefits", "the company offers",
           "the benefits include", "we support", "we give", "we're proud", "we are proud", "our team includes",
           "we celebrate", "we value")

_REQUEST_OPENERS = ("tell me", "tell us", "can you", "could you", "would you", "do you", "did you", "are you",
                    "were you", "have you", "will you", "is your", "is it", "is there", "mind telling", "mind sharing",
                    "mind if i ask", "i'd like to know", "i would like to know", "i'd love to know", "i'm curious",
                    "i am curious", "just curious", "out of curiosity", "may i ask", "can i ask", "could i ask",
                    "let me ask", "i have to ask", "i need to ask", "quick question", "what", "when", "where", "which",
                    "who", "why", "how", "any", "so", "and", "share", "talk me", "walk me", "describe")


@dataclass(frozen=True)
class UnlawfulHit:
    topic: str
    sentence: str
    phrase: str

    @property
    def why(self) -> str:
        return WHY[self.topic][0]

    @property
    def instead(self) -> str:
        return WHY[self.topic][1]


# Some topics are named by two lists: a phrase appearing under "family" and "disability_health" ("pregnant")
# counts for the first topic listed here.
_ORDER = ("pregnancy", "national_origin", "family", "marital_status", "age", "religion", "race", "gender", "sexual_orientation",
          "disability_health", "arrest_record", "salary_history", "union_membership", "political_affiliation", "other")
# Single words that are only a cue beside another sign the sentence is personal, else too ambiguous alone.
_WEAK_ALONE = frozenset({
    "a caution", "any cautions",
    "diwali", "eid", "hanukkah", "passover", "yom kippur", "rosh hashanah", "good friday", "lent", "vaisakhi",
    "navratri", "easter", "christmas", "refugee", "refugees", "immigrants", "a husband", "a wife", "settle down",
    "settled down",
    "health", "sick", "ill", "weight", "operation", "surgery", "hospital", "injury", "injured", "blind", "deaf",
    "illness", "illnesses", "chronic", "therapy", "god", "temple", "church", "pray", "prayer", "prayers",
    "fasting", "beliefs", "spiritual", "worship", "priest", "pastor", "rabbi", "imam", "christian", "muslim",
    "jewish", "hindu", "buddhist", "sikh", "catholic", "protestant", "atheist", "straight", "orientation",
    "dating", "pride", "trans", "transition", "transitioned", "born a", "married", "wedding", "divorced",
    "widowed", "a record", "any record", "nationality", "heritage", "ethnic", "ethnicity", "citizenship",
    "passport", "immigrant", "immigrate", "immigrated", "emigrate", "emigrated", "foreigner", "go back to",
    "moving back to", "born in", "pregnancy", "pregnant", "childcare", "child care", "nanny", "babysitter",
    "daycare", "day care", "dependants", "dependents", "caregiving", "ivf", "fertility", "maternity leave",
    "paternity leave", "parental leave", "stay at home", "a mother", "a mum", "a mom", "boyfriend", "girlfriend",
    "gay", "queer", "lgbt", "lgbtq", "jail", "prison", "convicted", "conviction", "convictions",
    "charged with", "felony", "misdemeanor", "misdemeanour", "dui", "dwi", "arrests", "arrested", "anxiety",
    "depression", "depressed", "cancer", "diabetes", "hiv", "covid", "vaccine", "vaccinated", "vaccination",
    "burnout", "burned out", "burnt out", "genetic", "autism", "autistic", "adhd", "dyslexia", "dyslexic",
    "bipolar", "rehab", "addiction", "alcoholic", "limp", "wheelchair", "eyesight", "medication", "medications",
    "prescription", "disability", "disabilities", "disabled", "handicap", "handicapped", "religion", "religious",
    "mosque", "synagogue", "kosher", "halal", "ramadan", "sabbath", "shabbat", "headscarf", "hijab", "turban",
    "yarmulke", "denomination", "too old", "older than", "younger than", "millennial", "boomer", "gen z",
    "digital native", "birthday", "racial", "mixed race", "transgender", "homosexual", "heterosexual",
    "bisexual", "lesbian", "same sex", "same-sex", "newlywed", "engaged to", "separated from", "significant other",
    "your partner", "smoker", "hospitalised", "hospitalized", "injuries", "therapist",
    "psychiatrist", "counselling", "counseling", "mental illness", "mental health", "sick leave", "sick days",
    "off sick", "days off sick", "time off sick", "workers comp", "workers compensation", "hearing aid",
    "stress leave", "long covid", "physically able", "physical limitations", "good health", "in good health",
    "fit and healthy", "healthy enough", "how tall", "your height", "drug use", "use drugs", "do you drink",
    "do you smoke", "drink alcohol", "how much do you drink", "salary at", "salary in your", "your salary",
    "your base", "base salary", "last raise", "last bonus", "your bonus", "your equity at", "earning now",
    "earn now", "making now", "salary now", "pay you now", "paying you now", "paying you today", "w2", "w 2",
    "p60", "current rate", "current base", "native speaker", "first language", "a citizen", "what country", "which country", "home country", "back home", "ancestry", "your heritage",
    "us citizen", "u s citizen", "american citizen", "british citizen", "country of birth",
    "which party", "what party", "where are they from", "where were they born", "worker groups", "your knees",
    "stage of life", "stage in life", "a conservative", "a liberal", "right wing", "left wing", "right-wing",
    "left-wing", "brexit", "recent grad", "recent graduate", "been around a while", "look local", "your hearing",
    "on unions", "of unions", "about unions",
})
# ...and the personal signs that let one of them count
_PERSONAL = frozenset({"you", "your", "you're", "yourself", "you've", "you'd", "you'll", "yours"})


@lru_cache(maxsize=1)
def _index() -> PhraseIndex:
    lexicons: dict[str, tuple[str, ...]] = {}
    for topic in _ORDER:
        lexicons[f"p:{topic}"] = PHRASES.get(topic, ())
        if topic in PAIRS:
            lexicons[f"a:{topic}"], lexicons[f"b:{topic}"] = PAIRS[topic]
        lexicons[f"ok:{topic}"] = LAWFUL.get(topic, ())
    lexicons["policy"] = _POLICY
    lexicons["addressed"] = _ADDRESSED
    return PhraseIndex(lexicons)


def _inside(start: int, end: int, spans: list[tuple[int, int, str]]) -> bool:
    """The hit overlaps a lawful look-alike ("your salary expectations" holds "your salary")."""
    return any(s < end and start < e for s, e, _ in spans)


def _covered(start: int, end: int, spans: list[tuple[int, int, str]]) -> bool:
    """The hit lies inside a lawful look-alike ("your salary expectations" holds "your salary"); a longer
    protected phrase that only overlaps one ("which year did you get your degree" over "your degree") still
    counts."""
    return any(s <= start and end <= e for s, e, _ in spans)


def _names_data(sentence: str, end: int) -> bool:
    """The protected word names data ("the age column", "religion from the dataset", "pregnancy-related
    queries", "sick-note classification"): a data word follows it, past small linking words and at most one
    other word (a compound: "criminal-justice dataset")."""
    following = words(sentence[end:end + 60])
    other = 0
    for w in following[:4]:
        if w in _DATA_WORDS:
            return True
        if w not in _LINKING:
            other += 1
            if other > 1:
                return False
    return False


_LINKING = frozenset("""from in of the a an our their its as related based specific and or for""".split())


def _is_put_to_candidate(sentence: str, hits: dict[str, list[tuple[int, int, str]]]) -> bool:
    if sentence.rstrip().endswith("?") or hits["addressed"]:
        return True
    lowered = " ".join(words(sentence))
    return lowered.startswith(_REQUEST_OPENERS) or _NEEDS_FROM_THEM.search(sentence) is not None


# a request put as what someone needs ("Our recruiter needs the gross figure from last year's W-2 for the file.")
_NEEDS_FROM_THEM = re.compile(r"\b(?:needs?|will need|'ll need|would need|requires?|we require)\s+(?:the|your|a copy|"
                              r"to see|to have|to know|to get)\b|\b(?:please\s+)?send (?:us|me|over)\b", re.I)


_UNIT_AFTER = re.compile(r"\s*(?:ms|milliseconds?|seconds?|secs?|s|%|percent|per cent|k|qps|rps|tokens?|dollars?|"
                         r"requests?|x|points?|pp)\b", re.I)
_BARE_FAMILY = re.compile(r"^\W*(?:or\s+)?(?:kids|children|a baby|babies|family reasons|childcare|a family|(?:a |any )?"
                          r"(?:big|large|small|young|growing) family)\W*\?\s*$", re.I)


# "your family's from", "the kids' school": a possessive is the noun itself to the lexicons (a contraction of
# "is" after a question word or a pronoun stays: "what's your age")
_POSSESSIVE = re.compile(r"\b(?!(?:what|that|it|there|here|who|where|how|let|he|she|when|why|this|one|everyone|"
                         r"someone|nobody|everything|something|nothing)['\u2019])([a-z]+)['\u2019]s?(?=\s|$|[,.;:!?])",
                         re.I)


def scan_sentence(sentence: str, stated: bool = False) -> UnlawfulHit | None:
    """The first unlawful topic a sentence asks about, or None. ``stated``: the topic a statement raises (for a
    question after it that asks about it: "We're a young team. How would you feel about that?"). A possessive
    reads as its noun ("your family's from" as "your family from"); the hit keeps the sentence as said."""
    plain = _POSSESSIVE.sub(r"\1", sentence)
    hit = _scan_sentence(plain, stated)
    if hit is None and plain != sentence:
        hit = _scan_sentence(sentence, stated)
    return hit if hit is None or hit.sentence == sentence else UnlawfulHit(hit.topic, sentence, hit.phrase)


# "Would Saturdays be a problem for religious reasons?": the reasons asked about are the candidate's own
_FOR_THEIR_REASONS = re.compile(r"\b(?:for|because of|due to) (?:any )?(?:religious|health|medical|family|cultural|"
                                r"personal) (?:reasons?|grounds)\b", re.I)


def _short_personal_question(sentence: str) -> bool:
    """A short question with no work object in it ("Catholic?", "Is that for religious reasons?", "Was that a
    health thing?") is about the person in front of the interviewer, with or without a "you"."""
    ws = words(sentence)
    return (sentence.rstrip().endswith("?") and 0 < len(ws) and (len(ws) <= _SHORT_QUESTION
                                                                 or _WHY_THEY_DO_IT.search(sentence) is not None)
            and not any(w in _DATA_WORDS or w in _WORK_WORDS for w in ws))


# "Is that a Ramadan thing, not eating lunch on the call?": asking why the candidate does what the interviewer
# saw is about the person, however long the question runs
_WHY_THEY_DO_IT = re.compile(r"(?:^|[,;:]\s)\W*(?:(?:so|and|oh)\W+)?(?:is|was) (?:that|this|it) (?:a|an|the|for|because|"
                             r"part of|to do with)\b", re.I)


_SHORT_QUESTION = 8
# objects of the work: a short question about one of these is about the work ("Was that a health dataset?")
_WORK_WORDS = frozenset("""model models system systems pipeline pipelines service services code project projects
feature features team teams company product products metric metrics eval evals test tests prompt prompts
dataset data user users customer customers client clients api query queries index vendor release launch
experiment experiments label labels job jobs role ticket tickets""".split())


# the candidate invited to ask about the employer's policy or benefits ("Any questions about our parental leave
# policy?"): the topic is the company's offer, not the candidate's life
_ABOUT_OUR_OFFER = re.compile(
    r"\b(?:questions?|ask|know more|hear more|details?|information|info) (?:about|on|around|regarding) (?:our|the "
    r"company's|the team's) (?:\S+\s+){0,3}?(?:policy|policies|benefits?|scheme|schemes|package|plan|plans|offering|"
    r"support)\b", re.I)


def _scan_sentence(sentence: str, stated: bool = False) -> UnlawfulHit | None:
    if _ABOUT_OUR_OFFER.search(sentence):
        return None
    if _BARE_FAMILY.match(sentence):
        return UnlawfulHit("family", sentence, sentence.strip(" ?").lower())
    index = _index()
    hits = index.scan(sentence)
    for topic, spans in lawful_spans(sentence).items():
        hits[f"ok:{topic}"] = [*hits[f"ok:{topic}"], *spans]
    if hits["policy"] and not sentence.rstrip().endswith("?") and not (stated and not _BENEFITS.search(sentence)):
        return None  # a statement of policy is no question ("We have a lot of parents here." still says who is)
    if not stated and not _is_put_to_candidate(sentence, hits):
        return None
    personal = bool(hits["addressed"]) or _short_personal_question(sentence) or (
        sentence.rstrip().endswith("?") and _FOR_THEIR_REASONS.search(sentence) is not None)
    if _asks_about_built_work(sentence):
        return None  # "your church's volunteer-rota chatbot: how did you evaluate it?" is about the work
    for topic in _ORDER:
        lawful = hits[f"ok:{topic}"]
        for start, end, phrase in hits[f"p:{topic}"]:
            if (_covered(start, end, lawful) or (_inside(start, end, lawful) and phrase not in _LONG_INDIRECT)
                    or (_names_data(sentence, end) and phrase not in _GENERALISATIONS)):
                continue
            if phrase in _WEAK_ALONE and not personal and not (stated and len(hits[f"p:{topic}"]) >= 2):
                continue  # (a statement listing a topic's options, "Divorced, single, married...", raises it)
            if _UNIT_AFTER.match(sentence, end):
                continue  # "Are you over 50 ms at p95?": a figure, not an age
            if phrase in _HOLIDAYS and not _OBSERVING.search(sentence):
                continue
            return UnlawfulHit(topic, sentence, phrase)
        if topic in PAIRS:
            a = [h for h in hits[f"a:{topic}"] if not _inside(h[0], h[1], lawful) and not _names_data(sentence, h[1])]
            b = [h for h in hits[f"b:{topic}"] if not _inside(h[0], h[1], lawful)]
            if a and b and (personal or topic in _PAIRS_ALONE) and any(x[2] != y[2] for x in a for y in b):
                if _pair_is_specific(topic, a, b):
                    return UnlawfulHit(topic, sentence, f"{a[0][2]} \u2026 {b[0][2]}")
    return _by_concept(sentence, hits, personal or stated, stated)


def _by_concept(sentence: str, hits: dict[str, list[tuple[int, int, str]]], personal: bool,
                stated: bool = False) -> UnlawfulHit | None:
    """A protected topic no lexicon names, read by its concept (``personal_topics``): in a sentence addressed
    to the candidate (or a shape about their own life, ``alone_topic``), outside the topic's lawful look-alikes
    and not naming data ("the age gap in the labels")."""
    found = concept_topic(sentence) if personal else alone_topic(sentence)
    if found is None:
        found = shape_topic(sentence) if personal else None
    euphemism = False
    if found is None and personal:
        found = euphemism_topic(sentence)
        euphemism = found is not None  # specific enough that a data word after it is no data ("at the startup")
    if found is None and stated:
        found = stated_topic(sentence)
    if found is None:
        return _by_family(sentence, hits, stated) if personal else None
    topic, shown = found
    start = sentence.find(shown)
    end = start + len(shown)
    if _covered(start, end, hits[f"ok:{topic}"]) or (_names_data(sentence, end) and not euphemism):
        return None
    return UnlawfulHit(topic, sentence, shown.strip().lower())


def _by_family(sentence: str, hits: dict[str, list[tuple[int, int, str]]], stated: bool) -> UnlawfulHit | None:
    """A word of a protected topic's family (``topic_words``) in a personal sentence with no object of the work
    in it ("which religions were in your dataset" is about the data), outside the topic's lawful look-alikes
    and, for a holiday, beside a cue of observing it. ``stated``: a statement the next sentence may ask about
    ("We have a lot of parents on the team.")."""
    found = family_topic(sentence, stated)
    if found is None or any(w in _DATA_WORDS or (w in _WORK_WORDS and not stated) for w in words(sentence)):
        return None  # (a statement may name the team its people are on)
    topic, start, end, word = found
    if _inside(start, end, hits[f"ok:{topic}"]) or _names_data(sentence, end):
        return None
    if word in _HOLIDAYS and not _OBSERVING.search(sentence):
        return None
    return UnlawfulHit(topic, sentence, word)


# A question about the candidate's work that names a protected word only as the work's subject ("Your thesis
# classified religious texts; how did you split the data?", "the disability-benefits claims model: what features
# mattered?"): the sentence asks how they built, measured or evaluated something, and names a data or work object
_BUILT_WORK = re.compile(
    r"\b(?:how (?:did|do|would) you (?:evaluate|test|measure|split|build|train|deploy|label|validate|check|score|"
    r"monitor|benchmark|define|design|handle|model|account for)|what did you (?:measure|build|train|ship|evaluate)|what features|what metrics?|"
    r"how do you know|you (?:built|trained|shipped|deployed|designed|wrote|evaluated|labell?ed|fine-?tuned)|"
    r"(?:built|trained|deployed|shipped) for (?:it|them|your)|tell me about the (?:\S+\s+){0,3}?(?:model|forecast|"
    r"pipeline|system|classifier|bot|chatbot|dataset|eval))\b", re.I)


def _asks_about_built_work(sentence: str) -> bool:
    return _BUILT_WORK.search(sentence) is not None and any(
        w in _DATA_WORDS or w in _WORK_WORDS or w in _BUILT_OBJECTS
        for w in words(_POSSESSIVE.sub(r"\1", sentence)))  # ("the chatbot's guardrails" names the chatbot)


_BUILT_OBJECTS = frozenset("""forecast forecasts chatbot bot pipeline thesis texts answers claims model
models recommender recommenders taxonomy""".split())


_PAIRS_ALONE = frozenset({"national_origin"})  # "Is that an Indian accent?" is personal without a "you"
# a protected word naming data is about the data ("which religion dataset", "the age column", "gender labels")
_DATA_WORDS = frozenset("""dataset datasets data classifier classifiers label labels labelled labeling labelling
feature features column columns field fields category categories attribute attributes detection detector model
models bias split splits bucket buckets slice slices segment segments filter filters tag tags class classes
distribution parity fairness prediction predictions predictor estimator estimate estimates forecast forecasts
regression queries query intent intents content topics documents requests tickets corpus table tables schema
chatbot bot app apps assistant product products domain vertical industry sector startup client clients customer
customers classification classifications analysis scoring extraction tagging labels audit audits score scores
metric metrics signal signals status
span spans node nodes process processes task tasks thread threads row rows tree trees element elements
component components entity entities claims""".split())


def _pair_is_specific(topic: str, a: list[tuple[int, int, str]], b: list[tuple[int, int, str]]) -> bool:
    """Pairs are broad by design; the ordinary-English ones need the two words close (within 40 characters)."""
    return any(abs(x[0] - y[0]) <= 40 for x in a for y in b if x[2] != y[2])


# a question about convictions (never arrests) for a role where a check is required by law and job-related
_CONVICTION = frozenset({"convicted", "conviction", "convictions"})
_REQUIRED_CHECK = re.compile(
    r"\b(?:legal requirement|legally required|required by (?:law|the regulator|regulation)|the law requires|"
    r"(?:state |local |the )?law (?:permits|allows)|permitted by law|allowed by law|legally permitted|"
    r"regulator requires|regulatory requirement|statutory|mandatory (?:check|background check)|"
    r"(?:dbs|vulnerable sector|fca|finra) check)\b",
    re.I,
)


# a question that asks the candidate about what the sentence before it stated
_ABOUT_THAT = re.compile(
    r"^\W*(?:(?:and|so|but)\W+)?(?:how (?:would|do|will) you feel about (?:that|this|it)|(?:is|would|will) (?:that|this|it) "
    r"(?:be )?(?:a problem|an issue|ok|okay|alright|a concern|difficult|hard|an obstacle|awkward)(?: for you)?|"
    r"(?:does|would|will) (?:that|this|it) (?:bother|worry|concern|affect|be a problem for) you|(?:are|would) you (?:be )?"
    r"(?:ok|okay|comfortable|fine|alright) with (?:that|this|it)|(?:can|could) you (?:cope|deal|live) with (?:that|"
    r"this|it)|(?:does|would|will) (?:that|this|it) (?:suit|work for) you|how do you see yourself fitting in|"
    r"(?:is|does) that (?:sound like )?you|(?:is|would) that (?:be )?(?:the case )?for you|that you|"
    r"(?:do you think )?you(?:'d| would| will| could)? fit in|(?:do you think )?you(?:'ll|'d| will| would) be "
    r"(?:alright|ok|okay|fine|comfortable) with (?:it|that|this|them)|you(?:'d| would) be fine with that|"
    r"(?:has|does|did|would|will) (?:that|this|it) (?:ever )?(?:held|hold) you back|"
    r"which (?:box|one|option) (?:do|should|shall|can) i (?:tick|put|pick|choose|mark)|"
    r"(?:so )?what(?:'s| is| was) (?:it|yours|your number|the number|that for you)|what about you|and you|"
    # "We have a lot of parents on the team. Are you one too?", "That's an unusual surname. What's its background?"
    r"(?:are|were) you one(?: too| as well| yourself| of them)?|you too|"
    # "I saw you liked the Workers Union post. Are you involved with them?", "... How would you identify?"
    r"(?:are|were) you (?:involved|active|part of (?:it|that|them|this)|a part of (?:it|that))(?: with (?:them|it|that)|"
    r" in (?:it|that|them))?|how (?:would|do) you identify|"
    r"what(?:'s| is| was) (?:its|the) (?:background|origin|origins|story|history)|where(?:'s| is| does) (?:it|that) "
    r"(?:from|come from))\b",
    re.I,
)


def _asks_it_of_them(sentence: str) -> bool:
    """A short yes/no or elliptical question with no object of the work ("Do you?", "Same for you?", "Will you be
    too?", "Any plans yourself?", "Everything alright?", "Was that medical?"): after a statement that raises a
    protected topic, it asks the candidate about that topic."""
    ws = words(sentence)
    return (sentence.rstrip().endswith("?") and 0 < len(ws) <= 9 and ws[0] in _YES_NO_FIRST
            and _MATCH_IT.search(sentence) is not None and "questions" not in ws
            and not any(w in _DATA_WORDS or w in _WORK_WORDS for w in ws))


_YES_NO_FIRST = frozenset("""do does did are is was were will would have has can could same you and any anything anyone
anybody everything everyone how's what's""".split())
# what makes the question ask the candidate to match the statement, not ask about something else ("My kids love
# the product. Do you use it?")
_MATCH_IT = re.compile(r"\b(?:too|as well|yourself|same|like that|for you|with you|yours|either|special)\b"
                       r"|\b(?:do|are|were|have|did|will|would|is|was) you\W*$|^\W*(?:everything|all) (?:ok|okay|alright|"
                       r"all right|fine|good)\b|\b(?:something|anything) you(?:'d| would| will)? need\b", re.I)
# a statement of the benefits on offer is no statement about anyone ("We offer great parental leave.")
_BENEFITS = re.compile(r"\b(?:offer|offers|provide|provides|policy|policies|benefits?|support|supports|give|gives)\b", re.I)


# "Paid well meaning what? What was your number?": the number asked for is the pay the sentence before named
_THE_NUMBER = re.compile(r"\bwhat(?:'s|\u2019s| is| was| were) (?:your|the) (?:number|figure|amount)\b", re.I)
_PAY = re.compile(r"\b(?:paid|pay|paying|salary|earn\w*|comp|compensation|package|bonus|wage|making|money)\b"
                  r"(?!\s+(?:attention|off|for|per|as you go))", re.I)


def scan(text: str) -> list[UnlawfulHit]:
    """Every sentence of an interviewer's turn that asks about a protected topic (one hit per sentence). A
    conviction question is lawful where the turn says a check is required by law for the role."""
    required = _REQUIRED_CHECK.search(text) is not None
    out: list[UnlawfulHit] = []
    stated: UnlawfulHit | None = None
    previous = ""
    for sentence in sentences(text):
        hit = scan_sentence(sentence)
        if hit is None and stated is not None and (_ABOUT_THAT.search(sentence) or _asks_it_of_them(sentence)):
            hit = UnlawfulHit(stated.topic, f"{stated.sentence} {sentence.strip()}", stated.phrase)
        if hit is None and previous and _THE_NUMBER.search(sentence) and _PAY.search(previous):
            hit = UnlawfulHit("salary_history", f"{previous} {sentence.strip()}", "pay \u2026 your number")
        previous = sentence.strip()
        stated = scan_sentence(sentence, stated=True) if hit is None and not sentence.rstrip().endswith("?") \
            else None
        if hit is not None and not (required and hit.topic == "arrest_record" and hit.phrase in _CONVICTION
                                    and not re.search(r"\barrest", sentence, re.I)):
            out.append(hit)
    return out
