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
    assert tab.save() == signed
    assert "吴监交" in "".join(p.extract_text() for p in PdfReader(signed).pages)

    tab.part.setCurrentIndex(tab.part.findData("sheet"))
    qtbot.waitUntil(lambda: tab.save_button.isEnabled() and tab.pages < len(reader.pages), timeout=20_000)
    sheet = tmp_path / "交接单.pdf"
    recorded_dialogs.file_answers.append(str(sheet))
    assert tab.save() == sheet
    assert "党建交接单" in "".join(p.extract_text() for p in PdfReader(sheet).pages)


def test_report_printed_page_by_page(qtbot, start_app, demo_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtPrintSupport import QPrinter

    app = start_app(demo_db)
    workspace = app.window.open_case(1)
    tab = workspace.report
    tab.part.setCurrentIndex(tab.part.findData("report"))
    qtbot.waitUntil(lambda: tab.save_button.isEnabled(), timeout=20_000)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    assert tab.print_pdf(printer)
    assert len(PdfReader(printed).pages) == tab.pages


def test_reports_for_the_list_in_the_background_and_cancel(qtbot, start_app, demo_db, tmp_path, recorded_dialogs) -> None:  # type: ignore[no-untyped-def]
    app = start_app(demo_db)
    screen = app.window.cases
    folder = tmp_path / "reports"
    recorded_dialogs.file_answers.append(str(folder))
    task = screen.batch_reports()
    assert app.window.task_progress.isVisible()
    qtbot.waitUntil(lambda: any(kind == "info" for kind, _, _ in recorded_dialogs.shown), timeout=60_000)
    pdfs = sorted(folder.glob("*.pdf"))
    assert len(pdfs) == 2 and all(len(PdfReader(p).pages) > 1 for p in pdfs)
    qtbot.waitUntil(lambda: not task.is_running() and app.window.task is None)
    assert not app.window.task_progress.isVisible()

    again = tmp_path / "cancelled"
    recorded_dialogs.file_answers.append(str(again))
    task = screen.batch_reports()
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
    tab.sign_and_save()
    qtbot.waitUntil(lambda: "密码" in tab.status.text() or "password" in tab.status.text().lower(), timeout=20_000)
    assert not out.exists()
    recorded_dialogs.file_answers += [str(p12), str(out)]
    recorded_dialogs.password_answers.append("secret-123")
    tab.sign_and_save()
    qtbot.waitUntil(out.exists, timeout=20_000)
    verdict = pades.verify_pdf(out.read_bytes(), [x509.load_pem_x509_certificate(made.certificate_pem)])
    assert verdict.ok, verdict
