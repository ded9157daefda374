"""The Panel draw tab: the pool as it stands (hash shown before drawing), exclusions with reasons, the draw with witness
entropy, the result, replacement of a member, and every attempt with its verification. The logic is handover.draw.service."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from handover.changes import Changes
from handover.draw import service as draws
from handover.draw.views import DrawView, EligibilityPreview, ExclusionView, PanelMember
from ui.context import AppContext
from ui.errors import user_message
from ui.rows_model import ROW_ROLE, Column, RowsModel
from ui.text import BAD, GREY, OK, coloured
from ui.words import panel_place

ATTEMPT_PANEL = 4  # the Panel column of "Every draw attempt"


def _table(model: RowsModel) -> QTableView:  # type: ignore[type-arg]
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class DrawTab(QWidget):
    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.case_id = ctx, case_id
        self.preview: EligibilityPreview | None = None
        top = QHBoxLayout()
        top.addWidget(self._build_pool_box(), 1)
        top.addWidget(self._build_draw_box(), 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 3)
        layout.addWidget(self._build_attempts_box(), 2)
        self.refresh()
        # who is eligible follows the pool, the settings and the panels drawn for other cases (recent-panel recusal)
        ctx.hub.follow(self, lambda c: c.reviewers or c.settings or c.draw or (c.of_case(case_id) and c.status), self.refresh)

    def _build_pool_box(self) -> QGroupBox:
        """Before the draw: who is eligible, the pool hash the witnesses note, who is excluded and why."""
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.pool_hash = QLineEdit()
        self.pool_hash.setReadOnly(True)
        self.pool_hash.setFont(mono)
        self.pool_hash.setToolTip(self.tr("SHA-256 of the frozen pool: witnesses note it before the draw"))
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.excluded_model: RowsModel[ExclusionView] = RowsModel(
            [Column(self.tr("Name"), lambda e: e.name), Column(self.tr("Work unit"), lambda e: e.organization),
             Column(self.tr("Reasons"), lambda e: e.reason, lambda e: BAD)]  # fmt: skip
        )
        self.excluded = _table(self.excluded_model)
        pool_box = QGroupBox(self.tr("Before the draw: the pool for this case"))
        pool_layout = QVBoxLayout(pool_box)
        hash_row = QHBoxLayout()
        hash_row.addWidget(QLabel(self.tr("Pool hash")))
        hash_row.addWidget(self.pool_hash, 1)
        hash_row.addWidget(self.refresh_button)
        pool_layout.addWidget(self.summary)
        pool_layout.addLayout(hash_row)
        pool_layout.addWidget(self.problem)
        pool_layout.addWidget(QLabel(self.tr("Excluded, with reasons")))
        pool_layout.addWidget(self.excluded, 1)
        return pool_box

    def _build_draw_box(self) -> QGroupBox:
        """The draw itself (witness entropy, reason for a second draw), the panel drawn and the replacement of a member."""
        self.witness = QLineEdit()
        self.witness.setPlaceholderText(self.tr("optional: words or numbers a witness chooses, mixed into the seed"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("required for a second draw: why the panel is drawn again"))
        self.draw_button = QPushButton(self.tr("Draw the panel"))
        self.draw_button.setStyleSheet("font-weight: bold; padding: 6px 18px;")
        self.draw_button.clicked.connect(self.draw)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.panel_model: RowsModel[PanelMember] = RowsModel(
            [Column(self.tr("Role"), lambda m: panel_place(m.role)), Column(self.tr("Name"), lambda m: m.name),
             Column(self.tr("Work unit"), lambda m: m.organization)]  # fmt: skip
        )
        self.panel = _table(self.panel_model)
        self.alternates = QLabel()
        self.alternates.setWordWrap(True)
        self.replace_reason = QLineEdit()
        self.replace_reason.setPlaceholderText(self.tr("why the selected member cannot serve"))
        self.replace_button = QPushButton(self.tr("Replace selected member"))
        self.replace_button.clicked.connect(self.replace)
        draw_box = QGroupBox(self.tr("Draw"))
        form = QGridLayout(draw_box)
        form.addWidget(QLabel(self.tr("Witness entropy")), 0, 0)
        form.addWidget(self.witness, 0, 1)
        form.addWidget(QLabel(self.tr("Reason")), 1, 0)
        form.addWidget(self.reason, 1, 1)
        form.addWidget(self.draw_button, 0, 2, 2, 1)
        form.addWidget(self.message, 2, 0, 1, 3)
        form.addWidget(self.panel, 3, 0, 1, 3)
        form.addWidget(self.alternates, 4, 0, 1, 3)
        form.addWidget(self.replace_reason, 5, 0, 1, 2)
        form.addWidget(self.replace_button, 5, 2)
        form.setRowStretch(3, 1)
        return draw_box

    def _build_attempts_box(self) -> QGroupBox:
        """Every draw attempt, with the check that it reproduces."""
        self.attempts_model: RowsModel[DrawView] = RowsModel(
            [
                Column(self.tr("No."), lambda d: str(d.attempt), centred=True),
                Column(self.tr("Time"), lambda d: d.created_at.strftime("%Y-%m-%d %H:%M")),
                Column(self.tr("Operator"), lambda d: d.operator),
                Column(self.tr("Pool hash"), lambda d: d.pool_hash[:16] + "…"),
                Column(self.tr("Panel"), lambda d: "、".join(f"{m.name}（{panel_place(m.role)}）" for m in d.panel)),
                Column(self.tr("Status"), lambda d: self.tr("superseded") if d.superseded else self.tr("in force"),
                       lambda d: GREY if d.superseded else OK),
                Column(self.tr("Reason"), lambda d: d.reason or ""),
            ]  # fmt: skip
        )
        self.attempts = _table(self.attempts_model)
        # a panel of 15 names would push the reason out of sight: the panel column keeps a width, the cell its tooltip
        self.attempts.horizontalHeader().setSectionResizeMode(ATTEMPT_PANEL, QHeaderView.ResizeMode.Interactive)
        self.attempts.setColumnWidth(ATTEMPT_PANEL, 380)
        self.verify_button = QPushButton(self.tr("Verify selected draw"))
        self.verify_button.clicked.connect(self.verify)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        attempts_box = QGroupBox(self.tr("Every draw attempt"))
        attempts_layout = QGridLayout(attempts_box)
        attempts_layout.addWidget(self.attempts, 0, 0, 1, 2)
        attempts_layout.addWidget(self.verdict, 1, 0)
        attempts_layout.addWidget(self.verify_button, 1, 1)
        return attempts_box

    def refresh(self) -> None:
        try:
            self.preview = draws.preview(self.ctx.db, self.case_id)
        except Exception as exc:  # noqa: BLE001
            self.problem.setText(coloured(user_message(exc), BAD))
            return
        p = self.preview
        self.summary.setText(
            self.tr("Eligible: {0} (organisation department {1}, from {2} work units); excluded: {3}. "
                    "Panel of {4} with {5} alternates.").format(
                len(p.eligible), p.org_dept_eligible, p.work_units, len(p.excluded), p.panel_size, p.alternates)
        )  # fmt: skip
        self.pool_hash.setText(p.pool_hash)
        self.problem.setText(coloured(p.problem, BAD) if p.problem else "")
        self.excluded_model.set_rows(p.excluded)
        history = draws.list_draws(self.ctx.db, self.case_id)
        self.attempts_model.set_rows(history)
        current = history[-1] if history else None
        self.reason.setEnabled(current is not None)
        self.draw_button.setText(self.tr("Draw again") if current else self.tr("Draw the panel"))
        self.draw_button.setEnabled(p.problem is None)
        self.show_draw(current)

    def show_draw(self, draw: DrawView | None) -> None:
        self.panel_model.set_rows(draw.panel if draw else ())
        self.replace_button.setEnabled(draw is not None)
        self.replace_reason.setEnabled(draw is not None)
        if draw is None:
            self.alternates.setText(self.tr("Not drawn yet."))
            return
        names = "、".join(a.name for a in draw.remaining_alternates) or "—"
        self.alternates.setText(self.tr("Alternates, in order: {0}").format(names))

    def draw(self) -> DrawView | None:
        assert self.preview is not None
        try:
            result = draws.draw(
                self.ctx.db, self.case_id, witness=self.witness.text() or None, reason=self.reason.text() or None,
                expected_pool_hash=self.preview.pool_hash,
            )  # fmt: skip
        except Exception as exc:  # noqa: BLE001
            self.message.setText(coloured(user_message(exc), BAD))
            return None
        self.message.setText(
            coloured(self.tr("Drawn and recorded as draw {0} (attempt {1}).").format(result.id, result.attempt), OK)
        )
        self.witness.clear()
        self.reason.clear()
        self.refresh()
        self.ctx.hub.publish(Changes(self.case_id, draw=True), self)
        return result

    def replace(self) -> None:
        history = self.attempts_model.rows()
        index = self.panel.currentIndex()
        if not history or not index.isValid():
            self.message.setText(coloured(self.tr('Select the member who cannot serve.'), BAD))
            return
        member: PanelMember = index.data(ROW_ROLE)
        try:
            draws.replace_member(self.ctx.db, history[-1].id, member.certificate_no, self.replace_reason.text())
        except Exception as exc:  # noqa: BLE001
            self.message.setText(coloured(user_message(exc), BAD))
            return
        self.replace_reason.clear()
        self.message.setText(coloured(self.tr("{0} replaced.").format(member.name), OK))
        self.refresh()
        self.ctx.hub.publish(Changes(self.case_id, draw=True), self)

    def verify(self) -> None:
        index = self.attempts.currentIndex()
        rows = self.attempts_model.rows()
        if not rows:
            return
        draw = index.data(ROW_ROLE) if index.isValid() else rows[-1]
        try:
            result = draws.verify(self.ctx.db, draw.id)
        except Exception as exc:  # noqa: BLE001
            self.verdict.setText(coloured(user_message(exc), BAD))
            return
        if result.ok:
            text = self.tr("Draw {0} reproduces: all {1} checks hold.").format(draw.id, len(result.checks))
            self.verdict.setText(coloured("✓ " + text, OK, bold=True))
        else:
            failed = "；".join(f"{c.name}：{c.detail}" for c in result.failures)
            text = self.tr("Draw {0} does NOT reproduce: {1}").format(draw.id, failed)
            self.verdict.setText(coloured("✗ " + text, BAD, bold=True))
        self.verdict.setToolTip("\n".join(f"{'✓' if c.ok else '✗'} {c.name}：{c.detail}" for c in result.checks))



