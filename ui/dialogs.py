"""Message boxes and file pickers behind one small service, so tests swap it for a recorder instead of patching Qt."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget


class Dialogs:
    """The real dialogs. Every widget asks `dialogs()` for the current service instead of calling QMessageBox itself."""

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.warning(parent, title, text)

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        answer = QMessageBox.question(parent, title, text, QMessageBox.Yes | QMessageBox.No, QMessageBox.Yes)
        return answer == QMessageBox.Yes

    def open_file(self, parent: QWidget | None, title: str, filters: str) -> str | None:
        path, _ = QFileDialog.getOpenFileName(parent, title, "", filters)
        return path or None

    def ask_password(self, parent: QWidget | None, title: str, label: str) -> str | None:
        text, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Password)
        return text if ok else None

    def choose_folder(self, parent: QWidget | None, title: str) -> str | None:
        path = QFileDialog.getExistingDirectory(parent, title)
        return path or None

    def save_file(self, parent: QWidget | None, title: str, suggested: str, filters: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
        return path or None


_current: Dialogs = Dialogs()


def dialogs() -> Dialogs:
    return _current


def install(service: Dialogs) -> Dialogs:
    """Replace the dialog service (tests); returns the previous one."""
    global _current
    previous, _current = _current, service
    return previous
