"""Realistic event traffic for screenshots, tests and the benchmark: envelopes built with the
core's `call_event` / `task_event`, numbered like the outbox does, and published on Redis the
way the relay does (XADD to the stream + PUBLISH, in one MULTI/EXEC)."""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from integrado.events import Actor, call_event, encode, task_event
from integrado.settings import RedisSettings

CALLERS = [
    "Maria Souza",
    "João Pereira",
    "Ana Lima",
    "Carlos Alberto Nunes",
    "Fernanda Rocha",
    "Paulo Mendes",
    "Luciana Costa",
    "<b>Ricardo</b> & Filhos",
    "Beatriz Gomes",
    "Rafael Teixeira",
]
SUBJECTS = ["Internet caiu", "Fatura em dobro", "Troca de plano", "Sem sinal de TV", "Portabilidade", "Senha do Wi-Fi"]
TASKS = ["Ligar para o fornecedor", "Revisar contrato", "Enviar segunda via", "Agendar visita técnica", "Fechar o mês"]
OPERATORS = [("ana", "pc-01"), ("bruno", "pc-02"), ("carla", "pc-03"), ("diego", "pc-04")]
# Next status -> the choices (weighted by repetition), as CallSystem allows them.
CALL_FLOW = {
    "new": ["in_progress", "in_progress", "waiting"],
    "in_progress": ["waiting", "resolved", "resolved", "closed"],
    "waiting": ["in_progress", "in_progress", "resolved"],
    "resolved": ["closed", "closed", "in_progress"],
    "closed": ["closed"],
}


class DemoTraffic:
    """A stream of plausible envelopes (calls progressing through statuses, tasks being done)."""

    def __init__(self, seed: int = 7, origin: str | None = None) -> None:
        self.rnd = random.Random(seed)
        self.origin = {"callsystem": origin or str(uuid.uuid4()), "taskmanager": origin or str(uuid.uuid4())}
        self.seq = {"callsystem": 0, "taskmanager": 0}
        self.calls: dict[int, dict[str, Any]] = {}
        self.tasks: dict[int, dict[str, Any]] = {}
        self.next_call = 40
        self.next_task = 1

    def envelope(self, at: float | None = None) -> dict[str, Any]:
        """The next event; `at` sets occurred_at (default: now)."""
        rnd = self.rnd
        user, host = rnd.choice(OPERATORS)
        actor = Actor(user, host)
        env = self._call(actor) if rnd.random() < 0.6 else self._task(actor)
        system = env["system"]
        self.seq[system] += 1
        env["seq"] = self.seq[system]
        env["origin"] = self.origin[system]  # as the outbox stamps it
        when = datetime.fromtimestamp(at, UTC) if at is not None else datetime.now(UTC)
        env["occurred_at"] = when.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        return env

    def _call(self, actor: Actor) -> dict[str, Any]:
        rnd = self.rnd
        # Work on the most recent open calls (a constant-time pick, even after 100,000 events).
        open_calls = [c for c in self._recent(self.calls) if c["status"] != "closed"]
        if not open_calls or rnd.random() < 0.18:
            self.next_call += 1
            call: dict[str, Any] = {
                "id": self.next_call,
                "caller_name": rnd.choice(CALLERS),
                "subject": rnd.choice(SUBJECTS),
                "status": "new",
                "priority": rnd.choice(["low", "medium", "high", "critical"]),
                "assignee": actor.user,
            }
            self.calls[call["id"]] = call
            return self._call_env("call.created", call, actor, None)
        call = rnd.choice(open_calls)
        if rnd.random() < 0.25:
            return self._call_env(
                "call.note_added", call, actor, None, note=rnd.choice(SUBJECTS) + ": cliente retornou"
            )
        old = call["status"]
        new = rnd.choice(CALL_FLOW[old])
        call["status"] = new
        event_type = "call.closed" if new == "closed" else "call.status_changed"
        return self._call_env(event_type, call, actor, {"status": [old, new]})

    @staticmethod
    def _recent(items: dict[int, dict[str, Any]], count: int = 40) -> list[dict[str, Any]]:
        keys = list(items)[-count:] if len(items) > count else list(items)
        return [items[k] for k in keys]

    def _call_env(
        self, event_type: str, call: dict[str, Any], actor: Actor, changes: Any, note: str | None = None
    ) -> dict[str, Any]:
        data = dict(call)
        if note:
            data["note"] = note
        return call_event(
            event_type,
            call["id"],
            cliente=call["caller_name"],
            descricao=call["subject"],
            closed=call["status"] == "closed",
            data=data,
            actor=actor,
            changes=changes,
        )

    def _task(self, actor: Actor) -> dict[str, Any]:
        rnd = self.rnd
        open_tasks = [t for t in self._recent(self.tasks) if not t["completed"]]
        if not open_tasks or rnd.random() < 0.4:
            task: dict[str, Any] = {
                "id": self.next_task,
                "title": rnd.choice(TASKS),
                "completed": False,
                "parent_id": None,
            }
            if self.tasks and rnd.random() < 0.4:
                task["parent_id"] = rnd.randint(max(1, self.next_task - 40), self.next_task - 1)
            self.next_task += 1
            self.tasks[task["id"]] = task
            event_type, changes = "task.created", None
        else:
            task = rnd.choice(open_tasks)
            if rnd.random() < 0.6:
                task["completed"] = True
                event_type, changes = "task.completed", {"completed": [False, True]}
            else:
                old = task["title"]
                task["title"] = old + " (revisado)" if not old.endswith(")") else old
                event_type, changes = "task.updated", {"title": [old, task["title"]]}
        return task_event(
            event_type,
            task["id"],
            title=task["title"],
            completed=task["completed"],
            data=dict(task),
            actor=actor,
            changes=changes,
        )

    def many(self, count: int, start: float | None = None, spacing: float = 0.0) -> Iterator[dict[str, Any]]:
        for i in range(count):
            yield self.envelope(None if start is None else start + i * spacing)


def publish_sync(client: Any, redis: RedisSettings, envelopes: list[dict[str, Any]], origin: str = "demo") -> None:
    """Publish like the relay, with a blocking redis-py client (tests, screenshot, benchmark)."""
    pipe = client.pipeline(transaction=True)
    for env in envelopes:
        channel, stream = (
            (redis.calls_channel, redis.calls_stream)
            if env["system"] == "callsystem"
            else (redis.tasks_channel, redis.tasks_stream)
        )
        body = encode(env)
        fields = {
            "event": body,
            "event_id": env["event_id"],
            "source": env["system"],
            "origin": env.get("origin") or origin,
            "seq": env["seq"],
        }
        pipe.xadd(stream, fields, maxlen=redis.stream_maxlen, approximate=True)
        pipe.publish(channel, body)
    pipe.execute()


def seed_history(store: Any, traffic: DemoTraffic, count: int, start: float, end: float) -> None:
    """Store `count` events received between `start` and `end` (for a console with a past),
    through the same codec the bus uses; latencies of a few to a few hundred milliseconds."""
    from dataclasses import replace

    from integrado.events import Codec, ReceivedEvent

    codec = Codec()
    rnd = traffic.rnd
    batch: list[ReceivedEvent] = []
    for i in range(count):
        # Busier in the last hours, like a morning shift.
        received = start + (end - start) * (i / max(1, count - 1)) ** 0.7
        occurred = received - rnd.lognormvariate(-4.2, 0.8)
        env = traffic.envelope(occurred)
        channel = "calls_channel" if env["system"] == "callsystem" else "tasks"
        result = codec.decode(encode(env), channel)
        assert isinstance(result, ReceivedEvent)
        batch.append(replace(result, received_at=received))
        if len(batch) >= 1000:
            store.store(batch, None)
            batch = []
    if batch:
        store.store(batch, None)
