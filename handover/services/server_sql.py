"""The SQL of a county server (`handover server init`): group roles, privileges, row-level security, triggers and the
user functions. Every statement can run again (a second init, or after an upgrade brings new tables): it makes the
database what this module says, whatever was there before.

What each group may do (docs/server.md says the same in Chinese):

- reader (只读人员): SELECT on every table; the one row it may add is its own "report generated" (生成报告) entry
  in the audit log (row-level security checks the action and the actor).
- assessor (评审人员): as the reader, plus the content of any open case: indicator values and their named villages,
  new villages, the overall evaluation and submitting (only those columns of handover_case), attachments, signatures,
  and its own audit entries. "Their cases" are all cases that are not signed: a signed case is locked for everyone by
  the triggers of migrations 0003-0006. No draw table, no reviewer, no setting, no unit, no new case.
- admin (管理员): everything the tables allow (the append-only and lock triggers still refuse for it as for anyone),
  and the user functions below.

For everyone, the owner too: an audit entry's actor must be the signed-in database user (`session_user`, which the
client cannot choose), and the audit log and the draw tables refuse UPDATE, DELETE and TRUNCATE.
"""

from __future__ import annotations

#: the table that says this database is a county server and which group role is which
ROLE_TABLE = "handover_server_role"
#: (what the app calls it, the suffix of its group role)
GROUPS = (("admin", "admin"), ("assessor", "assessor"), ("reader", "reader"))
#: the tables an assessor writes, and how
ASSESSOR_WRITES = (
    ("INSERT, UPDATE", "indicator_value"),
    ("INSERT, UPDATE, DELETE", "named_village"),
    ("INSERT", "village"),
    ("UPDATE (status, evaluation_grade, evaluation_comment, updated_at, done_count)", "handover_case"),
    ("INSERT", "attachment"),
    ("INSERT", "signature"),
    ("INSERT", "audit_log"),
    # field visits (docs/field.md): an assessor takes cases out and brings them back
    ("INSERT, UPDATE", "field_checkout"),
    ("INSERT, UPDATE, DELETE", "field_base"),
    ("INSERT, UPDATE, DELETE", "field_decision"),
)
#: never written through the app's roles
NOBODY_WRITES = ("alembic_version", ROLE_TABLE)
#: append-only (their triggers refuse UPDATE and DELETE for everyone): not even granted to the admin group
APPEND_ONLY = (
    "audit_log",
    "draw_record",
    "draw_replacement",
    "draw_prepared",
    "draw_replacement_refusal",
    "case_revision",
)
#: append-only tables whose TRUNCATE (which skips row triggers) migrations 0002-0006 do not refuse yet
NO_TRUNCATE = ("draw_record", "draw_replacement", "draw_prepared", "draw_replacement_refusal", "reviewer_conflict")


def groups_sql(names: dict[str, str]) -> str:
    """Make the three group roles (NOLOGIN) where they are missing."""
    made = "\n".join(
        f"  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{name}') THEN CREATE ROLE \"{name}\" NOLOGIN; END IF;"
        for name in names.values()
    )
    return f"DO $$ BEGIN\n{made}\nEND $$;"


def role_table_sql(names: dict[str, str]) -> list[str]:
    rows = ", ".join(f"('{role}', '{name}')" for role, name in names.items())
    return [
        f"CREATE TABLE IF NOT EXISTS {ROLE_TABLE} (role varchar(20) PRIMARY KEY, rolname varchar(63) NOT NULL UNIQUE)",
        f"DELETE FROM {ROLE_TABLE}",
        f"INSERT INTO {ROLE_TABLE} (role, rolname) VALUES {rows}",
    ]


def privileges_sql(names: dict[str, str], database: str) -> list[str]:
    admin, assessor, reader = (f'"{names[r]}"' for r, _ in GROUPS)
    everyone = f"{admin}, {assessor}, {reader}"
    statements = [
        f'REVOKE ALL ON DATABASE "{database}" FROM PUBLIC',
        f'GRANT CONNECT ON DATABASE "{database}" TO {everyone}',
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
        f"GRANT USAGE ON SCHEMA public TO {everyone}",
        f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC, {everyone}",
        f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM PUBLIC, {everyone}",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {everyone}",
        f"GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {admin}",
        f"REVOKE INSERT, UPDATE, DELETE ON {', '.join(NOBODY_WRITES)} FROM {admin}",
        f"REVOKE UPDATE, DELETE ON {', '.join(APPEND_ONLY)} FROM {admin}",
        f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {everyone}",
        f"GRANT INSERT ON audit_log TO {reader}",
        f"GRANT {admin} TO CURRENT_USER",
    ]
    statements += [f"GRANT {what} ON {table} TO {assessor}" for what, table in ASSESSOR_WRITES]
    return statements


def row_security_sql(names: dict[str, str]) -> list[str]:
    """The audit log: everyone reads it; each group appends only entries in its own name (the reader: only its
    report entries). The owner is not bound by these policies, but by the actor trigger below."""
    admin, assessor, reader = (f'"{names[r]}"' for r, _ in GROUPS)
    own = "actor = session_user::text"
    return [
        "ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY",
        "DROP POLICY IF EXISTS handover_read ON audit_log",
        "DROP POLICY IF EXISTS handover_append ON audit_log",
        "DROP POLICY IF EXISTS handover_reader_append ON audit_log",
        "CREATE POLICY handover_read ON audit_log FOR SELECT USING (true)",
        f"CREATE POLICY handover_append ON audit_log FOR INSERT TO {admin}, {assessor} WITH CHECK ({own})",
        f"CREATE POLICY handover_reader_append ON audit_log FOR INSERT TO {reader} "
        f"WITH CHECK ({own} AND action = 'report.generate')",
    ]


ACTOR_TRIGGER = """
CREATE OR REPLACE FUNCTION handover_actor_is_session_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.actor IS DISTINCT FROM session_user::text THEN
    RAISE EXCEPTION 'handover-actor: an audit entry is recorded in the name of the signed-in user (%), not %',
      session_user, NEW.actor USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS handover_audit_actor ON audit_log;
CREATE TRIGGER handover_audit_actor BEFORE INSERT ON audit_log FOR EACH ROW
  EXECUTE FUNCTION handover_actor_is_session_user();
"""


def truncate_sql() -> list[str]:
    statements = []
    for table in NO_TRUNCATE:
        statements.append(f"DROP TRIGGER IF EXISTS handover_no_truncate_{table} ON {table}")
        statements.append(
            f"CREATE TRIGGER handover_no_truncate_{table} BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION signoff_append_only()"
        )
    return statements


#: the user functions: they run as the server's administrator account (SECURITY DEFINER, which may create roles),
#: for any member of the admin group; they check who calls them and touch only roles of this server's groups
USER_FUNCTIONS = f"""
CREATE OR REPLACE FUNCTION handover_refuse_unless_admin() RETURNS void LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  IF NOT pg_has_role(session_user, (SELECT rolname FROM {ROLE_TABLE} WHERE role = 'admin'), 'MEMBER') THEN
    RAISE EXCEPTION 'handover-denied: 只有管理员可以添加或停用账户' USING ERRCODE = 'insufficient_privilege';
  END IF;
END $$;

CREATE OR REPLACE FUNCTION handover_user_add(p_name text, p_role text, p_password text) RETURNS void LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE grp text;
BEGIN
  PERFORM handover_refuse_unless_admin();
  SELECT rolname INTO grp FROM {ROLE_TABLE} WHERE role = p_role;
  IF grp IS NULL THEN RAISE EXCEPTION 'handover-refused: 没有角色 %', p_role; END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_name) THEN
    RAISE EXCEPTION 'handover-refused: 账户 % 已经存在', p_name USING ERRCODE = 'duplicate_object';
  END IF;
  EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I', p_name, p_password, grp);
END $$;

CREATE OR REPLACE FUNCTION handover_user_disable(p_name text) RETURNS void LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  PERFORM handover_refuse_unless_admin();
  IF NOT EXISTS (SELECT 1 FROM {ROLE_TABLE} s JOIN pg_roles r ON r.rolname = p_name
                 WHERE pg_has_role(r.oid, s.rolname, 'MEMBER') AND r.rolname <> s.rolname) THEN
    RAISE EXCEPTION 'handover-refused: % 不是本服务器的账户（handover user list 可列出账户）', p_name USING ERRCODE = 'undefined_object';
  END IF;
  IF p_name = session_user THEN
    RAISE EXCEPTION 'handover-refused: 不能停用自己正在使用的账户'
      USING ERRCODE = 'object_in_use';
  END IF;
  EXECUTE format('ALTER ROLE %I NOLOGIN', p_name);
END $$;
"""


def user_function_grants(names: dict[str, str]) -> list[str]:
    admin = f'"{names["admin"]}"'
    signatures = (
        "handover_refuse_unless_admin()",
        "handover_user_add(text, text, text)",
        "handover_user_disable(text)",
    )
    statements = []
    for function in signatures:
        statements.append(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC")
        statements.append(f"GRANT EXECUTE ON FUNCTION {function} TO {admin}")
    return statements


def init_statements(names: dict[str, str], database: str) -> list[str]:
    """Everything `server init` runs after the migrations, in one transaction."""
    return [
        groups_sql(names),
        *role_table_sql(names),
        *privileges_sql(names, database),
        *row_security_sql(names),
        ACTOR_TRIGGER,
        *truncate_sql(),
        USER_FUNCTIONS,
        *user_function_grants(names),
    ]
