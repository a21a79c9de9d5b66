"""How the web app is set up: a pydantic model, so a typo in a setting is an error that names it."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

SECRET_ENV = "SCREENER_SECRET_KEY"


class WebConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    secret_key: str = Field(default="", description="signs session cookies; every app process of one team "
                                                    "must share it (SCREENER_SECRET_KEY)")
    allowed_hosts: set[str] | None = Field(default=None, description="Host header values accepted (None = any)")
    require_login: bool = Field(default=False, description="every page but the login page needs a signed-in user")
    secure_cookies: bool = Field(default=False, description="session cookie only over HTTPS (behind a TLS proxy)")
    trusted_proxies: list[str] = Field(default_factory=list,
                                       description="addresses whose SSO user header (sso_header) is believed")
    sso_header: str | None = Field(default=None, description="e.g. X-Forwarded-User (oauth2-proxy)")
    session_max_age: int = Field(default=12 * 3600, ge=60, description="seconds a login lasts")
    login_attempts: int = Field(default=5, ge=1, description="failed logins per address and user per window")
    login_window: int = Field(default=300, ge=1, description="seconds of the login rate-limit window")
    ats_config: str | None = Field(default=None, description="the ATS config YAML for 'Send draft to ATS' (else "
                                                             "$SCREENER_ATS_CONFIG, else ./screener-ats.yaml)")
    grading_processes: int = Field(default=0, ge=0, le=64,
                                   description="0: grade in a thread of the app process; N: in N worker processes")


def secret_key(configured: str = "", state_dir: Path | None = None) -> str:
    """The session signing key: the configured one, else SCREENER_SECRET_KEY, else a key file made once (0600)
    in the state directory, so restarts keep logins and two processes on one machine agree."""
    if configured:
        return configured
    if os.environ.get(SECRET_ENV):
        return os.environ[SECRET_ENV]
    base = state_dir or Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state") / "screener"
    path = base / "web-secret"
    try:
        return path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        pass
    base.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(48)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(value)
    return value
