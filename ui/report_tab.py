"""The Report tab: the case's PDF (handover.report) rendered in the background, previewed with QtPdf, printed through
the system print dialog, saved as a file; one part or all of them."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from handover import reading
from handover.errors import Refused
from ui import printing
from ui.context import AppContext
from ui.dialogs import dialogs
from ui.errors import user_message
from ui.tasks import Progress, Task, run_task
from ui.text import BAD, coloured

log = logging.getLogger(__name__)
#: the part in the suggested file name; the documents are Chinese whatever the window's language
PART_FILE_NAMES = {"all": "评审与交接", "report": "评审报告", "sheet": "交接单", "draw": "抽签记录"}


class ReportTab(QWidget):
    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.case_id = ctx, case_id
        self.prepared: Any = None  # the documents.Document shown: saved, signed and printed as previewed
        self.pages = 0
        self.task: Task | None = None
        self._folder = tempfile.TemporaryDirectory(prefix="handover-report-")
        self.part = QComboBox()
        for key, label in (("all", self.tr("Everything: report, handover sheet, signatures, draw record")),
                           ("report", self.tr("Departure review report")), ("sheet", self.tr("Handover sheet")),
                           ("draw", self.tr("Draw record"))):  # fmt: skip
            self.part.addItem(label, key)
        self.part.currentIndexChanged.connect(lambda _: self.render())
        self.supervisor = QLineEdit()
        self.supervisor.setPlaceholderText(self.tr("supervisor of the handover (监交人), printed on the signature page"))
        self.supervisor.editingFinished.connect(self.render)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.render)
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.clicked.connect(lambda: self.print_pdf())  # clicked(bool) must not reach print_pdf
        self.preview_button = QPushButton(self.tr("Print preview…"))
        self.preview_button.clicked.connect(lambda: self.preview())
        self.save_button = QPushButton(self.tr("Save as PDF…"))
        self.save_button.clicked.connect(self.save)
        self.sign_button = QPushButton(self.tr("Sign digitally and save…"))
        self.sign_button.setToolTip(self.tr("PAdES signature with the organisation certificate (.p12), with a visible stamp"))
        self.sign_button.clicked.connect(self.sign_and_save)
        self.status = QLabel()
        self.document = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.zoom = QComboBox()
        for label, mode in ((self.tr("100%"), QPdfView.ZoomMode.Custom), (self.tr("Whole page"), QPdfView.ZoomMode.FitInView),
                            (self.tr("Page width"), QPdfView.ZoomMode.FitToWidth)):  # fmt: skip
            self.zoom.addItem(label, mode)
        self.zoom.currentIndexChanged.connect(lambda _: self.view.setZoomMode(self.zoom.currentData()))
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(1.0)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Parts")))
        bar.addWidget(self.part, 2)
        bar.addWidget(self.supervisor, 2)
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.zoom)
        bar.addStretch()
        bar.addWidget(self.preview_button)
        bar.addWidget(self.print_button)
        bar.addWidget(self.save_button)
        bar.addWidget(self.sign_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)
        self._enable(False)

    def _enable(self, ready: bool) -> None:
        for button in (self.preview_button, self.print_button, self.save_button, self.sign_button):
            button.setEnabled(ready)

    def render(self) -> Task:
        """Gather and lay out the PDF off the GUI thread; the preview follows when it is ready."""
        if self.task is not None and self.task.is_running():
            self.task.cancel()
            self.task.wait()
        part = self.part.currentData()
        supervisor = self.supervisor.text().strip() or None
        db = self.ctx.db

        def work(progress: Progress) -> Any:
            from handover.signing import documents

            progress(0, 1, "")
            return documents.prepare(db, self.case_id, part, supervisor=supervisor)

        self._enable(False)
        self.status.setText(self.tr("Preparing the PDF…"))
        self.task = run_task(work, self._rendered, self._failed, parent=self)
        return self.task

    def _rendered(self, prepared: Any) -> None:
        self.prepared, result = prepared, prepared.result
        self.pages = result.pages
        path = Path(self._folder.name) / f"case-{self.case_id}-{result.part}.pdf"
        path.write_bytes(result.pdf)
        self.document.close()
        self.document.load(str(path))
        self.status.setText(self.tr("{0} pages, A4. Check it, then print or save.").format(result.pages))
        self._enable(True)

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(coloured(user_message(exc), BAD))

    def suggested_name(self) -> str:
        """00003-白鹤镇-王一-交接单.pdf: the name the batch gives, with the part, so a folder of them sorts and reads."""
        from handover.signing.batch import file_name

        stem = file_name(reading.get_case(self.ctx.db, self.case_id).summary).removesuffix(".pdf")
        return f"{stem}-{PART_FILE_NAMES[self.part.currentData()]}.pdf"

    def save(self, document: Any = None) -> Path | None:
        """Save the previewed document (or `document`, the signed one) where the user says, and record it."""
        document = document or self.prepared
        if document is None:
            return None
        path = dialogs().save_file(self, self.tr("Save as PDF"), self.suggested_name(), self.tr("PDF (*.pdf)"))
        if not path:
            return None
        from handover.signing import documents

        try:
            documents.save(self.ctx.db, document, Path(path))
        except Refused as exc:  # the message names the file and says why (open in a PDF reader, folder gone, disk full)
            dialogs().error(self, self.tr("Save as PDF"), user_message(exc))
            return None
        self.status.setText(self.tr("Saved to {0}").format(path))
        return Path(path)

    def sign_and_save(self) -> Task | None:
        """Open the organisation's PKCS#12 (the password stays in memory), sign off the GUI thread, then save."""
        if self.prepared is None:
            return None
        p12 = dialogs().open_file(self, self.tr("Organisation certificate"), self.tr("PKCS#12 certificate (*.p12 *.pfx)"))
        if not p12:
            return None
        password = dialogs().ask_password(self, self.tr("Organisation certificate"), self.tr("Password of {0}").format(Path(p12).name))
        if password is None:
            return None
        prepared = self.prepared

        def work(progress: Progress) -> Any:
            from handover.signing import documents, pki

            key = pki.load_p12(Path(p12).read_bytes(), password)
            return documents.sign(prepared, key), key

        def signed(result: Any) -> None:
            from handover import checkpoints

            document, key = result
            self.status.setText(self.tr("Signed by {0}.").format(document.signed_by))
            if self.save(document) is not None:  # a signed report also signs the audit log's head
                checkpoints.add(self.ctx.db, key, self.case_id)

        self.status.setText(self.tr("Signing…"))
        return run_task(work, signed, self._failed, parent=self)

    def print_pdf(self) -> bool:
        """The 打印… button: the system print dialog (printer, page range, copies), then every page at 100 %."""
        if self.prepared is None:
            return False
        printer = printing.new_printer(self.document, self.suggested_name())
        if not dialogs().print_setup(self, printer, self.pages) or not self._paint(printer):
            return False
        self.status.setText(self.tr("Sent to the printer."))
        return True

    def preview(self) -> bool:
        """The 打印预览… button: the pages as they will print; its print button opens the system print dialog."""
        if self.prepared is None:
            return False
        printer = printing.new_printer(self.document, self.suggested_name())
        if not dialogs().print_preview(self, printer, self._paint):  # painted for the preview, then for the printer
            return False
        self.status.setText(self.tr("Sent to the printer."))
        return True

    def _paint(self, printer: QPrinter) -> bool:
        if not printing.print_document(self.document, printer):
            dialogs().error(self, self.tr("Print"), self.tr("The printer could not be started."))
            return False
        return True
