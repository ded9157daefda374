"""Make the fonts shipped in resources/fonts/ from Debian's font packages (run once by a developer, not at run time).

reportlab embeds TrueType outlines only, from a single face: so one face is taken out of each .ttc collection, the
embedded bitmap strikes (EBDT/EBLC/BDF, useless in a PDF and most of the file) are dropped, and a notice of the change
is written into the font's own name table, as the Arphic Public License (section 2a) asks of modified copies.

    apt-get download fonts-arphic-uming fonts-wqy-microhei
    for d in *.deb; do dpkg-deb -x "$d" x; done
    python scripts/extract_fonts.py x/usr/share/fonts/truetype/arphic/uming.ttc x/usr/share/fonts/truetype/wqy/wqy-microhei.ttc
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from fontTools.ttLib import TTCollection

TARGET = Path(__file__).resolve().parent.parent / "resources" / "fonts"
#: collection file name → (face index, output file)
FACES = {"uming.ttc": (0, "uming-cn.ttf"), "wqy-microhei.ttc": (0, "wqy-microhei.ttf")}
DROPPED_TABLES = ("EBDT", "EBLC", "EBSC", "BDF ", "FFTM")


def extract(collection: Path) -> Path:
    index, out_name = FACES[collection.name]
    font = TTCollection(str(collection)).fonts[index]
    for tag in DROPPED_TABLES:
        if tag in font:
            del font[tag]
    notice = (
        f"Modified {date.today().isoformat()} for the handover application: face {index} extracted from "
        f"{collection.name} (Debian package) into a single TrueType file; embedded bitmap tables removed; "
        "outlines and character set unchanged."
    )
    name = font["name"]
    old = name.getDebugName(10) or ""
    for platform, encoding, language in ((3, 1, 0x409), (1, 0, 0)):
        name.setName((old + " " + notice).strip(), 10, platform, encoding, language)
    out = TARGET / out_name
    font.save(str(out))
    return out


def main(paths: list[str]) -> None:
    TARGET.mkdir(parents=True, exist_ok=True)
    for p in paths:
        out = extract(Path(p))
        print(f"{out}  {out.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main(sys.argv[1:])
