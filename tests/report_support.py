"""Helpers for the PDF tests: read a generated PDF back with poppler and zbar, and build a case with very long lists."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from handover import catalogue
from handover.db import Database
from handover.services import cases, units
from handover.services.cases import ValueEdit


def pdftotext(path: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, str(path), "-"], check=True, capture_output=True, text=True).stdout


def pages_text(path: Path) -> list[str]:
    """The text of each page, in content-stream order (pdftotext -raw), one string per page."""
    return pdftotext(path, "-raw").split("\f")[:-1]


_RUNNING = re.compile(r"^(.*党建绩效离任评审报告及交接单 .*号|第 \d+ 页 共 \d+ 页|HO-\d{6}-[0-9A-F]{8} 内容指纹 .*|扫码核验"
                      r"|样稿|尚未设置发文机关（handover setup）|本件不是正式文件，不能签字或数字签名"
                      r"|草稿?|稿)$")  # the diagonal 草稿 of a case not signed reads back a character a line


def body_text(pages: list[str]) -> str:
    """The pages joined without their running header and footer, so text that breaks across pages reads on."""
    return "\n".join(line for page in pages for line in page.splitlines() if not _RUNNING.match(line))


def flat(text: str) -> str:
    """Text with all white space removed, so a table row or a wrapped sentence reads as one run of characters."""
    return re.sub(r"\s+", "", text)


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class PageSize:
    width: float
    height: float


_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def words(path: Path) -> tuple[list[PageSize], list[Word]]:
    """Every word with its box (poppler's -bbox output), and the page sizes."""
    html = pdftotext(path, "-bbox")
    sizes: list[PageSize] = []
    found: list[Word] = []
    for number, chunk in enumerate(html.split("<page ")[1:], start=1):
        m = _PAGE.search("<page " + chunk)
        assert m is not None
        sizes.append(PageSize(float(m.group(1)), float(m.group(2))))
        for w in _WORD.finditer(chunk):
            found.append(Word(number, w.group(5), *(float(w.group(i)) for i in range(1, 5))))
    return sizes, found


def is_draft_mark(word: Word) -> bool:
    """A character of the large diagonal 草稿 across each page of a case not signed (handover/report/watermark.py)."""
    return word.text in ("草", "稿", "草稿") and word.y1 - word.y0 > 40


def overlaps(ws: list[Word], tolerance: float = 0.8) -> list[tuple[Word, Word]]:
    """Pairs of words on the same page whose boxes overlap by more than `tolerance` points both ways."""
    clashes = []
    by_page: dict[int, list[Word]] = {}
    for w in ws:
        if not is_draft_mark(w):  # drawn across the text on purpose
            by_page.setdefault(w.page, []).append(w)
    for page_words in by_page.values():
        page_words.sort(key=lambda w: w.y0)
        for i, a in enumerate(page_words):
            for b in page_words[i + 1 :]:
                if b.y0 >= a.y1 - tolerance:
                    break
                dx = min(a.x1, b.x1) - max(a.x0, b.x0)
                dy = min(a.y1, b.y1) - max(a.y0, b.y0)
                if dx > tolerance and dy > tolerance:
                    clashes.append((a, b))
    return clashes


def decode_qr(path: Path, page: int, tmp: Path, dpi: int = 200) -> list[str]:
    """Rasterise one page like a scanner would and decode every QR code on it with zbar."""
    from PIL import Image
    from pyzbar.pyzbar import ZBarSymbol, decode

    prefix = tmp / f"qr-{path.stem}-{page}"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-f", str(page), "-l", str(page), "-singlefile", str(path),
                    str(prefix)], check=True)  # fmt: skip
    with Image.open(f"{prefix}.png") as image:
        return [s.data.decode("ascii") for s in decode(image, symbols=[ZBarSymbol.QRCODE])]


LONG_UNIT = "长汀源畲族乡"
LONG_COMMENT = (
    "该同志任职期间坚持把抓好党建作为最大政绩，推动“五星”创建、后进整顿和集体经济消薄三项工作协同推进，"
    "建立健全村级组织运行、党员教育管理和村干部考核激励等制度，基层党组织的政治功能和组织力明显增强。"
)


#: the one finding pikepdf's PDF/A checker gives a digitally signed file: the signature is a form field (/AcroForm), which
#: PDF/A-2 allows and the checker does not check; `assert_pdfa` checks the signature widgets itself instead
_FORM_NOT_CHECKED = ("pikepdf:schema-Catalog", "/AcroForm")


def assert_pdfa(pdf: Path | bytes) -> None:
    """The PDF passes pikepdf's PDF/A-2b checker (`pikepdf.pdfa.validate_written`), and every font in it is embedded.

    A digitally signed file gets the checker's one "not checked" finding for its signature form; its widgets are then
    checked here as PDF/A-2 asks: printed, not hidden, with an appearance stream.
    """
    import io

    import pikepdf
    from pikepdf import pdfa

    data = pdf if isinstance(pdf, bytes) else pdf.read_bytes()
    report = pdfa.validate_written(io.BytesIO(data), "2b")
    rest = [f for f in report.findings if not (f.kind == "unsupported" and f.rule == _FORM_NOT_CHECKED[0]
                                                 and f.where.endswith(_FORM_NOT_CHECKED[1]))]  # fmt: skip
    assert not rest, report.summary()
    with pikepdf.open(io.BytesIO(data)) as doc:
        if rest != report.findings:
            for page in doc.pages:
                for annot in page.obj.get("/Annots", []):
                    flags = int(annot.get("/F", 0))
                    assert flags & 4 and not flags & (1 | 2 | 32), f"annotation flags {flags}: must print, never hide"
                    assert "/AP" in annot and "/N" in annot.AP, "an annotation without an appearance stream"
        for page in doc.pages:
            appearances = [a.AP.N.get("/Resources") for a in page.obj.get("/Annots", []) if "/AP" in a]
            for font in (f for r in [page.obj.get("/Resources"), *appearances] for f in _fonts(r)):
                descriptor = font.get("/FontDescriptor") or font.DescendantFonts[0].FontDescriptor
                assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), f"{font.BaseFont} not embedded"


def _fonts(resources, seen=None):  # type: ignore[no-untyped-def]
    """Every font used on a page, also inside form XObjects (the signature stamp) and annotation appearances."""
    seen = set() if seen is None else seen
    if resources is None or resources.objgen in seen and resources.objgen != (0, 0):
        return
    seen.add(resources.objgen)
    yield from (resources.get("/Font") or {}).values()
    for xobject in (resources.get("/XObject") or {}).values():
        if xobject.get("/Subtype") == "/Form":
            yield from _fonts(xobject.get("/Resources"), seen)


def village_name(i: int) -> str:
    return f"长汀源畲族乡第{i:03d}号行政村（含原垟心、畈田、岙底自然村）"


def make_long_case(db: Database, villages: int = 180) -> int:
    """A complete case with very long village lists, a long note on every indicator and a very long evaluation."""
    names = [village_name(i) for i in range(1, villages + 1)]
    units.add_unit(db, LONG_UNIT, "township")
    for name in names:
        units.add_village(db, LONG_UNIT, name)
    case_id = cases.create_case(db, cases.NewCase(LONG_UNIT, "欧阳振华", "司马晓雯", "2020-03-01", "2026-02-28", "2026-03-05"))
    samples = {"count": ("3", "4"), "percent": ("80", "95.5"), "rank": ("1", "1"), "amount": ("10.5", "20"),
               "grade": ("较好", "好"), "years": ("50", "48.5")}  # fmt: skip
    edits = []
    for ind in catalogue.load().indicators:
        note = f"{ind.name}的核实情况：" + LONG_COMMENT * 2
        if ind.villages:
            edits.append(ValueEdit(ind.code, villages_start=names[: villages - 40], villages_end=names[30:], note=note))
        else:
            start, end = samples[ind.kind.value]
            edits.append(ValueEdit(ind.code, start=start, end=end, note=note))
    cases.apply_edits(db, case_id, edits)
    cases.evaluate(db, case_id, "良好", "\n".join(LONG_COMMENT * 4 for _ in range(6)))
    return case_id
