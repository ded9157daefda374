"""Words an assessor knows: the checksums and the commitment have plain labels with a one-line explanation, the
database is shown as a file, and the person using the PC (asked at the first start) is shown, not the login name."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from .conftest import open_signatures_tab

JARGON = ("哈希", "承诺值", "随机数：", "熵", "entropy", "sqlite:", "SHA-256", "hash", "URL")


def label_texts(widget) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Every label's text with its tooltip."""
    return {label.text(): label.toolTip() for label in widget.findChildren(QLabel)}


def test_the_draw_tab_and_the_window_speak_plainly(qtbot, start_app, demo_db) -> None:  # type: ignore[no-untyped-def]
    app, signatures = open_signatures_tab(start_app, demo_db)
    workspace = app.window.workspaces()[0]
    labels = label_texts(workspace.draw)
    for plain in ("人员库校验码", "公告上的人员库校验码", "随机数校验码"):
        tip = labels[plain]
        assert tip and "\n" not in tip and not any(word in tip for word in JARGON), (plain, tip)
    assert "名单有任何改动" in labels["人员库校验码"] and "随机数" in labels["随机数校验码"]
    for field in (workspace.draw.pool_hash, workspace.draw.notice_hash, workspace.draw.commitment):
        assert field.toolTip() and "SHA" not in field.toolTip()

    everywhere = {**label_texts(app.window), **label_texts(workspace)}
    for text, tip in everywhere.items():
        assert not any(word in text or word in tip for word in JARGON), (text, tip)

    database = app.window.database_label
    assert database.text() == f"本机数据库文件：{demo_db.resolve()}" and "备份" in database.toolTip()
    assert app.window.settings.db_label.text() == database.text()
    assert "内容校验码" in signatures.summary.text() and "指纹" not in signatures.summary.text()
    assert "签字随之失效" in signatures.summary.toolTip()


def test_the_first_start_asks_who_uses_the_pc(qtbot, start_app, demo_db, recorded_dialogs, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import os

    from handover.identity import current_user
    from ui import local_config
    from ui.app import ask_user_name

    monkeypatch.delenv("HANDOVER_USER")  # a new PC: no name set, the login name would be recorded
    app = start_app(demo_db)
    assert app.window.user_label.text() == f"使用人：{current_user()}"
    recorded_dialogs.text_answers.append("  张评审 ")
    ask_user_name(app.window)  # what the first start does
    kind, title, question = recorded_dialogs.shown[-1]
    assert (kind, title) == ("text", "使用人姓名") and "抽签、修改和签字" in question
    assert local_config.load()["operator"] == "张评审" and current_user() == "张评审"
    assert app.window.user_label.text() == "使用人：张评审" and "设置" in app.window.user_label.toolTip()
    assert "使用人姓名" in label_texts(app.window.settings)  # where it is changed later
    assert app.window.settings.operator.text() == "张评审"

    asked = len(recorded_dialogs.shown)
    monkeypatch.delenv("HANDOVER_USER")
    second = start_app(demo_db)  # the next start: the name is known, nothing is asked
    ask_user_name(second.window)
    assert len(recorded_dialogs.shown) == asked
    assert os.environ["HANDOVER_USER"] == "张评审" and second.window.user_label.text() == "使用人：张评审"
