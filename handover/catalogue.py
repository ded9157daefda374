"""The indicator catalogue (指标目录): the five areas and 40 indicators, loaded from a TOML file in `resources/`."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from handover.errors import CatalogueError
from handover.paths import resources_dir
from handover.views import INDICATOR_COUNT


class Kind(StrEnum):
    """What an indicator measures, which decides how its values are parsed and shown."""

    COUNT = "count"
    PERCENT = "percent"
    RANK = "rank"
    AMOUNT = "amount"
    GRADE = "grade"
    YEARS = "years"


class Direction(StrEnum):
    """Which way counts as better."""

    UP = "up"
    DOWN = "down"
    NONE = "none"


UNIT_LABEL = {
    Kind.COUNT: "个",
    Kind.PERCENT: "%",
    Kind.RANK: "位",
    Kind.AMOUNT: "万元",
    Kind.GRADE: "",
    Kind.YEARS: "岁",
}

DIRECTION_SYMBOL = {Direction.UP: "↑", Direction.DOWN: "↓", Direction.NONE: "–"}


@dataclass(frozen=True)
class Indicator:
    """One line of the handover sheet (交接单指标)."""

    code: str
    name: str
    name_en: str
    kind: Kind
    direction: Direction
    area_code: str
    villages: bool = False
    key: bool = False
    definition: str = ""
    not_applicable: dict[str, str] = field(default_factory=dict)
    unit: str | None = None

    @property
    def unit_label(self) -> str:
        """个, 名, %, 位, 万元, 岁 or nothing for grades."""
        return self.unit if self.unit is not None else UNIT_LABEL[self.kind]

    def default_na_reason(self, unit_type: str) -> str | None:
        """The reason this indicator is not applicable to a unit type, or None when it applies."""
        return self.not_applicable.get(unit_type)


@dataclass(frozen=True)
class Area:
    """One of the five areas (方面) of the handover sheet."""

    code: str
    name: str
    name_en: str
    indicators: tuple[Indicator, ...]


@dataclass(frozen=True)
class Catalogue:
    """The whole catalogue with its version; a case records the version it was filled with."""

    version: str
    title: str
    grades: tuple[str, ...]
    unit_types: dict[str, str]
    areas: tuple[Area, ...]
    source: str = ""

    @cached_property
    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(ind for area in self.areas for ind in area.indicators)

    @cached_property
    def _by_code(self) -> dict[str, Indicator]:
        """The indicators by code, made once: an import looks up every row's code (the catalogue is frozen)."""
        return {ind.code: ind for ind in self.indicators}

    def indicator(self, code: str) -> Indicator:
        return self._by_code[code]

    def has(self, code: str) -> bool:
        return code in self._by_code

    @property
    def key_indicators(self) -> tuple[Indicator, ...]:
        return tuple(ind for ind in self.indicators if ind.key)

    def to_dict(self) -> dict[str, Any]:
        """The shape printed by `handover catalogue --json`."""
        return {
            "version": self.version,
            "title": self.title,
            "grades": list(self.grades),
            "areas": [
                {
                    "code": area.code,
                    "name": area.name,
                    "name_en": area.name_en,
                    "indicators": [
                        {
                            "code": ind.code,
                            "name": ind.name,
                            "name_en": ind.name_en,
                            "kind": ind.kind.value,
                            "unit": ind.unit_label,
                            "direction": ind.direction.value,
                            "key": ind.key,
                            "villages": ind.villages,
                            "definition": ind.definition,
                            "not_applicable": dict(ind.not_applicable),
                        }
                        for ind in area.indicators
                    ],
                }
                for area in self.areas
            ],
        }


DEFAULT_PATH_PARTS = ("catalogue", "indicators.toml")
EXPECTED_INDICATORS = INDICATOR_COUNT
EXPECTED_KEY = 7


def default_path() -> Path:
    return resources_dir().joinpath(*DEFAULT_PATH_PARTS)


@lru_cache(maxsize=4)
def load(path: Path | None = None) -> Catalogue:
    """Load and check a catalogue file; a malformed one raises CatalogueError naming file, entry and problem."""
    path = path or default_path()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise CatalogueError(f"{path}: 指标目录文件不存在") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CatalogueError(f"{path}: 不是有效的 TOML 文件（{exc}）") from exc
    return _parse(raw, str(path))


def _require(table: dict[str, Any], key: str, where: str, kind: type = str) -> Any:
    if key not in table:
        raise CatalogueError(f"{where}: 缺少字段 “{key}”")
    value = table[key]
    if not isinstance(value, kind) or (kind is str and not str(value).strip()):
        raise CatalogueError(f"{where}: 字段 “{key}” 应为{_KIND_WORD.get(kind, kind.__name__)}，实为 {value!r}")
    return value


_KIND_WORD = {str: "非空文本", bool: "true/false", list: "列表", dict: "表"}


def _parse(raw: dict[str, Any], source: str) -> Catalogue:
    version = _require(raw, "version", source)
    title = raw.get("title", "")
    grades = tuple(_require(raw.get("grades", {}), "levels", f"{source} [grades]", list))
    if not grades or not all(isinstance(g, str) and g for g in grades):
        raise CatalogueError(f"{source} [grades]: levels 应为非空的等次列表")
    unit_types_raw = _require(raw, "unit_types", source, dict)
    unit_types = {key: _require(val, "name", f"{source} [unit_types.{key}]") for key, val in unit_types_raw.items()}
    areas_raw = _require(raw, "areas", source, list)
    seen: set[str] = set()
    areas = []
    for i, area_raw in enumerate(areas_raw, start=1):
        where = f"{source} 第{i}个方面"
        area_code = _require(area_raw, "code", where)
        where = f"{source} 方面 {area_code}"
        indicators = []
        for j, ind_raw in enumerate(_require(area_raw, "indicators", where, list), start=1):
            indicators.append(_parse_indicator(ind_raw, area_code, f"{where} 第{j}项指标", unit_types, seen))
        areas.append(
            Area(
                code=area_code,
                name=_require(area_raw, "name", where),
                name_en=area_raw.get("name_en", ""),
                indicators=tuple(indicators),
            )
        )
    catalogue = Catalogue(version, title, grades, unit_types, tuple(areas), source)
    total = len(catalogue.indicators)
    if total != EXPECTED_INDICATORS:
        raise CatalogueError(f"{source}: 交接单应有 {EXPECTED_INDICATORS} 项指标，文件中有 {total} 项")
    keys = len(catalogue.key_indicators)
    if keys != EXPECTED_KEY:
        raise CatalogueError(f"{source}: 重点指标（key = true）应为 {EXPECTED_KEY} 项，文件中有 {keys} 项")
    return catalogue


def _parse_indicator(
    raw: dict[str, Any], area_code: str, where: str, unit_types: dict[str, str], seen: set[str]
) -> Indicator:
    code = _require(raw, "code", where)
    where = f"{where}（{code}）"
    if code in seen:
        raise CatalogueError(f"{where}: 指标代码重复")
    seen.add(code)
    try:
        kind = Kind(_require(raw, "kind", where))
    except ValueError:
        raise CatalogueError(f"{where}: kind 应为 {', '.join(k.value for k in Kind)} 之一，实为 {raw['kind']!r}") from None
    try:
        direction = Direction(_require(raw, "direction", where))
    except ValueError:
        raise CatalogueError(f"{where}: direction 应为 up、down 或 none，实为 {raw['direction']!r}") from None
    villages = raw.get("villages", False)
    key = raw.get("key", False)
    for flag_name, flag in (("villages", villages), ("key", key)):
        if not isinstance(flag, bool):
            raise CatalogueError(f"{where}: 字段 “{flag_name}” 应为 true/false，实为 {flag!r}")
    if villages and kind is not Kind.COUNT:
        raise CatalogueError(f"{where}: 列出村名的指标必须是计数（count）类指标")
    na = raw.get("not_applicable", {})
    if not isinstance(na, dict):
        raise CatalogueError(f"{where}: not_applicable 应为 {{单位类型 = \"理由\"}} 形式的表")
    for unit_type, reason in na.items():
        if unit_type not in unit_types:
            raise CatalogueError(f"{where}: not_applicable 中的单位类型 “{unit_type}” 未在 [unit_types] 中定义")
        if not isinstance(reason, str) or not reason.strip():
            raise CatalogueError(f"{where}: not_applicable.{unit_type} 须写明不适用的理由")
    return Indicator(
        code=code,
        name=_require(raw, "name", where),
        name_en=raw.get("name_en", ""),
        kind=kind,
        direction=direction,
        area_code=area_code,
        villages=villages,
        key=key,
        definition=raw.get("definition", ""),
        not_applicable=dict(na),
        unit=_unit(raw, kind, where),
    )


def _unit(raw: dict[str, Any], kind: Kind, where: str) -> str | None:
    unit = raw.get("unit")
    if unit is None:
        return None
    if kind is not Kind.COUNT or unit not in ("个", "名", "人", "项"):
        raise CatalogueError(f"{where}: unit 只用于计数类指标，可为 个、名、人、项，实为 {unit!r}")
    return str(unit)
