"""Join the draw (0002) and sign-off (0003) branches; a signed case gets no new draw attempt or replacement.

The services already refuse a draw for a signed case; these triggers make raw SQL refuse it too, so the panel printed on
a signed report (it is part of the content fingerprint) cannot be changed behind the application's back.

Revision ID: 0004
Revises: 0002, 0003
Create Date: 2026-11-21
"""

from alembic import op

revision = "0004"
down_revision = ("0002", "0003")
branch_labels = None
depends_on = None

LOCKED = "handover-locked"
_DRAW_CASE = "(SELECT status FROM handover_case WHERE id = NEW.case_id)"
_REPLACEMENT_CASE = (
    "(SELECT c.status FROM handover_case c JOIN draw_record d ON d.case_id = c.id WHERE d.id = NEW.draw_id)"
)

#: (name, table, WHEN condition) of the SQLite triggers
SQLITE_TRIGGERS = [
    ("lock_draw_insert", "draw_record", f"{_DRAW_CASE} = 'signed'"),
    ("lock_replacement_insert", "draw_replacement", f"{_REPLACEMENT_CASE} = 'signed'"),
]

_PG_FUNCTIONS = """
CREATE OR REPLACE FUNCTION signoff_lock_draw() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF signoff_case_status(NEW.case_id) = 'signed' THEN PERFORM signoff_refuse('case is signed'); END IF;
  RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION signoff_lock_replacement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF signoff_case_status((SELECT case_id FROM draw_record WHERE id = NEW.draw_id)) = 'signed' THEN
    PERFORM signoff_refuse('case is signed');
  END IF;
  RETURN NEW;
END $$;
"""
PG_TRIGGERS = [
    ("lock_draw_insert", "draw_record", "signoff_lock_draw"),
    ("lock_replacement_insert", "draw_replacement", "signoff_lock_replacement"),
]


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_FUNCTIONS)
        for name, table, function in PG_TRIGGERS:
            op.execute(f"CREATE TRIGGER {name} BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION {function}()")
    else:
        for name, table, when in SQLITE_TRIGGERS:
            op.execute(
                f"CREATE TRIGGER {name} BEFORE INSERT ON {table} FOR EACH ROW WHEN {when} "
                f"BEGIN SELECT RAISE(ABORT, '{LOCKED}: case is signed'); END"
            )


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for name, table, *_ in SQLITE_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}" if postgres else f"DROP TRIGGER IF EXISTS {name}")
    if postgres:
        op.execute("DROP FUNCTION IF EXISTS signoff_lock_draw()")
        op.execute("DROP FUNCTION IF EXISTS signoff_lock_replacement()")
