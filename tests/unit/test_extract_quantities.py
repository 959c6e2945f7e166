"""kg.extract.quantities: numbers with units, normalised to base units."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.quantities import find_quantities, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("15.6", 15.6),
        ("2023", 2023.0),
        ("二十", 20.0),
        ("两", 2.0),
        ("三百五十", 350.0),
        ("一百二十", 120.0),
        ("〇", 0.0),
        ("一穷", None),
        ("", None),
        ("abc", None),
        ("1.2.3", None),
    ],
)
def test_quantities_parse_number(text: str, value: float | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "number", "unit", "approximate"),
    [
        # money is normalised to 元
        ("村集体经济收入达到86万元", 860000, "元", False),
        ("带动村民增收1.2亿元", 120000000, "元", False),
        ("累计投入资金约3.5亿元", 350000000, "元", True),
        ("户均增收8000元", 8000, "元", False),
        ("发放补贴两万元", 20000, "元", False),
        ("收入达三百五十万元", 3500000, "元", False),
        # shares
        ("群众满意率达到98.5%", 98.5, "%", False),
        ("增长17.18％", 17.18, "%", False),  # full-width percent sign
        ("占比百分之九十五", 95, "%", False),
        ("超过八成", 80, "%", False),
        ("占总户数的五分之一", 20, "%", False),
        ("十分之三的村民", 30, "%", False),
        # areas and counts, Chinese numerals, 多/余/近
        ("流转土地3200余亩", 3200, "亩", True),
        ("种植脐橙1.5万余亩", 15000, "亩", True),
        ("近2000亩茶园", 2000, "亩", True),
        ("面积达30多万平方米", 300000, "平方米", True),
        ("吸纳就业近500人", 500, "人", True),
        ("五千余人参加", 5000, "人", True),
        ("100多户", 100, "户", True),
        ("建成二十个文化礼堂", 20, "个", False),
        ("新招二十三名大学生", 23, "名", False),
        ("覆盖一百二十户", 120, "户", False),
        ("接待游客15.6万人次", 156000, "人次", False),
        ("完成整转的村有12个", 12, "个", False),
    ],
)
def test_quantities_normalise_value_and_unit(text: str, number: float, unit: str, approximate: bool) -> None:
    [q] = find_quantities(text)
    assert (q.number, q.unit, q.approximate) == (number, unit, approximate)
    assert text[q.start : q.end] == q.text


def test_quantities_number_is_int_when_whole() -> None:
    [whole] = find_quantities("增收1200万元")
    [part] = find_quantities("增长12.5%")
    assert isinstance(whole.number, int) and whole.number == 12000000
    assert isinstance(part.number, float) and part.number == 12.5


@pytest.mark.parametrize(
    "text",
    [
        "第五届大会于2017年12月9日召开",  # ordinal and date
        "第一批党员示范户已经挂牌",  # ordinal
        "一批年轻干部下沉到村",  # 一批 is a determiner
        "县里还选派了一个工作队",  # 一个
        "两个村结成对子",  # 两个
        "他今年58岁",  # age: 岁 is not a unit
        "2023年以来",  # year
        "这件事一成不变",  # idiom, not 10 %
        "他成立了合作社",  # 成立 is not 成 (tenths)
    ],
)
def test_quantities_distractors_are_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


def test_quantities_several_in_order_with_offsets() -> None:
    text = "全县流转土地3200余亩，吸纳就业近500人，带动村民增收1.2亿元，满意率98%。"
    found = find_quantities(text)
    assert [(q.number, q.unit) for q in found] == [(3200, "亩"), (500, "人"), (120000000, "元"), (98, "%")]
    assert [q.start for q in found] == sorted(q.start for q in found)
    for q in found:
        assert text[q.start : q.end] == q.text


def test_quantities_tail_of_a_longer_number_is_not_read_alone() -> None:
    # 12.5万元 is one quantity, never also 5万元
    assert [(q.number, q.unit) for q in find_quantities("增收12.5万元")] == [(125000, "元")]


def test_quantities_thousands_separator() -> None:
    assert [(q.number, q.unit) for q in find_quantities("投入资金1,200万元")] == [(12000000, "元")]


@pytest.mark.parametrize(("text", "number", "unit"), [("种植近千亩茶园", 1000, "亩"), ("逾百人参加", 100, "人")])
def test_quantities_bare_round_figure_after_approx(text: str, number: int, unit: str) -> None:
    assert [(q.number, q.unit, q.approximate) for q in find_quantities(text)] == [(number, unit, True)]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789.,零一二两三四五六七八九十百千万亿多余近约超第个名户亩元万%％分之成年岁村的")), max_size=30))
def test_quantities_offsets_always_point_into_the_text(text: str) -> None:
    found = find_quantities(text)
    for q in found:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.text
        assert q.value >= 0
    spans = sorted((q.start, q.end) for q in found)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), "quantities never overlap"
