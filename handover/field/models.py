"""The tables of field visits (migration 0008): the identity of a database, the base of a field file, the checkouts
and the decided conflicts of the office."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, String, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


class FieldMeta(SQLModel, table=True):
    """office_id (both sides), file_id, checked_out_at, checked_out_by (a field file)."""

    __tablename__ = "field_meta"
    key: str = Field(sa_column=Column(String(40), primary_key=True))
    value: str = Field(sa_column=Column(Text, nullable=False))


class FieldBase(SQLModel, table=True):
    """A case as it was at checkout (canonical JSON, see checkout.base_of): the base of the three-way merge."""

    __tablename__ = "field_base"
    case_id: int = Field(primary_key=True)
    base: str = Field(sa_column=Column(Text, nullable=False))


class FieldCheckout(SQLModel, table=True):
    """A case taken out into a field file (office side); checked_in_at is set when it came back."""

    __tablename__ = "field_checkout"
    __table_args__ = (UniqueConstraint("file_id", "case_id", name="uq_field_checkout_file_case"),)
    id: int | None = Field(default=None, primary_key=True)
    file_id: str = Field(max_length=36)
    case_id: int = Field(foreign_key="handover_case.id", index=True)
    file_name: str = Field(sa_column=Column(Text, nullable=False))
    taken_by: str = Field(max_length=100)
    taken_at: datetime
    base_sha256: str = Field(max_length=64)
    log_seq: int
    log_head: str = Field(max_length=64)
    checked_in_at: datetime | None = None
    checked_in_by: str | None = Field(default=None, max_length=100)
    field_head: str | None = Field(default=None, max_length=64)


class FieldDecision(SQLModel, table=True):
    """A conflict decided at the office: `take` is "field" or "office"."""

    __tablename__ = "field_decision"
    __table_args__ = (UniqueConstraint("file_id", "case_id", "code", name="uq_field_decision"),)
    id: int | None = Field(default=None, primary_key=True)
    file_id: str = Field(max_length=36)
    case_id: int
    code: str = Field(max_length=20)
    take: str = Field(max_length=10)
    decided_by: str = Field(max_length=100)
    decided_at: datetime
