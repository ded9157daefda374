"""Message boxes and file pickers behind one small service, so tests swap it for a recorder instead of patching Qt."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6 import QtWidgets as Qw  # the module: each dialog class is made on its first use, not at start-up

if TYPE_CHECKING:  # Qt's print support is loaded when something is printed, not at start-up
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QWidget


class Dialogs:
    """The real dialogs. Every widget asks `dialogs()` for the current service instead of calling QMessageBox itself."""

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        Qw.QMessageBox.information(parent, title, text)

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        Qw.QMessageBox.warning(parent, title, text)

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        answer = Qw.QMessageBox.question(parent, title, text, Qw.QMessageBox.Yes | Qw.QMessageBox.No, Qw.QMessageBox.Yes)
        return answer == Qw.QMessageBox.Yes

    def open_file(self, parent: QWidget | None, title: str, filters: str) -> str | None:
        path, _ = Qw.QFileDialog.getOpenFileName(parent, title, "", filters)
        return path or None

    def ask_password(self, parent: QWidget | None, title: str, label: str) -> str | None:
        text, ok = Qw.QInputDialog.getText(parent, title, label, Qw.QLineEdit.EchoMode.Password)
        return text if ok else None

    def ask_text(self, parent: QWidget | None, title: str, label: str) -> str | None:
        text, ok = Qw.QInputDialog.getText(parent, title, label)
        return text if ok else None

    def choose_folder(self, parent: QWidget | None, title: str) -> str | None:
        path = Qw.QFileDialog.getExistingDirectory(parent, title)
        return path or None

    def save_file(self, parent: QWidget | None, title: str, suggested: str, filters: str) -> str | None:
        path, _ = Qw.QFileDialog.getSaveFileName(parent, title, suggested, filters)
        return path or None

    def print_setup(self, parent: QWidget | None, printer: QPrinter, pages: int) -> bool:
        """The system print dialog: printer, page range and copies go into `printer`; False: cancelled."""
        from PySide6.QtPrintSupport import QPrintDialog

        dialog = QPrintDialog(printer, parent)
        dialog.setMinMax(1, max(pages, 1))
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
        return dialog.exec() == Qw.QDialog.DialogCode.Accepted

    def print_preview(self, parent: QWidget | None, printer: QPrinter, paint: Callable[[QPrinter], object]) -> bool:
        """The print preview; its print button opens the system print dialog and prints with `paint`. False: closed."""
        from PySide6.QtPrintSupport import QPrintPreviewDialog

        dialog = QPrintPreviewDialog(printer, parent)
        dialog.paintRequested.connect(paint)
        return dialog.exec() == Qw.QDialog.DialogCode.Accepted


_current: Dialogs = Dialogs()


def dialogs() -> Dialogs:
    return _current


def install(service: Dialogs) -> Dialogs:
    """Replace the dialog service (tests); returns the previous one."""
    global _current
    previous, _current = _current, service
    return previous
