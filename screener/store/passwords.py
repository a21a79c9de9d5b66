"""Password hashing for local users: argon2id through argon2-cffi (its default, RFC 9106 low-memory profile)."""

from __future__ import annotations

from functools import lru_cache

MIN_PASSWORD_LENGTH = 10


@lru_cache(maxsize=1)
def _hasher():
    from argon2 import PasswordHasher

    return PasswordHasher()


def hash_password(password: str) -> str:
    """An argon2id hash string (``$argon2id$v=19$...``) with its own random salt."""
    if not password:
        raise ValueError("an empty password cannot be hashed")
    return _hasher().hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when ``password`` matches ``password_hash``; False for a wrong password, no hash or a corrupt hash."""
    from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

    if not password_hash or not password:
        return False
    try:
        return _hasher().verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """True when the hash was made with weaker parameters than today's; rehash after a successful login."""
    return _hasher().check_needs_rehash(password_hash)
