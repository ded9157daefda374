"""Revisions (修订版本): a signed case stays as it is; a correction is a new draft linked to it, needing its own signatures."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import insert
from sqlmodel import Session, col, select

from handover import audit, reading, value_rules
from handover.db import Database
from handover.errors import Refused
from handover.identity import current_user
from handover.models import HandoverCase, IndicatorValue, NamedVillage
from handover.signoff.models import CaseRevision
from handover.views import OPEN_STATUSES


def lock_notice(case_id: int) -> str:
    """What the last required signature locks and what a correction then needs (the CLI prints it after the lock)."""
    return (
        f"案件 {case_id} 签字已齐，已签署并锁定：指标数值、村（社区）名单、总体评价和评审小组均变为只读，"
        "交接文书的内容已固定（内容指纹不再变化）。"
        f"如需更正，须建立修订版本（handover case revise {case_id} --reason 理由），修订版本须重新提交评审并重新签字。"
    )


@dataclass(frozen=True)
class RevisionLink:
    """A revision's link to the case it corrects (修订版本 → 原案件)."""

    case_id: int
    revises: int
    revises_signed: bool
    reason: str


def revision_chain(db: Database, case_id: int) -> tuple[RevisionLink, ...]:
    """The links from this case back to the first version: empty for an original, one link for a first revision."""
    links: list[RevisionLink] = []
    with db.session() as session:
        current: int | None = case_id
        while current is not None and len(links) < 1000:
            link = session.get(CaseRevision, current)
            if link is None:
                break
            earlier = session.get(HandoverCase, link.revises_id)
            signed = earlier is not None and earlier.status == "signed"
            links.append(RevisionLink(current, link.revises_id, signed, link.reason))
            current = link.revises_id
    return tuple(links)


def revise(db: Database, case_id: int, reason: str) -> int:
    """A new draft copying the signed case, linked to it; the signed case stays as it is. Returns the new case id."""
    reason = value_rules.clean_text(reason, "修订理由")
    if len(reason) < 4:
        raise Refused("请写明修订理由（不少于4个字）")
    with db.session() as session:
        old = reading.lock_case(session, case_id)  # two revisions at once would both find no open revision
        if old.status != "signed":
            raise Refused(f"案件 {case_id} 尚未签署，可直接修改，无需建立修订版本")
        open_revision = session.exec(
            select(HandoverCase.id)
            .join(CaseRevision, col(CaseRevision.case_id) == HandoverCase.id)
            .where(CaseRevision.revises_id == case_id, col(HandoverCase.status).in_(OPEN_STATUSES))
        ).first()
        if open_revision is not None:
            raise Refused(f"案件 {case_id} 已有一个未签署的修订版本（编号 {open_revision}），请在该版本上修改")
        new = HandoverCase(
            unit_id=old.unit_id, outgoing=old.outgoing, incoming=old.incoming, term_start=old.term_start,
            term_end=old.term_end, handover_date=old.handover_date, catalogue_version=old.catalogue_version,
            evaluation_grade=old.evaluation_grade, evaluation_comment=old.evaluation_comment,
        )  # fmt: skip
        session.add(new)
        session.flush()
        assert new.id is not None
        _copy_values(session, case_id, new.id)
        reading.store_completeness(session, new.id)
        session.add(CaseRevision(case_id=new.id, revises_id=case_id, reason=reason, created_by=current_user()))
        audit.record(session, "case.revise", new.id, {"revises": case_id, "reason": reason})
        return new.id


def _copy_values(session: Session, from_case: int, to_case: int) -> None:
    values = list(session.exec(select(IndicatorValue).where(IndicatorValue.case_id == from_case)))
    named = list(
        session.exec(
            select(NamedVillage)
            .join(IndicatorValue, col(IndicatorValue.id) == NamedVillage.value_id)
            .where(IndicatorValue.case_id == from_case)
        )
    )
    new_ids: dict[int | None, int | None] = {}
    for value in values:
        copy = IndicatorValue(
            case_id=to_case, code=value.code, start_value=value.start_value, end_value=value.end_value,
            na_reason=value.na_reason, note=value.note,
        )  # fmt: skip
        session.add(copy)
        session.flush()
        new_ids[value.id] = copy.id
    if named:
        session.execute(
            insert(NamedVillage),
            [
                {"value_id": new_ids[n.value_id], "point": n.point, "village_id": n.village_id, "position": n.position}
                for n in named
            ],
        )
