"""The repository holds nothing that works on one machine only: no absolute path of a developer's
checkout, home directory or Python install in any tracked text file. A person who clones it has
the project's `.venv` (from `scripts/bootstrap`), a Python on PATH and their own home; a path
from someone else's machine would send them looking for files they do not have."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

MACHINE_PATHS: dict[str, re.Pattern[str]] = {
    "a checkout under /work": re.compile(r"/wor[k]/"),
    "the superuser's home": re.compile(r"/roo[t]/"),
    "a home directory": re.compile(r"/home/[A-Za-z0-9_.-]+/|/Users/[A-Za-z0-9_.-]+/|[A-Za-z]:\\Users\\"),
    "pyenv's folder in a home directory": re.compile(r"/\.pyen[v]\b"),
    # Not a path, but as useless to the next reader: say what the thing is, not its tracker number.
    "a tracker number instead of a description": re.compile(r"\b[Ii]ssu[e] #?\d+\b"),
}
# The examples the check must find are built from parts, so that this file, like every other,
# holds no such path and is checked with the rest.
SLASH = "/"


def tracked_files() -> list[Path]:
    # CI and every contributor work in a clone: without git the check would prove nothing.
    assert shutil.which("git") is not None and (ROOT / ".git").exists(), "run from a git clone with git installed"
    out = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True, timeout=60
    ).stdout.decode("utf-8", "surrogateescape")
    return [ROOT / name for name in out.split("\0") if name]


def machine_paths_in(text: str) -> list[tuple[int, str, str]]:
    """(line number, what it is, the line) for every machine-specific path in `text`."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        for what, pattern in MACHINE_PATHS.items():
            if pattern.search(line):
                found.append((number, what, line.strip()))
    return found


@pytest.mark.parametrize(
    "line",
    [
        f"PYTHON ?= {SLASH}work{SLASH}venv/bin/python",
        f"for d in {SLASH}root{SLASH}.pyenv/versions/3.12*; do",
        f"pyenv_root=${{PYENV_ROOT:-$HOME{SLASH}.pyenv}}",
        f"see {SLASH}home{SLASH}maria/src/integrado/README.md",
        f"open {SLASH}Users{SLASH}joao/Library/Logs",
        "C:" + "\\Users\\ana\\AppData\\Local",
        "the harness of " + "issue" + " 4",
    ],
)
def test_the_check_finds_machine_paths(line: str) -> None:
    assert machine_paths_in(line)


@pytest.mark.parametrize(
    "line",
    [
        ".venv/bin/python -m pytest",
        "settings.toml in ~/.config/Integrado/ on Linux",
        r"%LOCALAPPDATA%\Integrado\ on Windows",
        'pyenv_root="${PYENV_ROOT:-$(pyenv root)}"',
        "sqlite:///integrado.db",
    ],
)
def test_the_check_lets_portable_paths_through(line: str) -> None:
    assert not machine_paths_in(line)


def test_no_tracked_text_file_names_a_machine_path() -> None:
    offences = []
    for path in tracked_files():
        try:
            data = path.read_bytes()
        except (FileNotFoundError, IsADirectoryError):
            continue  # deleted in the working tree but not yet committed
        if b"\0" in data:
            continue  # binary: images, icons, compiled catalogues
        text = data.decode("utf-8", "replace")
        offences += [f"{path.relative_to(ROOT)}:{n}: {what}: {line}" for n, what, line in machine_paths_in(text)]
    assert not offences, "machine-specific paths in tracked files:\n" + "\n".join(offences)
