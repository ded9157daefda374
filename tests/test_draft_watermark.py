"""A document of a case that is not signed carries 草稿 across every page; the documents of a signed case do not (issue
13 item 3h). Read back from the real PDFs with poppler and pypdf."""

from __future__ import annotations

import io
import json
from pathlib import Path

from pypdf import PdfReader

from tests.report_support import flat, is_draft_mark, pages_text, words
from tests.test_signed_report import issuing_body_set, signed_case  # noqa: F401 - fixtures

DRAFT = "草稿"


def _report(run, case_id: str, out: Path) -> list[str]:  # type: ignore[no-untyped-def]
    result = run("report", case_id, "-o", str(out))
    assert result.code == 0, result.err
    return pages_text(out)


def test_every_page_of_a_draft_says_draft(run, demo, tmp_path) -> None:  # type: ignore[no-untyped-def]
    listed = json.loads(run("case", "list", "--json").out)
    case_id = str(next(c["id"] for c in listed if c["status"] == "draft"))
    pages = _report(run, case_id, tmp_path / "draft.pdf")  # the diagonal mark reads back one character a line: flat
    assert len(pages) > 2
    assert all(DRAFT in flat(page) for page in pages), [i for i, page in enumerate(pages, 1) if DRAFT not in flat(page)]
    _, found = words(tmp_path / "draft.pdf")  # the large diagonal mark, not a word of the text, is on every page
    assert {w.page for w in found if is_draft_mark(w)} == set(range(1, len(pages) + 1))
    reader = PdfReader(io.BytesIO((tmp_path / "draft.pdf").read_bytes()))
    assert all(DRAFT in flat(page.extract_text() or "") for page in reader.pages)

    assert run("case", "submit", case_id).code in (0, 2)  # under review it is still not signed: still a draft
    if json.loads(run("case", "show", case_id, "--json").out)["status"] == "review":
        assert all(DRAFT in flat(page) for page in _report(run, case_id, tmp_path / "review.pdf"))


def test_a_signed_case_has_no_draft_mark(run, signed_case, tmp_path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    pages = _report(run, signed_case, tmp_path / "signed.pdf")
    assert len(pages) > 2 and not any(DRAFT in flat(page) for page in pages)
    assert not any(is_draft_mark(w) for w in words(tmp_path / "signed.pdf")[1])
