"""Quantities in Chinese text, normalised to base units.

``15.6亿元`` is 1,560,000,000 元; ``30多万平方米`` is 300,000 平方米 (approximate);
``五分之一`` is 20 %; ``八成`` is 80 %.  Chinese numerals go through cn2an.
Time spans (年, 月, 天 …) and ordinals (第五届) are not quantities here: they
are dates or ranks, handled elsewhere.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import cn2an

_CN_DIGITS = "零〇一二两三四五六七八九十百千"
_CN_NUM = rf"[{_CN_DIGITS}]+"
_AR_NUM = r"\d+(?:\.\d+)?"

#: Counting units (measure words) kept as the unit of an outcome, longest first.
UNITS: tuple[str, ...] = (
    "平方公里", "平方千米", "平方米", "立方米", "人次", "户次", "公里", "千米", "千瓦", "公顷",
    "万元", "亿元", "美元", "元", "%", "％",
    "个", "名", "人", "户", "位", "家", "所", "项", "件", "座", "处", "条", "口", "块", "次",
    "亩", "米", "吨", "斤", "公斤", "台", "辆", "套", "间", "栋", "场", "期", "批", "支",
    "张", "篇", "份", "株", "棵", "头", "只", "盏", "部", "本", "所", "段", "艘", "架", "组", "类",
    "桌", "袋", "箱", "瓶", "盒", "包", "笔", "枚", "颗", "筐", "桶", "罐", "片", "门", "亿袋",
)
_UNIT_RE = "|".join(re.escape(u) for u in sorted(set(UNITS), key=len, reverse=True))
_MULT = {"万": 1e4, "亿": 1e8, "千": 1e3, "百": 1e2, "万亿": 1e12}
_APPROX = "多余近约超逾"

# 1,200万元: a thousands separator only where groups of three digits follow (a comma
# between clauses is often an ASCII comma in these texts)
_AR_GROUPED = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?=[万亿千百]|元|%|个|名|户|人|亩)"
QUANTITY_RE = re.compile(
    rf"(?P<pre>[近约超逾])?"
    rf"(?P<num>{_AR_GROUPED}|{_AR_NUM}|{_CN_NUM})"
    rf"(?P<approx1>[多余])?"
    rf"(?P<mult>万亿|亿|万|千)?"
    rf"(?P<approx2>[多余])?"
    rf"(?P<unit>{_UNIT_RE})"
)
FRACTION_RE = re.compile(rf"(?P<den>{_CN_NUM}|\d+)分之(?P<num>{_CN_NUM}|\d+)")
TENTHS_RE = re.compile(rf"(?P<num>[一二两三四五六七八九]|\d)成(?P<half>半)?(?![立为功绩果员本交长])")
PERCENT_CN_RE = re.compile(rf"百分之(?P<num>{_CN_NUM}|{_AR_NUM})")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with its unit, found at ``start:end`` of a text."""

    start: int
    end: int
    text: str
    value: float
    unit: str
    approximate: bool = False

    @property
    def number(self) -> int | float:
        """The value as an int when it is whole (``1294`` rather than ``1294.0``)."""
        return int(self.value) if float(self.value).is_integer() else self.value


@functools.lru_cache(maxsize=4096)
def parse_number(text: str) -> float | None:
    """Return the value of an Arabic or Chinese numeral, or None.

    >>> parse_number("15.6"), parse_number("二十"), parse_number("两"), parse_number("一穷"), parse_number("百")
    (15.6, 20.0, 2.0, None, 100.0)
    """
    text = text.strip()
    if not text:
        return None
    if re.fullmatch(_AR_NUM, text.replace(",", "")):
        return float(text.replace(",", ""))
    if text in ("十", "百", "千"):
        return {"十": 10.0, "百": 100.0, "千": 1000.0}[text]
    if re.fullmatch(_CN_NUM, text):
        try:
            return float(cn2an.cn2an(text.replace("两", "二"), "smart"))
        except (ValueError, KeyError):
            return None
    return None


def _base_unit(unit: str, mult: float) -> tuple[str, float]:
    if unit == "万元":
        return "元", mult * 1e4
    if unit == "亿元":
        return "元", mult * 1e8
    if unit == "％":
        return "%", mult
    return unit, mult


def find_quantities(text: str) -> list[Quantity]:
    """Return the quantities of ``text``, normalised, in order of appearance.

    >>> [(q.number, q.unit) for q in find_quantities("帮扶资金15.6亿元,增加11948万元,增幅达17.18%")]
    [(1560000000, '元'), (119480000, '元'), (17.18, '%')]
    >>> [(q.number, q.unit, q.approximate) for q in find_quantities("面积达30多万平方米,种了1万余亩")]
    [(300000, '平方米', True), (10000, '亩', True)]
    >>> [(q.number, q.unit) for q in find_quantities("占总数的五分之一,超过八成")]
    [(20, '%'), (80, '%')]
    >>> find_quantities("第五届大会于2017年12月9日召开，上任不足2个月")
    []
    >>> [(q.number, q.unit) for q in find_quantities("收入首次突破百万元，比周边高出两成")]
    [(1000000, '元'), (20, '%')]
    >>> [(q.number, q.unit) for q in find_quantities("投入1,200万元,3,4个村")]
    [(12000000, '元'), (4, '个')]
    """
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []

    def overlaps(s: int, e: int) -> bool:
        return any(s < te and ts < e for ts, te in taken)

    for m in FRACTION_RE.finditer(text):
        den, num = parse_number(m["den"]), parse_number(m["num"])
        if den and num is not None:
            found.append(Quantity(m.start(), m.end(), m.group(), round(100 * num / den, 4), "%"))
            taken.append(m.span())
    for m in PERCENT_CN_RE.finditer(text):
        num = parse_number(m["num"])
        if num is not None and not overlaps(*m.span()):
            found.append(Quantity(m.start(), m.end(), m.group(), num, "%"))
            taken.append(m.span())
    for m in TENTHS_RE.finditer(text):
        num = parse_number(m["num"])
        if num is None or overlaps(*m.span()):
            continue
        # 八成 after a number-like context (得票率, 超过) is a share; 一成不变 is an idiom.
        if m["num"] == "一" and text[m.end() : m.end() + 2] == "不变":
            continue
        found.append(Quantity(m.start(), m.end(), m.group(), num * 10 + (5 if m["half"] else 0), "%"))
        taken.append(m.span())
    for m in QUANTITY_RE.finditer(text):
        s, e = m.span()
        if overlaps(s, e):
            continue
        num_start = m.start("num")
        before = text[num_start - 1] if num_start > 0 else ""
        if before == "第" or (before.isdigit() or before == "."):
            continue  # an ordinal, or the tail of a longer number
        if m["num"][0] in _CN_DIGITS and not m["num"][0] == "十" and len(m["num"]) == 1 and m["unit"] in ("个", "位", "批", "项", "次", "条", "张", "支", "只", "场", "段", "类", "组", "部", "本", "家", "件", "座", "处", "块", "口", "所", "人", "名", "户", "间", "套", "台"):
            # 一个/一批/三位: a single Chinese digit with a measure word is usually a determiner.
            if m["num"] in "一两":
                continue
        if m["unit"] == "个" and text[e : e + 1] in ("月", "小时", "星期") or text[e : e + 2] in ("小时", "星期"):
            continue  # 2个月: a duration
        value = parse_number(m["num"])
        if value is None:
            continue
        unit, mult = _base_unit(m["unit"], _MULT.get(m["mult"] or "", 1.0))
        approx = bool(m["pre"] or m["approx1"] or m["approx2"])
        found.append(Quantity(s, e, m.group(), round(value * mult, 6), unit, approx))
        taken.append((s, e))
    found.sort(key=lambda q: q.start)
    return found
