"""The relay service through outages of its servers, as a real process: PostgreSQL stopped and
started again (the relay waits, says so once, listens again and resumes), then Redis stopped
(rows wait in the outbox) and started again (they go out in order)."""

from __future__ import annotations

import pytest
import redis
from sqlalchemy import Column, Integer, MetaData, String, Table
from sqlalchemy.exc import OperationalError

from helpers.pipeline import MiniApp
from helpers.relay_service import RelayProcess, wait_until
from integrado.pipeline import ProducerPipeline
from integrado.settings import Settings

pytestmark = pytest.mark.integration


def _stream(server, stream: str) -> list[int]:
    return [int(f[b"seq"]) for _, f in redis.Redis.from_url(server.url).xrange(stream)]


def test_relay_waits_for_its_servers_and_resumes(stoppable_postgres, redis_server_factory, monkeypatch, tmp_path):
    server = redis_server_factory()
    monkeypatch.setenv("REDIS_URL", server.url)
    settings = Settings.load()
    url = stoppable_postgres.create_database("office")
    metadata = MetaData()
    things = Table("things", metadata, Column("id", Integer, primary_key=True), Column("name", String(200)))
    app = MiniApp(
        ProducerPipeline.create(settings, system="callsystem", metadata=metadata, db_url=url), things, "callsystem"
    )
    stream = settings.redis.calls_stream
    relay = RelayProcess(url, server.url, "relay-a", home=tmp_path)
    try:
        relay.wait_for("relay relay-a: active", timeout=30)
        for i in range(10):
            app.act(f"call {i}")
        wait_until(lambda: len(_stream(server, stream)) == 10, 10, "not published")

        # PostgreSQL stops: the PCs' actions fail (their message is the app's), the relay waits.
        mark = len(relay.output.lines)
        stoppable_postgres.stop()
        with pytest.raises(OperationalError):
            app.act("refused while the database is down")
        relay.wait_for("cannot LISTEN for commits", timeout=20, after=mark)
        relay.wait_for("relay relay-a: standby (the lease expired while the database was unreachable)", 30, mark)
        stoppable_postgres.start_again()
        app.pipeline.engine.dispose()  # the PC's pooled connections died with the server
        relay.wait_for("relay relay-a: active", timeout=30, after=mark)
        relay.wait_for("listening for commits again", timeout=30, after=mark)
        for i in range(10, 20):
            app.act(f"call {i}")
        wait_until(lambda: len(_stream(server, stream)) == 20, 10, "not published after the database came back")

        # Redis stops: rows wait in the outbox; they go out, in order, once it is back.
        mark = len(relay.output.lines)
        server.stop()
        for i in range(20, 30):
            app.act(f"call {i}")
        relay.wait_for(f"relay disconnected ({stream})", timeout=20, after=mark)
        assert app.pipeline.outbox.count(app.pipeline.engine) == 10
        server.start()
        wait_until(lambda: app.pipeline.outbox.count(app.pipeline.engine) == 0, 40, "not published after Redis")
        print("\n[relay outages]\n  " + "\n  ".join(line for line in relay.output.lines if "; queued " not in line))
    finally:
        code = relay.stop()
        app.pipeline.engine.dispose()
    assert code == 0
    # The server keeps an append-only file: nothing repeated, nothing missing, in order.
    assert _stream(server, stream) == list(range(1, 31))
