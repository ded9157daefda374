"""The case list at 100,000 cases: each case's completeness stored, and indexes for the list's filters and sorts.

- `handover_case.done_count`: how many of the case's indicators are complete (not applicable, or both values
  present), filled in here from the stored values and kept by `reading.store_completeness` in the transaction of every
  edit afterwards. The list reads it instead of grouping every stored value.
- indexes for the filters and sorts of the list (status with the case number, the term's end, both secretaries).

A signed case's row is locked by the triggers of 0003; the count is filled in with its lock trigger set aside for this
one statement (dropped and recreated on SQLite, disabled and enabled on PostgreSQL): the count is what the signed values
already say, nothing the signatures cover.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

#: a value row is complete: not applicable with a reason, or both values present (as views.ValueView.complete)
COMPLETE = "(COALESCE(v.na_reason, '') <> '' OR (v.start_value IS NOT NULL AND v.end_value IS NOT NULL))"
BACKFILL = (
    "UPDATE handover_case SET done_count = (SELECT count(*) FROM indicator_value v "
    f"WHERE v.case_id = handover_case.id AND {COMPLETE})"
)
#: 0003's trigger on SQLite, as it was created there
LOCK_CASE_UPDATE = (
    "CREATE TRIGGER lock_case_update BEFORE UPDATE ON handover_case FOR EACH ROW WHEN OLD.status = 'signed' "
    "BEGIN SELECT RAISE(ABORT, 'handover-locked: case is signed'); END"
)
INDEXES = [
    ("ix_handover_case_status_id", ["status", "id"]),
    ("ix_handover_case_term_end", ["term_end"]),
    ("ix_handover_case_outgoing", ["outgoing"]),
    ("ix_handover_case_incoming", ["incoming"]),
]


def upgrade() -> None:
    op.add_column("handover_case", sa.Column("done_count", sa.Integer(), nullable=False, server_default="0"))
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE handover_case DISABLE TRIGGER handover_lock_case")
        op.execute(BACKFILL)
        op.execute("ALTER TABLE handover_case ENABLE TRIGGER handover_lock_case")
    else:
        op.execute("DROP TRIGGER IF EXISTS lock_case_update")
        op.execute(BACKFILL)
        op.execute(LOCK_CASE_UPDATE)
    for name, columns in INDEXES:
        op.create_index(name, "handover_case", columns)


def downgrade() -> None:
    for name, _ in INDEXES:
        op.drop_index(name, "handover_case")
    # SQLite 3.35+ drops a column in place: no table rebuild, so handover_case keeps its lock triggers of 0003
    op.execute("ALTER TABLE handover_case DROP COLUMN done_count")
