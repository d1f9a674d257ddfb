"""Settings: file, environment overrides, secrets never from the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from integrado.settings import Settings, SettingsError, redact_url, user_folder


def write_settings(env_dir: Path, text: str) -> None:
    (env_dir / "config").mkdir(parents=True, exist_ok=True)
    (env_dir / "config" / "settings.toml").write_text(text, encoding="utf-8")


def test_defaults_live_in_the_users_data_folder(isolated_env: Path) -> None:
    s = Settings.load()
    assert s.redis.url == "redis://127.0.0.1:6379/0" and not s.redis.configured
    assert s.callsystem_db == f"sqlite:///{isolated_env / 'data' / 'callsystem.db'}"
    assert s.redis.calls_channel == "calls_channel" and s.redis.tasks_channel == "tasks"
    assert s.redis.calls_stream == "calls_channel:stream" and s.redis.tasks_stream == "tasks:stream"


def test_environment_overrides_the_file(isolated_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_settings(
        isolated_env,
        '[redis]\nurl = "redis://file-host:6380/1"\ncalls_channel = "c2"\n'
        '[database]\ncallsystem = "postgresql://u@db/calls"\n',
    )
    s = Settings.load()
    assert s.redis.url == "redis://file-host:6380/1" and s.redis.configured
    assert s.redis.calls_channel == "c2" and s.callsystem_db == "postgresql://u@db/calls"
    monkeypatch.setenv("REDIS_URL", "redis://env-host:6379/0")
    monkeypatch.setenv("INTEGRADO_CALLSYSTEM_DB", "sqlite:////tmp/x.db")
    s = Settings.load()
    assert s.redis.url == "redis://env-host:6379/0" and s.callsystem_db == "sqlite:////tmp/x.db"


def test_a_password_in_the_file_is_refused(isolated_env: Path) -> None:
    write_settings(isolated_env, '[redis]\nurl = "redis://ops:s3cret@host:6379/0"\n')
    with pytest.raises(SettingsError, match="keyring") as info:
        Settings.load()
    assert "s3cret" not in str(info.value)


def test_password_comes_from_the_environment(isolated_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REDIS_PASSWORD", "s3cret")
    s = Settings.load()
    assert s.redis.password == "s3cret"
    assert "s3cret" not in repr(s)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[redis\nurl=", "not valid TOML"),
        ('redis = "x"', "must be a table"),
        ("[redis]\nurl = 5", "must be a string"),
        ('[redis]\nurl = "http://host"', "must start with"),
        ('[redis]\nurl = "redis://host:notaport"', "invalid port"),
        ('[redis]\nstream_maxlen = "many"', "whole number"),
    ],
)
def test_bad_settings_get_a_clear_message(isolated_env: Path, text: str, message: str) -> None:
    write_settings(isolated_env, text)
    with pytest.raises(SettingsError, match=message):
        Settings.load()


def test_redact_url() -> None:
    assert redact_url("rediss://app:pw@h:6380/0") == "rediss://app:***@h:6380/0"
    assert redact_url("redis://h:6379") == "redis://h:6379"


@pytest.mark.parametrize(
    "xdg",
    [{}, {"XDG_CONFIG_HOME": "/srv/cfg", "XDG_DATA_HOME": "/srv/data"}, {"XDG_CONFIG_HOME": "  ", "XDG_DATA_HOME": ""}],
)
def test_the_user_folders_are_the_ones_platformdirs_names(
    xdg: dict[str, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Without INTEGRADO_CONFIG_DIR / INTEGRADO_DATA_DIR: where platformdirs would put them."""
    import platformdirs

    monkeypatch.setenv("HOME", str(tmp_path))
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in xdg.items():
        monkeypatch.setenv(name, value)
    assert user_folder("config") == platformdirs.user_config_dir("Integrado", False)
    assert user_folder("data") == platformdirs.user_data_dir("Integrado", False)
