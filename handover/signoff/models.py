"""The stored sign-off records: one row per signature given, and the link from a revision to the signed case it corrects."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, ForeignKey, Integer, LargeBinary, String, Text
from sqlmodel import Field, SQLModel

from handover.models import utcnow


class Signature(SQLModel, table=True):
    """A signer's signature on a case (签字), bound to the case's content fingerprint at that moment; never changed."""

    __tablename__ = "signature"
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(sa_column=Column(Integer, ForeignKey("handover_case.id"), nullable=False, index=True))
    role: str = Field(sa_column=Column(String(20), nullable=False))
    name: str = Field(sa_column=Column(String(50), nullable=False))
    signed_at: datetime = Field(default_factory=utcnow)
    fingerprint: str = Field(sa_column=Column(String(64), nullable=False))
    strokes: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    image: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    image_sha256: str | None = Field(default=None, sa_column=Column(String(64), nullable=True))
    recorded_by: str = Field(sa_column=Column(String(100), nullable=False))


class CaseRevision(SQLModel, table=True):
    """A case that corrects a signed one (修订版本): the signed case stays as it is, the revision needs its own signatures."""

    __tablename__ = "case_revision"
    case_id: int = Field(sa_column=Column(Integer, ForeignKey("handover_case.id"), primary_key=True))
    revises_id: int = Field(sa_column=Column(Integer, ForeignKey("handover_case.id"), nullable=False, index=True))
    reason: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)
    created_by: str = Field(sa_column=Column(String(100), nullable=False))
