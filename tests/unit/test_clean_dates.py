"""kg.clean.dates: publication dates as ISO 8601, the year of a dateline."""

from __future__ import annotations

import pytest

from kg.clean.dates import find_date, infer_year, normalize_date


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2019年3月4日 08:05:06", "2019-03-04T08:05:06"),
        ("2022-11-30 07:15", "2022-11-30T07:15:00"),
        ("2018年07月09日14:22", "2018-07-09T14:22:00"),
        ("2021/09/03", "2021-09-03"),
        ("2021.09.03", "2021-09-03"),
        ("二〇二一年九月三日", "2021-09-03"),
        ("2024-04-18T15:30:00+08:00", "2024-04-18T15:30:00"),
        ("2024-04-18", "2024-04-18"),
        ("2021年9月", None),  # a month is not a publication date
        ("今年以来", None),
        ("", None),
    ],
)
def test_dates_normalize_date(text: str, iso: str | None) -> None:
    assert normalize_date(text) == iso


def test_dates_month_day_needs_a_base_year() -> None:
    assert normalize_date("3月8日") is None
    assert normalize_date("3月8日", base_year=2024) == "2024-03-08"


def test_dates_find_date_in_a_meta_line() -> None:
    iso, span = find_date("时间:2022-11-30 07:15  来源:县农业农村局  点击:")
    assert iso == "2022-11-30T07:15:00"
    assert span == (3, 19)


@pytest.mark.parametrize(
    ("text", "month", "day", "year"),
    [
        ("2021年全村分红总额达80万元。到2025年，全县所有村……", 3, 8, 2022),
        ("2021年，全乡合作社营收突破900万元。", 3, 8, 2022),
        ("2019年起步，2021年见效。", 5, 1, 2021),
        ("2022年10月，村里建成冷库。", 3, 1, 2023),  # a month of that year after the dateline
        ("2022年2月，村里建成冷库。", 3, 1, 2022),
        ("力争到2030年实现全覆盖。", 3, 1, None),
        ("没有年份。", 3, 1, None),
    ],
)
def test_dates_infer_year_of_a_dateline(text: str, month: int, day: int, year: int | None) -> None:
    assert infer_year(text, month=month, day=day) == year
