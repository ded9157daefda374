"""Chinese line breaking in the report (禁则): no line starts with a closing mark or ends with an opening one, and
nothing hangs past the right margin."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

import handover.report
from handover.report.linebreak import NO_END, NO_START, Paragraph
from handover.report.styles import styles

TEXTS = [
    "★为评审报告重点指标；▲列有村（社区）名单，见第二部分。趋势按指标方向判断：提升、持平、下降；“变化”表示该指标无优劣之分。",
    "获县级以上表彰或推广的党建创新案例数从1个增至3个（增加2个），趋势为“提升”。五星级村党组织数从2个增至3个（增加1个），趋势为“提升”。",
    "林晓梅同志任职期间认真履行党建第一责任人职责，五星级村党组织由2个增至3个，全县党建“大赶考”排名从第2位升至第1位；"
    "集体经济薄弱村由3个减至1个——后进村梅坑村整顿尚未销号……需接任书记持续跟进。",
    "届末（12个）：云岭村、张家村、东坞村、包山村、敦木村、三溪村、石桥村、梅坑村、岭根村、下洋村、上塘村、白沙村。",
    "人员库快照 SHA-256 6aed4328859047fa2eca5dd3a5b5d7e028e14708cbfb1ea9b6f8f8da27f78cc1（符合条件 24 人，排除 7 人）。",
]


def _lines(para: object, width: float) -> list[tuple[str, float]]:
    """The text of each wrapped line and its width in points."""
    para.wrap(width, 10_000)  # type: ignore[attr-defined]
    style = para.style  # type: ignore[attr-defined]
    result = []
    for line in para.blPara.lines:  # type: ignore[attr-defined]
        if isinstance(line, tuple):  # one fragment: (extra space, [text])
            text = "".join(line[1])
            result.append((text, stringWidth(text, style.fontName, style.fontSize)))
        else:  # several fragments: FragLine with words
            text = "".join(w.text for w in line.words)
            result.append((text, sum(stringWidth(w.text, w.fontName, w.fontSize) for w in line.words)))
    return result


@pytest.mark.parametrize("style_name", ["body", "cell", "note", "plain", "list"])
@pytest.mark.parametrize("markup", [False, True], ids=["plain-text", "with-markup"])
def test_no_line_breaks_chinese_punctuation_rules(style_name: str, markup: bool) -> None:
    style = getattr(styles(), style_name)
    checked = 0
    for text in TEXTS:
        source = text.replace("“提升”", "“<b>提升</b>”") if markup else text
        # every width from a narrow table cell to the full text frame, so each mark lands at a line end somewhere
        for width in range(60, 445, 7):
            lines = _lines(Paragraph(source, style), width)
            assert "".join(t for t, _ in lines).replace(" ", "") == text.replace(" ", "")
            for n, (line, used) in enumerate(lines):
                room = width - (style.firstLineIndent if n == 0 else 0) - style.leftIndent - style.rightIndent
                assert used <= room + 0.01, f"{line!r} is {used:.1f} pt wide, past the margin at {room} pt"
                if n > 0:
                    assert line.strip()[:1] not in NO_START, f"line starts with a closing mark: {line!r}"
                if n < len(lines) - 1:
                    assert line.strip()[-1:] not in NO_END, f"line ends with an opening mark: {line!r}"
                    assert not (line.endswith("—") and lines[n + 1][0].startswith("—")), "—— split"
                checked += 1
    assert checked > 500


def test_every_report_module_uses_the_chinese_paragraph() -> None:
    package = Path(handover.report.__file__).parent
    offenders = []
    for path in package.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("reportlab"):
                offenders += [f"{path.name}: {a.name}" for a in node.names if a.name == "Paragraph"]
    assert offenders == ["linebreak.py: Paragraph"]
