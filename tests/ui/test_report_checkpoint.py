"""A report signed through the window's button also signs the audit log's head (handover/checkpoints.py), so
`audit verify` with the organisation's certificate finds a valid checkpoint."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from handover import cli


def test_a_report_signed_through_the_button_adds_a_checkpoint(qtbot, start_app, demo_db, tmp_path, recorded_dialogs, capsys) -> None:  # type: ignore[no-untyped-def]
    from handover import settings
    from handover.signing import pki

    made = pki.create_org_certificate("中共青溪县委组织部", "secret-123")
    p12, pem = tmp_path / "org.p12", tmp_path / "org.pem"
    p12.write_bytes(made.p12)
    pem.write_bytes(made.certificate_pem)
    app = start_app(demo_db)
    settings.set_value(app.ctx.db, "issuing_body", "中共青溪县委组织部")  # a draft (样稿) is never signed
    workspace = app.window.open_case(1)
    workspace.tabs.setCurrentWidget(workspace.report)
    tab = workspace.report
    qtbot.waitUntil(lambda: tab.sign_button.isEnabled(), timeout=20_000)
    out = tmp_path / "signed.pdf"
    recorded_dialogs.file_answers += [str(p12), str(out)]
    recorded_dialogs.password_answers.append("secret-123")
    qtbot.mouseClick(tab.sign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(out.exists, timeout=20_000)

    def last_action() -> str:
        capsys.readouterr()
        assert cli.main(["--db", str(demo_db), "audit", "log", "--json", "--limit", "1"]) == 0
        return str(json.loads(capsys.readouterr().out)[-1]["action"])

    qtbot.waitUntil(lambda: last_action() == "audit.checkpoint", timeout=20_000)
    capsys.readouterr()
    assert cli.main(["--db", str(demo_db), "audit", "verify", "--trust", str(pem)]) == 0
    assert "单位签名的检查点 1 个，签名均有效（中共青溪县委组织部）" in capsys.readouterr().out
