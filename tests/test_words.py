"""One source for the words the user reads: every vocabulary word of handover/words.py is written there and nowhere else.

A second copy of a word drifts (the GUI said 评审组组长 while the PDF printed 评审小组组长), so the code of handover/ and
ui/ may not spell a vocabulary word as a string literal; it takes the word from handover.words.
"""

from __future__ import annotations

import ast
from pathlib import Path

from handover import catalogue, words

ROOT = Path(__file__).resolve().parent.parent
#: what may surround a word in a literal that still only says the word: "组长：", "（成员）", " 提升 "
EDGES = " \u3000\t\n:：;；,，、.。()（）[]【】“”\"'"


def vocabulary() -> set[str]:
    """Every word of every vocabulary in handover/words.py."""
    found: set[str] = set()
    for name in dir(words):
        value = getattr(words, name)
        if name.isupper() and isinstance(value, dict):
            found.update(value.values())
        elif name.isupper() and isinstance(value, tuple):
            found.update(value)
    return found


def literal_words(path: Path, vocabulary: set[str]) -> list[str]:
    """`path:line word` for each string literal (f-string parts included) that says only a vocabulary word."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            word = node.value.strip(EDGES)
            if word in vocabulary:
                found.append(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name}:{node.lineno} {word}")
    return found


def test_the_vocabularies_hold_words_and_no_word_twice() -> None:
    words_found = vocabulary()
    assert {"评审小组组长", "组长", "提升", "届初", "草稿", "县级部门", "优秀"} <= words_found
    for name in ("SIGNER_ROLES", "PANEL_PLACES", "TRENDS", "POINTS", "STATUSES", "UNIT_TYPES", "PARTY_BODIES"):
        table = getattr(words, name)
        assert len(set(table.values())) == len(table), name  # two codes with one word could not be told apart


def test_no_vocabulary_word_is_written_anywhere_else() -> None:
    vocabulary_words = vocabulary()
    sources = sorted([*(ROOT / "handover").rglob("*.py"), *(ROOT / "ui").rglob("*.py")])
    assert len(sources) > 50
    found = [hit for path in sources if path != ROOT / "handover" / "words.py" for hit in literal_words(path, vocabulary_words)]
    assert found == [], "take these from handover.words (ui: ui.words) instead of writing them again"


def test_the_scan_finds_a_word_written_again(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        '"""A module about 评审小组组长 (docstrings are prose, not a copy of the word)."""\n'
        'LABELS = {"leader": "评审组组长", "member": "评审小组成员"}\n'
        'def line(name, role):\n'
        '    return f"组长：{name}" if role == "leader" else f"{name}（{\'候补\'}）"\n'
        'NOTE = "趋势为提升"\n',
        encoding="utf-8",
    )
    assert literal_words(sample, vocabulary()) == ["sample.py:2 评审小组成员", "sample.py:4 组长", "sample.py:4 候补"]


def test_the_catalogue_names_the_unit_types_with_the_same_words() -> None:
    assert catalogue.load().unit_types == words.UNIT_TYPES
