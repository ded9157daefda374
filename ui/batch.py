"""Many cases at once, from the case list or the county overview: save their PDFs into a folder, or print them all.

Both render in the background with the status bar's progress and cancel (MainWindow.run); printing then draws each page
at 100 % on the full sheet (the PDF carries its own GB/T 9704 margins, so nothing is shrunk to fit), with a progress
dialog whose cancel stops before the next page.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from handover.views import CaseSummary
from ui.context import AppContext
from ui.dialogs import dialogs
from ui.tasks import Progress

#: what a batch can print, as `handover report --part` names it
PARTS = ("all", "sheet", "meeting", "report")


def part_label(part: str) -> str:
    return {
        "all": QCoreApplication.translate("Batch", "Report and handover sheet"),
        "sheet": QCoreApplication.translate("Batch", "Handover sheet with signature page"),
        "meeting": QCoreApplication.translate("Batch", "One page for the handover meeting"),
        "report": QCoreApplication.translate("Batch", "Review report"),
    }[part]


def _render(url: str, cases: Sequence[CaseSummary], folder: Path, part: str) -> Callable[[Progress], Any]:
    def work(progress: Progress) -> Any:
        from handover.signing.batch import produce_many

        # one worker process: a cancel takes effect after the case being rendered
        return produce_many(url, cases, folder, part=part, workers=1, progress=progress)

    return work


def _failures(items: Any) -> str:
    failed = [item for item in items if not item.ok]
    if not failed:
        return ""
    return "\n" + QCoreApplication.translate("Batch", "Not rendered: {0}").format("；".join(f"{i.case_id}（{i.error}）" for i in failed[:10]))


def save_cases(parent: QWidget, ctx: AppContext, run: Any, cases: Sequence[CaseSummary], part: str = "all") -> Any:
    """One PDF per case into a folder the user chooses."""
    if not cases:
        return None
    folder = dialogs().choose_folder(parent, QCoreApplication.translate("Batch", "Folder for {0} reports").format(len(cases)))
    if not folder:
        return None

    def done(items: Any) -> None:
        saved = sum(1 for item in items if item.ok)
        dialogs().info(parent, QCoreApplication.translate("Batch", "Reports saved"), QCoreApplication.translate("Batch", "{0} reports saved in {1}.").format(saved, folder) + _failures(items))

    return run(QCoreApplication.translate("Batch", "Rendering {0} reports…").format(len(cases)), _render(ctx.db.url, cases, Path(folder), part), done)


def print_cases(parent: QWidget, ctx: AppContext, run: Any, cases: Sequence[CaseSummary], part: str = "all") -> Any:
    """Render the cases' PDFs in the background, then print them all as one job through one print dialog."""
    if not cases:
        return None
    from ui.printing import full_sheet  # QtPdf: not on the start-up path

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(QCoreApplication.translate("Batch", "{0} handover documents").format(len(cases)))
    full_sheet(printer)  # the PDF's own margins, not the printer's on top of them

    if not dialogs().print_setup(parent, printer, 0):
        return None
    folder = Path(tempfile.mkdtemp(prefix="handover-print-"))

    def rendered(items: Any) -> None:
        files = [item.path for item in items if item.ok]
        pages = print_files(parent, printer, files)
        note = QCoreApplication.translate("Batch", "{0} documents, {1} pages sent to the printer.").format(len(files), pages)
        dialogs().info(parent, QCoreApplication.translate("Batch", "Print"), note + _failures(items))
        shutil.rmtree(folder, ignore_errors=True)

    return run(QCoreApplication.translate("Batch", "Rendering {0} reports…").format(len(cases)), _render(ctx.db.url, cases, folder, part), rendered)


def print_files(parent: QWidget | None, printer: QPrinter, files: Sequence[Path]) -> int:
    """Every page of `files` at 100 % from the sheet's corner, in one print job (a PDF printer would otherwise write
    each file over the last); copies as `ui.printing` makes them. Returns the pages printed; cancel stops."""
    from PySide6.QtPdf import QPdfDocument  # not on the start-up path

    from ui.printing import copies_here, draw_page

    documents = []
    for path in files:
        document = QPdfDocument(parent)
        document.load(str(path))
        documents.append(document)
    copies = copies_here(printer)
    total = copies * sum(d.pageCount() for d in documents)
    dialog = QProgressDialog(QCoreApplication.translate("Batch", "Printing…"), QCoreApplication.translate("Batch", "Cancel"), 0, total, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(500)
    painter = QPainter()
    printed = 0
    if total and painter.begin(printer):
        try:
            for document in [d for _ in range(copies) for d in documents]:
                for page in range(document.pageCount()):
                    if dialog.wasCanceled():
                        return printed
                    if printed:
                        printer.newPage()
                    draw_page(painter, printer, document, page)
                    printed += 1
                    dialog.setValue(printed)
                    QApplication.processEvents()
        finally:
            painter.end()
    dialog.close()
    for document in documents:
        document.close()
    return printed
