"""No missing glyph, ever: every character of GBK and the rare characters of names print with a real glyph of the font
embedded for them (read back from the PDF: the font of each text run, its ToUnicode map and its embedded font program),
and a character no bundled font has is refused when it is entered, naming it."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pikepdf
import pytest
from fontTools.ttLib import TTFont
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import SimpleDocTemplate

from handover import glyphs, value_rules
from handover.db import Database
from handover.errors import Refused
from handover.report import fonts
from handover.report.data import gather
from handover.report.linebreak import Paragraph
from handover.report.render import render_pdf
from handover.report.styles import styles
from handover.report.words import esc
from handover.services import units
from tests.report_support import assert_pdfa

#: rare characters of real names and places (婳 is not in the body font; 𠀾 is outside the BMP)
RARE = "婳赟祎喆堃昇𠀾琤玥昳旸曌珺璟喆犇淼焱垚燚鑫靓"


def gbk() -> list[str]:
    """Every character of GBK, by Python's codec (about 21,800, of them about 20,900 Chinese characters)."""
    found = []
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            try:
                found.append(bytes((lead, trail)).decode("gbk"))
            except UnicodeDecodeError:
                continue
    return [ch for ch in found if not ch.isspace()]


def drawn_with_glyphs(pdf: bytes) -> tuple[set[str], list[str]]:
    """The characters the pages draw with a real glyph of the embedded font that draws them, and those drawn
    without one (glyph 0, or no outline), read from the content streams, the ToUnicode maps and the font programs."""
    good: set[str] = set()
    bad: list[str] = []
    programs: dict[tuple[int, int], tuple[dict[int, str], dict[int, str], TTFont]] = {}
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            fonts_here = page.obj.Resources.Font
            font = None
            for operands, op in pikepdf.parse_content_stream(page):
                name = str(op)
                if name == "Tf":
                    font = fonts_here[operands[0]]
                    if font.objgen not in programs:
                        programs[font.objgen] = _program(font)
                elif name in ("Tj", "TJ", "'", '"') and font is not None:
                    strings = operands[0] if name == "TJ" else operands[-1:]
                    to_unicode, code_glyph, program = programs[font.objgen]
                    for s in strings:
                        if not isinstance(s, pikepdf.String):
                            continue
                        for code in bytes(s):
                            ch = to_unicode.get(code, "?")
                            glyph = code_glyph.get(code)
                            if ch.isspace():
                                continue
                            if glyph is None or glyph == ".notdef" or not _has_outline(program, glyph):
                                bad.append(ch)
                            else:
                                good.add(ch)
    return good, bad


def _program(font: pikepdf.Object) -> tuple[dict[int, str], dict[int, str], TTFont]:
    """A simple TrueType font's ToUnicode map (code → character), its embedded program's cmap (code → glyph name),
    and the program."""
    program = TTFont(io.BytesIO(font.FontDescriptor.FontFile2.read_bytes()))
    code_glyph: dict[int, str] = {}
    for table in program["cmap"].tables:
        for code, glyph in table.cmap.items():
            code_glyph.setdefault(code & 0xFF, glyph)
    text = font.ToUnicode.read_bytes().decode("latin-1")
    to_unicode: dict[int, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for code, value in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            to_unicode[int(code, 16)] = _unicode(value)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for first, last, value in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            start = ord(_unicode(value))
            for i, code in enumerate(range(int(first, 16), int(last, 16) + 1)):
                to_unicode[code] = chr(start + i)
    return to_unicode, code_glyph, program


def _unicode(hex_digits: str) -> str:
    """A ToUnicode destination: UTF-16BE as the standard says, or (reportlab, outside the BMP) the bare code point."""
    if len(hex_digits) % 4 == 0:
        return bytes.fromhex(hex_digits).decode("utf-16-be")
    return chr(int(hex_digits, 16))


def _has_outline(program: TTFont, glyph: str) -> bool:
    g = program["glyf"][glyph]
    return bool(g.numberOfContours != 0)


def test_every_gbk_character_and_rare_name_characters_print_with_a_real_glyph(tmp_path: Path) -> None:
    every = gbk()
    assert len(every) > 21000
    han = [ch for ch in every if "\u4e00" <= ch <= "\u9fff"]
    assert len(han) > 20900
    # the body font alone lacks about a tenth of them: the fallback is what is tested here
    fonts.register()
    assert sum(ord(ch) not in glyphs.coverage("uming-cn.ttf") for ch in every) > 2000
    st = styles()
    chunks = [every[i : i + 600] for i in range(0, len(every), 600)]
    story = [Paragraph(esc("".join(chunk)), st.body) for chunk in chunks]
    story += [Paragraph(esc(f"离任书记 王{ch}　{ch}家村"), style) for ch in RARE for style in (st.body, st.h1, st.cell)]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, initialFontName=fonts.BODY).build(story)
    good, bad = drawn_with_glyphs(buffer.getvalue())
    assert not bad, f"{len(bad)} characters drawn without a glyph, e.g. {''.join(bad[:20])}"
    missing = [ch for ch in [*every, *RARE] if ch not in good]
    assert not missing, f"{len(missing)} characters not drawn, e.g. {''.join(missing[:20])}"


def test_a_line_drawn_on_the_canvas_falls_back_too() -> None:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, initialFontName=fonts.BODY)
    fonts.draw(canvas, 72, 700, f"云岭镇　{RARE}", fonts.BODY, 12)
    fonts.draw(canvas, 300, 650, RARE, fonts.HEADING, 12, "centre")
    canvas.showPage()
    canvas.save()
    good, bad = drawn_with_glyphs(buffer.getvalue())
    assert not bad and set(RARE) <= good


def test_a_case_with_rare_names_prints_them_all(run, demo, db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run("settings", "set", "issuing_body", "中共青溪县委组织部").code == 0
    assert run("village", "add", "云岭镇", "𠀾婳村").code == 0
    assert run("value", "set", "1", "ORG04", "--villages-end", "张家村,东坞村,包山村,𠀾婳村").code == 0
    assert run("value", "set", "1", "ORG01", "--note", "赟祎喆堃昇：婳").code == 0
    result = render_pdf(gather(db, 1, supervisor="王婳"), "all")
    assert result.missing == ()
    assert_pdfa(result.pdf)
    good, bad = drawn_with_glyphs(result.pdf)
    assert not bad, "".join(bad)
    assert set("𠀾婳赟祎喆堃昇") <= good


@pytest.mark.parametrize("text", ["王𠮷", "李四😀"])
def test_a_character_no_bundled_font_has_is_refused_at_entry_naming_it(text: str) -> None:
    with pytest.raises(Refused) as refusal:
        value_rules.check_glyphs(text, "离任书记姓名")
    odd = text[-1]
    assert refusal.value.message.startswith("离任书记姓名中的")
    assert f"“{odd}”（U+{ord(odd):04X}）" in refusal.value.message


def test_names_notes_and_the_evaluation_refuse_what_cannot_be_printed(run, demo, db: Database) -> None:  # type: ignore[no-untyped-def]
    village = run("village", "add", "云岭镇", "𠮷家村")
    assert village.code == 2 and "𠮷" in village.err and "U+20BB7" in village.err and "无法打印" in village.err
    assert "𠮷家村" not in units.get_unit(db, "云岭镇").villages
    note = run("value", "set", "1", "ORG01", "--note", "见𠮷家村")
    assert note.code == 2 and "ORG01 的备注" in note.err and "U+20BB7" in note.err
    comment = run("evaluate", "1", "--grade", "优秀", "--comment", "该同志认真履职，成效明显，群众满意𠮷。")
    assert comment.code == 2 and "总体评价的文字评语" in comment.err
    assert value_rules.check_name(" 葛\U000e0100 ", "姓名", 50) == "葛\U000e0100"  # a variation selector needs no glyph
