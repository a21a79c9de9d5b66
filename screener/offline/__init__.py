"""The offline evidence grader: deterministic, fast, no network; the baseline every LLM grader must beat."""
