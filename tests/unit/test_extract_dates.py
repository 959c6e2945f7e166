"""kg.extract.dates: date mentions resolved against the article's publication date."""

from __future__ import annotations

from datetime import date

import pytest

from kg.extract.dates import find_dates, parse_base

BASE = date(2023, 6, 15)


@pytest.mark.parametrize(
    ("published_at", "expected"),
    [
        ("2023-06-15T09:00:00", date(2023, 6, 15)),
        ("2021-04-12", date(2021, 4, 12)),
        ("2024-03-08T18:30:00+08:00", date(2024, 3, 8)),
        (None, None),
        ("", None),
        ("not a date", None),
    ],
)
def test_dates_parse_base(published_at: str | None, expected: date | None) -> None:
    assert parse_base(published_at) == expected


@pytest.mark.parametrize(
    ("text", "value", "surface"),
    [
        ("3月12日，大赛在镇里开幕", "2023-03-12", "3月12日"),  # a day in the article's year
        ("6月10日上午，仪式在村里举行", "2023-06-10", "6月10日上午"),  # part of a day keeps the day
        ("去年10月，村里成立了合作社", "2022-10", "去年10月"),  # relative year, month precision
        ("2019年8月，他来到村里", "2019-08", "2019年8月"),
        ("2018年，全村脱贫", "2018", "2018年"),  # year precision
        ("2022年12月31日，账目公开", "2022-12-31", "2022年12月31日"),
        ("前年，村里修了路", "2021", "前年"),
        ("3年前，这里还是荒山", "2020", "3年前"),
        ("今年以来，全村增收", "2023-01-01", "今年以来"),  # a span keeps its first day
    ],
)
def test_dates_resolved_against_publication_date(text: str, value: str, surface: str) -> None:
    found = find_dates(text, BASE)
    assert [d.value for d in found] == [value]
    [d] = found
    assert d.text == surface
    assert text[d.start : d.end] == surface


def test_dates_relative_dates_follow_the_base() -> None:
    text = "去年4月，村民开始栽种"
    assert [d.value for d in find_dates(text, date(2019, 9, 12))] == ["2018-04"]
    assert [d.value for d in find_dates(text, date(2022, 1, 3))] == ["2021-04"]


@pytest.mark.parametrize(
    "text",
    [
        "共3个村完成整治",  # a count
        "第五届大赛开幕",  # an ordinal
        "村集体收入达到86万元",  # money
        "",
    ],
)
def test_dates_no_date_in_text(text: str) -> None:
    assert find_dates(text, BASE) == []


def test_dates_several_in_order() -> None:
    text = "2019年8月，他被选派到村里；去年10月，合作社成立。"
    found = find_dates(text, BASE)
    assert [d.value for d in found] == ["2019-08", "2022-10"]
    assert found[0].start < found[1].start


def test_dates_month_day_across_new_year_is_in_the_past() -> None:
    assert [d.value for d in find_dates("12月28日，村里召开大会", date(2024, 1, 5))] == ["2023-12-28"]


def test_dates_yesterday() -> None:
    assert [d.value for d in find_dates("昨天上午，镇里召开会议", BASE)] == ["2023-06-14"]
