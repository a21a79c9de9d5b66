"""Word lists the offline grader reads answers with: lower-case phrases matched on whole words
(see ``phrases.PhraseIndex``)."""

from __future__ import annotations

import re

ARTEFACTS = (
    "suite", "test suite", "regression suite", "regression test", "regression tests", "golden set", "golden",
    "test set", "eval set", "evaluation set", "holdout", "held-out", "harness", "ci", "ci gate", "gate", "pipeline",
    "dashboard", "alert", "alerts", "alerting", "pagerduty", "judge", "rubric", "monitor", "monitoring", "canary",
    "shadow", "feature store", "backfill", "schema check", "data contract", "contract", "runbook", "fallback",
    "circuit breaker", "cache", "caching", "tracing", "trace", "traces", "replay", "ab test", "a/b test", "a/b",
    "experiment", "backtest", "labelled", "labeled", "annotated", "spreadsheet", "notebook", "script", "cron",
    "unit tests", "assertions", "checks", "validation", "retraining job", "model registry", "feature flag",
    "rollback", "rolled back", "kill switch", "budget", "sla", "slo",
    # the same things in plain words
    "check", "the check", "the build", "build fails", "build failed", "repo", "in the repo", "a file", "test",
    "tests", "a list", "the list", "sheet", "log", "logs", "logged", "report", "weekly report", "alarm", "job",
    "nightly", "query", "queue", "review queue", "thumbs down", "thumbs up", "chart", "graph", "table",
)

METHOD = (
    "measured", "we measured", "i measured", "measure", "we ran", "ran it", "ran the", "held-out", "held out", "holdout",
    "test set", "golden set", "labelled", "labeled", "hand-labelled", "hand-labeled", "sample", "sampled",
    "out of", "baseline", "a/b", "ab test", "canary", "shadow", "backtest", "backtested", "cross-validation",
    "cross validation", "offline eval", "p95", "p99", "p50", "per week", "per day", "per request", "dashboard",
    "compared", "compare", "annotated", "annotators", "graded", "hand-graded", "spot-check", "spot-checked",
    "manually reviewed", "reviewed", "counted", "logged", "logs", "tracked", "over a week", "over two weeks",
    "confidence interval", "significance", "statistically", "n=", "cases", "examples", "queries", "tickets",
    "conversations", "questions", "time-based split", "split by time", "timed", "field by field", "double-checked", "checked", "by hand", "manually", "went through", "looked at",
    "read through", "each week", "every week", "weekly", "per field", "broke down", "broken down", "slice", "sliced",
    "segment", "before and after", "random", "randomly", "at random", "control group", "control", "versus",
    "compared to", "compared with", "against the old", "the old rule", "beat that", "didn't call", "left out",
    "grouped", "grouped the", "when i looked", "i looked", "we looked", "marked", "checker", "audited", "audit",
    "tagged", "sampled", "over the previous", "over the next", "over the last", "the month after", "the week after",
    "before we", "after we", "side by side", "blind", "scored", "rated", "measured it", "i checked", "we checked", "pulled", "replayed", "queried", "held back", "kept aside", "set aside",
)

EVASION = (
    "don't remember the exact", "do not remember the exact", "don't remember the numbers", "don't have the exact",
    "don't have the numbers", "don't have numbers", "can't recall", "cannot recall", "can't share the numbers",
    "don't recall", "not sure about the numbers", "off the top of my head", "the team handled", "another team handled",
    "someone else handled", "wasn't involved in", "i wasn't really involved", "we didn't really measure",
    "didn't really measure", "we never measured", "never really measured", "hard to measure", "you can just tell", "could just tell", "i just know",
    "i don't know exactly", "not sure exactly",
)

NARRATIVE_CAUSE = (
    "turned out", "root cause", "traced it", "traced", "the problem was", "the issue was", "the bug was",
    "it was caused", "caused by", "we found that", "we found", "i found", "we noticed", "i noticed", "realised",
    "realized", "because the", "the reason was", "figured out", "dug into", "looked at the logs", "it came from",
)

NARRATIVE_FIX = (
    "we fixed", "i fixed", "the fix was", "fixed it", "we changed", "i changed", "we added", "i added",
    "we switched", "we rewrote", "i rewrote", "we moved", "we replaced", "we dropped", "we introduced",
    "so we", "so i", "we built", "i built", "we started", "we put", "we gated", "we pinned",
    "retrained", "i retrained", "we retrained", "rebuilt", "i rebuilt", "we rebuilt", "i made", "we made",
    "i split", "we split", "i wrote", "we wrote", "i moved", "i replaced", "i switched", "we set up", "i set up",
)

DEPTH = (
    "trade-off", "tradeoff", "trade off", "false positive", "false positives", "false negative", "regressed",
    "regression", "rolled back", "roll back", "didn't work", "did not work", "failed", "failure mode",
    "failure modes", "in hindsight", "differently", "baseline", "confidence interval", "variance", "noisy",
    "noise", "caveat", "downside", "the cost", "cost us", "at the expense", "worse", "edge case", "edge cases",
    "what surprised", "we were wrong", "i was wrong", "sample size", "statistically", "limitation",
)

HEDGES = (
    "i think", "i guess", "i believe", "pretty much", "kind of", "kinda", "sort of", "basically", "probably",
    "maybe", "a lot", "a bunch", "significantly", "dramatically", "hugely", "massively", "way better",
    "much better", "a lot better", "super", "really good", "pretty good", "felt", "seemed", "users loved",
    "users liked", "everyone loved", "people liked", "worked great", "worked well", "like magic", "somehow",
    "stuff like that", "things like that", "and so on", "etcetera", "etc", "you know", "i mean",
)

BUZZWORDS = (
    "leverage", "leveraged", "leveraging", "synergy", "synergies", "cutting-edge", "cutting edge",
    "state-of-the-art", "state of the art", "game changer", "game-changer", "revolutionary", "seamless",
    "seamlessly", "best practices", "ai-powered", "next-level", "paradigm", "holistic", "end-to-end solution",
    "world-class", "bleeding edge", "transformative", "disruptive", "supercharge", "unlock", "robust solution",
    "scalable solution", "agentic", "10x",
)

TOOLS = (
    "langchain", "llamaindex", "llama index", "pinecone", "weaviate", "chroma", "chromadb", "faiss", "qdrant",
    "milvus", "openai", "gpt-4", "gpt-4o", "gpt-3.5", "gpt", "claude", "gemini", "mistral", "llama", "huggingface",
    "hugging face", "pytorch", "tensorflow", "keras", "xgboost", "lightgbm", "catboost", "sklearn", "scikit-learn",
    "mlflow", "kubeflow", "airflow", "spark", "databricks", "snowflake", "sagemaker", "vertex", "docker",
    "kubernetes", "autogen", "crewai", "dspy", "semantic kernel", "ragas", "trulens", "wandb", "weights and biases",
    "bentoml", "ray", "dbt", "kafka", "redis", "fastapi", "streamlit", "gradio", "vllm", "ollama", "bert",
    "copilot", "cursor", "n8n", "zapier", "bedrock", "azure", "aws", "gcp", "tableau", "power bi", "prophet",
    "deepeval", "promptfoo", "langsmith", "langfuse", "helicone", "arize", "phoenix", "giskard", "guardrails ai",
    "nemo guardrails", "langgraph",
)

# results stated as impressions, not numbers: the measurement rubric's level 1
IMPRESSIONS = (
    "much better", "way better", "a lot better", "far better", "so much better", "much faster", "way faster",
    "a lot faster", "much cheaper", "way cheaper", "a lot cheaper", "users loved", "users liked", "everyone loved",
    "everyone liked", "people loved", "people liked", "customers loved", "stakeholders loved", "worked great",
    "worked really well", "super accurate", "really accurate", "really good", "pretty good", "huge improvement",
    "big improvement", "massive improvement", "improved a lot", "improved massively", "dramatically",
    "significantly", "drastically", "blazing fast", "lightning fast", "results speak for themselves",
    "everyone was happy", "stakeholders were happy", "the business was happy", "it felt", "felt faster",
    "felt better", "seemed better", "seemed fine", "looked good", "looked fine", "looks fine", "works fine",
)

LEXICONS = {
    "artefacts": ARTEFACTS, "methods": METHOD, "cause": NARRATIVE_CAUSE, "fix": NARRATIVE_FIX, "depth": DEPTH,
    "hedges": HEDGES, "evasions": EVASION, "buzz": BUZZWORDS, "tools": TOOLS,
}

AGREEMENT = re.compile(
    r"^\W*(?:yes|yeah|yep|yup|right|exactly|correct|absolutely|definitely|sure|totally|that's right|that's it|"
    r"uh[- ]huh|mm[- ]?hmm|more or less|roughly|something like that|about that|around that)\b",
    re.I,
)
