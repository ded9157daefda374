"""Units and villages can be renamed; a signed case keeps the names it was signed with.

- `signed_name`: the unit's and the named villages' names of a case as they were when it locked (written by the lock,
  filled here for the cases signed before), read for signed cases instead of today's names, so their fingerprint,
  reprint and verification never change. Append-only.
- The lock triggers of 0003 on `unit` and `village` let a rename through, and only the program's: the name may change
  right after the log entry of that very rename (unit.rename, village.rename: the old and the new name), which the
  service writes first. A rename by hand (raw SQL), any other change to a unit or village of a signed case, and
  deleting it stay refused.

Revision ID: 0010
Revises: 0006
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0008"
branch_labels = None
depends_on = None

LOCKED = "handover-locked"
_VILLAGE_USED = (
    "EXISTS (SELECT 1 FROM named_village n JOIN indicator_value v ON v.id = n.value_id "
    "JOIN handover_case c ON c.id = v.case_id WHERE n.village_id = OLD.id AND c.status = 'signed')"
)
_UNIT_USED = "EXISTS (SELECT 1 FROM handover_case c WHERE c.unit_id = OLD.id AND c.status = 'signed')"
_SQLITE_JSON, _PG_JSON = "sqlite", "postgresql"


def _changed(moved: str, action: str, key: str, dialect: str) -> str:
    """What of a unit or village of a signed case may not change: anything but its name, nor its name unless the last
    entry of the log is the rename of this very row (its old and new name, read from the JSON of the details)."""

    def field(name: str) -> str:
        if dialect == _SQLITE_JSON:
            return f"json_extract(a.details, '$.{name}')"
        return f"jsonb_extract_path_text(a.details::jsonb, '{name}')"

    logged = (
        f"EXISTS (SELECT 1 FROM audit_log a WHERE a.seq = (SELECT max(seq) FROM audit_log) AND a.action = '{action}' "
        f"AND {field(key)} = OLD.name AND {field('new')} = NEW.name)"
    )
    return f"(NEW.id <> OLD.id OR {moved} OR NOT {logged})"


def _village_moved(dialect: str) -> str:
    return _changed("NEW.unit_id <> OLD.unit_id", "village.rename", "village", dialect)


def _unit_changed(dialect: str) -> str:
    return _changed("NEW.unit_type <> OLD.unit_type", "unit.rename", "unit", dialect)


_BACKFILL = [
    "INSERT INTO signed_name (case_id, kind, ref_id, name) "
    "SELECT c.id, 'unit', u.id, u.name FROM handover_case c JOIN unit u ON u.id = c.unit_id WHERE c.status = 'signed'",
    "INSERT INTO signed_name (case_id, kind, ref_id, name) "
    "SELECT DISTINCT c.id, 'village', g.id, g.name FROM handover_case c "
    "JOIN indicator_value v ON v.case_id = c.id JOIN named_village n ON n.value_id = v.id "
    "JOIN village g ON g.id = n.village_id WHERE c.status = 'signed'",
]

_PG_FUNCTIONS = """
CREATE OR REPLACE FUNCTION signoff_lock_village() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF {used} AND (TG_OP = 'DELETE' OR {changed}) THEN PERFORM signoff_refuse('village named by a signed case'); END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION signoff_lock_unit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF {unit_used} AND (TG_OP = 'DELETE' OR {unit_changed}) THEN PERFORM signoff_refuse('unit of a signed case'); END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;
"""


def upgrade() -> None:
    op.create_table(
        "signed_name",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("handover_case.id"), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("ref_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.UniqueConstraint("case_id", "kind", "ref_id", name="uq_signed_name"),
    )
    op.create_index("ix_signed_name_case_id", "signed_name", ["case_id"])
    for statement in _BACKFILL:
        op.execute(statement)
    if op.get_bind().dialect.name == "postgresql":
        # the PostgreSQL functions do DELETE and UPDATE in one; only the condition changes
        op.execute(_PG_FUNCTIONS.format(used=_VILLAGE_USED, changed=_village_moved(_PG_JSON), unit_used=_UNIT_USED,
                                        unit_changed=_unit_changed(_PG_JSON)))  # fmt: skip
        op.execute(
            "CREATE TRIGGER signed_name_append_only BEFORE UPDATE OR DELETE ON signed_name "
            "FOR EACH ROW EXECUTE FUNCTION signoff_append_only()"
        )
        return
    _sqlite_update_trigger(
        "lock_village_update", "village", f"{_VILLAGE_USED} AND {_village_moved(_SQLITE_JSON)}", "village named by a signed case"
    )
    _sqlite_update_trigger("lock_unit_update", "unit", f"{_UNIT_USED} AND {_unit_changed(_SQLITE_JSON)}", "unit of a signed case")
    for action in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER signed_name_no_{action.lower()} BEFORE {action} ON signed_name "
            "BEGIN SELECT RAISE(ABORT, 'signed_name is append-only'); END"
        )


def _sqlite_update_trigger(name: str, table: str, when: str, message: str) -> None:
    op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute(
        f"CREATE TRIGGER {name} BEFORE UPDATE ON {table} FOR EACH ROW WHEN {when} "
        f"BEGIN SELECT RAISE(ABORT, '{LOCKED}: {message}'); END"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS signed_name_append_only ON signed_name")
        op.execute(_PG_FUNCTIONS.format(used=_VILLAGE_USED, changed="TRUE", unit_used=_UNIT_USED, unit_changed="TRUE"))
    else:
        for action in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS signed_name_no_{action}")
        _sqlite_update_trigger("lock_village_update", "village", _VILLAGE_USED, "village named by a signed case")
        _sqlite_update_trigger("lock_unit_update", "unit", _UNIT_USED, "unit of a signed case")
    op.drop_index("ix_signed_name_case_id", table_name="signed_name")
    op.drop_table("signed_name")
