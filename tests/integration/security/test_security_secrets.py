"""The Redis password comes from the environment or the keyring and is never written or shown:
not in the settings file, the logs (crash tracebacks included), the databases, an export, or
anything the commands print. Every check greps for the actual password."""

from __future__ import annotations

import logging
import os
import signal
import string
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from helpers.fixtures import QLoop
from helpers.pipeline import make_mini_app
from helpers.postgres import PostgresServer
from helpers.security import Lines, settings_as, start_acl_server, with_app_writes
from integrado.embedded import RedisServerProcess
from integrado.logs import setup_logging
from integrado.settings import Settings, SettingsError

pytestmark = pytest.mark.integration


def _files_containing(folder: Path, secret: str) -> list[str]:
    needle = secret.encode()
    return [str(p) for p in folder.rglob("*") if p.is_file() and needle in p.read_bytes()]


def _run(args: list[str], env: dict[str, str], timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "integrado_suite.cli", *args], capture_output=True, text=True, timeout=timeout, env=env
    )


def test_a_password_in_the_settings_file_is_refused_without_echoing_it(isolated_env: Path) -> None:
    config = isolated_env / "config"
    config.mkdir()
    (config / "settings.toml").write_text('[redis]\nurl = "redis://console:S3cret-in-file@10.0.0.5:6379/0"\n')
    with pytest.raises(SettingsError) as refused:
        Settings.load()
    assert "S3cret-in-file" not in str(refused.value) and "keyring" in str(refused.value)
    result = _run(["doctor"], os.environ.copy())
    assert result.returncode == 1 and "S3cret-in-file" not in result.stdout + result.stderr


def test_password_never_leaks(
    qloop: QLoop,
    redis_server_factory: Callable[..., RedisServerProcess],
    monkeypatch: pytest.MonkeyPatch,
    isolated_env: Path,
    tmp_path: Path,
) -> None:
    (tmp_path / "acl").mkdir()
    server = start_acl_server(redis_server_factory, tmp_path / "acl", edit=with_app_writes("callsystem"))
    password = server.passwords["console"]
    settings = settings_as(server, "console", monkeypatch)
    outputs: list[str] = []
    env = os.environ.copy()

    # The settings file as a person would write it: URL and user, no password.
    config = Path(env["INTEGRADO_CONFIG_DIR"])
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.toml").write_text(f'[redis]\nurl = "redis://console@127.0.0.1:{server.port}/0"\n')
    del env["REDIS_URL"]

    # Printed output: doctor (right and wrong password), consume with events flowing, export.
    doctor = _run(["doctor"], env)
    outputs += [doctor.stdout, doctor.stderr]
    wrong = _run(["doctor"], {**env, "REDIS_PASSWORD": password[::-1]})
    outputs += [wrong.stdout, wrong.stderr]
    assert password[::-1] not in wrong.stdout + wrong.stderr

    consume = subprocess.Popen([sys.executable, "-m", "integrado_suite.cli", "consume", "--jsonl"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, env=env)  # fmt: skip
    producer = make_mini_app(settings_as(server, "callsystem", monkeypatch), tmp_path, "callsystem")
    for i in range(5):
        producer.act(f"cliente {i}")
    qloop.run(producer.pipeline.relay.drain_once())
    qloop.run(producer.pipeline.relay._close_redis())
    out, err = Lines(consume.stdout), Lines(consume.stderr)
    qloop.wait_until(lambda: len(out.lines) >= 5 or consume.poll() is not None, timeout=20)
    consume.send_signal(signal.SIGINT)
    assert consume.wait(timeout=15) == 0
    outputs += ["\n".join(out.lines), "\n".join(err.lines)]
    assert len(out.lines) == 5, err.lines
    export = _run(["export", "--format", "jsonl", "--out", str(isolated_env / "data" / "export.jsonl")], env)
    outputs += [export.stdout, export.stderr]
    assert export.returncode == 0, export.stderr

    # Logs, as the apps set them up (runner.py), with a message that quotes the password.
    root = logging.getLogger()
    handlers_before = list(root.handlers)
    try:
        log_file = setup_logging(settings.log_dir, "secrets-test", secrets=[password])
        logging.getLogger("integrado.outbox").warning("relay refused: WRONGPASS for %s", settings.redis.redacted_url())
        logging.getLogger("integrado").error("connect failed for console:%s@127.0.0.1", password)
    finally:
        for handler in root.handlers[:]:
            if handler not in handlers_before:
                root.removeHandler(handler)
                handler.close()
    assert log_file.exists() and log_file.read_text()

    leaks = [i for i, text in enumerate(outputs) if password in text]
    files = _files_containing(config, password) + _files_containing(Path(env["INTEGRADO_DATA_DIR"]), password)
    print(f"\n[secrets] outputs checked: {len(outputs)}, files checked under config+data: "
          f"{sum(1 for p in Path(env['INTEGRADO_DATA_DIR']).rglob('*') if p.is_file()) + 1}, leaks: {leaks + files}")  # fmt: skip
    assert not leaks, "the password was printed"
    assert not files, f"the password was written to {files}"


# logs.py (not this test's file) redacts the formatted message only, not the traceback that
# Formatter appends: a crash whose exception text holds the password writes it to the log.
# Requested change (see the report): redact record.exc_text too. strict: passes once fixed.
def test_crash_traceback_in_the_log_is_redacted(tmp_path: Path) -> None:
    password = "tr4ceback-secret"
    root = logging.getLogger()
    handlers_before = list(root.handlers)
    try:
        log_file = setup_logging(tmp_path / "logs", "crash", secrets=[password])
        try:
            raise ConnectionError(f"cannot connect to redis://console:{password}@10.0.0.5:6379/0")
        except ConnectionError:
            logging.getLogger("integrado.crash").error("unhandled exception", exc_info=True)
    finally:
        for handler in root.handlers[:]:
            if handler not in handlers_before:
                root.removeHandler(handler)
                handler.close()
    text = log_file.read_text()
    assert "ConnectionError" in text
    assert password not in text


# A database password with every printable character but the space (URL-encoded in the URL).
DB_PASSWORD = "pg-" + "".join(ch for ch in string.printable if not ch.isspace() and ch not in "'\\") + "-end"


def test_database_password_never_leaks(
    office_postgres: PostgresServer, redis_server: RedisServerProcess, isolated_env: Path, qapp: Any
) -> None:
    from integrado.qt.about import AboutDialog

    office_postgres.create_login("ana_audit", DB_PASSWORD)
    office_postgres.execute('CREATE DATABASE audit_history OWNER "ana_audit"')

    def url(password: str) -> str:
        return office_postgres.login_url("audit_history", "ana_audit", password)

    wrong_password = "wrong-" + DB_PASSWORD[::-1]
    env = {**os.environ, "REDIS_URL": redis_server.url, "QT_QPA_PLATFORM": "offscreen"}
    outputs: list[str] = []
    for password in (DB_PASSWORD, wrong_password):
        run_env = {**env, "INTEGRADO_CONSOLE_DB": url(password), "INTEGRADO_CALLSYSTEM_DB": url(password)}
        doctor = _run(["doctor"], run_env)
        outputs += [doctor.stdout, doctor.stderr]
        if password == DB_PASSWORD:
            # (With a wrong one the app waits at its "cannot open the database" dialog: the doctor
            # and the log lines above cover that refusal.)
            app = subprocess.run([sys.executable, "-m", "event_console.app", "--smoke-test"], capture_output=True,
                                 text=True, timeout=90, env=run_env)  # fmt: skip
            outputs += [app.stdout, app.stderr]
            assert app.returncode == 0, app.stderr[-2000:]
            assert "ok    Console database postgresql+psycopg://ana_audit:***@" in doctor.stdout, doctor.stdout
        else:
            assert "FAIL  Console database postgresql+psycopg://ana_audit:***@" in doctor.stdout, doctor.stdout

    settings = Settings.load({**env, "INTEGRADO_CONSOLE_DB": url(DB_PASSWORD)})
    about = AboutDialog(settings, "Integrado")
    about_text = "\n".join(label.text() for label in about.fields.values())
    about.deleteLater()
    assert "ana_audit:***@127.0.0.1" in about_text
    outputs += [about_text, repr(settings)]

    data = Path(env["INTEGRADO_DATA_DIR"])
    logs = [p for p in (data / "logs").rglob("*.log")]
    assert logs, "the app wrote no log"
    for secret in (DB_PASSWORD, wrong_password, quote(DB_PASSWORD, safe=""), quote(wrong_password, safe="")):
        leaks = [i for i, text in enumerate(outputs) if secret in text]
        files = _files_containing(data, secret) + _files_containing(Path(env["INTEGRADO_CONFIG_DIR"]), secret)
        assert not leaks, f"the database password was printed (outputs {leaks})"
        assert not files, f"the database password was written to {files}"
    print(f"\n[secrets] database password: outputs checked {len(outputs)}, log files {len(logs)}, leaks none")
