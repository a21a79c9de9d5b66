"""Provider batch APIs (``--via batch-api``): half the price, answers within 24 h, resumable by batch id."""

from .runner import BatchApiOptions, run_batch_api
from .state import BatchState

__all__ = ["BatchApiOptions", "BatchState", "run_batch_api"]
