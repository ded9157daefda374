"""PDF/A-2b for every PDF the program writes: documents that go into a personnel file (人事档案) stay readable for decades.

reportlab writes the pages (every font embedded as a subset, see fonts.py); `archival` then makes the file PDF/A-2b
with pikepdf: the empty /Trans entries reportlab leaves on every page removed, an sRGB output intent (the ICC profile
shipped with pikepdf), the XMP metadata written from the document information (title, issuing body as author, case and
fingerprint in the subject and keywords) and the PDF/A declaration. Page content is not touched, so what a page shows
(and its digest, see written.py) is what reportlab drew.
"""

from __future__ import annotations

import io

FLAVOUR = "2b"


def archival(pdf: bytes) -> bytes:
    """The PDF as PDF/A-2b: same pages, same document information, plus what PDF/A asks for."""
    import pikepdf
    from pikepdf import pdfa

    with pikepdf.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            # reportlab writes "/Trans << >>" on every page: an empty page transition PDF/A's checkers do not accept
            if "/Trans" in page.obj:
                del page.obj["/Trans"]
        pdfa.prepare(doc, FLAVOUR)
        out = io.BytesIO()
        doc.save(out, **pdfa.resolve_save_kwargs(FLAVOUR))
    return out.getvalue()
