"""Attachments of a case: photos and documents from the field visits, shown as thumbnails, stored in the database."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent, QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from handover import catalogue, reading
from handover.changes import Changes
from handover.services import attachments
from handover.services.attachments import AttachmentView
from ui.context import AppContext
from ui.dialogs import dialogs
from ui.errors import user_message
from ui.text import BAD, coloured

THUMB = QSize(160, 120)
ATTACHMENT_ROLE = Qt.ItemDataRole.UserRole + 1


def _pdf_first_page(content: bytes) -> QImage:
    """The first page of a PDF (a scanned sheet, a document from the visit) as a thumbnail; a null image if unreadable."""
    from PySide6.QtPdf import QPdfDocument

    buffer = QBuffer()
    buffer.setData(content)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() == 0:
        return QImage()
    page = document.pagePointSize(0).toSize().scaled(THUMB * 2, Qt.AspectRatioMode.KeepAspectRatio)
    image = document.render(0, page)
    document.close()
    return image


class AttachmentsTab(QWidget):
    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.case_id = ctx, case_id
        self.indicator = QComboBox()
        self.indicator.addItem(self.tr("Whole case"), None)
        for ind in catalogue.load().indicators:
            self.indicator.addItem(f"{ind.code} {ind.name}", ind.code)
        self.signed = reading.get_case(ctx.db, case_id).summary.status == "signed"
        # a signed case takes only the scan of the ink-signed sheet
        self.add_button = QPushButton(self.tr("Add the scan of the signed sheet…") if self.signed else self.tr("Add photo or document…"))
        self.add_button.clicked.connect(lambda: self.add())
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.clicked.connect(self.open_current)
        self.list = QListWidget()
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setIconSize(THUMB)
        self.list.setGridSize(QSize(THUMB.width() + 30, THUMB.height() + 60))
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setMovement(QListView.Movement.Static)
        self.list.setWordWrap(True)
        self.list.itemActivated.connect(lambda _: self.open_current())
        self.setAcceptDrops(True)  # photos dragged from the camera folder land here
        self.list.setAcceptDrops(False)
        self.message = QLabel()
        self.message.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Belongs to")))
        bar.addWidget(self.indicator, 1)
        bar.addWidget(self.add_button)
        bar.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.message)
        self.reload()
        ctx.hub.follow(self, lambda c: c.of_case(case_id) and c.attachments, self.reload)

    def reload(self) -> None:
        self.list.clear()
        rows = attachments.list_for_case(self.ctx.db, self.case_id)
        for row in rows:
            item = QListWidgetItem(self._icon(row), self._caption(row))
            item.setData(ATTACHMENT_ROLE, row)
            item.setToolTip(f"{row.filename}\n{row.size // 1024} KB · {row.created_by} · {row.created_at:%Y-%m-%d %H:%M}\nSHA-256 {row.sha256}")
            self.list.addItem(item)
        if not rows:
            self.message.setText(self.tr("No attachments yet: add photos and documents from the visits."))
        else:
            self.message.setText(self.tr("{0} attachments").format(len(rows)))

    def _caption(self, row: AttachmentView) -> str:
        where = row.indicator_code or self.tr("whole case")
        return f"{row.filename}\n{where}"

    def _icon(self, row: AttachmentView) -> QIcon:
        image = QImage()
        if row.media_type.startswith("image/"):
            image = QImage.fromData(attachments.content(self.ctx.db, row.id))
        elif row.media_type == "application/pdf":
            image = _pdf_first_page(attachments.content(self.ctx.db, row.id))
        if not image.isNull():
            return QIcon(QPixmap.fromImage(image.scaled(THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                                                        Qt.TransformationMode.SmoothTransformation)))  # fmt: skip
        return self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and all(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            if self.store(url.toLocalFile()) is None:
                break
        event.acceptProposedAction()

    def add(self, indicator_code: str | None = None) -> AttachmentView | None:
        if indicator_code is not None:
            self.indicator.setCurrentIndex(max(self.indicator.findData(indicator_code), 0))
        path = dialogs().open_file(
            self, self.tr("Add attachment"),
            self.tr("Photos and documents (*.jpg *.jpeg *.png *.tif *.tiff *.pdf *.docx *.xlsx *.pptx);;All files (*)"),
        )
        return self.store(path) if path else None

    def store(self, path: str) -> AttachmentView | None:
        """Copy one file into the case (for the indicator chosen above); a refusal is shown under the list."""
        try:
            kind = "scan" if self.signed else "evidence"
            added = attachments.add(self.ctx.db, self.case_id, path, kind, None if self.signed else self.indicator.currentData())
        except Exception as exc:  # noqa: BLE001
            self.message.setText(coloured(user_message(exc), BAD))
            return None
        self.reload()
        self.ctx.hub.publish(Changes(self.case_id, attachments=True), self)
        return added

    def open_current(self) -> Path | None:
        """Show what the stored file is (type found by its content, size, SHA-256) and, if the user agrees, write a copy
        to a temporary file and open it with the system's viewer. A file that is not a document is never handed over."""
        item = self.list.currentItem()
        if item is None:
            return None
        row: AttachmentView = item.data(ATTACHMENT_ROLE)
        stored = attachments.read_back(self.ctx.db, row.id)
        if stored.problem or stored.file_type is None:
            self.message.setText(coloured(self.tr("Not opened: {0}").format(stored.problem), BAD))
            return None
        question = self.tr("{0}\n\nType (by its content): {1}\nSize: {2} bytes\nSHA-256: {3}\n\n"
                           "Open it with the system's default program?").format(
            row.filename, stored.file_type.label, f"{len(stored.content):,}", stored.sha256)  # fmt: skip
        if not dialogs().confirm(self, self.tr("Open attachment"), question):
            return None
        folder = Path(tempfile.mkdtemp(prefix="handover-"))
        target = folder / stored.copy_name
        target.write_bytes(stored.content)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
        return target
