"""The `integrado` command imports only what the command it runs needs.

Its parser (every subcommand's options and help) is built from light modules: `integrado
--version`, `--help` and the desktop entry's `integrado run` pay nothing for SQLAlchemy, redis,
asyncio or Qt before they use them. Each case runs in a fresh interpreter, as the command does.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers.process import python_json
from integrado_suite import cli

HEAVY = (
    "sqlalchemy",
    "alembic",
    "psycopg",
    "redis",
    "asyncio",
    "PySide6",
    "qasync",
    "numpy",
    "pyqtgraph",
    "keyring",
    "integrado.migrations",
    "integrado.access.schema",
    "integrado.outbox",
    "event_console.export",
)

# What the `integrado` console script does (`sys.exit(main())`), then which heavy modules came.
COMMAND = """
import contextlib, io, json, sys
from integrado_suite.cli import build_parser, main

argv, heavy = json.loads(sys.argv[1]), json.loads(sys.argv[2])
out = io.StringIO()
with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
    if argv is None:
        build_parser()
        status = 0
    else:
        try:
            status = main(argv)
        except SystemExit as exc:
            status = exc.code
print(json.dumps({"status": status, "out": out.getvalue(), "imported": [m for m in heavy if m in sys.modules]}))
"""


def _command(argv: list[str] | None, tmp_path: Path) -> dict[str, object]:
    result: dict[str, object] = python_json(COMMAND, json.dumps(argv), json.dumps(HEAVY), cwd=tmp_path)
    return result


@pytest.mark.parametrize(
    "argv",
    [
        None,  # import integrado_suite.cli; build_parser()
        ["--version"],
        ["--help"],
        ["run", "--help"],
        ["consume", "--help"],
        ["doctor", "--help"],
        ["export", "--help"],
        ["report", "--help"],
        ["simulate", "--help"],
        ["relay", "--help"],
        ["outbox", "requeue", "--help"],
        ["admin", "add-user", "--help"],
    ],
    ids=lambda argv: "build_parser" if argv is None else " ".join(argv),
)
def test_the_parser_and_its_help_import_nothing_heavy(argv: list[str] | None, tmp_path: Path) -> None:
    result = _command(argv, tmp_path)
    assert result["status"] == 0, result["out"]
    assert result["imported"] == [], f"imported to parse {argv}: {result['imported']}"
    if argv == ["--version"]:
        assert result["out"] == "integrado 0.1.0\n"
    elif argv is not None:
        assert str(result["out"]).startswith("usage: integrado")


def test_bad_arguments_are_refused_without_importing_the_command(tmp_path: Path) -> None:
    # The choices and the argument types are checked by the light modules alone.
    for argv in (
        ["admin", "add-user", "ana", "--role", "owner"],
        ["simulate", "--operators", "999"],
        ["export", "--format", "xml", "--out", "-"],
    ):
        result = _command(argv, tmp_path)
        assert result["status"] == 2, result["out"]
        assert "invalid choice" in str(result["out"]) or "at most" in str(result["out"])
        assert result["imported"] == [], f"imported to refuse {argv}: {result['imported']}"


def test_the_light_copies_agree_with_the_modules_they_stand_for() -> None:
    from event_console import export
    from event_console.export_cli import FORMATS
    from integrado_suite.admin_command import ROLE_CHOICES, office_roles

    assert FORMATS == export.FORMATS
    assert tuple(sorted(office_roles())) == ROLE_CHOICES


def test_the_simulator_names_are_still_there_on_first_use() -> None:
    import integrado_suite.simulate as simulate

    for name in simulate.__all__:
        assert getattr(simulate, name) is not None, name
    with pytest.raises(AttributeError):
        _ = simulate.no_such_name


def test_a_migration_error_still_ends_the_command_with_status_3(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from integrado.migrations import MigrationError

    def fails(args: object) -> int:
        raise MigrationError("the database was written by a newer release")

    monkeypatch.setattr(cli, "cmd_doctor", fails)
    assert cli.main(["doctor"]) == 3
    assert capsys.readouterr().err == "integrado: the database was written by a newer release\n"


def test_a_settings_error_still_ends_the_command_with_status_1(
    isolated_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings_file = isolated_env / "config" / "settings.toml"
    settings_file.parent.mkdir(parents=True)
    settings_file.write_text("this is [not toml\n", encoding="utf-8")
    assert cli.main(["outbox", "list-dead"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("integrado: settings: ") and "not valid TOML" in err


def test_other_errors_are_not_taken_for_a_migration_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import integrado.migrations  # noqa: F401 - imported, so its error type is the one compared

    def fails(args: object) -> int:
        raise RuntimeError("a bug")

    monkeypatch.setattr(cli, "cmd_doctor", fails)
    with pytest.raises(RuntimeError, match="a bug"):
        cli.main(["doctor"])
