"""Each test tier stands on its own: a test module imports shared code from `tests/helpers` (the
package `helpers`) and never from another test module or tier, so moving or deleting one test
cannot break another, and what tests share is in one place."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
TIERS = {
    p.name
    for p in TESTS.iterdir()
    if p.is_dir() and p.name not in ("helpers", "__pycache__") and not p.name.startswith(".")
}


def imported_tiers(source: str) -> list[str]:
    """The test tiers (or relative modules) that `source` imports from."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                found.append("." * node.level + (node.module or ""))
            elif node.module and node.module.split(".")[0] in TIERS:
                found.append(node.module)
        elif isinstance(node, ast.Import):
            found.extend(a.name for a in node.names if a.name.split(".")[0] in TIERS)
    return found


def test_the_check_sees_an_import_from_another_tier() -> None:
    assert imported_tiers("from fault.harness import PipelineHarness") == ["fault.harness"]
    assert imported_tiers("def f():\n    from integration.security import x\n") == ["integration.security"]
    assert imported_tiers("from .support import thing") == [".support"]
    assert imported_tiers("from helpers.fixtures import wait_for\nimport integrado") == []


def test_tests_import_shared_code_only_from_helpers() -> None:
    offences = []
    for path in sorted(TESTS.rglob("*.py")):
        rel = path.relative_to(TESTS)
        if rel.parts[0] == "helpers" or "__pycache__" in rel.parts:
            continue
        offences += [f"{rel}: imports {name}" for name in imported_tiers(path.read_text(encoding="utf-8"))]
    assert not offences, "move what tests share into tests/helpers:\n" + "\n".join(offences)
