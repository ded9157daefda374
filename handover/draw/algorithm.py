"""The draw by lot (抽签) of a review panel: a deterministic function of (snapshot, seed, algorithm version).

Specified in docs/draw-algorithm.md so that a third party can reimplement it; nothing here depends on Python's `random`
module, on hash randomisation or on dictionary order. Changing anything that affects the result needs a new ALGORITHM
string, and the old version must stay available so that old draw records still verify.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from json.encoder import encode_basestring  # how json.dumps(ensure_ascii=False) writes a string
from typing import Any

from handover.draw.seed import ALGORITHM_V2
from handover.errors import Refused

#: the first version (seed from machine bytes and witness at once); its records keep verifying
ALGORITHM = "hmac-sha256-ctr-v1"
#: what new draws use: the committed seed of handover/draw/seed.py, the same stream and selection
CURRENT = ALGORITHM_V2
SUPPORTED_ALGORITHMS = frozenset({ALGORITHM, ALGORITHM_V2})
_STREAM_LABELS = {name: f"handover-draw/{name}".encode() + b"\x00" for name in SUPPORTED_ALGORITHMS}
_SEED_LABEL = b"handover-seed/v1\x00"
_U64 = 1 << 64


@dataclass(frozen=True)
class Candidate:
    """One eligible reviewer as frozen in the snapshot: what the composition rules need, and nothing else."""

    certificate_no: str
    name: str
    organization: str
    org_dept: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "certificate_no": self.certificate_no,
            "name": self.name,
            "organization": self.organization,
            "org_dept": self.org_dept,
        }


@dataclass(frozen=True)
class Excluded:
    """A reviewer of the pool left out of the draw, with every reason that applies (回避或不符合条件)."""

    certificate_no: str
    name: str
    organization: str
    reasons: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "certificate_no": self.certificate_no,
            "name": self.name,
            "organization": self.organization,
            "reasons": list(self.reasons),
        }


@dataclass(frozen=True)
class Snapshot:
    """The frozen input of a draw: the case, the draw date, the panel shape, the eligible pool and the exclusions."""

    case: dict[str, Any]
    draw_date: str
    panel_size: int
    alternates: int
    pool: tuple[Candidate, ...]
    excluded: tuple[Excluded, ...]
    algorithm: str = ALGORITHM

    def to_dict(self) -> dict[str, Any]:
        return {**self._head(), "pool": [c.to_dict() for c in sorted(self.pool, key=lambda c: c.certificate_no)]}

    def _head(self) -> dict[str, Any]:
        return {
            "algorithm": self.algorithm,
            "case": self.case,
            "draw_date": self.draw_date,
            "panel_size": self.panel_size,
            "alternates": self.alternates,
            "excluded": [e.to_dict() for e in sorted(self.excluded, key=lambda e: e.certificate_no)],
        }

    def canonical(self) -> bytes:
        """The canonical JSON of `to_dict`, made once per snapshot (a megabyte at 10,000 reviewers)."""
        return self._canonical

    def sha256(self) -> str:
        return self._sha256

    @cached_property
    def _canonical(self) -> bytes:
        if any(type(c.org_dept) is not bool for c in self.pool):
            return canonical_json(self.to_dict())
        try:
            pool = _pool_json(sorted(self.pool, key=lambda c: c.certificate_no))
        except TypeError:  # a name that is not text: the general writer says the same as before
            return canonical_json(self.to_dict())
        # "pool" sorts after every other key: the same bytes as canonical_json(self.to_dict()), without a dict per reviewer
        return canonical_json(self._head())[:-1] + b',"pool":' + pool + b"}"

    @cached_property
    def _sha256(self) -> str:
        return hashlib.sha256(self._canonical).hexdigest()

    @classmethod
    def from_json(cls, text: str) -> Snapshot:
        """Read a stored snapshot; a malformed one raises ValueError (verification reports it)."""
        data = json.loads(text)
        try:
            return cls(
                case=dict(data["case"]),
                draw_date=str(data["draw_date"]),
                panel_size=int(data["panel_size"]),
                alternates=int(data["alternates"]),
                pool=tuple(
                    Candidate(str(c["certificate_no"]), str(c["name"]), str(c["organization"]), bool(c["org_dept"]))
                    for c in data["pool"]
                ),
                excluded=tuple(
                    Excluded(str(e["certificate_no"]), str(e["name"]), str(e["organization"]), tuple(e["reasons"]))
                    for e in data["excluded"]
                ),
                algorithm=str(data["algorithm"]),
            )
        except (KeyError, TypeError) as exc:
            raise ValueError(f"snapshot is missing a field: {exc}") from exc


def _pool_json(pool: Sequence[Candidate]) -> bytes:
    """The pool as canonical_json writes the list of `Candidate.to_dict()` (keys sorted), written directly."""
    e = encode_basestring
    return ("[" + ",".join([
        f'{{"certificate_no":{e(c.certificate_no)},"name":{e(c.name)},"org_dept":{"true" if c.org_dept else "false"},'
        f'"organization":{e(c.organization)}}}'
        for c in pool
    ]) + "]").encode("utf-8")  # fmt: skip


_PARSED: dict[str, Snapshot] = {}  # the last few snapshots read or written, by their text
_PARSED_LOCK = threading.Lock()


def parsed_snapshot(text: str) -> Snapshot:
    """`Snapshot.from_json`, remembered: one draw is read several times over (checks, display), a megabyte each at 10,000."""
    found = _PARSED.get(text)
    if found is None:
        found = Snapshot.from_json(text)
        _keep(text, found)
    return found


def remember(snapshot: Snapshot) -> str:
    """The snapshot's canonical text, to be stored; `parsed_snapshot` of that text then gives the snapshot back without
    parsing it: in the order and with the values `Snapshot.from_json` reads from the text (keys sorted, pool and
    exclusions by certificate number), and with its canonical bytes already made."""
    data = snapshot.canonical()
    text = data.decode("utf-8")
    again = replace(
        snapshot,
        case=dict(sorted(snapshot.case.items())),
        pool=tuple(sorted(snapshot.pool, key=lambda c: c.certificate_no)),
        excluded=tuple(sorted(snapshot.excluded, key=lambda e: e.certificate_no)),
    )
    again.__dict__["_canonical"] = data  # what cached_property would compute: to_dict sorts the same way
    _keep(text, again)
    return text


def _keep(text: str, snapshot: Snapshot) -> None:
    with _PARSED_LOCK:
        _PARSED[text] = snapshot
        while len(_PARSED) > 4:
            del _PARSED[next(iter(_PARSED))]


def canonical_json(data: Any) -> bytes:
    """Keys sorted, no spaces, UTF-8 without escapes: the same bytes from any correct JSON writer configured so."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def normalise_witness(text: str | None) -> str:
    """What a witness typed, in Unicode NFC with surrounding blanks removed (so the same words give the same seed)."""
    return unicodedata.normalize("NFC", text or "").strip()


def fresh_entropy() -> bytes:
    """32 bytes from the operating system's CSPRNG."""
    return secrets.token_bytes(32)


def derive_seed(os_entropy: bytes, witness: str | None) -> bytes:
    """seed = SHA-256("handover-seed/v1" 0x00 ‖ os_entropy ‖ 0x00 ‖ UTF-8(NFC(witness)))."""
    return hashlib.sha256(_SEED_LABEL + os_entropy + b"\x00" + normalise_witness(witness).encode("utf-8")).digest()


class Stream:
    """HMAC-SHA256 in counter mode: block i = HMAC(seed, label ‖ pool_hash ‖ uint64_be(i)); read as 64-bit words."""

    def __init__(self, seed: bytes, pool_hash: bytes, version: str = ALGORITHM) -> None:
        if len(seed) != 32 or len(pool_hash) != 32:
            raise ValueError("seed and pool hash must be 32 bytes each")
        self._mac = hmac.new(seed, _STREAM_LABELS[version] + pool_hash, hashlib.sha256)
        self._counter = 0
        self._buffer = b""

    def _block(self) -> bytes:
        mac = self._mac.copy()
        mac.update(self._counter.to_bytes(8, "big"))
        self._counter += 1
        return mac.digest()

    def u64(self) -> int:
        if not self._buffer:
            self._buffer = self._block()
        word, self._buffer = self._buffer[:8], self._buffer[8:]
        return int.from_bytes(word, "big")

    def below(self, n: int) -> int:
        """A uniform integer in [0, n): rejection sampling, so no value is favoured (no modulo bias)."""
        if n <= 0:
            raise ValueError("n must be positive")
        limit = _U64 - _U64 % n
        while True:
            word = self.u64()
            if word < limit:
                return word % n


@dataclass(frozen=True)
class Selection:
    """The result: the leader first, then the other members in drawing order, then the alternates in order."""

    leader: Candidate
    members: tuple[Candidate, ...]
    alternates: tuple[Candidate, ...]

    @property
    def panel(self) -> tuple[Candidate, ...]:
        return (self.leader, *self.members)

    def to_dict(self) -> dict[str, Any]:
        def entry(c: Candidate, role: str) -> dict[str, str]:
            return {"certificate_no": c.certificate_no, "name": c.name, "role": role}

        return {
            "members": [entry(self.leader, "leader"), *(entry(c, "member") for c in self.members)],
            "alternates": [entry(c, "alternate") for c in self.alternates],
        }


def check_sizes(size: int | None, alternates: int | None) -> None:
    """Refuses a panel size below 1 or a negative number of alternates (None: not given, nothing to check)."""
    if size is not None and size < 1:
        raise Refused(f"评审小组人数至少为1人，收到 {size}")
    if alternates is not None and alternates < 0:
        raise Refused(f"候补人数不能为负数，收到 {alternates}")


def check_composition(pool: Sequence[Candidate], size: int, alternates: int) -> list[Candidate]:
    """The possible leaders; refuses, naming the unmet rule and the counts, when no valid panel exists."""
    check_sizes(size, alternates)
    eligible = len(pool)
    org = [c for c in pool if c.org_dept]
    units = {c.organization for c in pool}
    if eligible < size:
        raise Refused(f"无法组成评审小组：符合条件的评审人员只有 {eligible} 人，少于小组人数 {size} 人")
    if not org:
        raise Refused(f"无法组成评审小组：组长须来自组织部，但符合条件的 {eligible} 人中组织部人员为 0 人")
    if len(units) < size:
        raise Refused(
            f"无法组成评审小组：小组成员不得来自同一工作单位，符合条件的 {eligible} 人只来自 {len(units)} 个工作单位，"
            f"少于小组人数 {size} 人"
        )
    if eligible - size < alternates:
        raise Refused(
            f"候补人数不足：符合条件的 {eligible} 人组成 {size} 人小组后只剩 {eligible - size} 人，少于候补人数 {alternates} 人"
            "（可减少候补人数）"
        )
    # every organisation-department reviewer can lead: with at least `size` work units in the pool, enough units other
    # than the leader's remain for the members, so the drawing below never runs out of candidates
    return org


def select(snapshot: Snapshot, seed: bytes) -> Selection:
    """Draw the panel: leader, members from distinct work units, alternates; see docs/draw-algorithm.md §4."""
    if snapshot.algorithm not in SUPPORTED_ALGORITHMS:
        raise Refused(f"不支持的抽签算法版本 “{snapshot.algorithm}”")
    pool = sorted(snapshot.pool, key=lambda c: c.certificate_no)
    leaders = check_composition(pool, snapshot.panel_size, snapshot.alternates)
    stream = Stream(seed, bytes.fromhex(snapshot.sha256()), snapshot.algorithm)
    leader = leaders[stream.below(len(leaders))]
    chosen = [leader]
    used_units = {leader.organization}
    while len(chosen) < snapshot.panel_size:
        # a candidate from a unit not used yet is not among the chosen (each chosen one's unit is used)
        open_ = [c for c in pool if c.organization not in used_units]
        pick = open_[stream.below(len(open_))]
        chosen.append(pick)
        used_units.add(pick.organization)
    numbers = {c.certificate_no for c in chosen}  # only those with a chosen one's number can equal a chosen one
    rest = [c for c in pool if c.certificate_no not in numbers or c not in chosen]
    alternates = []
    for _ in range(snapshot.alternates):
        alternates.append(rest.pop(stream.below(len(rest))))
    return Selection(leader, tuple(chosen[1:]), tuple(alternates))


def replacement_for(
    panel: Sequence[tuple[Candidate, str]], remaining: Sequence[Candidate], leaving: Candidate
) -> tuple[Candidate, tuple[str, ...]]:
    """The next alternate in order who keeps the panel valid when `leaving` cannot serve, and why others were passed.

    The newcomer takes the role of the one leaving; a leader must be from the organisation department, and no two
    members may share a work unit. Alternates passed over stay available for a later replacement.
    """
    role = next(r for c, r in panel if c == leaving)
    others = {c.organization: c for c, _ in panel if c != leaving}
    skipped = []
    for alternate in remaining:
        if role == "leader" and not alternate.org_dept:
            skipped.append(f"{alternate.name}（非组织部人员，不能任组长）")
        elif alternate.organization in others:
            skipped.append(f"{alternate.name}（与成员{others[alternate.organization].name}同在{alternate.organization}）")
        else:
            return alternate, tuple(skipped)
    passed = "；".join(skipped) if skipped else "候补已用完"
    raise Refused(f"没有符合组成规则的候补人员可以递补{leaving.name}（{passed}）；请重新抽签并说明理由")
