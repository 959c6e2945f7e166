"""Publication dates: find them in page text and write them as ISO 8601.

Parsing is jionlp's (``parse_time`` reads 2019年3月4日, 2022-11-30 07:15,
二〇二一年九月三日, 12月6日 against a base year ...); this module only decides
which string is the date and how precise the result is: ``2019-03-04T08:05:06``
when the page gives a time, ``2024-12-06`` when it gives a day.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import re

from kg._vendor import jionlp as _jionlp

logger = logging.getLogger(__name__)

#: A calendar date with a four-digit year, optionally followed by a time.
DATE_PATTERN = re.compile(
    r"(?P<date>(?:19|20)\d{2}\s*[-/.年]\s*[01]?\d\s*[-/.月]\s*[0-3]?\d(?:\s*日)?)"
    r"(?:\s*(?:T\s*)?(?P<time>[0-2]?\d\s*[:：]\s*[0-5]\d(?:\s*[:：]\s*[0-5]\d)?))?"
)
_YEAR_MENTION = re.compile(r"(?<![\d.])(?P<year>(?:19|20)\d{2})年(?:(?P<month>[01]?\d)月)?")
# A year named as a target or a plan ("到2025年") says nothing about when the
# article was written.
_TARGET_BEFORE = re.compile(r"(?:到|至|预计|计划|力争|争取|确保|至迟|截至|截止到?)$")
# A year followed by a statement of that year's totals ("2021年全村分红总额达80万元")
# is a year that is over: the article was written after it.
_COMPLETED_YEAR = re.compile(r"^(?:度|全年)?[，,]?[^，。；！？,;]{0,14}?(?:收入|产值|总额|营收|利润|分红|增收)[^，。；！？,;]{0,6}?(?:达|为|是|超|突破|实现|增长|共计)")


def _iso(value: str, *, precision: str) -> str:
    moment = dt.datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
    if precision == "day":
        return moment.date().isoformat()
    return moment.isoformat(timespec="seconds")


def normalize_date(text: str, *, base_year: int | None = None) -> str | None:
    """Return a date or date-time written in Chinese news as ISO 8601.

    Args:
        text: A date such as ``2019年3月4日 08:05:06``, ``2022-11-30 07:15``,
            ``二〇二一年九月三日`` or ``2024-04-18T15:30:00+08:00``.
        base_year: The year of a date that gives only month and day
            (``12月6日``); without it such a date gives None.

    Returns:
        ``YYYY-MM-DDTHH:MM:SS`` when a time is given, ``YYYY-MM-DD`` when only a
        day is, or None when ``text`` is not a date.

    >>> normalize_date("2019年3月4日 08:05:06")
    '2019-03-04T08:05:06'
    >>> normalize_date("2022-11-30 07:15")
    '2022-11-30T07:15:00'
    >>> normalize_date("2021年04月12日")
    '2021-04-12'
    >>> normalize_date("二〇二一年九月三日")
    '2021-09-03'
    >>> normalize_date("2024-04-18T15:30:00+08:00")
    '2024-04-18T15:30:00'
    >>> normalize_date("12月6日", base_year=2024)
    '2024-12-06'
    >>> normalize_date("12月6日") is None
    True
    >>> normalize_date("不是日期") is None
    True
    """
    text = text.strip()
    if not text:
        return None
    with contextlib.suppress(ValueError):
        moment = dt.datetime.fromisoformat(text)
        has_time = "T" in text or ":" in text
        return moment.replace(tzinfo=None).isoformat(timespec="seconds") if has_time else moment.date().isoformat()
    if base_year is None and not re.search(r"(?:19|20)\d{2}|[〇零一二][〇零一二三四五六七八九]{3}", text):
        return None
    time_base = {"year": base_year, "month": 1, "day": 1} if base_year else None
    try:
        parsed = _jionlp().parse_time(text, time_base=time_base) if time_base else _jionlp().parse_time(text)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError) as e:
        # jionlp raises ValueError on strings that are not times, and the odd
        # lookup error on malformed ones: either way, not a date.
        logger.debug("not a date: %r (%s)", text, e)
        return None
    if not isinstance(parsed, dict) or parsed.get("type") != "time_point":
        return None
    start, end = parsed["time"][0], parsed["time"][1]
    if not isinstance(start, str) or not isinstance(end, str):
        return None
    span = dt.datetime.strptime(end, "%Y-%m-%d %H:%M:%S") - dt.datetime.strptime(start, "%Y-%m-%d %H:%M:%S")
    if span >= dt.timedelta(days=1):
        return None  # a month or a year is not a publication date
    precision = "day" if span >= dt.timedelta(hours=23) else "time"
    return _iso(start, precision=precision)


def find_date(line: str) -> tuple[str | None, tuple[int, int] | None]:
    """Find the first full date (with its time, if any) in a line of page text.

    Args:
        line: One line, e.g. ``时间:2022-11-30 07:15  来源:X``.

    Returns:
        ``(iso, (start, end))`` of the date in ``line``, or ``(None, None)``.

    >>> find_date("稿源: 某某晚报   2019-08-07 18:30:45热线电话")
    ('2019-08-07T18:30:45', (11, 30))
    """
    for match in DATE_PATTERN.finditer(line):
        iso = normalize_date(match.group(0))
        if iso:
            return iso, match.span()
    return None, None


def infer_year(text: str, *, month: int, day: int) -> int | None:
    """Guess the year of a dateline that gives only month and day (``XX网成都5月9日电``).

    The article was written in or after the latest year it mentions as past:
    the latest ``YYYY年`` that is not a target (``到2025年``); one year later
    when the text reports that year's totals (``2021年全村分红总额达80万元``)
    or names a month of it after the dateline's month and day.

    Args:
        text: The article text (simplified script).
        month: Month of the dateline.
        day: Day of the dateline.

    Returns:
        The year, or None when the text mentions no year.

    >>> infer_year("2012年9月建社。2021年全村分红总额达80万元。", month=5, day=9)
    2022
    >>> infer_year("2021年起步，到2025年全覆盖。", month=3, day=1)
    2021
    >>> infer_year("今年以来成效明显。", month=3, day=1) is None
    True
    """
    latest: int | None = None
    after: set[int] = set()
    for match in _YEAR_MENTION.finditer(text):
        if _TARGET_BEFORE.search(text[max(0, match.start() - 4) : match.start()]):
            continue
        year = int(match.group("year"))
        if not 1949 <= year <= 2100:
            continue
        latest = year if latest is None else max(latest, year)
        mentioned_month = int(match.group("month")) if match.group("month") else None
        if mentioned_month and (mentioned_month, 1) > (month, day):
            after.add(year)
        if _COMPLETED_YEAR.search(text[match.end() : match.end() + 30]):
            after.add(year)
    if latest is None:
        return None
    return latest + 1 if latest in after else latest
