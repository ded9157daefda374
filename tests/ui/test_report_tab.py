"""The Report tab: the PDF rendered in the background, previewed, saved through the button, printed."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader  # noqa: E402
from PySide6.QtCore import Qt

from .conftest import type_text  # noqa: E402


def test_report_saved_through_the_button_is_a_valid_pdf(qtbot, start_app, demo_db, tmp_path, recorded_dialogs) -> None:  # type: ignore[no-untyped-def]
    app = start_app(demo_db)
    workspace = app.window.open_case(1)
    workspace.tabs.setCurrentWidget(workspace.report)
    tab = workspace.report
    qtbot.waitUntil(lambda: tab.save_button.isEnabled(), timeout=20_000)
    assert tab.document.pageCount() == tab.pages > 2
    target = tmp_path / "报告.pdf"
    recorded_dialogs.file_answers.append(str(target))
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    reader = PdfReader(target)
    assert len(reader.pages) == tab.pages
    text = "".join(page.extract_text() for page in reader.pages)
    assert "云岭镇" in text and "林晓梅" in text and "五星级村党组织数" in text

    type_text(qtbot, tab.supervisor, "吴监交")
    qtbot.keyClick(tab.supervisor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.save_button.isEnabled(), timeout=20_000)
    signed = tmp_path / "监交.pdf"
    recorded_dialogs.file_answers.append(str(signed))
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert signed.exists() and str(signed) in tab.status.text()
    assert "吴监交" in "".join(p.extract_text() for p in PdfReader(signed).pages)

    tab.part.setCurrentIndex(tab.part.findData("sheet"))
    qtbot.waitUntil(lambda: tab.save_button.isEnabled() and tab.pages < len(reader.pages), timeout=20_000)
    sheet = tmp_path / "交接单.pdf"
    recorded_dialogs.file_answers.append(str(sheet))
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert sheet.exists() and str(sheet) in tab.status.text()
    assert "党建交接单" in "".join(p.extract_text() for p in PdfReader(sheet).pages)


def _print_to(path: Path, *, pages: tuple[int, int] | None = None, copies: int = 1, dpi: int = 150):  # type: ignore[no-untyped-def]
    """What the user chooses in the print dialog, with "print to file" as the printer: the answer for the recorder."""
    from PySide6.QtPrintSupport import QPrinter

    def answer(printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        printer.setResolution(dpi)  # a printer's own resolution; 150 dpi keeps the test quick
        if pages is not None:
            printer.setPrintRange(QPrinter.PrintRange.PageRange)
            printer.setFromTo(*pages)
        printer.setCopyCount(copies)
        return True

    return answer


def _ink_box(pdf: Path, page: int, tmp_path: Path) -> tuple[float, float, float, float]:
    """Where page `page` (1-based) has ink, as fractions of the page's width and height: left, top, right, bottom."""
    import subprocess

    out = tmp_path / f"{pdf.stem}-{page}"
    subprocess.run(["pdftoppm", "-r", "50", "-gray", "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(out)],
                   check=True)  # fmt: skip
    data = out.with_suffix(".pgm").read_bytes()
    fields = data.split(maxsplit=4)  # P5 width height maxval pixels
    width, height = int(fields[1]), int(fields[2])
    pixels = fields[4][-width * height:]
    rows = [pixels[y * width:(y + 1) * width] for y in range(height)]
    inked = [y for y, row in enumerate(rows) if min(row) < 200]
    columns = [x for x in range(width) if any(row[x] < 200 for row in rows[inked[0]:inked[-1] + 1])]
    return columns[0] / width, inked[0] / height, (columns[-1] + 1) / width, (inked[-1] + 1) / height


def test_report_printed_through_the_button_at_full_size(qtbot, start_app, demo_db, tmp_path, recorded_dialogs) -> None:  # type: ignore[no-untyped-def]
    app = start_app(demo_db)
    workspace = app.window.open_case(1)
    tab = workspace.report  # everything: the report, the handover sheet, signatures, the draw record
    bar = workspace.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(workspace.tabs.indexOf(tab)).center())
    qtbot.waitUntil(lambda: tab.print_button.isEnabled(), timeout=20_000)
    assert tab.pages > 3
    source = tmp_path / "source.pdf"
    recorded_dialogs.file_answers.append(str(source))
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)

    printed = tmp_path / "printed.pdf"
    recorded_dialogs.print_answers.append(_print_to(printed))
    qtbot.mouseClick(tab.print_button, Qt.MouseButton.LeftButton)
    assert ("print", tab.suggested_name(), str(tab.pages)) in recorded_dialogs.shown
    reader = PdfReader(printed)
    assert len(reader.pages) == tab.pages
    for page in reader.pages:  # A4, 595 × 842 points
        assert abs(float(page.mediabox.width) - 595.3) < 2 and abs(float(page.mediabox.height) - 841.9) < 2
    assert "已发送到打印机" in tab.status.text()
    original, copy = _ink_box(source, 1, tmp_path), _ink_box(printed, 1, tmp_path)
    assert all(abs(a - b) < 0.02 for a, b in zip(original, copy, strict=True)), (original, copy)  # not shrunk, not moved

    ranged = tmp_path / "pages-2-3-twice.pdf"
    recorded_dialogs.print_answers.append(_print_to(ranged, pages=(2, 3), copies=2))
    qtbot.mouseClick(tab.print_button, Qt.MouseButton.LeftButton)
    assert len(PdfReader(ranged).pages) == 4  # pages 2 and 3, two copies
    assert _ink_box(ranged, 1, tmp_path) == _ink_box(ranged, 3, tmp_path)
    assert all(abs(a - b) < 0.02 for a, b in zip(_ink_box(source, 2, tmp_path), _ink_box(ranged, 1, tmp_path), strict=True))

    cancelled = tmp_path / "cancelled.pdf"
    recorded_dialogs.print_answers.append(lambda printer: _print_to(cancelled)(printer) and False)  # chosen, then Cancel
    qtbot.mouseClick(tab.print_button, Qt.MouseButton.LeftButton)
    assert not cancelled.exists()

    previewed = tmp_path / "previewed.pdf"
    recorded_dialogs.print_answers.append(_print_to(previewed, pages=(1, 1)))
    qtbot.mouseClick(tab.preview_button, Qt.MouseButton.LeftButton)
    assert any(kind == "preview" for kind, _, _ in recorded_dialogs.shown)
    assert len(PdfReader(previewed).pages) == 1


def test_reports_for_the_list_in_the_background_and_cancel(qtbot, start_app, demo_db, tmp_path, recorded_dialogs) -> None:  # type: ignore[no-untyped-def]
    app = start_app(demo_db)
    screen = app.window.cases
    folder = tmp_path / "reports"
    recorded_dialogs.file_answers.append(str(folder))
    qtbot.mouseClick(screen.batch_button, Qt.MouseButton.LeftButton)
    task = app.window.task
    assert task is not None and app.window.task_progress.isVisible()
    qtbot.waitUntil(lambda: any(kind == "info" for kind, _, _ in recorded_dialogs.shown), timeout=60_000)
    pdfs = sorted(folder.glob("*.pdf"))
    assert len(pdfs) == 2 and all(len(PdfReader(p).pages) > 1 for p in pdfs)
    qtbot.waitUntil(lambda: not task.is_running() and app.window.task is None)
    assert not app.window.task_progress.isVisible()

    again = tmp_path / "cancelled"
    recorded_dialogs.file_answers.append(str(again))
    qtbot.mouseClick(screen.batch_button, Qt.MouseButton.LeftButton)
    task = app.window.task
    with qtbot.waitSignal(task.cancelled, timeout=60_000):
        qtbot.mouseClick(app.window.task_cancel, Qt.MouseButton.LeftButton)
    assert len(list(again.glob("*.pdf"))) < 2  # stopped after the case being rendered
    assert "已取消" in app.window.statusBar().currentMessage()


def test_report_signed_digitally_through_the_button(qtbot, start_app, demo_db, tmp_path, recorded_dialogs) -> None:  # type: ignore[no-untyped-def]
    from cryptography import x509

    from handover import settings
    from handover.signing import pades, pki

    made = pki.create_org_certificate("中共青溪县委组织部", "secret-123")
    p12 = tmp_path / "org.p12"
    p12.write_bytes(made.p12)
    app = start_app(demo_db)
    settings.set_value(app.ctx.db, "issuing_body", "中共青溪县委组织部")  # a draft (样稿) is never signed
    workspace = app.window.open_case(1)
    tab = workspace.report
    tab.part.setCurrentIndex(tab.part.findData("report"))
    qtbot.waitUntil(lambda: tab.sign_button.isEnabled(), timeout=20_000)
    out = tmp_path / "signed.pdf"
    recorded_dialogs.file_answers.append(str(p12))
    recorded_dialogs.password_answers.append("wrong-password")
    qtbot.mouseClick(tab.sign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "密码" in tab.status.text() or "password" in tab.status.text().lower(), timeout=20_000)
    assert not out.exists()
    recorded_dialogs.file_answers += [str(p12), str(out)]
    recorded_dialogs.password_answers.append("secret-123")
    qtbot.mouseClick(tab.sign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(out.exists, timeout=20_000)
    verdict = pades.verify_pdf(out.read_bytes(), [x509.load_pem_x509_certificate(made.certificate_pem)])
    assert verdict.ok, verdict
