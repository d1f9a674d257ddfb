"""In Portuguese, the main windows show no English: titles, menus, actions, buttons, labels,
placeholders, tabs and column headers all come translated from the shipped catalogue."""

from __future__ import annotations

import ast
import re
import string
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QTabWidget,
    QWidget,
)

from integrado.qt.i18n import install_translator, remove_translators

# Showing a window offscreen makes Qt say so; it is not a problem of the windows under test.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

ROOT = Path(__file__).resolve().parents[3]
PT_TS = ROOT / "resources" / "translations" / "integrado_pt_BR.ts"


def _starters() -> dict[str, Callable[..., Any]]:
    from callsystem_gui.app import start as start_calls
    from event_console.app import start as start_console
    from taskmanager_gui.app import start as start_tasks

    return {"callsystem": start_calls, "taskmanager": start_tasks, "console": start_console}


def _plain(text: str) -> str:
    """Drop mnemonics ('&File' -> 'File', '&&' -> '&') and surrounding space."""
    return re.sub(r"&(.)", r"\1", text).strip()


def _catalogue() -> tuple[set[str], set[str]]:
    """(sources whose Portuguese differs, sources translated identically on purpose: 'E-mail', 'SLA')."""
    differs: set[str] = set()
    same: set[str] = set()
    for message in ET.parse(PT_TS).getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        text = translation.text if translation is not None else ""
        if text:
            (differs if _plain(text) != _plain(source) else same).add(_plain(source))
    return differs, same


def _menu_texts(menu: QMenu, where: str) -> Iterator[tuple[str, str]]:
    yield where, menu.title()
    for action in menu.actions():
        if action.isSeparator():
            continue
        if action.menu() is not None:
            yield from _menu_texts(action.menu(), f"{where} > {action.text()}")
        else:
            yield f"{where} > action", action.text()


def visible_texts(window: QMainWindow) -> list[tuple[str, str]]:
    """(where, text) for every piece of UI text a person sees in the window."""
    texts: list[tuple[str, str]] = [("window title", window.windowTitle())]
    texts.append(("status bar", window.statusBar().currentMessage()))
    for action in window.menuBar().actions():
        if action.menu() is not None:
            texts += _menu_texts(action.menu(), "menu")
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window):
            continue
        kind = type(widget).__name__
        plain_label = isinstance(widget, QLabel) and widget.textFormat() != Qt.TextFormat.RichText
        if isinstance(widget, QAbstractButton) or plain_label:
            texts.append((kind, widget.text()))
        elif isinstance(widget, QGroupBox):
            texts.append((kind, widget.title()))
        elif isinstance(widget, QTabWidget):
            texts += [(kind, widget.tabText(i)) for i in range(widget.count())]
        elif isinstance(widget, QDockWidget):
            texts.append((kind, widget.windowTitle()))
        elif isinstance(widget, QComboBox) and not widget.isEditable():
            # An editable combo's items are suggested values (data), not UI text.
            texts += [(kind, widget.itemText(i)) for i in range(widget.count())]
        if isinstance(widget, QLineEdit):
            texts.append(("placeholder", widget.placeholderText()))
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for section in range(model.columnCount()):
                header = model.headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
                if isinstance(header, str):
                    texts.append((f"{kind} column", header))
    return [(where, _plain(text)) for where, text in texts if text and _plain(text)]


@pytest.fixture
def language(qapp: Any) -> Iterator[Callable[[str], str]]:
    previous = QLocale()
    yield lambda name: install_translator(qapp, name)
    remove_translators(qapp)
    QLocale.setDefault(previous)
    # Removing a translator posts LanguageChange to every top-level widget: deliver it now, or it
    # reaches the next test's windows mid-test (an inline editor closes under its keystrokes).
    qapp.sendPostedEvents()
    qapp.processEvents()


def _open_and_read(qloop: Any, settings: Any, app: str, redis_url: str = "") -> list[tuple[str, str]]:
    handle = qloop.run(_starters()[app](settings))
    try:
        qloop.sleep(0.2)  # first paint, history load, first status messages
        texts = visible_texts(handle.window)
        if app == "console":
            texts += _console_with_live_events(qloop, settings, handle, redis_url)
        return texts
    finally:
        qloop.run(handle.shutdown())


CONSOLE_LIVE_EVENTS = 40


def _console_with_live_events(qloop: Any, settings: Any, handle: Any, redis_url: str) -> list[tuple[str, str]]:
    """The texts the console composes from events: the table's type names, entities and
    summaries, the charts' categories, the connection detail. The same events in both languages
    (a fixed seed), so a text composed in English reads the same in both and is caught."""
    import redis

    from event_console.columns.layout import ENTITY, SUMMARY, TYPE
    from helpers.demo.console import DemoTraffic, publish_sync

    window = handle.window
    client = redis.Redis.from_url(redis_url)
    try:
        publish_sync(client, settings.redis, list(DemoTraffic(seed=11).many(CONSOLE_LIVE_EVENTS)), origin="i18n")
    finally:
        client.close()
    model = window.model
    qloop.wait_until(lambda: model.rowCount() >= CONSOLE_LIVE_EVENTS, message="live events did not appear")
    window.charts.refresh()
    texts = [
        (f"table {name}", model.data(model.index(row, column)))
        for row in range(model.rowCount())
        for name, column in (("type", TYPE), ("entity", ENTITY), ("summary", SUMMARY))
    ]
    for name, axis in (
        ("events by type", window.charts.by_type.getAxis("left")),
        ("open calls", window.charts.open_calls.getAxis("bottom")),
    ):
        texts += [(f"chart {name}", label) for _, label in (axis._tickLevels or [[]])[0]]
    texts.append(("status detail", window.state_detail.text()))
    return [(where, _plain(text)) for where, text in texts if text and _plain(text)]


@pytest.mark.parametrize("app", ["callsystem", "taskmanager", "console"])
def test_the_main_window_in_portuguese_shows_no_english(
    app: str, qloop: Any, settings: Any, redis_server: Any, language: Callable[[str], str]
) -> None:
    english_sources, identical_on_purpose = _catalogue()
    english = _open_and_read(qloop, settings, app, redis_server.url)
    # The walker really sees the window: in English many texts are catalogue sources.
    assert len({t for _, t in english if t in english_sources}) >= 5

    assert language("pt_BR") == "pt_BR"
    portuguese = _open_and_read(qloop, settings, app, redis_server.url)

    untranslated = sorted({(w, t) for w, t in portuguese if t in english_sources})
    assert untranslated == [], untranslated
    # Texts that never went through tr() look the same in both languages.
    same_in_both = {t for _, t in english} & {t for _, t in portuguese}
    words = {
        t
        for t in same_in_both
        if re.search(r"[A-Za-z]{3,}", t) and t not in identical_on_purpose and not _is_name_or_data(t)
    }
    assert sorted(words) == [], sorted(words)


# Product names, protocol names and values that are data rather than UI text.
_NAMES = re.compile(
    r"^(CallSystem|TaskManager|Integrado|Redis|SLA|CSV|JSON Lines|p95|PostgreSQL|SQLite|Ctrl\+\w+|[\W\d_]+)$"
)


def _is_name_or_data(text: str) -> bool:
    import getpass

    user = getpass.getuser()
    parts = [p for p in re.split(r"\s*[—·:()/,]\s*", text) if p]
    return all(_NAMES.match(p) or p == user for p in parts)


# -- CallSystem's error messages -----------------------------------------------------------------

CALLSYSTEM = ROOT / "apps" / "callsystem_gui"
# Values shown inside messages; a placeholder not named here gets a number.
SAMPLE_VALUES: dict[str, Any] = {
    "old": "NEW",
    "new": "CLOSED",
    "time": 1_767_000_000.0,
    "user": "bruno.lima",
    "value": "fax",
    "reason": "payload too large",
}


def _marked(node: ast.AST) -> str | None:
    """The template of `QT_TRANSLATE_NOOP("CallError", "...")`, else None."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "QT_TRANSLATE_NOOP"
        and len(node.args) == 2
        and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args)
        and node.args[0].value == "CallError"  # type: ignore[attr-defined]
    ):
        return node.args[1].value  # type: ignore[attr-defined]
    return None


def _template_argument(call: ast.Call, parameters: list[str]) -> ast.AST | None:
    """The node passed as the `template` parameter of a call with these parameters, if any."""
    for keyword in call.keywords:
        if keyword.arg == "template":
            return keyword.value
    index = parameters.index("template")
    return call.args[index] if index < len(call.args) else None


def callsystem_error_templates() -> list[str]:
    """Every message a CallSystem error can carry, read from the code: each template marked for
    lupdate in context CallError. Fails on an error built from a message that is not marked (it
    could never be translated): the template given to a CallError class, and the one an error
    class hands to its base, must each be a marked literal (or the `template` it was given)."""
    import inspect

    from callsystem_gui import domain

    classes: dict[str, type] = {}
    pending = [domain.CallError]
    while pending:
        cls = pending.pop()
        classes[cls.__name__] = cls
        pending += cls.__subclasses__()
    templates: list[str] = []
    unmarked: list[str] = []
    for path in sorted(CALLSYSTEM.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = path.relative_to(ROOT)
        for node in ast.walk(tree):
            template = _marked(node)
            if template is not None:
                templates.append(template)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in classes:
                signature = inspect.signature(classes[node.func.id]).parameters
                parameters = list(signature)
                if "template" in parameters:
                    given = _template_argument(node, parameters)
                    optional = signature["template"].default is None  # the class's own marked message
                    if (given is None and not optional) or (given is not None and _marked(given) is None):
                        unmarked.append(f"{where}:{node.lineno}: {ast.unparse(node)}")
            if isinstance(node, ast.ClassDef) and node.name in classes and node.name != "CallError":
                for call in ast.walk(node):
                    if (
                        isinstance(call, ast.Call)
                        and isinstance(call.func, ast.Attribute)
                        and call.func.attr == "__init__"
                        and isinstance(call.func.value, ast.Call)
                        and ast.unparse(call.func.value) == "super()"
                    ):
                        base = next(b.id for b in node.bases if isinstance(b, ast.Name))
                        parameters = list(inspect.signature(classes[base]).parameters)
                        given = _template_argument(call, parameters)
                        passed_on = isinstance(given, ast.Name) and given.id == "template"
                        if not passed_on and (given is None or _marked(given) is None):
                            unmarked.append(f"{where}:{call.lineno}: {ast.unparse(call)}")
    assert unmarked == [], unmarked
    return sorted(set(templates))


def _sample_error(template: str) -> Any:
    """An error carrying the template, as the service raises it (fields on the registration form)."""
    from callsystem_gui.domain import CallError, Status, Timestamp, ValidationError

    params: dict[str, Any] = {}
    for _, name, _, _ in string.Formatter().parse(template):
        if name and name != "field":
            value = SAMPLE_VALUES.get(name, 7)
            if name in ("old", "new"):
                value = Status[value]
            elif name == "time":
                value = Timestamp(value)
            params[name] = value
    if "{field}" in template:
        return ValidationError("subject", template, **params)
    return CallError(template, **params)


def _shown_errors(qloop: Any, settings: Any, templates: list[str]) -> list[str]:
    """What the CallSystem window shows for each error (the one text that appears)."""
    from callsystem_gui.app import start

    handle = qloop.run(start(settings))
    shown = []
    try:
        window = handle.window
        for template in templates:
            before = set(visible_texts(window))
            handle.controller.report(_sample_error(template), window.form.show_error)
            new = [text for where, text in set(visible_texts(window)) - before]
            assert len(new) == 1, (template, new)
            shown.append(new[0])
    finally:
        qloop.run(handle.shutdown())
    return shown


def test_every_callsystem_error_reads_in_portuguese(
    qloop: Any, settings: Any, redis_server: Any, language: Callable[[str], str]
) -> None:
    templates = callsystem_error_templates()
    assert len(templates) >= 10  # the walker really finds them
    english = _shown_errors(qloop, settings, templates)
    # In English the window shows each template itself, its placeholders filled.
    english_shape = [_filled(t) for t in templates]
    for shape, text in zip(english_shape, english, strict=True):
        assert shape.fullmatch(text), (shape.pattern, text)

    assert language("pt_BR") == "pt_BR"
    portuguese = _shown_errors(qloop, settings, templates)

    # An untranslated template still reads as the English one, whatever fills it.
    untranslated = [text for shape, text in zip(english_shape, portuguese, strict=True) if shape.fullmatch(text)]
    assert untranslated == [], untranslated
    for template, text in zip(templates, portuguese, strict=True):
        if "{field}" in template:
            assert "Assunto" in text, text  # the field's name is translated too
        assert "{" not in text, text  # every placeholder filled


def _filled(template: str) -> re.Pattern[str]:
    """The template as a pattern: its text as it is, anything in each placeholder."""
    parts = string.Formatter().parse(template)
    return re.compile("".join(re.escape(literal) + (".+" if name else "") for literal, name, _, _ in parts))


# -- What an operator's flows show: the undo stack, a file dialog, a form's errors -------------

_UNDO_WORDS = re.compile(r"\b(Undo|Redo|Create|Rename|Complete|Reopen|Move|Remove)\b")


def _flow_texts(settings: Any, qtbot: Any) -> list[str]:
    """The undo action's text after each kind of TaskManager step, the labels of a file dialog,
    and every error of an empty CallSystem registration."""
    from PySide6.QtWidgets import QFileDialog

    from callsystem_gui.app import build as build_calls
    from integrado.qt.file_dialogs import save_dialog
    from taskmanager_gui.app import build as build_tasks

    texts: list[str] = []
    tasks = build_tasks(settings)
    qtbot.addWidget(tasks.window)
    try:
        controller, undo = tasks.controller, tasks.window.act_undo
        first = controller.create("Escala")
        second = controller.create("Plantão")
        assert first is not None and second is not None
        texts.append(undo.text())
        controller.rename(second, "Plantão de sábado")
        texts.append(undo.text())
        controller.set_completed(second, True)
        texts.append(undo.text())
        controller.move(second, first, 0)
        texts.append(undo.text())
        controller.remove(second)
        texts.append(undo.text())
    finally:
        tasks.controller.save_state()
        tasks.pipeline.engine.dispose()

    dialog = save_dialog(None, "Export", "calls.csv", ["CSV (*.csv)"])
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    for name in ("lookInLabel", "fileTypeLabel", "fileNameLabel"):
        label = dialog.findChild(QLabel, name)
        assert label is not None, name
        texts.append(label.text())

    calls = build_calls(settings)
    qtbot.addWidget(calls.window)
    try:
        form = calls.window.form
        form.phone.setText("51 abc")
        form.submit()
        errors = [form.errors.message(name) for name in ("caller_name", "phone", "subject")]
        assert all(errors), errors  # every bad field at once
        texts += errors
    finally:
        calls.controller.stop()
        calls.pipeline.engine.dispose()
    return [_plain(t) for t in texts]


def test_undo_steps_file_dialogs_and_form_errors_read_in_portuguese(
    settings: Any, qtbot: Any, language: Callable[[str], str]
) -> None:
    english = _flow_texts(settings, qtbot)
    assert len([t for t in english if _UNDO_WORDS.search(t)]) == 5  # the walker sees the steps

    assert language("pt_BR") == "pt_BR"
    portuguese = _flow_texts(settings, qtbot)
    same = [pt for en, pt in zip(english, portuguese, strict=True) if en == pt]
    assert same == [], same
    assert [t for t in portuguese if _UNDO_WORDS.search(t)] == []
