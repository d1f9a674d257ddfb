"""Fixtures every tier uses. The integration tier runs against a real redis-server that these
fixtures start on a free port; nothing here skips."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest

from integrado.embedded import RedisServerProcess, find_server_binary
from integrado.settings import Settings

T = TypeVar("T")

_ENV_KEYS = [k for k in os.environ if k.startswith("INTEGRADO_")] + ["REDIS_URL", "REDIS_PASSWORD"]


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never touch the user's real settings or data: temporary config and data folders."""
    for key in _ENV_KEYS:
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("INTEGRADO_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("INTEGRADO_DATA_DIR", str(tmp_path / "data"))
    # No keyring look-ups from tests (a desktop keyring could prompt).
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    return tmp_path


def _require_binary() -> str:
    binary = find_server_binary()
    if binary is None:
        raise RuntimeError("no redis-server/valkey-server found: install redis-server (see .ci/run)")
    return binary


@pytest.fixture
def redis_server_factory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., RedisServerProcess]]:
    """Start dedicated servers (for tests that kill, pause or reconfigure them)."""
    started: list[RedisServerProcess] = []

    def start(**kwargs: Any) -> RedisServerProcess:
        server = RedisServerProcess(tmp_path_factory.mktemp("redis"), binary=_require_binary(), **kwargs)
        server.start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture(scope="session")
def _shared_redis(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServerProcess]:
    server = RedisServerProcess(tmp_path_factory.mktemp("redis-shared"), binary=_require_binary(), appendonly=False)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def redis_server(_shared_redis: RedisServerProcess) -> RedisServerProcess:
    """A real server shared by the session, emptied before each test."""
    import redis

    if not _shared_redis.running:
        _shared_redis.start()
    client = redis.Redis.from_url(_shared_redis.url)
    client.flushall()
    client.close()
    return _shared_redis


@pytest.fixture
def settings(isolated_env: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> Settings:
    """Settings in the temporary folders; pointed at the test server when the test has one."""
    if "redis_server" in request.fixturenames:
        server = request.getfixturevalue("redis_server")
        monkeypatch.setenv("REDIS_URL", server.url)
    return Settings.load()


class QLoop:
    """A qasync loop that the test drives by spinning Qt's event loop.

    qasync runs asyncio callbacks from Qt timers and socket notifiers, so they fire whenever Qt
    processes events (pytest-qt's waits included). The fixture therefore marks the loop as the
    running one for the whole test; `run()` and `wait_until()` spin Qt until done.
    (qasync's own run_until_complete processes events once more after clearing the running
    loop, which breaks redis.asyncio callbacks left pending.)
    """

    def __init__(self, loop: asyncio.AbstractEventLoop, app: Any) -> None:
        self.loop = loop
        self.app = app

    def _spin(self, done: Callable[[], bool], timeout: float, message: str) -> None:
        from PySide6.QtCore import QEventLoop

        deadline = time.monotonic() + timeout
        while not done():
            if time.monotonic() > deadline:
                raise AssertionError(message or f"condition not met within {timeout} s")
            self.app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 20)

    def run(self, awaitable: Awaitable[T], timeout: float = 20.0) -> T:
        future = asyncio.ensure_future(_as_coro(awaitable), loop=self.loop)
        try:
            self._spin(future.done, timeout, f"did not finish within {timeout} s")
        except AssertionError:
            future.cancel()
            raise
        return future.result()

    def wait_until(self, predicate: Callable[[], bool], timeout: float = 10.0, message: str = "") -> None:
        self._spin(predicate, timeout, message)

    def sleep(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        self._spin(lambda: time.monotonic() >= deadline, seconds + 5, "")

    def create_task(self, coro: Any) -> asyncio.Task[Any]:
        return self.loop.create_task(coro)


async def _as_coro(awaitable: Awaitable[T]) -> T:
    return await awaitable


@pytest.fixture
def qloop(qapp: Any) -> Iterator[QLoop]:
    import qasync
    import shiboken6

    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)
    asyncio.events._set_running_loop(loop)
    helper = QLoop(loop, qapp)
    try:
        yield helper
        pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
        for task in pending:
            task.cancel()
        if pending:
            helper._spin(lambda: all(t.done() for t in pending), 10, "tasks did not finish on cancel")
    finally:
        asyncio.events._set_running_loop(None)
        loop.close()
        asyncio.set_event_loop(None)
        # qasync's close() only flags its timer object as stopped: the Qt timers it started stay
        # registered until the loop's reference cycle is collected, and the collector runs in
        # whichever thread allocates (a later test's worker thread), where destroying a QObject
        # with live timers leaves Qt's timer list pointing at freed memory (a crash at the next
        # processEvents). Destroyed here, in the GUI thread, it unregisters them.
        shiboken6.delete(loop._timer)
