"""Whether a draft may go to review (提交评审): the steps before it done, in order — every indicator (清单), the panel
drawn by lot (抽签), the overall evaluation written (评价). The refusal names everything still missing at once."""

from __future__ import annotations

from handover.errors import Refused
from handover.views import CaseDetail


def missing_steps(detail: CaseDetail) -> list[str]:
    """What the case still lacks before review, in the order of the steps, as the user reads it."""
    case_id, missing = detail.summary.id, detail.missing
    lacking = []
    if missing:
        listed = "；".join(f"{m.code} {m.name}（{m.what}）" for m in missing[:10])
        more = f" 等共 {len(missing)} 项" if len(missing) > 10 else ""
        lacking.append(f"尚有 {len(missing)} 项指标未完成：{listed}{more}")
    if not detail.summary.panel_drawn:
        lacking.append(f"尚未抽签产生评审小组（handover draw prepare {case_id}，再 handover draw {case_id}）")
    if detail.summary.grade is None:
        lacking.append(f"尚未填写总体评价（handover evaluate {case_id} --grade … --comment …）")
    return lacking


def refuse_unready(detail: CaseDetail) -> None:
    """Refused naming each missing step when the draft is not ready for review."""
    lacking = missing_steps(detail)
    if lacking:
        raise Refused(f"案件 {detail.summary.id} 还不能提交评审：" + "；".join(lacking))
