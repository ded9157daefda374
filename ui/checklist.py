"""The Checklist tab: the five areas with their completion, 40 indicator rows, autosave with a visible state, undo/redo."""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from handover import catalogue as catalogue_mod
from handover import reading
from handover.changes import Changes
from handover.errors import Refused
from handover.services import attachments, cases, units
from handover.views import CaseDetail, ValueView
from ui import row_layout, words
from ui.context import AppContext
from ui.edits import CaseEditor
from ui.errors import user_message
from ui.indicator_row import IndicatorRow
from ui.row_layout import WIDE, WIDE_NAME_CHARS, lay_out_headings
from ui.text import coloured
from ui.value_import import ValueImporter


class ChecklistTab(QWidget):
    attach = Signal(str)  # an indicator's "Files" button: code

    def __init__(self, ctx: AppContext, detail: CaseDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.case_id = detail.id
        self.catalogue = catalogue_mod.load()
        self.editor = CaseEditor(ctx.db, detail.id, self)
        self.editor.saved.connect(self._saved)
        self.editor.refused.connect(self._refused)
        self.views: dict[str, ValueView] = {v.code: v for v in detail.values}
        self.read_only = detail.summary.status == "signed"

        layout = QVBoxLayout(self)
        layout.addLayout(self._build_toolbar())
        layout.addLayout(self._build_areas(detail), 1)
        self._shortcuts()
        self._update_counts()
        self.show_attachment_counts()
        # the "Files" buttons count at once: adding a file from a row's button shows the Attachments tab meanwhile
        ctx.hub.follow(self, lambda c: c.of_case(self.case_id) and c.attachments, self.show_attachment_counts, at_once=True)
        self._set_state(self.tr("Signed: read only") if self.read_only else self.tr("All changes saved"), "#5f6368")

    def _build_toolbar(self) -> QHBoxLayout:
        """Completion, the save state, undo and redo."""
        self.progress = QProgressBar()
        self.progress.setRange(0, len(self.views))
        self.progress.setFormat(self.tr("%v/%m indicators complete"))
        self.progress.setMinimumWidth(260)
        self.save_state = QLabel()
        self.save_state.setObjectName("saveState")
        self.undo_button = QPushButton(self.tr("Undo"))
        self.redo_button = QPushButton(self.tr("Redo"))
        stack = self.editor.undo_stack
        self.undo_button.clicked.connect(stack.undo)
        self.redo_button.clicked.connect(stack.redo)
        stack.canUndoChanged.connect(self.undo_button.setEnabled)
        stack.canRedoChanged.connect(self.redo_button.setEnabled)
        self.undo_button.setEnabled(False)
        self.redo_button.setEnabled(False)
        native = QKeySequence.SequenceFormat.NativeText
        self.undo_button.setToolTip(self.tr("Undo the last change ({0})").format(QKeySequence(QKeySequence.StandardKey.Undo).toString(native)))
        self.redo_button.setToolTip(self.tr("Redo ({0})").format(QKeySequence(QKeySequence.StandardKey.Redo).toString(native)))
        for button in (self.undo_button, self.redo_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys work from any field; the tooltip says which
        self.import_button = QPushButton(self.tr("Import from Excel…"))
        self.import_button.setToolTip(self.tr("Values from a township's returned sheet: shows what changes before storing it"))
        self.import_button.setEnabled(not self.read_only)
        self.importer = ValueImporter(self.ctx.db, self.case_id, self)
        self.import_button.clicked.connect(self._import)
        self.importer.imported.connect(self._imported)
        top = QHBoxLayout()
        top.addWidget(self.progress)
        top.addWidget(self.save_state, 1)
        top.addWidget(self.import_button)
        top.addWidget(self.undo_button)
        top.addWidget(self.redo_button)
        return top

    def _build_areas(self, detail: CaseDetail) -> QHBoxLayout:
        """The list of areas on the left, one scrolling page of indicator rows per area on the right."""
        self.areas = QListWidget()
        self.areas.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.areas.setStyleSheet("QListWidget::item { padding: 9px 6px; }")
        self.areas.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pages = QStackedWidget()
        self.rows: dict[str, IndicatorRow] = {}
        self._scrolls: list[QScrollArea] = []
        self._entry: list[QWidget] = []
        self._headings_of_pages: list[tuple[QGridLayout, list[QLabel]]] = []
        rank_total = cases.rank_total(self.ctx.db, detail.summary.unit_type)
        villages = units.get_unit(self.ctx.db, detail.summary.unit).villages
        for area in self.catalogue.areas:
            self.areas.addItem("")
            page = QWidget()
            column = QVBoxLayout(page)
            column.setSpacing(6)
            column.addWidget(self._headings())
            for ind in area.indicators:
                column.addWidget(self._build_row(ind, rank_total, villages))
            column.addStretch()
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setWidget(page)
            self._scrolls.append(scroll)
            self.pages.addWidget(scroll)
        self.areas.currentRowChanged.connect(self.pages.setCurrentIndex)
        left = QVBoxLayout()
        left.addWidget(self.areas)
        left.addWidget(self._build_definition_panel(), 1)
        left.addStretch()
        body = QHBoxLayout()
        body.addLayout(left)
        body.addWidget(self.pages, 1)
        return body

    def _build_definition_panel(self) -> QScrollArea:
        """The 口径 of the indicator being typed in, beside the rows when they are compact (no room in the row)."""
        self.definition = QLabel()
        self.definition.setObjectName("definitionPanel")
        self.definition.setWordWrap(True)
        self.definition.setContentsMargins(6, 6, 6, 6)
        self.definition.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.definition.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.definition_panel = QScrollArea()
        self.definition_panel.setWidgetResizable(True)
        self.definition_panel.setWidget(self.definition)
        self.definition_panel.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.definition_panel.hide()
        self.compact = False
        # an area shown: the 口径 of its first indicator, until a field is typed in
        self.areas.currentRowChanged.connect(lambda i: self.show_definition(self.rows[self.catalogue.areas[i].indicators[0].code]))
        self.areas.setCurrentRow(0)
        return self.definition_panel

    def _build_row(self, ind: catalogue_mod.Indicator, rank_total: int, villages: tuple[str, ...]) -> IndicatorRow:
        row = IndicatorRow(
            ind, self.views[ind.code], grades=self.catalogue.grades, rank_total=rank_total,
            villages=villages, english=self.ctx.english,
        )  # fmt: skip
        row.commit.connect(self._commit)
        row.marked.connect(self._show_state)
        row.attach.connect(self.attach)
        if self.read_only:
            row.set_read_only()
        self.rows[ind.code] = row
        for field in row.entry_fields():
            field.installEventFilter(self)
            self._entry.append(field)
        return row

    def _headings(self) -> QWidget:
        """Column headings lined up with the fields of the rows below (ui.row_layout places both)."""
        headings = QWidget()
        grid = QGridLayout(headings)
        grid.setContentsMargins(10, 0, 10, 0)
        grid.setHorizontalSpacing(row_layout.SPACING)
        labels = []
        for text in (self.tr("Indicator"), words.point("start").capitalize(), words.point("end").capitalize(),
                     self.tr("Change"), "", ""):  # fmt: skip
            label = QLabel(f"<b>{text}</b>")
            label.setStyleSheet("color: #3c4043;")
            labels.append(label)
        lay_out_headings(grid, labels, compact=False)
        self._headings_of_pages.append((grid, labels))
        return headings

    # -- fitting the screen -------------------------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_rows()

    def fit_rows(self) -> None:
        """Compact rows when beside the fields the name would get fewer than WIDE_NAME_CHARS characters a line."""
        scroll = self._scrolls[self.pages.currentIndex()]
        page = scroll.widget().layout().contentsMargins()
        row = next(iter(self.rows.values()))
        inner = row.layout().contentsMargins()
        room = (self.pages.width() - 2 * scroll.frameWidth() - scroll.verticalScrollBar().sizeHint().width()
                - page.left() - page.right() - 2 * row.frameWidth() - inner.left() - inner.right() - WIDE.fixed())  # fmt: skip
        bold = QFont(row.title.font())
        bold.setBold(True)
        compact = room < QFontMetrics(bold).horizontalAdvance("国" * WIDE_NAME_CHARS)
        if compact == self.compact:
            return
        self.compact = compact
        for each in self.rows.values():
            each.set_compact(compact)
        for grid, labels in self._headings_of_pages:
            lay_out_headings(grid, labels, compact)
        self.definition_panel.setVisible(compact)

    def show_definition(self, row: IndicatorRow) -> None:
        self.definition.setText(f"{row.title.text()}<br><span style='color:#5f6368'>{escape(row.ind.definition, quote=False)}</span>")

    def _shortcuts(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        pairs: list[tuple[QKeySequence | str, Any]] = [
            ("Ctrl+PgDown", lambda: self.go_to_area(self.areas.currentRow() + 1)),
            ("Ctrl+PgUp", lambda: self.go_to_area(self.areas.currentRow() - 1)),
            (QKeySequence.StandardKey.Undo, self.editor.undo_stack.undo),
            (QKeySequence.StandardKey.Redo, self.editor.undo_stack.redo),
        ]
        pairs += [(f"Alt+{i + 1}", lambda i=i: self.go_to_area(i)) for i in range(len(self.catalogue.areas))]
        for key, slot in pairs:
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)

    # -- navigation ---------------------------------------------------------------------------------------------------
    def go_to_area(self, index: int) -> None:
        if 0 <= index < self.areas.count():
            self.areas.setCurrentRow(index)
            area = self.catalogue.areas[index]
            first = self.rows[area.indicators[0].code].entry_fields()[0]
            first.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_first_open(self) -> None:
        """Put the cursor where work continues: the first field of the first indicator not yet complete."""
        if self.read_only:
            return
        pending = [code for code, view in self.views.items() if not view.complete] or list(self.rows)
        fields = [f for f in self.rows[pending[0]].entry_fields() if f.isEnabled()]
        if fields:
            self.focus_field(fields[0])

    def focus_field(self, field: QWidget) -> None:
        for index, area in enumerate(self.catalogue.areas):
            if any(field in self.rows[ind.code].entry_fields() for ind in area.indicators):
                self.areas.setCurrentRow(index)
                self._scrolls[index].ensureWidgetVisible(field, 0, 60)
        field.setFocus(Qt.FocusReason.TabFocusReason)
        if isinstance(field, QLineEdit):
            field.selectAll()

    def next_field(self, field: QWidget) -> QWidget | None:
        index = self._entry.index(field)
        for candidate in self._entry[index + 1 :]:
            if candidate.isEnabled():
                return candidate
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and watched in self._entry:
            key = event.key()  # type: ignore[attr-defined]
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                row = self._row_of(watched)
                point = "start" if watched is row.fields["start"] else "end"
                row.flush(point)
                if row.error_for(point) is None:
                    following = self.next_field(watched)  # type: ignore[arg-type]
                    if following is not None:
                        self.focus_field(following)
                return True
            if key == Qt.Key.Key_F4 and isinstance(watched, QLineEdit):
                row = self._row_of(watched)
                if row.ind.villages:
                    row.pick_villages("start" if watched is row.fields["start"] else "end")
                    return True
        if event.type() == QEvent.Type.FocusIn and watched in self._entry:
            scroll = self._scrolls[self.pages.currentIndex()]
            scroll.ensureWidgetVisible(watched, 0, 60)  # type: ignore[arg-type]
            self.show_definition(self._row_of(watched))
        return super().eventFilter(watched, event)

    def _row_of(self, field: QObject) -> IndicatorRow:
        return next(r for r in self.rows.values() if field in r.entry_fields())

    # -- saving -------------------------------------------------------------------------------------------------------
    def _commit(self, code: str, changes: dict[str, Any], text: str) -> None:
        row = self.rows[code]
        self._set_state(self.tr("Saving…"), "#9a6700")
        try:
            self.editor.edit(self.views[code], changes, text)
        except Refused as exc:
            self._refused(code, exc.message, next(iter(changes)))
        except Exception as exc:  # noqa: BLE001 - a message at the field, the details in the log
            self._refused(code, user_message(exc), next(iter(changes)))
        else:
            row.setProperty("saved", True)

    def _refused(self, code: str, message: str, key: str = "start") -> None:
        field = key.removeprefix("villages_") if key.startswith("villages_") else key
        self.rows[code]._mark(field if field in ("start", "end", "na_reason", "note") else "start", message)
        self._set_state(self.tr("Not saved: {0}").format(message), "#b3261e")

    def _saved(self, view: ValueView) -> None:
        self.views[view.code] = view
        self.rows[view.code].show_view(view)
        self._update_counts()
        self._set_state(self.tr("Saved {0}").format(datetime.now().strftime("%H:%M:%S")), "#1b7f3b")
        self.ctx.hub.publish(Changes(self.case_id, values=True), self)

    def _import(self) -> None:
        self.flush()  # a value still waiting for its timer is stored first: the preview compares with it
        self.importer.start()

    def _imported(self, count: int) -> None:
        for view in reading.get_case(self.ctx.db, self.case_id).values:
            self.views[view.code] = view
            self.rows[view.code].show_view(view)
        self._update_counts()
        self._set_state(self.tr("Imported {0} rows from the sheet").format(count), "#1b7f3b")
        self.ctx.hub.publish(Changes(self.case_id, values=True), self)

    def _set_state(self, text: str, colour: str) -> None:
        self._state = (text, colour)
        self._show_state()

    def _show_state(self) -> None:
        """The last save, unless fields hold input that was refused: "saved" would hide that they are not stored."""
        invalid = sum(row.error_count for row in self.rows.values())
        text, colour = getattr(self, "_state", ("", "#5f6368"))
        if invalid:
            text, colour = self.tr("%n field(s) not saved: correct the input marked in red", "", invalid), "#b3261e"
        self.save_state.setText(coloured(f"● {text}", colour) if text else "")

    def _update_counts(self) -> None:
        done = 0
        for index, area in enumerate(self.catalogue.areas):
            complete = sum(1 for ind in area.indicators if self.views[ind.code].complete)
            done += complete
            name = area.name_en if self.ctx.english and area.name_en else area.name
            item = self.areas.item(index)
            mark = "✓ " if complete == len(area.indicators) else ""
            item.setText(f"{mark}{name}  {complete}/{len(area.indicators)}")
            item.setToolTip(self.tr("Alt+{0}").format(index + 1))
        self.progress.setValue(done)
        # wide enough for the longest area name with its count (English names are long), within reason
        metrics = self.areas.fontMetrics()
        widest = max(metrics.horizontalAdvance(self.areas.item(i).text()) for i in range(self.areas.count()))
        self.areas.setFixedWidth(min(max(widest + 40, 200), 300))
        rows = sum(self.areas.sizeHintForRow(i) for i in range(self.areas.count()))
        self.areas.setMaximumHeight(rows + 2 * self.areas.frameWidth())  # the 口径 panel below it gets the rest

    @property
    def done(self) -> int:
        return self.progress.value()

    def flush(self) -> None:
        """Store whatever valid value is still waiting for its timer (closing the tab or the window)."""
        for row in self.rows.values():
            row.flush_all()

    def show_attachment_counts(self) -> None:
        counts = attachments.counts_by_indicator(self.ctx.db, self.case_id)
        for code, row in self.rows.items():
            row.set_attachments(counts.get(code, 0))
