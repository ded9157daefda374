"""The stored tables (SQLModel). Widgets never see these: services hand out the plain views in `views.py`."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Column, ForeignKey, Index, Integer, LargeBinary, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


class Unit(SQLModel, table=True):
    """A township, street or county department whose secretary changes (单位)."""

    __tablename__ = "unit"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True, unique=True, max_length=100)
    unit_type: str = Field(max_length=20)
    created_at: datetime = Field(default_factory=utcnow)


class Village(SQLModel, table=True):
    """A village or community (村（社区）) under a unit."""

    __tablename__ = "village"
    __table_args__ = (UniqueConstraint("unit_id", "name", name="uq_village_unit_name"),)
    id: int | None = Field(default=None, primary_key=True)
    unit_id: int = Field(sa_column=Column(Integer, ForeignKey("unit.id", ondelete="CASCADE"), nullable=False, index=True))
    name: str = Field(max_length=100)


class HandoverCase(SQLModel, table=True):
    """One departure review and handover (离任评审与交接) of a unit's secretary."""

    __tablename__ = "handover_case"
    #: the case list's filters and sorts (migration 0007)
    __table_args__ = (
        Index("ix_handover_case_status_id", "status", "id"),
        Index("ix_handover_case_term_end", "term_end"),
        Index("ix_handover_case_outgoing", "outgoing"),
        Index("ix_handover_case_incoming", "incoming"),
    )
    id: int | None = Field(default=None, primary_key=True)
    unit_id: int = Field(sa_column=Column(Integer, ForeignKey("unit.id"), nullable=False, index=True))
    outgoing: str = Field(max_length=50)
    incoming: str = Field(max_length=50)
    term_start: date
    term_end: date
    handover_date: date | None = None
    status: str = Field(default="draft", max_length=20, index=True)
    catalogue_version: str = Field(max_length=20)
    evaluation_grade: str | None = Field(default=None, max_length=10)
    evaluation_comment: str | None = None
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    #: how many indicators are complete (migration 0007): kept by reading.store_completeness in each edit's transaction
    done_count: int = Field(default=0, sa_column_kwargs={"server_default": "0"})


class IndicatorValue(SQLModel, table=True):
    """The values of one indicator in one case: start (届初) and end (届末), or not applicable with a reason."""

    __tablename__ = "indicator_value"
    __table_args__ = (UniqueConstraint("case_id", "code", name="uq_value_case_code"),)
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(
        sa_column=Column(Integer, ForeignKey("handover_case.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    code: str = Field(max_length=20)
    start_value: str | None = Field(default=None, max_length=40)
    end_value: str | None = Field(default=None, max_length=40)
    na_reason: str | None = None
    note: str | None = None
    updated_at: datetime = Field(default_factory=utcnow)


class NamedVillage(SQLModel, table=True):
    """A village named by a list indicator at one point (e.g. the five-star villages at the end of the term)."""

    __tablename__ = "named_village"
    __table_args__ = (UniqueConstraint("value_id", "point", "village_id", name="uq_named_village"),)
    id: int | None = Field(default=None, primary_key=True)
    value_id: int = Field(
        sa_column=Column(Integer, ForeignKey("indicator_value.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    point: str = Field(max_length=5)
    village_id: int = Field(sa_column=Column(Integer, ForeignKey("village.id"), nullable=False))
    position: int = 0


class Setting(SQLModel, table=True):
    """A setting of this installation (issuing body, document number prefix, draw periods, ...)."""

    __tablename__ = "setting"
    key: str = Field(primary_key=True, max_length=60)
    value: str


class Attachment(SQLModel, table=True):
    """A file attached to a case: evidence from the field visits (photos, documents) or the scan of the signed sheet."""

    __tablename__ = "attachment"
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(
        sa_column=Column(Integer, ForeignKey("handover_case.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    indicator_code: str | None = Field(default=None, max_length=20)
    kind: str = Field(max_length=20)
    filename: str = Field(max_length=255)
    media_type: str = Field(max_length=100)
    sha256: str = Field(max_length=64)
    size: int
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)
    created_by: str = Field(max_length=100)


class Reviewer(SQLModel, table=True):
    """A certified reviewer of the county's pool (评审人员库), matched on re-import by certificate number."""

    __tablename__ = "reviewer"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=50, index=True)
    organization: str = Field(max_length=100)
    gender: str | None = Field(default=None, max_length=4)
    org_dept: bool = False
    certificate_no: str = Field(max_length=50, unique=True, index=True)
    certified_until: date | None = None
    trained_on: date | None = None
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class ReviewerConflict(SQLModel, table=True):
    """A declared conflict of interest (回避对象) of a reviewer: a person or a unit, with the reason (e.g. kinship)."""

    __tablename__ = "reviewer_conflict"
    id: int | None = Field(default=None, primary_key=True)
    reviewer_id: int = Field(
        sa_column=Column(Integer, ForeignKey("reviewer.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    kind: str = Field(max_length=10)
    target: str = Field(max_length=100)
    reason: str = Field(default="", max_length=200)


class DrawRecord(SQLModel, table=True):
    """One attempt at drawing a case's panel (抽签记录). Append-only: written before the result is shown, never edited."""

    __tablename__ = "draw_record"
    __table_args__ = (UniqueConstraint("case_id", "attempt", name="uq_draw_case_attempt"),)
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(sa_column=Column(Integer, ForeignKey("handover_case.id"), nullable=False, index=True))
    attempt: int
    created_at: datetime
    operator: str = Field(max_length=100)
    reason: str | None = None
    draw_date: date
    algorithm: str = Field(max_length=40)
    snapshot: str = Field(sa_column=Column(Text, nullable=False))
    pool_hash: str = Field(max_length=64)
    os_entropy: str = Field(max_length=64)
    witness: str = ""
    seed: str = Field(max_length=64)
    result: str = Field(sa_column=Column(Text, nullable=False))
    previous_hash: str | None = Field(default=None, max_length=64)
    record_hash: str = Field(max_length=64)
    # a committed draw (migration 0006); None on records of hmac-sha256-ctr-v1, which had no prepared attempt
    prepared_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("draw_prepared.id"), nullable=True, unique=True, index=True)
    )
    commitment: str | None = Field(default=None, max_length=64)
    public_source: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    public_value: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    prepared_at: datetime | None = None
    reason_kind: str | None = Field(default=None, max_length=20)


class DrawPrepared(SQLModel, table=True):
    """A draw made ready before the witness speaks (抽签准备): frozen pool, the machine's random bytes, their commitment.

    Append-only. The random bytes are not shown until the draw; the notice shows their SHA-256 (the commitment).
    """

    __tablename__ = "draw_prepared"
    __table_args__ = (UniqueConstraint("case_id", "seq", name="uq_draw_prepared_seq"),)
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(sa_column=Column(Integer, ForeignKey("handover_case.id"), nullable=False, index=True))
    seq: int
    attempt: int
    created_at: datetime
    operator: str = Field(max_length=100)
    draw_date: date
    algorithm: str = Field(max_length=40)
    snapshot: str = Field(sa_column=Column(Text, nullable=False))
    pool_hash: str = Field(max_length=64)
    os_entropy: str = Field(max_length=64)
    commitment: str = Field(max_length=64)
    public_source: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


class DrawReplacementRefusal(SQLModel, table=True):
    """A replacement refused because no alternate fits (无合适候补), kept so that the refusal can be checked. Append-only."""

    __tablename__ = "draw_replacement_refusal"
    __table_args__ = (UniqueConstraint("draw_id", "seq", name="uq_draw_refusal_seq"),)
    id: int | None = Field(default=None, primary_key=True)
    draw_id: int = Field(sa_column=Column(Integer, ForeignKey("draw_record.id"), nullable=False, index=True))
    seq: int
    after_replacements: int
    leaving_certificate_no: str = Field(max_length=50)
    reason: str
    refusal: str = Field(sa_column=Column(Text, nullable=False))
    operator: str = Field(max_length=100)
    created_at: datetime
    record_hash: str = Field(max_length=64)


class DrawReplacement(SQLModel, table=True):
    """A panel member who cannot serve, replaced by the next fitting alternate (候补递补). Append-only like the draw."""

    __tablename__ = "draw_replacement"
    __table_args__ = (UniqueConstraint("draw_id", "seq", name="uq_draw_replacement_seq"),)
    id: int | None = Field(default=None, primary_key=True)
    draw_id: int = Field(sa_column=Column(Integer, ForeignKey("draw_record.id"), nullable=False, index=True))
    seq: int
    replaced_certificate_no: str = Field(max_length=50)
    replacement_certificate_no: str = Field(max_length=50)
    reason: str
    operator: str = Field(max_length=100)
    created_at: datetime
    record_hash: str = Field(max_length=64)


class SignedName(SQLModel, table=True):
    """A unit's or named village's name as a case was signed with it (kind unit|village, ref_id its id): a rename
    afterwards leaves the signed case's record as it was. Written by the lock, never changed (migration 0010)."""

    __tablename__ = "signed_name"
    __table_args__ = (UniqueConstraint("case_id", "kind", "ref_id", name="uq_signed_name"),)
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(sa_column=Column(Integer, ForeignKey("handover_case.id"), nullable=False, index=True))
    kind: str = Field(max_length=10)
    ref_id: int
    name: str = Field(max_length=100)
