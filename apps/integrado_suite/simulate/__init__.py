"""The simulated office: a room of operators working calls and task trees through the apps' own
services (the same code paths as the windows, outbox included). `integrado simulate` runs one on
its own; `integrado run --demo` feeds a running suite with one.

The office is deterministic for a given seed: the same seed on empty databases gives the same
actions on the same entities in the same order, so a training session or a benchmark can be
replayed. Every action is one service call (one transaction); the events it queued are recorded
so tests can compare what was done with what reached Redis.

- `people`: the operators, callers and work they talk about (fixed lists);
- `calls`, `tasks`: how an operator works calls and task trees (one desk per app);
- `actions`: what an action is (its plan, its record, the outbox that records its events);
- `office`: `Office.step()`, one action by one operator;
- `runner`: `Simulation`, the office in time (rate, relays, progress, `Summary`);
- `command`: `integrado simulate`; `demo`: `integrado run --demo`;
- `units`: rates and durations as people type them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from integrado_suite.simulate.actions import ActionRecord, Plan
    from integrado_suite.simulate.command import cmd_simulate, register
    from integrado_suite.simulate.demo import DEMO_CONFIG, DemoHandle, demo_starters, start_demo
    from integrado_suite.simulate.office import Office, SimConfig
    from integrado_suite.simulate.people import OPERATORS, operator_login
    from integrado_suite.simulate.runner import Simulation, Summary
    from integrado_suite.simulate.units import parse_duration, parse_rate

# Each name's module, imported on first use: `integrado simulate`'s arguments (the `integrado`
# command imports `command` at every start) need none of the simulator's SQLAlchemy and asyncio.
_MODULES = {
    "ActionRecord": "actions",
    "Plan": "actions",
    "cmd_simulate": "command",
    "register": "command",
    "DEMO_CONFIG": "demo",
    "DemoHandle": "demo",
    "demo_starters": "demo",
    "start_demo": "demo",
    "Office": "office",
    "SimConfig": "office",
    "OPERATORS": "people",
    "operator_login": "people",
    "Simulation": "runner",
    "Summary": "runner",
    "parse_duration": "units",
    "parse_rate": "units",
}


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "DEMO_CONFIG",
    "OPERATORS",
    "ActionRecord",
    "DemoHandle",
    "Office",
    "Plan",
    "SimConfig",
    "Simulation",
    "Summary",
    "cmd_simulate",
    "demo_starters",
    "operator_login",
    "parse_duration",
    "parse_rate",
    "register",
    "start_demo",
]
