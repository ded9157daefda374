"""One source for the words the user reads: every vocabulary word of handover/words.py is written there and nowhere else.

A second copy of a word drifts (the GUI said 评审组组长 while the PDF printed 评审小组组长), so the code of handover/ and
ui/ may not spell a vocabulary word as a string literal; it takes the word from handover.words.
"""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from pathlib import Path

from handover import catalogue, words

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "translations" / "handover_zh_CN.ts"
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


def translated_words(ts: Path, vocabulary: set[str]) -> list[str]:
    """`source → word` for each translation in a Qt Linguist file that says only a vocabulary word."""
    found = []
    for message in ET.parse(ts).getroot().iter("message"):
        word = (message.findtext("translation") or "").strip(EDGES)
        if word in vocabulary:
            found.append(f"{message.findtext('source')} → {word}")
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
    # the GUI's Chinese for these words is the core's word through ui.words, not a translation that could drift
    assert translated_words(TS, vocabulary_words) == [], "use ui.words instead of self.tr() for these"


def test_the_old_panel_role_term_is_gone() -> None:
    """评审组组长/评审组成员 was the screen's word while the documents printed 评审小组组长/评审小组成员."""
    texts = [*(ROOT / "handover").rglob("*.py"), *(ROOT / "ui").rglob("*.py"), *(ROOT / "docs").glob("*.md"), TS]
    old_terms = ("评审组组长", "评审组成员")
    found = [p.relative_to(ROOT).as_posix() for p in texts if any(t in p.read_text(encoding="utf-8") for t in old_terms)]
    assert found == []


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
    ts = tmp_path / "sample.ts"
    ts.write_text(
        "<TS><context><name>X</name>"
        "<message><source>Draft</source><translation>草稿</translation></message>"
        "<message><source>Draft → in review</source><translation>草稿 → 评审中</translation></message>"
        "<message><source>Leader:</source><translation>组长：</translation></message>"
        "</context></TS>",
        encoding="utf-8",
    )
    assert translated_words(ts, vocabulary()) == ["Draft → 草稿", "Leader: → 组长"]


def test_the_catalogue_names_the_unit_types_with_the_same_words() -> None:
    assert catalogue.load().unit_types == words.UNIT_TYPES
