"""Password hashing for local users: argon2id, salted, never reversible, and robust to bad input."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from screener.store import hash_password, needs_rehash, verify_password


def test_a_hash_is_argon2id_salted_and_verifies_only_its_password():
    first, second = hash_password("correct horse battery"), hash_password("correct horse battery")
    assert first.startswith("$argon2id$") and first != second  # a fresh salt each time
    assert "correct horse" not in first
    assert verify_password(first, "correct horse battery") and verify_password(second, "correct horse battery")
    assert not verify_password(first, "correct horse batterY")


@pytest.mark.parametrize("stored", [None, "", "not a hash", "$argon2id$v=19$m=1,t=1,p=1$broken"])
def test_a_missing_or_corrupt_hash_never_verifies_and_never_raises(stored):
    assert verify_password(stored, "anything at all") is False


def test_an_empty_password_is_refused():
    with pytest.raises(ValueError):
        hash_password("")
    assert verify_password(hash_password("x" * 12), "") is False


def test_a_hash_made_with_weaker_parameters_asks_to_be_rehashed():
    weak = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash("correct horse battery")
    assert verify_password(weak, "correct horse battery")
    assert needs_rehash(weak) and not needs_rehash(hash_password("correct horse battery"))
