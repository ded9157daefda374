"""Damaged spreadsheets are refused, never a crash: a seeded fuzz over mutated copies of real .xlsx and .csv files.

Each mutated file goes through `handover value import` or `handover reviewer import`: in-process for most, a sample through
the installed `handover` command. The only outcomes allowed are exit 0 (the file still reads as a valid sheet) and
exit 2 (a refusal naming the file); exit 1 (an unexpected failure) is a defect. A file accepted must not have changed
data where the change can be told: an .xlsx carries a CRC for every part, so any change to its content is detectable;
a damaged UTF-8, GBK or UTF-16 byte in a CSV is too. A flipped digit in a CSV is not, and is only held to altering no
more than the rows it touched (never the whole file, as reading damaged UTF-8 as GBK would).
"""

from __future__ import annotations

import io
import random
import sqlite3
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import Result

SEED = 12
VALUE_HEADER = ["指标代码", "指标名称", "届初", "届末", "届初村名", "届末村名", "不适用理由", "备注"]
VALUE_ROWS = [
    ["ORG01", "五星级村党组织数", 2, 3, "甲村、乙村", "甲村，乙村，丙村", "", "新增丙村"],
    ["ORG02", "后进村党组织数", 1, 0, "丙村", "", "", "后进村已转化"],
    ["ORG05", "达标村数", 3, 5, "", "", "", "村级阵地改造"],
    ["ORG06", "三会一课", 85.5, 97, "", "", "", "按季度抽查"],
    ["ORG08", "述职评议等次", "较好", "好", "", "", "", "县委常委会评议"],
    ["CAD03", "平均年龄", 48.5, 45, "", "", "", "换届后年轻化"],
    ["MEM01", "党员总数", 1200, 1250, "", "", "", "发展党员五十名"],
    ["ECO01", "集体经济总收入", 386, 512.5, "", "", "", "合作社分红增加"],
    ["INN04", "小区党支部数", "", "", "", "", "辖区无住宅小区", "乡镇无小区"],
]
REVIEWER_HEADER = ["姓名", "工作单位", "性别", "是否组织部", "证书编号", "证书有效期至", "最近培训日期", "回避对象", "是否在岗"]
REVIEWER_ROWS = [
    [f"评审员{name}", f"县委组织部第{i}科", "男" if i % 2 else "女", "是" if i < 4 else "否", f"PS-{2024000 + i}",
     "2030-12-31", "2026-03-15", "王一（亲属）" if i == 2 else "", "是"]
    for i, name in enumerate("甲乙丙丁戊己庚辛", start=1)
]  # fmt: skip


def _xlsx(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append([None if cell == "" else cell for cell in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _csv(rows: list[list[object]], encoding: str) -> bytes:
    import csv

    out = io.StringIO(newline="")
    csv.writer(out, delimiter="\t" if encoding == "utf-16" else ",").writerows(rows)
    return out.getvalue().encode(encoding if encoding != "utf-8" else "utf-8-sig")


@dataclass(frozen=True)
class Mutant:
    """One damaged file: its bytes, its suffix, how it was made, and whether an accepted import must equal the
    original's ("exact"), may differ in at most `touched` rows ("rows"), or cannot be judged ("any")."""

    data: bytes
    suffix: str
    how: str
    check: str
    touched: int = 0


def _flip(rng: random.Random, data: bytes, suffix: str) -> Mutant:
    out = bytearray(data)
    count = rng.randint(1, 3)
    for _ in range(count):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return Mutant(bytes(out), suffix, "flip", "exact" if suffix == ".xlsx" else "rows", 2 * count)


def _truncate(rng: random.Random, data: bytes, suffix: str) -> Mutant:
    cut = rng.randrange(len(data))
    return Mutant(data[:cut], suffix, "truncate", "exact" if suffix == ".xlsx" else "any")


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        return {name: book.read(name) for name in book.namelist()}


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:
        for name, content in members.items():
            book.writestr(name, content)
    return out.getvalue()


#: damage to one part of a workbook, as another program or a broken copy leaves it; each yields a well-formed zip
_XML_DAMAGE: list[Callable[[random.Random, bytes], bytes]] = [
    lambda rng, xml: xml[: rng.randrange(len(xml))],  # the part cut short
    lambda rng, xml: (lambda i: xml[:i] + b"<" + xml[i:])(rng.randrange(len(xml))),  # a stray tag start
    lambda rng, xml: xml.replace(b't="s"', b't="b"', 1),  # a shared string marked boolean
    lambda rng, xml: xml.replace(b"<v>", b"<v>x", 1),  # a number that is not one
    lambda rng, xml: xml.replace(b't="s"><v>', b't="s"><v>99', 1),  # a shared string index past the end
    lambda rng, xml: xml.replace(b'r="B2"', b'r="!!"', 1),  # a cell reference that is not one
    lambda rng, xml: xml.replace(b"<v>", b'<v>1E+999', 1).replace(b"<c ", b'<c t="d" ', 1),  # a date that is not one
    lambda rng, xml: bytes(rng.randrange(256) for _ in range(rng.randint(1, 200))),  # the part replaced by noise
    lambda rng, xml: xml.replace(b"encoding=\"UTF-8\"", b"encoding=\"GBK\"", 1) + "甲".encode("gbk"),
]


def _member_damage(rng: random.Random, data: bytes, suffix: str) -> Mutant:
    members = _members(data)
    name = rng.choice(sorted(members))
    if rng.random() < 0.15:
        del members[name]
        return Mutant(_zip(members), suffix, f"drop {name}", "any")
    members[name] = rng.choice(_XML_DAMAGE)(rng, members[name])
    # a part rewritten inside a valid zip changes data without a CRC to catch it: only refusal or exit 0 is judged
    return Mutant(_zip(members), suffix, f"damage {name}", "any")


def _encoding_damage(rng: random.Random, data: bytes, suffix: str) -> Mutant:
    text_start = 3 if data.startswith(b"\xef\xbb\xbf") else 2 if data.startswith(b"\xff\xfe") else 0
    high = [i for i, b in enumerate(data) if b >= 0x80 and i >= text_start]
    kind = rng.randrange(6)
    if kind == 0 and high:  # one byte of a Chinese character lost
        i = rng.choice(high)
        return Mutant(data[:i] + data[i + 1 :], suffix, "lose a byte of a character", "exact")
    if kind == 1:  # bytes that are valid in neither UTF-8 nor GBK (in UTF-16 they may pair into a real character)
        i = rng.randrange(text_start, len(data))
        check = "rows" if suffix == ".txt" else "exact"
        return Mutant(data[:i] + b"\xff\xfe\xff"[: rng.randint(1, 3)] + data[i:], suffix, "invalid bytes", check, 2)
    if kind == 2:  # a NUL or another control byte inside a row
        i = rng.randrange(text_start, len(data))
        return Mutant(data[:i] + bytes([rng.choice([0, 1, 7, 27, 127])]) + data[i:], suffix, "control byte", "exact")
    if kind == 3:  # old Mac line ends (bare CR), or one stray CR
        if rng.random() < 0.5:
            return Mutant(data.replace(b"\r\n", b"\r").replace(b"\n", b"\r"), suffix, "bare CR line ends", "exact")
        i = rng.randrange(text_start, len(data))
        return Mutant(data[:i] + b"\r" + data[i:], suffix, "stray CR", "rows", 2)
    if kind == 4:  # a cell far over the csv module's field limit
        return Mutant(data + b'"' + b"x" * 140_000 + b'"\r\n', suffix, "huge field", "any")
    i = rng.randrange(text_start, len(data))  # an unclosed quote
    return Mutant(data[:i] + b'"' + data[i:], suffix, "unclosed quote", "any")


def _mutants(valid: dict[str, tuple[bytes, str]], total: int) -> list[tuple[str, Mutant]]:
    rng = random.Random(SEED)
    out: list[tuple[str, Mutant]] = []
    names = sorted(valid)
    while len(out) < total:
        name = names[len(out) % len(names)]
        data, suffix = valid[name]
        if suffix == ".xlsx":
            make = rng.choice([_flip, _flip, _truncate, _member_damage, _member_damage])
        else:
            make = rng.choice([_flip, _truncate, _encoding_damage, _encoding_damage])
        out.append((name, make(rng, data, suffix)))
    return out


VALID = {
    "values-xlsx": (_xlsx([VALUE_HEADER, *VALUE_ROWS]), ".xlsx"),
    "values-utf8": (_csv([VALUE_HEADER, *VALUE_ROWS], "utf-8"), ".csv"),
    "values-gbk": (_csv([VALUE_HEADER, *VALUE_ROWS], "gbk"), ".csv"),
    "values-utf16": (_csv([VALUE_HEADER, *VALUE_ROWS], "utf-16"), ".txt"),
    "reviewers-xlsx": (_xlsx([REVIEWER_HEADER, *REVIEWER_ROWS]), ".xlsx"),
    "reviewers-utf8": (_csv([REVIEWER_HEADER, *REVIEWER_ROWS], "utf-8"), ".csv"),
    "reviewers-gbk": (_csv([REVIEWER_HEADER, *REVIEWER_ROWS], "gbk"), ".csv"),
}


def _state(path: Path) -> list[tuple[object, ...]]:
    """What an import stores: the case's values with their named villages, and the reviewer pool with conflicts."""
    conn = sqlite3.connect(path)
    try:
        values = conn.execute(
            "SELECT v.code, v.start_value, v.end_value, v.na_reason, v.note,"
            " (SELECT group_concat(n.point || ':' || n.village_id, ',') FROM named_village n WHERE n.value_id = v.id)"
            " FROM indicator_value v WHERE v.start_value IS NOT NULL OR v.end_value IS NOT NULL OR v.note IS NOT NULL"
            " ORDER BY v.code"
        ).fetchall()
        reviewers = conn.execute(
            "SELECT r.certificate_no, r.name, r.organization, r.gender, r.org_dept, r.certified_until, r.trained_on,"
            " r.active, (SELECT group_concat(c.kind || c.target || c.reason, ',') FROM reviewer_conflict c WHERE c.reviewer_id = r.id)"
            " FROM reviewer r ORDER BY r.certificate_no"
        ).fetchall()
        return [tuple(row) for row in values + reviewers]
    finally:
        conn.close()


def _restore(template: Path, target: Path) -> None:
    source, dest = sqlite3.connect(template), sqlite3.connect(target)
    try:
        source.backup(dest)
    finally:
        source.close()
        dest.close()


@pytest.fixture
def county(township_case: str, db_path: Path, tmp_path: Path) -> tuple[str, Path]:
    """The case, no values yet, and an empty reviewer pool, kept as a template file to go back to."""
    template = tmp_path / "template.sqlite3"
    _restore(db_path, template)
    return township_case, template


def _command(name: str, case_id: str, path: Path) -> list[str]:
    return ["value", "import", case_id, str(path)] if name.startswith("values") else ["reviewer", "import", str(path)]


def _changed_rows(expected: list[tuple[object, ...]], got: list[tuple[object, ...]]) -> int:
    return len(set(expected) ^ set(got))


def _judge(mutant: Mutant, result: Result, expected: list[tuple[object, ...]], got: list[tuple[object, ...]]) -> str | None:
    """What is wrong with the outcome of one mutated file, or None."""
    if result.code not in (0, 2):
        return f"exit {result.code}: {result.err.strip()[-300:]}"
    if result.code == 2 and "第" not in result.err and "：" not in result.err:
        return f"a refusal that names no place: {result.err.strip()}"
    if result.code == 0 and mutant.check == "exact" and got != expected:
        return f"accepted with altered data: {_changed_rows(expected, got)} rows differ"
    if result.code == 0 and mutant.check == "rows" and _changed_rows(expected, got) > mutant.touched:
        return f"accepted with {_changed_rows(expected, got)} rows altered by {mutant.touched // 2} damaged bytes"
    return None


@pytest.mark.slow
def test_a_thousand_damaged_files_are_refused_or_read_whole(run, db_path, county, tmp_path) -> None:  # type: ignore[no-untyped-def]
    case_id, template = county
    expected: dict[str, list[tuple[object, ...]]] = {}
    for name, (data, suffix) in VALID.items():
        path = tmp_path / f"{name}{suffix}"
        path.write_bytes(data)
        assert run(*_command(name, case_id, path)).code == 0, name
        expected[name] = _state(db_path)
        _restore(template, db_path)
    mutants = _mutants(VALID, 1_000)
    problems: list[str] = []
    outcomes = {0: 0, 2: 0}
    handover = Path(sys.executable).with_name("handover")
    for number, (name, mutant) in enumerate(mutants):
        path = tmp_path / f"fuzz-{number}{mutant.suffix}"
        path.write_bytes(mutant.data)
        if number % 100 == 0:  # a sample through the installed command, as a user runs it
            done = subprocess.run([str(handover), "--db", str(db_path), *_command(name, case_id, path)],
                                  capture_output=True, text=True, timeout=60)  # fmt: skip
            result = Result(done.returncode, done.stdout, done.stderr)
        else:
            result = run(*_command(name, case_id, path))
        outcomes[result.code] = outcomes.get(result.code, 0) + 1
        if result.code == 2:
            assert path.name in result.err, result.err  # every refusal names the file
        problem = _judge(mutant, result, expected[name], _state(db_path) if result.code == 0 else expected[name])
        if problem:
            problems.append(f"{path.name} ({name}, {mutant.how}): {problem}")
        if result.code == 0:
            _restore(template, db_path)
        path.unlink()
    assert not problems, f"{len(problems)} of {len(mutants)}:\n" + "\n".join(problems[:40])
    assert outcomes[2] > len(mutants) // 2  # most damage is refused, so the fuzz did reach the reader
