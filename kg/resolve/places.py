"""Which place each mention names: gazetteer candidates decided by the article's context.

Many villages share a name (China has hundreds of 新村), so a mention is
placed by what else the article names: an admin chain written out
(温岭市大溪镇沈岙村: each name inside the one before it) decides outright;
otherwise the candidate whose ancestors the article mentions wins.  When
nothing decides, the place stays unresolved (its level from its suffix, its
parent from the text) rather than being guessed.

Relative references (全市, 该村) then resolve to the article's main place of
that level, or to the last one named.
"""

from __future__ import annotations

import logging
from collections import Counter

from kg.extract.context import TextView
from kg.extract.mentions import Mention
from kg.extract.places import _upper_index, head_of
from kg.resolve.gazetteer import CITY, COUNTY, PROVINCE, Gazetteer, load_gazetteer

log = logging.getLogger(__name__)

_LEVEL_RANK = {"province": 0, "city": 1, "county": 2, "township": 3, "village": 4, "community": 5, "landmark": 6}
_WEIGHT = {0: 1.0, 1: 2.0, 2: 3.0, 3: 4.0, 4: 5.0, 5: 5.0}


def level_rank(level: str | None) -> int:
    return _LEVEL_RANK.get(level or "landmark", 6)


def _chains(mentions: list[Mention], text: str) -> list[list[Mention]]:
    """Group names written one after another (温岭市大溪镇沈岙村) into chains."""
    chains: list[list[Mention]] = []
    current: list[Mention] = []
    for m in mentions:
        if m.ref:
            continue
        if current and m.start == current[-1].end:
            current.append(m)
        else:
            if current:
                chains.append(current)
            current = [m]
    if current:
        chains.append(current)
    return chains


def _filter_chain(chain: list[Mention], gaz: Gazetteer) -> None:
    """Keep, for each pair of neighbours in a chain, the candidates that nest."""
    for a, b in zip(chain, chain[1:]):
        if not a.cands or not b.cands:
            continue
        b_ok = [j for j in b.cands if any(gaz.is_within(j, i) and j != i for i in a.cands)]
        if b_ok:
            a_ok = [i for i in a.cands if any(gaz.is_within(j, i) for j in b_ok)]
            a.cands, b.cands = a_ok, b_ok
            a.props["chained"] = b.props["chained"] = True


def _anchor_weights(mentions: list[Mention], gaz: Gazetteer) -> Counter:
    weights: Counter = Counter()
    for m in mentions:
        if m.ref or len(m.cands) != 1:
            continue
        for a in gaz.ancestors(m.cands[0]):
            weights[a] += 1
    return weights


def _score(cand: int, weights: Counter, gaz: Gazetteer) -> float:
    score = 0.0
    for a in gaz.ancestors(cand)[:-1]:
        if weights.get(a):
            score += _WEIGHT[gaz.level_rank(a)]
    return score


def _decide(mentions: list[Mention], gaz: Gazetteer, view: TextView) -> None:
    for _ in range(2):
        weights = _anchor_weights(mentions, gaz)
        for m in mentions:
            if m.ref or len(m.cands) <= 1:
                continue
            scored = sorted(((_score(c, weights, gaz), c) for c in m.cands), reverse=True)
            best, runner = scored[0], scored[1] if len(scored) > 1 else (0.0, -1)
            if best[0] > 0 and best[0] > runner[0]:
                m.cands = [best[1]]
    # short names (黄岩, 天台) stand for a county only when the article is about its region;
    # names spread over several words (组织村) only when the article names its region
    weights = _anchor_weights([m for m in mentions if not m.props.get("short") and not m.props.get("weak")], gaz)
    full_names = {m.text for m in mentions if not m.props.get("short")}
    for m in mentions:
        if m.props.pop("weak", False) and not m.ref:
            if not any(_supported(c, weights, gaz, mentions) for c in m.cands):
                m.cands = []
                m.props["drop"] = True
            continue
        if not m.props.get("short") or m.ref:
            continue
        if not _not_everyday(m.text, gaz, m.cands) and not any(gaz.name(c) in full_names for c in m.cands) \
                and not m.props.get("chained"):
            m.cands = []
            m.props["drop"] = True  # 合作 (合作市): an everyday word names the place only beside its full name
            continue
        supported = [c for c in m.cands if _supported(c, weights, gaz, mentions)]
        if supported:
            m.cands = supported
        elif all(gaz.level_rank(c) <= CITY for c in m.cands) and _is_word(view, m) and _not_everyday(m.text, gaz, m.cands):
            pass  # 浙江, 台州: provinces and cities are safe as whole words (合作, a city too, is an everyday word)
        else:
            m.cands = []
            m.props["drop"] = True


def _supported(cand: int, weights: Counter, gaz: Gazetteer, mentions: list[Mention]) -> bool:
    if any(weights.get(a) for a in gaz.ancestors(cand)[:-1]):
        return True
    if weights.get(cand):
        return True  # the full name, or a place inside it, is named elsewhere
    return False


def _not_everyday(word: str, gaz: Gazetteer, cands: list[int]) -> bool:
    from kg.extract.places import _idf  # noqa: PLC0415

    if all(gaz.level_rank(c) == PROVINCE for c in cands):
        return True
    return _idf().get(word, 99.0) >= 7.0


def _is_word(view: TextView, m: Mention) -> bool:
    return m.start in view.token_starts and m.end in view.token_ends


def resolve_places(mentions: list[Mention], view: TextView) -> list[Mention]:
    """Resolve place mentions in place and return those that stand.

    Sets ``gaz`` (gazetteer id or -1), ``name``, ``key`` (identity),
    ``props['level']``, ``props['admin_path']`` and ``parent``.
    """
    gaz = load_gazetteer()
    names = [m for m in mentions if not m.ref]
    for chain in _chains(names, view.text):
        if len(chain) > 1:
            _filter_chain(chain, gaz)
            for a, b in zip(chain, chain[1:]):
                nested = a.cands and b.cands and any(gaz.is_within(j, i) and i != j for i in a.cands for j in b.cands)
                below = level_rank(_level_guess(a, gaz)) < level_rank(_level_guess(b, gaz))
                if b.cands and not nested and below and a.cands and level_rank(_level_guess(b, gaz)) >= 3:
                    # the text writes 江口街道徒家村 but the gazetteer files that village elsewhere
                    # (divisions are merged and renamed): trust the article, keep it under what it names
                    b.props.setdefault("level", _level_guess(b, gaz))
                    b.cands = []
                    nested = True
                if nested or (not b.cands and below):
                    b.parent = a
    _decide(names, gaz, view)
    upper_names, _, _ = _upper_index()
    kept: list[Mention] = []
    for m in names:
        if m.props.pop("drop", False):
            continue
        if len(m.cands) != 1 and m.parent is None and head_of(m.text) in upper_names:
            continue  # 黄岩村 unplaced: the villages of 黄岩, not a village of that name
        if len(m.cands) == 1:
            m.gaz = m.cands[0]
            m.name = gaz.name(m.gaz)
            m.props["level"] = gaz.level(m.gaz)
            m.props["admin_path"] = gaz.admin_path(m.gaz)
            m.key = m.props["admin_path"]
        else:
            if m.cands and "level" not in m.props:
                m.props["level"] = gaz.level(m.cands[0])
            m.props.setdefault("level", "landmark")
        kept.append(m)
    # unresolved names take their identity from the place they are written under
    for m in kept:
        if m.gaz >= 0:
            continue
        parent = m.parent if m.parent in kept else None
        if parent is not None and level_rank(parent.props.get("level")) < level_rank(m.props.get("level")):
            base = parent.key or parent.name
            m.key = f"{base}/{m.name}"
            m.props["admin_path"] = m.key if "/" in base else None
        else:
            m.parent = None
            m.key = m.name
        if not m.props.get("admin_path"):
            m.props.pop("admin_path", None)
    _unify_names(kept)
    refs = [m for m in mentions if m.ref]
    kept += _resolve_refs(refs, kept, gaz)
    kept.sort(key=lambda m: m.start)
    return kept


def _unify_names(kept: list[Mention]) -> None:
    """One name, one place within an article: a later bare 胜利村 is the 胜利村 placed earlier.

    Mentions of the same name that the context left unplaced take the identity
    of the one that was placed (by the gazetteer, or under a written parent).
    Two placed mentions that disagree stay apart (two villages of that name).
    """
    by_name: dict[str, list[Mention]] = {}
    for m in kept:
        by_name.setdefault(m.name, []).append(m)
    for group in by_name.values():
        # a placement written in the text (岸堤镇朱家林村) beats one the gazetteer guessed for a bare name
        written = {m.key for m in group if m.parent is not None}
        if len(written) > 1:
            # 天宁区桃园社区 and 天宁区红梅街道桃园社区: one written path inside the other is one place
            longest = max(written, key=len)
            if all(longest.startswith(k.rsplit("/", 1)[0] + "/") for k in written):
                written = {longest}
        placed = written or {m.key for m in group if m.gaz >= 0}
        if len(placed) != 1:
            continue
        key = next(iter(placed))
        best = next(m for m in group if m.key == key)
        for m in group:
            if m.key != key and (m.parent is None or written) and (m.gaz < 0 or written):
                m.key, m.gaz = best.key, best.gaz
                m.props = {**m.props, **{k: v for k, v in best.props.items() if k in ("level", "admin_path")}}


def _level_guess(m: Mention, gaz: Gazetteer) -> str:
    if m.cands:
        return gaz.level(m.cands[0])
    return m.props.get("level", "landmark")


def _dominant(kept: list[Mention], level: str | None, gaz: Gazetteer) -> Mention | None:
    counts: Counter = Counter()
    first: dict[str, Mention] = {}
    for m in kept:
        if level is None or m.props.get("level") == level:
            counts[m.key] += 1.0
            first.setdefault(m.key, m)
    if counts:
        key, _ = max(counts.items(), key=lambda kv: (kv[1], -first[kv[0]].start))
        return first[key]
    return None


def _implied(kept: list[Mention], rank: int, gaz: Gazetteer) -> int:
    """The division of ``rank`` (province/city) that the article's resolved places share most."""
    counts: Counter = Counter()
    for m in kept:
        if m.gaz >= 0:
            chain = gaz.ancestors(m.gaz)
            for a in chain:
                if gaz.level_rank(a) == rank:
                    counts[a] += 1
    if not counts:
        return -1
    return counts.most_common(1)[0][0]


def _resolve_refs(refs: list[Mention], kept: list[Mention], gaz: Gazetteer) -> list[Mention]:
    out: list[Mention] = []
    for r in refs:
        level = r.props.pop("ref_level")
        how = r.props.pop("ref_how")
        target: Mention | None = None
        if how == "recent":
            wanted_suffix = "区" if "区" in r.text else "县" if "县" in r.text else ""
            for m in reversed(kept):
                if m.start >= r.start or m.ref:
                    continue
                if m.props.get("level") == level and (not wanted_suffix or m.name.endswith(wanted_suffix)):
                    target = m
                    break
        if target is None and level == "city":
            # 全市 is the city the article is about: the 市 named most often, prefecture or county-level
            target = _dominant([m for m in kept if not m.ref and m.name.endswith("市")], None, gaz)
        if target is None:
            target = _dominant([m for m in kept if not m.ref], level, gaz)
        if target is None and level in ("province", "city"):
            idx = _implied([m for m in kept if not m.ref], PROVINCE if level == "province" else CITY, gaz)
            if idx < 0 and level == "city":
                target = _dominant([m for m in kept if not m.ref and m.name.endswith("市")], "county", gaz)
            if idx >= 0:
                r.gaz = idx
                r.name = gaz.name(idx)
                r.props["level"] = gaz.level(idx)
                r.props["admin_path"] = gaz.admin_path(idx)
                r.key = r.props["admin_path"]
                out.append(r)
                continue
        if target is None:
            continue
        r.gaz, r.name, r.key = target.gaz, target.name, target.key
        r.props = {k: v for k, v in target.props.items() if k in ("level", "admin_path")}
        r.parent = None
        out.append(r)
    return out


__all__ = ["resolve_places", "level_rank", "COUNTY"]
