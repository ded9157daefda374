#!/usr/bin/env python3
"""Check an exported draw record (`handover draw show ID --json`) with nothing but the Python standard library.

    python3 verify_draw.py record.json [earlier.json]

Written from docs/draw-algorithm.md alone, independent of the handover program: every hash of the record is recomputed,
the panel is drawn again from the snapshot and the seed, every replacement and every refused replacement is replayed.
`earlier.json` (the export of the case's previous attempt), if given, must be the record this one chains to.
Exit status 0 when every step holds; 3 naming the first step that fails; 2 when the files cannot be read at all.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import sys
import unicodedata

FORMAT = "handover-draw-export/1"
V1, V2 = "hmac-sha256-ctr-v1", "hmac-sha256-ctr-v2"
V2_MEMBERS = ("commitment", "prepared_at", "public_source", "public_value", "reason_kind")
V1_MEMBERS = ("case_id", "attempt", "created_at", "operator", "reason", "draw_date", "algorithm", "pool_hash",
              "os_entropy", "witness", "seed", "result", "previous_hash")  # fmt: skip
WHITE_SPACE = "".join(
    chr(c) for c in (*range(0x09, 0x0E), 0x20, 0x85, 0xA0, 0x1680, *range(0x2000, 0x200B), 0x2028, 0x2029, 0x202F, 0x205F,
                     0x3000)
)  # fmt: skip


class Failed(Exception):
    """A step that does not hold, with what was found."""


def canonical(value: object) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise Failed(message)


# --- the draw itself (docs/draw-algorithm.md §3, §4) ------------------------------------------------------------------


class Stream:
    def __init__(self, seed: bytes, pool_hash: bytes, version: str) -> None:
        self.key, self.message = seed, f"handover-draw/{version}".encode() + b"\x00" + pool_hash
        self.counter, self.buffer = 0, b""

    def word(self) -> int:
        if not self.buffer:
            block = self.message + self.counter.to_bytes(8, "big")
            self.buffer, self.counter = hmac.new(self.key, block, hashlib.sha256).digest(), self.counter + 1
        word, self.buffer = self.buffer[:8], self.buffer[8:]
        return int.from_bytes(word, "big")

    def below(self, n: int) -> int:
        limit = 2**64 - 2**64 % n
        while True:
            w = self.word()
            if w < limit:
                return w % n


def draw(snapshot: dict, seed: bytes, pool_hash: str) -> dict:  # type: ignore[type-arg]
    pool = sorted(snapshot["pool"], key=lambda c: c["certificate_no"])
    size, alternates = snapshot["panel_size"], snapshot["alternates"]
    expect(len(pool) >= size and len({c["organization"] for c in pool}) >= size and len(pool) - size >= alternates,
           "快照中的人员库组不成评审小组")  # fmt: skip
    leaders = [c for c in pool if c["org_dept"]]
    expect(bool(leaders), "快照中没有组织部人员")
    stream = Stream(seed, bytes.fromhex(pool_hash), snapshot["algorithm"])
    chosen = [leaders[stream.below(len(leaders))]]
    while len(chosen) < size:
        used = {c["organization"] for c in chosen}
        open_ = [c for c in pool if c["organization"] not in used and c not in chosen]
        chosen.append(open_[stream.below(len(open_))])
    rest = [c for c in pool if c not in chosen]
    picked = [rest.pop(stream.below(len(rest))) for _ in range(alternates)]

    def entry(c: dict, role: str) -> dict:  # type: ignore[type-arg]
        return {"certificate_no": c["certificate_no"], "name": c["name"], "role": role}

    members = [entry(chosen[0], "leader"), *(entry(c, "member") for c in chosen[1:])]
    return {"members": members, "alternates": [entry(c, "alternate") for c in picked]}


def fitting(panel: list, remaining: list, leaving: dict) -> dict | None:  # type: ignore[type-arg]
    """§5: the first unused alternate who keeps the panel valid in the leaving member's role, or None."""
    role = next(r for c, r in panel if c is leaving)
    others = {c["organization"] for c, _ in panel if c is not leaving}
    for alternate in remaining:
        if (role != "leader" or alternate["org_dept"]) and alternate["organization"] not in others:
            return alternate  # type: ignore[no-any-return]
    return None


def state_before(record: dict, people: dict, count: int) -> tuple[list, list]:  # type: ignore[type-arg]
    """The panel (person, role) and the unused alternates after the first `count` replacements."""
    result = json.loads(record["result"])
    panel = [(people[m["certificate_no"]], m["role"]) for m in result["members"]]
    used = set()
    for r in record["replacements"][:count]:
        panel = [(people[r["replacement"]] if c["certificate_no"] == r["replaced"] else c, role) for c, role in panel]
        used.add(r["replacement"])
    remaining = [people[a["certificate_no"]] for a in result["alternates"] if a["certificate_no"] not in used]
    return panel, remaining


# --- the steps ------------------------------------------------------------------------------------------------------


def clean(text: str) -> str:
    expect(not any(unicodedata.category(ch) in ("Cc", "Cs") for ch in text), "文字中含有控制字符或无效字符")
    return unicodedata.normalize("NFC", text).strip(WHITE_SPACE)


def step_format(r: dict) -> str:  # type: ignore[type-arg]
    expect(r.get("format") == FORMAT, f"不是 {FORMAT} 格式的导出记录")
    expect(r.get("algorithm") in (V1, V2), f"不认识的算法版本 {r.get('algorithm')!r}")
    if r["algorithm"] == V1:
        expect(all(r.get(k) is None for k in V2_MEMBERS), f"{V1} 的记录不应有 {'、'.join(V2_MEMBERS)}")
    return f"格式 {FORMAT}，算法 {r['algorithm']}"


def step_snapshot(r: dict) -> str:  # type: ignore[type-arg]
    actual = sha256(r["snapshot"].encode("utf-8"))
    expect(actual == r["pool_hash"], f"快照的 SHA-256 为 {actual}，与记录的人员库哈希 {r['pool_hash']} 不符")
    snapshot = json.loads(r["snapshot"])
    expect(canonical(snapshot) == r["snapshot"].encode("utf-8"), "快照不是规范 JSON")
    expect(snapshot["algorithm"] == r["algorithm"], "快照中的算法版本与记录的不一致")
    expect(snapshot["case"]["id"] == r["case_id"], "快照中的案件编号与记录的不一致")
    expect(snapshot["draw_date"] == r["draw_date"], "快照中的抽签日期与记录的不一致")
    return f"快照 SHA-256 {actual}"


def step_commitment(r: dict) -> str:  # type: ignore[type-arg]
    if r["algorithm"] == V1:
        return f"{V1} 没有承诺（跳过）"
    actual = sha256(bytes.fromhex(r["os_entropy"]))
    expect(actual == r["commitment"], f"系统随机数的 SHA-256 为 {actual}，与承诺值 {r['commitment']} 不符")
    return f"承诺值 {actual}"


def step_texts(r: dict) -> str:  # type: ignore[type-arg]
    if r["algorithm"] == V1:
        v1_blanks = WHITE_SPACE + "\x1c\x1d\x1e\x1f"  # v1 trimmed these four separators as well (§2.1)
        expect(r["witness"] == unicodedata.normalize("NFC", r["witness"]).strip(v1_blanks), "见证人输入不是规范形式")
        return "见证人输入为规范形式"
    for name in ("witness", "public_source", "public_value"):
        expect(r[name] is None or clean(r[name]) == r[name], f"{name} 不是规范形式（NFC，两端无空白）")
    expect(bool(r["witness"]), "没有见证人输入")
    expect(bool(r["public_source"]) == bool(r["public_value"]), "公开随机来源与其取值须同时出现")
    return "见证人输入与公开随机值均为规范形式"


def seed_of(r: dict) -> str:  # type: ignore[type-arg]
    entropy = bytes.fromhex(r["os_entropy"])
    expect(len(entropy) == 32, "系统随机数应为 32 字节")
    if r["algorithm"] == V1:
        return sha256(b"handover-seed/v1\x00" + entropy + b"\x00" + r["witness"].encode("utf-8"))

    def field(text: str | None) -> bytes:
        data = (text or "").encode("utf-8")
        return len(data).to_bytes(4, "big") + data

    data = b"handover-seed/v2\x00" + entropy + bytes.fromhex(r["pool_hash"])
    return sha256(data + field(r["witness"]) + field(r["public_source"]) + field(r["public_value"]))


def step_seed(r: dict) -> str:  # type: ignore[type-arg]
    actual = seed_of(r)
    expect(actual == r["seed"], f"推出的种子为 {actual}，与记录的 {r['seed']} 不符")
    return f"种子 {actual}"


def step_result(r: dict) -> str:  # type: ignore[type-arg]
    again = canonical(draw(json.loads(r["snapshot"]), bytes.fromhex(r["seed"]), r["pool_hash"])).decode("utf-8")
    expect(again == r["result"], "按快照和种子重新抽取的结果与记录的不同")
    return "重新抽取得到相同结果"


def step_record_hash(r: dict, earlier: dict | None) -> str:  # type: ignore[type-arg]
    members = V1_MEMBERS if r["algorithm"] == V1 else V1_MEMBERS + V2_MEMBERS
    actual = sha256(canonical({k: r[k] for k in members}))
    expect(actual == r["record_hash"], f"记录哈希应为 {actual}，记录的却是 {r['record_hash']}")
    expect((r["attempt"] == 1) == (r["previous_hash"] is None), "第1次抽签没有前一哈希，以后各次必须有")
    if earlier is not None:
        expect(earlier["case_id"] == r["case_id"] and earlier["attempt"] == r["attempt"] - 1, "前一记录不是同一案件的上一次")
        expect(earlier["record_hash"] == r["previous_hash"], "前一哈希与给出的上一次抽签记录的记录哈希不符")
    return f"记录哈希 {actual}"


def _chained(entry: dict, members: dict, previous: str, what: str) -> str:  # type: ignore[type-arg]
    expect(entry["previous_hash"] == previous, f"{what}的前一哈希不符")
    actual = sha256(canonical({**members, "previous_hash": previous}))
    expect(actual == entry["record_hash"], f"{what}的哈希应为 {actual}，记录的却是 {entry['record_hash']}")
    return actual


def step_replacements(r: dict) -> str:  # type: ignore[type-arg]
    people = {c["certificate_no"]: c for c in json.loads(r["snapshot"])["pool"]}
    previous = r["record_hash"]
    for i, x in enumerate(r["replacements"]):
        what = f"第{i + 1}次递补"
        expect(x["seq"] == i + 1, f"{what}的序号不连续")
        members = {"draw_id": r["draw_id"], "seq": x["seq"], "replaced": x["replaced"], "replacement": x["replacement"],
                   "reason": x["reason"], "operator": x["operator"], "created_at": x["created_at"]}  # fmt: skip
        previous = _chained(x, members, previous, what)
        panel, remaining = state_before(r, people, i)
        leaving = next((c for c, _ in panel if c["certificate_no"] == x["replaced"]), None)
        expect(leaving is not None, f"{what}递补的 {x['replaced']} 不在当时的评审小组中")
        fit = fitting(panel, remaining, leaving)  # type: ignore[arg-type]
        expect(fit is not None and fit["certificate_no"] == x["replacement"], f"{what}不是由下一位符合规则的候补递补")
    return f"{len(r['replacements'])} 次递补"


def step_refusals(r: dict) -> str:  # type: ignore[type-arg]
    people = {c["certificate_no"]: c for c in json.loads(r["snapshot"])["pool"]}
    previous = r["record_hash"]
    for i, x in enumerate(r["refused_replacements"]):
        what = f"第{i + 1}次被拒绝的递补"
        expect(x["seq"] == i + 1, f"{what}的序号不连续")
        members = {"draw_id": r["draw_id"], "seq": x["seq"], "after_replacements": x["after_replacements"],
                   "leaving": x["leaving"], "reason": x["reason"], "refusal": x["refusal"], "operator": x["operator"],
                   "created_at": x["created_at"]}  # fmt: skip
        previous = _chained(x, members, previous, what)
        expect(0 <= x["after_replacements"] <= len(r["replacements"]), f"{what}发生时的递补次数不可能")
        panel, remaining = state_before(r, people, x["after_replacements"])
        leaving = next((c for c, _ in panel if c["certificate_no"] == x["leaving"]), None)
        expect(leaving is not None, f"{what}涉及的 {x['leaving']} 不在当时的评审小组中")
        expect(fitting(panel, remaining, leaving) is None, f"{what}时其实有符合规则的候补")  # type: ignore[arg-type]
    return f"{len(r['refused_replacements'])} 次被拒绝的递补确无合适候补"


def verify(record: dict, earlier: dict | None = None) -> list[tuple[str, bool, str]]:  # type: ignore[type-arg]
    """The steps in order, each (name, held, what was found), up to and including the first that fails."""
    steps = [
        ("格式", step_format), ("快照哈希", step_snapshot), ("承诺", step_commitment), ("文字规范", step_texts),
        ("种子", step_seed), ("抽签结果", step_result), ("记录哈希", lambda r: step_record_hash(r, earlier)),
        ("递补", step_replacements), ("被拒绝的递补", step_refusals),
    ]  # fmt: skip
    done = []
    for number, (label, step) in enumerate(steps, start=1):
        name = f"第{number}步（{label}）"
        try:
            done.append((name, True, step(record)))
        except Failed as exc:
            return [*done, (name, False, str(exc))]
        except (KeyError, TypeError, ValueError, AttributeError, IndexError, StopIteration) as exc:
            return [*done, (name, False, f"记录不完整或无法解析：{type(exc).__name__} {exc}")]
    return done


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 3):
        print(__doc__, file=sys.stderr)
        return 2
    try:
        records = [json.loads(open(path, encoding="utf-8").read()) for path in argv[1:]]
    except (OSError, ValueError) as exc:
        print(f"无法读取：{exc}", file=sys.stderr)
        return 2
    results = verify(records[0], records[1] if len(records) > 1 else None)
    for name, held, detail in results:
        print(f"{'✓' if held else '✗'} {name}：{detail}")
    failed = [name for name, held, _ in results if not held]
    if failed:
        print(f"核验不通过：{failed[0]}不成立", file=sys.stderr)
        return 3
    print("核验通过：记录的每个哈希都可重新算出，评审小组可按快照和种子重现")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
