"""A signed case's documents are frozen: a reprint shows the issuing body, document number and date it was signed with,
whatever the settings say today."""

from __future__ import annotations

import json
import re
from pathlib import Path

from handover import settings
from handover.db import Database
from tests.report_support import flat, pages_text
from tests.test_signed_report import issuing_body_set, org, signed_case  # noqa: F401 - fixtures

__all__ = ["issuing_body_set", "org", "signed_case"]


def test_a_reprint_of_a_signed_case_shows_what_was_signed_and_verifies(run, issuing_body_set, signed_case: str, db: Database, tmp_path: Path, monkeypatch, org) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from tests.test_pades import PASSWORD

    body, prefix = settings.get(db, "issuing_body"), settings.get(db, "doc_prefix")
    number = f"{prefix}〔2026〕{signed_case}号"
    first = tmp_path / "first.pdf"
    assert run("report", signed_case, "-o", str(first)).code == 0
    assert run("settings", "set", "issuing_body", "中共某某市委组织部").code == 0
    assert run("settings", "set", "doc_prefix", "市离审").code == 0

    reprint = tmp_path / "reprint.pdf"
    result = run("report", signed_case, "-o", str(reprint))
    assert result.code == 0, result.err
    assert number in result.out
    text = flat("".join(pages_text(reprint)))
    assert flat(body) in text and flat(number) in text
    assert "某某市" not in text and "市离审" not in text
    # the same pages as the first printout, but for the log head in the footer (the log grew by the first printout)
    assert _without_log_head("".join(pages_text(first))) == _without_log_head("".join(pages_text(reprint)))
    monkeypatch.setenv("ORG_PW", PASSWORD)
    signed = tmp_path / "signed.pdf"
    assert run("report", signed_case, "-o", str(signed), "--p12", str(org["p12"]), "--password-env", "ORG_PW").code == 0
    for pdf in (first, reprint, signed):
        checked = run("verify", str(pdf), "--trust", str(org["pem"]))
        assert checked.code == 0, checked.out

    # an unsigned case takes today's settings: the change did take effect
    other = next(c["id"] for c in json.loads(run("case", "list", "--json").out) if str(c["id"]) != signed_case)
    draft = tmp_path / "draft.pdf"
    assert run("report", str(other), "-o", str(draft)).code == 0
    draft_text = flat("".join(pages_text(draft)))
    assert flat("中共某某市委组织部") in draft_text and flat(f"市离审〔2026〕{other}号") in draft_text


def _without_log_head(text: str) -> str:
    return re.sub(r"操作日志[0-9A-F]{16}", "", flat(text))
