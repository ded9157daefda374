"""The draw algorithm on its own: the golden vector of docs/draw-algorithm.md, the composition rules, the refusals."""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

import pytest

from handover.draw import algorithm as draw
from handover.errors import Refused

DOC = Path(__file__).resolve().parent.parent / "docs" / "draw-algorithm.md"

GOLDEN_POOL = (
    draw.Candidate("GV-01", "甲一", "县委组织部", True),
    draw.Candidate("GV-02", "乙二", "县委组织部", True),
    draw.Candidate("GV-03", "丙三", "县纪委监委", False),
    draw.Candidate("GV-04", "丁四", "县财政局", False),
    draw.Candidate("GV-05", "戊五", "县财政局", False),
    draw.Candidate("GV-06", "己六", "县审计局", False),
    draw.Candidate("GV-07", "庚七", "县委党校", False),
    draw.Candidate("GV-08", "辛八", "县民政局", False),
)
GOLDEN_EXCLUDED = (
    draw.Excluded("GV-09", "壬九", "云岭镇人民政府", ("规则1 在被评审单位工作：工作单位“云岭镇人民政府”属于被评审单位云岭镇",)),
)
GOLDEN_CASE = {"id": 1, "unit": "云岭镇", "outgoing": "林晓梅", "incoming": "周建国"}
GOLDEN_ENTROPY = bytes(range(32))
GOLDEN_WITNESS = "见证人：张三"
GOLDEN_POOL_HASH = "41b5f3296af4df6619d94d534bf5d13bc0e0fdccd77446b132778bfb1299ae91"
GOLDEN_SEED = "e8a4a079714b0dbef77c45e9c2f82df2a3630a28a8b3fb697e02c1c6a0984bd6"
GOLDEN_BLOCK0 = "65c953a0cd12b35ae2bd4ce84a5573b1ee787512efbf4e05adcfce6d97cd4abe"
GOLDEN_RESULT = (
    '{"alternates":[{"certificate_no":"GV-02","name":"乙二","role":"alternate"},'
    '{"certificate_no":"GV-08","name":"辛八","role":"alternate"}],'
    '"members":[{"certificate_no":"GV-01","name":"甲一","role":"leader"},'
    '{"certificate_no":"GV-04","name":"丁四","role":"member"},{"certificate_no":"GV-06","name":"己六","role":"member"}]}'
)


def golden(pool: tuple[draw.Candidate, ...] = GOLDEN_POOL) -> draw.Snapshot:
    return draw.Snapshot(GOLDEN_CASE, "2026-08-01", 3, 2, pool, GOLDEN_EXCLUDED)


def test_golden_vector() -> None:
    snapshot = golden()
    assert snapshot.sha256() == GOLDEN_POOL_HASH
    seed = draw.derive_seed(GOLDEN_ENTROPY, GOLDEN_WITNESS)
    assert seed.hex() == GOLDEN_SEED
    stream = draw.Stream(seed, bytes.fromhex(GOLDEN_POOL_HASH))
    assert b"".join(stream.u64().to_bytes(8, "big") for _ in range(4)).hex() == GOLDEN_BLOCK0
    result = draw.canonical_json(draw.select(snapshot, seed).to_dict()).decode()
    assert result == GOLDEN_RESULT


def test_the_specification_states_the_same_golden_vector() -> None:
    text = DOC.read_text(encoding="utf-8")
    for value in (golden().canonical().decode(), GOLDEN_POOL_HASH, GOLDEN_SEED, GOLDEN_BLOCK0, GOLDEN_RESULT, draw.ALGORITHM):
        assert value in text


def test_snapshot_is_canonical_whatever_the_order_it_was_built_in() -> None:
    shuffled = list(GOLDEN_POOL)
    random.Random(7).shuffle(shuffled)
    assert golden(tuple(shuffled)).sha256() == GOLDEN_POOL_HASH
    seed = bytes.fromhex(GOLDEN_SEED)
    assert draw.select(golden(tuple(shuffled)), seed) == draw.select(golden(), seed)


def test_any_change_to_the_snapshot_changes_hash_and_stream() -> None:
    renamed = (draw.Candidate("GV-01", "甲壹", "县委组织部", True), *GOLDEN_POOL[1:])
    assert golden(renamed).sha256() != GOLDEN_POOL_HASH
    seed = bytes.fromhex(GOLDEN_SEED)
    first = draw.Stream(seed, bytes.fromhex(GOLDEN_POOL_HASH)).u64()
    assert draw.Stream(seed, bytes.fromhex(golden(renamed).sha256())).u64() != first


def test_witness_text_changes_the_seed_and_is_normalised() -> None:
    base = draw.derive_seed(GOLDEN_ENTROPY, "见证人：张三")
    assert draw.derive_seed(GOLDEN_ENTROPY, "  见证人：张三\n") == base
    assert draw.derive_seed(GOLDEN_ENTROPY, "见证人：李四") != base
    assert draw.derive_seed(GOLDEN_ENTROPY, None) == draw.derive_seed(GOLDEN_ENTROPY, "")
    assert draw.derive_seed(bytes(32), "见证人：张三") != base
    assert draw.fresh_entropy() != draw.fresh_entropy()


def test_below_rejects_words_that_would_bias_the_result() -> None:
    # with n = 2^63 + 1 almost half of all words lie above the limit and must be rejected, never folded by modulo
    n = (1 << 63) + 1
    stream = draw.Stream(hashlib.sha256(b"r").digest(), bytes(32))
    words = draw.Stream(hashlib.sha256(b"r").digest(), bytes(32))
    limit = (1 << 64) - (1 << 64) % n
    for _ in range(200):
        value = stream.below(n)
        while True:
            word = words.u64()
            if word < limit:
                break
        assert value == word % n < n
    with pytest.raises(ValueError):
        stream.below(0)


def varied_pool() -> tuple[draw.Candidate, ...]:
    """Twelve reviewers: four from the organisation department, several sharing a work unit."""
    units = ["县委组织部"] * 4 + ["县财政局"] * 3 + ["县纪委监委"] * 2 + ["县委党校", "县审计局", "县民政局"]
    return tuple(draw.Candidate(f"P{i:02d}", f"人{i}", unit, unit == "县委组织部") for i, unit in enumerate(units))


def test_composition_leader_from_org_dept_members_from_distinct_units_alternates_apart() -> None:
    snapshot = draw.Snapshot({"id": 1}, "2026-01-01", 4, 3, varied_pool(), ())
    leaders = set()
    for i in range(300):
        sel = draw.select(snapshot, hashlib.sha256(b"c%d" % i).digest())
        assert sel.leader.org_dept
        leaders.add(sel.leader.certificate_no)
        units = [c.organization for c in sel.panel]
        assert len(units) == len(set(units)) == 4
        assert len(sel.alternates) == 3
        assert not set(sel.alternates) & set(sel.panel)
        assert sel.to_dict()["members"][0]["role"] == "leader"
    assert leaders == {"P00", "P01", "P02", "P03"}


@pytest.mark.parametrize(
    ("pool", "size", "alternates", "message"),
    [
        (varied_pool()[4:8], 3, 0, "组长须来自组织部，但符合条件的 4 人中组织部人员为 0 人"),
        (varied_pool()[:2], 3, 0, "符合条件的评审人员只有 2 人，少于小组人数 3 人"),
        (varied_pool()[:7], 3, 0, "只来自 2 个工作单位，少于小组人数 3 人"),
        (varied_pool()[:12], 3, 10, "只剩 9 人，少于候补人数 10 人"),
        (varied_pool(), 0, 0, "评审小组人数至少为1人"),
    ],
)
def test_impossible_panels_are_refused_naming_the_rule_and_the_counts(
    pool: tuple[draw.Candidate, ...], size: int, alternates: int, message: str
) -> None:
    with pytest.raises(Refused) as refused:
        draw.select(draw.Snapshot({"id": 1}, "2026-01-01", size, alternates, pool, ()), bytes(32))
    assert message in refused.value.message


def test_unknown_algorithm_version_is_refused() -> None:
    snapshot = draw.Snapshot({"id": 1}, "2026-01-01", 3, 0, varied_pool(), (), algorithm="hmac-sha256-ctr-v0")
    with pytest.raises(Refused, match="不支持的抽签算法版本"):
        draw.select(snapshot, bytes(32))


def test_replacement_takes_the_next_alternate_that_keeps_the_rules() -> None:
    org_a, org_b, fin, audit, school = (
        draw.Candidate("A", "组甲", "县委组织部", True),
        draw.Candidate("B", "组乙", "县委组织部", True),
        draw.Candidate("F", "财丙", "县财政局", False),
        draw.Candidate("U", "审丁", "县审计局", False),
        draw.Candidate("S", "校戊", "县委党校", False),
    )
    panel = [(org_a, "leader"), (fin, "member"), (audit, "member")]
    # a member leaves: 组乙 would be a second person from 县委组织部, so 校戊 comes in and 组乙 stays available
    newcomer, skipped = draw.replacement_for(panel, [org_b, school], fin)
    assert newcomer == school and skipped == ("组乙（与成员组甲同在县委组织部）",)
    # the leader leaves: only someone from the organisation department may lead
    newcomer, skipped = draw.replacement_for(panel, [school, org_b], org_a)
    assert newcomer == org_b and skipped == ("校戊（非组织部人员，不能任组长）",)
    with pytest.raises(Refused, match="没有符合组成规则的候补人员可以递补组甲"):
        draw.replacement_for(panel, [school], org_a)
