"""Units and villages: the townships, streets and departments whose secretaries change, and their villages."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from handover import catalogue, value_rules
from handover.changes import Changes
from handover.services import unit_edits, units
from ui import words
from ui.context import AppContext
from ui.dialogs import dialogs
from ui.errors import user_message
from ui.text import BAD, OK, coloured


class UnitsScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.table = QTableWidget(0, 3)
        self.table.setTabKeyNavigation(False)  # Tab goes on to the next control; the arrows move in the list
        self.table.setHorizontalHeaderLabels([self.tr("Unit"), self.tr("Type"), self.tr("Villages")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._show_villages)

        self.unit_name = QLineEdit()
        self.unit_name.setPlaceholderText(self.tr("name, e.g. 白鹤镇"))
        self.unit_type = QComboBox()
        for key in catalogue.load().unit_types:
            self.unit_type.addItem(words.unit_type(key), key)
        self.add_unit_button = QPushButton(self.tr("Add unit"))
        self.add_unit_button.clicked.connect(self.add_unit)
        self.unit_name.returnPressed.connect(self.add_unit)

        self.villages = QListWidget()
        self.villages_title = QLabel()
        self.village_name = QLineEdit()
        self.village_name.setPlaceholderText(self.tr("village or community; several separated by 、: 甲村、乙村"))
        self.add_village_button = QPushButton(self.tr("Add village"))
        self.add_village_button.clicked.connect(self.add_village)
        self.village_name.returnPressed.connect(self.add_village)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self._build_edits()

        columns = QHBoxLayout()
        columns.addWidget(self._unit_box(), 3)
        columns.addWidget(self._village_box(), 2)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.message)
        self.reload()
        ctx.hub.follow(self, lambda c: c.units, self.reload)

    def _unit_box(self) -> QGroupBox:
        unit_box = QGroupBox(self.tr("Units"))
        unit_layout = QVBoxLayout(unit_box)
        unit_layout.addWidget(self.table, 1)
        add_unit = QHBoxLayout()
        add_unit.addWidget(self.unit_name, 2)
        add_unit.addWidget(self.unit_type, 1)
        add_unit.addWidget(self.add_unit_button)
        unit_layout.addLayout(add_unit)
        unit_layout.addLayout(self._row(self.unit_new_name, self.rename_unit_button, self.delete_unit_button))
        return unit_box

    def _village_box(self) -> QGroupBox:
        village_box = QGroupBox(self.tr("Villages of the selected unit"))
        village_layout = QVBoxLayout(village_box)
        village_layout.addWidget(self.villages_title)
        village_layout.addWidget(self.villages, 1)
        add_village = QHBoxLayout()
        add_village.addWidget(self.village_name, 1)
        add_village.addWidget(self.add_village_button)
        village_layout.addLayout(add_village)
        village_layout.addLayout(self._row(self.village_new_name, self.rename_village_button, self.delete_village_button))
        return village_box

    def _build_edits(self) -> None:
        """Rename or delete the selected unit or village: a new name and two buttons under each list."""
        self.unit_new_name = QLineEdit()
        self.unit_new_name.setPlaceholderText(self.tr("new name of the selected unit"))
        self.rename_unit_button = QPushButton(self.tr("Rename unit"))
        self.rename_unit_button.setToolTip(self.tr("Open cases take the new name; signed cases keep the name they were signed with"))
        self.delete_unit_button = QPushButton(self.tr("Delete unit…"))
        self.village_new_name = QLineEdit()
        self.village_new_name.setPlaceholderText(self.tr("new name of the selected village"))
        self.rename_village_button = QPushButton(self.tr("Rename village"))
        self.rename_village_button.setToolTip(self.rename_unit_button.toolTip())
        self.delete_village_button = QPushButton(self.tr("Delete village…"))
        self.rename_unit_button.clicked.connect(self.rename_unit)
        self.unit_new_name.returnPressed.connect(self.rename_unit)
        self.delete_unit_button.clicked.connect(self.delete_unit)
        self.rename_village_button.clicked.connect(self.rename_village)
        self.village_new_name.returnPressed.connect(self.rename_village)
        self.delete_village_button.clicked.connect(self.delete_village)

    @staticmethod
    def _row(*widgets: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        for widget in widgets:
            row.addWidget(widget, 1 if isinstance(widget, QLineEdit) else 0)
        return row

    def reload(self, select: str | None = None) -> None:
        current = select or self.selected_unit()
        self._units = units.list_units(self.ctx.db)
        self.table.setRowCount(len(self._units))
        for row, unit in enumerate(self._units):
            for column, text in enumerate((unit.name, words.unit_type(unit.unit_type), str(len(unit.villages)))):
                item = QTableWidgetItem(text)
                if column == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, column, item)
            if unit.name == current:
                self.table.selectRow(row)
        self._show_villages()

    def selected_unit(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.table.item(rows[0].row(), 0).text() if rows else None

    def _show_villages(self) -> None:
        name = self.selected_unit()
        unit = next((u for u in getattr(self, "_units", []) if u.name == name), None)
        self.villages.clear()
        if unit is None:
            self.villages_title.setText(self.tr("Select a unit on the left."))
        else:
            self.villages.addItems(list(unit.villages))
            self.villages_title.setText(self.tr("{0}: {1} villages").format(unit.name, len(unit.villages)))
        enabled = unit is not None and unit.unit_type != "department"
        self.village_name.setEnabled(enabled)
        self.add_village_button.setEnabled(enabled)
        for widget in (self.village_new_name, self.rename_village_button, self.delete_village_button):
            widget.setEnabled(enabled)

    def _say(self, text: str, ok: bool) -> None:
        self.message.setText(coloured(text, OK if ok else BAD))

    def add_unit(self) -> None:
        try:
            unit = units.add_unit(self.ctx.db, self.unit_name.text(), self.unit_type.currentData())
        except Exception as exc:  # noqa: BLE001
            self._say(user_message(exc), False)
            return
        self.unit_name.clear()
        self.reload(select=unit.name)
        self.ctx.hub.publish(Changes(units=True), self)
        self._say(self.tr("Unit {0} added").format(unit.name), True)

    def add_village(self) -> None:
        unit = self.selected_unit()
        if unit is None:
            return
        try:
            names = value_rules.split_names(self.village_name.text()) or [""]  # 甲村、乙村: both, in one transaction
            units.add_villages(self.ctx.db, unit, names)
        except Exception as exc:  # noqa: BLE001
            self._say(user_message(exc), False)
            return
        self._say(self.tr("Village {0} added to {1}").format("、".join(names), unit), True)
        self.village_name.clear()
        self.reload(select=unit)
        self.ctx.hub.publish(Changes(units=True), self)

    def selected_village(self) -> str | None:
        item = self.villages.currentItem()
        return item.text() if item is not None and item.isSelected() else None

    def _changed(self, text: str, select: str | None) -> None:
        self.reload(select=select)
        self.ctx.hub.publish(Changes(units=True), self)
        self._say(text, True)

    def rename_unit(self) -> None:
        unit = self.selected_unit()
        if unit is None:
            return
        try:
            renamed = unit_edits.rename_unit(self.ctx.db, unit, self.unit_new_name.text())
        except Exception as exc:  # noqa: BLE001
            self._say(user_message(exc), False)
            return
        self.unit_new_name.clear()
        self._changed(self.tr("Unit {0} renamed {1}; signed cases keep the old name").format(unit, renamed.name), renamed.name)

    def delete_unit(self) -> None:
        unit = self.selected_unit()
        question = self.tr("Delete the unit {0} and its villages? This is only possible while no case belongs to it.")
        if unit is None or not dialogs().confirm(self, self.tr("Delete unit"), question.format(unit)):
            return
        try:
            unit_edits.delete_unit(self.ctx.db, unit)
        except Exception as exc:  # noqa: BLE001
            self._say(user_message(exc), False)
            return
        self._changed(self.tr("Unit {0} deleted").format(unit), None)

    def rename_village(self) -> None:
        unit, village = self.selected_unit(), self.selected_village()
        if unit is None or village is None:
            return
        try:
            unit_edits.rename_village(self.ctx.db, unit, village, self.village_new_name.text())
        except Exception as exc:  # noqa: BLE001
            self._say(user_message(exc), False)
            return
        new = self.village_new_name.text().strip()
        self.village_new_name.clear()
        self._changed(self.tr("Village {0} renamed {1}; signed cases keep the old name").format(village, new), unit)

    def delete_village(self) -> None:
        unit, village = self.selected_unit(), self.selected_village()
        question = self.tr("Delete the village {0} of {1}? This is only possible while no case lists it.")
        if unit is None or village is None or not dialogs().confirm(self, self.tr("Delete village"), question.format(village, unit)):
            return
        try:
            unit_edits.delete_village(self.ctx.db, unit, village)
        except Exception as exc:  # noqa: BLE001
            self._say(user_message(exc), False)
            return
        self._changed(self.tr("Village {0} of {1} deleted").format(village, unit), unit)
