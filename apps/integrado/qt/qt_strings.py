"""Texts of Qt's own dialogs that Qt's Portuguese catalogue (`qtbase_pt_BR`) lacks, marked here
in Qt's own contexts so that they go into Integrado's catalogue; the translator of the app is
consulted before Qt's (see `integrado.qt.i18n`), so every Qt dialog anywhere in the suite reads
them in the operator's language. Nothing calls this module: the marks are for the catalogue tools."""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks `text` for the catalogue tools in `context`; Qt itself translates it at run time."""
    del context
    return text


# QFileDialog (the widget-based dialog, used where the desktop offers no native one): the labels
# with mnemonics have no entry in qtbase_pt_BR ("Look in:" without "&" has one).
QFILEDIALOG_SUPPLEMENT = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Computer"),
)
