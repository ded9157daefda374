"""QR codes sized for a poor scan: a printed page scanned at 100 dpi (an office copier's low setting) still decodes,
read by zbarimg (Debian zbar-tools) from the page rendered at 100 dpi by pdftoppm."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from handover.report.data import qr_payload

pytestmark = pytest.mark.skipif(not (shutil.which("zbarimg") and shutil.which("pdftoppm")),
                                reason="needs zbar-tools and poppler-utils (dev.sh installs both)")  # fmt: skip


def scan(pdf: Path, page: int, dpi: int, tmp: Path) -> list[str]:
    """What zbarimg reads from one page rendered in grey at `dpi`, as a scanner would deliver it."""
    prefix = tmp / f"scan{page}"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", "-f", str(page), "-l", str(page), str(pdf), str(prefix)],
                   check=True)  # fmt: skip
    image = next(tmp.glob(f"scan{page}-*.png"))
    found = subprocess.run(["zbarimg", "-q", "--raw", str(image)], capture_output=True, text=True)
    image.unlink()
    return found.stdout.split()


@pytest.mark.parametrize("part", ["all", "sheet"])
def test_both_codes_decode_from_a_100_dpi_scan(run, demo, tmp_path: Path, part: str) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / f"{part}.pdf"
    assert run("report", "1", "-o", str(out), "--part", part).code == 0
    meta = PdfReader(out).metadata
    assert meta is not None
    expected = qr_payload(str(meta["/HandoverDocId"]), 1, str(meta["/HandoverFingerprint"]))
    last = len(PdfReader(out).pages)
    for page in (1, last):
        assert scan(out, page, 100, tmp_path) == [expected], f"page {page} of {part} at 100 dpi"
