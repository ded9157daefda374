"""The core schema: units, villages, cases, indicator values, named villages, settings.

Revision ID: 0001
Revises:
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "unit",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("unit_type", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_unit_name", "unit", ["name"], unique=True)
    op.create_table(
        "village",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("unit_id", sa.Integer(), sa.ForeignKey("unit.id", ondelete="CASCADE"), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.UniqueConstraint("unit_id", "name", name="uq_village_unit_name"),
    )
    op.create_index("ix_village_unit_id", "village", ["unit_id"])
    op.create_table(
        "handover_case",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("unit_id", sa.Integer(), sa.ForeignKey("unit.id"), nullable=False),
        sa.Column("outgoing", sa.String(length=50), nullable=False),
        sa.Column("incoming", sa.String(length=50), nullable=False),
        sa.Column("term_start", sa.Date(), nullable=False),
        sa.Column("term_end", sa.Date(), nullable=False),
        sa.Column("handover_date", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("catalogue_version", sa.String(length=20), nullable=False),
        sa.Column("evaluation_grade", sa.String(length=10), nullable=True),
        sa.Column("evaluation_comment", sa.String(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_handover_case_unit_id", "handover_case", ["unit_id"])
    op.create_index("ix_handover_case_status", "handover_case", ["status"])
    op.create_table(
        "indicator_value",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("handover_case.id", ondelete="CASCADE"), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("start_value", sa.String(length=40), nullable=True),
        sa.Column("end_value", sa.String(length=40), nullable=True),
        sa.Column("na_reason", sa.String(), nullable=True),
        sa.Column("note", sa.String(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("case_id", "code", name="uq_value_case_code"),
    )
    op.create_index("ix_indicator_value_case_id", "indicator_value", ["case_id"])
    op.create_table(
        "named_village",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("value_id", sa.Integer(), sa.ForeignKey("indicator_value.id", ondelete="CASCADE"), nullable=False),
        sa.Column("point", sa.String(length=5), nullable=False),
        sa.Column("village_id", sa.Integer(), sa.ForeignKey("village.id"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.UniqueConstraint("value_id", "point", "village_id", name="uq_named_village"),
    )
    op.create_index("ix_named_village_value_id", "named_village", ["value_id"])
    op.create_table(
        "attachment",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("handover_case.id", ondelete="CASCADE"), nullable=False),
        sa.Column("indicator_code", sa.String(length=20), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
    )
    op.create_index("ix_attachment_case_id", "attachment", ["case_id"])
    op.create_table(
        "setting",
        sa.Column("key", sa.String(length=60), primary_key=True),
        sa.Column("value", sa.String(), nullable=False),
    )


def downgrade() -> None:
    for table in ("setting", "attachment", "named_village", "indicator_value", "handover_case", "village", "unit"):
        op.drop_table(table)
