"""Signatures, revisions, the append-only audit log, and the database triggers of the sign-off lock.

Once a case's status is "signed", the database itself refuses (SQLite and PostgreSQL triggers): UPDATE or DELETE of the
case row, INSERT/UPDATE/DELETE of its indicator values and named villages, renaming or deleting a village or unit it names,
changing or removing its signatures and attachments, adding anything but a scan (扫描件) to it. A case can only become
"signed" when outgoing, incoming and supervisor signatures exist. The audit log, signatures and revision links are never
updated; audit entries are never deleted.

Note for later migrations: a SQLite batch migration that recreates one of these tables drops its triggers; recreate them
(`create_sqlite_triggers()` below lists them; tests/test_signoff.py checks they exist).

Revision ID: 0003
Revises: 0001
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0001"
branch_labels = None
depends_on = None

LOCKED = "handover-locked"
REQUIRED_ROLES = "('outgoing', 'incoming', 'supervisor')"

_CASE_OF_VALUE = "(SELECT status FROM handover_case WHERE id = {ref}.case_id)"
_CASE_OF_NAMED = (
    "(SELECT c.status FROM handover_case c JOIN indicator_value v ON v.case_id = c.id WHERE v.id = {ref}.value_id)"
)
_VILLAGE_USED = (
    "EXISTS (SELECT 1 FROM named_village n JOIN indicator_value v ON v.id = n.value_id "
    "JOIN handover_case c ON c.id = v.case_id WHERE n.village_id = OLD.id AND c.status = 'signed')"
)
_UNIT_USED = "EXISTS (SELECT 1 FROM handover_case c WHERE c.unit_id = OLD.id AND c.status = 'signed')"

#: (name, timing and event, table, WHEN condition, message) of every SQLite trigger
SQLITE_TRIGGERS = [
    ("lock_case_update", "BEFORE UPDATE", "handover_case", "OLD.status = 'signed'", "case is signed"),
    ("lock_case_delete", "BEFORE DELETE", "handover_case", "OLD.status = 'signed'", "case is signed"),
    ("lock_case_born_signed", "BEFORE INSERT", "handover_case", "NEW.status = 'signed'", "a case is signed by signatures"),
    (
        "lock_case_needs_signatures",
        "BEFORE UPDATE",
        "handover_case",
        "NEW.status = 'signed' AND (SELECT count(DISTINCT role) FROM signature "
        f"WHERE case_id = NEW.id AND role IN {REQUIRED_ROLES}) < 3",
        "required signatures missing",
    ),
    ("lock_value_insert", "BEFORE INSERT", "indicator_value", _CASE_OF_VALUE.format(ref="NEW") + " = 'signed'", "case is signed"),
    (
        "lock_value_update",
        "BEFORE UPDATE",
        "indicator_value",
        f"{_CASE_OF_VALUE.format(ref='OLD')} = 'signed' OR {_CASE_OF_VALUE.format(ref='NEW')} = 'signed'",
        "case is signed",
    ),
    ("lock_value_delete", "BEFORE DELETE", "indicator_value", _CASE_OF_VALUE.format(ref="OLD") + " = 'signed'", "case is signed"),
    ("lock_named_insert", "BEFORE INSERT", "named_village", _CASE_OF_NAMED.format(ref="NEW") + " = 'signed'", "case is signed"),
    (
        "lock_named_update",
        "BEFORE UPDATE",
        "named_village",
        f"{_CASE_OF_NAMED.format(ref='OLD')} = 'signed' OR {_CASE_OF_NAMED.format(ref='NEW')} = 'signed'",
        "case is signed",
    ),
    ("lock_named_delete", "BEFORE DELETE", "named_village", _CASE_OF_NAMED.format(ref="OLD") + " = 'signed'", "case is signed"),
    ("lock_village_update", "BEFORE UPDATE", "village", _VILLAGE_USED, "village named by a signed case"),
    ("lock_village_delete", "BEFORE DELETE", "village", _VILLAGE_USED, "village named by a signed case"),
    ("lock_unit_update", "BEFORE UPDATE", "unit", _UNIT_USED, "unit of a signed case"),
    ("lock_unit_delete", "BEFORE DELETE", "unit", _UNIT_USED, "unit of a signed case"),
    ("lock_signature_insert", "BEFORE INSERT", "signature", _CASE_OF_VALUE.format(ref="NEW") + " = 'signed'", "case is signed"),
    ("lock_signature_update", "BEFORE UPDATE", "signature", "1", "signatures are never changed"),
    ("lock_signature_delete", "BEFORE DELETE", "signature", _CASE_OF_VALUE.format(ref="OLD") + " = 'signed'", "case is signed"),
    (
        "lock_attachment_insert",
        "BEFORE INSERT",
        "attachment",
        _CASE_OF_VALUE.format(ref="NEW") + " = 'signed' AND NEW.kind <> 'scan'",
        "only scans may be added to a signed case",
    ),
    (
        "lock_attachment_update",
        "BEFORE UPDATE",
        "attachment",
        f"{_CASE_OF_VALUE.format(ref='OLD')} = 'signed' OR {_CASE_OF_VALUE.format(ref='NEW')} = 'signed'",
        "case is signed",
    ),
    ("lock_attachment_delete", "BEFORE DELETE", "attachment", _CASE_OF_VALUE.format(ref="OLD") + " = 'signed'", "case is signed"),
    ("lock_audit_update", "BEFORE UPDATE", "audit_log", "1", "the audit log is append-only"),
    ("lock_audit_delete", "BEFORE DELETE", "audit_log", "1", "the audit log is append-only"),
    ("lock_revision_update", "BEFORE UPDATE", "case_revision", "1", "revision links are never changed"),
    ("lock_revision_delete", "BEFORE DELETE", "case_revision", "1", "revision links are never changed"),
]

_PG_FUNCTIONS = f"""
CREATE OR REPLACE FUNCTION signoff_case_status(cid integer) RETURNS text
  LANGUAGE sql STABLE AS $$ SELECT status FROM handover_case WHERE id = cid $$;

CREATE OR REPLACE FUNCTION signoff_refuse(what text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION '{LOCKED}: %', what USING ERRCODE = 'integrity_constraint_violation'; END $$;

CREATE OR REPLACE FUNCTION signoff_lock_case() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'signed' THEN PERFORM signoff_refuse('case is signed'); END IF;
  IF TG_OP = 'INSERT' AND NEW.status = 'signed' THEN PERFORM signoff_refuse('a case is signed by signatures'); END IF;
  IF TG_OP = 'UPDATE' AND NEW.status = 'signed' AND (SELECT count(DISTINCT role) FROM signature
      WHERE case_id = NEW.id AND role IN {REQUIRED_ROLES}) < 3 THEN
    PERFORM signoff_refuse('required signatures missing');
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION signoff_lock_by_case() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND signoff_case_status(OLD.case_id) = 'signed' THEN
    PERFORM signoff_refuse('case is signed');
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND signoff_case_status(NEW.case_id) = 'signed' THEN
    PERFORM signoff_refuse('case is signed');
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION signoff_lock_attachment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND signoff_case_status(OLD.case_id) = 'signed' THEN
    PERFORM signoff_refuse('case is signed');
  END IF;
  IF TG_OP = 'UPDATE' AND signoff_case_status(NEW.case_id) = 'signed' THEN PERFORM signoff_refuse('case is signed'); END IF;
  IF TG_OP = 'INSERT' AND signoff_case_status(NEW.case_id) = 'signed' AND NEW.kind <> 'scan' THEN
    PERFORM signoff_refuse('only scans may be added to a signed case');
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION signoff_lock_named() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND (SELECT signoff_case_status(case_id) FROM indicator_value
      WHERE id = OLD.value_id) = 'signed' THEN PERFORM signoff_refuse('case is signed'); END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND (SELECT signoff_case_status(case_id) FROM indicator_value
      WHERE id = NEW.value_id) = 'signed' THEN PERFORM signoff_refuse('case is signed'); END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION signoff_lock_village() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF {_VILLAGE_USED} THEN PERFORM signoff_refuse('village named by a signed case'); END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION signoff_lock_unit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF {_UNIT_USED} THEN PERFORM signoff_refuse('unit of a signed case'); END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION signoff_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM signoff_refuse(TG_TABLE_NAME || ' is append-only');
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION signoff_lock_signature() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN PERFORM signoff_refuse('signatures are never changed'); END IF;
  IF signoff_case_status(OLD.case_id) = 'signed' THEN PERFORM signoff_refuse('case is signed'); END IF;
  RETURN OLD;
END $$;
"""

#: (trigger name, table, events, function) of every PostgreSQL trigger
PG_TRIGGERS = [
    ("handover_lock_case", "handover_case", "INSERT OR UPDATE OR DELETE", "signoff_lock_case"),
    ("handover_lock_value", "indicator_value", "INSERT OR UPDATE OR DELETE", "signoff_lock_by_case"),
    ("handover_lock_attachment", "attachment", "INSERT OR UPDATE OR DELETE", "signoff_lock_attachment"),
    ("handover_lock_signature_insert", "signature", "INSERT", "signoff_lock_by_case"),
    ("handover_lock_signature", "signature", "UPDATE OR DELETE", "signoff_lock_signature"),
    ("handover_lock_named", "named_village", "INSERT OR UPDATE OR DELETE", "signoff_lock_named"),
    ("handover_lock_village", "village", "UPDATE OR DELETE", "signoff_lock_village"),
    ("handover_lock_unit", "unit", "UPDATE OR DELETE", "signoff_lock_unit"),
    ("handover_lock_audit", "audit_log", "UPDATE OR DELETE", "signoff_append_only"),
    ("handover_lock_revision", "case_revision", "UPDATE OR DELETE", "signoff_append_only"),
]
#: TRUNCATE skips row triggers on PostgreSQL: refuse it on the tables that hold signed or append-only data
PG_NO_TRUNCATE = ["handover_case", "indicator_value", "named_village", "signature", "audit_log", "case_revision", "attachment"]


def create_sqlite_triggers() -> None:
    for name, event, table, when, message in SQLITE_TRIGGERS:
        op.execute(
            f"CREATE TRIGGER {name} {event} ON {table} FOR EACH ROW WHEN {when} "
            f"BEGIN SELECT RAISE(ABORT, '{LOCKED}: {message}'); END"
        )


def create_pg_triggers() -> None:
    op.execute(_PG_FUNCTIONS)
    for name, table, events, function in PG_TRIGGERS:
        op.execute(f"CREATE TRIGGER {name} BEFORE {events} ON {table} FOR EACH ROW EXECUTE FUNCTION {function}()")
    for table in PG_NO_TRUNCATE:
        op.execute(
            f"CREATE TRIGGER handover_no_truncate_{table} BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION signoff_append_only()"
        )


def upgrade() -> None:
    op.create_table(
        "signature",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("handover_case.id"), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("signed_at", sa.DateTime(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("strokes", sa.Text(), nullable=True),
        sa.Column("image", sa.LargeBinary(), nullable=True),
        sa.Column("image_sha256", sa.String(length=64), nullable=True),
        sa.Column("recorded_by", sa.String(length=100), nullable=False),
    )
    op.create_index("ix_signature_case_id", "signature", ["case_id"])
    op.create_table(
        "case_revision",
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("handover_case.id"), primary_key=True),
        sa.Column("revises_id", sa.Integer(), sa.ForeignKey("handover_case.id"), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
    )
    op.create_index("ix_case_revision_revises_id", "case_revision", ["revises_id"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("at", sa.String(length=40), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.UniqueConstraint("seq", name="uq_audit_seq"),
    )
    op.create_index("ix_audit_log_case_id", "audit_log", ["case_id"])
    if op.get_context().dialect.name == "postgresql":
        create_pg_triggers()
    else:
        create_sqlite_triggers()


def downgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        for name, table, _events, _function in PG_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        for table in PG_NO_TRUNCATE:
            op.execute(f"DROP TRIGGER IF EXISTS handover_no_truncate_{table} ON {table}")
        for function in ("signoff_lock_case", "signoff_lock_by_case", "signoff_lock_attachment", "signoff_lock_named",
                         "signoff_lock_village", "signoff_lock_unit", "signoff_append_only", "signoff_lock_signature"):
            op.execute(f"DROP FUNCTION IF EXISTS {function}()")
        op.execute("DROP FUNCTION IF EXISTS signoff_refuse(text)")
        op.execute("DROP FUNCTION IF EXISTS signoff_case_status(integer)")
    else:
        for name, *_ in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for table in ("audit_log", "case_revision", "signature"):
        op.drop_table(table)
