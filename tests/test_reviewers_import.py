"""Importing the reviewer pool from the sheets counties keep: headers in Chinese or English, all rows or none,
re-import updates by certificate number, and every bad file refused with its row and column, nothing changed."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import dump

HEADER = "姓名,工作单位,性别,是否组织部,证书编号,证书有效期至,最近培训日期,回避对象"
GOOD = [
    "张三,县委组织部,男,是,PS-001,2027-12-31,2026-03-01,",
    "李四,县财政局,女,否,PS-002,2027/06/30,2026.02.01,林晓梅（亲属）；云岭镇（曾任职）;周建国(同学)",
    "王五,县审计局,男,,PS-003,,,",
]


def write_csv(path: Path, lines: list[str], encoding: str = "utf-8") -> Path:
    path.write_text("\n".join(lines) + "\n", encoding=encoding)
    return path


def pool(run) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    return {r["certificate_no"]: r for r in json.loads(run("reviewer", "list", "--json").out)}


@pytest.fixture
def county(run) -> None:  # type: ignore[no-untyped-def]
    assert run("unit", "add", "云岭镇", "--type", "township").code == 0


def test_import_csv_with_chinese_headers(run, county, tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = run("reviewer", "import", str(write_csv(tmp_path / "pool.csv", [HEADER, *GOOD])))
    assert result.code == 0, result.err
    assert "新增 3 人" in result.out
    people = pool(run)
    assert set(people) == {"PS-001", "PS-002", "PS-003"}
    zhang, li, wang = people["PS-001"], people["PS-002"], people["PS-003"]
    assert zhang["org_dept"] is True and zhang["gender"] == "男" and zhang["certified_until"] == "2027-12-31"
    assert li["org_dept"] is False and li["certified_until"] == "2027-06-30" and li["trained_on"] == "2026-02-01"
    assert li["conflicts"] == [
        {"target": "林晓梅", "kind": "person", "reason": "亲属"},
        {"target": "云岭镇", "kind": "unit", "reason": "曾任职"},
        {"target": "周建国", "kind": "person", "reason": "同学"},
    ]
    assert wang["certified_until"] is None and wang["certificate_valid"] is False and wang["trained"] is False


def test_reimport_updates_by_certificate_number_never_duplicates(run, county, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = write_csv(tmp_path / "pool.csv", [HEADER, *GOOD])
    assert run("reviewer", "import", str(path)).code == 0
    again = run("reviewer", "import", str(path))
    assert again.code == 0 and "新增 0 人，更新 3 人" in again.out
    assert len(pool(run)) == 3
    changed = [HEADER, GOOD[0].replace("县委组织部", "县委组织部干部科"), GOOD[1].replace("；云岭镇（曾任职）", ""),
               "赵六,县民政局,女,否,PS-004,2028-01-01,2026-05-05,"]  # fmt: skip
    result = run("reviewer", "import", str(write_csv(tmp_path / "pool2.csv", changed)))
    assert result.code == 0 and "新增 1 人，更新 2 人" in result.out
    people = pool(run)
    assert len(people) == 4
    assert people["PS-001"]["organization"] == "县委组织部干部科"
    assert [c["target"] for c in people["PS-002"]["conflicts"]] == ["林晓梅", "周建国"]
    assert people["PS-003"]["name"] == "王五"  # not in the second sheet: left alone


def test_import_xlsx_with_english_headers_and_date_cells(run, county, tmp_path) -> None:  # type: ignore[no-untyped-def]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["name", "organization", "gender", "org_dept", "certificate_no", "certified_until", "trained_on",
                  "conflicts"])  # fmt: skip
    sheet.append(["钱七", "县委组织部", "女", "yes", "X-7", date(2028, 3, 31), date(2026, 4, 1), "云岭镇（配偶在该镇工作）"])
    sheet.append(["孙八", "县纪委监委", "男", "no", "X-8", date(2027, 1, 1), date(2026, 1, 15), None])
    path = tmp_path / "pool.xlsx"
    book.save(path)
    result = run("reviewer", "import", str(path))
    assert result.code == 0, result.err
    people = pool(run)
    assert people["X-7"]["certified_until"] == "2028-03-31" and people["X-7"]["org_dept"] is True
    assert people["X-7"]["conflicts"] == [{"target": "云岭镇", "kind": "unit", "reason": "配偶在该镇工作"}]
    assert people["X-8"]["trained_on"] == "2026-01-15"


def test_import_reports_progress_and_counts(db, county, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from handover.progress import Progress
    from handover.services.reviewer_import import import_reviewers

    lines = [HEADER] + [f"人{i},单位{i % 50},男,否,N-{i:04d},2030-01-01,2026-06-01," for i in range(450)]
    seen: list[tuple[int, int]] = []
    progress = Progress(lambda done, total, _what: seen.append((done, total)))
    result = import_reviewers(db, write_csv(tmp_path / "many.csv", lines), progress=progress)
    assert (result.rows, result.added, result.updated) == (450, 450, 0)
    assert seen[-1] == (900, 900) and [d for d, _ in seen] == sorted(d for d, _ in seen) and len(seen) >= 3


def test_import_gbk_csv_as_excel_saves_it(run, county, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = write_csv(tmp_path / "pool.csv", [HEADER, *GOOD], encoding="gb18030")
    assert run("reviewer", "import", str(path)).code == 0
    assert pool(run)["PS-002"]["name"] == "李四"




BAD = [
    ("wrong-header", [HEADER.replace("性别", "职务"), *GOOD], "第1行第3列：无法识别的表头 “职务”"),
    ("missing-column", [HEADER.replace(",证书编号", ""), *(g.replace(",PS-00", ",") for g in GOOD)], "缺少必需的列 证书编号"),
    ("bad-date", [HEADER, GOOD[0], GOOD[1].replace("2027/06/30", "2027-13-01"), GOOD[2]],
     "第3行第6列（证书有效期至）：证书有效期至 “2027-13-01” 不是有效日期"),
    ("bad-training-date", [HEADER, GOOD[0], GOOD[1], GOOD[2].replace(",,,", ",,去年,")],
     "第4行第7列（最近培训日期）"),
    ("future-training", [HEADER, GOOD[0].replace("2026-03-01", "2062-03-01"), *GOOD[1:]],
     "第2行第7列（最近培训日期）：最近培训日期 2062-03-01 晚于今天"),
    ("duplicate", [HEADER, *GOOD, GOOD[0].replace("张三", "张叁")],
     "第5行第5列（证书编号）：证书编号 “PS-001” 与第2行重复"),
    ("bad-flag", [HEADER, GOOD[0].replace(",是,", ",也许,"), *GOOD[1:]], "第2行第4列（是否组织部）"),
    ("bad-gender", [HEADER, GOOD[0].replace(",男,", ",未知,"), *GOOD[1:]], "第2行第3列（性别）"),
    ("empty-name", [HEADER, GOOD[0], GOOD[1].replace("李四", ""), GOOD[2]], "第3行第1列（姓名）：姓名不能为空"),
    ("bad-conflict", [HEADER, GOOD[0], GOOD[1].replace("林晓梅（亲属）", "（亲属）"), GOOD[2]], "第3行第8列（回避对象）"),
    ("header-only", [HEADER], "只有表头，没有数据行"),
]  # fmt: skip


@pytest.fixture
def existing(run, county, tmp_path, db_path) -> str:  # type: ignore[no-untyped-def]
    """A pool already in the database (the bad files below would change PS-001 if they were applied)."""
    assert run("reviewer", "import", str(write_csv(tmp_path / "first.csv", [HEADER, GOOD[0].replace("张三", "张三丰")]))).code == 0
    return dump(db_path)


@pytest.mark.parametrize(("name", "lines", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_sheet_is_refused_with_row_and_column_and_nothing_changes(  # type: ignore[no-untyped-def]
    run, existing, tmp_path, db_path, name: str, lines: list[str], message: str
) -> None:
    path = write_csv(tmp_path / f"{name}.csv", lines)
    result = run("reviewer", "import", str(path))
    assert result.code == 2
    assert message in result.err and f"{name}.csv" in result.err
    assert dump(db_path) == existing


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("empty.csv", b"", "文件是空的"),
        ("blank.xlsx", None, "文件是空的"),
        ("scan.pdf", b"%PDF-1.4 ...", "只能导入 Excel（.xlsx）或 CSV 文件"),
        ("photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "photo.csv 是图片"),
        ("broken.xlsx", b"PK\x03\x04 this is not really a workbook", "不是有效的 Excel（.xlsx）或 CSV 文件"),
        ("missing.csv", "absent", "文件不存在"),
    ],
)
def test_files_that_are_not_a_pool_sheet_are_refused(  # type: ignore[no-untyped-def]
    run, existing, tmp_path, db_path, filename: str, content: bytes | str | None, message: str
) -> None:
    path = tmp_path / filename
    if content is None:
        openpyxl.Workbook().save(path)
    elif isinstance(content, bytes):
        path.write_bytes(content)
    result = run("reviewer", "import", str(path))
    assert result.code == 2 and message in result.err
    assert dump(db_path) == existing
