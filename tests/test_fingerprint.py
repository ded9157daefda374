"""The canonical serialisation and fingerprint pinned to the documented format (docs/fingerprint.md)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from datetime import date

from handover.report.data import Panel, PanelMember
from handover.signoff import fingerprint as canonical
from handover.views import CaseDetail, CaseSummary, ValueView


def _value(code: str, start: str | None, end: str | None, **kw: object) -> ValueView:
    base = dict(code=code, name=code, area_code=code[:3], kind="count", unit_label="个", direction="up", key=False,
                lists_villages=False, start=start, end=end, change=None, trend=None, change_words=None,
                villages_start=(), villages_end=(), na_reason=None, note=None)  # fmt: skip
    base.update(kw)
    return ValueView(**base)  # type: ignore[arg-type]


def _case() -> CaseDetail:
    summary = CaseSummary(7, "白鹤镇", "township", "王一", "李二", date(2021, 1, 5), date(2026, 1, 4), None,
                          "draft", 2, 2, None)  # fmt: skip
    values = (
        _value("ORG06", "85.5", "97", kind="percent", unit_label="%"),
        _value("ORG01", "1", "2", lists_villages=True, villages_start=("甲村",), villages_end=("甲村", "乙村")),
    )
    return CaseDetail(summary, "2026.1", values, "优秀", "评语", ())


DOCUMENTED = (
    '{"case":{"catalogue_version":"2026.1","handover_date":null,"id":7,"incoming":"李二","outgoing":"王一",'
    '"term_end":"2026-01-04","term_start":"2021-01-05","unit":"白鹤镇","unit_type":"township"},'
    '"evaluation":{"comment":"评语","grade":"优秀"},"format":"handover-case/1","panel":null,'
    '"values":[{"code":"ORG01","end":"2","na_reason":null,"note":null,"start":"1","villages_end":["甲村","乙村"],'
    '"villages_start":["甲村"]},{"code":"ORG06","end":"97","na_reason":null,"note":null,"start":"85.5",'
    '"villages_end":[],"villages_start":[]}]}'
)


def test_canonical_bytes_and_fingerprint_are_exactly_as_documented() -> None:
    data = canonical.serialise(canonical.content(_case()))
    assert data == DOCUMENTED.encode("utf-8")
    assert canonical.fingerprint_of(data) == hashlib.sha256(DOCUMENTED.encode("utf-8")).hexdigest()
    assert canonical.fingerprint_of(data) == "96ec5aacb6effb1930d931beaf50ec2dc6a06fda076c8b3ecafb4689b2ce2c1b"


def test_any_change_changes_the_fingerprint_and_is_named() -> None:
    base = _case()
    before = canonical.content(base)
    fp = canonical.fingerprint_of(canonical.serialise(before))
    changed = [
        replace(base, values=(replace(base.values[0], end="98"), base.values[1])),
        replace(base, values=(base.values[0], replace(base.values[1], villages_end=("乙村", "甲村")))),
        replace(base, values=(base.values[0], replace(base.values[1], note="备注"))),
        replace(base, evaluation_comment="评语。"),
        replace(base, summary=replace(base.summary, incoming="李三")),
    ]
    for other in changed:
        after = canonical.content(other)
        assert canonical.fingerprint_of(canonical.serialise(after)) != fp
        assert len(canonical.differences(before, after)) == 1
    # workflow status and the computed trend words are not content
    same = replace(base, summary=replace(base.summary, status="review"))
    assert canonical.fingerprint_of(canonical.serialise(canonical.content(same))) == fp
    # the panel is content
    panel = Panel("3", (PanelMember("赵一", "leader"), PanelMember("钱二", "member")))
    with_panel = canonical.content(base, panel)
    assert with_panel["panel"] == {"draw_id": "3", "members": [{"name": "赵一", "role": "leader"},
                                                               {"name": "钱二", "role": "member"}]}  # fmt: skip
    assert [str(d) for d in canonical.differences(before, with_panel)] == [
        "评审小组 成员：文件中为 （未抽签），数据库中为 抽签 3：赵一（组长）、钱二（成员）"
    ]


def test_unicode_is_normalised_so_equal_text_gives_equal_bytes() -> None:
    decomposed = replace(_case(), evaluation_comment="e\u0301")  # e + combining acute accent
    composed = replace(_case(), evaluation_comment="\u00e9")
    a, b = (canonical.serialise(canonical.content(c)) for c in (decomposed, composed))
    assert a == b and json.loads(a)["evaluation"]["comment"] == "\u00e9"
