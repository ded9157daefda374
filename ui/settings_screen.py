"""Settings: issuing body, document number prefix, panel defaults, language (shared in the database) and the database file."""

from __future__ import annotations

import os

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from handover import settings
from handover.changes import Changes
from handover.identity import current_user
from handover.services import units
from ui import i18n, local_config
from ui.context import AppContext
from ui.dialogs import dialogs
from ui.errors import user_message
from ui.text import BAD, OK, coloured

NUMBERS = {key: limits for key, limits in settings.INT_RANGES.items() if key != "ranked_units"}


class SettingsScreen(QWidget):
    language_changed = Signal(str)
    demo_loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        values = settings.all_settings(ctx.db)
        self.save_button = QPushButton(self.tr("Save settings"))
        self.save_button.clicked.connect(self.save)
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.save_button)
        column = QWidget()
        column.setMaximumWidth(860)
        layout = QVBoxLayout(column)
        layout.addWidget(self._build_documents(values))
        layout.addWidget(self._build_panel(values))
        layout.addWidget(self._build_application())
        layout.addLayout(buttons)
        layout.addStretch()
        outer = QHBoxLayout(self)
        outer.addWidget(column, 1)
        outer.addStretch()
        ctx.hub.follow(self, lambda c: c.units, self._offer_demo)

    def _offer_demo(self) -> None:
        self.demo_button.setEnabled(not units.list_units(self.ctx.db))  # the demo only goes into an empty database

    def _build_documents(self, values: dict[str, str]) -> QGroupBox:
        self.issuing_body = QLineEdit(values["issuing_body"])
        self.doc_prefix = QLineEdit(values["doc_prefix"])
        self.report_layout = QComboBox()  # the county's choice of look for its documents (docs/report.md)
        self.report_layout.addItem(self.tr("Standard"), "standard")
        self.report_layout.addItem(self.tr("GB/T 9704 official document (16 pt FangSong body, — 1 — page numbers)"), "gbt9704")
        self.report_layout.setCurrentIndex(max(self.report_layout.findData(values["report_layout"]), 0))
        documents = QGroupBox(self.tr("Documents"))
        form = QFormLayout(documents)
        form.addRow(self.tr("Issuing body"), self.issuing_body)
        form.addRow(self.tr("Document number prefix"), self.doc_prefix)
        form.addRow(self.tr("Document layout"), self.report_layout)
        return documents

    def _build_panel(self, values: dict[str, str]) -> QGroupBox:
        """Panel size, alternates, the recusal and training periods, the ranking: what the draw and the report use."""
        self.numbers: dict[str, QSpinBox] = {}
        for key, (low, high) in NUMBERS.items():
            spin = QSpinBox()
            spin.setRange(low, high)
            spin.setValue(int(values[key]) if values[key].isdigit() else low)
            spin.setFixedWidth(110)
            self.numbers[key] = spin
        self.ranked_units = QLineEdit(values["ranked_units"])
        self.ranked_units.setMaximumWidth(260)
        self.ranked_units.setPlaceholderText(self.tr("empty: the number of units of the same type"))
        panel = QGroupBox(self.tr("Review panel and draw"))
        panel_form = QFormLayout(panel)
        panel_form.addRow(self.tr("Panel size"), self.numbers["panel_size"])
        panel_form.addRow(self.tr("Alternates"), self.numbers["panel_alternates"])
        panel_form.addRow(self.tr("No panel for the same unit within (months)"), self.numbers["recent_panel_months"])
        panel_form.addRow(self.tr("Training required within (months)"), self.numbers["training_months"])
        panel_form.addRow(self.tr("Units in the county ranking"), self.ranked_units)
        return panel

    def _build_application(self) -> QGroupBox:
        """This PC: language, operator, the database file, the demo county."""
        self.language = QComboBox()
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(self.ctx.language), 0))
        self.language.setMaximumWidth(260)
        general = QGroupBox(self.tr("Application"))
        general_form = QFormLayout(general)
        general_form.addRow(self.tr("Language"), self.language)
        self.operator = QLineEdit(current_user())
        self.operator.setMaximumWidth(260)
        self.operator.setToolTip(self.tr("Recorded with every draw, edit and signature made on this PC"))
        general_form.addRow(self.tr("Operator on this PC"), self.operator)
        self.db_label = QLabel(self.ctx.shown_database)
        self.db_label.setToolTip(self.tr("Every case, value and signature is kept in this database"))
        self.db_label.setWordWrap(True)
        choose = QPushButton(self.tr("Use another database file…"))
        choose.clicked.connect(self.choose_database)
        db_row = QHBoxLayout()
        db_row.addWidget(self.db_label, 1)
        db_row.addWidget(choose)
        general_form.addRow(self.tr("Database"), db_row)
        general_form.addRow(self.tr("Daily backups kept (0: none)"), self.numbers["backup_keep"])
        self.demo_button = QPushButton(self.tr("Load the demo county"))
        self.demo_button.clicked.connect(self.demo_loaded)
        self._offer_demo()
        demo_row = QHBoxLayout()
        demo_row.addWidget(self.demo_button)
        demo_row.addStretch()
        general_form.addRow("", demo_row)
        return general

    def save(self) -> None:
        changes = {
            "issuing_body": self.issuing_body.text().strip(),
            "doc_prefix": self.doc_prefix.text().strip(),
            "ranked_units": self.ranked_units.text().strip(),
            "language": self.language.currentData(),
            "report_layout": self.report_layout.currentData(),
            **{key: str(spin.value()) for key, spin in self.numbers.items()},
        }
        operator = self.operator.text().strip()
        if not operator:
            self._say(self.tr("Name the operator of this PC."), False)
            return
        try:
            for key, value in changes.items():  # every value is checked before any is stored
                settings.check(key, value)
            for key, value in changes.items():
                settings.set_value(self.ctx.db, key, value)
            local_config.save(operator=operator)
            os.environ["HANDOVER_USER"] = operator  # what handover.identity.current_user() reports from now on
        except Exception as exc:  # noqa: BLE001
            self._say(user_message(exc), False)
            return
        self._say(self.tr("Settings saved"), True)
        self.ctx.hub.publish(Changes(settings=True), self)
        if changes["language"] != self.ctx.language:
            self.language_changed.emit(changes["language"])

    def _say(self, text: str, ok: bool) -> None:
        self.message.setText(coloured(text, OK if ok else BAD))

    def choose_database(self) -> None:
        path = dialogs().save_file(self, self.tr("Database file"), "handover.sqlite3", self.tr("SQLite database (*.sqlite3 *.db)"))
        if not path:
            return
        local_config.save(database=path)
        dialogs().info(self, self.tr("Database"), self.tr("The application will open {0} at the next start.").format(path))
