"""The county overview's two charts: grades across the county, and how the units' key indicators moved."""

from __future__ import annotations

import html
import math
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalStackedBarSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QWidget

from handover.overview import Overview
from handover.trend import Trend
from handover.words import GRADES
from ui.overview_model import TREND_COLOURS

TRENDS_SHOWN = (Trend.IMPROVED, Trend.HELD, Trend.DECLINED)


class OverviewCharts:
    """Two chart views side by side in `box` (which has a horizontal layout)."""

    def __init__(self, box: QWidget) -> None:
        self.grades, self.trends = QChart(), QChart()
        for chart in (self.grades, self.trends):
            chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
            view = QChartView(chart)
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(250)
            box.layout().addWidget(view)

    def show(self, overview: Overview) -> None:
        self._grades(overview)
        self._trends(overview)

    def _grades(self, overview: Overview) -> None:
        """How many units' latest cases got each grade (and how many are not graded yet)."""
        counts = [sum(1 for r in overview.rows if r.case and r.case.grade == g) for g in GRADES]
        counts.append(sum(1 for r in overview.rows if r.case and not r.case.grade))
        bars = QBarSet(QCoreApplication.translate("OverviewCharts", "Units"))
        bars.append([float(c) for c in counts])
        title = QCoreApplication.translate("OverviewCharts", "Grades across the county")
        _fill(self.grades, title, [bars], [*GRADES, QCoreApplication.translate("OverviewCharts", "not graded")])

    def _trends(self, overview: Overview) -> None:
        """For each key indicator, how many units improved, held or declined; not applicable ones are left out."""
        # the names under their bars, five characters a line (rich text): 经营性收入10万元以上村数 fits no other way
        names = ["<br>".join(html.escape(ind.name[i : i + 5]) for i in range(0, len(ind.name), 5))
                 for ind in overview.key_indicators]  # fmt: skip
        sets = []
        for trend in TRENDS_SHOWN:
            bars = QBarSet(trend.value)
            bars.setColor(QColor(TREND_COLOURS[trend.value]))
            bars.append([float(sum(1 for r in overview.rows if r.case and i < len(r.keys) and r.keys[i].trend == trend.value))
                         for i in range(len(names))])  # fmt: skip
            sets.append(bars)
        title = QCoreApplication.translate("OverviewCharts", "Key indicators: units improved, held, declined")
        _fill(self.trends, title, sets, names, series=QStackedBarSeries())


def _fill(chart: QChart, title: str, sets: list[QBarSet], labels: list[str], series: Any = None) -> None:
    """Bars of `sets` over `labels`: horizontal (labels on the left) unless a vertical `series` is given."""
    chart.removeAllSeries()
    for axis in chart.axes():
        chart.removeAxis(axis)
    vertical = series is not None
    series = series or QHorizontalStackedBarSeries()
    for bars in sets:
        series.append(bars)
    chart.addSeries(series)
    categories, values = QBarCategoryAxis(), QValueAxis()
    categories.append(labels)
    small = QFont(categories.labelsFont())
    small.setPointSizeF(max(7.0, small.pointSizeF() - 1))
    categories.setLabelsFont(small)
    categories.setTruncateLabels(False)  # 经营性收入10万元以上村数 in full, not “…”
    highest = max([sum(bars.at(i) for bars in sets) for i in range(len(labels))] or [0.0])
    values.setRange(0, max(1.0, highest))
    values.setLabelFormat("%d")
    values.setTickType(QValueAxis.TickType.TicksDynamic)  # whole units only: 0, 1, 2, not 0, 0.5, 1
    values.setTickAnchor(0)
    values.setTickInterval(max(1, math.ceil(highest / 5)))
    chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom if vertical else Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(values, Qt.AlignmentFlag.AlignLeft if vertical else Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(categories)
    series.attachAxis(values)
    chart.setTitle(title)
    chart.legend().setVisible(len(sets) > 1)
