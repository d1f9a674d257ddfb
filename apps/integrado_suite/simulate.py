"""`integrado simulate`: a room of operators working calls and task trees through the apps' own
services (the same code paths as the windows, outbox included), and `start_demo()` which feeds a
running suite the same way (`integrado run --demo`).

The simulated office is deterministic for a given `--seed`: the same seed on empty databases
gives the same actions on the same entities in the same order, so a training session or a
benchmark can be replayed. Every action is one service call (one transaction); the events it
queued are recorded so tests can compare what was done with what reached Redis.

App packages are imported lazily: the `integrado` CLI imports this module for every command
and must keep working where an app is not installed.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import random
import re
import signal
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, TextIO

from integrado.events import Actor
from integrado.settings import Settings

if TYPE_CHECKING:
    from callsystem_gui.service import CallService
    from integrado.outbox import Outbox
    from integrado.pipeline import ProducerPipeline
    from taskmanager_gui.service import ChangeSet, TaskService

log = logging.getLogger(__name__)

# -- the people and their work (fixed lists: realistic, and stable across seeds) --------------

OPERATORS: tuple[str, ...] = (
    "Ana Paula Ribeiro",
    "João Pereira",
    "Mariana Costa",
    "Carlos Eduardo Souza",
    "Fernanda Lima",
    "Rafael Oliveira",
    "Juliana Martins",
    "Thiago Almeida",
    "Camila Rocha",
    "Lucas Ferreira",
    "Beatriz Carvalho",
    "Gustavo Nascimento",
    "Larissa Gomes",
    "Pedro Henrique Alves",
    "Aline Barbosa",
    "Rodrigo Teixeira",
    "Patrícia Mendes",
    "Felipe Araújo",
    "Renata Cardoso",
    "Marcelo Dias",
)

_CALLER_FIRST = (
    "Maria", "José", "Antônia", "Francisco", "Adriana", "Paulo", "Luciana", "Marcos", "Sandra", "Roberto",
    "Cláudia", "Sérgio", "Vanessa", "André", "Simone", "Fábio", "Daniela", "Leandro", "Priscila", "Ricardo",
    "Tatiane", "Alexandre", "Débora", "Vinícius", "Raimunda", "Sebastião", "Elaine", "Márcio", "Jéssica", "Otávio",
)  # fmt: skip
_CALLER_LAST = (
    "da Silva", "dos Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira", "Lima", "Gomes",
    "Ribeiro", "Carvalho", "Monteiro", "Moura", "Cavalcanti", "Nogueira", "Freitas", "Barros", "Pinto", "Azevedo",
)  # fmt: skip
_COMPANIES = (
    "Padaria Pão Dourado", "Farmácia São Bento", "Auto Peças Rio Grande", "Escritório Contábil Horizonte",
    "Clínica Vida Plena", "Supermercado Bom Preço", "Colégio Monte Azul", "Transportadora Via Sul",
)  # fmt: skip
_AREAS = ("11", "21", "31", "41", "47", "48", "51", "54", "61", "71", "81", "85")

# (subject, category, description)
_SUBJECTS: tuple[tuple[str, str, str], ...] = (
    ("Internet caiu no escritório", "Rede", "Sem conexão em todas as máquinas desde as 8h."),
    ("Impressora do financeiro não imprime", "Hardware", "Fila de impressão travada, papel não sai."),
    ("Esqueci a senha do sistema", "Acesso / senha", "Bloqueado após três tentativas."),
    ("Boleto com valor errado", "Financeiro", "Valor do boleto de novembro veio em dobro."),
    ("Computador muito lento", "Hardware", "Demora vários minutos para abrir o e-mail."),
    ("Erro ao emitir nota fiscal", "Software", "Mensagem de rejeição 539 ao transmitir a NF-e."),
    ("Ramal sem sinal", "Telefonia", "Ramal 214 mudo desde ontem à tarde."),
    ("Não consigo acessar o e-mail", "Acesso / senha", "Webmail pede senha e não aceita."),
    ("Wi-Fi da sala de reuniões instável", "Rede", "Cai a cada poucos minutos durante as reuniões."),
    ("Segunda via de fatura", "Financeiro", "Cliente precisa da fatura de outubro para reembolso."),
    ("Sistema de ponto fora do ar", "Software", "Funcionários não conseguem registrar a entrada."),
    ("Monitor piscando", "Hardware", "Tela pisca e fica preta por alguns segundos."),
    ("VPN não conecta de casa", "Rede", "Erro de autenticação na VPN desde a troca de senha."),
    ("Cobrança em duplicidade no cartão", "Financeiro", "Duas cobranças iguais na fatura do cartão."),
    ("Atualização do Windows travada", "Software", "Atualização parada em 35% há duas horas."),
    ("Troca de toner", "Hardware", "Toner da impressora da recepção acabou."),
    ("Cancelamento de contrato", "Comercial", "Cliente deseja cancelar o plano no fim do mês."),
    ("Alteração de endereço de entrega", "Comercial", "Mudança de endereço a partir da próxima entrega."),
)
_NOTES = (
    "Cliente informou que o problema persiste após reiniciar.",
    "Liguei de volta, sem resposta; nova tentativa à tarde.",
    "Acesso remoto realizado, coletados os logs.",
    "Encaminhado ao suporte de segundo nível.",
    "Cliente enviou foto da mensagem de erro por e-mail.",
    "Aguardando o técnico de campo confirmar o horário.",
    "Orientei o cliente a testar em outro computador.",
    "Fornecedor abriu chamado interno, protocolo anotado.",
)
_WAITING_NOTES = (
    "Aguardando retorno do cliente com o número do contrato.",
    "Aguardando peça do fornecedor.",
    "Aguardando autorização do gestor do cliente.",
)
_RESOLUTIONS = (
    "Problema resolvido remotamente.",
    "Senha redefinida e acesso confirmado com o cliente.",
    "Equipamento substituído.",
    "Orientado por telefone; cliente confirmou que funcionou.",
    "Estorno solicitado ao financeiro.",
    "Configuração corrigida e testada.",
)
# A project (root task) and the subtasks operators break it into.
_PROJECTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Preparar relatório mensal de atendimento", ("Exportar chamados do mês", "Calcular SLA por fila",
     "Montar gráficos", "Revisar com a coordenação")),
    ("Treinamento de novos atendentes", ("Reservar sala", "Preparar material", "Agendar turma",
     "Aplicar avaliação")),
    ("Migração do ramal para VoIP", ("Levantar ramais ativos", "Configurar aparelhos", "Testar chamadas",
     "Desligar central antiga")),
    ("Auditoria de acessos", ("Listar usuários ativos", "Revogar acessos de desligados",
     "Conferir permissões do financeiro")),
    ("Campanha de pesquisa de satisfação", ("Definir perguntas", "Selecionar clientes", "Enviar pesquisa",
     "Consolidar respostas")),
    ("Revisão da base de conhecimento", ("Atualizar artigo de VPN", "Atualizar artigo de senha",
     "Publicar novos artigos")),
    ("Inventário de equipamentos", ("Conferir notebooks", "Conferir impressoras", "Etiquetar monitores")),
    ("Plano de contingência do atendimento", ("Mapear riscos", "Definir escala de plantão",
     "Testar linha reserva")),
)  # fmt: skip
_DETAIL_STEPS = ("Verificar pendências", "Confirmar com o cliente", "Registrar evidências", "Enviar e-mail de retorno")


def operator_login(name: str) -> str:
    """ "Ana Paula Ribeiro" -> "ana.ribeiro" (first and last name, no accents), like office logins."""
    from unicodedata import combining, normalize

    plain = "".join(c for c in normalize("NFKD", name) if not combining(c)).lower().split()
    return f"{plain[0]}.{plain[-1]}"


# -- argument parsing ------------------------------------------------------------------------

_RATE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:/\s*(s|sec|m|min|h))?\s*$", re.IGNORECASE)
_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)(h|m|s)", re.IGNORECASE)
_UNIT_SECONDS = {"s": 1.0, "sec": 1.0, "m": 60.0, "min": 60.0, "h": 3600.0}


def parse_rate(text: str) -> float:
    """Actions per second for the whole office: "5/s", "300/min", "2/h", or a bare "5" (per second)."""
    match = _RATE.match(text)
    if not match:
        raise argparse.ArgumentTypeError(f"invalid rate {text!r}: use e.g. 5/s, 300/min or 0.5/s")
    value = float(match.group(1)) / _UNIT_SECONDS[(match.group(2) or "s").lower()]
    if value <= 0:
        raise argparse.ArgumentTypeError(f"invalid rate {text!r}: must be more than zero")
    if value > 10_000:
        raise argparse.ArgumentTypeError(f"invalid rate {text!r}: at most 10000/s")
    return value


def parse_duration(text: str) -> float | None:
    """Seconds: "10m", "90s", "1h30m", a bare "45" (seconds); "0" or "forever" runs until stopped."""
    raw = text.strip().lower()
    if raw in ("forever", "inf", "0"):
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", raw):
        return float(raw)
    if not raw or _DURATION_PART.sub("", raw) != "":
        raise argparse.ArgumentTypeError(f"invalid duration {text!r}: use e.g. 10m, 90s, 1h30m or forever")
    return sum(float(n) * _UNIT_SECONDS[u] for n, u in _DURATION_PART.findall(raw))


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid number {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def _operators_count(text: str) -> int:
    value = _positive_int(text)
    if value > len(OPERATORS):
        raise argparse.ArgumentTypeError(f"at most {len(OPERATORS)} operators (the office has that many names)")
    return value


def _seed(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid seed {text!r}: a whole number") from None


# -- the office --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SimConfig:
    """What to simulate: how many operators, how fast, for how long, which apps."""

    operators: int = 10
    rate: float = 5.0  # actions per second, the whole office together
    duration: float | None = 600.0  # seconds; None: until stopped
    seed: int | None = None
    calls: bool = True
    tasks: bool = True
    max_actions: int | None = None


@dataclass
class ActionRecord:
    """One simulated action: what was done, to which entity, and the events it queued."""

    kind: str
    system: str
    entity_id: int
    operator: str
    events: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class _Call:
    id: int
    version: int
    status: str
    owner: int


@dataclass
class _Task:
    id: int
    parent_id: int | None
    completed: bool
    owner: int
    priority: int = 0
    notes: str = ""
    children: list[int] = field(default_factory=list)


class _Tap:
    """Stands in for an app's Outbox and records every envelope a service queues through it."""

    def __init__(self, outbox: Outbox) -> None:
        self._outbox = outbox
        self.added: list[dict[str, Any]] = []

    def add(self, session: Any, envelope: dict[str, Any]) -> dict[str, Any]:
        return self.add_many(session, [envelope])[0]

    def add_many(self, session: Any, envelopes: list[dict[str, Any]]) -> list[dict[str, Any]]:
        result = self._outbox.add_many(session, envelopes)
        self.added.extend(result)
        return result

    def __getattr__(self, name: str) -> Any:
        return getattr(self._outbox, name)


class Office:
    """The simulated operators and what they have on their desks; `step()` does one action.

    Only entities this office created are touched (an office database may hold real work).
    """

    def __init__(
        self,
        config: SimConfig,
        calls: ProducerPipeline | None,
        tasks: ProducerPipeline | None,
    ) -> None:
        if calls is None and tasks is None:
            raise ValueError("nothing to simulate: neither calls nor tasks")
        self.config = config
        self.rng = random.Random(config.seed)
        self.names = list(OPERATORS[: config.operators])
        self.counts: Counter[str] = Counter()
        self.errors: Counter[str] = Counter()
        self.events_queued = 0
        self._calls: dict[int, _Call] = {}
        # Closed calls leave `_calls` (nobody works them); the most recent stay reopenable.
        self._closed: dict[int, _Call] = {}
        self._titles: dict[int, str] = {}  # project (root task) titles, to pick fitting subtasks
        self._tasks: dict[int, _Task] = {}
        self._call_services: list[CallService] = []
        self._task_services: list[TaskService] = []
        self._call_tap: _Tap | None = None
        self._task_tap: _Tap | None = None
        if calls is not None:
            from callsystem_gui.service import CallService

            self._call_tap = _Tap(calls.outbox)
            for i, name in enumerate(self.names):
                actor = Actor(user=operator_login(name), host=f"simulador-{i + 1:02d}")
                self._call_services.append(
                    CallService(calls.session_factory, self._call_tap, operator=name, actor=actor)  # type: ignore[arg-type]
                )
        if tasks is not None:
            from taskmanager_gui.service import TaskService

            self._task_tap = _Tap(tasks.outbox)
            tapped = replace(tasks, outbox=self._task_tap)  # type: ignore[arg-type]
            for i, name in enumerate(self.names):
                actor = Actor(user=operator_login(name), host=f"simulador-{i + 1:02d}")
                self._task_services.append(TaskService(tapped, actor))

    # -- one action ------------------------------------------------------------------------

    def step(self) -> ActionRecord | None:
        """Pick an operator and do one thing, as they would; None if the action failed."""
        who = self.rng.randrange(len(self.names))
        if not self._task_services:
            plan = self._plan_call(who)
        elif not self._call_services:
            plan = self._plan_task(who)
        else:
            # Calls are the job; task trees fill the gaps between calls.
            plan = self._plan_call(who) if self.rng.random() < 0.7 else self._plan_task(who)
        kind, system, run = plan
        taps = [t for t in (self._call_tap, self._task_tap) if t is not None]
        marks = [len(t.added) for t in taps]
        try:
            entity_id = run()
        except Exception as exc:  # noqa: BLE001 - a refused action is counted, as an operator would see it
            self.errors[f"{kind}: {type(exc).__name__}"] += 1
            log.info("simulated %s failed: %s", kind, exc)
            for tap, mark in zip(taps, marks, strict=True):
                del tap.added[mark:]
            call_id = getattr(exc, "call_id", None)
            if call_id is not None:
                # Someone else changed or deleted it (a real operator, in the demo): let it go
                # rather than retry a stale version for ever.
                self._calls.pop(call_id, None)
                self._closed.pop(call_id, None)
            return None
        events: list[dict[str, Any]] = []
        for tap, mark in zip(taps, marks, strict=True):
            events.extend(tap.added[mark:])
            # The office keeps only what the caller asked for (a 10-minute run is 3,000 actions).
            tap.added.clear()
        self.counts[kind] += 1
        self.events_queued += len(events)
        return ActionRecord(kind, system, entity_id, self.names[who], events)

    # -- calls -----------------------------------------------------------------------------

    def _plan_call(self, who: int) -> tuple[str, str, Callable[[], int]]:
        rng = self.rng
        svc = self._call_services[who]
        mine = [c for c in self._calls.values() if c.owner == who]
        if self._closed and rng.random() < 0.01:
            # The customer calls back: the fix did not hold.
            call = self._closed[rng.choice(sorted(self._closed))]
            return "call.reopen", "callsystem", lambda: self._call_reopen(svc, call, who)
        # A new call comes in now and then; an operator with a full desk works it down first.
        if len(mine) < 2 or rng.random() < (0.3 if len(mine) < 4 else 0.12 if len(mine) < 8 else 0.04):
            return "call.register", "callsystem", lambda: self._call_register(svc, who)
        call = rng.choice(mine)
        r = rng.random()
        if call.status == "new":
            if r < 0.02:
                return "call.delete", "callsystem", lambda: self._call_delete(svc, call)
            if r < 0.65:
                return "call.start", "callsystem", lambda: self._call_status(svc, call, "in_progress")
            if r < 0.80:
                return "call.note", "callsystem", lambda: self._call_note(svc, call, _NOTES)
            if r < 0.90:
                return "call.assign", "callsystem", lambda: self._call_assign(svc, call)
            return "call.wait", "callsystem", lambda: self._call_status(svc, call, "waiting")
        if call.status == "in_progress":
            if r < 0.35:
                return "call.note", "callsystem", lambda: self._call_note(svc, call, _NOTES)
            if r < 0.50:
                return "call.wait", "callsystem", lambda: self._call_status(svc, call, "waiting")
            if r < 0.85:
                return "call.resolve", "callsystem", lambda: self._call_status(svc, call, "resolved")
            if r < 0.93:
                return "call.close", "callsystem", lambda: self._call_close(svc, call)
            return "call.assign", "callsystem", lambda: self._call_assign(svc, call)
        if call.status == "waiting":
            if r < 0.30:
                return "call.note", "callsystem", lambda: self._call_note(svc, call, _WAITING_NOTES)
            if r < 0.80:
                return "call.resume", "callsystem", lambda: self._call_status(svc, call, "in_progress")
            return "call.resolve", "callsystem", lambda: self._call_status(svc, call, "resolved")
        # resolved: the customer confirms (close) or says it is not fixed (reopen)
        if r < 0.92:
            return "call.close", "callsystem", lambda: self._call_close(svc, call)
        return "call.reopen", "callsystem", lambda: self._call_reopen(svc, call, who)

    def _call_register(self, svc: CallService, who: int) -> int:
        from callsystem_gui.domain import CallDraft, Channel, Level

        rng = self.rng
        subject, category, description = rng.choice(_SUBJECTS)
        name = f"{rng.choice(_CALLER_FIRST)} {rng.choice(_CALLER_LAST)}"
        if rng.random() < 0.25:
            name = f"{name} ({rng.choice(_COMPANIES)})"
        phone = f"({rng.choice(_AREAS)}) 9{rng.randint(1000, 9999)}-{rng.randint(0, 9999):04d}"
        channel = rng.choices([Channel.PHONE, Channel.EMAIL, Channel.WALK_IN], [0.7, 0.25, 0.05])[0]
        urgency = rng.choices(list(Level), [0.3, 0.5, 0.2])[0]
        impact = rng.choices(list(Level), [0.4, 0.45, 0.15])[0]
        view = svc.register(
            CallDraft(
                caller_name=name,
                phone=phone,
                subject=subject,
                description=description,
                category=category,
                channel=channel.value,
                urgency=urgency,
                impact=impact,
            )
        )
        self._calls[view.id] = _Call(view.id, view.version, view.status.value, who)
        return view.id

    def _call_status(self, svc: CallService, call: _Call, status: str) -> int:
        from callsystem_gui.domain import Status

        resolution = self.rng.choice(_RESOLUTIONS) if status == "resolved" else ""
        view = svc.change_status(call.id, call.version, Status(status), resolution=resolution)
        call.version, call.status = view.version, view.status.value
        return call.id

    def _call_note(self, svc: CallService, call: _Call, texts: tuple[str, ...]) -> int:
        svc.add_note(call.id, self.rng.choice(texts))
        return call.id

    def _call_assign(self, svc: CallService, call: _Call) -> int:
        others = [i for i in range(len(self.names)) if i != call.owner] or [call.owner]
        to = self.rng.choice(others)
        view = svc.assign(call.id, call.version, self.names[to])
        # The colleague now works it (and the next actions on it are theirs).
        call.version, call.owner = view.version, to
        return call.id

    def _call_close(self, svc: CallService, call: _Call) -> int:
        view = svc.close(call.id, call.version, self.rng.choice(_RESOLUTIONS))
        call.version, call.status = view.version, view.status.value
        del self._calls[call.id]
        self._closed[call.id] = call
        if len(self._closed) > 50:
            del self._closed[min(self._closed)]
        return call.id

    def _call_reopen(self, svc: CallService, call: _Call, who: int) -> int:
        view = svc.reopen(call.id, call.version)
        call.version, call.status, call.owner = view.version, view.status.value, who
        self._calls[call.id] = call
        self._closed.pop(call.id, None)
        return call.id

    def _call_delete(self, svc: CallService, call: _Call) -> int:
        # A duplicate registration, removed by the operator who made it.
        svc.delete(call.id, call.version)
        del self._calls[call.id]
        return call.id

    # -- tasks -----------------------------------------------------------------------------

    def _plan_task(self, who: int) -> tuple[str, str, Callable[[], int]]:
        rng = self.rng
        svc = self._task_services[who]
        mine = [t for t in self._tasks.values() if t.owner == who]
        roots = [t for t in mine if t.parent_id is None]
        open_roots = [t for t in roots if not t.completed]
        if not open_roots or (len(open_roots) < 3 and rng.random() < 0.08):
            return "task.create", "taskmanager", lambda: self._task_create_project(svc, who)
        done_roots = [t for t in roots if t.completed]
        if done_roots and rng.random() < 0.15:
            # A finished project is tidied away (its whole subtree: one event per task).
            oldest = min(done_roots, key=lambda t: t.id)
            return "task.delete", "taskmanager", lambda: self._task_remove(svc, oldest)
        root = rng.choice(open_roots)
        subtree = self._subtree(root.id)
        if not root.children:
            return "task.create", "taskmanager", lambda: self._task_create(svc, who, root.id)
        open_leaves = [t for t in subtree if not t.children and not t.completed and t.id != root.id]
        done_leaves = [t for t in subtree if not t.children and t.completed and t.id != root.id]
        r = rng.random()
        if not open_leaves:
            # Everything under it is done: complete the project, or tidy it away once done.
            if r < 0.7:
                return "task.complete", "taskmanager", lambda: self._task_complete(svc, root, True)
            return "task.delete", "taskmanager", lambda: self._task_remove(svc, root)
        if r < 0.20 and len(subtree) < 12:
            parent = rng.choice([t for t in subtree if not t.completed and t.parent_id in (None, root.id)])
            return "task.create", "taskmanager", lambda: self._task_create(svc, who, parent.id)
        if r < 0.60:
            leaf = rng.choice(open_leaves)
            return "task.complete", "taskmanager", lambda: self._task_complete(svc, leaf, True)
        if r < 0.68 and done_leaves:
            leaf = rng.choice(done_leaves)
            return "task.reopen", "taskmanager", lambda: self._task_complete(svc, leaf, False)
        if r < 0.80:
            task = rng.choice([t for t in subtree if t.id != root.id] or [root])
            return "task.update", "taskmanager", lambda: self._task_update(svc, task)
        if r < 0.92:
            return "task.move", "taskmanager", lambda: self._task_move(svc, who, root)
        victim = rng.choice(open_leaves)
        return "task.delete", "taskmanager", lambda: self._task_remove(svc, victim)

    def _subtree(self, task_id: int) -> list[_Task]:
        out, todo = [], [task_id]
        while todo:
            task = self._tasks[todo.pop()]
            out.append(task)
            todo.extend(task.children)
        return out

    def _apply(self, changes: ChangeSet, who: int) -> None:
        """Mirror what the action changed; `children` keeps sibling order (position = index)."""
        for data in changes.created:
            self._tasks[data.id] = _Task(data.id, data.parent_id, data.completed, who, data.priority, data.notes)
            if data.parent_id in self._tasks:
                self._tasks[data.parent_id].children.insert(data.position, data.id)
        for data in changes.updated:
            if data.id in self._tasks:
                task = self._tasks[data.id]
                task.completed, task.priority, task.notes = data.completed, data.priority, data.notes
        for data in changes.moved:
            moved = self._tasks.get(data.id)
            if moved is None:
                continue
            moved.completed = data.completed
            if moved.parent_id in self._tasks:
                self._tasks[moved.parent_id].children.remove(moved.id)
            moved.parent_id = data.parent_id
            if data.parent_id in self._tasks:
                self._tasks[data.parent_id].children.insert(data.position, moved.id)
        for data in changes.removed:
            removed = self._tasks.pop(data.id, None)
            if removed is not None and removed.parent_id in self._tasks:
                with contextlib.suppress(ValueError):
                    self._tasks[removed.parent_id].children.remove(removed.id)

    def _task_create_project(self, svc: TaskService, who: int) -> int:
        title, _steps = self.rng.choice(_PROJECTS)
        due = date.today() + timedelta(days=self.rng.randint(3, 30))
        changes = svc.create(title, None, priority=self.rng.randint(1, 3), due=due)
        self._apply(changes, who)
        self._titles[changes.created[0].id] = title
        return changes.created[0].id

    def _task_create(self, svc: TaskService, who: int, parent_id: int) -> int:
        parent = self._tasks[parent_id]
        if parent.parent_id is None:
            steps = next((s for t, s in _PROJECTS if t == self._titles.get(parent_id)), _DETAIL_STEPS)
        else:
            steps = _DETAIL_STEPS
        changes = svc.create(self.rng.choice(steps), parent_id, priority=self.rng.randint(0, 3))
        self._apply(changes, who)
        return changes.created[0].id

    def _task_complete(self, svc: TaskService, task: _Task, completed: bool) -> int:
        changes = svc.set_completed(task.id, None, completed)
        self._apply(changes, task.owner)
        return task.id

    def _task_update(self, svc: TaskService, task: _Task) -> int:
        # Always a real change (an unchanged save sends no event and is not an action).
        if self.rng.random() < 0.5:
            priority = self.rng.choice([p for p in range(4) if p != task.priority])
            changes = svc.update(task.id, None, priority=priority)
        else:
            notes = self.rng.choice([n for n in _NOTES if n != task.notes])
            changes = svc.update(task.id, None, notes=notes)
        self._apply(changes, task.owner)
        return task.id

    def _task_move(self, svc: TaskService, who: int, root: _Task) -> int:
        # Reorder a step inside its project, or hand it to another open project of the same operator.
        movable = [t for t in self._subtree(root.id) if t.parent_id == root.id]
        if not movable:
            return self._task_create(svc, who, root.id)
        task = self.rng.choice(movable)
        other_roots = [t for t in self._tasks.values() if t.owner == who and t.parent_id is None and t.id != root.id]
        if not other_roots and len(root.children) < 2:
            # Nothing to reorder and nowhere to move it: a move would change nothing.
            return self._task_create(svc, who, root.id)
        if other_roots and (len(root.children) < 2 or self.rng.random() < 0.4):
            target = self.rng.choice(other_roots)
            changes = svc.move(task.id, None, target.id, 0)
        else:
            position = (len(root.children) - 1) if root.children.index(task.id) == 0 else 0
            changes = svc.move(task.id, None, root.id, position)
        self._apply(changes, who)
        return task.id

    def _task_remove(self, svc: TaskService, task: _Task) -> int:
        changes = svc.remove(task.id, None)
        self._apply(changes, task.owner)
        return task.id


# -- running it --------------------------------------------------------------------------------


@dataclass
class Summary:
    """What a run did: actions by kind, events queued and published, errors, what is left queued."""

    actions: Counter[str]
    errors: Counter[str]
    events_queued: int
    events_published: int
    left_queued: int
    elapsed: float
    interrupted: bool
    acting: float = 0.0  # seconds spent acting (the elapsed time also counts the final drain)
    pending_before: int = 0  # rows already queued when the run began (the relays send them too)

    @property
    def total_actions(self) -> int:
        return sum(self.actions.values())

    def lines(self) -> list[str]:
        kinds = ", ".join(f"{kind} {n}" for kind, n in sorted(self.actions.items())) or "none"
        errors = ", ".join(f"{kind} {n}" for kind, n in sorted(self.errors.items())) or "none"
        span = self.acting or self.elapsed
        rate = self.total_actions / span if span > 0 else 0.0
        state = "stopped early (interrupted)" if self.interrupted else "done"
        left = (
            "all sent"
            if self.left_queued == 0
            else f"{self.left_queued} still queued in the outbox (sent by the next relay that runs)"
        )
        return [
            f"simulate: {state} after {_clock(self.elapsed)}: {self.total_actions} actions ({rate:.1f}/s)",
            f"  actions: {kinds}",
            f"  events:  {self.events_queued} queued, {self.events_published} published, {left}"
            + (f" ({self.pending_before} were queued before this run)" if self.pending_before else ""),
            f"  errors:  {errors}",
        ]


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return (
        f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
        if seconds >= 3600
        else (f"{seconds // 60:02d}:{seconds % 60:02d}")
    )


class Simulation:
    """Runs an `Office` at the configured rate on the running asyncio loop.

    With `relays=True` (the `simulate` command) it runs the two outbox relays itself and drains
    them at the end. With `relays=False` (`integrado run --demo`) it only writes: the apps'
    own relays, already running in the suite on the same databases, publish the events; two
    relays on one outbox would send rows twice.
    """

    def __init__(
        self,
        settings: Settings,
        config: SimConfig,
        *,
        relays: bool = True,
        progress: TextIO | None = None,
        on_record: Callable[[ActionRecord], None] | None = None,
        drain_timeout: float = 30.0,
        poll_interval: float = 1.0,
        calls_pipeline: ProducerPipeline | None = None,
        tasks_pipeline: ProducerPipeline | None = None,
    ) -> None:
        from integrado.pipeline import ProducerPipeline

        self.config = config
        self.relays = relays
        self.progress = progress
        self.on_record = on_record
        self.drain_timeout = drain_timeout
        self.calls: ProducerPipeline | None = None
        self.tasks: ProducerPipeline | None = None
        # Pipelines handed in belong to running apps: used (their commit hooks wake the apps'
        # relays at once), never disposed here.
        self._owned: list[ProducerPipeline] = []
        if config.calls:
            from callsystem_gui.tables import Base

            self.calls = calls_pipeline or ProducerPipeline.create(
                settings, system="callsystem", metadata=Base.metadata, poll_interval=poll_interval
            )
            if calls_pipeline is None:
                self._owned.append(self.calls)
        if config.tasks:
            from taskmanager_gui.service import create_pipeline

            self.tasks = tasks_pipeline or create_pipeline(settings, poll_interval=poll_interval)
            if tasks_pipeline is None:
                self._owned.append(self.tasks)
        self.office = Office(config, self.calls, self.tasks)
        self._stop = asyncio.Event()
        self._abort = asyncio.Event()
        self.interrupted = False
        self._started = 0.0
        self._pending_before = 0
        self._acting = 0.0
        self._last_logged = -1e9

    @property
    def pipelines(self) -> list[ProducerPipeline]:
        return [p for p in (self.calls, self.tasks) if p is not None]

    def stop(self) -> None:
        """First call: stop acting and drain the relays. Second call: stop draining too."""
        if self._stop.is_set():
            self._abort.set()
        self.interrupted = True
        self._stop.set()

    def queued(self) -> int:
        return sum(p.relay.queued() for p in self.pipelines)

    def published(self) -> int:
        return sum(p.relay.published_total for p in self.pipelines)

    async def run(self) -> Summary:
        relay_tasks = [asyncio.ensure_future(p.relay.run()) for p in self.pipelines] if self.relays else []
        self._pending_before = self.queued()
        self._started = time.monotonic()
        try:
            await self._act()
            self._acting = time.monotonic() - self._started
            if self.relays:
                await self._drain()
        finally:
            # Only the relays this run started: handed-in pipelines' relays belong to the apps.
            for p in self.pipelines if self.relays else []:
                p.relay.stop()
            if relay_tasks:
                await asyncio.gather(*relay_tasks, return_exceptions=True)
            self._show_progress(final=True)
            left = self.queued()
            for p in self._owned:
                p.engine.dispose()
        return Summary(
            actions=Counter(self.office.counts),
            errors=Counter(self.office.errors),
            events_queued=self.office.events_queued,
            events_published=self.published(),
            left_queued=left,
            elapsed=time.monotonic() - self._started,
            interrupted=self.interrupted,
            acting=self._acting,
            pending_before=self._pending_before,
        )

    async def _act(self) -> None:
        cfg = self.config
        # Arrivals are a Poisson process (operators do not act on a metronome); a separate
        # generator keeps the sequence of actions the same whatever the timing.
        timing = random.Random(None if cfg.seed is None else cfg.seed + 1)
        next_at = self._started
        last_shown = 0.0
        done = 0
        while not self._stop.is_set():
            now = time.monotonic()
            if cfg.duration is not None and now - self._started >= cfg.duration:
                break
            if cfg.max_actions is not None and done >= cfg.max_actions:
                break
            if next_at > now:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._stop.wait(), timeout=min(next_at - now, 0.25))
                if now - last_shown >= 0.25:
                    self._show_progress()
                    last_shown = now
                continue
            record = self.office.step()
            done += 1
            if record is not None and self.on_record is not None:
                self.on_record(record)
            next_at += timing.expovariate(cfg.rate)
            if now - next_at > 1.0:
                # Fell more than a second behind (a slow disk): carry on from now, no burst.
                next_at = now
            if now - last_shown >= 0.25:
                self._show_progress()
                last_shown = now
            # Let the relays (and, in the suite, the windows) run between actions.
            await asyncio.sleep(0)

    async def _drain(self) -> None:
        deadline = time.monotonic() + self.drain_timeout
        for p in self.pipelines:
            p.relay.wake()
        while not self._abort.is_set() and time.monotonic() < deadline:
            if self.queued() == 0:
                return
            self._show_progress(draining=True)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._abort.wait(), timeout=0.2)

    def _show_progress(self, *, final: bool = False, draining: bool = False) -> None:
        if self.progress is None:
            return
        now = time.monotonic()
        tty = self.progress.isatty()
        # Into a log file (not a terminal), a line every 10 s instead of a redrawn bar.
        if not tty and not final and now - self._last_logged < 10.0:
            return
        self._last_logged = now
        elapsed = now - self._started
        cfg = self.config
        if cfg.max_actions is not None:
            fraction = sum(self.office.counts.values()) / cfg.max_actions
        elif cfg.duration:
            fraction = elapsed / cfg.duration
        else:
            fraction = -1.0
        if fraction >= 0:
            fraction = min(1.0, fraction)
            filled = int(fraction * 24)
            bar = f"[{'#' * filled}{'-' * (24 - filled)}] {fraction * 100:3.0f}%"
        else:
            bar = "[running until stopped]"
        total = f"/{_clock(cfg.duration)}" if cfg.duration else ""
        queued = self.queued() if self.relays else 0
        state = "  draining" if draining else ""
        line = (
            f"\r{bar} {_clock(elapsed)}{total}  {sum(self.office.counts.values())} actions  "
            f"{self.office.events_queued} events  {self.published()} published  {queued} queued  "
            f"{sum(self.office.errors.values())} errors{state}"
        )
        if tty:
            self.progress.write(line.ljust(110))
            if final:
                self.progress.write("\n")
        else:
            self.progress.write(line[1:] + "\n")
        self.progress.flush()


# -- the command -------------------------------------------------------------------------------


def register(subparsers: Any) -> None:
    """Adds `integrado simulate` (called by integrado_suite.cli)."""
    sim = subparsers.add_parser(
        "simulate",
        help="simulated operators working calls and tasks through the apps (training, load, demos)",
        description="Simulated operators work calls and task trees through the apps' services; every "
        "action is committed to the apps' databases and published through the outbox relays.",
    )
    sim.add_argument(
        "--operators", metavar="N", type=_operators_count, default=10, help="how many operators (default 10)"
    )
    sim.add_argument(
        "--rate",
        metavar="R",
        type=parse_rate,
        default=5.0,
        help="actions per second, whole office: 5/s, 300/min (default 5/s)",
    )
    sim.add_argument(
        "--duration", metavar="D", type=parse_duration, default=600.0, help="10m, 90s, 1h30m or forever (default 10m)"
    )
    sim.add_argument("--seed", metavar="N", type=_seed, default=None, help="same seed, same office (default: random)")
    sim.add_argument("--actions", metavar="N", type=_positive_int, default=None, help="stop after this many actions")
    only = sim.add_mutually_exclusive_group()
    only.add_argument("--calls-only", action="store_true", help="only CallSystem work")
    only.add_argument("--tasks-only", action="store_true", help="only TaskManager work")
    sim.add_argument("--quiet", action="store_true", help="no progress bar (the summary is still printed)")
    sim.add_argument(
        "--drain-timeout",
        metavar="D",
        type=parse_duration,
        default=30.0,
        help="how long to wait at the end for queued events to be sent (default 30s)",
    )
    sim.set_defaults(func=cmd_simulate)


def cmd_simulate(args: argparse.Namespace) -> int:
    from integrado.command_line import load_settings
    from integrado_suite.redis_server import resolve_redis

    logging.basicConfig(level=logging.WARNING, format="\nintegrado simulate: %(message)s")
    settings, stop_server = resolve_redis(load_settings(args))
    config = SimConfig(
        operators=args.operators,
        rate=args.rate,
        duration=args.duration,
        seed=args.seed,
        calls=not args.tasks_only,
        tasks=not args.calls_only,
        max_actions=args.actions,
    )
    seed = "random" if args.seed is None else str(args.seed)
    length = "until stopped" if args.duration is None else _clock(args.duration)
    print(
        f"integrado simulate: {config.operators} operators, {config.rate:g} actions/s, {length}, seed {seed}, "
        f"Redis {settings.redis.redacted_url()}",
        file=sys.stderr,
    )

    async def main() -> Summary:
        sim = Simulation(
            settings,
            config,
            progress=None if args.quiet else sys.stderr,
            drain_timeout=args.drain_timeout if args.drain_timeout is not None else 3600.0,
        )
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, sim.stop)
        return await sim.run()

    try:
        summary = asyncio.run(main())
    finally:
        if stop_server:
            stop_server()
    for line in summary.lines():
        print(line, file=sys.stderr)
    return 0


# -- `integrado run --demo` --------------------------------------------------------------------


@dataclass
class DemoHandle:
    """The simulator feeding a running suite; `shutdown()` stops it (the apps' relays send the rest)."""

    simulation: Simulation
    task: asyncio.Future[Summary]

    async def shutdown(self) -> None:
        self.simulation.stop()
        self.simulation.stop()  # no drain of its own: the apps' relays own the outboxes
        summary = await self.task
        log.info("demo simulator: %s", " | ".join(summary.lines()))


DEMO_CONFIG = SimConfig(operators=10, rate=2.0, duration=None)


async def start_demo(
    settings: Settings,
    *,
    calls_pipeline: ProducerPipeline | None = None,
    tasks_pipeline: ProducerPipeline | None = None,
) -> DemoHandle:
    """App starter for `integrado run --demo`: ten operators at 2 actions/s until the suite closes.

    `INTEGRADO_DEMO_RATE` (e.g. "5/s") changes the pace for a busier training session. Given the
    running apps' pipelines (`handle.pipeline` of CallSystem and TaskManager), the simulator
    commits through their session factories, so their relays are woken at each commit and the
    console sees every action at once; without them the apps' relays find the rows on their
    next poll (up to 2 s later).
    """
    import os

    config = DEMO_CONFIG
    rate = os.environ.get("INTEGRADO_DEMO_RATE")
    if rate:
        try:
            config = replace(config, rate=parse_rate(rate))
        except argparse.ArgumentTypeError as exc:
            log.warning("INTEGRADO_DEMO_RATE ignored: %s", exc)
    simulation = Simulation(
        settings, config, relays=False, calls_pipeline=calls_pipeline, tasks_pipeline=tasks_pipeline
    )
    return DemoHandle(simulation, asyncio.ensure_future(simulation.run()))


def demo_starters(start_calls: Any, start_tasks: Any) -> list[Any]:
    """The CallSystem and TaskManager starters, plus a demo starter that uses their pipelines.

    For `integrado_suite.suite`: `[start_console, *demo_starters(start_calls, start_tasks)]` starts
    the two apps as usual, then the simulator committing through their session factories, so
    each simulated action wakes their relays (no 2-second poll between action and console).
    """
    handles: dict[str, Any] = {}

    async def calls(settings: Settings) -> Any:
        handles["calls"] = await start_calls(settings)
        return handles["calls"]

    async def tasks(settings: Settings) -> Any:
        handles["tasks"] = await start_tasks(settings)
        return handles["tasks"]

    async def demo(settings: Settings) -> DemoHandle:
        calls_handle, tasks_handle = handles.get("calls"), handles.get("tasks")
        return await start_demo(
            settings,
            calls_pipeline=getattr(calls_handle, "pipeline", None),
            tasks_pipeline=getattr(tasks_handle, "pipeline", None),
        )

    return [calls, tasks, demo]
