"""One interviewer turn read into the kinds the report counts.

``kit_question`` (with the competency), ``follow_up_probe``, ``leading``, ``unlawful`` (with the topic),
``small_talk`` and ``other`` (none of those). A turn can be more than one kind: a greeting followed by a kit
question, or a kit question with the answer supplied ("...? I assume you went with 0.5?").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..offline.phrases import PhraseIndex
from ..rubric import RoleChoice
from . import kit_match, leading, probes, unlawful
from .meeting_talk import is_meeting_talk
from .pleasantries import is_pleasantry
from .text import has_number, sentences, stem, words

KINDS = ("kit_question", "follow_up_probe", "leading", "unlawful", "small_talk", "other")

SMALL_TALK = (
    "hi", "hello", "hey", "good morning", "good afternoon", "good evening", "thanks for joining", "thank you for joining",
    "thanks for coming", "nice to meet you", "great to meet you", "good to meet you", "lovely to meet you",
    "pleasure to meet", "nice to see you", "how's your day", "how is your day", "how was your weekend",
    "can you hear me", "can you see my screen", "see my screen", "share my screen", "sharing my screen", "my screen",
    "your camera", "camera", "mute", "unmute", "background noise", "the link", "waiting room", "wifi", "wi-fi",
    "connection", "lagging", "frozen", "you're breaking up", "i'm back", "back in a second",
    "back in a sec", "one second", "one sec", "give me a second", "give me one second", "bear with me",
    "bearing with us", "glass of water", "coffee", "sorry i'm late", "minutes late", "ran over", "rescheduled",
    "taking notes", "take notes", "note-taking", "notes as we go", "record these", "recording", "is that okay with you",
    "we've got about", "we have about", "minutes today", "minutes left", "leave five", "at the end for your questions",
    "questions for me", "any questions", "thanks so much for your time", "thank you for your time",
    "thanks for your time", "be in touch", "get back to you", "next step", "next steps", "recruiter", "recruiting",
    "pass my notes", "deep-dive with", "shall we get started", "shall we start", "let's get started",
    "before we start", "no rush", "take a moment", "take your time", "no worries", "late slot", "evening for you",
    "saying your name right", "pronounce your name", "correct me if not", "i'm mateus", "i lead the", "i'm the",
    "i work on the", "my name is", "welcome", "the delay", "sorry about that", "where was i",
    # the usual pleasantries, logistics and closing of an interview
    "how's it going", "how are things", "how are you doing", "hope you're well", "hope you are well",
    "hope you're doing well", "hope your day", "good to see you", "glad you could make it", "thanks for making",
    "thanks for taking the time", "thank you for taking the time", "appreciate you", "appreciate your time",
    "let me introduce", "a bit about me", "bit about myself", "quick intro", "introductions",
    "structure of the", "the plan for today", "plan for today", "agenda", "we'll start with", "to start off",
    "wrap up", "wrapping up", "that's all from me", "that's time", "out of time", "running out of time",
    "running short on time", "have a great day", "have a good day", "have a great weekend", "have a good weekend",
    "enjoy the rest", "talk soon", "take care", "bye", "cheers", "you're on mute", "you are on mute", "on mute",
    "hear me", "audio", "echo", "internet", "the call", "rejoin", "dropped off", "lost you", "froze",
    "screen share", "sharing my", "weather", "the weekend", "your weekend", "busy day", "long day", "nervous",
    "no right or wrong", "make yourself comfortable", "get comfortable", "keep an eye on the time",
    "keep us on time", "in touch", "hear back", "follow up by email", "send you an email", "email you",
    "next round", "hiring manager", "the rest of the process", "feedback within", "let you know",
    "any questions before", "questions at the end", "happy to answer", "over to you", "floor is yours",
    "pleasure", "lovely", "nice to finally", "good to finally", "i'll be your", "joining us", "joined by",
    # the picture, the sound and the room; recording the call; time to think
    "can you see me", "see me okay", "see me ok", "see me alright", "my video", "your video", "blurry",
    "pixelated", "choppy", "record this call", "record the call", "record this interview", "record the interview",
    "record this session", "record our conversation", "sorry about the noise", "sorry for the noise",
    "excuse the noise", "next door", "roadworks", "find the building", "find us okay", "find us ok",
    "find the office", "find your way", "collect your thoughts", "gather your thoughts", "take a minute",
    "take a second", "take a few seconds", "take a few minutes to think",
    # the end of the questions, the line, the slot
    "all the questions i have", "all my questions", "that's my questions", "like to ask me", "want to ask me",
    "anything you'd like to ask", "anything you want to ask", "questions you have for me", "still with me",
    "still there", "are you still", "i didn't catch that", "didn't quite catch", "i missed that", "the line went",
    "went quiet", "reschedule", "still a good time", "good time to talk", "good time for a chat",
    # interruptions, starting, the welcome, the candidate's week, the plan, the process, the sound
    "at the door", "two secs", "couple of secs", "few secs", "two ticks", "one tick", "that was my phone",
    "where were we", "shall we begin", "shall we kick off", "ready to begin", "ready to start", "let's begin",
    "to kick off", "kick things off", "great to have you", "good to have you", "nice to have you",
    "glad to have you", "job search", "job hunt", "a good holiday", "a nice holiday", "a good break",
    "a nice break", "your vacation", "a good vacation", "squeezing this in", "squeeze this in", "fitting this in",
    "fit this in", "friday afternoon", "monday morning", "prefer to be called", "prefer to go by", "should i call you",
    "tell you a bit about", "a bit about the team", "a bit about the role", "a bit about the company",
    "about the team first", "housekeeping", "next stage", "an email from", "speak up", "a bit quiet", "quite quiet",
    "louder", "volume", "let you go", "let you get on", "shared doc", "shared document", "the invite",
    "calendar invite", "mix-up", "fairly informal", "informal", "casual chat", "interrupted you", "interrupt you",
    "to interrupt", "cut you off", "talked over you", "talking over you", "short break", "back in five",
    "back in ten", "hopping on", "hop on", "jumping on", "so early", "time for your questions", "let's get going",
    "a lot to cover", "lots to cover", "have a good one", "all i needed", "all i need from", "really enjoyable",
    "was enjoyable", "enjoyed this", "see the chat", "in the chat", "dropped a link", "a link in", "running a bit over",
    "running over", "run over",
)
_SMALL = PhraseIndex({"small": SMALL_TALK})

# The same kinds of talk by their shape rather than their exact words: a greeting that opens the turn, the
# interviewer introducing themselves, pausing the call, the plan or the time of the interview, the process after
# it, and asking after the candidate's day. Each is about the meeting, never about the candidate's work.
_SMALL_SHAPES = re.compile(
    r"^\W*(?:good\s+)?(?:morning|afternoon|evening|hiya|howdy|greetings)\b"
    r"|\bi (?:run|lead|head|manage|look after|work in|sit in|joined)\b(?:\s+\w+){0,3}\s+(?:team|group|org|"
    r"organisation|organization|department|function|here|company)\b"
    r"|\bi(?:'ve| have) been (?:at|with|here|on the team|in the team)\b"
    r"|\b(?:give|bear with) me (?:a|one|just a|two)\s+(?:moment|minute|min|sec|second|mo)\b"
    r"|\b(?:just a|one) (?:moment|minute|sec)\b|\b(?:hang|hold) on\b"
    r"|\b(?:cut|cutting|broke|breaking) (?:out|up)\b|\bsay (?:that|the last (?:part|bit)|it) again\b"
    r"|\b(?:notifications?|barking|doorbell|(?:my|your) (?:dog|cat|kids?|neighbou?rs?|headphones|headset|mic|microphone|"
    r"plants?|bookshelf|poster)|is that (?:a|your) (?:dog|cat|puppy|kitten|guitar|plant))\b"
    r"|\b(?:the format|the plan|the shape|how (?:this|today|the next \w+ minutes?) (?:will|is going to) "
    r"(?:work|go))\b"
    r"|\b(?:nearly|almost|just about|coming up on|close to) (?:at )?(?:time|the hour|the end)\b"
    r"|\blet's (?:stop|pause|leave it|end) (?:here|there)\b"
    r"|\b(?:ask|asking) me (?:anything|whatever)\b|\bwhat would you like to (?:know|ask)\b"
    r"|\b(?:good|convenient|ok|okay) time for you\b|\b(?:moved|shifted|rescheduled) (?:it|this|things) "
    r"(?:around|about)\b"
    r"|\b(?:you'll|you will) hear (?:from|back)\b|\bwhat happens next\b|\b(?:talent|people|hr|recruitment) "
    r"team\b"
    r"|\b(?:thanks|thank you)(?: \w+){0,2} (?:for )?(?:chatting|talking|speaking|the chat|the conversation)\b"
    r"|\b(?:great|good|nice|lovely|fun) (?:to|chatting|talking) (?:learn|hear|chat|talk|speak)\w*\b"
    r"|\b(?:how(?:'s| is| has| was)) (?:your|the) (?:week|day|morning|afternoon|evening|weekend|holiday|trip)\b"
    r"|\b(?:lunch|breakfast|a break|quick break|comfort break|a coffee|a tea|some water)\b"
    # "How are you?", "how are you finding the process?", not "how are you measuring it?"
    r"|\bhow are (?:you|things)(?: (?:doing|today|keeping|holding up|getting on|finding (?:the )?(?:process|"
    r"interview|day|it|things|everything)))?(?=\s*(?:[?.!,]|$)|\s+(?:today|so far)\b)"
    r"|\b(?:you|i|the call|the line|the connection|the video|zoom|teams) (?:just |have |has )?(?:dropped|"
    r"disconnected)(?! (?:from|to|by|below|under|over))\b"
    # the plan of the hour: "we'll do about twenty minutes on ..., then ..."
    r"|\b(?:we'll|we will|i'll|i will|let's) (?:do|spend|start with|have|cover|take)\b(?:\s+\S+){0,3}\s+"
    r"(?:minutes?|mins?)\b"
    r"|\bbefore we (?:begin|start|kick off|dive in|get going|get into it)\b|\b(?:have|got|grab) (?:some |a glass "
    r"of |your )?water\b|\ball the time we have\b|\b(?:appreciated|enjoyed|loved) (?:the|our|this) (?:conversation|"
    r"chat|talk|discussion)\b"
    r"|\b(?:from my side|from my end|that's (?:everything|all) (?:from me|i have|i had)|thanks again|thank you "
    r"again)\b"
    # pacing the hour: "we're about halfway", "let me move us along", "a quick overview of how the hour will go"
    r"|\b(?:halfway|half way|half-way)(?: point| through| mark)?\b|\bmove (?:us|things) (?:along|on)\b"
    r"|\b(?:jump|dive) (?:in|into it)\b(?=\W*(?:[,.;!]|$))|\bbefore we (?:jump|dive|get) in\b"
    r"|\bhow (?:this|today|the hour|the session|the call|the interview|the time|things|the next \w+ minutes?) "
    r"(?:will|is going to|should|would) (?:work|go|run|look)\b|\b(?:quick |brief )?overview of (?:how|the plan|"
    r"today|the session)\b"
    r"|\b(?:stop|start|stopped) (?:sharing|the share|screen ?sharing|presenting)\b"
    # the call itself: notes, waiting, where the candidate is calling from, a quiet place
    r"|\b(?:typing|taking|making|jotting|writing) (?:some |a few |down |down some |a couple of )?notes\b"
    r"|\b(?:thanks|thank you) for (?:waiting|your patience|bearing with|hanging on|holding)\b|\b(?:overran|ran long|"
    r"running late|running behind)\b|\b(?:joining|calling|dialling|dialing|calling in) (?:in )?from\b"
    r"|\bsomewhere (?:quiet|private|comfortable)\b|\ba (?:quiet|good) (?:place|spot|room) to (?:talk|chat)\b"
    r"|\bheads[- ]up\b(?=.*\b(?:notes|recording|record|time|minutes|camera|screen)\b)"
    # handing over: "I'll hand over to my colleague" (moving to the next question is not small talk: the labels
    # file "Let's move on to the next question" and "Let's talk about something else" under other)
    r"|\b(?:hand|handing|pass|passing) (?:you )?(?:over|back)(?: to)? (?:my|our|the) (?:colleague|teammate|"
    r"co-?interviewer|manager|recruiter)\b"
    # goodbyes: "great talking with you", "have a good rest of your afternoon"
    r"|\b(?:great|good|nice|lovely|fun|a pleasure|wonderful|really enjoyed) (?:to |)(?:chat|talk|speak|meet|"
    r"chatting|talking|speaking|meeting)(?:ing)? (?:with |to )?you\b|\b(?:enjoy|have) (?:a |an )?(?:good|great|nice|"
    r"lovely|wonderful)? ?rest of (?:your|the) (?:day|afternoon|evening|morning|week)\b",
    re.I,
)
# The same by concept: the weather, the match, the commute, the day of the week, the time zone, the recording,
# the interviewer's pets and post, the place the candidate is in, the interviewer stepping away. Each is about
# the meeting or the people's day, never about the candidate's work.
_SMALL_CONCEPTS = re.compile(
    r"\b(?:rain(?:ing|y|ed)?|snow(?:ing|ed|y)?|sunny|sunshine|heat-?wave|freezing|humid|muggy|drizzl\w*|"
    r"thunder\w*|milder|warmer|colder|chilly|grim|scorching|roasting)\b(?=\s+(?:\S+\s+){0,2}?(?:there|here|where you "
    r"are|outside|today|this week|all week|treating|out there)\b)"
    r"|\b(?:catch|see|watch|saw|caught|watched) the (?:match|game|race|final|fight|derby|grand prix|cricket|"
    r"football|rugby|tennis|world cup|olympics|tour stage)\b(?=\s*(?:[?.!,]|$|last|yesterday|at the|this|on (?:sunday|"
    r"saturday|tv)))|\btour de france\b|\b(?:big |the )derby\b|\byour (?:lot|team|side) (?:this|last) "
    r"(?:weekend|week|night|season)\b|\b(?:world cup|super bowl|the olympics|the playoffs)\b"
    r"|\b(?:the )?(?:traffic|commute|drive|journey|train|trains|tube|parking)\b(?:\s+\S+){0,2}?\s+(?:getting in|"
    r"on the way (?:in|here|over)|this morning|coming in|in today)\b"
    r"|\b(?:your|the) commute\b|\bhappy (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|new year|"
    r"holidays)\b|\bone of those (?:weeks|days|mornings)\b|\b(?:apologies|sorry|thanks)\b[^.?!]*\breschedul\w*"
    r"|\b(?:okay|ok|alright|fine|mind|all right) if (?:we|i) (?:record|tape|transcribe)\b|\bfor (?:the|my|our) "
    r"(?:notes|records)\b(?=\W*$)|\b(?:pull|bring|grab) up my notes\b"
    r"|\b(?:pacific|eastern|central|mountain|gmt|bst|cet|ist|sydney|london|new york|european) time\b"
    r"|\b(?:early|late) (?:for|where) you\b|\bfor you (?:there|right now)\b(?=\W*$)"
    r"|\b(?:i'm|i am) on call\b|\bif i (?:vanish|disappear|drop off|go quiet)\b|\b(?:be|i'll be) right back\b|\bbrb\b"
    r"|\b(?:my|our) (?:dog|cat|cats|dogs|puppy|kitten|baby monitor|builders|neighbou?rs?)\b"
    r"|\bthe (?:dog|cat|puppy|kitten)(?:'s| is| has| just| keeps| wants| decided)\b|\bthe (?:postman|postie|courier|"
    r"delivery guy)\b"
    r"|\bsomewhere (?:you can|to) (?:talk|chat|speak)\b|\b(?:a bit|bit|little) about (?:me|myself)\b"
    r"|\bi(?:'ve| have) been (?:on|in|with) the (?:\S+\s+){0,2}?(?:team|group|org)\b"
    r"|\bthe way (?:today|the session|the interview|the call|this interview|this call|this session) (?:works|will "
    r"work|goes|will go)\b"
    r"|\b(?:leave|save|keep) (?:some )?time at the end\b|\bshall we (?:get going|crack on|kick off|start|begin|"
    r"dive in|get into it|get stuck in)\b|\b(?:you had|you've had|you're having|you've been having|having) (?:a|such a) (?:busy|"
    r"hectic|long|quiet|good) (?:morning|afternoon|week|day|weekend)\b"
    r"|\bsomething(?:'s| has) come up\b|\bmove (?:the|this|our) (?:\S+\s+)?(?:call|session|half|interview|chat|"
    r"meeting) to\b",
    re.I,
)
# The meeting's own vocabulary, by stem: a sentence that names the call, the calendar, the room, the day or the
# goodbye and nothing of the work ("I'll stop the recording now", "Did the invite come through in the right
# time zone?", "Sorry, go ahead, I interrupted you") is about the meeting.
_MEETING_STEMS = frozenset(stem(w) for w in """recording recorded invite invites calendar zoom mic microphone echo
internet wifi camera webcam audio video headphones headset door doorbell phone interrupted interrupting interrupt
drilling siren lawnmower builders
pronounce pronounced pronunciation shadowing shadow patience delay delayed apologies reschedule rescheduled
rescheduling housekeeping agenda goodbye bye cheers enjoyable pleasure bank-holiday weather commute coffee tea
lunch email recruiter""".split())
_WORK_STEMS = frozenset(stem(w) for w in """model models data dataset eval evals evaluation metric metrics pipeline
prompt prompts feature features system systems production latency cost label labels test tests suite code service
deploy deployed deployment retrieval index agent agents tool tools experiment experiments result results
accuracy precision recall users customers project projects team product incident bug bugs training threshold
classifier rag llm api query queries schema trace traces release rollout dashboard number numbers retrain retrained
retraining""".split())
# an ask for the work in a sentence about the meeting ("describe the search part of your assistant") is the work's
_WORK_ASK = re.compile(r"\b(?:describe|walk me through|tell me about|how did you|how do you|what did you|why did you)\b",
                       re.I)


def _names_work(sentence: str, allow: frozenset[str] = frozenset()) -> bool:
    """An object of the work other than the team ("the commute-time model", "before indexing"): a meeting shape in
    the same sentence is about the work ("I'm a senior engineer on the search team" still introduces someone).
    ``allow``: stems that are no work object here ("the trains" of the journey in, not "training")."""
    return bool({stem(w) for w in words(sentence)} & _WORK_STEMS - {stem("team")} - allow)


_JOURNEY = frozenset({stem("trains"), stem("train")})
# "The job is on-site three days a week; does that work for you?": the job's own terms put for agreement are the
# job's requirement, not a result supplied to the candidate
_JOBS_TERMS = re.compile(r"\b(?:the|this) (?:job|role|position)(?:'s| is| will be| needs| requires| involves)\b[^.?!;]*?"
                         r"\b(?:days?|hours?|weeks?|nights?|weekends?|per (?:week|month)|on-?site|in the office|travel|"
                         r"on-?call)\b", re.I)


def _about_the_meeting(sentence: str) -> bool:
    stems = {stem(w) for w in words(sentence)}
    return bool(stems & _MEETING_STEMS) and not stems & _WORK_STEMS and not _WORK_ASK.search(sentence)


# a question about what was just explained is no pleasantry ("...a 5 percent canary. Any questions on that?")
_QUESTIONS_ON_THAT = re.compile(r"\bany questions (?:about|on|around) (?:that|this|it|those)\b", re.I)
# "my internet's flaky": the noun before a possessive or an "is", for the lexicon
_NOUN_S = re.compile(r"\b(?!(?:what|that|it|there|here|who|where|how|let|he|she)['\u2019])([a-z]+)['\u2019]s\b", re.I)
# "I'm Dana": the interviewer's own name (a capitalised word after "I'm", not "I'm curious")
_NAME_INTRO = re.compile(r"\b(?:I'm|I am|I\u2019m|[Mm]y name's|[Mm]y name is) (?!(?:Not|Sure|Just|Also|Really)\b)"
                         r"[A-Z][a-z]+\b")


@dataclass
class TurnReading:
    kinds: list[str]
    competency: str | None = None
    kit: kit_match.KitMatch | None = None
    unlawful: list[unlawful.UnlawfulHit] = field(default_factory=list)
    leading: list[leading.LeadingHit] = field(default_factory=list)


# "Can you work the weekend rota?" asks the job's schedule, not how the weekend was
_AVAILABILITY = re.compile(r"\b(?:can|could|would|will) you (?:be able to )?(?:work|cover|do|be on|travel|commit to)\b"
                           r"[^.?!]*", re.I)


def is_small_talk(text: str, by_vocabulary: bool = True) -> bool:
    """``by_vocabulary``: a sentence may be small talk by the meeting's vocabulary alone (``_about_the_meeting``)
    or as a pleasantry about the candidate's day (``pleasantries``); not in the lead-in to an unlawful question,
    where "I saw a ring on the video" or "Big weekend plans?" is the question's pretext."""
    text = _AVAILABILITY.sub(" ", _QUESTIONS_ON_THAT.sub(" ", text))
    return any(_small_phrase(s)
               or _SMALL_SHAPES.search(s) or (_SMALL_CONCEPTS.search(s) and not _names_work(s))
               or _NAME_INTRO.search(s)
               or (is_meeting_talk(s) and not _names_work(s))
               # a pleasantry about the candidate's life before an unlawful question is its pretext
               or (by_vocabulary and is_pleasantry(s) and not _names_work(s, allow=_JOURNEY))
               or (by_vocabulary and _about_the_meeting(s)) for s in sentences(text))


_WHEN = frozenset({"friday afternoon", "monday morning", "the call"})


def _small_phrase(sentence: str) -> bool:
    """A phrase of the small-talk lexicon in the sentence; a lone word of it ("echo", "audio", "camera") does not
    count in a question about the work."""
    found = _SMALL.scan(_NOUN_S.sub(r"\1", sentence))["small"]
    if found and _names_work(sentence):
        # "Say someone tweaks the system prompt on a Friday afternoon": the day is the scenario's, not the call's;
        # "what numbers made the call?" is the decision's
        found = [f for f in found if f[2] not in _WHEN]
    if not found:
        return False
    return any(" " in p for _, _, p in found) or not _asks_about_the_work(sentence)


def _asks_about_the_work(sentence: str) -> bool:
    """"How did you handle the echo in the audio data?": a question about the work that names the call's words."""
    return bool(_WORK_ASK.search(sentence)) and bool({stem(w) for w in words(sentence)} & _WORK_STEMS)


def _tag_of(sentence: str, text: str, unlawful_sentences: set[str]) -> bool:
    """A lead that is an unlawful sentence and a short tag with no number of its own ("I'd guess Brazil from your
    accent. Am I close?", or the tag alone after it) asks the candidate to confirm a guess about their person, not
    a result: it is the unlawful question's, not a lead."""
    rest = sentence
    for u in unlawful_sentences:
        rest = rest.replace(u, " ")
    if rest == sentence:
        said = sentences(text)
        after_unlawful = any(s == sentence and i > 0 and any(said[i - 1] in u for u in unlawful_sentences)
                             for i, s in enumerate(said))
        if not after_unlawful:
            return False
    return len(words(rest)) <= 5 and not has_number(rest)


def _opening(text: str, unlawful_sentences: set[str]) -> str:
    """The turn, or with an unlawful question in it, the sentences that open the turn before it."""
    if not unlawful_sentences:
        return text
    said = " ".join(unlawful_sentences)
    opening: list[str] = []
    for s in sentences(text):
        if s in said:
            break
        opening.append(s)
    return " ".join(opening)


def classify_turn(text: str, previous_answer: str | None, role: RoleChoice,
                  said: set[float] | None = None) -> TurnReading:
    """The kinds of one interviewer turn; ``previous_answer`` is the candidate's answer just before, if any;
    ``said``: every number the candidate has said so far (repeating one back is not leading)."""
    kinds: list[str] = []
    unlawful_hits = unlawful.scan(text)
    leading_hits = leading.scan(text, previous_answer, said)
    kit = kit_match.match(text, role, previous_answer,
                          skip=tuple(h.sentence for h in leading_hits) + tuple(h.sentence for h in unlawful_hits))
    probe = bool(previous_answer) and not kit_match.switches_topic(text) and probes.asks_for_specifics(text)
    if kit is not None and (kit.follow_up is not None
                            or (probe and probes.refers_back(text, story=kit_match.intro_strong(text)))):
        kit = None  # pins down what the candidate just said: a follow-up, not the kit's next question
    if kit is not None:
        kinds.append("kit_question")
    if unlawful_hits:
        kinds.append("unlawful")
    unlawful_sentences = {h.sentence for h in unlawful_hits}
    leading_hits = [h for h in leading_hits if h.sentence not in unlawful_sentences  # "Are you married, right?"
                    and not _tag_of(h.sentence, text, unlawful_sentences)
                    # "We have about 40 minutes left, okay?", "Can you hear me now, yeah?": the meeting's business
                    and not (is_small_talk(h.sentence) and not _names_work(h.sentence))
                    and not _JOBS_TERMS.search(h.sentence)]
    if leading_hits:
        kinds.append("leading")
    if kit is None and not leading_hits and not unlawful_hits and probe:
        kinds.append("follow_up_probe")
    # a greeting that opens the turn before an unlawful question is still small talk ("Hi! Lovely accent. Where's
    # it from?"); the unlawful sentence and the reason given for it after ("We order lunch for the team") are not
    if is_small_talk(_opening(text, unlawful_sentences), by_vocabulary=not unlawful_sentences):
        kinds.append("small_talk")
    if not kinds:
        kinds.append("other")
    return TurnReading(kinds=kinds, competency=kit.question.competency if kit else None, kit=kit,
                       unlawful=unlawful_hits, leading=leading_hits)
