"""The words the user reads for the software's fixed vocabularies, each written once: the CLI, the PDFs and the GUI take them from here.

Each vocabulary maps the code the software stores or passes around to its Chinese word. Where a document needs a
shorter form, the short form is its own vocabulary with its own name, so that choosing it is a decision, not a drift.
"""

from __future__ import annotations

#: who signs the handover sheet and the review report (签字人), by `Signature.role`; the official terms the documents use
SIGNER_ROLES = {
    "outgoing": "离任领导干部",
    "incoming": "接任领导干部",
    "supervisor": "监交人",
    "leader": "评审小组组长",
    "member": "评审小组成员",
}

#: a drawn reviewer's place, in short, for text already about the panel (评审小组): the draw record, the cover's panel line
PANEL_PLACES = {"leader": "组长", "member": "成员", "alternate": "候补"}

#: how an indicator moved from 届初 to 届末, judged by its direction (`handover.trend.Trend`)
TRENDS = {"improved": "提升", "held": "持平", "declined": "下降", "changed": "变化"}

#: the two measurement points of an indicator: the start and the end of the outgoing secretary's term
POINTS = {"start": "届初", "end": "届末"}

#: where a case stands (`HandoverCase.status`)
STATUSES = {"draft": "草稿", "review": "评审中", "signed": "已签署"}

#: the steps of a case, in the order they are done (`handover.views.step_of`): the checklist of 40 indicators, the
#: panel drawn by lot, the overall evaluation, submitted for review, the three signatures, filed in the personnel file
STEPS = {"checklist": "清单", "draw": "抽签", "evaluation": "评价", "submit": "提交", "sign": "签字", "archive": "归档"}

#: the kinds of unit whose secretary changes (`Unit.unit_type`); the catalogue's [unit_types] names must be these
UNIT_TYPES = {"township": "乡镇", "street": "街道", "department": "县级部门"}

#: the Party body a unit's secretary heads, by unit type: 某某镇党委书记, 某某街道党工委书记, 某某局党组书记
PARTY_BODIES = {"township": "党委", "street": "党工委", "department": "党组"}

#: the overall evaluation's grades (总体评价等次), best first; stored as these words
GRADES = ("优秀", "良好", "一般", "较差")

#: why a case's panel is drawn again (重新抽签的理由类别), by code: one of these, with the circumstances in free text
REDRAW_REASONS = {
    "recusal": "抽中人员须回避",
    "unavailable": "抽中人员无法参加且无候补可递补",
    "pool-error": "人员库信息有误",
    "procedure": "抽签程序有误",
    "other": "其他原因",
}

#: where a case is besides its step: out on a field visit (外出核查), checked out to a laptop file (handover/field)
FIELD_STATES = {"out": "外出核查中"}
#: the accounts of a county server (docs/server.md), by the role's code: what each person signed in is
ACCOUNT_ROLES = {"admin": "管理员", "assessor": "评审录入员", "reader": "只读用户"}
