"""The two steps of a committed draw on the command line: `handover draw prepare CASE` and `handover draw CASE ...`."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from handover.cli import Context

#: what `handover draw CASE --json` shows (the complete record is `handover draw show ID --json`)
DRAW_JSON_KEYS = ("draw_id", "seed", "pool_hash", "algorithm", "members", "alternates", "excluded", "case_id", "attempt",
                  "time", "operator", "reason", "witness", "draw_date", "commitment", "public_source", "public_value")  # fmt: skip


def draw_prepare(ctx: Context, case_id: int, args: argparse.Namespace) -> None:
    from handover.draw import service as draws

    view = draws.prepare(ctx.db, case_id, size=args.size, alternates=args.alternates, public_source=args.public_source)
    if args.output:
        from handover.report.draw_notice import write_notice

        pages = write_notice(view, Path(args.output))
    if args.json:
        ctx.json(view.to_dict() | ({"notice": str(Path(args.output).resolve())} if args.output else {}))
        return
    local = view.created_at.astimezone()
    ctx.out(f"案件 {case_id}（{view.unit}）抽签准备：第{view.attempt}次抽签（本案第{view.seq}次准备）"
            f"  时间 {local:%Y-%m-%d %H:%M:%S}  操作人 {view.operator}")  # fmt: skip
    ctx.out(f"人员库快照 SHA-256 {view.pool_hash}（符合条件 {view.eligible_count} 人，排除 {view.excluded_count} 人；"
            f"小组 {view.panel_size} 人，候补 {view.alternates} 人；抽签日期 {view.draw_date}）")  # fmt: skip
    ctx.out(f"承诺 {view.commitment}（系统随机数的 SHA-256，随机数本身在抽签后公开）")
    if view.public_source:
        ctx.out(f"公开随机来源 {view.public_source}（抽签时须给出其取值）")
    if args.output:
        ctx.out(f"已生成抽签公告 {args.output}（{pages} 页）：请见证人核对上述两个哈希并签字")
    else:
        ctx.out("请把上述两个哈希抄录或打印（-o 抽签公告.pdf），由见证人签字确认")
    public = ' --public-value "公开随机值"' if view.public_source else ""
    ctx.out(f'然后抽签：handover draw {case_id} --pool-hash {view.pool_hash} --commitment {view.commitment} '
            f'--witness "见证人输入的文字"{public}')  # fmt: skip


def draw_case(ctx: Context, case_id: int, args: argparse.Namespace, show: Callable[[Context, Any], None]) -> None:
    from handover.draw import service as draws

    view = draws.draw(
        ctx.db, case_id, pool_hash=args.pool_hash, commitment=args.commitment, witness=args.witness,
        public_value=args.public_value, reason=args.reason, reason_kind=args.reason_kind,
    )  # fmt: skip
    if args.json:
        data = view.to_dict()
        ctx.json({key: data[key] for key in DRAW_JSON_KEYS})
        return
    show(ctx, view)
