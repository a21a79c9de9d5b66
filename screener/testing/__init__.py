"""Test helpers that run real code paths without a real model: a loopback fake of the LLM HTTP APIs."""

from .fake_api import BEHAVIOURS, FakeAPI, RecordedRequest, Reply, default_responder

__all__ = ["BEHAVIOURS", "FakeAPI", "RecordedRequest", "Reply", "default_responder"]
