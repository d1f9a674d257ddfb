"""One redaction for Redis and database URLs: the password never shows, the rest stays readable."""

from __future__ import annotations

import logging
import string
from pathlib import Path

import pytest

from integrado.command_line import EXPOSED_URL_WARNING, load_settings
from integrado.logs import setup_logging
from integrado.secrets import redact_url, secret_values, url_password
from integrado.settings import Settings

EVERY_PRINTABLE = "".join(ch for ch in string.printable if not ch.isspace())


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("redis://user:pw123@host:6379/0", "redis://user:***@host:6379/0"),
        ("rediss://:only-pass@cache.office:6380", "rediss://:***@cache.office:6380"),
        (
            "postgresql+psycopg://alice:s3cr3t@db.office:5432/integrado",
            "postgresql+psycopg://alice:***@db.office:5432/integrado",
        ),
        ("postgresql://bob:p@ss@word@db/x?sslmode=require", "postgresql://bob:***@db/x?sslmode=require"),
        ("redis://127.0.0.1:6379/0", "redis://127.0.0.1:6379/0"),
        (
            "sqlite:////var/lib/integrado/callsystem.db",
            "sqlite:////var/lib/integrado/callsystem.db",
        ),
        (
            'could not connect to "postgresql://carol:hunter22@10.0.0.9/calls": timeout',
            'could not connect to "postgresql://carol:***@10.0.0.9/calls": timeout',
        ),
        (
            "two: redis://a:one111@h1/0 and postgresql://b:two222@h2/db",
            "two: redis://a:***@h1/0 and postgresql://b:***@h2/db",
        ),
    ],
)
def test_the_password_inside_any_url_is_masked(text: str, shown: str) -> None:
    assert redact_url(text) == shown


def test_a_password_known_by_value_is_masked_anywhere() -> None:
    url = "postgresql://op:%40t%2Fhome%21@db/integrado"
    assert url_password(url) == "%40t%2Fhome%21"
    # The decoded form is what a driver may quote in its own error text.
    assert redact_url("auth failed with @t/home! for op", url) == "auth failed with *** for op"
    assert redact_url(f"password {EVERY_PRINTABLE} refused", EVERY_PRINTABLE) == "password *** refused"
    assert secret_values(["", None, "ab", "redis://h:6379/0"]) == []


def test_settings_repr_hides_every_url_password(isolated_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REDIS_URL", "redis://console:r3dis-pass@10.0.0.5:6379/0")
    monkeypatch.setenv("INTEGRADO_CALLSYSTEM_DB", "postgresql+psycopg://ana:pg-pass-1@db/integrado")
    monkeypatch.setenv("INTEGRADO_CONSOLE_DB", "postgresql+psycopg://ana:pg-pass-2@db/integrado")
    settings = Settings.load(read_keyring=False)
    shown = repr(settings) + str(settings) + repr(settings.redis)
    assert "r3dis-pass" not in shown and "pg-pass-1" not in shown and "pg-pass-2" not in shown
    assert "ana:***@db" in shown and "console:***@10.0.0.5" in shown
    assert "pg-pass-1" in "".join(settings.known_secrets())


def test_log_lines_and_tracebacks_hide_database_passwords(tmp_path: Path) -> None:
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        path = setup_logging(tmp_path, "redaction", secrets=["postgresql://ana:by-value-9@db/x"])
        log = logging.getLogger("integrado.test")
        log.warning("engine %s failed", "postgresql+psycopg://ana:in-a-url-7@db:5432/integrado")
        log.warning("the driver said: password by-value-9 is wrong")
        try:
            raise ConnectionError("cannot reach redis://relay:in-traceback-5@10.0.0.5:6379/0")
        except ConnectionError:
            log.exception("crash")
    finally:
        for handler in root.handlers[:]:
            if handler not in before:
                root.removeHandler(handler)
                handler.close()
    text = path.read_text()
    assert "ConnectionError" in text and "ana:***@db:5432" in text
    for secret in ("in-a-url-7", "by-value-9", "in-traceback-5"):
        assert secret not in text


def test_redis_url_with_a_password_on_the_command_line_warns(
    isolated_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import argparse

    load_settings(argparse.Namespace(redis_url="redis://console:on-argv-1@10.0.0.5:6379/0"))
    err = capsys.readouterr().err
    assert err.strip() == EXPOSED_URL_WARNING and "keyring set integrado" in err and "REDIS_PASSWORD" in err
    assert "on-argv-1" not in err
    load_settings(argparse.Namespace(redis_url="redis://console@10.0.0.5:6379/0"))
    assert capsys.readouterr().err == ""
