"""Field visits (外出核查): cases checked out to a laptop file and checked in again with a three-way merge.

- `field_meta`: key → value. In the office database: `office_id`, the database's identity, made at the first checkout.
  In a field file: `file_id`, `office_id` (the office it came from), `checked_out_at`, `checked_out_by`.
- `field_base` (field file): each case as it was at checkout (canonical JSON), the base of the merge.
- `field_checkout` (office): who took which case, when, into which file; the digest of the base and the field log's
  head at checkout; when and how it came back.
- `field_decision` (office): a conflict decided (take the field's value or the office's).

Revision ID: 0008
Revises: 0006
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "field_meta",
        sa.Column("key", sa.String(length=40), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )
    op.create_table(
        "field_base",
        sa.Column("case_id", sa.Integer(), primary_key=True),
        sa.Column("base", sa.Text(), nullable=False),
    )
    op.create_table(
        "field_checkout",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("file_id", sa.String(length=36), nullable=False),
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("handover_case.id"), nullable=False),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("taken_by", sa.String(length=100), nullable=False),
        sa.Column("taken_at", sa.DateTime(), nullable=False),
        sa.Column("base_sha256", sa.String(length=64), nullable=False),
        sa.Column("log_seq", sa.Integer(), nullable=False),
        sa.Column("log_head", sa.String(length=64), nullable=False),
        sa.Column("checked_in_at", sa.DateTime(), nullable=True),
        sa.Column("checked_in_by", sa.String(length=100), nullable=True),
        sa.Column("field_head", sa.String(length=64), nullable=True),
        sa.UniqueConstraint("file_id", "case_id", name="uq_field_checkout_file_case"),
    )
    op.create_index("ix_field_checkout_case_id", "field_checkout", ["case_id"])
    op.create_table(
        "field_decision",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("file_id", sa.String(length=36), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("take", sa.String(length=10), nullable=False),
        sa.Column("decided_by", sa.String(length=100), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("file_id", "case_id", "code", name="uq_field_decision"),
    )


def downgrade() -> None:
    op.drop_table("field_decision")
    op.drop_index("ix_field_checkout_case_id", "field_checkout")
    op.drop_table("field_checkout")
    op.drop_table("field_base")
    op.drop_table("field_meta")
