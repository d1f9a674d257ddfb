"""`integrado admin`: the office's logins on the shared PostgreSQL database.

    integrado admin add-user NAME --role operator|supervisor|relay [--reset-password] [--valid-days N] [--db URL]...
    integrado admin set-role NAME --role operator|supervisor|relay [--db URL]...
    integrado admin disable NAME [--db URL]...
    integrado admin list [--db URL]...

Run on the server with the database owner's login (it creates roles, so it needs CREATEROLE or
a superuser; `disable` ends the login's open sessions, which needs a superuser or
`pg_signal_backend`). Each command is idempotent and says what it did. Before anything else it
brings the databases to this program's schema and (re)applies the office roles' grants, so a
new office needs nothing but `integrado admin add-user` after creating its database.

Names are PostgreSQL identifiers quoted by psycopg, so spaces and quotes are fine; what
PostgreSQL itself would refuse or read differently is refused here with a message instead.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple, TextIO

from integrado.command_line import CliError, load_settings

if TYPE_CHECKING:
    # SQLAlchemy, the migrations and the access schema come when a command runs: the `integrado`
    # command's other uses (--help, run) never pay for them.
    from sqlalchemy import Connection, Engine

# The roles as the command line names them: its --role choices, the keys of `office_roles()`.
ROLE_CHOICES = ("operator", "relay", "supervisor")
MAX_NAME_BYTES = 63  # PostgreSQL's NAMEDATALEN - 1: a longer name would be cut, not refused
# 18 random bytes: 24 characters of URL-safe base64, nothing a shell or a URL needs to escape.
PASSWORD_BYTES = 18


@cache
def office_roles() -> dict[str, str]:
    """Each command-line role's PostgreSQL group role (operator -> integrado_operator...)."""
    from integrado.access import schema
    from integrado.access.identity import OPERATOR_ROLE, SUPERVISOR_ROLE

    return {"operator": OPERATOR_ROLE, "supervisor": SUPERVISOR_ROLE, "relay": schema.RELAY_ROLE}


def _role_names() -> dict[str, str]:
    return {group: name for name, group in office_roles().items()}


def register(sub: Any) -> None:
    admin = sub.add_parser(
        "admin",
        help="the office's database logins: add, change role, disable, list (run with the database owner's login)",
    )
    actions = admin.add_subparsers(dest="admin_command", required=True)
    db_help = (
        "the owner's URL of a shared database; repeat for several "
        "(default: the CallSystem and TaskManager databases in the settings)"
    )
    role_help = "operator, supervisor, or relay (the relay service's login)"

    add = actions.add_parser("add-user", help="create a login with a one-time password, printed once")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=ROLE_CHOICES, help=role_help)
    add.add_argument("--reset-password", action="store_true", help="give an existing login a new password")
    add.add_argument("--valid-days", type=int, metavar="N", help="the password stops working after N days")
    add.add_argument("--db", action="append", metavar="URL", help=db_help)
    add.set_defaults(func=cmd_add_user)

    set_role = actions.add_parser("set-role", help="change a login's role (takes effect at its next action)")
    set_role.add_argument("name")
    set_role.add_argument("--role", required=True, choices=ROLE_CHOICES, help=role_help)
    set_role.add_argument("--db", action="append", metavar="URL", help=db_help)
    set_role.set_defaults(func=cmd_set_role)

    disable = actions.add_parser("disable", help="stop a login from signing in and end its open sessions")
    disable.add_argument("name")
    disable.add_argument("--db", action="append", metavar="URL", help=db_help)
    disable.set_defaults(func=cmd_disable)

    listing = actions.add_parser("list", help="every office login: user, role, enabled")
    listing.add_argument("--db", action="append", metavar="URL", help=db_help)
    listing.set_defaults(func=cmd_list)


class Login(NamedTuple):
    """An office login as `list` shows it (a NamedTuple: dataclasses, with the inspect module
    it imports, would cost every start of the `integrado` command a few ms)."""

    name: str
    role: str  # operator, supervisor, relay; several joined by "+" (set-role repairs it)
    enabled: bool


def check_name(name: str) -> str:
    """The name as PostgreSQL will store it, or CliError saying why it cannot be a login."""
    if not name or not name.strip():
        raise CliError("integrado admin: the name is empty")
    if name != name.strip():
        raise CliError(f"integrado admin: {name!r} starts or ends with a space; give the name without it")
    if any(not ch.isprintable() for ch in name):
        raise CliError(f"integrado admin: {name!r} contains a control character (a newline, a tab...)")
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        raise CliError(
            f"integrado admin: {name!r} is longer than PostgreSQL's {MAX_NAME_BYTES} bytes; choose a shorter name"
        )
    if name.lower().startswith("pg_") or name in office_roles().values() or name.lower() in ("public", "none"):
        raise CliError(f"integrado admin: {name!r} is reserved (by PostgreSQL or for the office roles)")
    return name


def database_urls(args: argparse.Namespace) -> list[tuple[str, tuple[str, ...]]]:
    """Each database with the apps whose tables it holds: with --db every app's (an office keeps
    them in one database), otherwise the settings' CallSystem and TaskManager databases."""
    if args.db:
        urls = list(dict.fromkeys(args.db))
        apps: list[tuple[str, tuple[str, ...]]] = [(url, ("callsystem", "taskmanager")) for url in urls]
    else:
        settings = load_settings(args)
        if settings.callsystem_db == settings.taskmanager_db:
            apps = [(settings.callsystem_db, ("callsystem", "taskmanager"))]
        else:
            apps = [(settings.callsystem_db, ("callsystem",)), (settings.taskmanager_db, ("taskmanager",))]
    from sqlalchemy.engine import make_url

    for url, _ in apps:
        if make_url(url).get_backend_name() != "postgresql":
            raise CliError(
                f"integrado admin: {make_url(url).render_as_string(hide_password=True)} is not a PostgreSQL "
                "database; a single PC (SQLite) has no logins. Pass --db postgresql://OWNER@SERVER/DATABASE."
            )
    return apps


@contextmanager
def _databases(args: argparse.Namespace) -> Iterator[list[Engine]]:
    """The databases, migrated, with the office roles and grants in place."""
    from integrado.access import schema
    from integrado.db import make_engine
    from integrado.migrations import upgrade

    engines: list[Engine] = []
    try:
        for url, apps in database_urls(args):
            engine = make_engine(url)
            engines.append(engine)
            for app in apps:
                upgrade(engine, app)
            with engine.begin() as conn:
                if not schema.ensure_roles(conn):
                    raise CliError(
                        "integrado admin: the office roles could not be created: run this with the database "
                        "owner's login, which needs CREATEROLE (or a superuser)"
                    )
                for app in apps:
                    schema.install(conn, app)
        yield engines
    finally:
        for engine in engines:
            engine.dispose()


def _autocommit(engine: Engine) -> Connection:
    return engine.connect().execution_options(isolation_level="AUTOCOMMIT")


def _psycopg(conn: Connection) -> Any:
    return conn.connection.driver_connection


def _find(conn: Connection, name: str) -> tuple[bool, bool, list[str]] | None:
    """(can log in, is superuser, office roles held) of an existing role, or None."""
    from sqlalchemy import text

    row = conn.execute(text("SELECT oid, rolcanlogin, rolsuper FROM pg_roles WHERE rolname = :n"), {"n": name}).first()
    if row is None:
        return None
    held = conn.execute(
        text(
            "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid"
            " WHERE m.member = :oid AND g.rolname = ANY(:groups) ORDER BY g.rolname"
        ),
        {"oid": row.oid, "groups": list(office_roles().values())},
    ).scalars()
    return bool(row.rolcanlogin), bool(row.rolsuper), list(held)


def _role_text(groups: list[str]) -> str:
    names = _role_names()
    return "+".join(names[g] for g in groups) or "none"


def _set_groups(conn: Connection, name: str, group: str, held: list[str]) -> bool:
    """Make `group` the login's only office role; True when anything changed."""
    from psycopg import sql

    pg = _psycopg(conn)
    changed = False
    if group not in held:
        pg.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(group), sql.Identifier(name)))
        changed = True
    for other in held:
        if other != group:
            pg.execute(sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(other), sql.Identifier(name)))
            changed = True
    return changed


def _password_clause(conn: Connection, name: str, password: str, valid_days: int | None) -> Any:
    """`PASSWORD '<SCRAM verifier>' VALID UNTIL ...`: the password is hashed here, so it never
    travels to the server or its statement log in clear."""
    from psycopg import sql
    from sqlalchemy import text

    verifier = _psycopg(conn).pgconn.encrypt_password(password.encode(), name.encode(), b"scram-sha-256").decode()
    clause = sql.SQL("PASSWORD {}").format(sql.Literal(verifier))
    if valid_days is not None:
        until = conn.execute(text("SELECT (now() + make_interval(days => :d))::text"), {"d": valid_days}).scalar_one()
        clause = sql.SQL("{} VALID UNTIL {}").format(clause, sql.Literal(until))
    else:
        clause = sql.SQL("{} VALID UNTIL 'infinity'").format(clause)
    return clause


def _not_office(name: str, superuser: bool) -> CliError:
    what = "a superuser" if superuser else "not a login this command made"
    return CliError(f"integrado admin: {name!r} is {what}; it is left as it is (manage it with SQL)")


def cmd_add_user(args: argparse.Namespace, out: TextIO | None = None) -> int:
    import secrets

    from psycopg import sql

    out = out or sys.stdout

    name = check_name(args.name)
    group = office_roles()[args.role]
    if args.valid_days is not None and args.valid_days < 1:
        raise CliError("integrado admin: --valid-days must be 1 or more")
    with _databases(args) as engines, _autocommit(engines[0]) as conn:
        found = _find(conn, name)
        password: str | None = None
        if found is None:
            password = secrets.token_urlsafe(PASSWORD_BYTES)
            _psycopg(conn).execute(
                sql.SQL("CREATE ROLE {} LOGIN {} IN ROLE {}").format(
                    sql.Identifier(name), _password_clause(conn, name, password, args.valid_days), sql.Identifier(group)
                )
            )
            print(f"created login {name!r} with role {args.role}", file=out)
        else:
            can_login, superuser, held = found
            if superuser or not held:
                raise _not_office(name, superuser)
            if held != [group]:
                raise CliError(
                    f"integrado admin: {name!r} already exists with role {_role_text(held)}; "
                    f"change it with: integrado admin set-role {_shell(name)} --role {args.role}"
                )
            if not can_login or args.reset_password:
                password = secrets.token_urlsafe(PASSWORD_BYTES)
                _psycopg(conn).execute(
                    sql.SQL("ALTER ROLE {} LOGIN {}").format(
                        sql.Identifier(name), _password_clause(conn, name, password, args.valid_days)
                    )
                )
                print(
                    f"login {name!r} ({args.role}) "
                    + ("enabled again with a new password" if not can_login else "given a new password"),
                    file=out,
                )
            else:
                print(
                    f"login {name!r} already exists with role {args.role}; nothing changed "
                    "(--reset-password gives it a new password)",
                    file=out,
                )
        if password is not None:
            print(f"one-time password for {name!r} (shown only now; give it to them in person): {password}", file=out)
    return 0


def _shell(name: str) -> str:
    return "'" + name.replace("'", "'\\''") + "'"


def _existing_office_login(conn: Connection, name: str) -> tuple[bool, list[str]]:
    found = _find(conn, name)
    if found is None:
        raise CliError(f"integrado admin: there is no login {name!r} (integrado admin list shows them)")
    can_login, superuser, held = found
    if superuser or not held:
        raise _not_office(name, superuser)
    return can_login, held


def cmd_set_role(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    name = check_name(args.name)
    with _databases(args) as engines, _autocommit(engines[0]) as conn:
        _, held = _existing_office_login(conn, name)
        if _set_groups(conn, name, office_roles()[args.role], held):
            print(f"login {name!r}: role {_role_text(held)} -> {args.role} (from its next action)", file=out)
        else:
            print(f"login {name!r} already has role {args.role}; nothing changed", file=out)
    return 0


def cmd_disable(args: argparse.Namespace, out: TextIO | None = None) -> int:
    from psycopg import sql
    from sqlalchemy import text

    out = out or sys.stdout

    name = check_name(args.name)
    with _databases(args) as engines, _autocommit(engines[0]) as conn:
        can_login, held = _existing_office_login(conn, name)
        if can_login:
            _psycopg(conn).execute(sql.SQL("ALTER ROLE {} NOLOGIN").format(sql.Identifier(name)))
        # Sessions already open would go on working: end them, so its next action is refused
        # (whatever it was doing is rolled back by the server).
        ended = conn.execute(
            text("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = :n"), {"n": name}
        ).scalar_one()
        state = "disabled" if can_login else "was already disabled"
        print(f"login {name!r} ({_role_text(held)}) {state}; {ended} open session(s) ended", file=out)
    return 0


def office_logins(conn: Connection) -> list[Login]:
    from sqlalchemy import text

    rows = conn.execute(
        text(
            "SELECT u.rolname AS name,"
            " string_agg(g.rolname, '+' ORDER BY g.rolname) AS groups,"
            " u.rolcanlogin AND COALESCE(u.rolvaliduntil > now(), true) AS enabled"
            " FROM pg_roles u JOIN pg_auth_members m ON m.member = u.oid JOIN pg_roles g ON g.oid = m.roleid"
            " WHERE g.rolname = ANY(:groups) GROUP BY u.rolname, u.rolcanlogin, u.rolvaliduntil ORDER BY u.rolname"
        ),
        {"groups": list(office_roles().values())},
    )
    return [Login(r.name, _role_text(r.groups.split("+")), bool(r.enabled)) for r in rows]


def cmd_list(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    with _databases(args) as engines, _autocommit(engines[0]) as conn:
        logins = office_logins(conn)
    width = max([len("user"), *(len(login.name) for login in logins)])
    print(f"{'user':<{width}}  {'role':<10}  enabled", file=out)
    for login in logins:
        print(f"{login.name:<{width}}  {login.role:<10}  {'yes' if login.enabled else 'no'}", file=out)
    return 0
