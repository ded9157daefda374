"""The reviewer pool screen and the Panel draw tab, driven through their buttons on the demo county."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from handover.db import open_database
from handover.draw import service as draws
from handover.services import reviewers
from ui.pool_screen import ReviewerDialog

from .conftest import opened_by, type_text


def _db(path: Path):  # type: ignore[no-untyped-def]
    return open_database(path)


def test_pool_filters_and_a_reviewer_added_through_the_dialog(qtbot, start_app, demo_db) -> None:  # type: ignore[no-untyped-def]
    app = start_app(demo_db)
    pool = app.window.pool
    everyone = pool.model.rowCount()
    assert everyone > 20
    pool.certificate.setCurrentIndex(pool.certificate.findData(False))
    expired = {r.name for r in pool.model.rows()}
    assert "冯志强" in expired and "郑文华" not in expired
    pool.certificate.setCurrentIndex(0)
    dialog = opened_by(qtbot, pool.add_button, ReviewerDialog)
    assert not dialog.save_button.isEnabled()
    type_text(qtbot, dialog.name, "吴新")
    type_text(qtbot, dialog.organization, "县委组织部")
    qtbot.keyClicks(dialog.certificate_no, "QX-PS-900")
    qtbot.keyClicks(dialog.certified_until, "2030-13-01")
    assert "不是有效日期" in dialog.message.text() and not dialog.save_button.isEnabled()
    dialog.certified_until.clear()
    qtbot.keyClicks(dialog.certified_until, "2030-12-31")
    qtbot.keyClicks(dialog.trained_on, "2026-06-01")
    dialog.org_dept.setChecked(True)
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    db = _db(demo_db)
    try:
        stored = reviewers.get_reviewer(db, "QX-PS-900")
    finally:
        db.close()
    assert (stored.name, stored.org_dept, stored.certified_until.isoformat()) == ("吴新", True, "2030-12-31")
    assert pool.model.rowCount() == everyone + 1


def test_import_from_a_sheet_runs_in_the_background(qtbot, start_app, demo_db, tmp_path, recorded_dialogs) -> None:  # type: ignore[no-untyped-def]
    sheet = tmp_path / "pool.csv"
    sheet.write_text(
        "姓名,工作单位,性别,是否组织部,证书编号,证书有效期至,最近培训日期,回避对象\n"
        "周平,县委组织部,男,是,QX-PS-001,2030-01-01,2026-05-01,\n"
        "马兰,县统计局,女,否,QX-PS-801,2030-01-01,2026-05-01,云岭镇（曾任职）\n",
        encoding="utf-8",
    )
    app = start_app(demo_db)
    recorded_dialogs.file_answers.append(str(sheet))
    recorded_dialogs.confirm_answers.append(True)
    qtbot.mouseClick(app.window.pool.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(kind == "info" for kind, _, _ in recorded_dialogs.shown), timeout=10_000)
    summary = next(text for kind, _, text in recorded_dialogs.shown if kind == "confirm")
    assert "1 人将新增：马兰" in summary and "1 人将更新" in summary and "周平" in summary
    info = next(text for kind, _, text in recorded_dialogs.shown if kind == "info")
    assert "新增 1 人" in info and "更新 1 人" in info
    names = {r.name for r in app.window.pool.model.rows()}
    assert {"周平", "马兰"} <= names
    qtbot.waitUntil(lambda: app.window.task is None)


def test_panel_drawn_through_the_button_replaced_and_verified(qtbot, start_app, demo_db) -> None:  # type: ignore[no-untyped-def]
    app = start_app(demo_db)
    workspace = app.window.open_case(2)  # 石门乡: no panel drawn yet
    workspace.tabs.setCurrentWidget(workspace.draw)
    tab = workspace.draw
    db = _db(demo_db)
    try:
        shown_hash = tab.pool_hash.text()
        assert shown_hash == draws.preview(db, 2).pool_hash and len(shown_hash) == 64
        assert tab.excluded_model.rowCount() > 0
        assert any("规则" in e.reason for e in tab.excluded_model.rows())
        assert "尚未抽签" in tab.alternates.text()
        # issue 10, two visible steps: nothing to draw before the draw is prepared and its hashes are shown
        assert not tab.draw_button.isEnabled() and not tab.witness.isEnabled() and tab.commitment.text() == ""
        qtbot.mouseClick(tab.prepare_button, Qt.MouseButton.LeftButton)
        notice = draws.pending(db, 2)
        assert notice is not None and tab.commitment.text() == notice.commitment and len(notice.commitment) == 64
        assert tab.notice_hash.text() == notice.pool_hash == shown_hash
        assert draws.list_draws(db, 2) == [] and tab.draw_button.isEnabled()
        type_text(qtbot, tab.witness, "见证人王某 4711")
        qtbot.mouseClick(tab.draw_button, Qt.MouseButton.LeftButton)
        stored = draws.list_draws(db, 2)
        assert len(stored) == 1 and stored[0].pool_hash == shown_hash and stored[0].witness
        assert stored[0].commitment == notice.commitment and tab.commitment.text() == ""
        shown = [(m.role, m.name) for m in tab.panel_model.rows()]
        assert shown == [(m.role, m.name) for m in stored[0].panel] and shown[0][0] == "leader" and len(shown) == 3

        assert not tab.draw_button.isEnabled()  # a second draw is prepared again (a new commitment)
        qtbot.mouseClick(tab.prepare_button, Qt.MouseButton.LeftButton)
        assert tab.commitment.text() not in ("", notice.commitment)
        type_text(qtbot, tab.witness, "见证人李某 0815")
        qtbot.mouseClick(tab.draw_button, Qt.MouseButton.LeftButton)  # a second draw needs a reason
        assert "理由" in tab.message.text()
        assert len(draws.list_draws(db, 2)) == 1
        type_text(qtbot, tab.reason, "组长临时借调外地")
        tab.reason_kind.setFocus()
        qtbot.keyClick(tab.reason_kind, Qt.Key.Key_Down)  # the first kind of the fixed list
        assert tab.reason_kind.currentData() == "recusal"
        qtbot.mouseClick(tab.draw_button, Qt.MouseButton.LeftButton)
        attempts = draws.list_draws(db, 2)
        assert len(attempts) == 2 and attempts[0].superseded and tab.attempts_model.rowCount() == 2

        # the next alternate must keep the panel's rules (e.g. one per work unit): with some draws no alternate fits a
        # given member, and the refusal is shown; try the members in turn
        for row in range(1, tab.panel_model.rowCount()):
            tab.panel.selectRow(row)
            leaving = tab.panel_model.row_at(row)
            type_text(qtbot, tab.replace_reason, "因病无法参加")
            qtbot.mouseClick(tab.replace_button, Qt.MouseButton.LeftButton)
            current = draws.current_draw(db, 2)
            assert current is not None
            if current.replacements:
                break
            assert "b3261e" in tab.message.text() and tab.message.text() != ""  # the core's refusal, in red
            tab.replace_reason.clear()
        assert current.replacements[0].replaced.name == leaving.name
        assert leaving.name not in [m.name for m in tab.panel_model.rows()]

        tab.attempts.selectRow(1)
        qtbot.mouseClick(tab.verify_button, Qt.MouseButton.LeftButton)
        assert "核验一致" in tab.verdict.text()
    finally:
        db.close()


def test_a_photo_attached_shows_as_a_thumbnail(qtbot, start_app, demo_db, tmp_path, recorded_dialogs) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QColor, QImage

    from handover.services import attachments
    from ui.attachments_tab import ATTACHMENT_ROLE

    photo = tmp_path / "村部公示栏.png"
    image = QImage(640, 480, QImage.Format.Format_RGB32)
    image.fill(QColor("#c0392b"))
    assert image.save(str(photo))
    app = start_app(demo_db)
    workspace = app.window.open_case(1)
    tab = workspace.attachments
    assert tab.list.count() == 0
    button = workspace.checklist.rows["ORG02"].attach_button
    recorded_dialogs.file_answers.append(str(photo))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # the row's "Files" button
    assert workspace.tabs.currentWidget() is tab and tab.indicator.currentData() == "ORG02"
    assert button.text() == "附件 1"
    db = _db(demo_db)
    try:
        stored = attachments.list_for_case(db, 1)
        assert [a.filename for a in stored] == ["村部公示栏.png"]
        assert attachments.content(db, stored[0].id) == photo.read_bytes()
    finally:
        db.close()
    item = tab.list.item(0)
    assert item.data(ATTACHMENT_ROLE).sha256 == stored[0].sha256
    thumbnail = item.icon().pixmap(tab.list.iconSize())
    assert not thumbnail.isNull() and thumbnail.toImage().pixelColor(thumbnail.width() // 2, thumbnail.height() // 2) == QColor("#c0392b")
    recorded_dialogs.file_answers.append(str(tmp_path / "missing.jpg"))
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert tab.list.count() == 1 and "文件不存在" in tab.message.text()  # nothing added


def test_a_pdf_attachment_shows_its_first_page(qtbot, start_app, demo_db, tmp_path, recorded_dialogs) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QColor, QPainter, QPdfWriter

    scan = tmp_path / "签字扫描件.pdf"
    writer = QPdfWriter(str(scan))
    painter = QPainter(writer)
    painter.fillRect(QRect(0, 0, writer.width(), writer.height()), QColor("#1a5fb4"))
    painter.end()
    app = start_app(demo_db)
    tab = app.window.open_case(1).attachments
    recorded_dialogs.file_answers.append(str(scan))
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert tab.list.count() == 1
    thumbnail = tab.list.item(0).icon().pixmap(tab.list.iconSize()).toImage()
    assert thumbnail.pixelColor(thumbnail.width() // 2, thumbnail.height() // 2) == QColor("#1a5fb4")


def test_photos_dropped_on_the_attachments_tab_are_stored(qtbot, start_app, demo_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QImage

    photos = []
    for name in ("走访1.png", "走访2.png"):
        image = QImage(64, 48, QImage.Format.Format_RGB32)
        image.fill(QColor("#2e7d32"))
        image.save(str(tmp_path / name))
        photos.append(tmp_path / name)
    app = start_app(demo_db)
    tab = app.window.open_case(1).attachments
    tab.indicator.setCurrentIndex(tab.indicator.findData("ECO01"))
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in photos])
    enter = QDragEnterEvent(tab.rect().center(), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    tab.dragEnterEvent(enter)
    assert enter.isAccepted()
    tab.dropEvent(QDropEvent(QPointF(tab.rect().center()), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                             Qt.KeyboardModifier.NoModifier))  # fmt: skip
    db = _db(demo_db)
    try:
        from handover.services import attachments

        stored = attachments.list_for_case(db, 1)
    finally:
        db.close()
    assert [(a.filename, a.indicator_code) for a in stored] == [("走访1.png", "ECO01"), ("走访2.png", "ECO01")]
    assert tab.list.count() == 2


def test_a_public_value_announced_in_step_one_is_asked_for_in_step_two(qtbot, start_app, demo_db, recorded_dialogs, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.report_support import pdftotext

    app = start_app(demo_db)
    workspace = app.window.open_case(2)
    workspace.tabs.setCurrentWidget(workspace.draw)
    tab = workspace.draw
    assert not tab.public_value.isEnabled()
    type_text(qtbot, tab.public_source, "2026年8月1日福利彩票开奖号码")
    qtbot.mouseClick(tab.prepare_button, Qt.MouseButton.LeftButton)
    assert tab.public_value.isEnabled() and tab.commitment.text()
    notice = tmp_path / "公告.pdf"
    recorded_dialogs.file_answers.append(str(notice))
    qtbot.mouseClick(tab.notice_button, Qt.MouseButton.LeftButton)
    assert tab.commitment.text() in pdftotext(notice).replace("\n", "")
    type_text(qtbot, tab.witness, "见证人 赵六")
    qtbot.mouseClick(tab.draw_button, Qt.MouseButton.LeftButton)
    assert "公开随机值" in tab.message.text() and "--public-value" not in tab.message.text()
    type_text(qtbot, tab.public_value, "03 07 12")
    qtbot.mouseClick(tab.draw_button, Qt.MouseButton.LeftButton)
    db = _db(demo_db)
    try:
        (drawn,) = draws.list_draws(db, 2)
    finally:
        db.close()
    assert (drawn.public_source, drawn.public_value, drawn.witness) == ("2026年8月1日福利彩票开奖号码", "03 07 12", "见证人 赵六")
