"""Desktop integration: identity and icons, .desktop files, the About dialog, window memory,
the launcher's dispatch and the smoke test's own checks (from source)."""

from __future__ import annotations

import configparser
import importlib.util
import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QImageReader
from PySide6.QtWidgets import QLabel, QMainWindow

from integrado.qt.about import AboutDialog, redact_db_url
from integrado.qt.desktop import (
    ACTION_ICON_SIZES,
    PROGRAMS,
    action_icon,
    app_icon,
    remember_window,
    set_app_icon,
    settle_style,
    setup_application,
)
from integrado.settings import Settings
from integrado_suite.smoke import check_bundle, pipeline_round_trip

ROOT = Path(__file__).resolve().parents[2]


def _launcher() -> Any:
    spec = importlib.util.spec_from_file_location("launcher", ROOT / "packaging" / "launcher.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_each_program_has_every_icon_size_and_a_windows_icon(qapp: Any) -> None:
    for name, (base, _desktop_id, _display) in PROGRAMS.items():
        icon = app_icon(name)
        assert sorted(s.width() for s in icon.availableSizes()) == [16, 24, 32, 48, 64, 128, 256, 512], name
        assert (ROOT / "resources" / "icons" / f"{base}.ico").stat().st_size > 1000


def test_each_toolbar_action_icon_is_shipped_at_every_size(qapp: Any) -> None:
    names = sorted({path.name.rsplit("-", 1)[0] for path in (ROOT / "resources" / "icons" / "actions").glob("*.png")})
    assert len(names) == 10, names
    for name in names:
        icon = action_icon(name)
        assert sorted(s.width() for s in icon.availableSizes()) == list(ACTION_ICON_SIZES), name


def test_every_shipped_png_icon_is_the_size_its_name_says(qapp: Any) -> None:
    # The icons are given to Qt with the size in their names (read only when drawn at it).
    pngs = sorted((ROOT / "resources" / "icons").rglob("*-*.png"))
    assert len(pngs) >= 40 + 8 * len(PROGRAMS)
    for path in pngs:
        size = int(path.stem.rsplit("-", 1)[1])
        image = QImageReader(str(path))
        assert (image.size().width(), image.size().height()) == (size, size), path.name


def test_the_application_gets_its_name_icon_and_desktop_id(qapp: Any) -> None:
    setup_application(qapp, "EventConsole")
    set_app_icon(qapp, "EventConsole")
    try:
        assert qapp.applicationDisplayName() == "Event Console"
        assert qapp.desktopFileName() == "integrado-eventconsole"
        assert not qapp.windowIcon().isNull()
    finally:
        qapp.setApplicationDisplayName("")
        qapp.setDesktopFileName("")


def test_a_style_that_ignores_the_dark_scheme_gives_way_to_fusion(qapp: Any) -> None:
    before = qapp.style().name()
    qapp.setStyle("Windows")
    try:
        settle_style(qapp)
        assert qapp.style().name().lower() == "fusion"
    finally:
        qapp.setStyle(before)


def test_desktop_files_start_the_programs_the_spec_builds() -> None:
    spec = (ROOT / "build.spec").read_text()
    built = set(re.findall(r'\("(\w+)", "\w+", (?:True|False)\)', spec))
    assert built == {"CallSystem", "TaskManager", "EventConsole", "integrado"}
    for _name, (base, desktop_id, _display) in PROGRAMS.items():
        path = ROOT / "resources" / "desktop" / f"{desktop_id}.desktop"
        parser = configparser.RawConfigParser(strict=True)
        parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
        parser.read(path, encoding="utf-8")
        entry = parser["Desktop Entry"]
        assert entry["Type"] == "Application" and entry["Icon"] == desktop_id
        program = entry["Exec"].split()[0]
        assert program.startswith("@PREFIX@/") and program.removeprefix("@PREFIX@/") in built
        assert entry["Comment[pt_BR]"] and entry["Categories"].endswith(";")
        assert (ROOT / "resources" / "icons" / f"{base}-256.png").is_file()


def test_the_about_dialog_names_the_servers_without_their_passwords(qtbot: Any, isolated_env: Path) -> None:
    settings = Settings.load(
        {
            "INTEGRADO_CONFIG_DIR": str(isolated_env / "config"),
            "INTEGRADO_DATA_DIR": str(isolated_env / "data"),
            "REDIS_URL": "redis://operator:s3cret-redis@redis.office.lan:6380/2",
            "INTEGRADO_CALLSYSTEM_DB": "postgresql://integrado:s3cret-pg@db.office.lan/calls",
        },
        read_keyring=False,
    )
    dialog = AboutDialog(settings, "CallSystem")
    qtbot.addWidget(dialog)
    shown = " ".join(label.text() for label in dialog.findChildren(QLabel))

    assert "s3cret" not in shown
    assert dialog.fields["redis"].text() == "redis://operator:***@redis.office.lan:6380/2"
    assert dialog.fields["db:calls"].text() == "postgresql://integrado:***@db.office.lan/calls"
    assert dialog.fields["version"].text() == __import__("integrado").__version__
    assert redact_db_url("not a url") == "(invalid URL)"


def test_a_window_reopens_where_it_was_closed(qtbot: Any, settings: Settings) -> None:
    first = QMainWindow()
    qtbot.addWidget(first)
    remember_window(first, settings, "test")
    first.setGeometry(QRect(40, 50, 640, 420))
    first.show()
    first.close()

    second = QMainWindow()
    qtbot.addWidget(second)
    remember_window(second, settings, "test")

    assert (second.geometry().width(), second.geometry().height()) == (640, 420)


@pytest.mark.parametrize(
    ("argv0", "expected"),
    [("/opt/integrado/CallSystem", "CallSystem"), ("C:\\Integrado\\EventConsole.exe", "EventConsole")],
)
def test_the_launcher_runs_the_program_named_by_its_file(argv0: str, expected: str) -> None:
    launcher = _launcher()
    assert launcher._program_name([argv0.replace("\\", "/"), "--smoke-test"]) == expected


def test_the_launcher_can_be_told_which_program_it_is() -> None:
    argv = ["launcher.py", "--as", "taskmanager", "--smoke-test"]
    assert _launcher()._program_name(argv) == "TaskManager"
    assert argv == ["launcher.py", "--smoke-test"]
    with pytest.raises(SystemExit, match="unknown program 'Calc'"):
        _launcher()._program_name(["/usr/bin/Calc"])


def test_the_smoke_checks_pass_on_a_complete_installation() -> None:
    assert check_bundle() == []


def test_the_smoke_checks_name_a_missing_translation(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import integrado.resources as resources

    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "event-v1.schema.json").write_text("{}")
    monkeypatch.setattr(resources, "resources_dir", lambda: tmp_path)

    problems = check_bundle()

    assert any("missing resource" in p and "icons" in p for p in problems)
    assert any("Portuguese translation" in p for p in problems)


def test_one_event_goes_round_trip_on_the_smoke_channels(qloop: Any, settings: Settings, redis_server: Any) -> None:
    import redis

    took = qloop.run(pipeline_round_trip(settings), timeout=30)

    assert 0 < took < 15
    client = redis.Redis.from_url(redis_server.url)
    try:
        # The office's own channels never see the test event.
        assert client.xlen("integrado:smoke:calls:stream") == 1
        assert client.exists(settings.redis.calls_stream) == 0
    finally:
        client.close()


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_about_joins_the_existing_help_menu_and_opens_the_dialog(qtbot: Any, settings: Settings) -> None:
    from PySide6.QtWidgets import QApplication

    from integrado.qt.about import add_about_action

    window = QMainWindow()
    qtbot.addWidget(window)
    window.menuBar().addMenu("&Call")
    help_menu = window.menuBar().addMenu("&Help")
    help_menu.addAction("&Keyboard shortcuts")

    action = add_about_action(window, settings, "TaskManager")

    assert [a.menu().title() for a in window.menuBar().actions()] == ["&Call", "&Help"]
    assert help_menu.actions()[-1] is action and action.text() == "&About TaskManager"
    action.trigger()
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, AboutDialog))
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.windowTitle() == "About TaskManager"
    assert dialog.fields["db:tasks"].text() == settings.taskmanager_db
    dialog.close()


def test_a_window_without_menus_gets_a_help_menu_for_about(qtbot: Any, settings: Settings) -> None:
    from integrado.qt.about import add_about_action

    window = QMainWindow()
    qtbot.addWidget(window)

    add_about_action(window, settings, "EventConsole")

    menus = [a.menu() for a in window.menuBar().actions()]
    assert [m.title() for m in menus] == ["&Help"]
    assert [a.text() for a in menus[0].actions()] == ["&About Event Console"]


def test_the_programs_report_the_version_the_package_and_installers_carry() -> None:
    import tomllib

    import integrado

    # build.spec stamps Windows version resources from pyproject.toml; --version and About read
    # integrado.__version__: they must never disagree.
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert integrado.__version__ == project["version"]


def test_a_database_from_a_newer_release_ends_the_program_with_a_message(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from integrado.migrations import DatabaseTooNew

    launcher = _launcher()

    def refused(_name: str, _argv: list[str]) -> int:
        raise DatabaseTooNew("The CallSystem database was written by a newer version of Integrado")

    monkeypatch.setattr(launcher, "_dispatch", refused)
    monkeypatch.setattr(launcher.sys, "argv", ["/opt/integrado/CallSystem"])

    # Offscreen (as here and in CI) there is nobody to close a dialog: the message is printed.
    assert launcher.main() == 3
    assert "newer version of Integrado" in capsys.readouterr().err
