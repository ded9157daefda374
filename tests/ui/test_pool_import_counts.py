"""The pool import preview counts as it lists (issue 13 item 3): "2000 人将新增：… 等，共 2000 人", not "等共 1988 人"."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt

HEADER = "姓名,工作单位,性别,是否组织部,证书编号,证书有效期至,最近培训日期,回避对象\n"


def test_the_preview_gives_one_count_for_the_people_it_lists(qtbot, start_app, demo_db, tmp_path, recorded_dialogs) -> None:  # type: ignore[no-untyped-def]
    sheet = tmp_path / "pool.csv"
    rows = "".join(f"评审员{i:04d},县统计局,男,否,QX-NEW-{i:04d},2030-01-01,2026-05-01,\n" for i in range(2000))
    sheet.write_text(HEADER + rows + "周平,县委组织部,男,是,QX-PS-001,2030-01-01,2026-05-01,\n", encoding="utf-8")
    app = start_app(demo_db)
    recorded_dialogs.file_answers.append(str(sheet))
    recorded_dialogs.confirm_answers.append(False)  # only the question is looked at
    qtbot.mouseClick(app.window.pool.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(kind == "confirm" for kind, _, _ in recorded_dialogs.shown), timeout=60_000)
    qtbot.waitUntil(lambda: app.window.task is None)
    summary = next(text for kind, _, text in recorded_dialogs.shown if kind == "confirm")
    added = summary.splitlines()[0]
    assert added.startswith("2000 人将新增：评审员0000、") and added.endswith("等，共 2000 人"), added
    assert re.findall(r"\d+ 人", added) == ["2000 人", "2000 人"]  # one count, said twice
    assert "1 人将更新（证书编号相同）：周平" in summary
