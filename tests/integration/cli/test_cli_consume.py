"""`integrado consume` and `integrado doctor` as a person runs them: real processes, real server."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import redis

from helpers.pipeline import make_mini_app
from helpers.process import OutputLines

LEGACY = Path(__file__).parents[2] / "unit" / "core" / "legacy-events.jsonl"


def integrado(*args: str, env: dict | None = None, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "integrado_suite.cli", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env or os.environ.copy(),
        **kw,
    )


def test_consume_jsonl_prints_new_and_legacy_events_and_survives_malformed_ones(settings, redis_server, tmp_path):
    proc = subprocess.Popen(
        [sys.executable, "-m", "integrado_suite.cli", "consume", "--jsonl"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )
    out = OutputLines(proc.stdout)
    err = OutputLines(proc.stderr)
    try:
        deadline = time.monotonic() + 20
        while not any("live" in line for line in err.lines) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert any("live" in line for line in err.lines), err.lines
        r = redis.Redis.from_url(redis_server.url)
        # The older system's messages, exactly as it published them (redis-cli PUBLISH does the same).
        legacy = [json.loads(line) for line in LEGACY.read_text().splitlines() if line.strip()]
        for item in legacy:
            r.publish(item["channel"], json.dumps(item["message"], ensure_ascii=False))
        for i in range(100):
            r.publish("calls_channel" if i % 2 else "tasks", [b"\xff\xfe", b"{not json", b"[1,2]", b'{"x":NaN}'][i % 4])
        # New-shape events through the real outbox and relay.
        app = make_mini_app(settings, tmp_path)
        sent = [app.act(f"Cliente {i}") for i in range(3)]
        while app.pipeline.outbox.count(app.pipeline.engine):
            import asyncio

            asyncio.run(app.pipeline.relay.drain_once())
        subprocess.run(
            [
                "redis-cli",
                "-p",
                str(redis_server.port),
                "PUBLISH",
                "tasks",
                '{"system":"taskmanager","action":"created","id":9,"title":"via redis-cli","completed":false}',
            ],
            check=True,
            capture_output=True,
        )
        # An envelope from before envelopes carried their origin, only on the stream: the entry's
        # `origin` field names it.
        older = dict(sent[0])
        older.pop("origin", None)
        older.update(event_id="0b6f3c7e-1c1e-4f0e-b0f4-1a1f5f7d9c21", seq=1000)
        r.xadd(
            "calls_channel:stream",
            {
                "event": json.dumps(older),
                "event_id": older["event_id"],
                "source": "callsystem",
                "origin": "f" * 36,
                "seq": 1000,
            },
        )
        lines = out.wait_for(6 + 3 + 1 + 1)
        assert proc.poll() is None, "consume exited"
        objects = [json.loads(line) for line in lines]
        from_stream = [o for o in objects if o["event"].get("event_id") == older["event_id"]]
        assert [o["origin"] for o in from_stream] == ["f" * 36]
        objects = [o for o in objects if o not in from_stream]
        legacy_seen = [o["event"] for o in objects if o["legacy"]]
        # tasks_channel is the older system's defect: not subscribed, not printed.
        assert [m["action"] for m in legacy_seen[:6]] == ["created", "completed", "deleted"] * 2
        assert len(objects) == 10
        assert legacy_seen[-1]["title"] == "via redis-cli"
        assert [o["event"]["event_id"] for o in objects if not o["legacy"]] == [e["event_id"] for e in sent]
        # Entities are (system, origin, id): the publishing database's id, or the older system's own.
        with app.pipeline.session_factory() as session:
            origin = app.pipeline.outbox.origin(session, "callsystem")
        assert origin and {o["origin"] for o in objects if not o["legacy"]} == {origin}
        assert {o["event"]["origin"] for o in objects if not o["legacy"]} == {origin}
        assert {o["origin"] for o in objects if o["legacy"]} == {"legacy"}
        rejected = [line for line in err.lines if "rejected" in line]
        assert len(rejected) == 100
    finally:
        proc.send_signal(signal.SIGINT)
        code = proc.wait(timeout=15)
    assert code == 0


def test_consume_prints_readable_lines(settings, redis_server):
    proc = subprocess.Popen(
        [sys.executable, "-m", "integrado_suite.cli", "consume"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )
    out, err = OutputLines(proc.stdout), OutputLines(proc.stderr)
    try:
        deadline = time.monotonic() + 20
        while not any("live" in line for line in err.lines) and time.monotonic() < deadline:
            time.sleep(0.05)
        redis.Redis.from_url(redis_server.url).publish(
            "calls_channel",
            json.dumps(
                {
                    "system": "callsystem",
                    "action": "created",
                    "id": 1,
                    "cliente": "Maria <b>Souza</b>",
                    "descricao": "Internet caiu",
                    "status": "pendente",
                }
            ),
        )
        lines = out.wait_for(1)
        assert (
            "CALLSYSTEM" in lines[0]
            and "CREATED" in lines[0]
            and "Maria <b>Souza</b> — Internet caiu [pendente]" in lines[0]
        )
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=15) == 0


def test_bad_arguments_get_one_line_and_a_non_zero_status():
    result = integrado("consume", "--no-such-flag")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    result = integrado("frobnicate")
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_bad_settings_get_one_line(isolated_env):
    env = os.environ.copy()
    env["REDIS_URL"] = "http://nowhere"
    result = integrado("doctor", env=env)
    assert result.returncode == 1
    assert result.stderr.strip().startswith("integrado: settings:") and "Traceback" not in result.stderr


def test_doctor_on_a_healthy_server_and_on_none(settings, redis_server):
    ok = integrado("doctor")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "connected; server version" in ok.stdout and "All checks passed." in ok.stdout
    env = os.environ.copy()
    env["REDIS_URL"] = "redis://127.0.0.1:1/0"
    bad = integrado("doctor", env=env)
    assert (
        bad.returncode == 1 and "No Redis server answers" in bad.stdout and "Traceback" not in bad.stdout + bad.stderr
    )
