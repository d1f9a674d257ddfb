"""Write Integrado's migration scripts from the apps' models (a maintainer's tool, not shipped).

    python packaging/migrations_tool.py baseline [NAME...]     # (re)write each first revision
    python packaging/migrations_tool.py revision NAME -m "add call tags"

`baseline` is only for before the first release: it rewrites revision 0001 as the models are
now. After a release, never edit a shipped revision: `revision` autogenerates the next one from
the difference between the models and a database upgraded to the current head (review it by
hand: autogenerate cannot see renames, and data moves need `op.execute`).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path

from alembic.autogenerate import produce_migrations, render_python_code
from alembic.runtime.migration import MigrationContext
from sqlalchemy import MetaData, create_engine

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "apps"))

from integrado import migrations  # noqa: E402

TEMPLATE = '''"""{name} database: {message}

Revision ID: {revision}
Revises: {down_revision}
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = {revision!r}
down_revision = {down_revision!r}
branch_labels = None
depends_on = None


def upgrade() -> None:
{upgrade}


def downgrade() -> None:
    # Integrado never downgrades a database: an older program refuses a newer database instead.
    raise NotImplementedError("downgrades are not supported")
'''


def target_metadata(name: str) -> MetaData:
    """The schema each database must have: the app's own tables plus, for producers, the outbox."""
    from integrado.outbox import Outbox

    if name == "callsystem":
        from callsystem_gui.tables import Base as CallBase

        Outbox(CallBase.metadata, channel="calls_channel", stream="calls_channel:stream")
        return CallBase.metadata
    if name == "taskmanager":
        from taskmanager_gui.tables import Base as TaskBase

        Outbox(TaskBase.metadata, channel="tasks", stream="tasks:stream")
        return TaskBase.metadata
    if name == "console":
        from integrado.history import metadata

        return metadata
    raise ValueError(name)


OUTBOX_TABLES = {"integrado_outbox", "integrado_outbox_source"}


def _render_part(name: str, database_url: str, keep: Callable[[str], bool]) -> str:
    version_table = migrations.version_table(name)
    engine = create_engine(database_url)
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn,
            opts={
                "compare_type": True,
                "render_as_batch": True,
                "version_table": version_table,
                "include_name": lambda n, kind, _p: kind != "table" or n != version_table,
                # include_object sees the models' side: tables, and indexes by their table.
                "include_object": lambda obj, n, kind, _reflected, _other: keep(
                    n if kind == "table" else getattr(getattr(obj, "table", None), "name", "")
                ),
            },
        )
        ops = produce_migrations(context, target_metadata(name))
    engine.dispose()
    if ops.upgrade_ops is None or ops.upgrade_ops.is_empty():
        return ""
    # Alembic renders the header comment flush left and the commands indented by four spaces.
    lines = render_python_code(ops.upgrade_ops, migration_context=context).strip("\n").splitlines()
    return "\n".join(["    " + lines[0].strip(), *lines[1:]])


def _render(name: str, database_url: str, *, guard_outbox: bool = False) -> str:
    """The upgrade() body; with `guard_outbox`, the outbox tables are made only where missing:
    both producers' histories create them, and both databases may be one PostgreSQL database."""
    if not guard_outbox:
        return _render_part(name, database_url, lambda _table: True)
    own = _render_part(name, database_url, lambda table: table not in OUTBOX_TABLES)
    outbox = _render_part(name, database_url, lambda table: table in OUTBOX_TABLES)
    if not outbox:
        return own
    return (
        f"{own}\n\n    # The outbox is shared infrastructure: the other producer's history may have made it.\n"
        f'    if not sa.inspect(op.get_bind()).has_table("integrado_outbox"):\n{textwrap.indent(outbox, "    ")}'
    )


def _write(name: str, revision: str, down: str | None, message: str, body: str) -> Path:
    versions = migrations.HERE / name / "versions"
    versions.mkdir(parents=True, exist_ok=True)
    slug = re.sub(r"[^a-z0-9]+", "_", message.lower()).strip("_")[:40]
    path = versions / f"{revision}_{slug}.py"
    path.write_text(TEMPLATE.format(name=name, message=message, revision=revision, down_revision=down, upgrade=body))
    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    subprocess.run([ruff, "format", "-q", str(path)], check=False)
    return path


def baseline(names: list[str]) -> None:
    for name in names:
        versions = migrations.HERE / name / "versions"
        for old in versions.glob(f"{name}_0001_*.py"):
            old.unlink()
        with tempfile.TemporaryDirectory() as tmp:
            body = _render(name, f"sqlite:///{Path(tmp) / 'empty.db'}", guard_outbox=name != "console")
        path = _write(name, f"{name}_0001", None, "first release", body)
        print(f"wrote {path.relative_to(ROOT)}")


def revision(name: str, message: str) -> None:
    from integrado.db import make_engine

    head = migrations.head_revision(name)
    number = int(head.rsplit("_", 1)[1]) + 1
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'head.db'}"
        engine = make_engine(url)
        migrations.upgrade(engine, name)
        engine.dispose()
        body = _render(name, url)
    if not body:
        print(f"{name}: the models match revision {head}; nothing to write")
        return
    path = _write(name, f"{name}_{number:04d}", head, message, body)
    print(f"wrote {path.relative_to(ROOT)}: review it before committing")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    base = sub.add_parser("baseline")
    base.add_argument("names", nargs="*", default=list(migrations.DATABASES))
    rev = sub.add_parser("revision")
    rev.add_argument("name", choices=migrations.DATABASES)
    rev.add_argument("-m", "--message", required=True)
    args = parser.parse_args()
    if args.command == "baseline":
        baseline(args.names)
    else:
        revision(args.name, args.message)
    return 0


if __name__ == "__main__":
    sys.exit(main())
