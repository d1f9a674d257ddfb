"""The Qt side of alerts: the text of an alert in the supervisor's language, the Alerts panel
(acknowledge, snooze, who did what), the rules dialog and the desktop notification."""

from __future__ import annotations

import time
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from event_console.alerts import wire
from event_console.alerts.engine import Alert
from event_console.alerts.rules import SPECS, AlertRule, AlertRules, RuleKind, Unit

SNOOZE_SECONDS = 15 * 60


def describe(alert: Alert) -> str:
    """One line about an alert, in the window's language (numbers rounded for people)."""
    value = f"{alert.value:.0f}"
    texts = {
        RuleKind.SLA_BREACHED: QCoreApplication.translate("Alerts", "Call {subject}: SLA breached {value} min ago"),
        RuleKind.SLA_DUE_SOON: QCoreApplication.translate("Alerts", "Call {subject}: SLA due in {value} min"),
        RuleKind.UNASSIGNED: QCoreApplication.translate("Alerts", "Call {subject}: unassigned for {value} min"),
        RuleKind.WAITING_ABOVE: QCoreApplication.translate(
            "Alerts", "{value} calls waiting for a first action (more than {threshold})"
        ),
        RuleKind.GAP_OR_REJECTED: QCoreApplication.translate("Alerts", "Events missing or rejected: {subject}"),
        RuleKind.CONNECTION_LOST: QCoreApplication.translate("Alerts", "Connection lost for {value} s ({subject})"),
        RuleKind.OPERATOR_IDLE: QCoreApplication.translate("Alerts", "{subject}: no activity for {value} min"),
    }
    return texts[alert.rule].format(subject=alert.subject, value=value, threshold=alert.threshold)


def describe_history(alert: Alert) -> str:
    """Who did what to an alert, one line each, oldest first."""
    verbs = {
        wire.RAISED: QCoreApplication.translate("Alerts", "raised"),
        wire.ACKNOWLEDGED: QCoreApplication.translate("Alerts", "acknowledged"),
        wire.CLEARED: QCoreApplication.translate("Alerts", "cleared"),
    }
    lines = []
    for at, what, who in alert.history:
        when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(at))
        lines.append(f"{when}  {verbs.get(what, what)}  {who or '—'}")
    if alert.snoozed_until is not None and alert.snoozed_until > time.time():
        until = time.strftime("%H:%M", time.localtime(alert.snoozed_until))
        lines.append(QCoreApplication.translate("Alerts", "snoozed on this console until {0}").format(until))
    return "\n".join(lines)


class AlertsPanel(QWidget):
    """The alerts this console knows: those needing attention first; acknowledge or snooze the
    selected one; its history (who raised, acknowledged, cleared it) below."""

    acknowledge_requested = Signal(str)  # alert id
    snooze_requested = Signal(str, float)  # alert id, until (epoch seconds)
    rules_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Alerts"))
        # A little larger than the table's text: alerts are read at a glance.
        font = self.list.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.list.setFont(font)
        self.history = QPlainTextEdit(self)
        self.history.setAccessibleName(self.tr("Alert history"))
        self.history.setReadOnly(True)
        self.history.setMaximumHeight(110)
        self.acknowledge_button = QPushButton(self.tr("Acknowledge"), self)
        self.snooze_button = QPushButton(self.tr("Snooze 15 min"), self)
        self.rules_button = QPushButton(self.tr("Rules…"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.acknowledge_button)
        buttons.addWidget(self.snooze_button)
        buttons.addStretch(1)
        buttons.addWidget(self.rules_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.history)
        self._alerts: dict[str, Alert] = {}
        self.list.currentItemChanged.connect(lambda *_: self._show_current())
        self.acknowledge_button.clicked.connect(self._acknowledge)
        self.snooze_button.clicked.connect(self._snooze)
        self.rules_button.clicked.connect(self.rules_requested)
        self._show_current()

    def current_alert_id(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def show_alerts(self, alerts: Sequence[Alert], now: float) -> None:
        """Every alert kept, as `AlertEngine.listed()` orders them; the selection stays."""
        current = self.current_alert_id()
        self._alerts = {a.alert_id: a for a in alerts}
        self.list.blockSignals(True)
        self.list.clear()
        for alert in alerts:
            state = (
                self.tr("NEW")
                if alert.needs_attention(now)
                else self.tr("acknowledged")
                if alert.acknowledged_by and alert.active
                else self.tr("snoozed")
                if alert.active and alert.snoozed_until
                else self.tr("active")
                if alert.active
                else self.tr("over")
            )
            at = time.strftime("%H:%M", time.localtime(alert.raised_at))
            item = QListWidgetItem(f"{at}  [{state}]  {describe(alert)}")
            item.setData(Qt.ItemDataRole.UserRole, alert.alert_id)
            if alert.needs_attention(now):
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            elif not alert.active:
                item.setForeground(self.palette().placeholderText())
            self.list.addItem(item)
            if alert.alert_id == current:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self._show_current()

    def _show_current(self) -> None:
        alert = self._alerts.get(self.current_alert_id() or "")
        self.history.setPlainText("" if alert is None else describe_history(alert))
        self.acknowledge_button.setEnabled(alert is not None and alert.active)
        self.snooze_button.setEnabled(alert is not None and alert.active)

    def _acknowledge(self) -> None:
        ident = self.current_alert_id()
        if ident:
            self.acknowledge_requested.emit(ident)

    def _snooze(self) -> None:
        ident = self.current_alert_id()
        if ident:
            self.snooze_requested.emit(ident, time.time() + SNOOZE_SECONDS)


class AlertRulesDialog(QDialog):
    """Each rule on or off with its threshold, and the sound; `rules()` reads what was chosen."""

    def __init__(self, rules: AlertRules, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Alert rules"))
        form = QFormLayout()
        self.enabled: dict[RuleKind, QCheckBox] = {}
        self.values: dict[RuleKind, QSpinBox] = {}
        units = {Unit.MINUTES: self.tr(" min"), Unit.SECONDS: self.tr(" s"), Unit.COUNT: self.tr(" calls")}
        for rule in rules.rules:
            spec = SPECS[rule.kind]
            check = QCheckBox(QCoreApplication.translate("Alerts", spec.title), self)
            check.setChecked(rule.enabled)
            self.enabled[rule.kind] = check
            if spec.unit is Unit.NONE:
                form.addRow(check)
                continue
            spin = QSpinBox(self)
            spin.setRange(1 if spec.unit is not Unit.COUNT else 0, spec.maximum)
            spin.setValue(rule.value)
            spin.setSuffix(units[spec.unit])
            self.values[rule.kind] = spin
            form.addRow(check, spin)
        self.sound = QCheckBox(self.tr("Beep when an alert is raised"), self)
        self.sound.setChecked(rules.sound)
        form.addRow(self.sound)
        note = QLabel(
            self.tr("These rules apply to this console; the settings file gives the office's defaults."), self
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self._base = rules

    def rules(self) -> AlertRules:
        chosen = self._base
        for kind, check in self.enabled.items():
            spin = self.values.get(kind)
            value = spin.value() if spin is not None else chosen.get(kind).value
            chosen = chosen.with_rule(AlertRule(kind, check.isChecked(), value))
        return AlertRules(chosen.rules, self.sound.isChecked())


class AlertNotifier(QWidget):
    """The desktop notification: a tray icon's message where the desktop has a tray (and a beep
    if the rules ask for one). Without a tray the Alerts panel and the wallboard's banner show it."""

    def __init__(self, icon: QIcon, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(icon, self)
            self.tray.setToolTip(self.tr("Integrado — alerts"))
        self.shown: list[str] = []  # what was notified, newest last (tests read it)

    def notify(self, alerts: Sequence[Alert], *, sound: bool) -> None:
        if not alerts:
            return
        lines = [describe(a) for a in alerts]
        self.shown.extend(lines)
        del self.shown[:-50]
        if self.tray is not None:
            self.tray.show()
            title = self.tr("Alert") if len(alerts) == 1 else self.tr("{0} alerts").format(len(alerts))
            self.tray.showMessage(title, "\n".join(lines[:5]), QSystemTrayIcon.MessageIcon.Warning, 15_000)
        if sound:
            QApplication.beep()
