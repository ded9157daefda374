"""Settings of this installation, kept in the database so every PC using the same database agrees."""

from __future__ import annotations

from sqlmodel import Session, select

from handover.db import Database
from handover.models import Setting

DEFAULTS: dict[str, str] = {
    "issuing_body": "中共××县委组织部",
    "doc_prefix": "组离审",
    "panel_size": "3",
    "panel_alternates": "2",
    "recent_panel_months": "24",
    "training_months": "12",
    "ranked_units": "",
    "language": "zh_CN",
}


def get(db: Database, key: str) -> str:
    with db.session() as session:
        return get_in(session, key)


def get_in(session: Session, key: str) -> str:
    row = session.get(Setting, key)
    return row.value if row is not None else DEFAULTS.get(key, "")


def set_value(db: Database, key: str, value: str) -> None:
    with db.session() as session:
        row = session.get(Setting, key)
        if row is None:
            session.add(Setting(key=key, value=value))
        else:
            row.value = value


def all_settings(db: Database) -> dict[str, str]:
    with db.session() as session:
        stored = {row.key: row.value for row in session.exec(select(Setting))}
    return {**DEFAULTS, **stored}
