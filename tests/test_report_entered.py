"""Say only what was entered: what is not filled prints as 未填写 everywhere, never as a count of 0; an entered empty
village list prints as 无."""

from __future__ import annotations

import re
from pathlib import Path

from tests.report_support import assert_pdfa, body_text, flat, pages_text


def test_the_half_filled_demo_case_prints_not_entered_and_never_a_count_of_0(run, demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "half.pdf"
    assert run("report", "2", "-o", str(out)).code == 0
    assert_pdfa(out)
    text = flat(body_text(pages_text(out)))
    # the demo's half-filled case has no village list entered: each list says so, with no count
    assert "（0个）" not in text and "0个）：无" not in text
    assert "届初：未填写届末：未填写" in text
    assert not re.search(r"新增：无；减少：无", text), "no change is claimed between lists never entered"
    assert "评价等次：未填写" in text and "文字评语：未填写" in text
    # the key indicators not entered: 未填写 in the table and in the sentences, not "—"
    assert "尚未填写完整（届初未填写，届末未填写）" in text


def test_an_entered_empty_list_prints_none_with_its_count(run, demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # ORG02 (后进村) entered as an empty list at the start and one village at the end
    result = run("value", "set", "2", "ORG02", "--villages-start", "", "--villages-end", "石门村")
    assert result.code == 0, result.err
    out = tmp_path / "half.pdf"
    assert run("report", "2", "-o", str(out), "--part", "sheet").code == 0
    text = flat(body_text(pages_text(out)))
    assert "届初（0个）：无届末（1个）：石门村新增：石门村；减少：无" in text
