"""Commit before the witness speaks: prepared draw attempts, refused replacements, and what a committed draw records.

- `draw_prepared`: the snapshot frozen and the machine's random bytes drawn *before* the witness speaks; the notice
  shows the pool hash and the commitment (SHA-256 of those bytes). A draw must name both.
- `draw_replacement_refusal`: a replacement that was refused because no alternate fits, with its reason, so that the
  refusal itself can be checked.
- `draw_record` gains the prepared attempt it used, the commitment, the public source and value (RFC 3797 style), the
  time of the commitment and the kind of a redraw reason.

The two new tables are append-only like draw_record (0002), and refuse an INSERT for a signed case like 0004.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

APPEND_ONLY = ("draw_prepared", "draw_replacement_refusal")
LOCKED = "handover-locked"
_PREPARED_CASE = "(SELECT status FROM handover_case WHERE id = NEW.case_id)"
_REFUSAL_CASE = (
    "(SELECT c.status FROM handover_case c JOIN draw_record d ON d.case_id = c.id WHERE d.id = NEW.draw_id)"
)
SQLITE_LOCKS = [
    ("lock_prepared_insert", "draw_prepared", f"{_PREPARED_CASE} = 'signed'"),
    ("lock_refusal_insert", "draw_replacement_refusal", f"{_REFUSAL_CASE} = 'signed'"),
]
#: the functions of 0004: signoff_lock_draw looks at NEW.case_id, signoff_lock_replacement at NEW.draw_id's case
PG_LOCKS = [
    ("lock_prepared_insert", "draw_prepared", "signoff_lock_draw"),
    ("lock_refusal_insert", "draw_replacement_refusal", "signoff_lock_replacement"),
]
NEW_COLUMNS = ("prepared_id", "commitment", "public_source", "public_value", "prepared_at", "reason_kind")


def upgrade() -> None:
    op.create_table(
        "draw_prepared",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("handover_case.id"), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("attempt", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("operator", sa.String(length=100), nullable=False),
        sa.Column("draw_date", sa.Date(), nullable=False),
        sa.Column("algorithm", sa.String(length=40), nullable=False),
        sa.Column("snapshot", sa.Text(), nullable=False),
        sa.Column("pool_hash", sa.String(length=64), nullable=False),
        sa.Column("os_entropy", sa.String(length=64), nullable=False),
        sa.Column("commitment", sa.String(length=64), nullable=False),
        sa.Column("public_source", sa.Text(), nullable=True),
        sa.UniqueConstraint("case_id", "seq", name="uq_draw_prepared_seq"),
    )
    op.create_index("ix_draw_prepared_case_id", "draw_prepared", ["case_id"])
    op.create_table(
        "draw_replacement_refusal",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("draw_id", sa.Integer(), sa.ForeignKey("draw_record.id"), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("after_replacements", sa.Integer(), nullable=False),
        sa.Column("leaving_certificate_no", sa.String(length=50), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("refusal", sa.Text(), nullable=False),
        sa.Column("operator", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("record_hash", sa.String(length=64), nullable=False),
        sa.UniqueConstraint("draw_id", "seq", name="uq_draw_refusal_seq"),
    )
    op.create_index("ix_draw_replacement_refusal_draw_id", "draw_replacement_refusal", ["draw_id"])
    # plain ADD COLUMN (no table rebuild on SQLite), so draw_record keeps its append-only and lock triggers
    if op.get_bind().dialect.name == "postgresql":
        op.add_column("draw_record", sa.Column("prepared_id", sa.Integer(), sa.ForeignKey("draw_prepared.id")))
    else:  # Alembic would need a rebuild for the foreign key; SQLite's own ADD COLUMN takes it as it stands
        op.execute("ALTER TABLE draw_record ADD COLUMN prepared_id INTEGER REFERENCES draw_prepared (id)")
    op.add_column("draw_record", sa.Column("commitment", sa.String(length=64), nullable=True))
    op.add_column("draw_record", sa.Column("public_source", sa.Text(), nullable=True))
    op.add_column("draw_record", sa.Column("public_value", sa.Text(), nullable=True))
    op.add_column("draw_record", sa.Column("prepared_at", sa.DateTime(), nullable=True))
    op.add_column("draw_record", sa.Column("reason_kind", sa.String(length=20), nullable=True))
    op.create_index("ix_draw_record_prepared_id", "draw_record", ["prepared_id"], unique=True)
    _triggers()


def _triggers() -> None:
    """Append-only as in 0002, and no new row for a signed case as in 0004."""
    if op.get_bind().dialect.name == "postgresql":
        for table in APPEND_ONLY:
            op.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION handover_append_only()"
            )
        for name, table, function in PG_LOCKS:
            op.execute(f"CREATE TRIGGER {name} BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION {function}()")
        return
    for table in APPEND_ONLY:
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
            )
    for name, table, when in SQLITE_LOCKS:
        op.execute(
            f"CREATE TRIGGER {name} BEFORE INSERT ON {table} FOR EACH ROW WHEN {when} "
            f"BEGIN SELECT RAISE(ABORT, '{LOCKED}: case is signed'); END"
        )


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for table in APPEND_ONLY:
        if postgres:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
        else:
            for action in ("update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{action}")
    for name, table, _ in SQLITE_LOCKS:
        op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}" if postgres else f"DROP TRIGGER IF EXISTS {name}")
    op.drop_index("ix_draw_record_prepared_id", "draw_record")
    for column in NEW_COLUMNS:
        # SQLite 3.35+ drops a column in place: no table rebuild, so draw_record keeps its triggers of 0002 and 0004
        op.execute(f"ALTER TABLE draw_record DROP COLUMN {column}")
    op.drop_table("draw_replacement_refusal")
    op.drop_table("draw_prepared")
