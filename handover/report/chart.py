"""The chart of the five areas: how many indicators improved, held and declined in each (reportlab graphics)."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String

from handover.report import fonts
from handover.report.data import ReportData
from handover.report.styles import DECLINED, HELD, IMPROVED
from handover.trend import Trend

SERIES = ((Trend.IMPROVED, IMPROVED), (Trend.HELD, HELD), (Trend.DECLINED, DECLINED))


@dataclass(frozen=True)
class AreaCounts:
    """Trend counts of one area; `other` counts changes with no better side, not applicable and unfilled values."""

    name: str
    improved: int
    held: int
    declined: int
    other: int
    not_applicable: int = 0
    total: int = 0

    @property
    def applies(self) -> bool:
        """Whether the area applies to the unit at all (a department's village areas do not)."""
        return self.not_applicable < self.total


def area_counts(data: ReportData) -> list[AreaCounts]:
    result = []
    for code, name in data.areas:
        values = data.values_of(code)
        trends = [v.trend for v in values]
        improved, held, declined = (trends.count(t) for t in (Trend.IMPROVED, Trend.HELD, Trend.DECLINED))
        other = len(trends) - improved - held - declined
        na = sum(1 for v in values if v.na_reason)
        result.append(AreaCounts(name, improved, held, declined, other, na, len(values)))
    return result


def area_chart(data: ReportData, width: float, height: float = 150) -> Drawing:
    """Bars per area; an area that does not apply to the unit (every indicator 不适用) is left out, not drawn as zeros."""
    counts = [c for c in area_counts(data) if c.applies] or area_counts(data)
    drawing = Drawing(width, height)
    drawing.initialFontName = fonts.BODY  # else the drawing sets (and so adds) Helvetica, which is never embedded
    chart = VerticalBarChart()
    chart.x, chart.y = 34, 34
    # the legend needs ~50 pt on the right; the rest goes to the five areas so that 村干部队伍建设 and 党员队伍建设
    # do not run into each other under their bars
    chart.width, chart.height = width - 110, height - 50
    chart.data = [[c.improved for c in counts], [c.held for c in counts], [c.declined for c in counts]]
    chart.categoryAxis.categoryNames = [c.name for c in counts]
    chart.categoryAxis.labels.fontName = fonts.BODY
    chart.categoryAxis.labels.fontSize = 8.5
    chart.categoryAxis.labels.dy = -4
    chart.valueAxis.valueMin = 0
    top = max([1] + [max(c.improved, c.held, c.declined) for c in counts])
    chart.valueAxis.valueMax = top + 1
    chart.valueAxis.valueStep = 1 if top <= 8 else 2
    chart.valueAxis.labels.fontName = fonts.BODY
    chart.valueAxis.labels.fontSize = 8
    chart.groupSpacing = 8
    chart.barSpacing = 1
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = fonts.BODY
    chart.barLabels.fontSize = 7.5
    chart.barLabels.nudge = 6
    for i, (_, color) in enumerate(SERIES):
        chart.bars[i].fillColor = color
        chart.bars[i].strokeColor = color
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = width - 45, height - 30
    legend.fontName = fonts.BODY
    legend.fontSize = 9
    legend.alignment = "right"
    legend.columnMaximum = 3
    legend.colorNamePairs = [(color, label) for label, color in SERIES]
    drawing.add(legend)
    drawing.add(String(chart.x - 26, chart.y + chart.height + 6, "项数", fontName=fonts.BODY, fontSize=8))
    return drawing
