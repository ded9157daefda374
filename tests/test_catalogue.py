"""The catalogue file: the shipped one is sound, a malformed one is refused naming the file, the entry and the problem."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from handover import catalogue
from handover.catalogue import Kind
from handover.errors import CatalogueError


def test_shipped_catalogue() -> None:
    cat = catalogue.load()
    assert len(cat.areas) == 5 and all(len(a.indicators) == 8 for a in cat.areas)
    assert len(cat.key_indicators) == 7
    for ind in cat.indicators:
        assert re.fullmatch(r"[A-Z]{3}\d{2}", ind.code)
        assert ind.name and ind.name_en and len(ind.definition) > 20
        if ind.villages:
            assert ind.kind is Kind.COUNT
    assert cat.indicator("ORG03").kind is Kind.RANK
    assert cat.indicator("ORG01").default_na_reason("department")
    assert cat.indicator("ORG01").default_na_reason("township") is None


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    text = catalogue.default_path().read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "broken.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ('kind = "percent"', 'kind = "percentage"', ["ORG06", "kind"]),
        ('direction = "down"', 'direction = "lower"', ["ORG02", "direction"]),
        ('code = "ORG02"', 'code = "ORG01"', ["ORG01", "重复"]),
        ('  name = "综合工作先进村数"\n', "", ["ORG04", "name"]),
        ('version = "2026.1"', "", ["version"]),
        ('  key = true\n  definition = "届初、届末时点经县委组织部认定', '  definition = "届初、届末时点经县委组织部认定', ["重点指标"]),
        ('villages = true\n  key = true\n  definition = "届初、届末时点经', 'villages = "yes"\n  key = true\n  definition = "届初、届末时点经', ["ORG01", "villages"]),
        ('department = "部门党组无下辖村（社区）" }', 'bureau = "x" }', ["ORG01", "bureau"]),
        ("[[areas]]", "[[areas]\n", ["TOML"]),
    ],
)
def test_malformed_catalogue_is_refused_naming_file_entry_problem(tmp_path, old, new, words) -> None:  # type: ignore[no-untyped-def]
    path = _broken(tmp_path, old, new)
    with pytest.raises(CatalogueError) as info:
        catalogue.load(path)
    message = str(info.value)
    assert str(path) in message
    for word in words:
        assert word in message
