"""Values from a township's Excel sheet imported in the checklist (issue 13 item 3g): the button opens the file through
the dialog service, a preview lists each change (indicator, old → new), and only OK stores it; Cancel stores nothing,
a bad row is named and stores nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.conftest import dump
from tests.test_value_import import HEADER, write_xlsx

from .test_checklist import _new_case, _open, _stored


def _sheet(tmp_path, rows):  # type: ignore[no-untyped-def]
    return str(write_xlsx(tmp_path / "returned.xlsx", [HEADER, *rows]))


def _preview(qtbot, checklist, recorded_dialogs, path: str):  # type: ignore[no-untyped-def]
    recorded_dialogs.file_answers.append(path)
    qtbot.mouseClick(checklist.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: checklist.importer.preview is not None and checklist.importer.preview.isVisible(), timeout=20_000)
    preview = checklist.importer.preview
    table = preview.table
    rows = [tuple(table.item(r, c).text() for c in range(4)) for r in range(table.rowCount())]
    return preview, rows


def test_the_preview_shows_each_change_and_ok_stores_it(qtbot, start_app, demo_db, tmp_path, recorded_dialogs) -> None:  # type: ignore[no-untyped-def]
    case_id = _new_case(demo_db)
    app, checklist = _open(start_app, demo_db, case_id)
    path = _sheet(tmp_path, [
        ["ORG02", None, None, None, "桃源村", "无", None, None],
        ["ORG06", None, 85.5, 97, None, None, None, "按台账"],
    ])  # fmt: skip
    before = dump(demo_db)
    preview, rows = _preview(qtbot, checklist, recorded_dialogs, path)
    assert recorded_dialogs.shown[0][0] == "open_file"
    codes = {(r[0].split()[0], r[1]): (r[2], r[3]) for r in rows}
    assert codes[("ORG02", "届初")] == ("—", "1（桃源村）") and codes[("ORG02", "届末")] == ("—", "0（无）")
    assert codes[("ORG06", "届末")] == ("—", "97") and codes[("ORG06", "备注")] == ("—", "按台账")
    assert dump(demo_db) == before  # shown, not stored

    qtbot.mouseClick(preview.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _stored(demo_db, case_id).value("ORG06").end == "97", timeout=20_000)
    stored = _stored(demo_db, case_id)
    assert stored.value("ORG02").villages_start == ("桃源村",) and stored.value("ORG02").end == "0"
    qtbot.waitUntil(lambda: checklist.rows["ORG06"].fields["end"].text() == "97")
    assert checklist.rows["ORG02"].fields["end"].text() == "无"
    assert "2" in checklist.save_state.text()  # imported 2 rows
    qtbot.waitUntil(lambda: checklist.importer.task is None or not checklist.importer.task.is_running())


def test_cancel_stores_nothing_and_a_bad_row_is_named(qtbot, start_app, demo_db, tmp_path, recorded_dialogs) -> None:  # type: ignore[no-untyped-def]
    case_id = _new_case(demo_db)
    app, checklist = _open(start_app, demo_db, case_id)
    before = dump(demo_db)
    preview, rows = _preview(qtbot, checklist, recorded_dialogs, _sheet(tmp_path, [["ORG06", None, 80, 90, None, None, None, None]]))
    assert len(rows) == 2
    cancel = preview.buttons.button(preview.buttons.StandardButton.Cancel)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert not preview.isVisible()
    assert dump(demo_db) == before

    recorded_dialogs.file_answers.append(_sheet(tmp_path, [["ORG06", None, 80, 120, None, None, None, None]]))
    qtbot.mouseClick(checklist.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(kind == "error" for kind, _, _ in recorded_dialogs.shown), timeout=20_000)
    error = next(text for kind, _, text in recorded_dialogs.shown if kind == "error")
    assert "第2行" in error and "百分比" in error
    assert dump(demo_db) == before
