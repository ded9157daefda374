"""A stored draw record and its replacements: their hashes, the panel they add up to, and the checks of `draw verify`."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from functools import partial
from typing import Any

from handover.draw import algorithm
from handover.draw import seed as seeds
from handover.draw.views import VerifyCheck
from handover.errors import Refused
from handover.models import DrawPrepared, DrawRecord, DrawReplacement, DrawReplacementRefusal
from handover.words import PANEL_PLACES


def _utc(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def utc_text(moment: datetime | None) -> str | None:
    """A stored time as it is hashed and exported: UTC, to the second, ISO 8601 (`2026-08-01T09:30:00+00:00`)."""
    return None if moment is None else _utc(moment)


def record_fields(record: DrawRecord) -> dict[str, Any]:
    """What the record hash covers (docs/draw-algorithm.md §7): v1 has 13 members, v2 adds the commitment's six."""
    fields: dict[str, Any] = {
        "case_id": record.case_id,
        "attempt": record.attempt,
        "created_at": _utc(record.created_at),
        "operator": record.operator,
        "reason": record.reason,
        "draw_date": record.draw_date.isoformat(),
        "algorithm": record.algorithm,
        "pool_hash": record.pool_hash,
        "os_entropy": record.os_entropy,
        "witness": record.witness,
        "seed": record.seed,
        "result": record.result,
        "previous_hash": record.previous_hash,
    }
    if record.algorithm != algorithm.ALGORITHM:
        fields |= {
            "commitment": record.commitment,
            "prepared_at": utc_text(record.prepared_at),
            "public_source": record.public_source,
            "public_value": record.public_value,
            "reason_kind": record.reason_kind,
        }
    return fields


def record_hash(record: DrawRecord) -> str:
    """SHA-256 over the canonical JSON of `record_fields` (the snapshot through its hash), chained to the previous attempt."""
    return hashlib.sha256(algorithm.canonical_json(record_fields(record))).hexdigest()


def replacement_hash(row: DrawReplacement, previous: str) -> str:
    """SHA-256 over a replacement, chained to the draw record (first) or to the replacement before it."""
    fields = {
        "draw_id": row.draw_id,
        "seq": row.seq,
        "replaced": row.replaced_certificate_no,
        "replacement": row.replacement_certificate_no,
        "reason": row.reason,
        "operator": row.operator,
        "created_at": _utc(row.created_at),
        "previous_hash": previous,
    }
    return hashlib.sha256(algorithm.canonical_json(fields)).hexdigest()


def refusal_hash(row: DrawReplacementRefusal, previous: str) -> str:
    """SHA-256 over a refused replacement, chained to the draw record (first) or to the refusal before it."""
    fields = {
        "draw_id": row.draw_id,
        "seq": row.seq,
        "after_replacements": row.after_replacements,
        "leaving": row.leaving_certificate_no,
        "reason": row.reason,
        "refusal": row.refusal,
        "operator": row.operator,
        "created_at": _utc(row.created_at),
        "previous_hash": previous,
    }
    return hashlib.sha256(algorithm.canonical_json(fields)).hexdigest()


def panel_after(result: dict[str, Any], replacements: Sequence[DrawReplacement]) -> list[tuple[str, str]]:
    """(certificate number, role) of the panel once the replacements are applied in order."""
    panel = [(m["certificate_no"], m["role"]) for m in result["members"]]
    for r in sorted(replacements, key=lambda r: r.seq):
        panel = [(r.replacement_certificate_no if c == r.replaced_certificate_no else c, role) for c, role in panel]
    return panel


def state_before(
    snapshot: algorithm.Snapshot, result: dict[str, Any], rows: Sequence[DrawReplacement], seq: int
) -> tuple[list[tuple[algorithm.Candidate, str]], list[algorithm.Candidate]]:
    """The panel and the unused alternates just before replacement number `seq`."""
    people = {c.certificate_no: c for c in snapshot.pool}
    earlier = [r for r in rows if r.seq < seq]
    panel = [(people[c], role) for c, role in panel_after(result, earlier)]
    used = {r.replacement_certificate_no for r in earlier}
    remaining = [people[a["certificate_no"]] for a in result["alternates"] if a["certificate_no"] not in used]
    return panel, remaining


def skipped(snapshot: algorithm.Snapshot, result: dict[str, Any], rows: Sequence[DrawReplacement],
            row: DrawReplacement) -> tuple[str, ...]:  # fmt: skip
    """The alternates passed over by this replacement, with why (for display; verification recomputes them)."""
    try:
        panel, remaining = state_before(snapshot, result, rows, row.seq)
        leaving = next(c for c, _ in panel if c.certificate_no == row.replaced_certificate_no)
        return algorithm.replacement_for(panel, remaining, leaving)[1]
    except (KeyError, StopIteration, Refused):
        return ()


def _check(name: str, test: Callable[[], tuple[bool, str]]) -> VerifyCheck:
    try:
        ok, detail = test()
    except (ValueError, KeyError, TypeError, StopIteration, Refused) as exc:
        return VerifyCheck(name, False, f"记录无法解析：{exc}")
    return VerifyCheck(name, ok, detail)


def checks(
    record: DrawRecord,
    rows: Sequence[DrawReplacement],
    earlier: DrawRecord | None,
    refusals: Sequence[DrawReplacementRefusal] = (),
    prepared: DrawPrepared | None = None,
) -> list[VerifyCheck]:
    """Every check of a draw record, in the order a witness would go through them (v2 adds the commitment's)."""
    found = [
        _check("快照哈希", partial(_snapshot_hash, record)),
        _check("算法版本", partial(_algorithm_version, record)),
        _check("种子", partial(_seed, record)),
        _check("抽签结果", partial(_result, record)),
        _check("递补记录", partial(_replacements, record, rows)),
        _check("记录完整性", partial(_chain, record, earlier)),
    ]
    if record.algorithm != algorithm.ALGORITHM or refusals:
        found.insert(5, _check("递补拒绝记录", partial(_refusals, record, rows, refusals)))
    if record.algorithm != algorithm.ALGORITHM:
        found.insert(2, _check("承诺", partial(_commitment, record, prepared)))
    return found


def _commitment(record: DrawRecord, prepared: DrawPrepared | None) -> tuple[bool, str]:
    """The random bytes are those committed to before the witness spoke, and the announced public value was used."""
    if seeds.commitment(bytes.fromhex(record.os_entropy)) != record.commitment:
        return False, f"系统随机数的 SHA-256 与抽签前公布的承诺 {record.commitment} 不符"
    if prepared is None or (prepared.commitment, prepared.pool_hash, prepared.os_entropy) != (
        record.commitment, record.pool_hash, record.os_entropy
    ):
        return False, "找不到与本记录一致的抽签准备记录（承诺、人员库哈希或系统随机数不符）"
    if (prepared.public_source or None) != record.public_source or bool(record.public_source) != bool(record.public_value):
        return False, "抽签前公布的公开随机来源与记录的来源或取值不一致"
    return True, f"系统随机数与抽签前公布的承诺 {record.commitment} 一致"


def _snapshot_hash(record: DrawRecord) -> tuple[bool, str]:
    actual = hashlib.sha256(record.snapshot.encode("utf-8")).hexdigest()
    if actual != record.pool_hash:
        return False, f"快照的 SHA-256 为 {actual}，与记录的 {record.pool_hash} 不符：快照被改动过"
    return True, f"快照的 SHA-256 为 {actual}，与抽签时公示的一致"


def _algorithm_version(record: DrawRecord) -> tuple[bool, str]:
    stated = algorithm.parsed_snapshot(record.snapshot).algorithm
    if record.algorithm not in algorithm.SUPPORTED_ALGORITHMS or stated != record.algorithm:
        return False, f"算法版本 “{record.algorithm}”（快照中为 “{stated}”）不受支持或不一致"
    return True, record.algorithm


def derived_seed(record: DrawRecord) -> str:
    """The seed recomputed from what the record stores, by its algorithm version."""
    entropy = bytes.fromhex(record.os_entropy)
    if record.algorithm == algorithm.ALGORITHM:
        return algorithm.derive_seed(entropy, record.witness).hex()
    return seeds.derive_seed_v2(entropy, bytes.fromhex(record.pool_hash), record.witness, record.public_source or "",
                                record.public_value or "").hex()  # fmt: skip


def _seed(record: DrawRecord) -> tuple[bool, str]:
    derived = derived_seed(record)
    if derived != record.seed:
        return False, f"由系统随机数和见证人输入推出的种子为 {derived}，与记录的 {record.seed} 不符"
    return True, f"种子 {record.seed} 由系统随机数与见证人输入 “{record.witness}” 推出"


def _result(record: DrawRecord) -> tuple[bool, str]:
    selection = algorithm.select(algorithm.parsed_snapshot(record.snapshot), bytes.fromhex(record.seed))
    again = algorithm.canonical_json(selection.to_dict()).decode("utf-8")
    if again != record.result:
        return False, f"按快照和种子重新抽取得到 {_names(selection.to_dict())}，与记录的 {_names(json.loads(record.result))} 不符"
    return True, f"重新抽取得到相同结果：{_names(selection.to_dict())}"


def _replacements(record: DrawRecord, rows: Sequence[DrawReplacement]) -> tuple[bool, str]:
    snapshot = algorithm.parsed_snapshot(record.snapshot)
    stored = json.loads(record.result)
    previous = record.record_hash
    for row in rows:
        if replacement_hash(row, previous) != row.record_hash:
            return False, f"第{row.seq}次递补记录被改动过（哈希不符）"
        panel, remaining = state_before(snapshot, stored, rows, row.seq)
        leaving = next(c for c, _ in panel if c.certificate_no == row.replaced_certificate_no)
        expected = algorithm.replacement_for(panel, remaining, leaving)[0]
        if expected.certificate_no != row.replacement_certificate_no:
            return False, f"第{row.seq}次递补应由 {expected.name} 递补，记录的却是 {row.replacement_certificate_no}"
        previous = row.record_hash
    return True, f"{len(rows)} 次递补均按候补顺序进行" if rows else "没有递补"


def _refusals(
    record: DrawRecord, rows: Sequence[DrawReplacement], refusals: Sequence[DrawReplacementRefusal]
) -> tuple[bool, str]:
    """Each refused replacement is unchanged, and indeed no alternate fitted the panel as it stood then."""
    snapshot = algorithm.parsed_snapshot(record.snapshot)
    stored = json.loads(record.result)
    previous = record.record_hash
    for row in refusals:
        if refusal_hash(row, previous) != row.record_hash:
            return False, f"第{row.seq}次被拒绝的递补记录被改动过（哈希不符）"
        panel, remaining = state_before(snapshot, stored, rows, row.after_replacements + 1)
        leaving = next(c for c, _ in panel if c.certificate_no == row.leaving_certificate_no)
        try:
            fit = algorithm.replacement_for(panel, remaining, leaving)[0]
        except Refused:
            previous = row.record_hash
            continue
        return False, f"第{row.seq}次递补被拒绝，但候补 {fit.name} 本可以递补 {leaving.name}"
    return True, f"{len(refusals)} 次被拒绝的递补确实没有合适的候补" if refusals else "没有被拒绝的递补"


def _chain(record: DrawRecord, earlier: DrawRecord | None) -> tuple[bool, str]:
    if record_hash(record) != record.record_hash:
        return False, "记录的时间、操作人、理由、种子或结果被改动过（记录哈希不符）"
    if record.attempt > 1:
        if earlier is None:
            return False, f"同一案件的第{record.attempt - 1}次抽签记录不见了"
        if record.previous_hash != earlier.record_hash:
            return False, f"与同一案件第{record.attempt - 1}次抽签记录的链接不符"
    return True, f"记录哈希 {record.record_hash}"


def _names(result: dict[str, Any]) -> str:
    members = "、".join(m["name"] for m in result["members"])
    return f"小组 {members}，{PANEL_PLACES['alternate']} {'、'.join(a['name'] for a in result['alternates']) or '无'}"
