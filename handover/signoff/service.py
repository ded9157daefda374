"""Signing off a case (签字确认) and the lock that follows, and revisions (修订版本) that correct a signed case.

Who must sign: the outgoing secretary (离任领导干部), the incoming secretary (接任领导干部) and the organisation department's
supervisor (监交人). When all three have signed the current content the case becomes "signed" and is locked. The panel
leader (组长) and members (成员) may sign too; their signatures are recorded and printed but do not hold up the lock,
because a panel member missing from the handover meeting must not block the handover. Since they often sign last, they
may still sign after the lock: appended, on the signed content, once each (migration 0005 lets only that through).

Each signature is bound to the case's content fingerprint at that moment (handover/signoff/fingerprint.py, the one
printed on the documents). A signature made
before the content changed no longer counts: the signer must sign again. The fingerprint is computed under the case
lock that every edit takes first (reading.lock_case), so it is the content as committed when the signature is.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from handover import audit, checkpoints, reading, settings, signed_names, value_rules, words
from handover.db import Database
from handover.draw import service as draws
from handover.errors import NotFound, Refused
from handover.identity import current_user
from handover.models import HandoverCase, utcnow
from handover.signoff import fingerprint as content
from handover.signoff.ink import Ink, Strokes, check_png, parse_strokes
from handover.signoff.models import CaseRevision, Signature

ROLES = words.SIGNER_ROLES  # the signer vocabulary, by role code
REQUIRED_ROLES = ("outgoing", "incoming", "supervisor")
#: the drawn panel's places: they do not hold up the lock, and may still sign after it
PANEL_ROLES = ("leader", "member")


@dataclass(frozen=True)
class SignatureView:
    """One signature as recorded; `current` is False when the case changed after it was given."""

    id: int
    case_id: int
    role: str
    role_label: str
    name: str
    signed_at: datetime
    fingerprint: str
    current: bool
    has_strokes: bool
    has_image: bool
    recorded_by: str


@dataclass(frozen=True)
class SignOffStatus:
    """Where a case stands: its fingerprint now, every signature, the required roles still missing, the revision links."""

    case_id: int
    status: str
    fingerprint: str
    signatures: tuple[SignatureView, ...]
    missing: tuple[str, ...]
    locked: bool
    revises: int | None = None
    revision_reason: str | None = None
    revised_by: tuple[int, ...] = ()

    @property
    def missing_labels(self) -> tuple[str, ...]:
        return tuple(ROLES[r] for r in self.missing)

    def current(self) -> tuple[SignatureView, ...]:
        """The signatures that count: the newest per role (per name for members) made on the current content."""
        newest: dict[tuple[str, str], SignatureView] = {}
        for sig in self.signatures:
            newest[(sig.role, sig.name if sig.role == "member" else "")] = sig
        return tuple(s for s in newest.values() if s.current)


def _view(row: Signature, fingerprint: str) -> SignatureView:
    assert row.id is not None
    return SignatureView(
        row.id, row.case_id, row.role, ROLES.get(row.role, row.role), row.name, row.signed_at, row.fingerprint,
        row.fingerprint == fingerprint, row.strokes is not None, row.image is not None, row.recorded_by,
    )  # fmt: skip


def _case(session: Session, case_id: int) -> HandoverCase:
    row = session.get(HandoverCase, case_id)
    if row is None:
        raise NotFound(f"没有编号为 {case_id} 的案件（可用 handover case list 查看）")
    return row


def _status_in(session: Session, row: HandoverCase, fingerprint: str) -> SignOffStatus:
    assert row.id is not None
    sigs = tuple(
        _view(s, fingerprint)
        for s in session.exec(select(Signature).where(Signature.case_id == row.id).order_by(col(Signature.id)))
    )
    link = session.get(CaseRevision, row.id)
    later = tuple(
        session.exec(select(CaseRevision.case_id).where(CaseRevision.revises_id == row.id).order_by(col(CaseRevision.case_id)))
    )
    signed_roles = {s.role for s in sigs if s.current}
    missing = tuple(r for r in REQUIRED_ROLES if r not in signed_roles)
    return SignOffStatus(
        case_id=row.id,
        status=row.status,
        fingerprint=fingerprint,
        signatures=sigs,
        missing=missing,
        locked=row.status == "signed",
        revises=link.revises_id if link else None,
        revision_reason=link.reason if link else None,
        revised_by=later,
    )


def fingerprint(db: Database, case_id: int) -> str:
    """The case's content fingerprint now: the one printed on its documents (handover/signoff/fingerprint.py)."""
    return content.of_case(db, case_id)


def status(db: Database, case_id: int) -> SignOffStatus:
    current = fingerprint(db, case_id)
    with db.session() as session:
        return _status_in(session, _case(session, case_id), current)


def sign(
    db: Database, case_id: int, role: str, name: str, *, strokes: Strokes | str | None = None, png: bytes | None = None,
    key: checkpoints.SigningKey | None = None,
) -> SignOffStatus:
    """Record one signature on the case as it is now; the last required one signs and locks the case (and, given the
    organisation `key`, adds a checkpoint to the log)."""
    if role not in ROLES:
        raise Refused(f"签字角色应为 {'、'.join(f'{k}（{v}）' for k, v in ROLES.items())} 之一，收到 “{role}”")
    name = name.strip()
    if not name:
        raise Refused("请填写签字人姓名")
    if len(name) > 50:
        raise Refused("签字人姓名过长（最多50个字）")
    name = value_rules.check_name(name, f"{ROLES[role]}姓名", 50)
    if strokes is not None and png is not None:
        raise Refused("签名只能是笔迹或图片之一")
    if isinstance(strokes, str):
        strokes = parse_strokes(strokes)
    if png is not None:
        png = check_png(png)
    with db.session() as session:
        row = reading.lock_case(session, case_id)
        # read under the lock: no edit can be committed between this and the signature bound to it
        fp = content.of_case_in(session, case_id)
        after_lock = row.status == "signed"
        if after_lock:
            _check_after_lock(session, _status_in(session, row, fp), role, name)
        elif row.status != "review":
            raise Refused(f"案件 {case_id} 还是草稿：请先完成全部指标并提交评审（handover case submit {case_id}），再签字")
        expected = {"outgoing": row.outgoing, "incoming": row.incoming}.get(role)
        if expected is not None and name != expected:
            raise Refused(f"{ROLES[role]}应为本案记录的 “{expected}”，“{name}” 不能以此身份签字")
        _check_panel(session, case_id, role, name, prefix=f"案件 {case_id} {words.STATUSES['signed']}：" if after_lock else "")
        signature = Signature(
            case_id=case_id, role=role, name=name, fingerprint=fp,
            strokes=strokes.to_json() if strokes is not None else None,
            image=png, image_sha256=hashlib.sha256(png).hexdigest() if png is not None else None,
            recorded_by=current_user(),
        )  # fmt: skip
        session.add(signature)
        session.flush()
        ink = "strokes" if strokes is not None else "image" if png is not None else "paper"
        details = {
            "signature_id": signature.id, "role": role, "name": name, "fingerprint": fp, "ink": ink,
            "ink_sha256": hashlib.sha256(signature.strokes.encode() if signature.strokes else png or b"").hexdigest(),
        }  # fmt: skip
        if after_lock:
            details["after_lock"] = True
        audit.record(session, "signature.add", case_id, details)
        result = _status_in(session, row, fp)
        return _lock(session, row, fp, key) if not result.locked and not result.missing else result


def _lock(session: Session, row: HandoverCase, fp: str, key: checkpoints.SigningKey | None) -> SignOffStatus:
    """The last required signature signs and locks the case; with the organisation key at hand, the log gets a
    checkpoint in the same transaction, so the lock cannot later be forged or rewritten without that key."""
    assert row.id is not None
    signed_names.freeze(session, row.id, row.unit_id)  # a later rename of the unit or a village leaves this record
    row.status = "signed"
    row.updated_at = utcnow()
    session.flush()
    audit.record(session, "case.status", row.id, {
        "old": "review", "new": "signed", "fingerprint": fp, "printed": printed_at_lock(session),
    })  # fmt: skip
    if key is not None:
        checkpoints.add_in(session, key, row.id)
    return _status_in(session, row, fp)


def printed_at_lock(session: Session) -> dict[str, str]:
    """What a signed case's documents print besides its content, frozen when it locks: the settings of that moment
    and the date, so a reprint after `settings set issuing_body` still shows what was signed."""
    return {
        "issuing_body": settings.get_in(session, "issuing_body"), "doc_prefix": settings.get_in(session, "doc_prefix"),
        "generated_on": date.today().isoformat(),
    }  # fmt: skip


@dataclass(frozen=True)
class Signer:
    """One signature place for a pad in the GUI: the role, the expected name (blank when anyone may sign), whether the
    lock waits for it, the signature already given on the current content, if any, and whether a signature can be
    given there now (the case is in review; or it is signed and this is a panel place not signed yet)."""

    role: str
    role_label: str
    name: str
    required: bool
    signature: SignatureView | None
    open: bool = True


def signers(db: Database, case_id: int) -> tuple[Signer, ...]:
    """Who signs this case, in the order of the signature page: both secretaries, the supervisor, the drawn panel."""
    current = status(db, case_id)
    detail = reading.get_case(db, case_id)
    drawn = draws.current_draw(db, case_id)
    places = [("outgoing", detail.summary.outgoing), ("incoming", detail.summary.incoming), ("supervisor", "")]
    if drawn is not None:
        places += [(m.role if m.role == "leader" else "member", m.name) for m in drawn.panel]
    given = list(current.current())
    out = []
    for role, name in places:
        match = next((g for g in given if g.role == role and (not name or g.name == name)), None)
        if match is not None:
            given.remove(match)
        if current.locked:
            can_sign = role in PANEL_ROLES and drawn is not None and match is None
        else:
            can_sign = current.status == "review"
        out.append(Signer(role, ROLES[role], name or (match.name if match else ""), role in REQUIRED_ROLES, match, can_sign))
    return tuple(out)


def _check_after_lock(session: Session, current: SignOffStatus, role: str, name: str) -> None:
    """A signed case takes one more kind of signature: the drawn panel's leader or a member who has not signed yet,
    on the content that was signed (panel members often sign last). The database checks the same (migration 0005)."""
    case_id = current.case_id
    if role not in PANEL_ROLES:
        raise Refused(
            f"案件 {case_id} 已签署并锁定，{ROLES[role]}不能再签字"
            f"（签署后只有抽签产生的{ROLES['leader']}、{words.PANEL_PLACES['member']}可以补签）；"
            "如需更正请建立修订版本（handover case revise）"
        )
    locked_on = {s.fingerprint for s in current.current() if s.role in REQUIRED_ROLES}
    if locked_on != {current.fingerprint}:
        raise Refused(
            f"案件 {case_id} 已签署，但现在的内容指纹与签署时的不一致，不能补签；请用 handover verify 核对签署的文件"
        )
    if draws.current_draw_in(session, case_id) is None:
        raise Refused(f"案件 {case_id} 已签署，且没有抽签产生的评审小组，签署后不能再补签评审小组的签字")
    for sig in current.current():
        if sig.role == role and (role == "leader" or sig.name == name):
            raise Refused(
                f"案件 {case_id} {words.STATUSES['signed']}：{sig.name} 已经以{ROLES[role]}身份签字（{sig.signed_at:%Y-%m-%d}），不能重复签字"
            )


def _check_panel(session: Session, case_id: int, role: str, name: str, *, prefix: str = "") -> None:
    """Once the panel is drawn, only its leader signs as leader and only its members as members."""
    if role not in PANEL_ROLES:
        return
    drawn = draws.current_draw_in(session, case_id)
    if drawn is None:
        return
    allowed = [m.name for m in drawn.panel if (m.role == "leader") == (role == "leader")]
    if name not in allowed:
        raise Refused(
            f"{prefix}“{name}” 不是抽签产生的{ROLES[role]}（抽签记录 {drawn.id}：{'、'.join(allowed) or '无'}），不能以此身份签字"
        )


def ink(db: Database, signature_id: int) -> Ink:
    """The strokes or image of a signature, for drawing it into a PDF or a pad."""
    with db.session() as session:
        row = session.get(Signature, signature_id)
        if row is None:
            raise NotFound(f"没有编号为 {signature_id} 的签字")
        return Ink(parse_strokes(row.strokes) if row.strokes else None, row.image)


