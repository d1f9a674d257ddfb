"""Realistic sample calls (Brazilian callers, Portuguese subjects) for screenshots, demos and the
benchmark; and `python -m helpers.demo.callsystem --screenshot PATH` to photograph the window.

docs/callsystem.png is taken under Xvfb:
    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1600x900x24" \
        python -m helpers.demo.callsystem --screenshot docs/callsystem.png
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Iterator
from typing import Any

from callsystem_gui.domain import (
    CallDraft,
    Channel,
    Level,
    SlaPolicy,
    Status,
    fold,
    normalize_phone,
    phone_tail,
    priority_for,
)
from callsystem_gui.service import CallService

FIRST = [
    "Maria", "Ana", "Francisca", "Antônia", "Adriana", "Juliana", "Márcia", "Fernanda", "Patrícia", "Aline",
    "José", "João", "Antônio", "Francisco", "Carlos", "Paulo", "Pedro", "Lucas", "Luiz", "Marcos",
    "Gabriel", "Rafael", "Daniel", "Marcelo", "Bruno", "Eduardo", "Felipe", "Raimundo", "Rodrigo", "Sebastião",
]  # fmt: skip
LAST = [
    "Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira", "Lima", "Gomes",
    "Costa", "Ribeiro", "Martins", "Carvalho", "Almeida", "Lopes", "Soares", "Fernandes", "Vieira", "Barbosa",
]  # fmt: skip
SUBJECTS = [
    ("Internet caiu no escritório", "Rede"),
    ("Impressora do financeiro não imprime", "Hardware"),
    ("Esqueci a senha do sistema", "Acesso / senha"),
    ("Boleto com valor errado", "Financeiro"),
    ("Computador muito lento", "Hardware"),
    ("Erro ao emitir nota fiscal", "Software"),
    ("Ramal sem sinal", "Telefonia"),
    ("Não consigo acessar o e-mail", "Acesso / senha"),
    ("Wi-Fi da sala de reuniões instável", "Rede"),
    ("Solicitação de segunda via de fatura", "Financeiro"),
    ("Sistema de ponto fora do ar", "Software"),
    ("Monitor piscando", "Hardware"),
    ("VPN não conecta de casa", "Rede"),
    ("Cobrança em duplicidade no cartão", "Financeiro"),
    ("Atualização do Windows travada", "Software"),
    ("Troca de toner", "Hardware"),
]
DESCRIPTIONS = [
    "Cliente relata o problema desde hoje cedo.",
    "Já reiniciou o equipamento, sem sucesso.",
    "Acontece só no período da tarde.",
    "Urgente: afeta o atendimento ao público.",
    "",
]
OPERATORS = ["ana.souza", "bruno.lima", "carla.dias", "diego.rocha"]
AREAS = ["51", "11", "21", "31", "41", "48", "61", "71", "81", "85"]


def fake_phone(rng: random.Random) -> str:
    return f"({rng.choice(AREAS)}) 9{rng.randint(1000, 9999)}-{rng.randint(0, 9999):04d}"


def fake_name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def seed_demo(service: CallService, clock: list[float], *, count: int = 40, seed: int = 7) -> None:
    """Register and move `count` calls through their lives via the real service (events included).

    `clock` is the service's clock cell: calls are backdated so SLA countdowns look lived-in.
    """
    rng = random.Random(seed)
    real_now = time.time()
    operator = service.operator
    for i in range(count):
        clock[0] = real_now - rng.uniform(0.2, 30) * 3600
        subject, category = rng.choice(SUBJECTS)
        urgency, impact = rng.choice(list(Level)), rng.choice(list(Level))
        service.operator = rng.choice(OPERATORS)
        call = service.register(
            CallDraft(
                caller_name=fake_name(rng) if i != 0 else "Maria Souza",
                phone=fake_phone(rng) if i != 0 else "(51) 99999-0000",
                subject=subject,
                description=rng.choice(DESCRIPTIONS),
                category=category,
                channel=rng.choice(list(Channel)).value,
                urgency=urgency,
                impact=impact,
            )
        )
        fate = rng.random()
        clock[0] += rng.uniform(0.05, 0.5) * 3600
        if fate < 0.25:
            continue
        call = service.change_status(call.id, call.version, Status.IN_PROGRESS)
        if fate < 0.4:
            clock[0] += 600
            service.add_note(call.id, "Cliente informou que o problema persiste após reiniciar.")
            continue
        if fate < 0.55:
            call = service.change_status(call.id, call.version, Status.WAITING)
            service.add_note(call.id, "Aguardando retorno do cliente com o número do contrato.")
            continue
        if fate < 0.75:
            call = service.change_status(call.id, call.version, Status.RESOLVED, resolution="Orientado por telefone.")
            continue
        service.close(call.id, call.version, "Problema resolvido remotamente.")
    service.operator = operator
    clock[0] = real_now


def bulk_rows(count: int, *, seed: int = 11, now: float | None = None) -> Iterator[dict[str, Any]]:
    """Rows for a direct bulk insert into `calls` (benchmark: 100,000 calls in seconds)."""
    rng = random.Random(seed)
    now = time.time() if now is None else now
    sla = SlaPolicy()
    statuses = list(Status)
    for i in range(1, count + 1):
        name = fake_name(rng)
        phone = fake_phone(rng)
        digits = normalize_phone(phone)
        subject, category = SUBJECTS[i % len(SUBJECTS)]
        urgency, impact = rng.choice(list(Level)), rng.choice(list(Level))
        prio = priority_for(urgency, impact)
        created = now - rng.uniform(0, 90 * 86400)
        status = statuses[i % len(statuses)]
        stopped = created + 1800 if status in (Status.WAITING, Status.RESOLVED, Status.CLOSED) else None
        operator = OPERATORS[i % len(OPERATORS)]
        yield {
            "id": i,
            "caller_name": name,
            "caller_key": fold(name),
            "phone": phone,
            "phone_digits": digits,
            "phone_tail": phone_tail(digits),
            "subject": f"{subject} ({i})",
            "description": "",
            "category": category,
            "channel": Channel.PHONE.value,
            "urgency": int(urgency),
            "impact": int(impact),
            "priority": int(prio),
            "status": status.value,
            "assignee": operator,
            "resolution": "ok" if status == Status.CLOSED else "",
            "created_at": created,
            "created_by": operator,
            "updated_at": created + 3600,
            "updated_by": operator,
            "sla_due_at": created + sla.seconds(prio),
            "sla_stopped_at": stopped,
            "deleted": False,
            "version": 1,
        }


def screenshot(path: str, *, count: int = 40, scene: str = "main") -> None:
    """Seed a fresh profile, show the window with a call selected, save a PNG."""
    import os
    import tempfile

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    tmp = tempfile.mkdtemp(prefix="callsystem-shot-")
    os.environ["INTEGRADO_CONFIG_DIR"] = os.path.join(tmp, "config")
    os.environ["INTEGRADO_DATA_DIR"] = os.path.join(tmp, "data")
    os.environ.setdefault("INTEGRADO_OPERATOR", "ana.souza")
    os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:1/0")

    from PySide6.QtWidgets import QApplication

    from callsystem_gui.app import build
    from integrado.qt.runner import make_qapplication
    from integrado.settings import Settings
    from integrado.states import ConnectionState

    app = make_qapplication("CallSystem")
    settings = Settings.load()
    handle = build(settings)
    clock = [time.time()]
    real_service = handle.service
    real_service._clock = lambda: clock[0]
    seed_demo(real_service, clock, count=count)
    real_service._clock = time.time
    handle.controller.reload()
    window = handle.window
    window.resize(1600, 900)
    window.indicator.set_state(ConnectionState.CONNECTED, "")
    window.set_live(True)
    window.show()
    window.form.caller_name.setText("Maria Souza")
    window.form.phone.setText("51 99999-0000")
    handle.controller.lookup_caller("Maria Souza", "51 99999-0000")
    window.form.subject.setText("Sem sinal no ramal 204")
    # Show a call with some history: in progress, with a note, ideally overdue.
    model = window.model
    rows = [c for c in (model.call_at(r) for r in range(model.rowCount())) if c is not None]
    lived = [c for c in rows if c.status == Status.IN_PROGRESS]
    lived.sort(key=lambda c: c.sla_remaining(time.time()))
    window.select_call(lived[0].id if lived else rows[0].id)
    window.statusBar().clearMessage()
    if scene == "errors":
        # Bad input shown at its field, and a stale save refused with the conflict banner.
        window.form.phone.setText("51 9999-ABCD")
        window.form.submit()
        current = window.detail.call
        if current is not None:
            other = real_service.operator
            real_service.operator = "bruno.lima"
            real_service.add_note(current.id, "Cliente ligou de novo.")
            real_service.update(
                current.id,
                current.version,
                CallDraft(
                    caller_name=current.caller_name,
                    phone=current.phone,
                    subject=current.subject + " (urgente)",
                    description=current.description,
                    category=current.category,
                    channel=current.channel.value,
                    urgency=current.urgency,
                    impact=current.impact,
                ),
            )
            real_service.operator = other
            window.detail.subject.setText("Segunda via da fatura de outubro")
            window.detail.dirty = True
            window.detail.request_save()
            window.table.scrollToTop()
    for _ in range(10):
        QApplication.processEvents()
    window.grab().save(path)
    window.close()
    handle.pipeline.engine.dispose()
    app.processEvents()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--screenshot", required=True, help="where to save the PNG")
    parser.add_argument("--count", type=int, default=40)
    parser.add_argument("--scene", choices=["main", "errors"], default="main")
    args = parser.parse_args()
    screenshot(args.screenshot, count=args.count, scene=args.scene)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
