"""Everything a printed document shows, as plain data (`ReportData`), gathered from the database by `gather`.

The layout code never touches the database: it gets a ReportData. Later steps add to it without changing the layout
code: the draw (issue 3) fills `panel` and `draws`; signing (issue 6) puts images into `signatures`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime

from handover import audit, reading, settings, value_rules, words
from handover import catalogue as catalogue_mod
from handover.db import Database
from handover.draw import service as draw_service
from handover.draw.views import DrawView
from handover.signoff import fingerprint as canonical
from handover.signoff import revisions
from handover.signoff.fingerprint import Panel, PanelMember
from handover.signoff.slots import SignatureSlot, signed_slots
from handover.views import CaseDetail, ValueView

#: the parts that can be printed on their own
PARTS = ("report", "sheet", "draw", "all", "meeting")


@dataclass(frozen=True)
class Exclusion:
    """A reviewer left out of the draw (回避或不符合条件) and why."""

    name: str
    reason: str


@dataclass(frozen=True)
class Replacement:
    """A member who could not serve, replaced by the next alternate (候补)."""

    replaced: str
    replacement: str
    reason: str
    at: str = ""


@dataclass(frozen=True)
class DrawRecord:
    """One draw attempt (抽签记录), as stored, with what is needed to recompute it from paper."""

    draw_id: str
    drawn_at: str
    operator: str
    pool_size: int
    pool_hash: str
    seed: str
    algorithm: str
    members: tuple[PanelMember, ...]
    alternates: tuple[str, ...] = ()
    excluded: tuple[Exclusion, ...] = ()
    replacements: tuple[Replacement, ...] = ()
    witness_entropy: str | None = None
    reason: str | None = None  # why this draw repeats an earlier one
    verified: bool | None = None  # the recomputation matched (None: not checked)
    attempt: int = 1
    draw_date: str = ""
    os_entropy: str = ""
    record_hash: str = ""
    superseded: bool = False  # a later attempt for the same case replaced this one
    commitment: str | None = None  # SHA-256 of os_entropy, printed on the draw notice before the witness spoke
    public: str | None = None  # the announced public source and its value (RFC 3797 style), if any


@dataclass(frozen=True)
class RevisionMark:
    """A revision (修订版本) of a signed case, printed under each title so the paper is never taken for the original."""

    version: int  # 2 for the first revision of a case, 3 for a revision of that, ...
    revises: int  # the case it corrects
    revises_signed: bool
    reason: str

    @property
    def label(self) -> str:
        return f"修订版（第{self.version}版，原案件 {self.revises} {words.STATUSES['signed'] if self.revises_signed else '未签署'}）"


@dataclass(frozen=True)
class ReportData:
    """The input of the renderer: the case with its 40 values, the settings it prints, panel and draws (optional)."""

    case: CaseDetail
    areas: tuple[tuple[str, str], ...]  # (code, name) of the five areas, in order
    issuing_body: str
    doc_number: str  # 文号 printed under the red head, e.g. 组离审〔2026〕1号
    document_id: str  # ASCII id in the QR code and the PDF metadata
    canonical: bytes  # canonical serialisation of the case (see handover/signoff/fingerprint.py)
    fingerprint: str  # SHA-256 of `canonical`, hex
    signatures: tuple[SignatureSlot, ...]
    panel: Panel | None = None
    draws: tuple[DrawRecord, ...] = ()
    supervisor: str = ""  # 监交人 (the organisation department's supervisor), blank when unknown
    generated_on: date = field(default_factory=date.today)
    audit_head: str = ""  # hash of the newest audit-log entry when the document was made (printed on every page)
    revision: RevisionMark | None = None  # set when the case corrects a signed one
    layout: str = "standard"  # settings.LAYOUTS: the county's choice of look (docs/report.md)

    @property
    def document_date(self) -> date:
        """The one date of the document (成文日期, under the issuing body and at the seal): the handover date once it is
        set, else the day it was printed (docs/report.md). Signatures carry the dates their signers gave."""
        return self.case.summary.handover_date or self.generated_on

    @property
    def short_fingerprint(self) -> str:
        return canonical.short(self.fingerprint)

    @property
    def qr_payload(self) -> str:
        return qr_payload(self.document_id, self.case.id, self.fingerprint)

    def values_of(self, area_code: str) -> tuple[ValueView, ...]:
        return tuple(v for v in self.case.values if v.area_code == area_code)

    def with_signature(self, slot: SignatureSlot) -> ReportData:
        """A copy with `slot` in place of the slot of the same role and name (or added when there is none)."""
        slots = list(self.signatures)
        for i, old in enumerate(slots):
            if old.role == slot.role and (old.name == slot.name or not old.name):
                slots[i] = slot
                break
        else:
            slots.append(slot)
        return replace(self, signatures=tuple(slots))


QR_PREFIX = "handover:1"


def qr_payload(document_id: str, case_id: int, fingerprint: str) -> str:
    """The text in the QR code: ASCII only, so any scanner (also one that types like a keyboard) reads it unchanged."""
    return f"{QR_PREFIX};doc={document_id};case={case_id};sha256={fingerprint}"


def parse_qr_payload(text: str) -> dict[str, str]:
    """The fields of a QR payload; raises ValueError when the text is not one."""
    parts = text.strip().split(";")
    if not parts or parts[0] != QR_PREFIX:
        raise ValueError("不是本系统生成的二维码内容")
    fields = dict(p.split("=", 1) for p in parts[1:] if "=" in p)
    if not {"doc", "case", "sha256"} <= fields.keys():
        raise ValueError("二维码内容不完整")
    return fields


def document_number(prefix: str, year: int, case_id: int) -> str:
    return f"{prefix}〔{year}〕{case_id}号"


def document_id(case_id: int, fingerprint: str) -> str:
    """One id per case and content version: a changed case is a different document."""
    return f"HO-{case_id:06d}-{fingerprint[:8].upper()}"


def default_signatures(detail: CaseDetail, panel: Panel | None, supervisor: str = "") -> tuple[SignatureSlot, ...]:
    """Who signs: both secretaries, the supervisor, the panel leader and each member (blank lines without a panel)."""
    s = detail.summary
    slots = [
        SignatureSlot("outgoing", s.outgoing),
        SignatureSlot("incoming", s.incoming),
        SignatureSlot("supervisor", supervisor),
    ]
    if panel is None:
        slots += [SignatureSlot("leader"), SignatureSlot("member"), SignatureSlot("member")]
    else:
        leader = panel.leader
        slots.append(SignatureSlot("leader", leader.name if leader else ""))
        slots += [SignatureSlot("member", m.name) for m in panel.ordinary]
    return tuple(slots)


def local_time(moment: datetime) -> str:
    """A stored UTC time as the office PC's local time (Beijing time in practice), with its offset."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    local = aware.astimezone()
    offset = local.strftime("%z")
    return f"{local:%Y-%m-%d %H:%M:%S}（UTC{offset[:3]}:{offset[3:]}）"


def _draw_record(view: DrawView, verified: bool) -> DrawRecord:
    return DrawRecord(
        draw_id=str(view.id),
        drawn_at=local_time(view.created_at),
        operator=view.operator,
        pool_size=view.eligible_count,
        pool_hash=view.pool_hash,
        seed=view.seed,
        algorithm=view.algorithm,
        members=tuple(PanelMember(m.name, m.role, m.organization) for m in view.members),
        alternates=tuple(m.name for m in view.alternates),
        excluded=tuple(Exclusion(e.name, e.reason) for e in view.excluded),
        replacements=tuple(
            Replacement(r.replaced.name, r.replacement.name, r.reason, local_time(r.created_at)[:16])
            for r in view.replacements
        ),
        witness_entropy=view.witness or None,
        reason=view.reason,
        verified=verified,
        attempt=view.attempt,
        draw_date=view.draw_date.isoformat(),
        os_entropy=view.os_entropy,
        record_hash=view.record_hash,
        superseded=view.superseded,
        commitment=view.commitment,
        public=f"{view.public_source}：{view.public_value}" if view.public_source else None,
    )


def draw_part(db: Database, case_id: int) -> tuple[Panel | None, tuple[DrawRecord, ...]]:
    """The panel in force (the latest draw, replacements applied) and every draw attempt, each re-verified."""
    views = draw_service.list_draws(db, case_id)
    if not views:
        return None, ()
    records = tuple(_draw_record(v, draw_service.verify(db, v.id).ok) for v in views)
    return canonical.panel_of(views[-1]), records


def assemble(
    detail: CaseDetail,
    *,
    issuing_body: str,
    doc_prefix: str,
    panel: Panel | None = None,
    draws: Sequence[DrawRecord] = (),
    supervisor: str = "",
    generated_on: date | None = None,
) -> ReportData:
    """A ReportData from a case and its parts, computing the canonical content and fingerprint."""
    cat = catalogue_mod.load()
    data = canonical.serialise(canonical.content(detail, panel))
    fp = canonical.fingerprint_of(data)
    s = detail.summary
    year = (s.handover_date or s.term_end).year
    return ReportData(
        case=detail,
        areas=tuple((a.code, a.name) for a in cat.areas),
        issuing_body=issuing_body,
        doc_number=document_number(doc_prefix, year, s.id),
        document_id=document_id(s.id, fp),
        canonical=data,
        fingerprint=fp,
        signatures=default_signatures(detail, panel, supervisor),
        panel=panel,
        draws=tuple(draws),
        supervisor=supervisor,
        generated_on=generated_on or date.today(),
    )


def gather(
    db: Database, case_id: int, *, supervisor: str | None = None, generated_on: date | None = None
) -> ReportData:
    """Everything the documents of one case show, read in a few queries; `supervisor` is the 监交人 to print.

    The signatures given on the current content come with their names, dates and ink, and the head of the audit log
    is printed on every page."""

    detail = reading.get_case(db, case_id)
    conf = settings.all_settings(db)
    frozen = printed_at_lock(db, case_id) if detail.summary.status == "signed" else {}
    panel, draws = draw_part(db, case_id)
    data = assemble(
        detail,
        issuing_body=frozen.get("issuing_body", conf["issuing_body"]),
        doc_prefix=frozen.get("doc_prefix", conf["doc_prefix"]),
        panel=panel,
        draws=draws,
        supervisor=value_rules.check_name(supervisor, "监交人姓名", 50) if supervisor and supervisor.strip() else "",
        generated_on=date.fromisoformat(frozen["generated_on"]) if "generated_on" in frozen else generated_on,
    )
    for slot in signed_slots(db, case_id, data.fingerprint):
        data = data.with_signature(slot)
    layout = conf["report_layout"] if conf["report_layout"] in settings.LAYOUTS else "standard"
    return replace(data, audit_head=audit.head(db)[1], revision=revision_mark(db, case_id), layout=layout)


def printed_at_lock(db: Database, case_id: int) -> dict[str, str]:
    """What a signed case printed besides its content when it locked (issuing body, document number prefix, date),
    kept in the log entry of the lock: a signed case's documents show what was signed, not today's settings. Empty for
    a case locked before this was kept."""
    locks = [e for e in audit.entries(db, case_id) if e.action == "case.status" and e.details.get("new") == "signed"]
    printed = locks[-1].details.get("printed") if locks else None
    return {k: str(v) for k, v in printed.items()} if isinstance(printed, dict) else {}


def revision_mark(db: Database, case_id: int) -> RevisionMark | None:
    """The mark of a revision: which version it is (following the links back to the first case) and what it corrects."""
    chain = revisions.revision_chain(db, case_id)
    if not chain:
        return None
    first = chain[0]
    return RevisionMark(len(chain) + 1, first.revises, first.revises_signed, first.reason)
