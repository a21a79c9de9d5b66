"""The one interface every grader backend implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .ratelimits import RateLimits

if TYPE_CHECKING:
    from ..rubric import Competency
    from ..transcript import Transcript


class ProviderOptions(BaseModel):
    """Options shared by all providers. Unknown keys are an error that names the key."""

    model_config = ConfigDict(extra="forbid")

    temperature: float | None = Field(default=0.0, ge=0.0, le=2.0, description="sampling temperature")
    max_tokens: int = Field(default=4096, ge=64, le=200_000, description="output token limit")
    timeout: float = Field(default=120.0, gt=0, le=3600, description="seconds per request")
    retries: int = Field(default=3, ge=0, le=20, description="HTTP retries on 429/5xx/timeouts")
    base_url: str | None = Field(default=None, description="API base URL (OpenAI-compatible servers)")
    input_price_per_mtok: float | None = Field(default=None, ge=0, description="override the price table")
    output_price_per_mtok: float | None = Field(default=None, ge=0, description="override the price table")
    fallback: str | None = Field(default=None, description="batch: the provider id to grade an input on when this "
                                                             "one is down after its retries (5xx/529, timeouts)")


class Message(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Literal["user", "assistant"]
    content: str


@dataclass
class GradingContext:
    """What non-LLM graders (offline, fake) read instead of the rendered messages."""

    transcript: Transcript
    competencies: list[Competency]
    role: str


@dataclass
class GenerateRequest:
    """One call: a static system prompt (cacheable), the conversation so far, and the output type."""

    system: str
    messages: list[Message]
    output_type: type[BaseModel]
    context: GradingContext | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


class Usage(BaseModel):
    input_tokens: int = 0
    output_tokens: int = 0
    cached_input_tokens: int = 0


class Generation(BaseModel):
    """The raw answer: text that should be JSON of ``output_type``; validated by the pipeline."""

    text: str
    usage: Usage = Field(default_factory=Usage)
    model: str
    stop_reason: str | None = Field(default=None, description="'max_tokens' when the answer was cut off")
    rate_limits: RateLimits | None = Field(default=None, exclude=True,
                                           description="the rate-limit state the response reported, if any")


class Provider(ABC):
    """A grader backend. Subclasses set the class attributes and implement ``generate``."""

    # Class-level defaults that an instance may override (a server found to lack structured output, an
    # Ollama on another host, a wrapper that takes its inner provider's values): plain attributes, not ClassVar.
    name: str
    remote: bool = True
    """True when transcripts leave this machine: redaction is on by default."""
    structured_output: bool = False
    """True when the backend enforces the JSON schema natively."""
    cached_input_counts_toward_limit: bool = True
    """Whether input tokens read from the prompt cache count against the input-token rate limit (they do
    not at Anthropic; they do at OpenAI)."""

    def __init__(self, model: str, options: ProviderOptions) -> None:
        self.model = model
        self.options = options

    @property
    def id(self) -> str:
        return f"{self.name}:{self.model}" if self.model else self.name

    @abstractmethod
    async def generate(self, request: GenerateRequest) -> Generation:
        """Produce one answer. Raise ``ProviderError`` for provider failures."""

    async def aclose(self) -> None:  # noqa: B027 - optional hook
        """Release HTTP clients."""


class ProviderWrapper(Provider):
    """A provider in front of another (recording, rate limiting): the same id, privacy and output properties as
    ``inner``, and closing it closes ``inner``. Subclasses implement ``generate`` around ``self.inner``."""

    def __init__(self, inner: Provider) -> None:
        super().__init__(inner.model, inner.options)
        self.inner = inner
        self.name = inner.name
        self.remote = inner.remote
        self.structured_output = inner.structured_output
        self.cached_input_counts_toward_limit = inner.cached_input_counts_toward_limit

    @property
    def id(self) -> str:
        return self.inner.id

    async def aclose(self) -> None:
        await self.inner.aclose()
