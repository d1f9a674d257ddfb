"""The shipped catalogues: complete, compiled from the committed sources, and up to date with the code."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale

from integrado.qt.i18n import choose_locale, language_of, normalize_language

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"
BIN = Path(sys.executable).parent


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    tree = ET.parse(ts)
    found = {}
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found[(name, message.findtext("source") or "")] = message
    return found


def _app_sources() -> list[str]:
    found = sorted(str(p) for p in (ROOT / "apps").rglob("*.py") if ".egg-info" not in str(p))
    return [*found, str(ROOT / "packaging" / "launcher.py")]


def test_every_portuguese_message_is_translated() -> None:
    messages = _messages(TRANSLATIONS / "integrado_pt_BR.ts")
    assert len(messages) > 100
    missing = []
    for key, message in messages.items():
        translation = message.find("translation")
        assert translation is not None
        texts = [t.text for t in translation.iter("numerusform")] or [translation.text]
        if translation.get("type") in ("unfinished", "vanished", "obsolete") or not all(texts):
            missing.append(key)
    assert missing == []


def test_the_catalogues_hold_every_string_in_the_code(tmp_path: Path) -> None:
    # Fails when someone adds or changes a tr() string without `make translations-update`.
    fresh = tmp_path / "fresh_pt_BR.ts"
    subprocess.run(
        [str(BIN / "pyside6-lupdate"), "-locations", "none", *_app_sources(), "-ts", str(fresh)],
        check=True,
        capture_output=True,
    )
    in_code = set(_messages(fresh))
    for ts in ("integrado_pt_BR.ts", "integrado_en.ts"):
        shipped = set(_messages(TRANSLATIONS / ts))
        assert sorted(in_code - shipped) == [], ts


@pytest.mark.parametrize("name", ["integrado_pt_BR", "integrado_en"])
def test_the_committed_qm_files_are_compiled_from_the_committed_ts(tmp_path: Path, name: str) -> None:
    shutil.copy(TRANSLATIONS / f"{name}.ts", tmp_path / f"{name}.ts")
    subprocess.run([str(BIN / "pyside6-lrelease"), str(tmp_path / f"{name}.ts")], check=True, capture_output=True)
    assert (tmp_path / f"{name}.qm").read_bytes() == (TRANSLATIONS / f"{name}.qm").read_bytes()


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ("system", None),
        ("", None),
        ("pt_BR", "pt_BR"),
        ("pt-br", "pt_BR"),
        ("pt_BR.UTF-8", "pt_BR"),
        ("Português", "pt_BR"),
        ("pt_PT", "pt_BR"),
        ("en", "en"),
        ("en_GB", "en"),
        ("de_DE", ""),
    ],
)
def test_language_settings_are_understood(setting: str, expected: str | None) -> None:
    assert normalize_language(setting) == expected


def test_the_system_locale_is_followed_and_a_setting_overrides_it() -> None:
    brazil, britain, germany = QLocale("pt_BR"), QLocale("en_GB"), QLocale("de_DE")

    assert language_of(choose_locale("system", brazil)) == "pt_BR"
    # English systems keep their own date and number formats.
    assert choose_locale("system", britain).name() == "en_GB"
    # A language we do not ship falls back to English, not to untranslated German formats mixed in.
    assert choose_locale("system", germany).name() == "en_US"
    assert choose_locale("pt_BR", britain).name() == "pt_BR"
    assert choose_locale("en", brazil).name() == "en_US"
    assert choose_locale("klingon", brazil).name() == "pt_BR"


def test_brazilian_dates_and_numbers_read_the_brazilian_way() -> None:
    from PySide6.QtCore import QDate

    locale = choose_locale("pt_BR")
    assert locale.toString(1234.5, "f", 2) == "1.234,50"
    assert locale.toString(QDate(2026, 3, 7), QLocale.FormatType.ShortFormat) == "07/03/2026"
