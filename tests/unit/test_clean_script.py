"""kg.clean.script: traditional script detected, simplified view with equal offsets."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.clean.script import is_traditional, same_length_convert, simplified_view, to_simplified, traditional_ratio

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.mark.parametrize(
    ("text", "traditional"),
    [
        ("廣東省梅州市蕉嶺縣長潭鎮白馬村黨支部書記陳偉光說。", True),
        ("广东省梅州市蕉岭县长潭镇白马村党支部书记陈伟光说。", False),
        ("Village committee elections", False),
        ("", False),
    ],
)
def test_script_is_traditional(text: str, traditional: bool) -> None:
    assert is_traditional(text) is traditional


def test_script_traditional_sample_is_detected() -> None:
    text = (SAMPLES / "jiaoling-2022-07-05-traditional.txt").read_text(encoding="utf-8")
    assert is_traditional(text)
    assert traditional_ratio(text) > 0.2


def test_script_simplified_view_has_equal_offsets() -> None:
    text = (SAMPLES / "jiaoling-2022-07-05-traditional.txt").read_text(encoding="utf-8")
    view = simplified_view(text)
    assert len(view) == len(text)
    for name in ("蕉岭县", "长潭镇", "白马村", "陈伟光", "党建+乡贤", "全国乡村治理示范村"):
        start = view.index(name)
        original = text[start : start + len(name)]
        assert original != name  # the stored text keeps the traditional form ...
        assert to_simplified(original) == name  # ... of the same words
    assert view.count("\n") == text.count("\n")
    assert [i for i, c in enumerate(view) if c == "\n"] == [i for i, c in enumerate(text) if c == "\n"]


def test_script_simplified_view_of_simplified_text_is_the_text() -> None:
    text = "江山市委以“三联三帮”工作法为抓手。"
    assert simplified_view(text) == text


def test_script_same_length_convert_falls_back_when_a_phrase_changes_length() -> None:
    # A converter whose phrase rule shortens "乾隆" but maps characters one to one.
    def convert(piece: str) -> str:
        return piece.replace("乾隆", "乾").replace("書", "书")

    text = "乾隆年間的書。第二句的書。"
    converted = same_length_convert(text, convert)
    assert len(converted) == len(text)
    assert converted == "乾隆年間的书。第二句的书。"


def test_script_same_length_convert_keeps_characters_that_would_change_length() -> None:
    assert same_length_convert("ab", lambda s: s.replace("a", "xy")) == "ab"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_script_simplified_view_length_never_changes(text: str) -> None:
    assert len(simplified_view(text)) == len(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="黨書記鄉賢發乾隆後裏麵髮臺灣，。！\n abc", max_size=200))
def test_script_simplified_view_length_on_tricky_characters(text: str) -> None:
    assert len(simplified_view(text)) == len(text)
