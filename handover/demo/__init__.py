"""A sample county (青溪县, fictional) to try the application with: units, villages, a complete case and a half-filled one."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import select

from handover import catalogue
from handover.db import Database
from handover.demo import reviewers as demo_reviewers
from handover.demo.context import DemoContext
from handover.errors import Refused
from handover.models import Unit
from handover.services import cases, units
from handover.services.cases import ValueEdit
from handover.words import GRADES

UNITS: dict[str, tuple[str, list[str]]] = {
    "青溪街道": ("street", ["溪口社区", "南门社区", "桥头村", "柳岸村", "上塘村", "白沙村"]),
    "云岭镇": ("township", ["云岭村", "张家村", "东坞村", "包山村", "敦木村", "三溪村", "石桥村", "梅坑村", "岭根村", "下洋村"]),
    "石门乡": ("township", ["石门村", "高坪村", "黄泥岗村", "竹坞村", "坑口村", "岩下村", "外舍村"]),
    "桃源镇": ("township", ["桃源村", "杏林村", "大路村", "后垟村", "新屋村", "金坑村", "水碓村", "坪头村"]),
    "枫林街道": ("street", ["枫林社区", "红星社区", "长桥村", "湖边村", "西畈村"]),
    "县农业农村局": ("department", []),
}

#: values of the complete case (云岭镇): code → (start, end) or (start villages, end villages) for list indicators
COMPLETE: dict[str, tuple[object, object]] = {
    "ORG01": (["云岭村", "包山村"], ["云岭村", "包山村", "敦木村"]),
    "ORG02": (["梅坑村"], ["梅坑村"]),
    "ORG03": ("2", "1"),
    "ORG04": (["张家村", "东坞村"], ["张家村", "东坞村", "包山村"]),
    "ORG05": ("7", "10"),
    "ORG06": ("86.5", "97"),
    "ORG07": ("90", "100"),
    "ORG08": ("较好", "好"),
    "CAD01": (["云岭村", "三溪村"], ["云岭村", "三溪村"]),
    "CAD02": ("40", "90"),
    "CAD03": ("51.3", "46.8"),
    "CAD04": ("28.6", "52.4"),
    "CAD05": ("12", "21"),
    "CAD06": ("2", "0"),
    "CAD07": ("85", "100"),
    "CAD08": ("100", "100"),
    "MEM01": ("1186", "1243"),
    "MEM02": ("31", "46"),
    "MEM03": ("14.2", "17.9"),
    "MEM04": ("88", "96.5"),
    "MEM05": ("72", "93"),
    "MEM06": ("60", "100"),
    "MEM07": ("3", "1"),
    "MEM08": ("98.2", "100"),
    "ECO01": ("386.4", "712.85"),
    "ECO02": (["云岭村", "张家村"], ["云岭村", "张家村", "包山村", "东坞村"]),
    "ECO03": (["梅坑村", "岭根村", "下洋村"], ["梅坑村"]),
    "ECO04": ("8.6", "19.35"),
    "ECO05": ("70", "100"),
    "ECO06": ("80", "100"),
    "ECO07": ("2", "6"),
    "ECO08": ("215", "148.5"),
    "INN01": ("1", "3"),
    "INN02": ("1", "2"),
    "INN03": ("65", "100"),
    "INN04": ("0", "2"),
    "INN05": ("1", "2"),
    "INN06": ("55", "98"),
    "INN07": ("0", "2"),
    "INN08": ("85", "100"),
}

NOTES = {
    "ORG02": "梅坑村因村班子不团结列入后进整顿，届末仍未销号，建议接任书记首先走访。",
    "ECO01": "含2025年云岭村光伏项目分红86万元。",
}

COMMENT = (
    "林晓梅同志任职期间认真履行党建第一责任人职责，五星级村党组织由2个增至3个，全县党建“大赶考”排名从第2位升至第1位，"
    "集体经济薄弱村由3个减至1个，村级后备力量明显充实。后进村梅坑村整顿尚未销号，需接任书记持续跟进。"
)


def _edits(values: dict[str, tuple[object, object]]) -> list[ValueEdit]:
    edits = []
    for code, (start, end) in values.items():
        if isinstance(start, list) and isinstance(end, list):
            edits.append(ValueEdit(code, villages_start=start, villages_end=end, note=NOTES.get(code)))
        else:
            edits.append(ValueEdit(code, start=str(start), end=str(end), note=NOTES.get(code)))
    return edits


def load_demo(db: Database, *, force: bool = False) -> str:
    """Fill an empty database with the sample county; refuse on a database that already has units unless forced."""
    with db.session() as session:
        existing = session.exec(select(func.count()).select_from(Unit)).one()
    if existing and not force:
        raise Refused("数据库中已有单位数据；示例县只载入空数据库（如确需载入，请加 --force）")
    for name, (kind, villages) in UNITS.items():
        if force and any(u.name == name for u in units.list_units(db)):
            raise Refused(f"单位 “{name}” 已存在，不能重复载入示例县")
        units.add_unit(db, name, kind)
        for village in villages:
            units.add_village(db, name, village)
    ctx = DemoContext()
    ctx.complete_case = cases.create_case(
        db, cases.NewCase("云岭镇", "林晓梅", "周建国", "2021-09-01", "2026-08-20", "2026-08-24")
    )
    cases.apply_edits(db, ctx.complete_case, _edits(COMPLETE))
    cases.evaluate(db, ctx.complete_case, GRADES[0], COMMENT)
    ctx.half_case = cases.create_case(
        db, cases.NewCase("石门乡", "陈立新", "吴海燕", "2021-09-01", "2026-09-30", "2026-10-10")
    )
    half = {code: COMPLETE[code] for code in list(COMPLETE)[:20] if not isinstance(COMPLETE[code][0], list)}
    cases.apply_edits(db, ctx.half_case, _edits(half))
    demo_reviewers.load(db, ctx)
    cat = catalogue.load()
    lines = [
        f"已载入示例县（青溪县）：{len(UNITS)} 个单位，{sum(len(v) for _, v in UNITS.values())} 个村（社区）",
        f"案件 {ctx.complete_case}：云岭镇 林晓梅 → 周建国，{len(cat.indicators)}/{len(cat.indicators)} 项已完成，总体评价 优秀",
        f"案件 {ctx.half_case}：石门乡 陈立新 → 吴海燕，填写了一半",
        *ctx.lines,
    ]
    return "\n".join(lines)


