"""The places to sign a printed document shows (`SignatureSlot`), and each current signature's name, date and ink for its box."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from handover import words
from handover.db import Database
from handover.signoff import service as signoff
from handover.signoff.ink import Strokes, check_png, render_png

#: the size (PDF points) a signature's strokes are rendered at; the report scales the image into its box
INK_WIDTH = 170.0
INK_MAX_HEIGHT = 56.0


def strokes_png(strokes: Strokes) -> bytes:
    """The strokes as a PNG with their own proportions (so the box scales them evenly)."""
    x0, y0, x1, y1 = strokes.bounds
    aspect = max(y1 - y0, 1.0) / max(x1 - x0, 1.0)
    return render_png(strokes, INK_WIDTH, min(INK_MAX_HEIGHT, max(14.0, INK_WIDTH * aspect)))


def signed_slots(db: Database, case_id: int, fingerprint: str) -> list[SignatureSlot]:
    """A slot per signature that counts for this content, in signing order; older ones (content changed) are left out."""
    status = signoff.status(db, case_id)
    if status.fingerprint != fingerprint:  # the document shows other content than the signatures were given on
        return []
    slots = []
    for sig in status.current():
        ink = signoff.ink(db, sig.id)
        image = strokes_png(ink.strokes) if ink.strokes is not None else check_png(ink.png) if ink.png else None
        slots.append(SignatureSlot(sig.role, sig.name, image, sig.signed_at.date()))
    return slots


@dataclass(frozen=True)
class SignatureSlot:
    """A place to sign on the signature page. With no image the line is left blank for ink.

    `image` is a PNG or JPEG of a handwritten signature (issue 6 renders captured strokes to one); it is drawn inside
    the box, scaled to fit. The rendered positions of all boxes come back in `RenderResult.boxes`.
    """

    role: str  # outgoing | incoming | supervisor | leader | member
    name: str = ""
    image: bytes | None = None
    signed_on: date | None = None

    @property
    def label(self) -> str:
        return words.SIGNER_ROLES[self.role]
