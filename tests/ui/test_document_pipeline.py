"""One document pipeline (handover.signing.documents): the installed `handover report` command, the batch
(`handover report --all`, signing in its worker processes) and the Report tab's Save button each make a PDF that
`handover verify` accepts, and each PDF is recorded by one audit entry of the same shape."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from handover import audit
from handover.db import open_database
from handover.signing import pki
from tests.report_support import assert_pdfa

HANDOVER = Path(sys.executable).with_name("handover")
ORG = "中共青溪县委组织部"


def handover(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The installed command, in a process of its own, as an assessor runs it."""
    return subprocess.run([str(HANDOVER), "--db", str(db), *args], capture_output=True, text=True, timeout=300)


def documents_recorded(db: Path) -> list[dict[str, Any]]:
    log = handover(db, "audit", "log", "--json", "--limit", "1000")
    assert log.returncode == 0, log.stderr
    return [entry for entry in json.loads(log.stdout) if entry["action"] == "report.generate"]


def save_through_the_button(qtbot, app, target: Path, recorded_dialogs) -> Any:  # type: ignore[no-untyped-def]
    workspace = app.window.open_case(1)
    workspace.tabs.setCurrentWidget(workspace.report)
    tab = workspace.report
    qtbot.waitUntil(lambda: tab.save_button.isEnabled(), timeout=20_000)
    recorded_dialogs.file_answers.append(str(target))
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    return tab


def test_the_command_the_batch_and_the_save_button_make_and_record_documents_alike(  # type: ignore[no-untyped-def]
    qtbot, start_app, demo_db, tmp_path, recorded_dialogs, monkeypatch
) -> None:
    made = pki.create_org_certificate(ORG, "secret-123")
    (tmp_path / "org.p12").write_bytes(made.p12)
    (tmp_path / "org.pem").write_bytes(made.certificate_pem)
    monkeypatch.setenv("ORG_PW", "secret-123")
    # a signed document never carries the placeholder issuing body (a draft is refused a signature)
    assert handover(demo_db, "settings", "set", "issuing_body", ORG).returncode == 0

    one = tmp_path / "命令行" / "报告.pdf"  # the command makes the folder it is given
    done = handover(demo_db, "report", "1", "-o", str(one))
    assert done.returncode == 0, done.stderr
    batch = tmp_path / "批量"
    done = handover(demo_db, "report", "--all", "-o", str(batch), "--workers", "2",
                    "--p12", str(tmp_path / "org.p12"), "--password-env", "ORG_PW")  # fmt: skip
    assert done.returncode == 0, done.stderr
    saved = tmp_path / "窗口.pdf"
    save_through_the_button(qtbot, start_app(demo_db), saved, recorded_dialogs)
    assert saved.exists()

    signed = sorted(batch.glob("*.pdf"))
    assert len(signed) == 2
    for pdf in (one, saved, *signed):
        checked = handover(demo_db, "verify", str(pdf), "--trust", str(tmp_path / "org.pem"))
        assert checked.returncode == 0, checked.stdout + checked.stderr
        assert ("数字签名有效" in checked.stdout) == (pdf in signed)
        assert_pdfa(pdf)  # the window's, the command's and the batch's documents, signed or not

    entries = documents_recorded(demo_db)
    by_file = {e["details"]["pdf_sha256"]: e for e in entries}
    assert len(entries) == len(by_file) == 4, "one entry per document, none for anything else"
    files = {hashlib.sha256(p.read_bytes()).hexdigest(): p for p in (one, saved, *signed)}
    assert set(by_file) == set(files)
    assert len({tuple(sorted(e)) for e in entries}) == 1
    assert len({tuple(sorted(e["details"])) for e in entries}) == 1
    db = open_database(demo_db)
    for digest, entry in by_file.items():
        details = entry["details"]
        case = int(files[digest].name[:5]) if files[digest] in signed else 1  # batch files start with the case number
        assert entry["case"] == case and details["part"] == "all"
        assert details["digitally_signed_by"] == (ORG if files[digest] in signed else None)
        assert audit.verify(db, head=details["audit_head_printed"]).ok, "the audit head printed on it is in the chain"
    db.close()


def test_save_into_a_folder_that_vanished_says_so_and_records_nothing(  # type: ignore[no-untyped-def]
    qtbot, start_app, demo_db, tmp_path, recorded_dialogs
) -> None:
    stick = tmp_path / "U盘"
    stick.mkdir()
    app = start_app(demo_db)
    before = documents_recorded(demo_db)
    stick.rmdir()  # pulled out while the dialog was open
    tab = save_through_the_button(qtbot, app, stick / "报告.pdf", recorded_dialogs)
    errors = [text for kind, _, text in recorded_dialogs.shown if kind == "error"]
    assert errors == [f"无法写入 {stick / '报告.pdf'}：文件夹不存在（U 盘是否已拔出？）"]
    assert not stick.exists() and "已保存" not in tab.status.text()
    assert documents_recorded(demo_db) == before
