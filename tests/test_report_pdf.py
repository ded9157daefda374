"""The printed documents read back from the generated PDF: text, fonts, pages, QR codes, signature boxes, parts."""

from __future__ import annotations

import io
import json
import subprocess
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from handover import catalogue, reading
from handover.db import Database
from handover.draw import service as draws
from handover.report.data import (
    DrawRecord,
    Exclusion,
    Panel,
    PanelMember,
    Replacement,
    SignatureSlot,
    assemble,
    gather,
    qr_payload,
)
from handover.report.render import render_pdf
from handover.report.words import full_width_quotes
from tests.report_support import (
    LONG_COMMENT,
    assert_pdfa,
    body_text,
    decode_qr,
    flat,
    make_long_case,
    overlaps,
    pages_text,
    village_name,
    words,
)

MM = 72 / 25.4
SIGNATURE_LABELS = ("离任领导干部", "接任领导干部", "监交人", "评审小组组长", "评审小组成员", "盖章")


@pytest.fixture
def demo_pdf(run, demo, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    out = tmp_path / "报告.pdf"
    result = run("report", "1", "-o", str(out), "--supervisor", "组织部 何监交")
    assert result.code == 0, result.err
    assert "已生成" in result.out and "组离审〔2026〕1号" in result.out
    assert_pdfa(out)
    return out


def _row(number: int, v) -> str:  # type: ignore[no-untyped-def]
    """How one indicator's row of the handover sheet reads with white space removed."""
    mark = "★" if v.key else ""
    listed = "▲" if v.lists_villages else ""
    # printed with full-width quotation marks: 全县党建"大赶考"排名 reads 全县党建“大赶考”排名 on paper
    return f"{number}{mark}{full_width_quotes(v.name)}{listed}{v.unit_label or '等次'}{v.start}{v.end}"


def test_every_indicator_with_its_values_and_the_key_sentences_are_in_the_text(demo_pdf: Path, db: Database) -> None:
    text = flat("".join(pages_text(demo_pdf)))
    detail = reading.get_case(db, 1)
    assert len(detail.values) == 40
    for number, v in enumerate(detail.values, start=1):
        assert _row(number, v) in text, f"row of {v.code} {v.name} not found"
        assert v.trend and v.trend in text
    for sentence in (
        "五星级村党组织数从2个增至3个（增加1个），趋势为“提升”",
        '全县党建“大赶考”排名从第2位升至第1位（上升1位），趋势为“提升”',
        "后进村党组织数持平（届初、届末均为1个）",
        "优秀村党组织书记数持平（届初、届末均为2名）",
        "集体经济薄弱村数从3个减至1个（减少2个），趋势为“提升”",
    ):
        assert flat(sentence) in text
    # the village lists at start and end with what was added and removed, the notes, the evaluation
    assert flat("届末（3个）：云岭村、包山村、敦木村新增：敦木村；减少：无") in text
    assert flat("届初（3个）：梅坑村、岭根村、下洋村届末（1个）：梅坑村新增：无；减少：岭根村、下洋村") in text
    assert flat("梅坑村因村班子不团结列入后进整顿") in text
    assert flat("评价等次：优秀") in text and flat(detail.evaluation_comment or "-") in text
    for label in SIGNATURE_LABELS:
        assert label in text
    assert "监交人组织部何监交" in text
    # the demo's drawn panel: named in the report, signing on the signature page, its draw record in the appendix
    drawn = draws.current_draw(db, 1)
    assert drawn is not None and "尚未抽签" not in text
    leader = next(m.name for m in drawn.panel if m.role == "leader")
    members = "、".join(m.name for m in drawn.panel if m.role != "leader")
    assert flat(f"组长：{leader}；成员：{members}（抽签编号 {drawn.id}）") in text
    for fact in ("附件：抽签记录", drawn.seed, drawn.pool_hash, drawn.algorithm, drawn.record_hash, "已复核，重新计算结果一致"):
        assert fact in text, fact
    for excluded in drawn.excluded:
        assert flat(excluded.name + excluded.reason) in text
    for person in drawn.panel:  # each signs by name on the signature page
        assert flat(f"{person.role_label}{person.name}") in text.replace("评审小组", "")
    assert "中共××县委组织部" in text and "组离审〔2026〕1号" in text


def test_all_fonts_are_embedded_truetype_subsets(demo_pdf: Path) -> None:
    listing = subprocess.run(["pdffonts", str(demo_pdf)], check=True, capture_output=True, text=True).stdout
    rows = listing.splitlines()[2:]
    assert rows, listing
    for row in rows:
        columns = row.split()
        assert columns[-5:-3] == ["yes", "yes"], f"font not embedded as a subset: {row}"
        assert "TrueType" in row
    # the same from the PDF objects: every font has its TrueType program (FontFile2) inside the file
    reader = PdfReader(demo_pdf)
    seen = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            assert descriptor is not None, font
            assert "/FontFile2" in descriptor.get_object(), font["/BaseFont"]
            seen.add(str(font["/BaseFont"]))
    assert any("UMing" in name for name in seen) and any("MicroHei" in name for name in seen)


def test_every_page_says_which_page_of_how_many(demo_pdf: Path) -> None:
    pages = pages_text(demo_pdf)
    total = len(PdfReader(demo_pdf).pages)
    assert total == len(pages) >= 6
    for number, text in enumerate(pages, start=1):
        assert f"第 {number} 页 共 {total} 页" in text
        assert "组离审〔2026〕1号" in text  # in the red head on page 1, in the running header after
    assert "第 1 页 共" in pages[0]


def test_qr_codes_on_first_and_last_page_carry_the_document_id_and_fingerprint(
    demo_pdf: Path, db: Database, tmp_path: Path
) -> None:
    data = gather(db, 1)
    meta = PdfReader(demo_pdf).metadata
    assert meta is not None and meta["/HandoverFingerprint"] == data.fingerprint
    last = len(PdfReader(demo_pdf).pages)
    expected = qr_payload(data.document_id, 1, data.fingerprint)
    assert len(data.fingerprint) == 64
    for page in (1, last):
        assert decode_qr(demo_pdf, page, tmp_path) == [expected]
    if last > 2:
        assert decode_qr(demo_pdf, 2, tmp_path) == []
    # the short fingerprint in every footer is the start of the full one
    assert data.short_fingerprint.replace(" ", "").lower() == data.fingerprint[:16]
    assert all(data.short_fingerprint in text for text in pages_text(demo_pdf))


def test_verify_passes_on_the_fresh_pdf_and_fails_naming_the_value_after_a_change(  # type: ignore[no-untyped-def]
    run, demo_pdf: Path, tmp_path: Path
) -> None:
    ok = run("verify", str(demo_pdf))
    assert ok.code == 0, ok.out + ok.err
    assert "核验通过" in ok.out
    qr_text = decode_qr(demo_pdf, 1, tmp_path)[0]
    assert run("verify", "--qr", qr_text).code == 0

    assert run("value", "set", "1", "ORG05", "--end", "11").code == 0
    bad = run("verify", str(demo_pdf))
    assert bad.code == 3
    assert "核验不通过" in bad.out
    assert "ORG05 党群服务中心规范化达标村数 届末值：文件中为 “10”，数据库中为 “11”" in bad.out
    data = json.loads(run("verify", str(demo_pdf), "--json").out)
    assert data["ok"] is False and data["fingerprint_file"] != data["fingerprint_db"]
    assert [(d["where"], d["field"], d["file"], d["db"]) for d in data["differences"]] == [
        ("ORG05 党群服务中心规范化达标村数", "届末值", "“10”", "“11”")
    ]
    qr_bad = run("verify", "--qr", qr_text)
    assert qr_bad.code == 3 and "内容指纹不一致" in qr_bad.out

    # putting the value back restores the match: the fingerprint depends on the content only
    assert run("value", "set", "1", "ORG05", "--end", "10").code == 0
    assert run("verify", str(demo_pdf)).code == 0


def test_verify_names_village_and_evaluation_changes(run, demo_pdf: Path) -> None:  # type: ignore[no-untyped-def]
    assert run("value", "set", "1", "ORG02", "--villages-end", "梅坑村,岭根村").code == 0
    assert run("evaluate", "1", "--grade", "良好", "--comment", "改写后的总体评价，超过十个字。").code == 0
    out = run("verify", str(demo_pdf)).out
    assert "ORG02 后进村党组织数 届末值：文件中为 “1”，数据库中为 “2”" in out
    assert "ORG02 后进村党组织数 届末村名：文件中为 梅坑村，数据库中为 梅坑村、岭根村" in out
    assert "总体评价 总体评价等次：文件中为 “优秀”，数据库中为 “良好”" in out


def test_verify_fails_when_the_panel_changes_after_printing(run, demo_pdf: Path, db: Database) -> None:  # type: ignore[no-untyped-def]
    drawn = draws.current_draw(db, 1)
    assert drawn is not None
    # the demo's random draw may leave no alternate who fits a given member (both from the leader's office): take
    # the first person on the panel who can be replaced; a refused replacement changes nothing
    for member in sorted(drawn.panel, key=lambda m: m.role != "member"):
        replaced = run("draw", "replace", str(drawn.id), member.name, "--reason", "因病不能参加")
        if replaced.code == 0:
            break
    assert replaced.code == 0, replaced.err
    result = run("verify", str(demo_pdf))
    assert result.code == 3
    assert "评审小组 成员" in result.out and member.name in result.out  # 成员: the panel's members, leader included
    # a new printout shows the replacement in the draw record and verifies again
    again = demo_pdf.with_name("again.pdf")
    assert run("report", "1", "-o", str(again)).code == 0
    assert run("verify", str(again)).code == 0
    text = flat("".join(pages_text(again)))
    assert flat(f"{member.name}") in text and "因病不能参加" in text


def test_verify_refuses_files_it_did_not_make(run, demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = tmp_path / "notes.pdf"
    text.write_text("not a pdf", encoding="utf-8")
    result = run("verify", str(text))
    assert result.code == 2 and "无法读取" in result.out
    from reportlab.pdfgen.canvas import Canvas

    other = tmp_path / "other.pdf"
    canvas = Canvas(str(other))
    canvas.drawString(100, 100, "hello")
    canvas.save()
    result = run("verify", str(other))
    assert result.code == 2 and "不含本系统写入的文档编号" in result.out
    assert run("verify", str(tmp_path / "missing.pdf")).code == 2
    assert run("verify", "--qr", "https://example.com").code == 2
    assert run("verify").code == 2


def test_parts_print_separately(run, demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    texts, counts = {}, {}
    for part in ("report", "sheet", "draw", "all"):
        out = tmp_path / f"{part}.pdf"
        result = run("report", "1", "-o", str(out), "--part", part)
        assert result.code == 0, result.err
        assert_pdfa(out)
        pages = pages_text(out)
        counts[part] = len(pages)
        texts[part] = flat("".join(pages))
        assert f"第1页共{len(pages)}页" in texts[part]
    assert "党建绩效离任评审报告" in texts["report"] and "交接签字" not in texts["report"]
    assert "党建交接单" in texts["sheet"] and "离任领导干部" in texts["sheet"]
    assert "趋势为“提升”" not in texts["sheet"] and "附件：抽签记录" not in texts["sheet"]
    assert "附件：抽签记录" in texts["draw"] and "党建交接单" not in texts["draw"]
    assert counts["report"] + counts["sheet"] + counts["draw"] == counts["all"]
    with pytest.raises(SystemExit) as refused:
        run("report", "1", "-o", str(tmp_path / "x.pdf"), "--part", "cover")
    assert refused.value.code == 2


def test_report_refusals(run, demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    missing = run("report", "99", "-o", str(tmp_path / "x.pdf"))
    assert missing.code == 2 and "99" in missing.err
    assert run("report", "-o", str(tmp_path / "x.pdf")).code == 2
    assert run("report", "1", "--all", "-o", str(tmp_path)).code == 2
    assert run("report", "1", "--year", "2026", "-o", str(tmp_path / "x.pdf")).code == 2
    folder = run("report", "1", "-o", str(tmp_path))
    assert folder.code == 2 and "文件夹" in folder.err
    none = run("report", "--all", "--year", "1999", "-o", str(tmp_path / "none"))
    assert none.code == 2 and "没有符合条件的案件" in none.err


def test_report_all_writes_one_verifiable_pdf_per_case_using_worker_processes(  # type: ignore[no-untyped-def]
    run, demo, tmp_path: Path
) -> None:
    out = tmp_path / "batch"
    result = run("report", "--all", "-o", str(out), "--workers", "2", "--json")
    assert result.code == 0, result.err
    written = json.loads(result.out)["written"]
    assert sorted(w["case"] for w in written) == [1, 2]
    files = sorted(out.glob("*.pdf"))
    assert [f.name for f in files] == ["00001-云岭镇-林晓梅.pdf", "00002-石门乡-陈立新.pdf"]
    for f in files:
        assert run("verify", str(f)).code == 0
        assert_pdfa(f)
    fingerprints = {PdfReader(f).metadata["/HandoverFingerprint"] for f in files}  # type: ignore[index]
    assert len(fingerprints) == 2
    # the half-filled case is marked so it is not signed by mistake
    half, complete = (flat("".join(pages_text(f))) for f in (files[1], files[0]))
    assert "未完成尚缺24项指标仅供核对，不能签字" in half and "未完成" not in complete
    assert "尚未抽签组建评审小组" in half and "本案件尚未抽签组建评审小组，没有抽签记录" in half
    progress = run("report", "--all", "-o", str(tmp_path / "again"), "--status", "draft")
    assert progress.code == 0 and "2/2" in progress.err and "已生成 2 个 PDF" in progress.out


def test_the_fingerprint_follows_the_content_not_the_status(run, demo, db: Database) -> None:  # type: ignore[no-untyped-def]
    first = gather(db, 1)
    assert gather(db, 1).fingerprint == first.fingerprint
    assert json.loads(first.canonical)["format"] == "handover-case/1"
    assert run("case", "submit", "1").code == 0
    assert gather(db, 1).fingerprint == first.fingerprint  # draft → review changes no content
    changed = {}
    changed["note"] = run("value", "set", "1", "ECO01", "--note", "含光伏项目分红86万元（已核实）")
    assert changed["note"].code == 0
    after_note = gather(db, 1).fingerprint
    assert after_note != first.fingerprint


def test_long_village_lists_and_comments_wrap_and_break_across_pages_without_overlap(
    db: Database, tmp_path: Path
) -> None:
    case_id = make_long_case(db)
    result = render_pdf(gather(db, case_id))
    path = tmp_path / "long.pdf"
    path.write_bytes(result.pdf)
    pages = pages_text(path)
    assert len(pages) == result.pages > 20
    text = flat(body_text(pages))
    for i in (1, 77, 140, 180):  # first, middle and last villages of the lists are all printed
        assert flat(village_name(i)) in text
    assert text.count(flat(LONG_COMMENT)) >= 24 + 40 * 2  # evaluation and every note, nothing cut
    sizes, found = words(path)
    assert not overlaps(found), overlaps(found)[:3]
    for w in found:  # nothing runs into the binding margin or the 5 mm a printer cannot print
        page = sizes[w.page - 1]
        assert 28 * MM <= w.x0 and w.x1 <= page.width - 15 * MM, w
        assert 5 * MM <= w.y0 and w.y1 <= page.height - 5 * MM, w
    for number, page_text in enumerate(pages, start=1):
        assert f"第 {number} 页 共 {len(pages)} 页" in page_text


def _signature_png() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (400, 120), (255, 255, 255, 0))
    pen = ImageDraw.Draw(image)
    pen.line([(20, 90), (80, 20), (140, 100), (200, 30), (260, 95), (380, 40)], fill=(20, 20, 120, 255), width=6)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _draw_record() -> tuple[Panel, DrawRecord]:
    members = (PanelMember("赵立群", "leader", "县委组织部"), PanelMember("钱卫东", "member", "县纪委监委"),
               PanelMember("孙丽华", "member", "县委党校"))  # fmt: skip
    panel = Panel("D-0007", members, ("李振宇", "周美玲"))
    record = DrawRecord(
        draw_id="D-0007",
        drawn_at="2026-08-10 09:30:12",
        operator="测试员",
        pool_size=28,
        pool_hash="9f" * 32,
        seed="5a1c" * 16,
        algorithm="hmac-sha256-ctr/1",
        members=members,
        alternates=("李振宇", "周美玲"),
        excluded=(Exclusion("吴国平", "在被评审单位工作"), Exclusion("郑小燕", "证书已于2026-03-31过期")),
        replacements=(Replacement("王建军", "孙丽华", "因病不能参加", "2026-08-11 14:00"),),
        witness_entropy="见证人：县纪委 张三 输入 8841",
        verified=True,
    )
    return panel, record


def test_signature_images_go_into_their_boxes_and_the_box_positions_are_reported(db: Database, demo) -> None:  # type: ignore[no-untyped-def]
    data = gather(db, 1)
    signed = data.with_signature(SignatureSlot("outgoing", "林晓梅", image=_signature_png(), signed_on=date(2026, 8, 24)))
    plain = render_pdf(data, "sheet")
    result = render_pdf(signed, "sheet")
    roles = [b.role for b in result.boxes]
    assert roles[:2] == ["outgoing", "incoming"] and "supervisor" in roles and "seal" in roles
    assert roles.count("member") == 2 and roles.count("leader") == 1
    box = result.box("outgoing", "林晓梅")
    reader = PdfReader(io.BytesIO(result.pdf))
    page = reader.pages[box.page - 1]
    assert len(page.images) == 1 and len(PdfReader(io.BytesIO(plain.pdf)).pages[box.page - 1].images) == 0
    assert "2026年8月24日" in page.extract_text()
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    for b in result.boxes:  # inside the page, and no two boxes on top of each other
        assert 0 < b.x and b.x + b.width < width and 0 < b.y and b.y + b.height < height
    for i, a in enumerate(result.boxes):
        for b in result.boxes[i + 1 :]:
            if a.page == b.page:
                apart = a.x + a.width <= b.x or b.x + b.width <= a.x or a.y + a.height <= b.y or b.y + b.height <= a.y
                assert apart, (a, b)


def test_draw_record_appendix_and_panel_from_report_data(db: Database, demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    panel, record = _draw_record()
    detail = reading.get_case(db, 1)
    data = assemble(detail, issuing_body="中共青溪县委组织部", doc_prefix="青组离审", panel=panel, draws=[record],
                    supervisor="陈监交")  # fmt: skip
    path = tmp_path / "draw.pdf"
    path.write_bytes(render_pdf(data).pdf)
    text = flat("".join(pages_text(path)))
    for expected in ("附件：抽签记录", "D-0007", "2026-08-1009:30:12", "9f" * 32, "5a1c" * 16, "hmac-sha256-ctr/1",
                     "吴国平在被评审单位工作", "郑小燕证书已于2026-03-31过期", "王建军孙丽华因病不能参加",
                     "候补1李振宇", "已复核，重新计算结果一致", "28人", "见证人：县纪委张三输入8841"):  # fmt: skip
        assert flat(expected) in text, expected
    assert "组长：赵立群；成员：钱卫东、孙丽华（抽签编号D-0007）" in text
    assert "中共青溪县委组织部" in text and "青组离审〔2026〕1号" in text
    for name in ("赵立群", "钱卫东", "孙丽华", "陈监交"):  # the panel and the supervisor sign by name
        assert f"{name}" in text
    assert "尚未抽签" not in text
    # the panel is part of the content: another panel, another fingerprint
    other = assemble(detail, issuing_body="x", doc_prefix="y", panel=None)
    assert other.fingerprint != data.fingerprint


def test_catalogue_units_are_printed(demo_pdf: Path) -> None:
    text = flat("".join(pages_text(demo_pdf)))
    units = {ind.unit_label for ind in catalogue.load().indicators if ind.unit_label}
    for unit in units:
        assert unit in text


def test_not_applicable_indicators_are_printed_with_their_reason(run, demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    created = run("case", "new", "--unit", "县农业农村局", "--outgoing", "马东", "--incoming", "冯西",
                  "--term-start", "2021-03-01", "--term-end", "2026-02-28", "--json")  # fmt: skip
    assert created.code == 0, created.err
    case_id = json.loads(created.out)["id"]
    out = tmp_path / "dept.pdf"
    assert run("report", str(case_id), "-o", str(out)).code == 0
    text = flat(body_text(pages_text(out)))
    detail = json.loads(run("case", "show", str(case_id), "--json").out)
    na = [v for v in detail["values"] if v["na_reason"]]
    assert na, "a department has indicators that do not apply to it"
    indicators = {ind.code: ind for ind in catalogue.load().indicators}
    for number, v in enumerate(detail["values"], start=1):
        if v["na_reason"]:  # its row of the sheet: number, name, unit, then the reason across the value columns
            ind = indicators[v["code"]]
            row = f"{number}{'★' if ind.key else ''}{full_width_quotes(ind.name)}{ind.unit_label or '等次'}不适用：{v['na_reason']}"
            assert flat(row) in text, row
    assert text.count(flat("不适用：部门党组无下辖村（社区）")) >= len(na)
    assert flat("五星级村党组织数：不适用（部门党组无下辖村（社区））。") in text  # the key sentence says so too
    assert "县党组书记" not in text and flat("县农业农村局党组书记马东同志离任") in text


def test_verify_reads_the_qr_code_of_a_scanned_printout(run, demo_pdf: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PIL import Image

    # a "scan": every page as a 150 dpi picture, put back into a PDF with no metadata, as a copier would
    subprocess.run(["pdftoppm", "-r", "150", "-gray", "-png", str(demo_pdf), str(tmp_path / "scan")], check=True)
    pictures = [Image.open(p).convert("L") for p in sorted(tmp_path.glob("scan-*.png"))]
    scan = tmp_path / "scan.pdf"
    pictures[0].save(scan, "PDF", resolution=150, save_all=True, append_images=pictures[1:])
    assert PdfReader(scan).metadata is None or "/HandoverFingerprint" not in PdfReader(scan).metadata
    ok = run("verify", str(scan))
    assert ok.code == 0, ok.out
    assert "扫描件中的二维码" in ok.out and "核验通过" in ok.out
    assert run("value", "set", "1", "MEM02", "--end", "47").code == 0
    bad = run("verify", str(scan))
    assert bad.code == 3 and "内容指纹不一致" in bad.out


def test_characters_the_font_cannot_draw_are_reported(run, demo, db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # U+20BB7, a 生僻字 outside every shipped font: refused at entry now (tests/test_glyphs.py); one stored before that
    # rule is still reported when printing
    assert run("village", "add", "云岭镇", "𠮷家村").code == 2
    from sqlmodel import select

    from handover.models import Village

    with db.session() as session:  # as an older version stored it
        unit_id = session.exec(select(Village.unit_id).where(Village.name == "张家村")).one()
        session.add(Village(unit_id=unit_id, name="𠮷家村"))
    assert run("value", "set", "1", "ORG04", "--villages-end", "张家村,东坞村,包山村,𠮷家村").code == 0
    result = run("report", "1", "-o", str(tmp_path / "rare.pdf"))
    assert result.code == 0
    assert "𠮷（U+20BB7）" in result.out and "空白或方框" in result.out
    assert render_pdf(gather(db, 1)).missing == ("𠮷",)


def test_the_fonts_cover_the_catalogue_and_every_fixed_word() -> None:
    from reportlab.pdfbase import pdfmetrics

    from handover.report import fonts

    fonts.register()
    body = pdfmetrics.getFont(fonts.BODY).face.charToGlyph
    heading = pdfmetrics.getFont(fonts.HEADING).face.charToGlyph
    cat = catalogue.load()
    text = "".join(ind.name + ind.unit_label for ind in cat.indicators) + "".join(a.name for a in cat.areas)
    text += "".join(cat.grades) + "★▲〔〕×—…“”（）：；、，。℃％·→" + "一二三四五六七八九十"
    assert [ch for ch in text if ord(ch) not in body] == []
    assert [ch for ch in text if ord(ch) not in heading] == []


def test_verify_catches_a_pdf_whose_embedded_record_was_edited(run, demo_pdf: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfWriter

    from handover.report.render import decode_canonical, encode_canonical

    reader = PdfReader(demo_pdf)
    content = json.loads(decode_canonical(reader.metadata["/HandoverCanonical"]))  # type: ignore[index]
    next(v for v in content["values"] if v["code"] == "ORG05")["end"] = "99"
    forged = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    writer = PdfWriter(clone_from=reader)
    writer.add_metadata({"/HandoverCanonical": encode_canonical(forged)})
    edited = tmp_path / "edited.pdf"
    with edited.open("wb") as f:
        writer.write(f)
    result = run("verify", str(edited))
    assert result.code == 3 and "文件内嵌的案件内容与其内容指纹不符" in result.out
    writer.add_metadata({"/HandoverCanonical": "not base64 at all!"})
    broken = tmp_path / "broken.pdf"
    with broken.open("wb") as f:
        writer.write(f)
    result = run("verify", str(broken))
    assert result.code == 2 and "内嵌的案件内容已损坏" in result.out


def test_the_chart_labels_of_the_five_areas_stand_apart(demo_pdf: Path) -> None:
    """村干部队伍建设 and 党员队伍建设 are long: under their bars they must not run into each other."""
    names = ["党组织建设", "村干部队伍建设", "党员队伍建设", "集体经济", "改革创新"]
    _, found = words(demo_pdf)
    labels = [w for w in found if w.text in names and w.y1 - w.y0 < 10]  # the chart's 8.5 pt labels, not headings
    assert [w.text for w in sorted(labels, key=lambda w: w.x0)] == names
    row = sorted(labels, key=lambda w: w.x0)
    gaps = [b.x0 - a.x1 for a, b in zip(row, row[1:], strict=False)]
    assert min(gaps) >= 4, gaps


def test_the_output_file_is_a_pdf_by_name(run, demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """-o 交接 writes 交接.pdf (Windows opens files by extension); -o 交接.xlsx is refused, nothing written."""
    made = run("report", "1", "-o", str(tmp_path / "交接"))
    assert made.code == 0, made.err
    assert (tmp_path / "交接.pdf").read_bytes().startswith(b"%PDF") and not (tmp_path / "交接").exists()
    assert "交接.pdf" in made.out
    wrong = run("report", "1", "-o", str(tmp_path / "交接.xlsx"))
    assert wrong.code == 2 and ".pdf 结尾" in wrong.err
    assert not (tmp_path / "交接.xlsx").exists()
    dotted = run("report", "1", "-o", str(tmp_path / "交接单 v2.1（定稿）"))
    assert dotted.code == 0 and (tmp_path / "交接单 v2.1（定稿）.pdf").exists()


def test_a_long_issuing_body_stays_inside_the_text_frame_on_the_seal(run, demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    body = "中共景宁畲族自治县委员会组织部"
    assert run("settings", "set", "issuing_body", body).code == 0
    out = tmp_path / "seal.pdf"
    assert run("report", "1", "-o", str(out), "--part", "sheet").code == 0
    sizes, found = words(out)
    seal = [w for w in found if w.text == body and w.y1 - w.y0 < 16]  # the seal's line, not the red head
    assert seal, "the issuing body is printed at the seal"
    right_edge = sizes[0].width - 26 * MM  # GB/T 9704 right margin
    assert all(w.x1 <= right_edge + 0.5 for w in seal), [(w.x0, w.x1, right_edge) for w in seal]
