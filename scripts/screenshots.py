"""Screenshots of the demo case's checklist at every scaling an office PC uses, into docs/screenshots/:

    .venv/bin/python scripts/screenshots.py                # the five scalings
    .venv/bin/python scripts/screenshots.py --tabs         # also every tab of the case (to look at, not committed)
    .venv/bin/python scripts/screenshots.py --only 1366x768-150 --out /tmp/shots

Each scaling runs in a process of its own on Qt's offscreen platform, with a screen of the physical size (the
platform's `configfile` option; `offscreen:size=…` does not exist) and QT_SCALE_FACTOR for the scaling, so the window
is placed exactly as on a user's first start: within the available screen, centred. The images have the physical
size (1366×768 at 150 % gives 911×512 logical pixels drawn at 1.5). Needs no display and no Xvfb."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: physical width, height and the scaling of Windows' display settings
SCALINGS = ((1366, 768, 100), (1366, 768, 125), (1366, 768, 150), (1920, 1080, 100), (1920, 1080, 150))


def name(width: int, height: int, percent: int) -> str:
    return f"checklist-{width}x{height}-{percent}.png"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots", help="folder for the PNG files")
    parser.add_argument("--tabs", action="store_true", help="also every tab of the case, as …-<tab>.png")
    parser.add_argument("--only", metavar="SCREEN-SCALE", help="one scaling only, e.g. 1366x768-150")
    parser.add_argument("--child", nargs=2, metavar=("DB", "PNG"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(args.child[0], Path(args.child[1]), args.tabs)
    chosen = [s for s in SCALINGS if args.only in (None, f"{s[0]}x{s[1]}-{s[2]}")]
    if not chosen:
        parser.error(f"--only: one of {', '.join(f'{w}x{h}-{p}' for w, h, p in SCALINGS)}")
    sys.path.insert(0, str(ROOT))
    from handover import demo
    from handover.services.connection import open_database

    args.out.mkdir(parents=True, exist_ok=True)
    # a fixed folder, so the status bar's database path is the same in every run (the images change only with the app)
    tmp = Path(tempfile.gettempdir()) / "handover-screenshots"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        db_path = Path(tmp) / "demo.sqlite"
        db = open_database(str(db_path))
        try:
            demo.load_demo(db)
        finally:
            db.close()
        failed = 0
        for width, height, percent in chosen:
            screen = Path(tmp) / f"screen-{width}x{height}.json"
            screen.write_text(json.dumps({"screens": [{"name": "office", "x": 0, "y": 0, "width": width, "height": height,
                                                       "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))  # fmt: skip
            env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={screen}", "QT_SCALE_FACTOR": str(percent / 100),
                   "HANDOVER_HOME": str(Path(tmp) / f"home-{width}-{percent}")}  # fmt: skip
            env.pop("QT_SCREEN_SCALE_FACTORS", None)
            png = args.out / name(width, height, percent)
            command = [sys.executable, str(Path(__file__).resolve()), "--child", str(db_path), str(png)]
            result = subprocess.run(command + (["--tabs"] if args.tabs else []), env=env, cwd=ROOT, check=False)
            failed += result.returncode != 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failed else 0


def child(db_path: str, png: Path, tabs: bool) -> int:
    """In the process of one scaling: the application on the demo database, its first case open on the checklist."""
    sys.path.insert(0, str(ROOT))
    from ui.app import Application
    from ui.screen_fit import available

    app = Application(db_path)
    window = app.window
    window.show()
    workspace = window.open_case(1)
    if workspace is None:
        print(f"{png.name}: the demo case could not be opened", file=sys.stderr)
        return 1
    app.qapp.processEvents()
    window.grab().save(str(png))
    if tabs:
        for index in range(workspace.tabs.count()):
            workspace.tabs.setCurrentIndex(index)
            app.qapp.processEvents()
            window.grab().save(str(png.with_name(f"{png.stem}-tab{index}.png")))
        for index in range(window.tabs.count() - 1):  # the screens of the main window, without the case
            window.tabs.setCurrentIndex(index)
            app.qapp.processEvents()
            window.grab().save(str(png.with_name(f"{png.stem}-screen{index}.png")))
    area, frame = available(window), window.frameGeometry()
    fits = area.contains(frame)
    print(f"{png.name}: screen {area.width()}×{area.height()} logical, window {frame.width()}×{frame.height()} "
          f"at {frame.x()},{frame.y()}: {'fits' if fits else 'DOES NOT FIT'}")  # fmt: skip
    window.close()
    app.close()
    return 0 if fits else 1


if __name__ == "__main__":
    sys.exit(main())
