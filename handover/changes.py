"""What an operation changed, as one small value (Anki's OpChanges): the desktop application broadcasts it once after
the operation, and each screen decides from it whether what it shows is out of date."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Changes:
    """The kinds of stored data one operation changed; `case_id` is the case they belong to (None: not one case)."""

    case_id: int | None = None
    values: bool = False  # indicator values, not applicable, notes: completeness, trends, the suggested grade
    evaluation: bool = False  # the organisation department's grade and comment
    status: bool = False  # a case created, submitted, locked by its last signature, or revised into a new draft
    draw: bool = False  # a panel drawn or a member replaced: who may be drawn elsewhere, who signs this case
    signatures: bool = False
    attachments: bool = False
    reviewers: bool = False  # the reviewer pool
    units: bool = False  # units and their villages
    settings: bool = False  # the shared settings: panel size, recusal and training periods, issuing body

    def of_case(self, case_id: int) -> bool:
        """This change is to `case_id` itself (a change with no case, such as the demo county, is to every case)."""
        return self.case_id is None or self.case_id == case_id

    @property
    def content(self) -> bool:
        """The case's content changed: what the report prints and the signatures' fingerprint covers."""
        return self.values or self.evaluation or self.draw


#: a whole set of data arrived at once (the demo county): every screen shows it afresh
EVERYTHING = Changes(
    values=True, evaluation=True, status=True, draw=True, signatures=True, attachments=True, reviewers=True,
    units=True, settings=True,
)  # fmt: skip
