"""Which of the kit's primary questions an interviewer turn asks, matched by meaning rather than exact words.

Each kit question (``prompts/rubric/*.yaml``, ``questions[].text``) is read into *concepts*: the ideas its words
name, through a table of synonyms (``CONCEPTS``: "made something up", "invents stuff" and "hallucination" are
one concept; "cut-off" and "threshold" another; "went sideways" and "went wrong" another). A turn is read the
same way. The turn's score for a question is the weight of the concepts they share (rarer concepts across the
kit weigh more, as in idf), plus a little for the question's competency keywords (``keywords`` in the rubric).
The best question wins when its score clears ``MIN_SCORE`` and the turn asks about the candidate's own work:
an opinion ("how do you feel about agents?"), a textbook definition ("what is data leakage?"), a hypothetical
design ("if you had to design an eval suite from scratch"), or tool familiarity ("have you used LangChain?")
is not the kit's question, however many of its words it shares.

Words outside the synonym table still count when a question and a turn share them (their stems), so a kit a
team writes for itself is matched too, less well. Matching is one pass over the turn's words (``PhraseIndex``).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..offline.phrases import PhraseIndex
from ..rubric import Competency, RoleChoice, load_rubric
from . import leading, probes
from .text import STOP, sentences, stem, words

# concept -> phrases that name it (plain words; stemmed when the index is built)
CONCEPTS: dict[str, tuple[str, ...]] = {
    # evaluation
    "eval": ("eval", "evals", "evaluation", "evaluations", "evaluate", "evaluated", "evaluating", "eval set",
             "eval suite", "test set", "test suite", "regression suite", "regression set", "regression tests",
             "golden set", "golden dataset", "benchmark", "test cases", "offline eval", "gets tested", "tested",
             "the suite", "your suite", "a suite of", "suite run", "suite runs",
             "test it", "graded", "scored"),
    "case": ("case", "cases", "example", "examples", "test case", "items", "questions in it", "what's in it",
             "what is in it", "in it"),
    "origin": ("came from", "come from", "got there", "get there", "ended up there", "ended up in", "how did each",
               "where did each", "where did they", "where did the", "sourced", "how they were chosen", "chosen"),
    "build": ("built", "build", "put together", "created", "wrote", "set up", "made", "own", "owned", "ran", "run"),
    "llm": ("llm", "llms", "llm based", "language model", "gpt", "genai", "llm powered", "ai feature", "prompt",
            "model", "assistant", "chatbot", "bot", "copilot"),
    "laptop": ("laptop", "locally", "on your machine", "tweak", "tweaked", "tweaks", "swap", "swapped", "edit",
               "edits", "edited", "prompt edit", "edit the prompt", "switch", "switching", "new model version",
               "model version", "model upgrade", "upgrade the model",
               "change a prompt", "prompt change", "model change", "change the model"),
    "ship_path": ("to production", "into production", "being live", "go live", "goes live", "going live",
                  "live for users", "customers see", "users see", "before it reaches", "reaches users",
                  "reaches customers", "in front of customers", "in front of users",
                  "in front of real users", "release path", "release process", "gets to production", "get to production",
                  "between that and", "out to users", "goes out", "going out", "go out", "ship", "shipped",
                  "shipping", "release", "released", "deploy", "deployed", "deployment", "put out", "push it out"),
    "stop": ("stop", "stops", "stopped", "block", "blocks", "blocked", "gate", "gates", "prevent", "fail the",
             "hold it back", "reject", "has to pass", "have to pass", "must pass",
             "needs to pass", "need to pass", "pass first", "sign off", "signs off", "allowed to", "is allowed",
             "decides whether", "who decides", "approve", "approves", "approval", "gatekeeper", "say no", "veto",
             "would catch", "catch regressions", "catch a regression", "catch a prompt change", "catch a bad",
             "catch a change"),
    "offline": ("offline", "offline numbers", "offline eval", "evals", "on paper", "in testing", "test numbers",
                "offline winner", "looked better offline"),
    "disagree": ("said otherwise", "otherwise", "different story", "weren't happy", "were not happy",
                 "didn't win", "did not win", "lost", "loser", "worse", "hated", "hate", "complained",
                 "unhappy", "didn't like", "did not like", "disagreed", "contradicted", "flopped",
                 "didn't hold up", "did not hold up", "turned out", "didn't survive", "did not survive",
                 "fell apart", "didn't translate", "did not translate", "didn't carry over", "did not carry over",
                 "didn't hold", "backfired", "disagree", "disagreed", "disagreement", "didn't match", "did not match",
                 "diverged", "mismatch"),
    "production": ("production", "prod", "users", "real traffic", "live traffic", "live", "in the wild", "serving",
                   "customers", "once it went live", "real users"),
    "improvement": ("improvement", "improvements", "improve", "improved", "better", "win", "wins", "change",
                    "changes"),
    # hallucination
    "hallucinate": ("hallucination", "hallucinations", "hallucinate", "hallucinates", "hallucinated",
                    "hallucinating", "made up", "made something up", "makes things up", "make things up",
                    "making things up", "makes stuff up", "made stuff up", "invent", "invents", "invented",
                    "inventing", "fabricate", "fabricated", "fabricates", "confabulate", "wrong facts",
                    "unsupported answers", "unsupported", "confidently wrong", "confident wrong", "wrong answers",
                    "false answers", "false claims", "false statements", "untrue", "not true", "making up",
                    "makes up", "made-up", "made up answer", "invented answer", "bluff", "bluffs", "bluffing"),
    "debug": ("debug", "debugged", "debugging", "dig into", "dug into", "chase down", "chased down", "chased",
              "investigate", "investigated", "digging", "track down", "tracked down", "root cause", "figure out", "diagnose",
              "diagnosed"),
    "truth": ("actually true", "what was true", "actually right", "what was right", "the truth", "correct answer",
              "what it said", "what did it say", "model claimed", "model said", "what the model said", "versus what"),
    "how_often": ("how often", "how frequently", "rate", "frequency", "what share", "what percentage",
                  "how much of the time"),
    "today": ("today", "now", "right now", "at the moment", "currently", "these days", "you're running",
              "you are running"),
    "sources": ("sources", "citations", "citation", "cited", "grounded",
                "grounding", "stick to", "stay grounded", "stays grounded", "it was given", "retrieved text",
                "context it was given", "the context", "retrieved documents", "retrieved passages", "only say",
                "only what's in", "only what is in", "in the documents", "backed by", "supported by",
                "actually support", "documents support", "sources support", "support it", "faithful to",
                "stay faithful", "what the documents say", "what the sources say", "stick to the", "only answer from",
                "answer only from", "only from the", "anchored"),
    # measurement
    "proud": ("proudest", "proud", "favourite", "favorite", "best work", "most proud", "most pleased"),
    "measure": ("measure", "measured", "measuring", "numbers", "metric", "metrics", "before and after",
                "before versus after", "before vs after", "either side", "quantify", "quantified"),
    "unexpected": ("didn't expect", "did not expect", "unexpected", "surprise", "surprised", "surprising",
                   "didn't see coming", "did not see coming", "counterintuitive", "came back with"),
    "dashboard": ("dashboard", "experiment", "a b test", "ab test", "the data said", "the numbers said", "numbers"),
    "sceptic": ("sceptical", "skeptical", "sceptic", "skeptic", "don't believe", "do not believe", "don't buy",
                "doubt", "doubts", "convince", "prove", "proof", "evidence", "put in front", "show them",
                "show her", "show him", "is real"),
    # retrieval
    "retrieval": ("retrieval", "rag", "search", "retriever", "vector", "vectors", "embeddings", "index",
                  "indexing", "chunk", "chunks", "chunking", "pulled the wrong", "pulls", "find the right",
                  "didn't find", "search part"),
    "end_to_end": ("end to end", "from the raw", "raw documents", "documents in", "all the way", "starting from",
                   "from the source", "get from", "documents get", "into the prompt",
                   "from start to finish", "ingest", "ingestion", "pipeline"),
    "model_sees": ("what the model sees", "ends up in the prompt", "what ends up", "context out", "in the prompt",
                   "context window", "what the model gets", "the model sees"),
    "wrong": ("wrong", "wrongly", "incorrect", "let you down", "failed", "fail", "miss", "missed", "wrong answer",
              "came out wrong", "got wrong"),
    # agents
    "agent": ("agent", "agents", "agentic", "tool using", "tool use", "tool calling", "function calling",
              "tool-using", "multi step", "autonomous"),
    "tools": ("tools", "tool", "functions it could call", "could it use", "which tools", "what tools"),
    "schema": ("schema", "schemas", "inputs", "arguments", "parameters", "signature", "json schema",
               "definition", "look like"),
    "went_wrong": ("went wrong", "went sideways", "go wrong", "goes wrong", "failure", "failed", "broke",
                   "off the rails", "misbehaved", "bad run", "went badly"),
    "trace": ("trace", "traces", "logs", "opened the trace", "in the trace", "what did the trace"),
    "find_out": ("find out", "found out", "how did you find", "notice", "noticed", "came to your attention",
                 "come to light", "came to light", "catch it", "caught it", "caught", "how'd you catch",
                 "how did you catch", "found it", "find it", "found", "spotted", "spot it", "discovered", "how did it surface", "alerted"),
    "not_use": ("not to use", "decided against", "against it", "talked out of", "talk out of", "talked them out",
                "talked the team out", "not build", "not to build", "not worth", "overkill", "steer away",
                "steered away", "obvious thing but", "didn't go with", "did not go with", "said no to",
                "pushed back on", "push back on", "argued against", "advised against", "recommended against",
                "over an agent", "instead of an agent", "rather than an agent", "simple pipeline", "simpler pipeline",
                "without agents", "plain pipeline", "fixed pipeline", "simple chain", "simple workflow", "chose not", "chosen not", "decided not", "simpler", "instead of an",
                "without an agent", "didn't use", "did not use", "something simpler"),
    # production
    "incident": ("incident", "incidents", "outage", "outages", "bad day", "fire", "on call", "paged", "went down",
                 "postmortem", "post mortem", "sev"),
    "worst": ("worst", "biggest", "most painful", "hardest", "scariest"),
    "budget": ("budget", "budgets", "latency", "cost", "costs", "how fast", "how cheap", "fast", "cheap", "slo",
               "spend", "per request", "stay inside", "stay there", "inside them", "keep it inside"),
    "rollout": ("roll out", "rolls out", "rollout", "roll back", "rollback", "roll it back", "undo", "revert",
                "previous version", "last good version", "back to the previous", "go back to the", "get back to the",
                "get back if", "go back if", "back it out", "back out",
                "canary", "goes out", "go out", "first place", "ship", "release"),
    # ml data
    "data": ("data", "dataset", "datasets", "training data", "rows", "tables"),
    "data_pipeline": ("data pipeline", "pipeline", "pipelines", "etl", "feed", "feeds", "ingestion", "upstream", "behind one of your models", "fed a model", "trained on"),
    "checks": ("checks", "check", "validation", "validated", "validate", "sane", "sanity", "tests on",
               "what checks", "make sure"),
    "quality": ("data quality", "data-quality", "quality", "bad data", "dirty data", "corrupt", "corrupted",
                "garbage", "broken data", "data issue", "data issues", "data problem", "data problems", "data bug",
                "issue in the data", "problem in the data", "data error", "data errors"),
    "hurt": ("hurt", "damaged", "damage", "hurt a model", "harmed", "broke the model", "made a model worse",
             "made the model worse", "degraded a model", "degraded the model", "degrade a model",
             "made the model bad", "made it worse", "dragged down", "threw off",
             "model performance", "hurt performance", "hurt the model"),
    "labels": ("labels", "label", "labelled", "labeled", "labelling", "labeling", "annotation", "annotations",
               "annotators", "labellers", "ground truth"),
    "right": ("right", "correct", "accurate", "trust", "actually right", "are right", "were right"),
    # ml features
    "feature": ("feature", "features", "signal", "signals", "variable", "variables", "input column", "columns"),
    "impact": ("difference", "moved the needle", "impact", "mattered", "helped most", "most impact", "real difference",
               "made a difference", "how do you know it did", "how did you know it"),
    "leakage": ("leakage", "leak", "leaks", "leaked", "leaking", "shouldn't have been there",
                "should not have been there", "couldn't know", "could not know", "prediction time",
                "future information", "from the future", "target leak", "information it shouldn't",
                "information it should not", "shouldn't have seen", "should not have seen", "shouldn't have had",
                "cheating", "cheated", "peeking", "peeked", "peek at", "snuck into", "sneaked into", "crept into",
                "bled into", "leaked into"),
    # ml evaluation
    "choose": ("chose", "choose", "choosing", "picked", "pick", "selected", "select", "selection", "in the running",
               "alternatives", "candidates", "candidate models", "which of the", "decide which",
               "decided which", "final model", "went with", "ended up choosing", "over the alternatives",
               "model choice", "choice of model", "why that model", "not something else", "instead of the others",
               "over the others", "rather than the", "beat the others", "won out"),
    "compare": ("compare", "compared", "comparing", "comparison", "compare them", "against", "on which data",
                "on what data"),
    "threshold": ("threshold", "thresholds", "cut off", "cut-off", "cutoff", "operating point", "decision boundary"),
    "classifier": ("classifier", "classifiers", "classification"),
    # ml deployment
    "deploy": ("deploy", "deployed", "deployment", "into production", "serving traffic", "serving", "got there",
               "get there", "went live", "live", "trained model to", "path from"),
    "still_working": ("still working", "still healthy", "stopped working", "stops working", "healthy", "monitor",
                      "monitoring", "notice if", "still good", "still works", "still performing"),
    "degrade": ("got worse", "gets worse", "degraded", "degrade", "degrading", "decay", "decayed", "drift",
                "drifted", "worse over time", "quietly", "went downhill", "deteriorated"),
    "how_long": ("how long", "when did you find out", "how quickly", "how fast did you", "how long did it take"),
}

# More ways to name the same ideas, in the register interviewers use when they do not read the kit out: the
# pile of test inputs, the answer that stays inside the documents it was handed, the dashboard that "can't be
# right", the win a colleague calls noise, the chatbot that fell over, the cents per call, the slice of traffic.
_MORE_NAMES: dict[str, tuple[str, ...]] = {
    "eval": ("test inputs", "test prompts", "test questions", "must pass", "must-pass cases", "pile of test",
             "fixtures", "golden examples", "test numbers"),
    "hallucinate": ("never actually said", "never said", "didn't say", "did not say", "not in the sources",
                    "not in the documents", "invented facts", "made-up facts"),
    "sources": ("inside the documents", "within the documents", "documents it was handed", "documents it was given",
                "what it was handed", "what it was given", "stay inside the", "stays inside the", "citing",
                "cites", "cite"),
    "how_often": ("keep tabs", "keeping tabs", "week to week", "week on week", "track", "tracking", "over time"),
    "unexpected": ("can't be right", "cannot be right", "couldn't be right", "that can't be", "contradict",
                   "contradicted", "your gut", "gut feeling", "intuition", "huh", "opposite way", "the opposite of",
                   "other way from", "from what you expected", "than you expected", "not what you expected",
                   "what you'd expected", "what you had expected"),
    "stop": ("stands between", "stand between", "standing between", "bounce", "bounced", "bounces", "kick it back",
             "kicks it back", "send it back", "sends it back", "turned away"),
    "sceptic": ("noise", "just noise", "was noise", "a fluke", "luck", "on the table", "defend", "convinced",
                "not buying it", "push back"),
    "retrieval": ("lookup step", "lookup", "look up step", "search step", "retrieval step", "fetch step",
                  "passages", "passage", "top k", "top-k"),
    "incident": ("fell over", "fall over", "falls over", "blew up", "melted down", "meltdown", "fire drill",
                 "broke in front", "fell flat", "wake someone up", "wakes someone up", "woke someone up",
                 "woken up", "3am", "3 am", "pager", "middle of the night", "429", "429s", "rate limit", "rate limits",
                 "rate limited", "rate-limited", "throttled", "timeouts"),
    "budget": ("milliseconds", "ms", "cents", "per call", "money per", "time and money", "allowed", "stay under",
               "under budget", "over budget", "keeps you inside", "stay within", "p95", "p99"),
    "rollout": ("slice of traffic", "pull it back", "pull back", "percentage of traffic", "share of traffic",
                "some of the traffic", "fraction of traffic", "subset of users", "small slice", "dark launch",
                "feature flag", "shadow", "a b"),
    "quality": ("messy", "messiest", "mess", "clean up", "cleaning up"),
    "impact": ("earned its place", "earn its place", "pulled its weight", "pull its weight", "helps", "helped",
               "worth keeping", "worth its", "carried the model"),
    "disagree": ("flop", "flops", "flopping", "screamed", "complaints", "support queue", "support tickets",
                 "tanked", "bombed"),
    "choose": ("challenger", "champion", "beat the", "head to head", "bake off", "bake-off", "shortlist"),
    "right": ("how sure", "sure", "confident", "confidence in"),
}
for _concept, _names in _MORE_NAMES.items():
    CONCEPTS[_concept] = (*CONCEPTS[_concept], *_names)

# concepts nearly every question touches: they help a match, never make one
GENERAL = frozenset({"llm", "production", "improvement", "build", "case", "data", "today", "right", "wrong",
                     "origin"})

# the concepts that say nothing about which question is asked (``GENERAL`` less the time: "today", "right now"
# is what the hallucination-rate question asks)
_BROAD = GENERAL - {"today"}

# Words of a question that say how it is asked, not what about: no concept, and never matched on their own.
GENERIC = frozenset(stem(w) for w in """tell walk talk describe explain show give take through time times one
something thing things about me your you what how which who when where why did do does have has had been ever
would could can will get got make made actually really specific concrete concretely example story last recent
recently project projects work worked working way start started let us go going look looked""".split())

# opinion, definition, hypothetical and familiarity questions share the kit's words but not its question
_NOT_KIT = re.compile(
    r"\b(?:what(?:'s| is) your (?:take|view|opinion|favourite|favorite|feeling)|how do you feel about|"
    r"do you (?:think|believe|enjoy|like|prefer)|did you enjoy|do you find(?! out)|are (?:they|agents|llms|evals) "
    r"(?:overhyped|worth|the future)|overhyped|in general\b|generally speaking|broadly speaking|in your own words|what is (?:a |an |the )?(?:data )?"
    r"(?:leakage|rag|an agent|a hallucination|hallucination|precision|recall|overfitting|drift)\b|"
    r"what(?:'s| is) the difference|explain the difference|can you define|define |textbook|hypothetically|"
    r"(?:can|could) you do that|would (?:that|this) work for you|are you able to (?:work|travel|relocate|start|"
    r"commit|be)|(?:can|could|would) you (?:work|do|cover|take|join|be on) (?:the|an?|our) (?:on-?call|rotation|"
    r"shifts?|weekends?|night)|would you be (?:able|willing|open|happy) to (?:work|travel|relocate|start|commit|be)|"
    r"the role (?:is|involves|requires|includes|needs)|(?:for|of) (?:this|the) role is|"
    r"(?:does|would|will) (?:that|this|it) (?:fit|suit|match|work for)|what you're looking for|"
    r"is (?:that|this|it) something you(?:'d| would| could| can)?|(?:can|could) you commit|"
    r"are you (?:comfortable|ok|okay|happy|fine) with (?:that|this|it)\b|we (?:run|do) (?:a |an )?(?:standard |"
    r"routine )?(?:background|reference|credit)|the (?:job|position) (?:is|involves|requires|includes|needs|has)|"
    r"the role has|"
    # which tool or vendor, not the candidate's work: "Do you use Airflow or Dagster?", "AWS or GCP?"
    r"(?:do|did) you (?:usually |normally |typically |mostly |tend to )?(?:use|go with|work with|run on|deploy (?:on|to)|"
    r"pick|reach for) (?:\S+ ){1,3}or \S+|which \w+(?: \w+)? do you (?:usually|normally|typically|mostly|tend to|"
    r"prefer|like)|^\W*have you (?:ever )?(?:worked with|played with|tried|touched)\b[^?.]{0,40}\?\s*$|"
    r"if you (?:joined|were to join|came here|were here|were "
    r"hired)|(?:first|next) (?:30|60|90|thirty|sixty|ninety) days|"
    r"(?:what|which|one thing)(?:'s| is| would)?(?: one thing)? you(?:'d| would) (?:change|do differently|improve|"
    r"fix) about|what would you change|"
    r"if you had to (?:design|build|set up|create)|from scratch|\b(?:in )?a typical\b|"
    r"(?:does|would) (?:that|this|it) appeal|the shape of the (?:job|role)|how would you (?:design|build|set up)|"
    r"(?:what|which) (?:year|month|date|day of the week)\b|misconceptions?|overrated|underrated|in theory|outside (?:of )?work|side projects?|hobby|hobbies|"
    r"personal projects?|in your spare time|for fun\b|theoretically|in principle|"
    r"(?:the|a) (?:right|best|correct|standard) way to|best practices?|if you had (?:no|only|zero)\b|"
    r"(?:biggest |greatest |main )?(?:weakness|weaknesses|strengths)\b|"
    r"(?:what do|do) (?:most )?people (?:get wrong|think|misunderstand)|if you had (?:unlimited|infinite|no limits|all the|"
    r"a magic)|which \w+ would you (?:use|pick|choose|go with|recommend)|(?:which|what) (?:cloud|vendor|provider|"
    r"framework|library|database|language|stack|platform|orchestrator|ide|editor)s? (?:do|did|does|would|have)\b|"
    r"^\W*have you (?:ever )?used\b[^?.]{0,60}\?\s*$|have you (?:ever )?used\s*\?|are you familiar|familiar with|in your (?:opinion|view)|your (?:honest )?opinion|"
    r"which (?:ones?|\w+(?: \w+)?) (?:have|did|do) you (?:tried|try|used|use|worked with|work with|played with)\b|(?:what|which) (?:eval )?(?:tools|frameworks|libraries) "
    r"(?:have|do|did) you (?:use|used|like|prefer)|would you call yourself|more of a|research person|solvable)",
    re.I,
)

# how a question about the candidate's own work opens
_INTRO = re.compile(
    r"\b(?:tell me about|tell me how|talk me through|walk me through|take me through|describe(?! (?:it|that|this|them|those)\b)|give me (?:a|an|one)"
    r" (?:case|example|time|story)|have you (?:ever|had|put together|built|run|owned|shipped|debugged|found)|"
    r"has there been|have there been|(?:was|is|has) there ever|(?:was|were) there (?:a|an|any) \w+ (?:where|when|that)|"
    r"(?:has|have|did) (?:a|an|any|one of your|your) \w+(?: \w+)? ever\b|did you ever|ever had|ever found|(?:got|ever seen|seen|have) one\W*\?|"
    r"any (?:examples|stories|war stories)|worst (?:day|incident|outage|bug|failure|moment|week|night)|"
    r"who (?:or what )?(?:decides|approves|signs off|can stop|can block)|(?:gets|get) to (?:say no|decide|"
    r"approve|block|stop|veto|sign off)|has the final say|any (?:moment|time|model|case|example|incident)|"
    r"a time|one time|what(?:'s| is| was) the (?:worst|biggest|hardest|best)|the worst|proudest|favourite|"
    r"favorite|which (?:piece|feature|change|project|model)|imagine|suppose|say (?:you|someone|somebody|a teammate|a colleague)\b|when have you|"
    r"can you think of|(?:a|an|one of the|the) \w+(?: \w+){0,3} you(?:'ve| have)? (?:built|shipped|ran|run|owned|"
    r"had|put out|were responsible|trained|chose|picked|found|caught|debugged|chased|used|deployed|wrote|made)|"
    r"(?:one|any) of your|your (?:system|assistant|feature|model|models|classifier|labels|last|release|pipeline|"
    r"evals|eval|offline|chat|search|agent|bot|product|prompt|data|final|own|team's|latest|current system)|"
    r"for a (?:feature|model|classifier|system|pipeline)|once a model|how (?:do|did|would) you (?:know|roll|"
    r"keep|undo|get|make|choose|pick|decide|end up|stay|set|select|tune|determine|arrive)(?! (?:that|it|this|those|them|these)\b)|how would you know|what(?:'s| is) your way|"
    r"your (?:latency|cost|release|rollout|hallucination|error|pass)|how fast and how cheap|if a new|what happens between|where did the|what(?:'s| is) a \w+ you|"
    r"how (?:do|did) you (?:know|tell) (?:how|your|whether|if)|"
    r"how do you (?:\w+)(?! (?:that|it|this|those|them|these)\b)|what did you do (?:so|to|about)|"
    r"what(?:'s| is) in (?:the|your)|(?:the|a|an) \w+(?: \w+)? you (?:use|run|maintain|look after|work on|own)\b|"
    r"your team|someone on your|what checks)",
    re.I,
)

# weaker: any question put to the candidate in the second person; it opens the kit's question only when it is
# the first question, or when it asks about something the previous answer did not already raise
_SECOND_PERSON = re.compile(r"\b(?:you|your|you've|you're|you'd)\b", re.I)

MIN_SCORE = 2.0
FOLLOW_UP_MARGIN = 1.2  # a follow-up wins only by scoring clearly above the best primary question  # tuned on the dev split of golden/interviewer_turns.yaml
KEYWORD_WEIGHT = 0.5  # per distinct competency keyword in the turn, capped at 2 keywords


@dataclass(frozen=True)
class KitQuestion:
    competency: str
    competency_name: str
    number: int  # 1-based within the competency
    text: str
    follow_ups: tuple[str, ...]
    concepts: frozenset[str]
    follow_up_concepts: tuple[frozenset[str], ...] = ()


@dataclass(frozen=True)
class KitMatch:
    question: KitQuestion
    score: float
    shared: tuple[str, ...]  # the concepts the turn and the question share
    follow_up: int | None = None  # 0-based index into question.follow_ups when a follow-up matched best


@dataclass
class _Kit:
    questions: list[KitQuestion]
    competencies: list[Competency]
    index: PhraseIndex
    weight: dict[str, float] = field(default_factory=dict)


def _stemmed(phrase: str) -> str:
    return " ".join(stem(w) for w in words(phrase))


_STOP_STEMS = frozenset(stem(w) for w in STOP)


@lru_cache(maxsize=8)
def _kit(role: RoleChoice, rubric_key: str | None = None) -> _Kit:
    rubric = load_rubric(rubric_key)
    comps = rubric.for_role(role)
    lexicons: dict[str, tuple[str, ...]] = {c: tuple(_stemmed(p) for p in ps) for c, ps in CONCEPTS.items()}
    for comp in comps:
        lexicons[f"kw:{comp.id}"] = tuple(_stemmed(k) for k in comp.keywords)
    index = PhraseIndex(lexicons)
    partial = _Kit([], comps, index)
    questions: list[KitQuestion] = []
    for comp in comps:
        for n, q in enumerate(comp.questions, 1):
            questions.append(KitQuestion(comp.id, comp.name, n, q.text, tuple(q.follow_ups),
                                         frozenset(_read(q.text, partial)[0]),
                                         tuple(frozenset(_read(f, partial)[0]) for f in q.follow_ups)))
    # idf over the kit's questions and follow-ups: a concept in most of them ("measure") says little
    df: dict[str, int] = {}
    texts = [q.concepts for q in questions] + [f for q in questions for f in q.follow_up_concepts]
    for concepts in texts:
        for c in concepts:
            df[c] = df.get(c, 0) + 1
    n = max(len(texts), 1)
    weight = {c: 1.0 + math.log(n / d) / math.log(n) if n > 1 else 1.0 for c, d in df.items()}
    weight = {c: w * (0.6 if c.startswith("w:") else 0.4 if c in GENERAL else 1.0) for c, w in weight.items()}
    return _Kit(questions, comps, index, weight)


def kit_questions(role: RoleChoice) -> list[KitQuestion]:
    return list(_kit(role).questions)


def competencies(role: RoleChoice) -> list[Competency]:
    return list(_kit(role).competencies)


# "How would you approach...?" asks for a plan, not the work: unless it is about the candidate's own system ("how
# would you go about measuring how often your agent finishes a task?", "...your assistant's answers...")
_HOW_WOULD = re.compile(r"\bhow would you (?:approach|tackle|handle|go about)\b", re.I)
_OWN_SYSTEM = re.compile(r"\byour (?:assistant|agent|bot|chatbot|system|model|pipeline|classifier|product|feature|"
                         r"setup|service)(?:'s|\u2019s)?\b", re.I)


def is_about_own_work(text: str) -> bool:
    """False for opinion, definition, hypothetical-design and tool-familiarity questions."""
    return _NOT_KIT.search(text) is None and (_HOW_WOULD.search(text) is None or _OWN_SYSTEM.search(text) is not None)


def _read(text: str, kit: _Kit) -> tuple[set[str], dict[str, int]]:
    """A text's concepts, its other content words (``w:<stem>``, those no concept phrase covers) and, per
    competency, how many of its keywords it uses."""
    stemmed = " ".join(stem(w) for w in words(text))
    hits = kit.index.scan(stemmed)
    found: set[str] = set()
    covered: list[tuple[int, int]] = []
    keywords: dict[str, int] = {}
    for name, h in hits.items():
        if not h:
            continue
        if name.startswith("kw:"):
            keywords[name[3:]] = len({p for _, _, p in h})
        else:
            found.add(name)
            covered.extend((a, b) for a, b, _ in h)
    covered.sort()
    pos, j = 0, 0
    for token in stemmed.split(" "):
        start, end = pos, pos + len(token)
        pos = end + 1
        while j < len(covered) and covered[j][1] <= start:
            j += 1
        inside = any(a <= start and end <= b for a, b in covered[j:j + 8])
        if not inside and token not in GENERIC and token not in _STOP_STEMS and len(token) > 2:
            found.add(f"w:{token}")
    return found, keywords


def concepts(text: str, role: RoleChoice) -> set[str]:
    """The concepts (and other content words) a text names, read with the role's kit."""
    return _read(text, _kit(role))[0]


def asks_about_own_work(text: str) -> bool:
    """The turn opens a topic on the candidate's own work ("tell me about a time", "a pipeline you owned",
    "how do you know your labels are right") rather than pinning down what was just said ("that suite")."""
    return _INTRO.search(text) is not None and is_about_own_work(text)


_ASKING = re.compile(r"^\W*(?:(?:so|and|okay|ok|right|now|next|then|great|alright),?\s+)*(?:tell|walk|talk|take|"
                     r"describe|give|show|explain|imagine|suppose|say|pick|think|share|i'd (?:like|love) to hear|"
                     r"i (?:want|would like|would love) to hear|i'm keen to hear|let's hear)\b", re.I)


def _asks(sentence: str) -> bool:
    return sentence.rstrip().endswith("?") or _ASKING.match(sentence) is not None


def _asking_part(sents: list[str]) -> list[str]:
    """The sentences up to the last one that asks (a question, or a request such as "walk me through..."):
    the setup before a question is part of it, a justification after it is not ("Do you go to church on
    Sundays? Some of our big deploys happen at the weekend.")."""
    last = max((i for i, s in enumerate(sents) if _asks(s)), default=None)
    return sents if last is None else sents[: last + 1]


def _score(found: set[str], before: set[str], concepts: frozenset[str], kit: _Kit) -> tuple[float, set[str]]:
    shared = found & concepts
    return sum(kit.weight.get(c, 1.0) * (0.5 if c in before else 1.0) for c in shared), shared


# the interviewer leaves the answer behind and opens another topic: "Different area now: ...", "Let's switch
# gears."
_SWITCH = re.compile(
    r"\b(?:different (?:area|topic|subject|direction)|(?:switch|switching|change|changing|shift|shifting|turn|"
    r"turning) (?:topics?|gears|tack|subjects?|direction)|(?:a |another |one more )?new (?:topic|area|subject)|"
    r"(?:next|another) (?:topic|area|section|subject)|something (?:different|else) now|"
    r"on to (?:a |another |the next |something )?(?:different|new|else|topic|area|section|subject))\b",
    re.I,
)


def switches_topic(text: str) -> bool:
    """The turn says it leaves the last answer for another topic: what follows is no follow-up on it."""
    return _SWITCH.search(text) is not None


def match(text: str, role: RoleChoice, previous_answer: str | None = None,
          skip: tuple[str, ...] = (), require_intro: bool = True) -> KitMatch | None:
    """The kit question ``text`` asks (best score over the role's questions and their follow-ups), or None.

    A turn that matches one of a question's *follow-ups* better than any primary question comes back with
    ``follow_up`` set: it pins down an answer, it does not open the kit's question.
    ``previous_answer``: the candidate's answer just before; the ideas it already named count half, since a
    question about them is more likely a follow-up than the kit's question. ``skip``: sentences not to read
    (the leading ones: a guess put to the candidate asks nothing of the kit). ``require_intro``: only a turn
    that opens a topic on the candidate's own work can be a primary question."""
    kit = _kit(role)
    if previous_answer is not None and switches_topic(text):
        previous_answer = None
    every = sentences(text)
    rest = [s for s in every if s not in skip]
    if len(rest) < len(every) and not any(_asks(s) for s in rest):
        # its only question is the leading one ("I see you did retrieval. Did recall go to 0.9?"), unless the
        # clause before the guess opens the kit's question: "The change you're proudest of, that's the one
        # where accuracy went up fifteen percent, isn't it?"
        heads = [_CLAUSE.split(s, maxsplit=1)[0] for s in every if s in skip]
        # the head names the topic, it does not go on with the guess: "Which cut your costs roughly in half, I'd
        # guess?" carries a supplied figure and continues the answer
        kept = [h for h in heads if len(words(h)) >= 3 and _INTRO.search(h) and h not in every
                and words(h)[0] not in _CONTINUES and not leading.supplies_number(h)]
        if not kept:
            return None
    else:
        kept = _asking_part(rest)
    if not kept:
        return None
    body = " ".join(kept)
    if not is_about_own_work(body):
        return None
    found, keywords = _read(body, kit)
    before = _read(previous_answer, kit)[0] if previous_answer else set()
    best: KitMatch | None = None
    best_follow: KitMatch | None = None
    best_cover = 0.0
    by_competency: dict[str, float] = {}
    for q in kit.questions:
        bonus = KEYWORD_WEIGHT * min(keywords.get(q.competency, 0), 2)
        score, shared = _score(found, before, q.concepts, kit)
        by_competency[q.competency] = max(by_competency.get(q.competency, 0.0), score + bonus)
        # a tie goes to the question the turn covers more of: "how do you get back to the previous version" asks
        # all of "how do you roll out and roll back a change?" and a little of "how does a change get to production"
        cover = len(shared) / len(q.concepts) if q.concepts else 0.0
        if shared and (best is None or round(score + bonus, 3) > best.score
                       or (round(score + bonus, 3) == best.score and cover > best_cover)):
            best = KitMatch(q, round(score + bonus, 3), tuple(sorted(c for c in shared if not c.startswith("w:"))))
            best_cover = cover
        for i, fc in enumerate(q.follow_up_concepts):
            fscore, fshared = _score(found, before, fc, kit)
            if fshared and (best_follow is None or fscore + bonus > best_follow.score):
                best_follow = KitMatch(q, round(fscore + bonus, 3),
                                       tuple(sorted(c for c in fshared if not c.startswith("w:"))), follow_up=i)
    intro = _INTRO.search(body) is not None
    if not intro and previous_answer is None and (_SECOND_PERSON.search(body) or body.rstrip().endswith("?")):
        # the opening question of a topic, put to the candidate, when it names more than one of the question's
        # ideas: "How did you build the age feature?" shares one word with the kit, and asks a detail
        intro = best is not None and (max(len([c for c in m.shared if c not in _BROAD])
                                          for m in (best, best_follow) if m is not None) >= 2
                                      or (_stands_out(best, by_competency) and not _DETAIL_OBJECT.search(body)))
    elif not intro and _SECOND_PERSON.search(body) and best is not None:
        fresh = found - before
        intro = not probes.asks_for_specifics(body) and bool(fresh & best.question.concepts - GENERAL)
    if best is not None and best.score >= MIN_SCORE and (intro or not require_intro):
        # with no answer before it there is nothing to follow up: a topic's opening question, in any words
        if (best_follow is None or best_follow.score <= best.score * FOLLOW_UP_MARGIN or intro_strong(body)
                or previous_answer is None):
            return best
    if best_follow is not None and best_follow.score >= MIN_SCORE:
        return best_follow
    return None


def _stands_out(best: KitMatch, by_competency: dict[str, float]) -> bool:
    """The opening question names one competency's idea and no other's ("What makes you trust your ground
    truth?", "How are you keeping tabs on the making-things-up problem?"): one distinctive concept is enough
    when the best competency clears the bar by a margin and outscores every other one by half again."""
    others = [v for c, v in by_competency.items() if c != best.question.competency]
    return best.score >= MIN_SCORE + STAND_OUT_MARGIN and all(v * STAND_OUT_RATIO <= best.score for v in others)


# a question about one named thing ("the age feature in the credit model", "the voice assistant") asks a detail
_DETAIL_OBJECT = re.compile(r"\b(?:the|that) \w+(?:[- ]\w+)? (?:feature|column|model|assistant|classifier|dataset|"
                            r"index|service|pipeline|speech)\b", re.I)
STAND_OUT_MARGIN = 0.4
STAND_OUT_RATIO = 2.0


_CONTINUES = frozenset({"which", "and", "so", "because", "since", "then", "that"})
_CLAUSE = re.compile(r"\s*[,;:\u2014]\s+|\s+-\s+")
_STRONG_INTRO = re.compile(r"\b(?:tell me about|walk me through|take me through|talk me through|"
                           r"describe(?! (?:it|that|this|them|those)\b)|"
                           r"have you ever|has there been|(?:was|is|has) there ever|"
                           r"(?:was|were) there (?:a|an|any) \w+ (?:where|when|that)|"
                           r"(?:has|have|did) (?:a|an|any|one of your|your) \w+(?: \w+)? ever|ever had|a time|give me a case|imagine|suppose)\b",
                           re.I)


def intro_strong(text: str) -> bool:
    """An opener that asks for a story: the kit's primary questions, never a follow-up's."""
    return _STRONG_INTRO.search(text) is not None
