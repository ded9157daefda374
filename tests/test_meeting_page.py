"""The handover meeting's one page (`report --part meeting`): 40 indicators, villages and signatures on one A4 page,
at least 9 pt, with the fingerprint and QR code, and `verify` holds on it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from handover import catalogue
from handover.db import Database
from handover.reading import get_case, list_cases
from handover.report.words import full_width_quotes
from handover.words import SIGNER_ROLES
from tests.report_support import decode_qr, flat, pdftotext, words

#: 30 villages of one township, with names as counties write them
VILLAGES = [f"{surname}家{'坞' if i % 3 == 0 else ''}村" for i, surname in enumerate("张王李赵刘陈杨黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧")]
#: the body sits inside the GB/T 9704 margins: top 37 mm, bottom 35 mm (A4 is 841.9 pt high)
BODY_TOP, BODY_BOTTOM = 37 / 25.4 * 72, 841.89 - 35 / 25.4 * 72


def meeting_pdf(run, case: int, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    out = tmp_path / f"会议-{case}.pdf"
    done = run("report", str(case), "--part", "meeting", "-o", str(out), "--json")
    assert done.code == 0, done.err
    assert json.loads(done.out)["pages"] == 1
    return out


def thirty_village_case(run) -> int:  # type: ignore[no-untyped-def]
    assert run("unit", "add", "大坪乡", "--type", "township").code == 0
    assert run("village", "add", "大坪乡", *VILLAGES).code == 0
    created = run("case", "new", "--unit", "大坪乡", "--outgoing", "赵一", "--incoming", "钱二",
                  "--term-start", "2021-01-05", "--term-end", "2026-01-04", "--json")  # fmt: skip
    case = json.loads(created.out)["id"]
    lists = {"ORG01": (VILLAGES[:22], VILLAGES), "ECO02": (VILLAGES[4:22], VILLAGES), "ORG04": (VILLAGES[4:22], VILLAGES[:22])}
    for code, (start, end) in lists.items():
        done = run("value", "set", str(case), code, "--villages-start", "、".join(start), "--villages-end", "、".join(end))
        assert done.code == 0, done.err
    return int(case)


@pytest.mark.parametrize("which", ["demo", "thirty villages"])
def test_the_meeting_page_holds_everything_on_one_page(demo, run, db: Database, tmp_path: Path, which: str) -> None:  # type: ignore[no-untyped-def]
    case = next(c.id for c in list_cases(db) if c.unit == "云岭镇") if which == "demo" else thirty_village_case(run)
    pdf = meeting_pdf(run, case, tmp_path)
    text = flat(pdftotext(pdf, "-raw"))
    detail = get_case(db, case)
    for v in detail.values:
        assert flat(full_width_quotes(v.name)) in text, v.name  # printed with “ ” (docs/report.md)
        for village in {*v.villages_start, *v.villages_end}:
            assert village in text, (v.code, village)
    for role in ("outgoing", "incoming", "supervisor"):
        assert SIGNER_ROLES[role] in text
    assert detail.summary.outgoing in text and detail.summary.incoming in text
    sizes, found = words(pdf)
    assert len(sizes) == 1 and round(sizes[0].width) == 595 and round(sizes[0].height) == 842  # one A4 page
    body = [w for w in found if BODY_TOP <= w.y0 and w.y1 <= BODY_BOTTOM]
    assert len(body) > 100
    small = [w.text for w in body if w.y1 - w.y0 < 9 * 0.98]  # poppler's box is the font size high
    assert small == []
    assert any(str(case) in code for code in decode_qr(pdf, 1, tmp_path))


def test_the_meeting_page_marks_what_was_not_entered_and_verifies(demo, run, db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    half = next(c.id for c in list_cases(db) if c.unit == "石门乡")
    pdf = meeting_pdf(run, half, tmp_path)
    text = flat(pdftotext(pdf, "-raw"))
    assert "未填写" in text
    assert run("verify", str(pdf)).code == 0
    assert run("value", "set", str(half), "ORG05", "--start", "8").code == 0
    changed = run("verify", str(pdf))
    assert changed.code == 3 and "ORG05" in changed.out + changed.err


def test_the_villages_added_and_removed_read_off_the_page(demo, run, db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    case = thirty_village_case(run)
    lines = pdftotext(meeting_pdf(run, case, tmp_path), "-raw")
    org04 = flat(lines[lines.index("ORG04") : lines.index("CAD01")])
    # the end list with the additions marked, and the removals in brackets: the start list follows from them
    assert "+张家坞村" in org04 and "+王家村" in org04 and "+刘家村" not in org04
    assert catalogue.load().indicator("ORG04").name in org04
