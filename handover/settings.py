"""Settings of this installation, kept in the database so every PC using the same database agrees."""

from __future__ import annotations

from sqlmodel import Session, select

from handover import audit, recusal
from handover.db import Database
from handover.errors import Refused
from handover.models import Setting

DEFAULTS: dict[str, str] = {
    "issuing_body": "中共××县委组织部",
    "doc_prefix": "组离审",
    "panel_size": "3",
    "panel_alternates": "2",
    "recent_panel_months": "24",
    "training_months": "12",
    "ranked_units": "",
    "language": "zh_CN",
    "county": "",
    "backup_keep": "14",
    "report_layout": "standard",
}
#: the issuing body of a county that has not done its first-run setup: its documents are drafts (样稿), never signed
PLACEHOLDER_MARK = "××"
#: what the command line says while the issuing body is the placeholder
DRAFT_WARNING = (
    f"提示：尚未设置发文机关（仍是“{DEFAULTS['issuing_body']}”），生成的 PDF 每页都标有“样稿”，不能作为正式文件，"
    "也不能数字签名；请先运行 handover setup"
)


#: what each setting means, shown by `handover settings list` and the settings screen
LABELS: dict[str, str] = {
    "issuing_body": "发文机关（报告抬头）",
    "doc_prefix": "文号前缀",
    "panel_size": "评审小组人数",
    "panel_alternates": "候补人数",
    "recent_panel_months": "回避期：近几个月内评审过同一单位（月）",
    "training_months": "培训有效期（月）",
    "ranked_units": "参与\"大赶考\"排名的单位数（空：按同类单位数）",
    "language": "界面语言（zh_CN / en）",
    "county": "县（市、区）名称",
    "backup_keep": "自动备份保留份数（每天一份，0：不自动备份）",
    "report_layout": "文件版式（standard：通用版式；gbt9704：党政机关公文格式 GB/T 9704，3号仿宋正文）",
}
#: where the number of ranked units is changed, for the refusal of a rank beyond it (the GUI's path, and the command)
RANKED_UNITS_WHERE = "设置 → 评审小组与抽签 → 参与排名的单位数；命令行：handover settings set ranked_units 单位数"
#: settings that are whole numbers, with their allowed range
INT_RANGES: dict[str, tuple[int, int]] = {
    "panel_size": (1, 15),
    "panel_alternates": (0, 10),
    "recent_panel_months": (0, 120),
    "training_months": (1, 120),
    "ranked_units": (1, 10_000),
    "backup_keep": (0, 365),
}
LANGUAGES = ("zh_CN", "en")
#: the layouts a county can choose for its documents (docs/report.md)
LAYOUTS = ("standard", "gbt9704")
#: the longest text the report's head can hold on one line (a document number prefix is a few characters: 青组离审)
TEXT_LIMITS: dict[str, int] = {"issuing_body": 30, "doc_prefix": 10, "county": 20}


def is_placeholder(issuing_body: str) -> bool:
    """Whether this is still the shipped 中共××县委组织部 (or any name with ×× in it), not the county's own."""
    return PLACEHOLDER_MARK in issuing_body


def issuing_body_is_set(db: Database) -> bool:
    return not is_placeholder(get(db, "issuing_body"))


def get(db: Database, key: str) -> str:
    with db.session() as session:
        return get_in(session, key)


def get_in(session: Session, key: str) -> str:
    row = session.get(Setting, key)
    return row.value if row is not None else DEFAULTS.get(key, "")


def get_int(session: Session, key: str) -> int:
    """A whole-number setting; the default when it is unset."""
    value = get_in(session, key).strip()
    return int(value) if value.isdigit() else int(DEFAULTS[key])


def check(key: str, value: str) -> str:
    """The value as it will be stored, or a refusal naming the setting and the rule."""
    if key not in DEFAULTS:
        raise Refused(f"没有名为 “{key}” 的设置；可用的设置：{'、'.join(DEFAULTS)}")
    value = value.strip()
    label = LABELS[key]
    if key in INT_RANGES:
        low, high = INT_RANGES[key]
        if key == "ranked_units" and not value:
            return value
        if not value.isdigit() or not low <= int(value) <= high:
            raise Refused(f"{label}应为 {low} 至 {high} 之间的整数，收到 “{value}”")
        return str(int(value))
    if key == "language" and value not in LANGUAGES:
        raise Refused(f"{label}应为 {' 或 '.join(LANGUAGES)}，收到 “{value}”")
    if key == "report_layout" and value not in LAYOUTS:
        raise Refused(f"文件版式应为 {' 或 '.join(LAYOUTS)}，收到 “{value}”")
    if not value:
        raise Refused(f"{label}不能为空")
    if key in TEXT_LIMITS and len(value) > TEXT_LIMITS[key]:
        raise Refused(f"{label}过长：{len(value)}个字（不超过{TEXT_LIMITS[key]}个字）")
    return value


def set_value(db: Database, key: str, value: str) -> None:
    value = check(key, value)
    with db.session() as session:
        row = session.get(Setting, key)
        old = None if row is None else row.value
        if old == value:
            return
        if row is None:
            session.add(Setting(key=key, value=value))
        else:
            row.value = value
        audit.record(session, "setting.set", None, {"key": key, "old": old, "new": value})


def all_settings(db: Database) -> dict[str, str]:
    with db.session() as session:
        stored = {row.key: row.value for row in session.exec(select(Setting))}
    return {**DEFAULTS, **stored}


def recusal_periods_in(session: Session) -> recusal.Periods:
    """The periods the recusal rules use: how long a training counts, how long a recent panel excludes."""
    return recusal.Periods(
        get_int(session, "training_months"), get_int(session, "recent_panel_months")
    )
