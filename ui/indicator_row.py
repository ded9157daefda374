"""One indicator of the checklist: start and end fields of the right kind, change and trend, not applicable, note."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from handover import value_rules
from handover.catalogue import Direction, Indicator, Kind
from handover.errors import Refused
from handover.trend import Trend
from handover.views import ValueView
from ui import row_layout, words
from ui.text import GREY, coloured

#: how long typing may pause before a valid value is saved (the issue asks for "within a second")
SAVE_DELAY_MS = 400
TREND_COLOURS = {Trend.IMPROVED: "#1b7f3b", Trend.DECLINED: "#b3261e", Trend.HELD: "#5f6368", Trend.CHANGED: "#1a5fb4"}
TREND_ARROWS = {Trend.IMPROVED: "▲", Trend.DECLINED: "▼", Trend.HELD: "▶", Trend.CHANGED: "◆"}
INVALID_STYLE = "border: 2px solid #b3261e; background: #fdecea;"
POINTS = ("start", "end")


class VillagePicker(QDialog):
    """Tick the villages of the unit (keeps the unit's order); the count follows what is ticked."""

    def __init__(self, title: str, villages: tuple[str, ...], picked: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.list = QListWidget()
        for name in villages:
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if name in picked else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(buttons)

    def picked(self) -> list[str]:
        items = (self.list.item(i) for i in range(self.list.count()))
        return [item.text() for item in items if item.checkState() == Qt.CheckState.Checked]


class IndicatorRow(QFrame):
    """Emits `commit(code, changes, description)` for every valid change; the checklist saves it."""

    commit = Signal(str, dict, str)
    attach = Signal(str)  # code: add a photo or document for this indicator
    marked = Signal()  # a field was marked invalid or cleared of its mark

    def __init__(
        self,
        ind: Indicator,
        view: ValueView,
        *,
        grades: tuple[str, ...],
        rank_total: int,
        villages: tuple[str, ...],
        english: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ind, self.view = ind, view
        self.grades, self.rank_total, self.villages = grades, rank_total, villages
        self.setObjectName("indicatorRow")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._build_title(english)
        self._build_fields()
        self._lay_out()
        self._connect_autosave()
        self.show_view(view)

    # -- building ---------------------------------------------------------------------------------------------------
    def _build_title(self, english: bool) -> None:
        """The code, name and unit, with the definition and the better direction in a tooltip."""
        ind = self.ind
        name = ind.name_en if english and ind.name_en else ind.name
        star = " ★" if ind.key else ""
        unit = f"（{ind.unit_label}）" if ind.unit_label else ""
        arrow = {Direction.UP: self.tr("higher is better"), Direction.DOWN: self.tr("lower is better"),
                 Direction.NONE: self.tr("no better direction")}[ind.direction]  # fmt: skip
        self.title = QLabel(f"<b>{ind.code} {name}</b>{star} <span style='color:#5f6368'>{unit}</span>")
        self.title.setToolTip(f"{ind.name}\n{ind.definition}\n{arrow}")
        self.title.setWordWrap(True)  # long English names wrap instead of widening the row
        self.definition = QLabel(ind.definition)
        self.definition.setWordWrap(True)
        self.definition.setStyleSheet("color: #5f6368; font-size: 11px;")
        self.definition.setToolTip(ind.definition)

    def _build_fields(self) -> None:
        """Start and end of the right kind, the change, not applicable with its reason, the note, files, errors."""
        self.fields: dict[str, QLineEdit | QComboBox] = {p: self._make_field(p) for p in POINTS}
        self.change = QLabel()
        self.na = QCheckBox(self.tr("N/A"))
        self.na.setToolTip(self.tr("Not applicable to this unit (a reason is required)"))
        self.na_reason = QLineEdit()
        self.na_reason.setPlaceholderText(self.tr("reason it does not apply (required)"))
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("note"))
        self.attach_button = QToolButton()
        self.attach_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab stays on the fields; the Attachments tab has them all
        self.attach_button.setToolTip(self.tr("Add a photo or document from the visits for this indicator"))
        self.attach_button.clicked.connect(lambda: self.attach.emit(self.ind.code))
        self.set_attachments(0)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        self.error.hide()

    def _lay_out(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(8, 6, 8, 6)
        grid.setHorizontalSpacing(row_layout.SPACING)
        grid.setVerticalSpacing(4)
        self.set_compact(False)
        QWidget.setTabOrder(self.fields["end"], self.note)  # Tab: start, end, note, not applicable (and its reason)

    def set_compact(self, compact: bool) -> None:
        """Compact when space is short: the name on a line of its own, the 口径 in the checklist's side panel."""
        row_layout.lay_out_row(self, compact)

    def _connect_autosave(self) -> None:
        """One timer per field: a valid value is stored once typing pauses, at once on Enter or leaving the field."""
        self._timers: dict[str, QTimer] = {}
        for key in (*POINTS, "note", "na_reason"):
            timer = QTimer(self)
            timer.setSingleShot(True)
            timer.setInterval(SAVE_DELAY_MS)
            timer.timeout.connect(lambda key=key: self.flush(key))
            self._timers[key] = timer
        self._errors: dict[str, str] = {}
        self.na.toggled.connect(self._na_toggled)
        self.na_reason.textEdited.connect(lambda _: self._timers["na_reason"].start())
        self.na_reason.editingFinished.connect(lambda: self.flush("na_reason"))
        self.note.textEdited.connect(lambda _: self._timers["note"].start())
        self.note.editingFinished.connect(lambda: self.flush("note"))

    def _make_field(self, point: str) -> QLineEdit | QComboBox:
        label = words.point(point)
        if self.ind.kind is Kind.GRADE:
            combo = QComboBox()
            combo.addItem("—", None)
            for grade in self.grades:
                combo.addItem(grade, grade)
            combo.setAccessibleName(label)
            combo.activated.connect(lambda _: self.flush(point))
            combo.currentIndexChanged.connect(lambda _: self._timers[point].start())
            return combo
        edit = QLineEdit()
        edit.setAccessibleName(label)
        if self.ind.villages:
            edit.setPlaceholderText(self.tr("{0}: villages (F4)").format(label))
            edit.setProperty("hint", self.tr("Village names separated by 、; F4 or … picks them from the unit's villages"))
            edit.setToolTip(edit.property("hint"))
            pick = QAction(self.tr("Pick villages…"), edit)
            pick.setText("…")
            pick.setToolTip(self.tr("Pick villages… (F4)"))
            pick.triggered.connect(lambda: self.pick_villages(point))
            edit.addAction(pick, QLineEdit.ActionPosition.TrailingPosition)
        else:
            edit.setPlaceholderText(label)
        edit.textEdited.connect(lambda _: self._typed(point))
        edit.editingFinished.connect(lambda: self.flush(point))
        return edit

    # -- showing ------------------------------------------------------------------------------------------------------
    def show_view(self, view: ValueView) -> None:
        """Show the stored values (after loading, saving, undo or redo) without triggering a save."""
        self.view = view
        for point in POINTS:
            field = self.fields[point]
            field.blockSignals(True)
            if isinstance(field, QComboBox):
                field.setCurrentIndex(max(field.findData(getattr(view, point)), 0))
            else:
                text = getattr(view, point) or ""
                if self.ind.villages:  # the names, 无 when entered as naming none, blank when not entered
                    text = value_rules.village_text(getattr(view, f"villages_{point}"), getattr(view, point))
                if field.text() != text:
                    field.setText(text)
                    field.setCursorPosition(0)
            field.blockSignals(False)
            self._mark(point, None)
        na = bool(view.na_reason)
        self.na.blockSignals(True)
        self.na.setChecked(na)
        self.na.blockSignals(False)
        if self.na_reason.text() != (view.na_reason or "") and not self.na_reason.hasFocus():
            self.na_reason.setText(view.na_reason or "")
        self.na_reason.setVisible(na)
        for field in self.fields.values():
            field.setEnabled(not na)
        if not self.note.hasFocus() and self.note.text() != (view.note or ""):
            self.note.setText(view.note or "")
            self.note.setCursorPosition(0)
        self._show_change(view)

    def _show_change(self, view: ValueView) -> None:
        if view.na_reason:
            text = self.tr("not applicable")
            self.change.setText(coloured(text, GREY))
            self.change.setToolTip(view.na_reason)
            return
        counts = ""
        if self.ind.villages and (view.start is not None or view.end is not None):
            counts = f"{view.start or '—'} → {view.end or '—'} {self.ind.unit_label}  "
        if view.trend is None:
            self.change.setText(coloured(counts, GREY))
            self.change.setToolTip("")
            return
        colour = TREND_COLOURS.get(view.trend, "#000")
        delta = view.change or ""
        if view.trend == Trend.HELD:
            delta = ""
        elif self.ind.kind is Kind.RANK:
            delta = f"{delta.lstrip('-')}{self.ind.unit_label}"  # a rank rises when its number falls: say 1位
        elif self.ind.kind is Kind.GRADE:
            delta = ""
        elif not delta.startswith("-"):
            delta = "+" + delta
        self.change.setText(
            coloured(counts, GREY) + coloured(f"{TREND_ARROWS.get(view.trend, '')} {words.trend(view.trend)} {delta}", colour, bold=True)
        )
        self.change.setToolTip(view.change_words or "")

    def _mark(self, key: str, message: str | None) -> None:
        widget = self.fields.get(key) or (self.na_reason if key == "na_reason" else self.note)
        if message:
            self._errors[key] = message
            widget.setStyleSheet(INVALID_STYLE)
            widget.setToolTip(message)
        else:
            self._errors.pop(key, None)
            widget.setStyleSheet("")
            widget.setToolTip(widget.property("hint") or "")  # the field's own hint comes back
        self.error.setText("\n".join(self._errors.values()))
        self.error.setVisible(bool(self._errors))
        self.marked.emit()

    def error_for(self, key: str) -> str | None:
        return self._errors.get(key)

    @property
    def error_count(self) -> int:
        return len(self._errors)

    # -- editing ------------------------------------------------------------------------------------------------------
    def _text(self, point: str) -> str:
        field = self.fields[point]
        if isinstance(field, QComboBox):
            return field.currentData() or ""
        return field.text()

    def check(self, point: str) -> dict[str, Any] | None:
        """The change the field asks for, or None when it is unchanged; raises Refused with the rule it breaks."""
        text = self._text(point).strip()
        if self.ind.villages:
            names = value_rules.village_entry(text)  # blank: not entered; 无 or 0: entered, no village
            unknown = [n for n in names or () if n not in self.villages]
            if unknown:
                raise Refused(self.tr("“{0}” is not a village of this unit").format("、".join(unknown)))
            if names == list(getattr(self.view, f"villages_{point}")) and getattr(self.view, point) is not None:
                return None
            return None if names is None and getattr(self.view, point) is None else {f"villages_{point}": names}
        if not text:
            return None if getattr(self.view, point) is None else {point: None}
        value = value_rules.parse_value(self.ind, point, text, grades=self.grades, rank_total=self.rank_total)
        return None if value == getattr(self.view, point) else {point: value}

    def _typed(self, point: str) -> None:
        """Validate while typing: mark the field at once, save once typing pauses."""
        try:
            self.check(point)
        except Refused as exc:
            self._timers[point].stop()
            self._mark(point, exc.message)
            return
        self._mark(point, None)
        self._timers[point].start()

    def flush(self, key: str) -> None:
        """Save the field now if it is valid and changed (Enter, leaving the field, the timer, closing the window)."""
        self._timers[key].stop()
        if key in POINTS:
            try:
                changes = self.check(key)
            except Refused as exc:
                self._mark(key, exc.message)
                return
            self._mark(key, None)
            if changes:
                self.commit.emit(self.ind.code, changes, self.tr("{0} {1}").format(self.ind.code, self.ind.name))
        elif key == "note":
            note = self.note.text().strip() or None
            if note != self.view.note:
                self.commit.emit(self.ind.code, {"note": note}, self.tr("note of {0}").format(self.ind.code))
        elif key == "na_reason" and self.na.isChecked():
            reason = self.na_reason.text().strip()
            if not reason:
                self._mark("na_reason", self.tr("Give the reason this indicator does not apply; nothing was saved."))
                return
            self._mark("na_reason", None)
            if reason != self.view.na_reason:
                changes: dict[str, Any] = {"na_reason": reason}
                if not self.view.na_reason:  # values and villages go when the indicator becomes not applicable
                    changes.update(start=None, end=None)
                    if self.ind.villages:
                        changes.update(villages_start=None, villages_end=None)
                self.commit.emit(self.ind.code, changes, self.tr("{0} not applicable").format(self.ind.code))

    def flush_all(self) -> None:
        for key, timer in self._timers.items():
            if timer.isActive():
                self.flush(key)

    def _na_toggled(self, checked: bool) -> None:
        self.na_reason.setVisible(checked)
        for field in self.fields.values():
            field.setEnabled(not checked)
        if checked:
            self.na_reason.setFocus()
            if self.na_reason.text().strip():
                self.flush("na_reason")
            else:
                self._mark("na_reason", self.tr("Give the reason this indicator does not apply; nothing was saved."))
        else:
            self._mark("na_reason", None)
            if self.view.na_reason:
                self.commit.emit(self.ind.code, {"na_reason": None}, self.tr("{0} applicable again").format(self.ind.code))

    def pick_villages(self, point: str) -> VillagePicker:
        field = self.fields[point]
        assert isinstance(field, QLineEdit)
        try:
            current = value_rules.split_names(field.text())
        except Refused:
            current = []
        title = self.tr("{0} – {1}").format(self.ind.name, field.accessibleName())
        picker = VillagePicker(title, self.villages, current, self)

        def accepted() -> None:
            field.setText("、".join(picker.picked()) or value_rules.NO_VILLAGES[0])  # none ticked and confirmed: 无
            self.flush(point)

        picker.accepted.connect(accepted)
        picker.open()
        return picker

    def set_read_only(self) -> None:
        """A signed case: the values stay black and selectable (they are the record), nothing can be changed."""
        for edit in (*self.fields.values(), self.note, self.na_reason):
            if isinstance(edit, QLineEdit):
                edit.setReadOnly(True)
            else:
                edit.setEnabled(False)  # a combo box cannot be read-only; its text stays legible
        self.na.setEnabled(False)
        self.attach_button.setEnabled(False)

    def set_attachments(self, count: int) -> None:
        self.attach_button.setText(self.tr("Files {0}").format(count) if count else self.tr("Files +"))

    def entry_fields(self) -> list[QWidget]:
        return [self.fields["start"], self.fields["end"]]
