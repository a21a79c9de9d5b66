"""The ATS config file: which ATS user acts, which template or form, and which field each competency fills.

One YAML file (``--config``, else ``$SCREENER_ATS_CONFIG``, else ``screener-ats.yaml`` in the working folder)
with a section per vendor. It holds ids, never keys: each section names the environment variable its key is
read from (``key_env``), and a key-looking entry (``api_key``, ``token``...) is refused with a line saying
where the key goes instead. Unknown keys are errors that name the file and the key path.

    greenhouse:
      user_id: 4080               # the user the note is written as (v1 On-Behalf-Of; v3 the token's sub)
      visibility: private         # private (default) | admin_only | public
      # auth: v3                  # Harvest v3: OAuth client credentials instead of the v1 Basic-auth key
      # client_id: 1a2b...        # v3 only: the Harvest V3 (OAuth) credential's client id (not a secret)
      #                           # its secret comes from $GREENHOUSE_CLIENT_SECRET (key_env)
    lever:
      perform_as: 8d49b010-...    # the Lever user the feedback is filed as
      template_id: 2d8a...        # the feedback template (baseTemplateId)
      rating_field: 0c5b...       # the template's score-system field
      summary_field: 4f1e...      # optional: a text field for the summary and quotes
      scorecard_field: 91aa...    # optional: the template's scorecard field
      competencies: {evals: 0, retrieval: 1}   # competency id -> position of its row in the scorecard field
    ashby:
      form_definition_id: 7c0d...
      score_path: overall_score   # the form's Score field for the overall recommendation
      summary_path: notes         # optional: a rich/long text field
      competencies: {evals: evals_score}       # competency id -> path of a Score field
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ..errors import ConfigError

CONFIG_ENV = "SCREENER_ATS_CONFIG"
DEFAULT_NAME = "screener-ats.yaml"
_ENV_NAME = r"^[A-Z_][A-Z0-9_]*$"
_KEYLIKE = ("api_key", "apikey", "key", "token", "secret", "password", "client_secret")


def check_base_url(value: str) -> str:
    """https only: the key travels in every request. Plain http is allowed to this machine (a local fake)."""
    parts = urlsplit(value)
    if parts.scheme == "https" and parts.hostname:
        return value
    if parts.scheme == "http" and parts.hostname in ("127.0.0.1", "localhost", "::1"):
        return value
    raise ValueError("must be an https:// URL (the key is sent with every request; plain http only to 127.0.0.1)")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Section(_Strict):
    @field_validator("base_url", check_fields=False)
    @classmethod
    def _url(cls, v: str) -> str:
        return check_base_url(v)


V3_SECRET_ENV = "GREENHOUSE_CLIENT_SECRET"


class GreenhouseConfig(_Section):
    base_url: str = Field("https://harvest.greenhouse.io", description="Harvest API root (a test server in tests)")
    user_id: int = Field(gt=0, description="the Greenhouse user the note is written as: On-Behalf-Of in v1, the "
                                           "token's sub and the note's user_id in v3")
    visibility: Literal["private", "admin_only", "public"] = "private"
    auth: Literal["v1", "v3"] = Field("v1", description="v1: Harvest v1 with a Basic-auth key (default); v3: Harvest "
                                                       "v3 with OAuth 2.0 client credentials")
    client_id: str | None = Field(None, min_length=1, description="v3: the Harvest V3 (OAuth) credential's client id")
    token_url: str = Field("https://auth.greenhouse.io/token", description="v3: the OAuth token endpoint")
    key_env: str = Field("GREENHOUSE_API_KEY", pattern=_ENV_NAME,
                         description="the variable holding the Harvest key (v1) or the client secret (v3, default "
                                     f"{V3_SECRET_ENV})")

    @field_validator("token_url")
    @classmethod
    def _token_url(cls, v: str) -> str:
        return check_base_url(v)

    @model_validator(mode="after")
    def _v3(self) -> GreenhouseConfig:
        if self.auth == "v3":
            if not self.client_id:
                raise ValueError("auth v3 needs client_id (the Harvest V3 (OAuth) credential's client id; its secret "
                                 f"goes in ${V3_SECRET_ENV})")
            if "key_env" not in self.model_fields_set:
                self.key_env = V3_SECRET_ENV
        elif self.client_id is not None or "token_url" in self.model_fields_set:
            raise ValueError("client_id and token_url are for auth: v3 (Harvest v3 OAuth); add auth: v3 or remove them")
        return self


class LeverConfig(_Section):
    base_url: str = "https://api.lever.co/v1"
    perform_as: str = Field(min_length=1, description="the Lever user id the feedback is filed as")
    template_id: str = Field(min_length=1, description="the feedback template's id (baseTemplateId)")
    rating_field: str = Field(min_length=1, description="id of the template's score-system field")
    summary_field: str | None = Field(None, description="id of a text or textarea field for summary and quotes")
    scorecard_field: str | None = Field(None, description="id of the template's scorecard field")
    competencies: dict[str, int] = Field(default_factory=dict,
                                         description="competency id -> 0-based row of the scorecard field")
    key_env: str = Field("LEVER_API_KEY", pattern=_ENV_NAME)


class AshbyConfig(_Section):
    base_url: str = "https://api.ashbyhq.com"
    form_definition_id: str = Field(min_length=1)
    score_path: str = Field(min_length=1, description="path of the form's overall Score field")
    summary_path: str | None = Field(None, description="path of a text field for summary and quotes")
    user_id: str | None = Field(None, description="the Ashby user the feedback is submitted as, when the key may")
    competencies: dict[str, str] = Field(default_factory=dict, description="competency id -> path of a Score field")
    key_env: str = Field("ASHBY_API_KEY", pattern=_ENV_NAME)


class AtsConfig(_Strict):
    greenhouse: GreenhouseConfig | None = None
    lever: LeverConfig | None = None
    ashby: AshbyConfig | None = None


def config_path(given: Path | None) -> Path:
    if given is not None:
        return given
    return Path(os.environ.get(CONFIG_ENV) or DEFAULT_NAME)


def _keylike(data: Any, path: tuple[str, ...] = ()) -> tuple[str, ...] | None:
    if isinstance(data, dict):
        for k, v in data.items():
            if str(k).lower() in _KEYLIKE:
                return (*path, str(k))
            found = _keylike(v, (*path, str(k))) if str(k) != "competencies" else None
            if found:
                return found
    return None


def load_config(path: Path, *, competency_ids: set[str] | None = None) -> AtsConfig:
    """The validated config; every problem is one ``ConfigError`` naming ``path`` and the key."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        raise ConfigError(f"{path}: no ATS config here; write one (see README, 'Hand-off to an ATS') or pass "
                          f"--config PATH") from None
    except OSError as e:
        raise ConfigError(f"{path}: cannot read the ATS config ({e.strerror})") from None
    except yaml.YAMLError as e:
        raise ConfigError(f"{path}: not valid YAML ({str(e).splitlines()[0]})") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping with greenhouse:, lever: or ashby: sections")
    secret = _keylike(data)
    if secret:
        vendor = secret[0]
        raise ConfigError(f"{path}: {'.'.join(secret)}: keys do not go in the config file; remove it and set the "
                          f"variable named by {vendor}.key_env in the environment")
    try:
        config = AtsConfig.model_validate(data)
    except ValidationError as e:
        err = e.errors()[0]
        key = ".".join(map(str, err["loc"]))
        msg = "unknown key" if err["type"] == "extra_forbidden" else err["msg"].removeprefix("Value error, ")
        raise ConfigError(f"{path}: {key}: {msg}") from None
    if competency_ids is not None:
        for vendor in ("lever", "ashby"):
            section = getattr(config, vendor)
            unknown = sorted(set(section.competencies) - competency_ids) if section else []
            if unknown:
                raise ConfigError(f"{path}: {vendor}.competencies.{unknown[0]}: not a rubric competency "
                                  f"(known: {', '.join(sorted(competency_ids))})")
    return config
