"""The signatures a printed document shows: each current signature's name, date and ink for its box on the signature page."""

from __future__ import annotations

from handover.db import Database
from handover.report.data import SignatureSlot
from handover.signing.ink import Strokes, check_png, render_png

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
    from handover.services import signoff

    status = signoff.status(db, case_id)
    if status.fingerprint != fingerprint:  # the document shows other content than the signatures were given on
        return []
    slots = []
    for sig in status.current():
        ink = signoff.ink(db, sig.id)
        image = strokes_png(ink.strokes) if ink.strokes is not None else check_png(ink.png) if ink.png else None
        slots.append(SignatureSlot(sig.role, sig.name, image, sig.signed_at.date()))
    return slots
