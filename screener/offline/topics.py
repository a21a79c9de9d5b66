"""What a sentence is about: the competency whose practice it describes, not the one whose word it happens to use.

Each competency's cues are its rubric keywords plus, for the bundled rubric, the plain words practitioners use
(``PLAIN_CUES``). A specific cue ("hallucination", "reranker", "feature store") scores 2; an ambiguous word
("agents", "cost", "retrieval", "test set") scores 1, and some ambiguous words count only beside words that
make them mean the competency's thing (``CONTEXT``): "agents" are AI agents only beside tools, models or
steps, never when they are people ("support agents get a drafted reply"). A sentence that also tells of a fix,
a cause or a measured number (practice) scores 1 more. A sentence is about a competency when it scores
``sentence_topic_score``; it is filed under the best-scoring one, and under a second only when its own cues
for that one score ``second_topic_score`` (it genuinely evidences both).

The measurement competency (``CROSS_CUTTING``) is about how any result was measured, so it never takes a
sentence from a topic: it reads the measured sentences wherever they are.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..rubric import Competency
from .phrases import tokenize

CROSS_CUTTING = frozenset({"ai_measurement"})  # measurement rigour: evidence in every measured answer
MEASUREMENT_COMPETENCIES = ("ai_measurement", "ml_evaluation")
# serving in production: the same practice on either track, so a sentence about it alone says nothing of the track
SERVING = frozenset({"ai_production", "ml_deployment"})

# Words that put a sentence on a topic only together with another cue (whichever competency lists them).
WEAK = frozenset({
    # evaluation words every track and every manager uses
    "evaluation", "evaluated", "regression", "graded", "labelled", "labeled", "annotated", "benchmark", "gate", "judge", "rubric",
    "human review", "spot check", "held-out", "test set", "cases", "checks", "scored", "accuracy",
    "baseline", "threshold", "validation", "with and without", "agreed with", "agreement",
    # hallucination words that are also ordinary English
    "source", "sources", "cited", "refuse", "refusal", "invented", "made up", "wrong answer", "root cause",
    "i don't know", "guessing", "say so",
    # retrieval
    "retrieval", "retrieve", "retrieved", "overlap", "index", "search results", "search", "pages", "documents",
    "top three", "knowledge base",
    # agents and tools
    "agent", "agents", "tool", "tools", "arguments", "retry", "retries", "error recovery", "approval", "approve",
    "trace", "traces", "success rate", "workflow", "json schema", "loop", "steps",
    # production
    "production", "prod", "cache", "cost", "tokens", "per request", "budget", "logging", "monitoring", "alert",
    "incident", "provider", "queue", "errors", "dashboard", "per month", "bill", "spend",
    # ML data, features, deployment
    "pipeline", "schema", "labels", "rows", "sql", "outliers", "bad data", "duplicates", "table", "columns",
    "feature", "features", "leak", "leaked", "encoding", "aggregates", "sla", "throughput", "a/b", "got worse",
    "latency", "p95", "rollback", "shipped", "rolled out", "model version", "api",
})

# An ambiguous word counts only when one of these is in the same sentence.
_AGENT_CONTEXT = (
    "tool", "tools", "tool call", "tool calls", "function", "functions", "api", "apis", "llm", "model", "prompt",
    "loop", "loops", "step", "steps", "planner", "plan", "autonomous", "schema", "arguments", "framework",
    "langchain", "autogen", "crewai", "langgraph", "agentic", "orchestrator", "multi-agent", "task", "tasks",
    "called", "calls", "action", "actions",
)
_FEATURE_CONTEXT = (
    "model", "models", "train", "training", "trained", "predict", "prediction", "target", "label", "labels",
    "leakage", "importance", "engineered", "column", "columns", "signal", "auc", "xgboost", "lightgbm", "gbm",
    "forecast", "classifier", "regression", "ablation", "shap", "lag", "lags", "aggregates", "encoding",
    "boosting", "gradient boosting", "random forest", "logistic regression", "neural", "data", "table", "tables",
    "ranking", "features like",
)
_TOOL_CONTEXT = ("call", "calls", "called", "calling", "schema", "arguments", "agent", "agents", "llm", "model",
                 "function", "api")
# a hit rate is retrieval's only beside what was retrieved ("the cache hit rate" is production's)
_RETRIEVAL_CONTEXT = ("retrieval", "retrieved", "retriever", "search", "documents", "document", "articles",
                      "article", "passages", "chunks", "top", "index", "query", "queries", "relevant")
CONTEXT: dict[str, tuple[str, ...]] = {
    "agent": _AGENT_CONTEXT, "agents": _AGENT_CONTEXT, "workflow": _AGENT_CONTEXT,
    "tool": _TOOL_CONTEXT, "tools": _TOOL_CONTEXT, "hit rate": _RETRIEVAL_CONTEXT,
}
# Words that mean another competency's thing beside these: a judge's agreement with people "calibrated" or
# "drifted" is evaluation of the judge, not model calibration or data drift; "recall at five" is retrieval's.
_JUDGE_CONTEXT = ("judge", "grader", "raters", "human raters", "agreement", "agreed with", "llm judge")
NOT_WITH: dict[str, tuple[str, ...]] = {
    "calibration": _JUDGE_CONTEXT, "calibrated": _JUDGE_CONTEXT, "drift": _JUDGE_CONTEXT,
    "drifted": _JUDGE_CONTEXT, "drifts": _JUDGE_CONTEXT,
    "recall": ("recall at five", "recall at 5", "recall at ten", "recall at 10", "recall at k", "recall at three",
               "recall at 3", "recall 5", "recall 10", "recall 3", "recall k"),
}
# ... or, for these, anywhere in the same answer ("the top feature was the count of chargebacks")
ANSWER_CONTEXT: dict[str, tuple[str, ...]] = {"feature": _FEATURE_CONTEXT, "features": _FEATURE_CONTEXT}

# Spans where a competency's word means something else (people, a product feature): no cue inside counts.
NOT_CUES = (
    "support agent", "support agents", "human agent", "human agents", "live agent", "live agents",
    "customer service agent", "customer service agents", "call centre agents", "call center agents",
    "sales agent", "sales agents", "insurance agent", "insurance agents", "travel agent", "travel agents",
    "field agent", "field agents", "booking agents", "estate agent", "estate agents", "agent actually sent",
    "agents edit", "agents rewrite", "agents rewriting", "agents were rewriting", "agents send", "agents handle",
    "agents answer", "agents who", "agent who", "the agent sent", "product feature", "product features",
    "llm feature", "llm features", "ai feature", "ai features", "genai feature", "feature request",
    "feature requests",
)
# Intentions and permissions are not practice: no cue after one of these, to the end of its sentence, counts
# ("That was the moment I got permission to build a proper test set.").
INTENT = (
    "permission to", "wanted to build", "want to build", "plan to", "planning to", "meaning to", "would like to",
    "i'd like to", "we'd like to", "hoping to", "hope to", "thinking about", "thinking of", "on my list",
    "the plan is", "next step would be", "next quarter we", "someday", "one day we",
)

# The bundled rubric's plain words: how practitioners describe the practice without the textbook terms.
# Specific phrases score 2 (``PLAIN_CUES``); ordinary words score 1 and need company (``PLAIN_WEAK``).
PLAIN_CUES: dict[str, tuple[str, ...]] = {
    "ai_eval": (
        "test cases", "test case", "smoke test", "smoke subset", "has to pass", "must pass",
        "had to pass", "right or wrong", "marked each", "hand marks", "hand-scored", "hand scored", "hand-score",
        "hand score", "hand-graded", "hand graded", "graded by hand", "marked by hand", "inter-rater", "checklist",
        "expected answer", "expected answers", "reference answer", "reference answers", "gold answers",
        "labelled set", "labeled set", "test questions", "regression test", "regression tests", "offline eval",
        "pr is blocked", "blocks the merge", "llm judge", "model grading", "judge prompt", "ragas", "deepeval",
        "promptfoo", "compared the checks", "the grader", "llm as a judge", "evaluation framework",
        "eval framework", "evaluators", "expected outcomes", "expected output", "expected outputs", "suite",
        # a judge checked against people: evaluation of the evaluator, whatever it judges
        "human raters", "judge agreed", "judge agreement", "agreement with the human", "agreement with human",
        "agreed with the human", "agreed with human", "calibrate the judge", "calibrated the judge",
        "calibrating the judge", "calibrated our judge", "the judge's agreement", "kappa", "cohen's kappa",
        "agreed with", "agreement",
    ),
    "ai_hallucination": (
        "making things up", "made things up", "made-up", "hallucinate", "hallucinates", "not in the pages",
        "not in the documents", "not in the context", "instead of guessing", "answer only from",
        "unsupported answers", "fact check", "fact-check", "fact checks", "wrong facts",
    ),
    "ai_retrieval": (
        "the right article", "right article", "the right page", "right page", "right pages", "semantic search",
        "search index", "re-chunked", "rechunked", "chunked", "retriever", "reranked", "top-5", "top-3",
        "recall at five", "recall at 5", "recall at ten", "recall at 10", "recall at k", "recall at three",
        "recall at 3", "recall@5", "recall@10", "recall@3", "recall@k",
    ),
    "ai_agents": (
        "tool use", "planner", "step limit", "steps per task", "tool error", "tool errors", "tool failures",
        "wrong tool", "bad arguments", "langgraph", "autogen", "crewai", "multi-agent", "task completion",
    ),
    "ai_production": (
        "rate limited", "rate limiting", "circuit breaker", "concurrency", "retry-after", "uptime", "error rate",
        "cost per", "cheaper model", "smaller model", "downtime", "time to first token", "ttft", "429s",
        "permanent failures",
    ),
    "ml_data": (
        "labellers", "annotators", "source system", "stale data", "data feed", "schema change", "data checks",
        "row counts", "row count", "raw data", "relabelled", "relabeled", "mislabelled", "mislabeled",
        # the labels a model learns from, found wrong and fixed
        "relabel", "re-label", "re-labelled", "re-labeled", "labels were wrong", "wrong labels", "label errors",
        "labelling errors", "labeling errors", "original labels", "old labels", "noisy labels", "re-sorted",
        "re-sort",
    ),
    "ml_features": (
        "leaking", "time-based", "split by time", "future information", "target encoding", "dropped the feature",
        "feature importance",
    ),
    "ml_evaluation": (
        "pr-auc", "mape", "wape", "log loss", "brier", "baseline model", "backtest", "backtested", "backtesting",
        "rolling-origin", "out-of-time",
        "offline metric", "offline metrics",
    ),
    "ml_deployment": (
        "shadow mode", "batch job", "scoring job", "drifted", "psi", "population stability",
        # serving is production for either track: the same words, so they say nothing of the track
        "p99", "p50", "timeout", "timeouts", "fallback", "caching", "requests per second", "load test",
        "error rate",
    ),
}
PLAIN_WEAK: dict[str, tuple[str, ...]] = {
    "ai_eval": ("suite", "cases", "pull request", "ci", "pass the", "the right answer", "correct answer",
                "correct answers", "checks against", "test", "tested", "testing", "tests",
                "field by field", "correct values", "ran the model on", "graded answers", "marked",
                "every change", "every time i change", "the checker", "checker", "question set", "fixed set",
                "human labels", "validated against"),
    "ai_hallucination": ("made up", "invented", "invents", "guessing", "say so", "cite", "citing", "only from the",
                         "wrong page", "the facts", "key facts", "contradicted", "supported by", "not supported"),
    "ai_retrieval": ("search", "top three", "top 3", "top five", "vector", "vectors", "pages", "documents",
                     "knowledge base", "the index", "the search"),
    "ai_agents": ("loops", "looping", "loop", "steps", "calls the", "called the", "tasks completed"),
    "ai_production": ("queue", "errors", "per month", "bill", "spend", "router", "routed", "paged", "pager",
                      "on call", "alerts", "alerting", "dashboard", "provider", "500s", "failed jobs", "the breaker"),
    "ml_data": ("upstream", "joined", "join", "null", "missing", "duplicate", "table", "columns", "the data"),
    "ml_features": ("importance", "rolling", "lag", "lags", "without it", "the column", "engineered", "signal",
                    "after the fact"),
    "ml_evaluation": ("naive", "the old rule", "held out", "validation", "cutoff", "lift", "offline numbers"),
    "ml_deployment": ("rolled out", "rollout", "nightly job", "monitor", "model version", "api", "shipped",
                      "production", "in prod", "per request", "cache"),
}


# Words that say which track an answer is about, whatever competency: building on language models, or training
# models on data. Role fit counts the sentences with them beside the sentences about each track's practice.
TRACK_WORDS: dict[str, tuple[str, ...]] = {
    "ai_engineer": (
        "llm", "llms", "language model", "language models", "prompt", "prompts", "prompting", "system prompt",
        "gpt", "gpt-4", "gpt-4o", "claude", "gemini", "chatbot", "chat bot", "copilot", "rag", "tokens",
        "context window", "the model wrote", "the model said", "tool calls", "fine-tuned", "fine-tuning",
        "embeddings", "chunks", "hallucination", "hallucinations", "hallucinated", "openai", "anthropic",
        # generation described in plain words: a model that writes, an assistant, its instructions
        "assistant", "assistants", "ai assistant", "the model writes", "the model only writes", "the model wrote",
        "the model reads", "writes an answer", "writes the answer", "writes a summary", "second model",
        "instructions we give the model", "generated", "generates", "generative", "thumbs down", "thumbs-down",
        "ask the model", "asking the model", "asked the model", "tell the model", "told the model", "the model read",
        "the model fills", "the model filled", "makes things up", "made things up", "made one up", "invents",
        "invented",
    ),
    "ml_engineer": (
        "trained", "training", "retrained", "retraining", "training data", "training set", "predict", "predicts",
        "predicted", "prediction", "predictions", "forecast", "forecasts", "forecasting", "classifier",
        "tree model", "gradient boosting", "gradient-boosted", "xgboost", "lightgbm", "random forest",
        "logistic regression", "regression model", "churn", "auc", "overfit", "overfitting", "cross-validation",
        "backtest", "backtesting",
        # supervised learning in plain words: features, leakage, splits (labels are both tracks': eval sets)
        "features", "feature importance", "leakage",
        "time-based split", "random split", "model hadn't seen",
    ),
}


@dataclass(frozen=True)
class Cues:
    """One competency's cue phrases and their weights."""

    id: str
    track: str
    weights: Mapping[str, int] = field(default_factory=dict)
    key: str = field(init=False)  # its lexicon's name in a ``PhraseIndex``: ``comp:<id>``

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", f"comp:{self.id}")


def competency_cues(comp: Competency) -> Cues:
    weights: dict[str, int] = {}
    for phrase in (*comp.keywords, *PLAIN_CUES.get(comp.id, ())):
        weights[phrase] = 1 if phrase in WEAK else 2
    for phrase in PLAIN_WEAK.get(comp.id, ()):
        weights[phrase] = 1
    # spellings of one phrase ("on-call", "on call") are one cue: each gets the strongest weight of any
    by_words: dict[tuple[str, ...], int] = {}
    for phrase, w in weights.items():
        key = tuple(t for t, _, _ in tokenize(phrase))
        by_words[key] = max(by_words.get(key, 0), w)
    weights = {phrase: by_words[tuple(t for t, _, _ in tokenize(phrase))] for phrase in weights}
    return Cues(comp.id, comp.track, weights)


def context_words() -> set[str]:
    return {w for table in (CONTEXT, ANSWER_CONTEXT, NOT_WITH) for words in table.values() for w in words}


def score_sentence(cues: Iterable[Cues], found: Mapping[str, list[tuple[int, int, str]]], context: set[str],
                   answer_context: set[str], blocked: list[tuple[int, int]], practice: bool) -> dict[str, int]:
    """Each competency's cue score in one sentence (``found``: its lexicon hits, ``comp:<id>`` among them;
    ``context``/``answer_context``: the context words in the sentence / in its answer)."""
    out: dict[str, int] = {}
    for c in cues:
        hits = found.get(c.key)
        if not hits:
            continue
        score = 0
        seen: set[str] = set()
        for start, end, phrase in hits:
            if phrase in seen or any(ps <= start and end <= pe for ps, pe in blocked):
                continue
            needs = CONTEXT.get(phrase)
            if needs is not None and not any(w in context for w in needs if w not in CONTEXT):
                continue
            other = NOT_WITH.get(phrase)
            if other is not None and any(w in context for w in other):
                continue
            weight = c.weights.get(phrase, 1)
            needs = ANSWER_CONTEXT.get(phrase)
            if needs is not None:
                if not any(w in answer_context for w in needs if w not in ANSWER_CONTEXT):
                    continue
                weight = 2  # the answer says which sense it is: "features" of a model are the ML thing
            seen.add(phrase)
            score += weight
        if score >= 2 and practice:
            score += 1  # practice counts once the sentence is about the competency on its own words
        if score > 0:
            out[c.id] = score
    return out
