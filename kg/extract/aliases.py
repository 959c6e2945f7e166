"""Names an article declares for another name: “悬崖村”是…某村的别称, X（以下简称“Y”）.

A declared alias is the same thing as the name it stands for, in this article
only: every mention of the alias takes the identity (key, canonical name,
properties) of the mention it was declared for, so both become one node whose
aliases hold the short name.  Only names of the same label are joined, and only
where the declaration sits right next to the full name, so a nickname never
pulls in an unrelated entity.
"""

from __future__ import annotations

import functools
import re

from kg.extract import entities as E
from kg.extract.context import TextView
from kg.extract.mentions import Mention

#: Labels whose mentions can be declared aliases of each other (people and
#: outcomes get their identity elsewhere).
LABELS = ("Place", "Organization", "Initiative", "Document", "Event", "Award")

_OPEN, _CLOSE = "“\"「『《", "”\"」』》"
_QUOTED = rf"[{_OPEN}](?P<alias>[^{_CLOSE}{_OPEN}\n]{{1,24}})[{_CLOSE}]"


@functools.lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    words = E.lex()["alias"]
    after = "|".join(map(re.escape, sorted(words["after_name"], key=len, reverse=True)))
    before = "|".join(map(re.escape, sorted(words["before_name"], key=len, reverse=True)))
    # “A”是B的别称: the full name ends where 的别称 begins
    declared_after = re.compile(rf"{_QUOTED}\s*(?:是|为|即|乃)(?P<full>[^，,。；;！？!?\n]{{1,60}}?)的(?:{after})")
    # B，又称“A” / B（以下简称“A”）: the full name ends where the declaration begins
    declared_before = re.compile(rf"(?:\s*[，,]\s*|\s*[（(]\s*)?(?:{before})(?:为)?\s*[：:]?\s*{_QUOTED}")
    return declared_after, declared_before


def declared_aliases(view: TextView) -> list[tuple[int, str]]:
    """Return ``(end of the full name, alias)`` for each alias the text declares.

    >>> from kg.extract.context import TextView
    >>> declared_aliases(TextView(text="“石头村”是青山县溪口村的别称。", original="", tokens=[], sentences=[]))
    [(12, '石头村')]
    >>> declared_aliases(TextView(text="绿水合作社（以下简称“合作社”）成立。", original="", tokens=[], sentences=[]))
    [(5, '合作社')]
    """
    declared_after, declared_before = _patterns()
    found = [(m.end("full"), E.plain(m.group("alias"))) for m in declared_after.finditer(view.text)]
    found += [(m.start(), E.plain(m.group("alias"))) for m in declared_before.finditer(view.text) if m.start() > 0]
    return [(end, alias) for end, alias in found if alias]


def join_declared_aliases(view: TextView, mentions: list[Mention]) -> None:
    """Give every mention of a declared alias the identity of its full name (in place).

    Mentions that referred to the alias (该村 after the short name) follow it.
    """
    for end, alias in declared_aliases(view):
        full = [m for m in mentions if m.end == end and m.label in LABELS and not m.ref]
        if not full:
            continue
        target = min(full, key=lambda m: m.start)  # the longest name ending there
        if alias != E.plain(target.text):
            target.props.setdefault("declared_aliases", []).append(alias)  # kept even if never used again
        same = [m for m in mentions if m.label == target.label]
        old = {m.key for m in same if not m.ref and E.plain(m.text) == alias and m.key != target.key}
        for m in same:
            if m.key not in old:
                continue
            m.key, m.name = target.key, target.name
            m.props = {**target.props, "alias": alias} if not m.ref else dict(target.props)
            m.gaz, m.cands, m.parent = target.gaz, list(target.cands), target.parent
