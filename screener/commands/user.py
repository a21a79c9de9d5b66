"""``screener user add|list|disable|enable|password``: the workspace's local users."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from .db import add_db_flag, open_from_args

PASSWORD_ENV = "SCREENER_PASSWORD"
DESCRIPTION = f"""\
Manage the web workspace's users (in the store: --db, else $SCREENER_DATABASE_URL, else the embedded SQLite).
Passwords are stored as argon2id hashes, never as text. `add` and `password` read the password from
${PASSWORD_ENV} when it is set, else ask twice on the terminal; --sso-only makes a user who can sign in only
through the trusted single-sign-on proxy. Roles: interviewer (their own interviews), hiring_manager (the
requisitions they belong to), admin (everything, users and retention)."""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("user", help="manage the web workspace's users (add, list, disable)", description=DESCRIPTION,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    actions = p.add_subparsers(dest="action", metavar="ACTION", parser_class=type(p), required=True)
    add = actions.add_parser("add", help="add a user")
    add.add_argument("username")
    add.add_argument("--role", choices=("interviewer", "hiring_manager", "admin"), default="interviewer")
    add.add_argument("--sso-only", action="store_true", help="no password: sign-in only through the SSO proxy")
    add.add_argument("--requisition", action="append", default=[], metavar="CODE",
                     help="make the user a member of this requisition (repeatable; created if new)")
    lst = actions.add_parser("list", help="list users")
    dis = actions.add_parser("disable", help="disable a user: they can no longer sign in")
    dis.add_argument("username")
    ena = actions.add_parser("enable", help="re-enable a disabled user")
    ena.add_argument("username")
    pw = actions.add_parser("password", help="set a user's password")
    pw.add_argument("username")
    for q in (add, lst, dis, ena, pw):
        add_db_flag(q, embedded_default=True)
    p.set_defaults(func=run)


def _password() -> str:
    from ..errors import UsageError

    if os.environ.get(PASSWORD_ENV):
        return os.environ[PASSWORD_ENV]
    if not sys.stdin.isatty():
        raise UsageError(f"no password: set {PASSWORD_ENV}, run on a terminal to be asked, or pass --sso-only")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Password (again): ") != first:
        raise UsageError("the passwords differ; run the command again")
    return first


def run(args: argparse.Namespace) -> int:
    from ..store import (
        add_member,
        add_user,
        get_or_create_requisition,
        list_users,
        set_disabled,
        set_password,
        user_requisitions,
    )
    from ..store.passwords import MIN_PASSWORD_LENGTH

    store = open_from_args(args, embedded_default=True)
    with store:
        if args.action == "add":
            password = None if args.sso_only else _password()
            with store.session() as s:
                user = add_user(s, args.username, password, args.role)
                for code in args.requisition:
                    add_member(s, get_or_create_requisition(s, code), user)
            extra = f", member of {', '.join(args.requisition)}" if args.requisition else ""
            print(f"screener: added {args.role} {args.username}{extra}", file=sys.stderr)
        elif args.action == "list":
            with store.reader() as s:
                users = list_users(s)
                for u in users:
                    reqs = ",".join(r.code for r in user_requisitions(s, u)) if u.role != "admin" else "*"
                    state = "disabled" if u.disabled else "active"
                    login = "password" if u.password_hash else "sso-only"
                    print(f"{u.username}\t{u.role}\t{state}\t{login}\t{reqs or '-'}")
            if not users:
                print("screener: no users yet; add one with `screener user add NAME --role admin`", file=sys.stderr)
        elif args.action in ("disable", "enable"):
            with store.session() as s:
                set_disabled(s, args.username, args.action == "disable")
            print(f"screener: {args.action}d {args.username}", file=sys.stderr)
        elif args.action == "password":
            password = _password()
            with store.session() as s:
                set_password(s, args.username, password)
            print(f"screener: set the password of {args.username} (at least {MIN_PASSWORD_LENGTH} characters)",
                  file=sys.stderr)
    return 0
