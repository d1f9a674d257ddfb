"""One operator PC of the office harness: CallSystem's and TaskManager's services on the shared
database, and one headless live view per app like the windows' own (a `BusConsumer` with a
`LiveOnlySink`, built by `create_live_consumer` as the apps build theirs), in one lean process: no Qt, no relay (an office PC does not publish).

    python -m helpers.office.pc --log FILE --seed N [--host pc-07]

Settings come from the environment as on a real PC (`INTEGRADO_OPERATOR`, `REDIS_URL`, the
shared database's URL). The host name is the machine's (the harness gives each PC its own UTS
namespace); `--host` is only used where that was not possible. The harness talks over
stdin/stdout: this program prints `ready` once both live views are live, acts on
`go <t0> <seconds> <rate>` and stops on `stop` (or when stdin closes).

The log has one line per fact, flushed as written (a SIGKILL loses at most the line in hand):

    c <t> <kind> <event_id,...>   an action committed; t = time.time() right after the commit
    e <t> <kind> <ErrorClass>     an action refused; ConflictError is a conflict surfaced
    r <t> <event_id>              another PC's event reached this PC's view (t = time.time())
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import os
import random
import sys
import threading
import time
from collections.abc import Callable
from typing import Any, TextIO

from callsystem_gui.domain import OPEN_STATUSES, CallDraft, Channel, Level, Status
from callsystem_gui.service import CallService
from callsystem_gui.service import create_pipeline as create_call_pipeline
from integrado.bus import LIVE, BusConsumer
from integrado.events import Actor
from integrado.events.codec import ReceivedEvent
from integrado.outbox import Outbox
from integrado.pipeline import create_live_consumer
from integrado.settings import Settings
from taskmanager_gui.service import TaskService
from taskmanager_gui.service import create_pipeline as create_task_pipeline

SUBJECTS = (
    ("Internet caiu no escritório", "Rede"),
    ("Impressora do financeiro não imprime", "Hardware"),
    ("Esqueci a senha do sistema", "Acesso / senha"),
    ("Boleto com valor errado", "Financeiro"),
    ("Erro ao emitir nota fiscal", "Software"),
    ("Ramal sem sinal", "Telefonia"),
    ("VPN não conecta de casa", "Rede"),
    ("Cancelamento de contrato", "Comercial"),
)
CALLERS = ("Maria da Silva", "José Santos", "Antônia Oliveira", "Paulo Souza", "Luciana Lima", "Marcos Alves")
NOTES = (
    "Cliente informou que o problema persiste após reiniciar.",
    "Liguei de volta, sem resposta; nova tentativa à tarde.",
    "Acesso remoto realizado, coletados os logs.",
    "Encaminhado ao suporte de segundo nível.",
)
RESOLUTIONS = ("Problema resolvido remotamente.", "Senha redefinida e acesso confirmado.", "Equipamento substituído.")
PROJECTS = (
    "Preparar relatório mensal de atendimento",
    "Treinamento de novos atendentes",
    "Auditoria de acessos",
    "Inventário de equipamentos",
)
STEPS = ("Levantar dados", "Conferir com a coordenação", "Registrar evidências", "Enviar e-mail de retorno")


class Tap:
    """Stands in for the app's Outbox and keeps the event ids of the action in hand."""

    def __init__(self, outbox: Outbox) -> None:
        self._outbox = outbox
        self.event_ids: list[str] = []

    def add(self, session: Any, envelope: dict[str, Any]) -> dict[str, Any]:
        return self.add_many(session, [envelope])[0]

    def add_many(self, session: Any, envelopes: list[dict[str, Any]]) -> list[dict[str, Any]]:
        result = self._outbox.add_many(session, envelopes)
        self.event_ids.extend(e["event_id"] for e in result)
        return result

    def __getattr__(self, name: str) -> Any:
        return getattr(self._outbox, name)


@dataclasses.dataclass
class MyTask:
    version: int
    parent_id: int | None
    completed: bool
    children: list[int] = dataclasses.field(default_factory=list)


Plan = tuple[str, Callable[[], Any], Callable[[Any], None]]


class Desk:
    """What this operator has in hand, and the next thing they do (one action per call).

    Calls: register (some left unassigned, in the office's queue), work their own through the
    lifecycle, hand one over to a colleague, and grab unassigned calls seen in the live view —
    several operators may grab the same one at once: the losers get a ConflictError, which is
    what "a conflict surfaced" counts. Tasks: projects with subtasks, completed step by step,
    now and then a colleague's open step re-prioritised from the live view (with the version the
    view showed, so a race with its owner is a conflict too).
    """

    def __init__(self, calls: CallService, tasks: TaskService, login: str, host: str, seed: int) -> None:
        self.call_service = calls
        self.task_service = tasks
        self.login = login
        self.host = host
        self.rng = random.Random(seed)
        self.calls: dict[int, list[Any]] = {}  # id -> [version, status]
        self.queue: dict[int, int] = {}  # unassigned new calls in the view: id -> version
        self.colleagues: set[str] = set()
        self.tasks: dict[int, MyTask] = {}
        self.others_tasks: dict[int, int] = {}  # colleagues' open steps in the view: id -> version

    # -- the live view --------------------------------------------------------------------

    def on_event(self, ev: ReceivedEvent) -> None:
        """Keep what the windows would show up to date (another PC's event only)."""
        data = ev.payload.get("data")
        if not isinstance(data, dict) or ev.host == self.host:
            return
        if ev.user:
            self.colleagues.add(ev.user)
        try:
            entity = int(data.get("id", 0))
            version = int(data.get("version", 0))
        except (TypeError, ValueError):
            return
        if ev.system == "callsystem":
            self._call_seen(entity, version, data)
        elif ev.system == "taskmanager":
            self._task_seen(entity, version, data, ev.type)

    def _call_seen(self, call_id: int, version: int, data: dict[str, Any]) -> None:
        status, assignee = data.get("status"), data.get("assignee")
        open_call = status in {s.value for s in OPEN_STATUSES} and not data.get("deleted")
        mine = self.calls.get(call_id)
        if mine is not None:
            if version > mine[0]:
                mine[0], mine[1] = version, status
            if assignee != self.login or not open_call:
                del self.calls[call_id]
        elif open_call and assignee == self.login:
            self.calls[call_id] = [version, status]  # handed over to me
        if open_call and status == Status.NEW.value and not assignee:
            self.queue[call_id] = max(version, self.queue.get(call_id, 0))
        else:
            self.queue.pop(call_id, None)

    def _task_seen(self, task_id: int, version: int, data: dict[str, Any], event_type: str) -> None:
        mine = self.tasks.get(task_id)
        if mine is not None:
            mine.version = max(mine.version, version)
            return
        progress = data.get("progress") or {}
        leaf = isinstance(progress, dict) and not progress.get("total")
        if event_type == "task.deleted" or data.get("completed") or not leaf or data.get("parent_id") is None:
            self.others_tasks.pop(task_id, None)
        else:
            self.others_tasks[task_id] = version
            if len(self.others_tasks) > 200:
                del self.others_tasks[next(iter(self.others_tasks))]

    # -- the next action ----------------------------------------------------------------------

    def plan(self) -> Plan:
        return self._plan_call() if self.rng.random() < 0.7 else self._plan_task()

    def _plan_call(self) -> Plan:
        rng, svc = self.rng, self.call_service
        if self.queue and rng.random() < 0.1:
            call_id = rng.choice(sorted(self.queue))
            version = self.queue.pop(call_id)
            return "call.grab", lambda: svc.assign(call_id, version, self.login), self._took
        if len(self.calls) < 2 or rng.random() < 0.25:
            subject, category = rng.choice(SUBJECTS)
            draft = CallDraft(
                caller_name=rng.choice(CALLERS),
                phone=f"(11) 9{rng.randint(1000, 9999)}-{rng.randint(0, 9999):04d}",
                subject=subject,
                description=f"{subject}. Cliente aguarda retorno.",
                category=category,
                channel=Channel.PHONE.value,
                urgency=rng.choice(list(Level)),
                impact=rng.choice(list(Level)),
            )
            queued = rng.random() < 0.1
            return "call.register", lambda: svc.register(draft, assign_to_me=not queued), self._took
        call_id = rng.choice(sorted(self.calls))
        version, status = self.calls[call_id]
        r = rng.random()
        if r < 0.3:
            return "call.note", lambda: svc.add_note(call_id, rng.choice(NOTES)), lambda _: None
        if r < 0.38 and self.colleagues:
            to = rng.choice(sorted(self.colleagues))
            return "call.handover", lambda: svc.assign(call_id, version, to), self._took
        if status == Status.NEW.value:
            return "call.start", lambda: svc.change_status(call_id, version, Status.IN_PROGRESS), self._took
        if status == Status.IN_PROGRESS.value and r < 0.5:
            return "call.wait", lambda: svc.change_status(call_id, version, Status.WAITING), self._took
        if status == Status.WAITING.value:
            return "call.resume", lambda: svc.change_status(call_id, version, Status.IN_PROGRESS), self._took
        resolution = rng.choice(RESOLUTIONS)
        return "call.close", lambda: svc.close(call_id, version, resolution), self._took

    def _took(self, view: Any) -> None:
        if view.assignee == self.login and view.status in OPEN_STATUSES and not view.deleted:
            self.calls[view.id] = [view.version, view.status.value]
        else:
            self.calls.pop(view.id, None)

    def _plan_task(self) -> Plan:
        rng, svc = self.rng, self.task_service
        roots = [i for i, t in self.tasks.items() if t.parent_id is None]
        open_roots = [i for i in roots if not self.tasks[i].completed]
        done_roots = [i for i in roots if self.tasks[i].completed]
        if done_roots:
            root = done_roots[0]
            version = self.tasks[root].version
            return "task.remove", lambda: svc.remove(root, version), self._changed
        if not open_roots or (len(open_roots) < 2 and rng.random() < 0.05):
            title = rng.choice(PROJECTS)
            return "task.create", lambda: svc.create(title, None, priority=rng.randint(1, 3)), self._changed
        if self.others_tasks and rng.random() < 0.05:
            task_id = rng.choice(sorted(self.others_tasks))
            version = self.others_tasks.pop(task_id)
            priority = rng.randint(0, 3)
            return "task.help", lambda: svc.update(task_id, version, priority=priority), self._changed
        root = rng.choice(open_roots)
        children = self.tasks[root].children
        open_steps = [i for i in children if not self.tasks[i].completed]
        if not children or (len(children) < 4 and rng.random() < 0.3):
            step = rng.choice(STEPS)
            return "task.subtask", lambda: svc.create(step, root, priority=rng.randint(0, 3)), self._changed
        if not open_steps:
            version = self.tasks[root].version
            return "task.complete", lambda: svc.set_completed(root, version, True), self._changed
        task_id = rng.choice(open_steps)
        version = self.tasks[task_id].version
        if rng.random() < 0.2:
            priority = rng.randint(0, 3)
            return "task.update", lambda: svc.update(task_id, version, priority=priority), self._changed
        return "task.complete", lambda: svc.set_completed(task_id, version, True), self._changed

    def _changed(self, changes: Any) -> None:
        for data in changes.created:
            self.tasks[data.id] = MyTask(data.version, data.parent_id, data.completed)
            parent = self.tasks.get(data.parent_id) if data.parent_id is not None else None
            if parent is not None:
                parent.children.append(data.id)
        for data in (*changes.updated, *changes.moved):
            task = self.tasks.get(data.id)
            if task is not None:
                task.version, task.completed = max(task.version, data.version), data.completed
        for data in changes.removed:
            self._forget_task(data.id)

    def _forget_task(self, task_id: int) -> None:
        task = self.tasks.pop(task_id, None)
        if task is not None and task.parent_id in self.tasks:
            self.tasks[task.parent_id].children.remove(task_id)

    def refused(self, kind: str) -> None:
        """An action failed: what it relied on is stale; forget it rather than retry for ever
        (the window would reload; the operator moves on to the next thing)."""
        if kind.startswith("task.") and kind != "task.help":
            # Our own tree is stale: take the versions the database holds now.
            current = {t.id: t for t in self.task_service.load_all()}
            for task_id in list(self.tasks):
                data = current.get(task_id)
                if data is None:
                    self._forget_task(task_id)
                elif task_id in self.tasks:
                    self.tasks[task_id].version, self.tasks[task_id].completed = data.version, data.completed
        elif kind.startswith("call.") and kind not in ("call.grab", "call.register"):
            for call_id in list(self.calls):
                try:
                    view = self.call_service.get(call_id)
                except Exception:  # gone (removed by someone else): forget it
                    self.calls.pop(call_id, None)
                    continue
                self._took(view)


class PC:
    """The PC's process: services, live views, the acting loop and the log."""

    def __init__(self, settings: Settings, host: str | None, log: TextIO, seed: int) -> None:
        actor = Actor.current(settings.operator)
        if host and actor.host != host:
            actor = Actor(actor.user, host)
        self.actor = actor
        self.settings = settings
        self.log = log
        # Operator PCs on a shared database do not relay (the relay service does): the pipelines'
        # relays are never run here.
        calls, tasks = create_call_pipeline(settings), create_task_pipeline(settings)
        self.pipelines = [calls, tasks]
        self.call_tap, self.task_tap = Tap(calls.outbox), Tap(tasks.outbox)
        call_service = CallService(dataclasses.replace(calls, outbox=self.call_tap), actor)  # type: ignore[arg-type]
        task_service = TaskService(dataclasses.replace(tasks, outbox=self.task_tap), actor)  # type: ignore[arg-type]
        self.desk = Desk(call_service, task_service, actor.user, actor.host, seed)
        self.views = [self._live_view(system) for system in ("callsystem", "taskmanager")]
        self.actions = 0
        self.refusals: dict[str, int] = {}
        self.missed_slots = 0
        self._ready = asyncio.Event()

    def _live_view(self, system: str) -> BusConsumer:
        """The app's own live consumer (its source only, from now on, nothing stored), signed in
        as that app's Redis user, as the app's program on this PC is configured."""
        view = create_live_consumer(app_settings(system), system, name=f"integrado-{system}-live")
        view.on_events, view.on_state = self._on_events, self._on_state
        return view

    def _on_state(self, _state: str, _detail: str) -> None:
        if all(v.state == LIVE for v in self.views):
            self._ready.set()

    def _on_events(self, events: list[ReceivedEvent]) -> None:
        now = time.time()
        lines = [f"r {now:.6f} {ev.event_id}\n" for ev in events if ev.host != self.actor.host]
        if lines:
            self.log.write("".join(lines))
            self.log.flush()
        for ev in events:
            self.desk.on_event(ev)

    async def act(self, t0: float, seconds: float, rate: float) -> None:
        """One action per 1/rate seconds from a random phase; an overrun skips its missed slots."""
        period = 1.0 / rate
        slot = t0 + self.desk.rng.random() * period
        end = t0 + seconds
        while slot < end:
            delay = slot - time.time()
            if delay > 0:
                await asyncio.sleep(delay)
            kind, run, after = self.desk.plan()
            self.call_tap.event_ids.clear()
            self.task_tap.event_ids.clear()
            try:
                result, committed = await asyncio.to_thread(_timed, run)
            except Exception as exc:  # counted and logged, as the operator would see it
                name = type(exc).__name__
                self.refusals[name] = self.refusals.get(name, 0) + 1
                self.log.write(f"e {time.time():.6f} {kind} {name}\n")
                self.log.flush()
                await asyncio.to_thread(self.desk.refused, kind)
            else:
                ids = self.call_tap.event_ids + self.task_tap.event_ids
                if ids:
                    self.actions += 1
                    self.log.write(f"c {committed:.6f} {kind} {','.join(ids)}\n")
                    self.log.flush()
                after(result)
            slot += period
            while slot < time.time() - period:
                slot += period
                self.missed_slots += 1

    async def run(self, commands: asyncio.Queue[str]) -> dict[str, Any]:
        runs = [asyncio.ensure_future(v.run()) for v in self.views]
        acting: asyncio.Task[None] | None = None
        try:
            await asyncio.wait_for(self._ready.wait(), timeout=120)
            print("ready", flush=True)
            while True:
                line = await commands.get()
                words = line.split()
                if not words or words[0] == "stop":
                    break
                if words[0] == "go":
                    t0, seconds, rate = (float(w) for w in words[1:4])
                    acting = asyncio.ensure_future(self.act(t0, seconds, rate))
        finally:
            if acting is not None:
                acting.cancel()
                await asyncio.gather(acting, return_exceptions=True)
            for view in self.views:
                view.stop()
            await asyncio.gather(*runs, return_exceptions=True)
            for pipeline in self.pipelines:
                pipeline.engine.dispose()
        return {
            "host": self.actor.host,
            "user": self.actor.user,
            "actions": self.actions,
            "refused": self.refusals,
            "missed_slots": self.missed_slots,
            "view_duplicates": sum(v.duplicates_total for v in self.views),
        }


def app_settings(system: str) -> Settings:
    """One app's settings on this PC: `OFFICE_<APP>_REDIS_URL` / `_PASSWORD`, where given, stand
    for the Redis credential that app's program is configured with (each app reads its own
    channel and stream with its own user); everything else is the PC's environment."""
    env = dict(os.environ)
    prefix = f"OFFICE_{system.upper()}_"
    if env.get(prefix + "REDIS_URL"):
        env["REDIS_URL"] = env[prefix + "REDIS_URL"]
        env["REDIS_PASSWORD"] = env.get(prefix + "REDIS_PASSWORD", "")
    return Settings.load(env, read_keyring=False)


def _timed(run: Callable[[], Any]) -> tuple[Any, float]:
    result = run()
    return result, time.time()


def _read_commands(loop: asyncio.AbstractEventLoop, queue: asyncio.Queue[str]) -> None:
    for line in sys.stdin:
        loop.call_soon_threadsafe(queue.put_nowait, line)
    loop.call_soon_threadsafe(queue.put_nowait, "")  # EOF: the harness is gone


async def _main(args: argparse.Namespace) -> int:
    with open(args.log, "a", encoding="utf-8") as log:
        pc = PC(Settings.load(read_keyring=False), args.host, log, args.seed)
        queue: asyncio.Queue[str] = asyncio.Queue()
        threading.Thread(target=_read_commands, args=(asyncio.get_running_loop(), queue), daemon=True).start()
        summary = await pc.run(queue)
    print("done " + json.dumps(summary), flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="office-pc", description=__doc__)
    parser.add_argument("--log", required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--host", help="host name to use where the machine's could not be set")
    return asyncio.run(_main(parser.parse_args(argv)))


if __name__ == "__main__":
    sys.exit(main())
