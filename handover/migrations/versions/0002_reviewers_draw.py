"""The reviewer pool, declared conflicts, draw records and replacements; draw records and replacements are append-only.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

APPEND_ONLY = ("draw_record", "draw_replacement")


def upgrade() -> None:
    op.create_table(
        "reviewer",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("organization", sa.String(length=100), nullable=False),
        sa.Column("gender", sa.String(length=4), nullable=True),
        sa.Column("org_dept", sa.Boolean(), nullable=False),
        sa.Column("certificate_no", sa.String(length=50), nullable=False),
        sa.Column("certified_until", sa.Date(), nullable=True),
        sa.Column("trained_on", sa.Date(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_reviewer_name", "reviewer", ["name"])
    op.create_index("ix_reviewer_certificate_no", "reviewer", ["certificate_no"], unique=True)
    op.create_table(
        "reviewer_conflict",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("reviewer_id", sa.Integer(), sa.ForeignKey("reviewer.id", ondelete="CASCADE"), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("target", sa.String(length=100), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
    )
    op.create_index("ix_reviewer_conflict_reviewer_id", "reviewer_conflict", ["reviewer_id"])
    op.create_table(
        "draw_record",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("handover_case.id"), nullable=False),
        sa.Column("attempt", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("operator", sa.String(length=100), nullable=False),
        sa.Column("reason", sa.String(), nullable=True),
        sa.Column("draw_date", sa.Date(), nullable=False),
        sa.Column("algorithm", sa.String(length=40), nullable=False),
        sa.Column("snapshot", sa.Text(), nullable=False),
        sa.Column("pool_hash", sa.String(length=64), nullable=False),
        sa.Column("os_entropy", sa.String(length=64), nullable=False),
        sa.Column("witness", sa.String(), nullable=False),
        sa.Column("seed", sa.String(length=64), nullable=False),
        sa.Column("result", sa.Text(), nullable=False),
        sa.Column("previous_hash", sa.String(length=64), nullable=True),
        sa.Column("record_hash", sa.String(length=64), nullable=False),
        sa.UniqueConstraint("case_id", "attempt", name="uq_draw_case_attempt"),
    )
    op.create_index("ix_draw_record_case_id", "draw_record", ["case_id"])
    op.create_table(
        "draw_replacement",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("draw_id", sa.Integer(), sa.ForeignKey("draw_record.id"), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("replaced_certificate_no", sa.String(length=50), nullable=False),
        sa.Column("replacement_certificate_no", sa.String(length=50), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("operator", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("record_hash", sa.String(length=64), nullable=False),
        sa.UniqueConstraint("draw_id", "seq", name="uq_draw_replacement_seq"),
    )
    op.create_index("ix_draw_replacement_draw_id", "draw_replacement", ["draw_id"])
    _append_only_triggers()


def _append_only_triggers() -> None:
    """The database itself refuses to change or delete a draw record: the service never does, and no one else should."""
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for table in APPEND_ONLY:
            for action in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
                )
    elif dialect == "postgresql":
        op.execute(
            "CREATE FUNCTION handover_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$"
        )
        for table in APPEND_ONLY:
            op.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION handover_append_only()"
            )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for table in APPEND_ONLY:
        if dialect == "sqlite":
            for action in ("update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{action}")
        elif dialect == "postgresql":
            op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
    if dialect == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS handover_append_only()")
    for table in ("draw_replacement", "draw_record", "reviewer_conflict", "reviewer"):
        op.drop_table(table)
