"""The panel's leader and members may sign a case after the lock: only that INSERT into `signature` is let through.

Panel members often sign last, after the three signatures that lock the case. Their signatures are appended to the
signed case; the database lets such an INSERT through only when it can see that it is one:

- the role is leader (组长) or member (成员);
- it is bound to the content that was signed: outgoing, incoming and supervisor signed that same fingerprint;
- the case has a drawn panel (a draw record), and the person has not signed that content in that role already
  (one leader signature, one per member name).

That the name belongs to the drawn panel (the panel after replacements lives in the draw record's JSON) is checked by
the service (handover/services/signoff.py). Everything else about a signed case stays refused, as in 0003 and 0004.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-21
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

LOCKED = "handover-locked"
MESSAGE = "case is signed (only the drawn panel may still sign, once each, on the signed content)"
REQUIRED_ROLES = "('outgoing', 'incoming', 'supervisor')"

#: true when NEW (a signature row) is a panel signature the service may append to a signed case
_LATE_PANEL_SIGNATURE = f"""(
  NEW.role IN ('leader', 'member')
  AND (SELECT count(DISTINCT role) FROM signature
       WHERE case_id = NEW.case_id AND role IN {REQUIRED_ROLES} AND fingerprint = NEW.fingerprint) = 3
  AND EXISTS (SELECT 1 FROM draw_record WHERE case_id = NEW.case_id)
  AND NOT EXISTS (SELECT 1 FROM signature WHERE case_id = NEW.case_id AND fingerprint = NEW.fingerprint
                  AND role = NEW.role AND (NEW.role = 'leader' OR name = NEW.name))
)"""
_SIGNED = "(SELECT status FROM handover_case WHERE id = NEW.case_id) = 'signed'"

#: (name, timing and event, table, WHEN condition, message): replaces 0003's trigger of the same name
SQLITE_TRIGGERS = [
    ("lock_signature_insert", "BEFORE INSERT", "signature", f"{_SIGNED} AND NOT {_LATE_PANEL_SIGNATURE}", MESSAGE),
]
_SQLITE_0003 = (
    "CREATE TRIGGER lock_signature_insert BEFORE INSERT ON signature FOR EACH ROW WHEN "
    f"{_SIGNED} BEGIN SELECT RAISE(ABORT, '{LOCKED}: case is signed'); END"
)

_PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION signoff_lock_signature_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF signoff_case_status(NEW.case_id) = 'signed' AND NOT {_LATE_PANEL_SIGNATURE} THEN
    PERFORM signoff_refuse('{MESSAGE}');
  END IF;
  RETURN NEW;
END $$;
"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_FUNCTION)
        op.execute("DROP TRIGGER handover_lock_signature_insert ON signature")
        op.execute(
            "CREATE TRIGGER handover_lock_signature_insert BEFORE INSERT ON signature "
            "FOR EACH ROW EXECUTE FUNCTION signoff_lock_signature_insert()"
        )
    else:
        op.execute("DROP TRIGGER lock_signature_insert")
        for name, event, table, when, message in SQLITE_TRIGGERS:
            op.execute(
                f"CREATE TRIGGER {name} {event} ON {table} FOR EACH ROW WHEN {when} "
                f"BEGIN SELECT RAISE(ABORT, '{LOCKED}: {message}'); END"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER handover_lock_signature_insert ON signature")
        op.execute(
            "CREATE TRIGGER handover_lock_signature_insert BEFORE INSERT ON signature "
            "FOR EACH ROW EXECUTE FUNCTION signoff_lock_by_case()"
        )
        op.execute("DROP FUNCTION IF EXISTS signoff_lock_signature_insert()")
    else:
        op.execute("DROP TRIGGER lock_signature_insert")
        op.execute(_SQLITE_0003)
