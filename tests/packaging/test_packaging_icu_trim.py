"""The bundle's trimmed ICU data library: what it keeps, and that Qt sorts and names zones the same with it."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import PySide6

ROOT = Path(__file__).resolve().parents[2]
ICU_DATA = next((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))

# What Integrado needs ICU for: Portuguese collation, case mapping, zone names, number formats.
PROBE = """
from PySide6.QtCore import QCollator, QLocale, QTimeZone
words = ["Zé", "ábaco", "abacate", "Élio", "eva", "Ávila", "avião", "çedilha", "cachorro", "Çao"]
for name in ("pt_BR", "en_US", "de_DE"):
    collator = QCollator(QLocale(name))
    print(name, sorted(words, key=collator.sortKey))
print(QLocale("pt_BR").toUpper("ação é"), QLocale("tr_TR").toLower("I"))
zone = QTimeZone(b"America/Sao_Paulo")
for name in ("pt_BR", "en_US"):
    print(zone.displayName(QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName, QLocale(name)))
print(QLocale("pt_BR").toString(1234.5, "f", 2))
# Last line: where the ICU data library in use was loaded from.
print(next(line.split()[-1] for line in open("/proc/self/maps") if "libicudata" in line))
"""


def _icu_trim() -> Any:
    spec = importlib.util.spec_from_file_location("icu_trim", ROOT / "packaging" / "icu_trim.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _probe(preload: Path | None) -> tuple[str, str]:
    """What the probe printed, and the path of the ICU data library it used."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    if preload is not None:
        env["LD_PRELOAD"] = str(preload)
    result = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    printed, _, library = result.stdout.rstrip("\n").rpartition("\n")
    return printed, library


def test_keeps_the_shared_data_and_english_and_portuguese_only() -> None:
    keep = _icu_trim()._keep
    languages = ("en", "pt")
    for name in ("coll/ucadata.icu", "coll/root.res", "coll/pt.res", "pt_BR.res", "en_GB.res", "zone/pool.res"):
        assert keep(f"icudt73l/{name}", languages), name
    for name in ("uprops.icu", "nfkc.nrm", "zoneinfo64.res", "supplementalData.res", "res_index.res"):
        assert keep(f"icudt73l/{name}", languages), name
    for name in ("de.res", "zh_Hant_TW.res", "coll/zh.res", "ibm-943_P15A-2003.cnv", "brkitr/cjdict.dict"):
        assert not keep(f"icudt73l/{name}", languages), name
    assert not keep("icudt73l/translit/root.res", languages)


def test_qt_collates_cases_and_names_zones_the_same_with_the_trimmed_library(tmp_path: Path) -> None:
    trimmed = _icu_trim().trim(ICU_DATA, tmp_path)
    assert trimmed.name == ICU_DATA.name
    assert trimmed.stat().st_size < ICU_DATA.stat().st_size / 4
    with_trimmed, library = _probe(trimmed)
    assert library == str(trimmed)
    assert with_trimmed == _probe(None)[0]
    assert "Horário Padrão de Brasília" in with_trimmed
    assert "['abacate', 'ábaco', 'avião', 'Ávila', 'cachorro', 'Çao', 'çedilha'" in with_trimmed
