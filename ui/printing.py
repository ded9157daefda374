"""Printing a PDF at 100 %: each page of the QtPdf document drawn on the whole sheet at the printer's resolution, so
the margins printed are the PDF's own (no shrink to fit), with the page range and copies the print dialog set."""

from __future__ import annotations

from PySide6.QtCore import QMarginsF, QRect, QSize, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

#: above this the page image gets large (A4 at 600 dpi is 140 MB) and prints no sharper on an office printer
MAX_DPI = 600


def new_printer(document: QPdfDocument, name: str) -> QPrinter:
    """A printer set up for the document: its paper size, the whole sheet as the page (margins 0), all pages."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(name)
    if document.pageCount():
        size = QPageSize(QSizeF(document.pagePointSize(0)), QPageSize.Unit.Point)  # A4 is found as A4
        printer.setPageSize(size)
    full_sheet(printer)
    printer.setFromTo(1, max(document.pageCount(), 1))
    return printer


def full_sheet(printer: QPrinter) -> None:
    """The whole sheet as the page, portrait, margins 0: the PDF brings its own margins (no shrink to fit)."""
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)
    printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)


def copies_here(printer: QPrinter) -> int:
    """How many copies the drawing must make itself: one when the printer makes them (a PDF file cannot)."""
    return 1 if printer.supportsMultipleCopies() else max(printer.copyCount(), 1)


def draw_page(painter: QPainter, printer: QPrinter, document: QPdfDocument, page: int) -> None:
    """One page at its own size from the sheet's corner, rendered at the printer's resolution (capped at MAX_DPI)."""
    dpi, scale = min(printer.resolution(), MAX_DPI), printer.resolution() / 72
    points = document.pagePointSize(page)
    target = QRect(0, 0, round(points.width() * scale), round(points.height() * scale))
    painter.drawImage(target, document.render(page, QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))))


def chosen_pages(printer: QPrinter, count: int) -> list[int]:
    """The pages (0-based) the print dialog chose: a range such as 2-3 or 1,4, else every page."""
    ranges = printer.pageRanges()
    if printer.printRange() != QPrinter.PrintRange.PageRange or ranges.isEmpty():
        return list(range(count))
    return [page - 1 for page in range(1, count + 1) if ranges.contains(page)]


def print_document(document: QPdfDocument, printer: QPrinter) -> bool:
    """Draw the chosen pages at their own size from the sheet's corner; the copies are printed here when the printer
    (e.g. printing to a PDF file) cannot make them itself. False: the printer could not be started."""
    pages = chosen_pages(printer, document.pageCount())
    painter = QPainter()
    if not pages or not painter.begin(printer):
        return False
    try:
        for number, page in enumerate(pages * copies_here(printer)):
            if number:
                printer.newPage()
            draw_page(painter, printer, document, page)
    finally:
        painter.end()
    return True
