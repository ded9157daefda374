"""The official look as the county's choice (settings report_layout = gbt9704): 3号 body in the system's 仿宋 (else the
bundled Song), page numbers "— 1 —"; in both layouts full-width quotation marks, one document date, and a chart without
the areas that do not apply."""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pikepdf
import pytest

from handover.report import fonts
from handover.report.styles import styles
from handover.report.words import cn_date
from tests.report_support import assert_pdfa, flat, pages_text


@pytest.fixture
def fresh_fonts() -> Iterator[None]:
    """The FangSong lookup and the styles are cached per process: start and end each test without them."""
    fonts.fangsong.cache_clear()
    styles.cache_clear()
    yield
    fonts.fangsong.cache_clear()
    styles.cache_clear()


def sizes_by_font(pdf: Path, page: int) -> dict[str, set[float]]:
    """The font sizes each font (its base name, subset tag removed) is set in on one page."""
    found: dict[str, set[float]] = {}
    with pikepdf.open(io.BytesIO(pdf.read_bytes())) as doc:
        p = doc.pages[page - 1]
        for operands, op in pikepdf.parse_content_stream(p):
            if str(op) == "Tf":
                base = str(p.obj.Resources.Font[operands[0]].BaseFont).split("+")[-1]
                found.setdefault(base, set()).add(float(operands[1]))
    return found


def test_the_official_layout_numbers_pages_with_dashes_and_sets_the_body_in_16_pt(  # type: ignore[no-untyped-def]
    run, demo, tmp_path: Path, monkeypatch, fresh_fonts
) -> None:
    monkeypatch.setattr(fonts, "FANGSONG_PATHS", [str(tmp_path / "none" / "simfang.ttf")])
    assert run("settings", "set", "report_layout", "gbt9704").code == 0
    assert run("settings", "set", "report_layout", "fancy").code == 2
    out = tmp_path / "official.pdf"
    assert run("report", "1", "-o", str(out)).code == 0
    assert_pdfa(out)
    pages = pages_text(out)
    for number, page in enumerate(pages, start=1):
        assert f"— {number} —" in page and "第 1 页" not in page
    assert 16.0 in sizes_by_font(out, 1)["UMingCN"], "no FangSong here: the bundled Song, in 3号"
    assert run("verify", str(out)).code == 0
    # the standard layout is the default and keeps its footer
    assert run("settings", "set", "report_layout", "standard").code == 0
    standard = tmp_path / "standard.pdf"
    assert run("report", "1", "-o", str(standard)).code == 0
    assert "第 1 页 共" in pages_text(standard)[0]
    assert run("verify", str(out)).code == 0, "a document keeps verifying after the county changes its layout"


def test_the_systems_fangsong_is_found_and_embedded(run, demo, tmp_path: Path, monkeypatch, fresh_fonts) -> None:  # type: ignore[no-untyped-def]
    # a stand-in for C:\Windows\Fonts\simfang.ttf: a TrueType Chinese font under that name on the search path
    folder = tmp_path / "Fonts"
    folder.mkdir()
    shutil.copy(fonts.font_path(fonts.HEADING), folder / "simfang.ttf")
    monkeypatch.setattr(fonts, "FANGSONG_PATHS", [str(tmp_path / "missing.ttf"), str(folder / "*.ttf")])
    assert fonts.fangsong_file() == folder / "simfang.ttf"
    assert fonts.body_font("gbt9704") == fonts.FANGSONG and fonts.body_font("standard") == fonts.BODY
    assert run("settings", "set", "report_layout", "gbt9704").code == 0
    out = tmp_path / "official.pdf"
    assert run("report", "1", "-o", str(out), "--part", "report").code == 0
    assert_pdfa(out)  # embedded (as a subset) like the bundled fonts
    used = sizes_by_font(out, 1)
    assert 16.0 in used["WenQuanYiMicroHei"] and 16.0 not in used.get("UMingCN", set())


def test_ascii_quotes_print_full_width_and_the_document_has_one_date(run, demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    comment = '该同志任职期间认真履职，全县党建"大赶考"排名升至第1位，后进村整顿尚未销号。'
    assert run("evaluate", "1", "--grade", "优秀", "--comment", comment).code == 0
    out = tmp_path / "r.pdf"
    assert run("report", "1", "-o", str(out), "--part", "report").code == 0
    text = flat("".join(pages_text(out)))
    assert "党建“大赶考”排名升至第1位" in text and '"' not in text
    # the document's date is the handover date (2026-08-24 in the demo), not the day it was printed
    assert text.endswith(flat(f"中共××县委组织部{cn_date(date(2026, 8, 24))}")) or cn_date(date(2026, 8, 24)) in text
    assert cn_date(date.today()) not in text or date.today() == date(2026, 8, 24)
    # a case without a handover date is dated the day it is printed
    created = run("case", "new", "--unit", "桃源镇", "--outgoing", "王婳", "--incoming", "李赟",
                  "--term-start", "2021-09-01", "--term-end", "2026-08-01")  # fmt: skip
    assert created.code == 0, created.err
    undated = tmp_path / "u.pdf"
    assert run("report", "3", "-o", str(undated), "--part", "report").code == 0
    assert cn_date(date.today()) in flat("".join(pages_text(undated)))


def test_the_chart_leaves_out_the_areas_that_do_not_apply(run, demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    created = run("case", "new", "--unit", "县农业农村局", "--outgoing", "赵一", "--incoming", "钱二",
                  "--term-start", "2021-09-01", "--term-end", "2026-08-01")  # fmt: skip
    assert created.code == 0, created.err
    assert run("value", "set", "3", "MEM01", "--start", "30", "--end", "35").code == 0
    out = tmp_path / "dept.pdf"
    assert run("report", "3", "-o", str(out), "--part", "report").code == 0
    text = flat("".join(pages_text(out)))
    # a department has no villages: 村干部队伍建设 and 集体经济 do not apply and are not drawn as zero bars
    assert "党组织建设党员队伍建设改革创新" in text  # the chart's labels, in order
    assert "村干部队伍建设" not in text
