"""The Signatures tab (签字确认): a pad per signer (mouse, pen tablet or touch), paper signatures, the lock, revisions.
The rules and the lock are handover.signoff.service; signing runs off the GUI thread."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QPainterPath, QPen, QTabletEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from handover.changes import Changes
from handover.signoff import revisions
from handover.signoff import service as signoff
from handover.signoff.ink import Strokes
from ui.context import AppContext
from ui.dialogs import dialogs
from ui.errors import user_message
from ui.tasks import Progress, run_task
from ui.text import BAD, GREY, OK, coloured
from ui.words import signer_role


class SignaturePad(QWidget):
    """Collects pen-down … pen-up strokes in its own pixels (y down), as handover.signoff.ink.Strokes expects."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedSize(480, 180)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.setStyleSheet("background: white;")
        self.setAutoFillBackground(True)
        self._strokes: list[list[tuple[float, float]]] = []
        self._drawing = False

    def strokes(self) -> Strokes | None:
        kept = tuple(tuple(s) for s in self._strokes if s)
        return Strokes(float(self.width()), float(self.height()), kept) if kept else None

    def clear(self) -> None:
        self._strokes.clear()
        self.update()
        self.changed.emit()

    def _begin(self, point: QPointF) -> None:
        self._drawing = True
        self._strokes.append([(round(point.x(), 1), round(point.y(), 1))])
        self.update()

    def _extend(self, point: QPointF) -> None:
        if self._drawing:
            self._strokes[-1].append((round(point.x(), 1), round(point.y(), 1)))
            self.update()

    def _end(self) -> None:
        if self._drawing:
            self._drawing = False
            self.changed.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._extend(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._end()

    def tabletEvent(self, event: QTabletEvent) -> None:
        kind = event.type()
        if kind == QTabletEvent.Type.TabletPress:
            self._begin(event.position())
        elif kind == QTabletEvent.Type.TabletMove:
            self._extend(event.position())
        elif kind == QTabletEvent.Type.TabletRelease:
            self._end()
        event.accept()

    def paintEvent(self, event: Any) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        painter.setPen(QPen(Qt.GlobalColor.lightGray, 1, Qt.PenStyle.DashLine))
        painter.drawLine(20, self.height() - 40, self.width() - 20, self.height() - 40)
        painter.setPen(QPen(Qt.GlobalColor.black, 2.4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
        for stroke in self._strokes:
            path = QPainterPath(QPointF(*stroke[0]))
            for point in stroke[1:]:
                path.lineTo(QPointF(*point))
            painter.drawPath(path) if len(stroke) > 1 else painter.drawPoint(QPointF(*stroke[0]))


class PadDialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.pad = SignaturePad()
        hint = QLabel(self.tr("Sign above the line with the mouse, a pen tablet or a finger."))
        hint.setStyleSheet(f"color: {GREY};")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Sign"))
        self.ok.setEnabled(False)
        clear = buttons.addButton(self.tr("Clear"), QDialogButtonBox.ButtonRole.ResetRole)
        clear.clicked.connect(self.pad.clear)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.pad.changed.connect(lambda: self.ok.setEnabled(self.pad.strokes() is not None))
        for button in buttons.buttons():  # Enter signs, never the first button in the box (取消 threw a signature away)
            button.setAutoDefault(False)
        self.ok.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pad)
        layout.addWidget(hint)
        layout.addWidget(buttons)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter signs what is drawn (nothing when the pad is empty); Escape cancels, as in every dialog."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.ok.isEnabled():
                self.accept()
            return
        super().keyPressEvent(event)


class SignaturesTab(QWidget):
    locked = Signal(int)  # case id: the last required signature locked the case
    revised = Signal(int)  # the new draft's id

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.case_id = ctx, case_id
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setToolTip(self.tr("The content checksum is computed from everything the case holds: any change "
                                        "alters it, and signatures given before the change no longer count"))  # fmt: skip
        self.grid = QGridLayout()
        self.grid.setColumnStretch(4, 1)
        box = QGroupBox(self.tr("Signers"))
        box.setLayout(self.grid)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.revise_reason = QLineEdit()
        self.revise_reason.setPlaceholderText(self.tr("reason for a corrected version (at least 4 characters)"))
        self.revise_button = QPushButton(self.tr("Create a revision"))
        self.revise_button.clicked.connect(self.revise)
        revise_row = QHBoxLayout()
        revise_row.addWidget(self.revise_reason, 1)
        revise_row.addWidget(self.revise_button)
        self.revise_box = QWidget()
        self.revise_box.setLayout(revise_row)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(box)
        layout.addWidget(self.message)
        layout.addWidget(self.revise_box)
        layout.addStretch()
        self.names: dict[tuple[str, int], QLineEdit] = {}
        self.refresh()
        # the signers come from the panel drawn; a change of content outdates the signatures given
        ctx.hub.follow(self, lambda c: c.of_case(case_id) and (c.content or c.signatures or c.status), self.refresh)

    def refresh(self) -> None:
        state = signoff.status(self.ctx.db, self.case_id)
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.names.clear()
        for row, signer in enumerate(signoff.signers(self.ctx.db, self.case_id)):
            role = signer.role
            label = QLabel(f"<b>{signer_role(role)}</b>" + (" *" if signer.required else ""))
            edit = QLineEdit(signer.name)
            edit.setReadOnly((bool(signer.name) and role != "supervisor") or signer.signature is not None)
            if role == "supervisor":
                edit.setPlaceholderText(self.tr("name of the supervisor"))
            self.names[(role, row)] = edit
            sig = signer.signature
            outdated = any(s.role == role and s.name == signer.name and not s.current for s in state.signatures)
            if sig is not None:
                how = self.tr("handwritten") if sig.has_strokes or sig.has_image else self.tr("on paper")
                status = coloured(self.tr("signed {0} ({1})").format(f"{sig.signed_at:%Y-%m-%d %H:%M}", how), OK)
            elif outdated:
                status = coloured(self.tr("signed, but the case changed since: sign again"), BAD)
            else:
                status = coloured(self.tr("not signed"), GREY)
            pad = QPushButton(self.tr("Sign on the pad…"))
            pad.clicked.connect(lambda _=False, r=role, k=row: self.sign_with_pad(r, k))
            paper = QPushButton(self.tr("Signed on paper"))
            paper.setToolTip(self.tr("The signer signs the printout in ink; the scan can be attached later"))
            paper.clicked.connect(lambda _=False, r=role, k=row: self.sign_on_paper(r, k))
            for button in (pad, paper):
                # signer.open: before the lock everyone signs in review; after it only the drawn panel may add theirs
                button.setEnabled(signer.open and sig is None)
            for column, widget in enumerate((label, edit, pad, paper, QLabel(status))):
                self.grid.addWidget(widget, row, column)
        missing = "、".join(signer_role(r) for r in state.missing) or "—"
        if state.locked:
            text = coloured(self.tr("Signed and locked. Fingerprint {0}.").format(state.fingerprint[:16]), OK, bold=True)
        elif state.status != "review":
            text = coloured(self.tr("Submit the case for review before anyone signs."), BAD)
        else:
            text = coloured(self.tr("Still to sign: {0}. Fingerprint {1}.").format(missing, state.fingerprint[:16]), GREY)
        self.summary.setText(text)
        self.revise_box.setVisible(state.locked)

    def sign_with_pad(self, role: str, row: int) -> PadDialog:
        dialog = PadDialog(self.tr("{0}: {1}").format(signer_role(role), self.names[(role, row)].text()), self)
        dialog.accepted.connect(lambda: self.sign(role, row, dialog.pad.strokes()))
        dialog.open()
        return dialog

    def sign_on_paper(self, role: str, row: int) -> Any:
        """One click records a signature (the third locks the case): ask first, naming who and in which role."""
        name = self.names[(role, row)].text().strip()
        question = self.tr("Record that {0} signed the printed sheet in ink as {1}?\n"
                           "This is entered in the record and cannot be withdrawn.").format(name or "—", signer_role(role))  # fmt: skip
        locks = self.lock_warning(role)
        if not dialogs().confirm(self, self.tr("Signed on paper"), question + (f"\n\n{locks}" if locks else "")):
            return None
        return self.sign(role, row, None, asked=True)

    def lock_warning(self, role: str) -> str | None:
        """When `role` is the last required signature: what it locks and what a correction will need; else None."""
        state = signoff.status(self.ctx.db, self.case_id)
        if state.locked or state.status != "review" or tuple(state.missing) != (role,):
            return None
        return self.tr(
            "This is the last required signature: it signs and locks case {0}. The values, the village lists, the "
            "overall evaluation and the panel become read-only and the documents are frozen. A correction after "
            "that needs a revision (a new version of the case, submitted and signed again)."
        ).format(self.case_id)

    def sign(self, role: str, row: int, strokes: Strokes | None, *, asked: bool = False) -> Any:
        """Record the signature off the GUI thread; the one that locks the case asks first (unless `asked` already)."""
        name = self.names[(role, row)].text()
        db, case_id = self.ctx.db, self.case_id
        locks = None if asked else self.lock_warning(role)
        if locks and not dialogs().confirm(self, self.tr("Sign and lock the case"), locks):
            self.message.setText(coloured(self.tr("Not signed: the case stays open."), GREY))
            return None
        was_locked = signoff.status(db, case_id).locked  # a panel member signing after the lock reopens nothing

        def work(progress: Progress) -> Any:
            return signoff.sign(db, case_id, role, name, strokes=strokes)

        def done(state: Any) -> None:
            self.message.setText(coloured(self.tr("{0} signed as {1}.").format(name, signer_role(role)), OK))
            self.refresh()
            self.ctx.hub.publish(Changes(self.case_id, signatures=True, status=state.locked and not was_locked), self)
            if state.locked and not was_locked:
                self.locked.emit(self.case_id)

        def failed(exc: BaseException) -> None:
            self.message.setText(coloured(user_message(exc), BAD))

        self.message.setText(coloured(self.tr("Recording the signature…"), GREY))
        return run_task(work, done, failed, parent=self)

    def revise(self) -> int | None:
        try:
            new_id = revisions.revise(self.ctx.db, self.case_id, self.revise_reason.text())
        except Exception as exc:  # noqa: BLE001
            self.message.setText(coloured(user_message(exc), BAD))
            return None
        dialogs().info(self, self.tr("Revision"), self.tr("Case {0} was created as a corrected version of case {1}.").format(new_id, self.case_id))
        self.ctx.hub.publish(Changes(new_id, status=True), self)
        self.revised.emit(new_id)
        return new_id
