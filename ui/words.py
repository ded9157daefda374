"""The core's vocabularies (handover/words.py) on screen: in Chinese exactly the core's word, in English an English one.

These words are not in the translation file on purpose: a second Chinese copy there would drift from the documents.
"""

from __future__ import annotations

from handover import words
from ui import i18n

SIGNER_ROLES = {
    "outgoing": "Outgoing secretary",
    "incoming": "Incoming secretary",
    "supervisor": "Supervisor",
    "leader": "Panel leader",
    "member": "Panel member",
}
PANEL_PLACES = {"leader": "leader", "member": "member", "alternate": "alternate"}
TRENDS = {"improved": "improved", "held": "held", "declined": "declined", "changed": "changed"}
POINTS = {"start": "start of term", "end": "end of term"}
STATUSES = {"draft": "Draft", "review": "In review", "signed": "Signed"}
UNIT_TYPES = {"township": "Township", "street": "Street", "department": "County department"}
FIELD_STATES = {"out": "On a field visit"}


def _word(chinese: dict[str, str], english: dict[str, str], code: str) -> str:
    table = english if i18n.current() == "en" else chinese
    return table.get(code, code)


def signer_role(code: str) -> str:
    return _word(words.SIGNER_ROLES, SIGNER_ROLES, code)


def panel_place(code: str) -> str:
    return _word(words.PANEL_PLACES, PANEL_PLACES, code)


def trend(word: str) -> str:
    """A trend as the core hands it on (`ValueView.trend` is the Chinese word, `handover.trend.Trend`)."""
    code = next((c for c, w in words.TRENDS.items() if w == word), word)
    return _word(words.TRENDS, TRENDS, code)


def point(code: str) -> str:
    return _word(words.POINTS, POINTS, code)


def status(code: str) -> str:
    return _word(words.STATUSES, STATUSES, code)


def unit_type(code: str) -> str:
    return _word(words.UNIT_TYPES, UNIT_TYPES, code)


def field_state(code: str) -> str:
    return _word(words.FIELD_STATES, FIELD_STATES, code)
STEPS = {"checklist": "Checklist", "draw": "Draw", "evaluation": "Evaluation", "submit": "Submit", "sign": "Signatures",
         "archive": "Archive"}  # fmt: skip


def step(code: str) -> str:
    """A step of a case's work (`CaseSummary.step`, `handover.words.STEPS`)."""
    return _word(words.STEPS, STEPS, code)
