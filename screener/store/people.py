"""Users, requisition membership, and who may see what.

Roles: an ``interviewer`` sees the interviews they created; a ``hiring_manager`` also sees every interview of
the requisitions they are a member of; an ``admin`` sees everything (and manages users and retention).
"""

from __future__ import annotations

import re

from sqlalchemy import ColumnElement, false, or_, select, true
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from .errors import NotFound, StoreValueError
from .models import Interview, Requisition, RequisitionMember, User
from .passwords import MIN_PASSWORD_LENGTH, hash_password, needs_rehash, verify_password
from .vocab import USER_ROLES

_USERNAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@+-]{0,149}")
_DUMMY_HASH: list[str] = []  # computed once: a failed lookup costs as much as a wrong password


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise StoreValueError(f"the password is shorter than {MIN_PASSWORD_LENGTH} characters; choose a longer one")


def add_user(s: Session, username: str, password: str | None, role: str = "interviewer") -> User:
    """A new user. ``password=None`` makes an SSO-only user (who can log in only through the trusted proxy)."""
    if not _USERNAME.fullmatch(username or ""):
        raise StoreValueError(f"username {username!r}: use letters, digits and . _ @ + - (at most 150)")
    if role not in USER_ROLES:
        raise StoreValueError(f"role {role!r}: choose one of {', '.join(USER_ROLES)}")
    if s.scalar(select(User.id).where(User.username == username)) is not None:
        raise StoreValueError(f"user {username!r} already exists; choose another name")
    if password is not None:
        check_password(password)
    user = User(username=username, role=role, disabled=False,
                password_hash=hash_password(password) if password is not None else None)
    try:
        with s.begin_nested():  # another process may add the same name meanwhile
            s.add(user)
            s.flush()
    except IntegrityError:
        raise StoreValueError(f"user {username!r} already exists; choose another name") from None
    return user


def get_user(s: Session, username: str) -> User | None:
    return s.scalar(select(User).where(User.username == username))


def require_user(s: Session, username: str) -> User:
    user = get_user(s, username)
    if user is None:
        raise NotFound(f"no user {username!r} (see `screener user list`)")
    return user


def list_users(s: Session) -> list[User]:
    return list(s.scalars(select(User).order_by(User.username)))


def set_disabled(s: Session, username: str, disabled: bool = True) -> User:
    """Disable (or re-enable) a user: a disabled user cannot log in, and their sessions stop working."""
    user = require_user(s, username)
    user.disabled = disabled
    s.flush()
    return user


def set_password(s: Session, username: str, password: str) -> User:
    check_password(password)
    user = require_user(s, username)
    user.password_hash = hash_password(password)
    s.flush()
    return user


def authenticate(s: Session, username: str, password: str) -> User | None:
    """The user when ``password`` is theirs and they are enabled, else None (a wrong name costs the same time).

    A hash made with weaker argon2 parameters is upgraded on the way.
    """
    user = get_user(s, username)
    if user is None or not user.password_hash:
        if not _DUMMY_HASH:
            _DUMMY_HASH.append(hash_password("screener-dummy-password"))
        verify_password(_DUMMY_HASH[0], password)
        return None
    if not verify_password(user.password_hash, password) or user.disabled:
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
        s.flush()
    return user


def add_member(s: Session, requisition: Requisition, user: User) -> None:
    """Make ``user`` a member of ``requisition`` (idempotent)."""
    key = (requisition.id, user.id)
    if s.get(RequisitionMember, key) is None:
        s.add(RequisitionMember(requisition_id=requisition.id, user_id=user.id))
        s.flush()
        s.expire(requisition, ["members"])


def remove_member(s: Session, requisition: Requisition, user: User) -> None:
    member = s.get(RequisitionMember, (requisition.id, user.id))
    if member is not None:
        s.delete(member)
        s.flush()
        s.expire(requisition, ["members"])


def user_requisitions(s: Session, user: User) -> list[Requisition]:
    """The requisitions ``user`` may open: all for an admin, else those they are a member of."""
    query = select(Requisition).order_by(Requisition.code)
    if user.role != "admin":
        query = query.join(RequisitionMember, RequisitionMember.requisition_id == Requisition.id).where(
            RequisitionMember.user_id == user.id)
    return list(s.scalars(query))


def can_open_requisition(s: Session, user: User, requisition: Requisition) -> bool:
    if user.disabled:
        return False
    if user.role == "admin":
        return True
    return s.get(RequisitionMember, (requisition.id, user.id)) is not None


def interview_visible_to(user: User) -> ColumnElement[bool]:
    """A WHERE clause on ``Interview`` selecting what ``user`` may see (use it in every interview query)."""
    if user.disabled:
        return false()
    if user.role == "admin":
        return true()
    own = Interview.created_by_id == user.id
    if user.role == "hiring_manager":
        theirs = select(RequisitionMember.requisition_id).where(RequisitionMember.user_id == user.id)
        return or_(own, Interview.requisition_id.in_(theirs))
    return own


def can_view_interview(s: Session, user: User, interview: Interview) -> bool:
    return s.scalar(select(Interview.id).where(Interview.id == interview.id, interview_visible_to(user))) is not None
