"""The Alerts panel (acknowledge, snooze, who did what), the rules dialog and the notifier."""

from __future__ import annotations

import time

from PySide6.QtGui import QIcon
from pytestqt.qtbot import QtBot

from event_console.alerts import wire
from event_console.alerts.engine import Alert
from event_console.alerts.panel import SNOOZE_SECONDS, AlertNotifier, AlertRulesDialog, AlertsPanel, describe
from event_console.alerts.rules import DEFAULT_RULES, RuleKind

NOW = time.time()


def alert(rule: RuleKind, subject: str, value: float = 3.0) -> Alert:
    made = Alert(wire.alert_id(rule, subject), rule, subject, value, 10, NOW - 60, NOW - 30, "ana.sup")
    made.history.append((NOW - 30, wire.RAISED, "ana.sup"))
    return made


def test_panel_lists_acknowledges_and_snoozes(qtbot: QtBot) -> None:
    panel = AlertsPanel()
    qtbot.addWidget(panel)
    breach, idle = alert(RuleKind.SLA_BREACHED, "#42 · 5b0f8f"), alert(RuleKind.OPERATOR_IDLE, "rui", 50)
    idle.acknowledged_by.append((NOW - 5, "rita"))
    idle.history.append((NOW - 5, wire.ACKNOWLEDGED, "rita"))
    panel.show_alerts([breach, idle], NOW)
    assert panel.list.count() == 2
    assert (
        "[NEW]" in panel.list.item(0).text()
        and "Call #42 · 5b0f8f: SLA breached 3 min ago" in panel.list.item(0).text()
    )
    assert "[acknowledged]" in panel.list.item(1).text()
    panel.list.setCurrentRow(1)
    assert "acknowledged  rita" in panel.history.toPlainText()
    panel.list.setCurrentRow(0)
    with qtbot.waitSignal(panel.acknowledge_requested) as acked:
        panel.acknowledge_button.click()
    assert acked.args == [breach.alert_id]
    with qtbot.waitSignal(panel.snooze_requested) as snoozed:
        panel.snooze_button.click()
    assert snoozed.args is not None and snoozed.args[0] == breach.alert_id
    assert abs(snoozed.args[1] - (time.time() + SNOOZE_SECONDS)) < 5
    panel.show_alerts([breach, idle], NOW)  # a refresh keeps the selection
    assert panel.current_alert_id() == breach.alert_id


def test_rules_dialog_reads_back_what_was_chosen(qtbot: QtBot) -> None:
    dialog = AlertRulesDialog(DEFAULT_RULES)
    qtbot.addWidget(dialog)
    assert len(dialog.enabled) == len(RuleKind)
    dialog.values[RuleKind.SLA_DUE_SOON].setValue(5)
    dialog.enabled[RuleKind.OPERATOR_IDLE].setChecked(False)
    dialog.sound.setChecked(True)
    chosen = dialog.rules()
    assert chosen.get(RuleKind.SLA_DUE_SOON).value == 5
    assert chosen.enabled(RuleKind.OPERATOR_IDLE) is None and chosen.sound
    assert chosen.get(RuleKind.UNASSIGNED) == DEFAULT_RULES.get(RuleKind.UNASSIGNED)


def test_every_rule_reads_as_a_sentence_and_the_notifier_keeps_them(qtbot: QtBot) -> None:
    texts = [describe(alert(kind, "x")) for kind in RuleKind]
    assert len(set(texts)) == len(RuleKind) and all("{" not in t for t in texts)
    notifier = AlertNotifier(QIcon())
    qtbot.addWidget(notifier)
    notifier.notify([alert(RuleKind.UNASSIGNED, "#7")], sound=False)
    assert notifier.shown == ["Call #7: unassigned for 3 min"]
