"""Handover cases (离任评审与交接): creation, indicator values, completeness, evaluation and submission to review."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from sqlmodel import Session, col, select

from handover import audit, settings, value_rules
from handover import catalogue as catalogue_mod
from handover.catalogue import Catalogue, Indicator
from handover.db import Database
from handover.errors import NotFound, Refused
from handover.models import HandoverCase, IndicatorValue, Unit, Village, utcnow
from handover.reading import lock_case, read_case, store_completeness, value_view
from handover.services import readiness
from handover.services.case_values import CaseValues, load_values
from handover.services.units import count_of_type, unit_by_name
from handover.services.value_batch import Batch, log_value_edit, replace_villages
from handover.views import OPEN_STATUSES, ValueView
from handover.words import GRADES


class _Unset:
    def __repr__(self) -> str:
        return "UNSET"


#: "leave this field as it is" in set_value (None means "clear it")
UNSET: Final = _Unset()

#: lengths a printed sheet can carry; longer is a paste of the wrong text
MAX_NA_REASON, MAX_NOTE, MAX_COMMENT = 200, 1000, 5000


def _not_longer(text: str | None, limit: int, what: str) -> None:
    if text is not None and len(text.strip()) > limit:
        raise Refused(f"{what}过长：{len(text.strip())}个字（不超过{limit}个字）")


def parse_date(text: str | date | None, what: str) -> date | None:
    return value_rules.parse_day(text, what)


@dataclass(frozen=True)
class NewCase:
    """What the new-case dialog and `handover case new` collect."""

    unit: str
    outgoing: str
    incoming: str
    term_start: date | str
    term_end: date | str
    handover_date: date | str | None = None


def check_new_case(session: Session, new: NewCase) -> tuple[Unit, date, date, date | None]:
    """All the rules for a new case; shared with the dialog so it can validate as the user types."""
    unit = unit_by_name(session, new.unit)
    outgoing = value_rules.check_name(new.outgoing, "离任书记姓名", 50)
    incoming = value_rules.check_name(new.incoming, "接任书记姓名", 50)
    if outgoing == incoming:
        raise Refused("离任书记与接任书记不能是同一人")
    start = parse_date(new.term_start, "届初日期")
    end = parse_date(new.term_end, "届末日期")
    if start is None or end is None:
        raise Refused("请填写届初和届末日期")
    if end <= start:
        raise Refused(f"届末日期（{end}）必须晚于届初日期（{start}）")
    handover = parse_date(new.handover_date, "交接日期")
    if handover is not None and handover < start:
        raise Refused(f"交接日期（{handover}）不能早于届初日期（{start}）")
    if handover is not None and handover > end + timedelta(days=366):
        raise Refused(f"交接日期（{handover}）比届末日期（{end}）晚一年以上，请核对")
    clash = session.exec(
        select(HandoverCase).where(
            HandoverCase.unit_id == unit.id,
            col(HandoverCase.status).in_(OPEN_STATUSES),
            HandoverCase.term_start < end,
            HandoverCase.term_end > start,
        )
    ).first()
    if clash is not None:
        raise Refused(
            f"“{unit.name}” 已有一个未签署的案件（编号 {clash.id}，任期 {clash.term_start} 至 {clash.term_end}）"
            "与该任期重叠；同一单位同一任期只能有一个进行中的案件"
        )
    return unit, start, end, handover


def validate_new_case(db: Database, new: NewCase) -> None:
    """Raise Refused with the first rule a new case breaks; for the dialog that validates as the user types."""
    with db.session() as session:
        check_new_case(session, new)


def create_case(db: Database, new: NewCase) -> int:
    """Create a draft case; indicators not applicable to the unit type are marked so with the catalogue's reason."""
    cat = catalogue_mod.load()
    with db.session() as session:
        unit, start, end, handover = check_new_case(session, new)
        row = HandoverCase(
            unit_id=unit.id,  # type: ignore[arg-type]
            outgoing=new.outgoing.strip(),
            incoming=new.incoming.strip(),
            term_start=start,
            term_end=end,
            handover_date=handover,
            catalogue_version=cat.version,
        )
        session.add(row)
        session.flush()
        assert row.id is not None
        audit.record(session, "case.create", row.id, {
            "unit": unit.name, "outgoing": row.outgoing, "incoming": row.incoming, "term_start": start,
            "term_end": end, "handover_date": handover,
        })  # fmt: skip
        for ind in cat.indicators:
            reason = ind.default_na_reason(unit.unit_type)
            if reason:
                session.add(IndicatorValue(case_id=row.id, code=ind.code, na_reason=reason))
        store_completeness(session, row.id)
        return row.id


def _editable(row: HandoverCase) -> None:
    if row.status == "signed":
        raise Refused(f"案件 {row.id} 已签署，不能再修改；如需更正请建立修订版本")


def rank_total(db: Database, unit_type: str) -> int:
    """N in "a rank lies in 1..N": the ranked_units setting, or the number of units of the same type."""
    with db.session() as session:
        return _rank_total(session, unit_type)


def _rank_total(session: Session, unit_type: str) -> int:
    if settings.get_in(session, "ranked_units").strip():
        return settings.get_int(session, "ranked_units")
    return max(count_of_type(session, unit_type), 1)


@dataclass(frozen=True)
class ValueEdit:
    """A change to one indicator. UNSET leaves a field alone, None clears it; `label` prefixes refusals (e.g. 第3行)."""

    code: str
    start: str | None | _Unset = UNSET
    end: str | None | _Unset = UNSET
    villages_start: Sequence[str] | None | _Unset = UNSET
    villages_end: Sequence[str] | None | _Unset = UNSET
    na_reason: str | None | _Unset = UNSET
    note: str | None | _Unset = UNSET
    label: str = ""


def set_value(
    db: Database,
    case_id: int,
    code: str,
    *,
    start: str | None | _Unset = UNSET,
    end: str | None | _Unset = UNSET,
    villages_start: Sequence[str] | None | _Unset = UNSET,
    villages_end: Sequence[str] | None | _Unset = UNSET,
    na_reason: str | None | _Unset = UNSET,
    note: str | None | _Unset = UNSET,
) -> ValueView:
    """Change one indicator of a case (see ValueEdit). All or nothing."""
    edit = ValueEdit(code, start, end, villages_start, villages_end, na_reason, note)
    return apply_edits(db, case_id, [edit])[0]


def apply_edits(db: Database, case_id: int, edits: Sequence[ValueEdit]) -> list[ValueView]:
    """Apply several edits in one transaction: every one is applied, or none is (the first refusal is raised)."""
    cat = catalogue_mod.load()
    with db.session() as session:
        row = lock_case(session, case_id)
        _editable(row)
        unit = session.get(Unit, row.unit_id)
        assert unit is not None
        rank_total = _rank_total(session, unit.unit_type)
        known = {name: vid for name, vid in session.exec(select(Village.name, Village.id).where(Village.unit_id == unit.id)) if vid}
        views, stored, batch = [], load_values(session, case_id), Batch()
        for edit in edits:
            try:
                views.append(_apply(session, cat, row, unit, edit, rank_total, known, stored, batch))
            except Refused as exc:
                if edit.label:
                    raise Refused(f"{edit.label}：{exc.message}") from None
                raise
        batch.finish(session)  # the audit entries in the order of the edits, as one `record` each would have
        row.updated_at = utcnow()
        store_completeness(session, case_id)
        return views


def _apply(
    session: Session,
    cat: Catalogue,
    row: HandoverCase,
    unit: Unit,
    edit: ValueEdit,
    rank_total: int,
    known_villages: dict[str, int],
    stored: CaseValues,
    batch: Batch | None = None,
) -> ValueView:
    """One edit of one indicator: parse what was typed, check it against the rules, store it and log what changed
    (now, or into `batch` for one append at the end)."""
    ind, value = _value_row(session, cat, row, edit.code, stored)
    named = stored.villages(value)
    before = _state(value, named)
    new_values = {"start": value.start_value, "end": value.end_value}
    new_villages = {"start": list(named["start"]), "end": list(named["end"])}
    for point in ("start", "end"):
        new_values[point], new_villages[point] = _parsed_point(
            ind, cat, point, edit, new_values[point], new_villages[point], rank_total
        )
        _check_named_villages(ind, unit, point, new_values[point], new_villages[point], known_villages)
    new_na = _checked_na_reason(row, ind, value, edit, new_values)
    village_ids = _village_ids(unit, ind, new_villages, known_villages)
    _store(session, ind, value, new_values, new_na, edit.note, village_ids, batch)
    after = _state(value, new_villages)
    stored.named[value.id] = new_villages  # type: ignore[index]  # stored: it has its id
    log_value_edit(session, batch, row.id, ind.code, before, after)
    return value_view(ind, cat, value, {p: tuple(v) for p, v in new_villages.items()})


def _value_row(session: Session, cat: Catalogue, row: HandoverCase, code: str, stored: CaseValues) -> tuple[Indicator, IndicatorValue]:
    """The indicator an edit names and the case's stored value of it (a new, empty one if there is none yet)."""
    wanted = code.strip().upper()
    if not cat.has(wanted):
        raise NotFound(f"没有代码为 “{code}” 的指标（可用 handover catalogue 查看）")
    ind = cat.indicator(wanted)
    value = stored.values.get(ind.code)
    if value is None:
        value = stored.values[ind.code] = IndicatorValue(case_id=row.id, code=ind.code)  # type: ignore[arg-type]
        session.add(value)
    return ind, value


def _parsed_point(
    ind: Indicator,
    cat: Catalogue,
    point: str,
    edit: ValueEdit,
    current: str | None,
    villages: list[str],
    rank_total: int,
) -> tuple[str | None, list[str]]:
    """The value and the villages of one point (届初 or 届末) once the edit is applied: what was typed, parsed."""
    given = edit.start if point == "start" else edit.end
    if isinstance(given, str) and not given.strip():
        given = None
    if not isinstance(given, _Unset):
        current = None if given is None else value_rules.parse_value(ind, point, given, grades=cat.grades, rank_total=rank_total)
    names = edit.villages_start if point == "start" else edit.villages_end
    if not isinstance(names, _Unset):
        if not ind.villages and names:
            raise Refused(f"{ind.code} {ind.name} 不列村名，不能填写村（社区）")
        villages = list(names or [])
        if isinstance(given, _Unset) and ind.villages:
            # the count follows the villages picked
            current = str(len(villages)) if names is not None else None
    return current, villages


def _check_named_villages(
    ind: Indicator, unit: Unit, point: str, count: str | None, names: list[str], known_villages: dict[str, int]
) -> None:
    """A count of villages needs villages to name: the unit must have some, and as many must be listed."""
    if not ind.villages:
        return
    if not known_villages and count not in (None, "0") and unit.unit_type == "department":
        raise Refused(
            f"{ind.code} {ind.name}（{value_rules.POINT_NAMES[point]}）：“{unit.name}” 是县级部门，没有下辖村（社区）；"
            "该指标应标记为不适用"
        )
    if not known_villages and count not in (None, "0"):
        raise Refused(
            f"{ind.code} {ind.name}（{value_rules.POINT_NAMES[point]}）：“{unit.name}” 还没有登记村（社区），"
            f"无法列出 {count} 个村；请先用 handover village add {unit.name} 村名 添加"
        )
    value_rules.check_villages(ind, point, count, names)


def _checked_na_reason(
    row: HandoverCase, ind: Indicator, value: IndicatorValue, edit: ValueEdit, new_values: dict[str, str | None]
) -> str | None:
    """The 不适用 reason once the edit is applied. Refuses an overlong reason or note, values alongside 不适用, and
    emptying a value of a case under review."""
    na_reason = edit.na_reason
    new_na = value.na_reason if isinstance(na_reason, _Unset) else value_rules.clean_text(na_reason or "", f"{ind.code} 的不适用理由") or None
    if not isinstance(na_reason, _Unset):
        _not_longer(new_na, MAX_NA_REASON, f"{ind.code} {ind.name} 的不适用理由")
    if not isinstance(edit.note, _Unset):
        _not_longer(edit.note, MAX_NOTE, f"{ind.code} {ind.name} 的备注")
    if new_na is not None and (new_values["start"] is not None or new_values["end"] is not None):
        if isinstance(na_reason, _Unset):
            raise Refused(f"{ind.code} {ind.name} 已标记为不适用（{new_na}）；请先取消“不适用”再填写数值")
        raise Refused(f"{ind.code} {ind.name}：标记为不适用时不能同时填写届初、届末数值")
    if row.status == "review" and new_na is None and (new_values["start"] is None or new_values["end"] is None):
        raise Refused(f"案件 {row.id} 正在评审中，{ind.code} {ind.name} 的届初、届末值不能清空")
    return new_na


def _store(
    session: Session,
    ind: Indicator,
    value: IndicatorValue,
    new_values: dict[str, str | None],
    new_na: str | None,
    note: str | None | _Unset,
    village_ids: dict[str, list[int]],
    batch: Batch | None,
) -> None:
    """Write the checked value, and replace the villages it names (now, or at the end of `batch`)."""
    value.start_value = new_values["start"]
    value.end_value = new_values["end"]
    value.na_reason = new_na
    if not isinstance(note, _Unset):
        value.note = value_rules.clean_text(note or "", f"{ind.code} 的备注") or None
    value.updated_at = utcnow()
    if batch is None or value.id is None:  # a new value needs its id now
        session.flush()
    if ind.villages:
        assert value.id is not None
        replace_villages(session, batch, value.id, village_ids)


def _state(value: IndicatorValue, named: dict[str, list[str]]) -> dict[str, object]:
    """One indicator's stored fields, for the audit log's old and new values."""
    return {
        "start": value.start_value, "end": value.end_value, "na_reason": value.na_reason, "note": value.note,
        "villages_start": list(named["start"]), "villages_end": list(named["end"]),
    }  # fmt: skip


def _village_ids(
    unit: Unit, ind: Indicator, names: dict[str, list[str]], known: dict[str, int]
) -> dict[str, list[int]]:
    if not ind.villages:
        return {}
    result: dict[str, list[int]] = {}
    for point, point_names in names.items():
        if len(set(point_names)) != len(point_names):
            raise Refused(f"{ind.code} {ind.name}（{value_rules.POINT_NAMES[point]}）：同一个村列出了两次")
        unknown = [n for n in point_names if n not in known]
        if unknown:
            # a sheet for the wrong township names dozens: the first few say enough
            shown = "、".join(unknown[:5]) + (f" 等{len(unknown)}个" if len(unknown) > 5 else "")
            raise Refused(
                f"{ind.code} {ind.name}（{value_rules.POINT_NAMES[point]}）：“{shown}” 不是 “{unit.name}” 的村（社区）；"
                "请先用 handover village add 添加，或检查村名（是否导入到了别的案件）"
            )
        result[point] = [known[n] for n in point_names]
    return result


def evaluate(db: Database, case_id: int, grade: str, comment: str) -> None:
    """The overall evaluation (总体评价) written by the organisation department."""
    grade = grade.strip()
    if grade not in GRADES:
        raise Refused(f"总体评价等次应为 {'、'.join(GRADES)} 之一，收到 “{grade}”")
    comment = value_rules.clean_text(comment, "总体评价的文字评语")
    if len(comment) < 10:
        raise Refused("总体评价的文字评语不能少于10个字")
    _not_longer(comment, MAX_COMMENT, "总体评价的文字评语")
    with db.session() as session:
        row = lock_case(session, case_id)
        _editable(row)
        if (row.evaluation_grade, row.evaluation_comment) != (grade, comment):
            audit.record(session, "case.evaluate", case_id, {
                "old": {"grade": row.evaluation_grade, "comment": row.evaluation_comment},
                "new": {"grade": grade, "comment": comment},
            })  # fmt: skip
        row.evaluation_grade = grade
        row.evaluation_comment = comment
        row.updated_at = utcnow()


def submit(db: Database, case_id: int) -> None:
    """Send a complete draft to review (草稿 → 评审中)."""
    with db.session() as session:
        row = lock_case(session, case_id)
        detail = read_case(session, case_id)
        if detail.summary.status != "draft":
            raise Refused(f"案件 {case_id} 的状态是“{detail.summary.status_label}”，只有草稿可以提交评审")
        readiness.refuse_unready(detail)  # every indicator, the panel drawn, the evaluation: the steps in order
        row.status = "review"
        row.updated_at = utcnow()
        audit.record(session, "case.status", case_id, {"old": "draft", "new": "review"})
