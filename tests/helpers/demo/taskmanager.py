"""Realistic sample tasks of a call-center team (screenshots, demos, the benchmark's shape).

`python -m helpers.demo.taskmanager --screenshot docs/taskmanager.png` seeds a fresh database in a
temporary folder, opens the window offscreen and saves a picture of it.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

from taskmanager_gui.domain import Priority
from taskmanager_gui.service import TaskService

# (title, priority, due in days or None, done, notes, children)
Sample = tuple[str, int, int | None, bool, str, list["Sample"]]

H, M, L, N = Priority.HIGH, Priority.MEDIUM, Priority.LOW, Priority.NONE

SAMPLE: list[Sample] = [
    (
        "Campanha de retenção — dezembro",
        H,
        12,
        False,
        "Meta: reduzir cancelamentos em 8% até o fim do mês.",
        [
            ("Montar lista de clientes com risco de cancelamento", H, 3, True, "Extraído do CRM em 24/11.", []),
            (
                "Roteiro de ligação",
                H,
                5,
                False,
                "",
                [
                    ("Rascunho do roteiro com ofertas", M, 4, True, "", []),
                    ("Validar ofertas com o jurídico", H, 5, False, "Falar com Dra. Helena (ramal 2214).", []),
                    ("Treinar a equipe da manhã", M, 5, False, "", []),
                ],
            ),
            (
                "Ligações da primeira semana",
                M,
                10,
                False,
                "",
                [
                    ("Clientes do plano Empresarial", H, 8, False, "", []),
                    ("Clientes do plano Família", M, 9, False, "", []),
                    ("Clientes do plano Básico", L, 10, False, "", []),
                ],
            ),
            ("Relatório de resultados para a diretoria", M, 12, False, "", []),
        ],
    ),
    (
        "Qualidade do atendimento",
        M,
        None,
        False,
        "",
        [
            (
                "Auditar 20 ligações por operador",
                M,
                7,
                False,
                "",
                [
                    ("Equipe da Ana", M, 6, True, "", []),
                    ("Equipe do Bruno", M, 6, True, "", []),
                    ("Equipe da Carla", M, 7, False, "", []),
                ],
            ),
            ("Atualizar o guia de respostas sobre portabilidade", L, None, False, "", []),
            ("Feedback individual aos operadores", M, 9, False, "", []),
        ],
    ),
    (
        "Escala de fim de ano",
        H,
        -1,
        False,
        "Confirmar com o RH os feriados de 25/12 e 01/01.",
        [
            ("Coletar preferências de folga", M, -3, True, "", []),
            ("Publicar a escala no mural", H, -1, False, "", []),
        ],
    ),
    (
        "Sistemas",
        N,
        None,
        True,
        "",
        [
            ("Trocar headsets com defeito (posições 12 e 17)", L, None, True, "", []),
            ("Liberar acesso ao novo CRM para os novatos", M, None, True, "", []),
        ],
    ),
    ("Treinamento de novatos: módulo de cobrança", M, 14, False, "", []),
]


def seed(service: TaskService, sample: list[Sample] = SAMPLE, today: date | None = None) -> dict[str, int]:
    """Create the sample tree through the service (so it also produces the real events)."""
    today = today or date.today()
    ids: dict[str, int] = {}

    def add(items: list[Sample], parent_id: int | None) -> None:
        for title, priority, due_days, done, notes, children in items:
            due = today + timedelta(days=due_days) if due_days is not None else None
            created = service.create(title, parent_id, notes=notes, priority=priority, due=due).created[0]
            ids[title] = created.id
            add(children, created.id)
            if done:
                service.set_completed(created.id, None, True)

    add(sample, None)
    return ids


def screenshot(path: Path, search: str = "") -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    tmp = Path(tempfile.mkdtemp(prefix="taskmanager-shot-"))
    os.environ["INTEGRADO_CONFIG_DIR"] = str(tmp / "config")
    os.environ["INTEGRADO_DATA_DIR"] = str(tmp / "data")
    os.environ.setdefault("INTEGRADO_OPERATOR", "ana.souza")
    from PySide6.QtWidgets import QApplication

    from integrado.settings import Settings
    from taskmanager_gui.app import build

    app = QApplication.instance() or QApplication(sys.argv)
    settings = Settings.load(read_keyring=False)
    handle = build(settings)
    ids = seed(handle.controller.service)
    handle.controller.reload()
    window = handle.window
    window.resize(1360, 760)
    window.expand_all()
    window.tree.collapse(window.proxy.index_for_id(ids["Sistemas"]))
    window.select_task(ids["Validar ofertas com o jurídico"])
    window.indicator.set_state("connected", "")
    window.show()
    if search:
        window.search.setText(search)
        window._apply_search()  # what the typing debounce calls
        window.select_task(ids["Clientes do plano Empresarial"])
    for _ in range(5):
        app.processEvents()
    window.grab().save(str(path))
    window.close()
    handle.pipeline.engine.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--screenshot", type=Path, required=True)
    parser.add_argument("--search", default="", help="type this into the search field first")
    args = parser.parse_args()
    screenshot(args.screenshot, args.search)
    return 0


if __name__ == "__main__":
    sys.exit(main())
