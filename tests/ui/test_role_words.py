"""The Signatures tab, the printed signature page and the `handover` command name each signer's role with the same word."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

from handover.db import open_database
from handover.draw import service as draws
from handover.report.data import gather
from handover.report.render import render_pdf
from ui import i18n

from .conftest import open_signatures_tab


def _tab_roles(tab) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The role word each row of the Signatures tab shows, by role code (rows of members share one code)."""
    shown = {}
    for role, row in tab.names:
        text = tab.grid.itemAtPosition(row, 0).widget().text()
        shown[role] = re.sub(r"<[^>]+>", "", text).removesuffix(" *")
    return shown


def test_the_signatures_tab_the_pdf_and_the_cli_say_the_same_role_words(qtbot, start_app, demo_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _, tab = open_signatures_tab(start_app, demo_db)
    on_screen = _tab_roles(tab)
    assert set(on_screen) == {"outgoing", "incoming", "supervisor", "leader", "member"}
    # the official terms of the documents (评审小组 in DOMAIN.md), no longer 评审组组长 on the screen
    assert on_screen["leader"] == "评审小组组长" and on_screen["member"] == "评审小组成员"
    leader_row = next(row for role, row in tab.names if role == "leader")
    assert tab.grid.itemAtPosition(leader_row, 2).widget().isEnabled()  # not signed yet: the pad is open

    db = open_database(demo_db)
    try:
        leader = next(m.name for m in draws.current_draw(db, 1).panel if m.role == "leader")
    finally:
        db.close()
    command = Path(sys.executable).with_name("handover")
    signed = subprocess.run([str(command), "--db", str(demo_db), "sign", "1", "--role", "leader", "--name", leader],
                            capture_output=True, text=True, timeout=120)  # fmt: skip
    assert signed.returncode == 0, signed.stderr
    assert signed.stdout.startswith(f"{on_screen['leader']} {leader} 已签字")
    usage = subprocess.run([str(command), "sign", "--help"], capture_output=True, text=True, timeout=120).stdout
    for role, word in on_screen.items():
        assert f"{role}（{word}）" in usage

    db = open_database(demo_db)
    try:
        pdf = render_pdf(gather(db, 1, supervisor="何监交"), "sheet").pdf
    finally:
        db.close()
    (tmp_path / "sheet.pdf").write_bytes(pdf)
    pages = [page.extract_text() for page in PdfReader(tmp_path / "sheet.pdf").pages]
    signature_page = re.sub(r"\s+", "", "".join(p for p in pages if "交接签字" in p))
    for word in on_screen.values():
        assert word in signature_page, word
    assert f"{on_screen['leader']}{leader}" in signature_page  # the leader's signed row: role, then name

    tab.refresh()  # the leader's signature from the command line shows on the tab, in the row under the same word
    assert _tab_roles(tab)["leader"] == on_screen["leader"]
    leader_row = next(row for role, row in tab.names if role == "leader")
    assert tab.names[("leader", leader_row)].text() == leader
    assert not tab.grid.itemAtPosition(leader_row, 2).widget().isEnabled()

    i18n.install("en")  # in English the tab has English words (the start_app fixture puts Chinese back)
    tab.refresh()
    assert _tab_roles(tab)["leader"] == "Panel leader"
