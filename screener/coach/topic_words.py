"""Protected topics by their word families: the last net under the lexicons and the concept shapes.

The lexicons (``unlawful``) and shapes (``personal_topics``) name the protected questions as the writers so
far worded them; a new interviewer reaches for another word of the same family ("disabilities" for
"disability", "neurotypical", "a Mormon", "what's your ethnicity?", "your missus"). Here each topic is a family
of words, compared by stem (``text.stem``: plurals and inflections meet), that is about a person's protected
life and not about the work. A word of a family counts only in a sentence already put to the candidate *and*
personal (addressed to them, or a short question with no work object in it), outside the topic's lawful
look-alikes and not naming data; ``unlawful`` checks that before it asks here.

Words that are as often about the work ("union" of two sets, "party" of a contract, "single" source, "back"
end, "condition" of a loop, "record" of a test) are not in any family: they stay with the lexicons' phrases,
which carry their context. One look-up per word: linear in the sentence.
"""

from __future__ import annotations

import re

from .text import stem

_FAMILIES: dict[str, str] = {
    # said of the candidate, each of these asks how old they are
    "age": """retiree pensioner millennial millennials boomer boomers zoomer zoomers youngster youngsters
        twentysomething thirtysomething fortysomething fiftysomething sixtysomething birthday birthdays
        menopause midlife""",
    "pregnancy": """baby babies pregnant pregnancy pregnancies expectant conceive conceiving conception ivf fertility infertility
        miscarriage maternity paternity newborn""",
    "family": """kids kiddo kiddos children child childcare childminder nanny nannies babysitter babysitting daycare
        nursery toddler toddlers grandchildren grandkids stepchildren stepkids carer carers
        caregiver caregivers caregiving eldercare""",
    "marital_status": """married marry marrying marriage spouse spouses husband husbands wife wives hubby missus
        fiance fiancee fiancé fiancée divorce divorced divorcing widow widowed widower newlywed newlyweds
        honeymoon wedding weddings engagement-ring breadwinner breadwinners""",
    "religion": """religion religions religious faith-based christian christians muslim muslims islam islamic jewish
        jew judaism hindu hinduism sikh sikhism buddhist buddhism catholic catholics protestant protestants mormon
        mormons evangelical evangelicals atheist atheists agnostic agnostics church churches churchgoer mosque
        mosques synagogue synagogues gurdwara gurdwaras pray prays praying prayer prayers worship worshipping
        sabbath shabbat kosher halal ramadan diwali eid hanukkah passover hijab headscarf turban kippah yarmulke
        niqab burqa rosary crucifix bible quran koran torah congregation parish baptised baptized devout
        believer believers""",
    "national_origin": """nationality nationalities citizenship ethnicity ethnicities ethnically ancestry ancestors
        ancestral heritage immigrant immigrants immigrated immigration emigrated emigrant refugee refugees
        asylum foreigner foreigners expat accent accents lilt twang brogue birthplace hometown homeland""",
    "race": """racial race-wise complexion biracial mixed-race""",
    "disability_health": """disability disabilities disabled handicap handicapped wheelchair wheelchairs crutches
        prosthetic prosthesis neurodivergent neurodiverse neurodiversity neurotypical autism autistic adhd
        dyslexia dyslexic dyspraxia epilepsy epileptic seizure seizures diabetes diabetic asthma asthmatic
        arthritis cancer chemo chemotherapy tumour tumor migraine migraines illness illnesses diagnosis
        diagnosed diagnoses medication medications meds prescription prescriptions therapist therapists
        psychiatrist psychiatrists psychologist counsellor counselor counselling counseling depression
        depressed anxiety anxious bipolar ocd ptsd schizophrenia breakdown burnout rehab addiction addicted
        alcoholic sobriety sober hospitalised hospitalized surgeries surgery physio physiotherapy
        pregnancy-related rsi deaf deafness hard-of-hearing eyesight stammer stutter limping medical""",
    "arrest_record": """arrest arrests arrested jail jailed prison prisons imprisoned incarcerated incarceration
        convict convicted conviction convictions criminal felony felonies misdemeanor misdemeanour probation
        parole custody cautioned mugshot""",
    "sexual_orientation": """gay gays lesbian lesbians bisexual homosexual heterosexual queer lgbt lgbtq lgbtqia
        boyfriend boyfriends girlfriend girlfriends""",
    "gender": """transgender transsexual nonbinary non-binary genderqueer intersex""",
    "political_affiliation": """political politically politics tory tories labour
        democrat democrats republican republicans libertarian socialist socialists communist communists
        leftie lefty lefties leftist leftists conservative liberal brexit brexiteer remainer""",
    "union_membership": """unionised unionized unionise unionize unionisation unionization""",
}
# a word and its inflections, by stem (a stem of two families keeps the first listed)
STEMS: dict[str, str] = {}
for _topic, _words in _FAMILIES.items():
    for _w in _words.split():
        STEMS.setdefault(stem(_w), _topic)

# Words of a family that also name the work or the week: they count only with a sign that the sentence is about
# the person (their own: "your", "you're a", "are you"), not "the voting classifier" or "a liberal threshold".
_NEEDS_OWN = frozenset(stem(w) for w in """conservative liberal labour political politics
    politically accent accents breakdown meds depression heritage race-wise anxious anxiety sober
    custody probation believer believers criminal worship engagement-ring expat church parish kids kiddo kiddos
    children child toddler toddlers nursery""".split())
_OWN = re.compile(r"\b(?:your|yours|yourself|you're|you are|are you|were you|do you|did you|have you|you've|you were|"
                  r"you ever|you'd|you have|you had|you still|you been)\b", re.I)
_TOKEN = re.compile(r"[a-z\u00e0-\u00ff]+(?:[-'][a-z\u00e0-\u00ff]+)*", re.I)


# people by what they are, said of a group in a statement the next sentence asks the candidate about ("We have a
# lot of parents on the team. Are you one too?"); as words, not stems ("parent company" is no person)
STATED_GROUPS: dict[str, str] = {w: "family" for w in "parents mums moms dads mothers fathers".split()}


def family_topic(sentence: str, stated: bool = False) -> tuple[str, int, int, str] | None:
    """The first protected topic one of whose words is in the sentence: (topic, start, end, word), or None. The
    caller has checked that the sentence is put to the candidate and about them, or (``stated``) that it is a
    statement the next sentence may ask about, where a word needs no "you"."""
    own = stated or _OWN.search(sentence) is not None
    for m in _TOKEN.finditer(sentence):
        word = m.group(0).lower().replace("\u2019", "'")
        topic = STEMS.get(stem(word)) or STEMS.get(word) or (STATED_GROUPS.get(word) if stated else None)
        if topic is None:
            continue
        if stem(word) in _NEEDS_OWN and not own:
            continue
        return topic, m.start(), m.end(), word
    return None
