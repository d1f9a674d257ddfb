"""`integrado outbox`: the dead letters of the apps' outboxes, listed and sent again.

    integrado outbox list-dead [--db URL]...
    integrado outbox requeue (ID... | --all) [--db URL]...

A dead letter is an event the relay could never send (today: larger than the message limit);
refusals of the server keep events queued instead. Requeue puts rows back in the queue (attempts
reset); the app's relay (or the office's relay service, woken at once) sends them on its next
pass, after the events that were queued before them.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any, NamedTuple, TextIO

from integrado.command_line import CliError, load_settings

if TYPE_CHECKING:
    # SQLAlchemy and the outbox (redis too) come when a command runs, not with its arguments.
    from sqlalchemy import Engine


def register(sub: Any) -> None:
    outbox = sub.add_parser("outbox", help="dead letters of the apps' outboxes: list them, send them again")
    actions = outbox.add_subparsers(dest="outbox_command", required=True)
    db_help = "database URL; repeat for several (default: the CallSystem and TaskManager databases in the settings)"
    listing = actions.add_parser("list-dead", help="every dead letter: id, source, seq, stream, error")
    listing.add_argument("--db", action="append", metavar="URL", help=db_help)
    listing.set_defaults(func=cmd_list_dead)
    requeue = actions.add_parser("requeue", help="put dead letters back in the queue")
    requeue.add_argument("ids", nargs="*", type=int, metavar="ID", help="row ids as list-dead shows them")
    requeue.add_argument("--all", action="store_true", help="every dead letter")
    requeue.add_argument("--db", action="append", metavar="URL", help=db_help)
    requeue.set_defaults(func=cmd_requeue)


class DeadLetter(NamedTuple):
    """One outbox row in the dead-letter state (a NamedTuple: see `admin_command.Login`)."""

    database: str
    id: int
    source: str
    seq: int
    stream: str
    attempts: int
    error: str


def database_urls(args: argparse.Namespace) -> list[str]:
    if args.db:
        return list(dict.fromkeys(args.db))
    settings = load_settings(args)
    return list(dict.fromkeys([settings.callsystem_db, settings.taskmanager_db]))


def _table(engine: Engine) -> Any | None:
    """The outbox table of this database, or None when no app created it yet."""
    from sqlalchemy import MetaData, inspect

    from integrado.outbox import Outbox

    outbox = Outbox(MetaData(), channel="", stream="")
    return outbox.table if inspect(engine).has_table(outbox.table.name) else None


def _shown(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def dead_letters(url: str) -> list[DeadLetter]:
    from sqlalchemy import select

    from integrado.db import make_engine
    from integrado.outbox import DEAD

    engine = make_engine(url)
    try:
        t = _table(engine)
        if t is None:
            return []
        with engine.connect() as conn:
            rows = conn.execute(
                select(t.c.id, t.c.source, t.c.seq, t.c.stream, t.c.attempts, t.c.last_error)
                .where(t.c.status == DEAD)
                .order_by(t.c.id)
            )
            return [
                DeadLetter(_shown(url), int(r[0]), str(r[1]), int(r[2]), str(r[3]), int(r[4]), r[5] or "") for r in rows
            ]
    finally:
        engine.dispose()


def requeue(url: str, ids: list[int] | None) -> int:
    """Put dead rows back in the queue (all of them when `ids` is None); return how many."""
    from sqlalchemy import func, select, update

    from integrado.db import make_engine
    from integrado.outbox import DEAD, NOTIFY_CHANNEL, PENDING

    engine = make_engine(url)
    try:
        t = _table(engine)
        if t is None:
            return 0
        query = update(t).where(t.c.status == DEAD)
        if ids is not None:
            query = query.where(t.c.id.in_(ids))
        with engine.begin() as conn:
            streams = [
                str(s)
                for (s,) in conn.execute(
                    select(t.c.stream)
                    .where(t.c.status == DEAD, *([t.c.id.in_(ids)] if ids is not None else []))
                    .distinct()
                )
            ]
            count = int(conn.execute(query.values(status=PENDING, attempts=0)).rowcount)
            if engine.dialect.name == "postgresql":
                for stream in streams:
                    # The relay service wakes at commit instead of on its next poll.
                    conn.execute(select(func.pg_notify(NOTIFY_CHANNEL, stream)))
        return count
    finally:
        engine.dispose()


def cmd_list_dead(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    letters = [letter for url in database_urls(args) for letter in dead_letters(url)]
    if not letters:
        print("no dead letters", file=out)
        return 0
    for letter in letters:
        print(
            f"{letter.id}\t{letter.source} #{letter.seq}\t{letter.stream}\t{letter.attempts} attempt(s)\t"
            f"{letter.error}\t{letter.database}",
            file=out,
        )
    print(f"{len(letters)} dead letter(s); send them again with: integrado outbox requeue ID... or --all", file=out)
    return 0


def cmd_requeue(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    if bool(args.ids) == bool(args.all):
        raise CliError("integrado outbox requeue: name the row ids (see list-dead) or --all, not both", 2)
    urls = database_urls(args)
    if args.all:
        total = sum(requeue(url, None) for url in urls)
    else:
        # Ids are per database: each goes to the one database where it is a dead letter.
        wanted = set(args.ids)
        found = {url: sorted(wanted & {d.id for d in dead_letters(url)}) for url in urls}
        seen = [i for ids in found.values() for i in ids]
        twice = sorted({i for i in seen if seen.count(i) > 1})
        if twice:
            raise CliError(
                f"integrado outbox requeue: id(s) {', '.join(map(str, twice))} are dead letters in several "
                "databases; name the database with --db URL",
                2,
            )
        missing = sorted(wanted - set(seen))
        if missing:
            print(f"not dead letters (see list-dead): {', '.join(map(str, missing))}", file=sys.stderr)
        total = sum(requeue(url, ids) for url, ids in found.items() if ids)
    print(f"{total} event(s) back in the queue", file=out)
    return 0 if total or args.all else 1
