"""Numeric settings are checked when loaded: a value that would make every publish fail later
(a negative stream MAXLEN made redis-py raise inside the relay) is refused with a clear message."""

from __future__ import annotations

from pathlib import Path

import pytest

from integrado.settings import Settings, SettingsError


def _load(tmp_path: Path, toml: str = "", **env: str) -> Settings:
    (tmp_path / "settings.toml").write_text(toml, encoding="utf-8")
    return Settings.load({"INTEGRADO_CONFIG_DIR": str(tmp_path), "INTEGRADO_DATA_DIR": str(tmp_path), **env})


@pytest.mark.parametrize("value", ["-1", "0", "1.5", '"ten"', "true", "9223372036854775808"])
def test_a_bad_stream_maxlen_in_the_file_is_refused_with_where_and_what(tmp_path: Path, value: str) -> None:
    with pytest.raises(SettingsError, match=r"\[redis\] stream_maxlen must be a whole number from 1 to"):
        _load(tmp_path, f"[redis]\nstream_maxlen = {value}\n")


@pytest.mark.parametrize("value", ["-5", "0", "abc"])
def test_a_bad_stream_maxlen_in_the_environment_is_refused(tmp_path: Path, value: str) -> None:
    with pytest.raises(SettingsError, match="environment variable INTEGRADO_STREAM_MAXLEN must be"):
        _load(tmp_path, INTEGRADO_STREAM_MAXLEN=value)


def test_good_values_load(tmp_path: Path) -> None:
    assert _load(tmp_path).redis.stream_maxlen == 100_000
    assert _load(tmp_path, "[redis]\nstream_maxlen = 5000\n").redis.stream_maxlen == 5000
    assert _load(tmp_path, '[redis]\nstream_maxlen = "7"\n', INTEGRADO_STREAM_MAXLEN="9").redis.stream_maxlen == 9


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("redis://localhost:0/0", "invalid port"),
        ("redis://localhost:70000/0", "invalid port"),
        ("redis://localhost:6379/abc", "database after the last /"),
        ("redis://localhost:6379/-1", "database after the last /"),
    ],
)
def test_numbers_in_the_redis_url_are_checked(tmp_path: Path, url: str, message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        _load(tmp_path, REDIS_URL=url)


@pytest.mark.parametrize("url", ["redis://[::1/0", "redis://[not-an-address]:6379/0"])
def test_a_redis_url_that_cannot_be_read_is_refused_with_a_message(tmp_path: Path, url: str) -> None:
    with pytest.raises(SettingsError, match="cannot be read"):
        _load(tmp_path, REDIS_URL=url)


def test_the_embedded_server_s_url_is_built_from_a_checked_port(tmp_path: Path) -> None:
    (tmp_path / "redis").mkdir()
    (tmp_path / "redis" / "port").write_text("6390\n", encoding="utf-8")
    assert _load(tmp_path).redis.url == "redis://127.0.0.1:6390/0"
    (tmp_path / "redis" / "port").write_text("70000\n", encoding="utf-8")
    assert _load(tmp_path, INTEGRADO_EMBEDDED_PORT="6400").redis.url == "redis://127.0.0.1:6400/0"
