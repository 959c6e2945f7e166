"""Dates in Chinese news text, resolved against the article's publication date.

jionlp finds and parses the expressions (``12月9日``, ``去年4月``, ``3年前``,
``7月23日上午``) against the article date; this module keeps the precision the
text gives: a whole day is ``2017-12-09``, a whole month ``2011-08``, a whole
year ``2004``, and a span (``今年以来``) its first day.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, time

from kg._vendor import jionlp as _jionlp

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    value: str  # ISO 8601 at the precision the text gives: YYYY, YYYY-MM or YYYY-MM-DD


def parse_base(published_at: str | None) -> date | None:
    """Return the article date from its ISO ``published_at`` (or None).

    >>> parse_base("2017-12-18T09:13:02")
    datetime.date(2017, 12, 18)
    >>> parse_base("bad") is None
    True
    """
    if not published_at:
        return None
    try:
        return datetime.fromisoformat(published_at[:19]).date()
    except ValueError:
        return None


def _precision(start: datetime, end: datetime) -> str:
    """Return the ISO value of a parsed span at the precision it covers.

    >>> _precision(datetime(2011, 8, 1), datetime(2011, 8, 31, 23, 59, 59))
    '2011-08'
    >>> _precision(datetime(2004, 1, 1), datetime(2004, 12, 31, 23, 59, 59))
    '2004'
    >>> _precision(datetime(2017, 7, 23, 7), datetime(2017, 7, 23, 11, 59, 59))
    '2017-07-23'
    """
    d0, d1 = start.date(), end.date()
    if d0 == d1:
        return d0.isoformat()
    if d0.day == 1 and d0.month == 1 and (d1.month, d1.day) == (12, 31) and d0.year == d1.year:
        return f"{d0.year:04d}"
    if d0.day == 1 and d0.year == d1.year and d0.month == d1.month:
        return f"{d0.year:04d}-{d0.month:02d}"
    return d0.isoformat()


def find_dates(text: str, base: date | None = None) -> list[DateMention]:
    """Return the dates mentioned in ``text``, resolved against ``base``.

    Args:
        text: a sentence or paragraph.
        base: the article's publication date; relative dates need it (without
            it they resolve against today, so callers pass None only for
            absolute dates).

    Returns:
        The date mentions in order, each with an ISO value.

    >>> base = date(2017, 12, 18)
    >>> [d.value for d in find_dates("12月9日,第五届大会开幕", base)]
    ['2017-12-09']
    >>> [d.value for d in find_dates("2011年8月,他被选派", base)]
    ['2011-08']
    >>> [d.value for d in find_dates("去年4月栽种", date(2019, 9, 12))]
    ['2018-04']
    >>> [d.value for d in find_dates("共3个村", base)]
    []
    """
    if not any(ch in text for ch in "年月日号前昨今天周"):
        return []
    jio = _jionlp()
    when = datetime.combine(base, time()) if base else datetime.now()
    try:
        found = jio.ner.extract_time(text, time_base=when.timestamp(), with_parsing=True)
    except (ValueError, TypeError, KeyError, IndexError, OverflowError) as e:
        log.debug("date parsing failed on %r: %s", text[:50], e)
        return []
    out: list[DateMention] = []
    for item in found:
        span = item.get("detail", {}).get("time")
        if not isinstance(span, list):
            continue  # a duration or a period (每年, 3个月), not a date
        if not span or len(span) != 2 or "inf" in span:
            if span and span[0] != "inf":
                span = [span[0], span[0]]
            else:
                continue
        try:
            t0 = datetime.fromisoformat(span[0])
            t1 = datetime.fromisoformat(span[1])
        except ValueError:
            continue
        s, e = item["offset"]
        if base is not None and "年" not in item["text"] and t0.date() > base and (t0.date() - base).days > 1:
            # 12月28日 in a report of 5 January is last December's, not next December's
            try:
                t0, t1 = t0.replace(year=t0.year - 1), t1.replace(year=t1.year - 1)
            except ValueError:  # 29 February
                continue
        out.append(DateMention(s, e, item["text"], _precision(t0, t1)))
    return out
