"""The Panel draw tab: the pool as it stands (hash shown before drawing), exclusions with reasons, the draw in two visible
steps (prepare: pool hash and commitment on the notice; then the witness's words), the result, replacement of a member,
and every attempt with its verification. The logic is handover.draw.service."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFontDatabase, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QComboBox,
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
from handover.draw.views import DrawView, EligibilityPreview, ExclusionView, PanelMember, PreparedView
from handover.words import REDRAW_REASONS
from ui.context import AppContext
from ui.dialogs import dialogs
from ui.errors import user_message
from ui.rows_model import ROW_ROLE, Column, RowsModel
from ui.text import BAD, GREY, OK, coloured, explained
from ui.words import panel_place

ATTEMPT_PANEL = 4  # the Panel column of "Every draw attempt"
NARROW = 960  # logical pixels: below it the pool and the draw are one above the other


def _table(model: RowsModel) -> QTableView:  # type: ignore[type-arg]
    view = QTableView()
    view.setTabKeyNavigation(False)  # Tab goes on to the next control; the arrows move in the table
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
        self.prepared: PreparedView | None = None
        self.top = top = QHBoxLayout()
        top.addWidget(self._build_pool_box(), 1)
        top.addWidget(self._build_draw_box(), 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 3)
        layout.addWidget(self._build_attempts_box(), 2)
        self.refresh()
        # who is eligible follows the pool, the settings and the panels drawn for other cases (recent-panel recusal)
        ctx.hub.follow(self, lambda c: c.reviewers or c.settings or c.draw or (c.of_case(case_id) and c.status), self.refresh)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """On a narrow screen (1366×768 at 150 %) the draw goes under the pool instead of squeezing its fields; the
        page scrolls (ui.screen_fit.ScrollingTabs)."""
        super().resizeEvent(event)
        narrow = event.size().width() < NARROW
        self.top.setDirection(QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight)

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
        hash_row.addWidget(explained(QLabel(self.tr("Pool hash")), self.pool_hash))
        hash_row.addWidget(self.pool_hash, 1)
        hash_row.addWidget(self.refresh_button)
        pool_layout.addWidget(self.summary)
        pool_layout.addLayout(hash_row)
        pool_layout.addWidget(self.problem)
        pool_layout.addWidget(QLabel(self.tr("Excluded, with reasons")))
        pool_layout.addWidget(self.excluded, 1)
        return pool_box

    def _build_draw_box(self) -> QGroupBox:
        """The draw in two steps, the panel drawn and the replacement of a member."""
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
        self._build_prepare_step(form)
        self._build_witness_step(form)
        form.addWidget(self.message, 8, 0, 1, 3)
        form.addWidget(self.panel, 9, 0, 1, 3)
        form.addWidget(self.alternates, 10, 0, 1, 3)
        form.addWidget(self.replace_reason, 11, 0, 1, 2)
        form.addWidget(self.replace_button, 11, 2)
        form.setRowStretch(9, 1)
        return draw_box

    def _build_prepare_step(self, form: QGridLayout) -> None:
        """Step 1: freeze the pool, commit to the machine's random bytes; the notice shows both hashes."""
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.public_source = QLineEdit()
        self.public_source.setPlaceholderText(self.tr("optional: a future public value, e.g. a stated lottery draw"))
        self.prepare_button = QPushButton(self.tr("1. Prepare the draw"))
        self.prepare_button.clicked.connect(self.prepare)
        self.notice_hash = QLineEdit()
        self.commitment = QLineEdit()
        for field in (self.notice_hash, self.commitment):
            field.setReadOnly(True)
            field.setFont(mono)
        self.commitment.setToolTip(self.tr("SHA-256 of the machine's random bytes: witnesses sign it before they speak"))
        self.notice_button = QPushButton(self.tr("Save the notice…"))
        self.notice_button.clicked.connect(self.save_notice)
        form.addWidget(QLabel(self.tr("Public source")), 0, 0)
        form.addWidget(self.public_source, 0, 1)
        form.addWidget(self.prepare_button, 0, 2)
        self.notice_hash.setToolTip(self.pool_hash.toolTip())
        form.addWidget(explained(QLabel(self.tr("Notice: pool hash")), self.notice_hash), 1, 0)
        form.addWidget(self.notice_hash, 1, 1)
        form.addWidget(self.notice_button, 1, 2)
        form.addWidget(explained(QLabel(self.tr("Commitment")), self.commitment), 2, 0)
        form.addWidget(self.commitment, 2, 1, 1, 2)

    def _build_witness_step(self, form: QGridLayout) -> None:
        """Step 2: the witness speaks (and the public value, if one was announced); then the draw."""
        self.witness = QLineEdit()
        self.witness.setPlaceholderText(self.tr("words or numbers a witness chooses after signing the notice"))
        self.public_value = QLineEdit()
        self.public_value.setPlaceholderText(self.tr("the announced public value, once it is known"))
        self.reason_kind = QComboBox()
        self.reason_kind.addItem(self.tr("(why drawn again)"), None)
        for code, label in REDRAW_REASONS.items():
            self.reason_kind.addItem(label, code)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("required for a second draw: why the panel is drawn again"))
        self.draw_button = QPushButton(self.tr("2. Draw the panel"))
        self.draw_button.setStyleSheet("font-weight: bold; padding: 6px 18px;")
        self.draw_button.clicked.connect(self.draw)
        form.addWidget(QLabel(self.tr("Witness text")), 3, 0)
        form.addWidget(self.witness, 3, 1)
        form.addWidget(self.draw_button, 3, 2, 3, 1)
        form.addWidget(QLabel(self.tr("Public value")), 4, 0)
        form.addWidget(self.public_value, 4, 1)
        form.addWidget(self.reason_kind, 5, 0)
        form.addWidget(self.reason, 5, 1)

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
        self.reason_kind.setEnabled(current is not None)
        self.show_prepared(draws.pending(self.ctx.db, self.case_id), p.problem is None)
        self.show_draw(current)

    def show_prepared(self, prepared: PreparedView | None, drawable: bool) -> None:
        """Step 2 opens only once step 1 is done: the draw names the hashes of the prepared notice."""
        self.prepared = prepared
        self.prepare_button.setEnabled(drawable)
        self.notice_hash.setText(prepared.pool_hash if prepared else "")
        self.commitment.setText(prepared.commitment if prepared else "")
        self.notice_button.setEnabled(prepared is not None)
        for step_two in (self.witness, self.draw_button):
            step_two.setEnabled(drawable and prepared is not None)
        self.public_value.setEnabled(prepared is not None and bool(prepared.public_source))
        self.public_value.setToolTip(prepared.public_source or "" if prepared else "")

    def show_draw(self, draw: DrawView | None) -> None:
        self.panel_model.set_rows(draw.panel if draw else ())
        self.replace_button.setEnabled(draw is not None)
        self.replace_reason.setEnabled(draw is not None)
        if draw is None:
            self.alternates.setText(self.tr("Not drawn yet."))
            return
        names = "、".join(a.name for a in draw.remaining_alternates) or "—"
        self.alternates.setText(self.tr("Alternates, in order: {0}").format(names))

    def prepare(self) -> PreparedView | None:
        try:
            prepared = draws.prepare(self.ctx.db, self.case_id, public_source=self.public_source.text() or None)
        except Exception as exc:  # noqa: BLE001
            self.message.setText(coloured(user_message(exc), BAD))
            return None
        self.message.setText(coloured(
            self.tr("Prepared (attempt {0}): save or print the notice and let the witnesses sign it; then the witness "
                    "types the text and you draw.").format(prepared.attempt), OK))  # fmt: skip
        self.refresh()
        return prepared

    def save_notice(self) -> None:
        from handover.report.draw_notice import write_notice

        if self.prepared is None:
            return
        suggested = f"抽签公告-案件{self.case_id}-第{self.prepared.attempt}次.pdf"
        path = dialogs().save_file(self, self.tr("Save the notice"), suggested, self.tr("PDF (*.pdf)"))
        if not path:
            return
        try:
            write_notice(self.prepared, Path(path))
        except OSError as exc:
            self.message.setText(coloured(user_message(exc), BAD))
            return
        self.message.setText(coloured(self.tr("Notice saved: {0}").format(path), OK))

    def draw(self) -> DrawView | None:
        if self.prepared is None:
            self.message.setText(coloured(self.tr("Prepare the draw first."), BAD))
            return None
        try:
            result = draws.draw(
                self.ctx.db, self.case_id, pool_hash=self.prepared.pool_hash, commitment=self.prepared.commitment,
                witness=self.witness.text(), public_value=self.public_value.text() or None,
                reason=self.reason.text() or None, reason_kind=self.reason_kind.currentData(),
            )  # fmt: skip
        except Exception as exc:  # noqa: BLE001
            self.message.setText(coloured(user_message(exc), BAD))
            return None
        self.message.setText(
            coloured(self.tr("Drawn and recorded as draw {0} (attempt {1}).").format(result.id, result.attempt), OK)
        )
        for typed in (self.witness, self.public_value, self.reason, self.public_source):
            typed.clear()
        self.reason_kind.setCurrentIndex(0)
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



