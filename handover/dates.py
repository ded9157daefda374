"""Dates as people type them (2021-01-05, 2021/1/5, 2021.1.5, 2021年1月5日): the one parser of the GUI and the CLI."""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date

from handover.errors import Refused

#: what may stand between year, month and day (spaces around them allowed: 2021 年 1 月 5 日)
_SEPARATORS = re.compile(r"\s*[-/.年月]\s*")
#: dates outside these years are typing errors (2201 for 2021)
YEARS_OF_RECORDS = (1949, 2100)
FORMAT_HINT = "格式应为 YYYY-MM-DD（例如 2026-08-24），也可写 2026/8/24、2026.8.24 或 2026年8月24日"


def parse_date(text: str | date | None, what: str) -> date | None:
    """The date typed in the field `what` (full-width digits too); blank is None. An impossible date (2021-02-30,
    2021-13-01) is refused naming the field, never moved to another day."""
    if text is None or isinstance(text, date):
        return text
    raw = unicodedata.normalize("NFKC", text).strip()
    if not raw:
        return None
    shown = text.strip()
    parts = _SEPARATORS.split(raw.removesuffix("日").strip())
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        raise Refused(f"{what} “{shown}” 不是有效日期，{FORMAT_HINT}")
    year, month, day = (int(p) for p in parts)
    low, high = YEARS_OF_RECORDS
    if not low <= year <= high:
        raise Refused(f"{what} “{shown}” 的年份不合理（应在 {low} 至 {high} 年之间）")
    if not 1 <= month <= 12:
        raise Refused(f"{what} “{shown}” 不是有效日期：月份应在 1 至 12 之间")
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise Refused(f"{what} “{shown}” 不是有效日期：{year}年{month}月只有 {days} 天")
    return date(year, month, day)
