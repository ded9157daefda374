"""The rules a careful assessor expects of an indicator value, shared by the GUI and the command line."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import date
from decimal import Decimal, InvalidOperation

from handover import dates, glyphs
from handover.catalogue import Indicator, Kind
from handover.errors import Refused
from handover.settings import RANKED_UNITS_WHERE
from handover.words import POINTS

POINT_NAMES = POINTS
MAX_COUNT = 1_000_000
MAX_AMOUNT = Decimal("100000000")  # 万元: one trillion yuan is certainly a typing error
YEARS_RANGE = (Decimal(18), Decimal(100))
#: 1,234 or 12,345,678.9 as a formatted spreadsheet shows amounts; 1,23,4 is a typing error and stays refused
_GROUPED = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")


def parse_value(ind: Indicator, point: str, text: str, *, grades: tuple[str, ...], rank_total: int) -> str:
    """Check one value typed for an indicator and return its canonical text; refuse with a message naming the rule."""
    label = f"{ind.code} {ind.name}（{POINT_NAMES[point]}）"
    # NFKC: the full-width ８５．５％ and １，２３４ of a Chinese input method become 85.5% and 1,234
    raw = unicodedata.normalize("NFKC", text).strip()
    if not raw:
        raise Refused(f"{label}：值不能为空")
    if ind.kind is Kind.GRADE:
        if raw not in grades:
            raise Refused(f"{label}：等次应为 {'、'.join(grades)} 之一，收到 “{raw}”")
        return raw
    raw = _without_unit(ind, label, text, raw)
    if _GROUPED.fullmatch(raw):
        raw = raw.replace(",", "")
    try:
        number = Decimal(raw)
    except InvalidOperation:
        raise Refused(f"{label}：“{text.strip()}” 不是数字") from None
    if not number.is_finite():
        raise Refused(f"{label}：“{text.strip()}” 不是数字")
    if ind.kind is Kind.COUNT:
        if number != number.to_integral_value():
            raise Refused(f"{label}：个数必须是整数，收到 {raw}")
        if number < 0:
            raise Refused(f"{label}：个数不能为负数，收到 {raw}")
        if number > MAX_COUNT:
            raise Refused(f"{label}：个数 {raw} 超出合理范围（不超过 {MAX_COUNT}）")
        return str(int(number))
    if ind.kind is Kind.RANK:
        if number != number.to_integral_value():
            raise Refused(f"{label}：排名必须是整数，收到 {raw}")
        if not 1 <= number <= rank_total:
            raise Refused(
                f"{label}：排名应在第1位至第{rank_total}位之间（参与排名单位共{rank_total}个，"
                f"全县参与排名的单位数在 {RANKED_UNITS_WHERE} 中修改），收到 {raw}"
            )
        return str(int(number))
    if ind.kind is Kind.PERCENT:
        if not Decimal(0) <= number <= Decimal(100):
            raise Refused(f"{label}：百分比应在 0 至 100 之间，收到 {raw}")
        return _two_decimals(number, label, "百分比")
    if ind.kind is Kind.AMOUNT:
        if number < 0:
            raise Refused(f"{label}：金额不能为负数，收到 {raw}")
        if number > MAX_AMOUNT:
            raise Refused(f"{label}：金额 {raw} 万元超出合理范围")
        return _two_decimals(number, label, "金额（万元）")
    if ind.kind is Kind.YEARS:
        low, high = YEARS_RANGE
        if not low <= number <= high:
            raise Refused(f"{label}：年龄应在 {low} 至 {high} 岁之间，收到 {raw}")
        if number != number.quantize(Decimal("0.1")):
            raise Refused(f"{label}：年龄最多保留一位小数，收到 {raw}")
        return _normalise(number)
    raise AssertionError(ind.kind)  # pragma: no cover - every Kind is handled above


#: the unit words a value may end with, by the unit its indicator is counted in (the catalogue's unit, or its kind's):
#: 人 for a number of people, 万 for an amount in 万元, 第3名 for a rank. Every other unit word is refused, never
#: stripped: 5万 in a count is not 5, and 3860000元 in a 万元 amount is not 3,860,000 万元.
FITTING_UNITS = {"个": ("个",), "名": ("名", "人"), "%": ("%",), "位": ("位", "名"), "万元": ("万元", "万"), "岁": ("岁", "周岁")}
#: words that are units of some kind, so a value ending in one is refused as the wrong unit rather than as not a number
_UNIT_WORDS = {word for words in FITTING_UNITS.values() for word in words} | {"元", "亿", "亿元", "千元", "万人", "次", "户"}
_NUMBER_AND_WORD = re.compile(r"(?P<number>.*?\d\.?)\s*(?P<word>[^\d\s.]+)")
#: what each kind of value expects, for the refusal of a wrong unit
_EXPECTS = {
    Kind.COUNT: "填整数", Kind.PERCENT: "填 0 至 100 的百分数，如 85.5 或 85.5%", Kind.RANK: "填名次，如 3",
    Kind.AMOUNT: "以万元为单位，如 386 表示 386 万元", Kind.YEARS: "填岁数，如 45.5",
}  # fmt: skip


def _without_unit(ind: Indicator, label: str, text: str, raw: str) -> str:
    """The number typed, without a unit word that fits the indicator; refuse one that does not."""
    found = _NUMBER_AND_WORD.fullmatch(raw)
    if found is None:
        return raw
    number, word = found["number"].strip(), found["word"]
    unit = ind.unit_label
    if word in FITTING_UNITS.get(unit, (unit,)):
        return number
    if word not in _UNIT_WORDS:
        raise Refused(f"{label}：“{text.strip()}” 不是数字")
    hint = ""
    if ind.kind is Kind.AMOUNT and word == "元" and re.fullmatch(r"[\d,]+(\.\d+)?", number):
        hint = f"；{number}元即 {_normalise(Decimal(number.replace(',', '')) / 10000)} 万元"
    raise Refused(
        f"{label}：填写的是 “{text.strip()}”，单位 “{word}” 与本项不符：本项单位为{unit}（{_EXPECTS[ind.kind]}）{hint}"
    )


def _two_decimals(number: Decimal, label: str, what: str) -> str:
    if number != number.quantize(Decimal("0.01")):
        raise Refused(f"{label}：{what}最多保留两位小数，收到 {number}")
    return _normalise(number)


def _normalise(number: Decimal) -> str:
    """Plain text without exponent or trailing zeros: 85.50 → 85.5, 100.00 → 100."""
    return format((number + 0).normalize(), "f")  # + 0 turns -0 into 0


def parse_day(text: str | date | None, what: str) -> date | None:
    """YYYY-MM-DD, also 2021/1/5, 2021.1.5 and 2021年1月5日 as counties type them (handover.dates); blank is None."""
    return dates.parse_date(text, what)


def check_villages(ind: Indicator, point: str, count: str | None, villages: list[str]) -> None:
    """A village count equals the number of villages named (数量与所列村数一致)."""
    if not ind.villages or count is None:
        return
    if int(count) != len(villages):
        raise Refused(
            f"{ind.code} {ind.name}（{POINT_NAMES[point]}）：数量为 {count} 个，但列出了 {len(villages)} 个村；"
            "数量须与所列村（社区）数一致"
        )


#: what separates names in a typed list (split_names), so a village name may not contain it; spaces and line breaks
#: separate them too (戊村 己村, or one name a line pasted from a sheet)
NAME_SEPARATORS = "，,、；;"
#: a village list entered as naming no village (后进村 at the end of term: 无); the first is how it is shown
NO_VILLAGES = ("无", "0")
#: Unicode categories a printed name never holds: control characters (a newline, BEL, a terminal escape), invisible
#: format characters (zero-width space, the RTL override that shows 佐证\u202egpj.exe as 佐证exe.jpg), line and paragraph
#: separators, private-use and unassigned code points, and pictographs (emoji). Rare characters (生僻字 such as 𠀾) are
#: letters and stay allowed, and so do their ideographic variation selectors.
_NOT_IN_NAMES = {"Cc", "Cf", "Cs", "Co", "Cn", "So", "Zl", "Zp"}
#: the parts of an emoji that are not themselves in category So: skin tones (Sk) and the emoji presentation selector
_EMOJI_PARTS = re.compile("[\U0001f3fb-\U0001f3ff\ufe0e\ufe0f\u20e3]")


def _unprintable(ch: str) -> bool:
    return unicodedata.category(ch) in _NOT_IN_NAMES or _EMOJI_PARTS.match(ch) is not None


def check_name(text: str, what: str, limit: int, *, separators: bool = True) -> str:
    """A person's, unit's or village's name as it will be printed: trimmed, not empty, not too long, printable.

    The one rule for every name the program stores (case secretaries, signers, supervisor, reviewers and their units,
    conflicts, units, villages), whether typed in the GUI, given on the command line or imported."""
    name = text.strip()
    if not name:
        raise Refused(f"{what}不能为空")
    if len(name) > limit:
        raise Refused(f"{what}过长：{len(name)}个字（不超过{limit}个字）")
    odd = [ch for ch in name if _unprintable(ch)]
    if odd:
        # shown by code point: printed as they are, a newline or an RTL override would garble the message itself
        shown = "".join(f"<U+{ord(ch):04X}>" if _unprintable(ch) else ch for ch in name)
        raise Refused(
            f"{what} “{shown}” 含有不能打印在文件上的字符（{'、'.join(f'U+{ord(ch):04X}' for ch in dict.fromkeys(odd))}），"
            "如换行、制表符、不可见字符、文字方向控制符或表情符号"
        )
    check_glyphs(name, what)
    if not separators and _split(name) != [name]:
        raise Refused(
            f"{what} “{name}” 在括号外含有分隔符（{' '.join(NAME_SEPARATORS)} 或空格）：名单中用它们分隔各个名称；"
            "一次添加多个请用空格分开，例如 handover village add 白鹤镇 甲村 乙村"
        )
    return name


#: a terminal escape sequence (a colour, a cursor move, a window title), removed whole rather than leaving "[31m" behind
_ESCAPE_SEQUENCE = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)?|[()*+][0-~]|[@-~])?")
#: the direction marks and overrides (LRM, RLM, LRE … RLO, LRI … PDI, ALM) that make text show in another order
_DIRECTION_MARKS = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c")


def clean_text(text: str, what: str = "文字") -> str:
    """A note, reason or comment as it is stored: without terminal escape sequences, control characters (line breaks and
    tabs stay) and direction overrides, which would garble a terminal, the log or the printed sheet; trimmed. A
    character no bundled font can print is refused (check_glyphs), naming the field `what`."""
    text = _ESCAPE_SEQUENCE.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    kept = (ch for ch in text if ch in "\n\t" or (unicodedata.category(ch) != "Cc" and ch not in _DIRECTION_MARKS))
    cleaned = "".join(kept).strip()
    check_glyphs(cleaned, what)
    return cleaned


def check_glyphs(text: str, what: str) -> None:
    """Refuse a character that none of the bundled fonts has (a rare 生僻字 outside GBK, an emoji): it would print as a
    blank or a box on the official document."""
    missing = glyphs.unprintable(text)
    if missing:
        listed = "、".join(f"“{ch}”（U+{ord(ch):04X}）" for ch in missing)
        raise Refused(
            f"{what}中的 {listed} 无法打印：本程序自带的字体都没有这个字，文件上会印成空白或方框。"
            "请改用通行的写法（或同音字并在备注中说明）"
        )


def _split(text: str) -> list[str]:
    """Names separated by ，,、；;, spaces or line breaks outside brackets: 某村（含甲、乙自然村） stays one name."""
    names: list[str] = []
    current: list[str] = []
    depth = 0
    for ch in text:
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(depth - 1, 0)
        elif (ch in NAME_SEPARATORS or ch.isspace()) and depth == 0:
            names.append("".join(current))
            current = []
            continue
        current.append(ch)
    names.append("".join(current))
    return [name.strip() for name in names if name.strip()]


def split_names(text: str) -> list[str]:
    """Split a typed list of village names on ，,、；;, spaces and line breaks (outside brackets) and strip blanks; refuse
    duplicates. 无 or 0 alone is a list entered as naming no village: []."""
    if unicodedata.normalize("NFKC", text).strip() in NO_VILLAGES:
        return []
    names = _split(text)
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise Refused(f"村名 “{name}” 重复列出")
        seen.add(name)
    return names


def village_entry(text: str) -> list[str] | None:
    """A village list as typed in a field: None when blank (not entered), [] for 无 or 0 (entered, no village), else
    the names (split_names)."""
    return split_names(text) if text.strip() else None


def village_text(names: Sequence[str], count: str | None) -> str:
    """A village list as a field shows it (village_entry reads it back): the names, 无 when entered as naming none,
    blank when not entered."""
    return "、".join(names) or (NO_VILLAGES[0] if count is not None else "")
