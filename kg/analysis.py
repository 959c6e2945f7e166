"""Tables and networks for looking at the graph: on the embedded store and on Neo4j alike.

Every function takes a *source*: a store (anything with the
:class:`~kg.store.base.GraphStore` ``query`` method, the networkx store or
the Neo4j store) or a graph already made by :func:`load_graph`.  A store is
read through two read templates, ``subgraph_nodes`` and
``subgraph_relationships`` (``cypher/``; the embedded store answers them in
Python), so both stores give the same tables.  Load once and pass the graph
when several tables are wanted::

    graph = analysis.load_graph(store)
    analysis.initiatives_by_place(graph)
    analysis.diffusion(graph)

Tables are pandas DataFrames and networks networkx graphs.  Neo4j Community
has no graph algorithms library, so centrality and communities are computed
here, on the subgraph of places, organizations and initiatives, which is
small next to the articles and their mentions.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any, Iterable, Mapping, Protocol, Union

import networkx as nx
import pandas as pd

from kg.errors import ConfigError
from kg.model import LABELS, PLACE_LEVELS, REL_TYPES

#: Entity labels read by default (everything but Article).
ENTITY_LABELS: tuple[str, ...] = tuple(label for label in LABELS if label != "Article")
#: Relationship types read by default (every fact; not MENTIONS).
FACT_TYPES: tuple[str, ...] = tuple(t for t in REL_TYPES if t != "MENTIONS")
#: The administrative levels a place is rolled up to (``landmark`` is not a region).
REGION_LEVELS: tuple[str, ...] = ("province", "city", "county", "township", "village", "community")

_LEVEL_RANK = {level: i for i, level in enumerate(PLACE_LEVELS)}


class _Queryable(Protocol):
    def query(self, name: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]: ...


Source = Union[_Queryable, nx.MultiDiGraph]


# -- loading -----------------------------------------------------------------


def load_graph(
    store: _Queryable,
    *,
    labels: Iterable[str] = ENTITY_LABELS,
    types: Iterable[str] = FACT_TYPES,
) -> nx.MultiDiGraph:
    """Read the entities and facts of a store into a networkx graph.

    Args:
        store: the embedded store or the Neo4j store.
        labels: node labels to read (default: every entity label).
        types: relationship types to read (default: every type but MENTIONS).

    Returns:
        A MultiDiGraph: nodes keyed by id with ``label``, ``name``, ``aliases``
        and their properties; one edge per relationship with ``type``, its
        properties (evidence included) and ``article``, ``published_at`` and
        ``source`` of its article.  Relationships whose ends were not read are
        left out.

    Raises:
        StoreError: the store cannot run the templates.
        Neo4jUnavailable: the Neo4j server cannot be reached.
    """
    graph = nx.MultiDiGraph()
    for row in store.query("subgraph_nodes", {"labels": list(labels)}):
        props = {k: v for k, v in (row.get("properties") or {}).items() if k != "id"}
        props.update(label=row["label"], name=row["name"], aliases=list(props.get("aliases") or []))
        graph.add_node(row["id"], **props)
    for row in store.query("subgraph_relationships", {"types": list(types)}):
        if row["start"] not in graph or row["end"] not in graph:
            continue
        props = dict(row.get("properties") or {})
        props.update(type=row["type"], article=row.get("article"), published_at=row.get("published_at"), source=row.get("source"))
        graph.add_edge(row["start"], row["end"], **props)
    return graph


def _graph(source: Source) -> nx.MultiDiGraph:
    if isinstance(source, nx.MultiDiGraph):
        return source
    if not hasattr(source, "query"):
        raise ConfigError(f"expected a store or a graph from kg.analysis.load_graph, not {type(source).__name__}")
    return load_graph(source)


def _label(graph: nx.MultiDiGraph, node: str) -> str | None:
    return graph.nodes[node].get("label")


def _name(graph: nx.MultiDiGraph, node: str | None) -> str | None:
    return None if node is None else graph.nodes[node].get("name")


def _edges(graph: nx.MultiDiGraph, rel_type: str) -> Iterable[tuple[str, str, dict[str, Any]]]:
    for u, v, attrs in graph.edges(data=True):
        if attrs.get("type") == rel_type:
            yield u, v, attrs


def _date(value: Any) -> pd.Timestamp | None:
    if not value:
        return None
    stamp = pd.to_datetime(str(value), format="ISO8601", errors="coerce")
    return None if pd.isna(stamp) else stamp


def _dates(values: Iterable[Any]) -> pd.Series:
    return pd.Series([_date(v) for v in values], dtype="datetime64[ns]")


# -- places and their regions -------------------------------------------------


def _parent(graph: nx.MultiDiGraph, place: str) -> str | None:
    """The place a place is PART_OF: the widest-level one, then the smallest name (deterministic)."""
    parents = {v for _, v, a in graph.out_edges(place, data=True) if a.get("type") == "PART_OF" and _label(graph, v) == "Place" and v != place}
    if not parents:
        return None
    return min(parents, key=lambda p: (_LEVEL_RANK.get(graph.nodes[p].get("level"), len(_LEVEL_RANK)), graph.nodes[p].get("name") or "", p))


def _chain(graph: nx.MultiDiGraph, place: str) -> list[str]:
    """The place and the places it lies in, narrowest first, following PART_OF (cycles stop it)."""
    chain = [place]
    seen = {place}
    current = _parent(graph, place)
    while current is not None and current not in seen:
        chain.append(current)
        seen.add(current)
        current = _parent(graph, current)
    return chain


def _regions(graph: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    """Place id -> {level: name of the place at that level along its PART_OF chain, or None}."""
    regions: dict[str, dict[str, Any]] = {}
    for node, label in graph.nodes(data="label"):
        if label != "Place":
            continue
        row: dict[str, Any] = {level: None for level in REGION_LEVELS}
        for member in _chain(graph, node):
            level = graph.nodes[member].get("level")
            if level in REGION_LEVELS and row[level] is None:
                row[level] = graph.nodes[member].get("name")
        regions[node] = row
    return regions


def place_regions(source: Source) -> pd.DataFrame:
    """Return every place with the regions it lies in, one column per administrative level.

    Args:
        source: a store or a graph from :func:`load_graph`.

    Returns:
        Columns ``place_id, place, level, admin_path`` and one column per
        level of :data:`REGION_LEVELS` holding the name of the place at that
        level along the PART_OF chain (the place itself at its own level;
        missing where the chain does not say), sorted by level and name.
    """
    graph = _graph(source)
    rows = [
        {"place_id": node, "place": graph.nodes[node].get("name"), "level": graph.nodes[node].get("level"),
         "admin_path": graph.nodes[node].get("admin_path"), **regions}
        for node, regions in _regions(graph).items()
    ]
    frame = pd.DataFrame(rows, columns=["place_id", "place", "level", "admin_path", *REGION_LEVELS])
    return _sort_places(frame)


def _sort_places(frame: pd.DataFrame, *extra: str) -> pd.DataFrame:
    if frame.empty:
        return frame.reset_index(drop=True)
    rank = frame["level"].map(lambda lv: _LEVEL_RANK.get(lv, len(_LEVEL_RANK)))
    return frame.assign(_rank=rank).sort_values(["_rank", "place", *extra], kind="stable").drop(columns="_rank").reset_index(drop=True)


def _located_places(graph: nx.MultiDiGraph, org: str) -> list[str]:
    return sorted({v for _, v, a in graph.out_edges(org, data=True) if a.get("type") == "LOCATED_IN" and _label(graph, v) == "Place"})


def _implementations(graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """IMPLEMENTS facts grouped by (place, initiative, implementer): a place, or an organization located in it."""
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for u, v, attrs in _edges(graph, "IMPLEMENTS"):
        if _label(graph, v) != "Initiative":
            continue
        if _label(graph, u) == "Place":
            groups[(u, v, u)].append(attrs)
        elif _label(graph, u) == "Organization":
            for place in _located_places(graph, u):
                groups[(place, v, u)].append(attrs)
    rows = []
    for (place, initiative, implementer), facts in groups.items():
        dates = [d for d in (_date(f.get("published_at")) for f in facts) if d is not None]
        rows.append(
            {
                "place_id": place,
                "initiative_id": initiative,
                "via": None if implementer == place else _name(graph, implementer),
                "article_ids": {f.get("article_id") for f in facts} - {None},
                "dates": dates,
                "articles": len({f.get("article_id") for f in facts} - {None}),
                "first_reported": min(dates) if dates else None,
                "evidence": sorted({f.get("evidence") for f in facts if f.get("evidence")}),
            }
        )
    return rows


# -- initiatives by place and region ------------------------------------------


def initiatives_by_place(source: Source) -> pd.DataFrame:
    """Return which place implements which initiative, with the regions the place lies in.

    A place implements an initiative itself (``(:Place)-[:IMPLEMENTS]->``) or
    through an organization located in it (``via`` names the organization).

    Args:
        source: a store or a graph from :func:`load_graph`.

    Returns:
        One row per place, initiative and implementer: ``place, level,
        initiative, kind, via, articles, first_reported`` (a timestamp),
        ``evidence`` (the sentences, a list), then the place's regions
        (``province`` … ``community``) and the ids; sorted by level, place
        and initiative.
    """
    graph = _graph(source)
    regions = _regions(graph)
    rows = []
    for row in _implementations(graph):
        place, initiative = row["place_id"], row["initiative_id"]
        rows.append(
            {
                "place": _name(graph, place),
                "level": graph.nodes[place].get("level"),
                "initiative": _name(graph, initiative),
                "kind": graph.nodes[initiative].get("kind"),
                "via": row["via"],
                "articles": row["articles"],
                "first_reported": row["first_reported"],
                "evidence": row["evidence"],
                **regions[place],
                "place_id": place,
                "initiative_id": initiative,
            }
        )
    columns = ["place", "level", "initiative", "kind", "via", "articles", "first_reported", "evidence", *REGION_LEVELS, "place_id", "initiative_id"]
    frame = pd.DataFrame(rows, columns=columns)
    frame["first_reported"] = pd.to_datetime(frame["first_reported"])
    return _sort_places(frame, "initiative", "via")


def initiatives_by_region(source: Source, *, level: str = "province") -> pd.DataFrame:
    """Roll the initiatives up the PART_OF hierarchy to the regions of one level.

    A region counts an initiative when the region itself or any place inside
    it (at any depth of PART_OF) implements it.

    Args:
        source: a store or a graph from :func:`load_graph`.
        level: the level of the regions (one of :data:`REGION_LEVELS`).

    Returns:
        One row per region and initiative: ``region, initiative, kind,
        places`` (how many places inside implement it), ``implemented_by``
        (their names, sorted), ``articles`` (distinct articles),
        ``first_reported``; sorted by region, then most places first.
        Implementations in places whose chain does not reach that level are
        left out.

    Raises:
        ConfigError: the level is unknown.
    """
    if level not in REGION_LEVELS:
        raise ConfigError(f"level must be one of {', '.join(REGION_LEVELS)}, not {level!r}")
    graph = _graph(source)
    regions = _regions(graph)
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    for u, v, attrs in _edges(graph, "IMPLEMENTS"):
        if _label(graph, v) != "Initiative":
            continue
        places = [u] if _label(graph, u) == "Place" else _located_places(graph, u) if _label(graph, u) == "Organization" else []
        for place in places:
            region = regions[place][level]
            if region is None:
                continue
            group = groups.setdefault((region, v), {"places": set(), "articles": set(), "dates": []})
            group["places"].add(_name(graph, place))
            group["articles"].add(attrs.get("article_id"))
            stamp = _date(attrs.get("published_at"))
            if stamp is not None:
                group["dates"].append(stamp)
    rows = [
        {
            "region": region,
            "initiative": _name(graph, initiative),
            "kind": graph.nodes[initiative].get("kind"),
            "places": len(group["places"]),
            "implemented_by": sorted(group["places"]),
            "articles": len(group["articles"] - {None}),
            "first_reported": min(group["dates"]) if group["dates"] else None,
        }
        for (region, initiative), group in groups.items()
    ]
    frame = pd.DataFrame(rows, columns=["region", "initiative", "kind", "places", "implemented_by", "articles", "first_reported"])
    frame["first_reported"] = pd.to_datetime(frame["first_reported"])
    return frame.sort_values(["region", "places", "initiative"], ascending=[True, False, True], kind="stable").reset_index(drop=True)


# -- diffusion ------------------------------------------------------------------


def diffusion(source: Source) -> pd.DataFrame:
    """Return how far each initiative has spread: places, levels, provinces, first and last report.

    Args:
        source: a store or a graph from :func:`load_graph`.

    Returns:
        One row per initiative that some place implements: ``initiative,
        kind, places`` (number of implementing places), ``levels`` (a dict
        level -> places, in administrative order), ``provinces`` (names),
        ``first_reported`` and ``last_reported`` (timestamps of the earliest
        and latest article stating an implementation), ``articles``,
        ``implemented_by`` (place names); most places first.
    """
    graph = _graph(source)
    regions = _regions(graph)
    groups: dict[str, dict[str, Any]] = {}
    for row in _implementations(graph):
        group = groups.setdefault(row["initiative_id"], {"places": set(), "article_ids": set(), "dates": []})
        group["places"].add(row["place_id"])
        group["article_ids"] |= row["article_ids"]
        group["dates"] += row["dates"]
    rows = []
    for initiative, group in groups.items():
        places = sorted(group["places"], key=lambda p: (_LEVEL_RANK.get(graph.nodes[p].get("level"), len(_LEVEL_RANK)), _name(graph, p) or ""))
        levels: dict[str, int] = {}
        for place in places:
            level = graph.nodes[place].get("level") or "unknown"
            levels[level] = levels.get(level, 0) + 1
        provinces = sorted({regions[p]["province"] for p in places} - {None})
        rows.append(
            {
                "initiative": _name(graph, initiative),
                "kind": graph.nodes[initiative].get("kind"),
                "places": len(places),
                "levels": levels,
                "provinces": provinces,
                "first_reported": min(group["dates"]) if group["dates"] else None,
                "last_reported": max(group["dates"]) if group["dates"] else None,
                "articles": len(group["article_ids"]),
                "implemented_by": [_name(graph, p) for p in places],
            }
        )
    columns = ["initiative", "kind", "places", "levels", "provinces", "first_reported", "last_reported", "articles", "implemented_by"]
    frame = pd.DataFrame(rows, columns=columns)
    for column in ("first_reported", "last_reported"):
        frame[column] = pd.to_datetime(frame[column])
    return frame.sort_values(["places", "articles", "initiative"], ascending=[False, False, True], kind="stable").reset_index(drop=True)


# -- outcomes -------------------------------------------------------------------

#: unit -> (quantity, factor to the base unit, base unit).  Values in the graph are
#: already normalised for 万/亿 (15.6亿元 is 1560000000 元); this adds the kind of
#: quantity and converts the units of area, length and weight to one base unit each.
UNITS: dict[str, tuple[str, float, str]] = {
    "元": ("money", 1, "元"),
    "万元": ("money", 1e4, "元"),
    "亿元": ("money", 1e8, "元"),
    "%": ("share", 1, "%"),
    "人": ("people", 1, "人"),
    "名": ("people", 1, "人"),
    "位": ("people", 1, "人"),
    "人次": ("visits", 1, "人次"),
    "户次": ("visits", 1, "户次"),
    "户": ("households", 1, "户"),
    "亩": ("area", 10000 / 15, "平方米"),
    "平方米": ("area", 1, "平方米"),
    "公顷": ("area", 1e4, "平方米"),
    "平方公里": ("area", 1e6, "平方米"),
    "米": ("length", 1, "米"),
    "公里": ("length", 1000, "米"),
    "千米": ("length", 1000, "米"),
    "吨": ("weight", 1000, "千克"),
    "公斤": ("weight", 1, "千克"),
    "千克": ("weight", 1, "千克"),
    "斤": ("weight", 0.5, "千克"),
}
_COUNT_UNITS = frozenset("个家支项条件次座所场批处间套台辆棵株篇本期届轮")


def normalise_quantity(value: Any, unit: str | None) -> tuple[str, float | None, str | None]:
    """Return ``(quantity, value in the base unit, base unit)`` of an outcome figure.

    Args:
        value: the Outcome's ``value`` (a number, or None).
        unit: its ``unit``.

    Returns:
        The kind of quantity (``money``, ``share``, ``people``, ``households``,
        ``visits``, ``count``, ``area``, ``length``, ``weight`` or ``other``),
        the value converted to the base unit, and the base unit.

    >>> normalise_quantity(1560000000, "元")
    ('money', 1560000000.0, '元')
    >>> normalise_quantity(2000, "亩")
    ('area', 1333333.333, '平方米')
    >>> normalise_quantity(87, "个")
    ('count', 87.0, '个')
    >>> normalise_quantity(None, "名")
    ('people', None, '人')
    """
    unit = (unit or "").strip()
    if unit in UNITS:
        quantity, factor, base = UNITS[unit]
    elif unit in _COUNT_UNITS:
        quantity, factor, base = "count", 1, unit
    else:
        quantity, factor, base = "other", 1, unit or None
    number = _number(value)
    return quantity, None if number is None else round(number * factor, 3), base


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def format_value(value: Any, unit: str | None) -> str:
    """Write a figure the way a Chinese report would: 万 and 亿 for big numbers.

    >>> format_value(1560000000, "元")
    '15.6亿元'
    >>> format_value(43000, "件")
    '4.3万件'
    >>> format_value(99.2, "%")
    '99.2%'
    >>> format_value(None, "元")
    ''
    """
    number = _number(value)
    if number is None:
        return ""
    unit = unit or ""
    for scale, mark in ((1e8, "亿"), (1e4, "万")):
        if abs(number) >= scale and unit != "%":
            return f"{number / scale:.4g}{mark}{unit}"
    return f"{number:.6g}{unit}"


def outcomes(source: Source) -> pd.DataFrame:
    """Return every outcome with who achieved it, its normalised figure and its evidence.

    Args:
        source: a store or a graph from :func:`load_graph`.

    Returns:
        One row per ACHIEVED relationship: ``outcome, achieved_by,
        achieved_by_label, place`` (the achiever if a place, the place an
        organization is located in, or the places implementing an
        initiative, joined by 、), ``metric, value, unit, quantity,
        value_normalised, unit_normalised, display`` (15.6亿元),
        ``approximate, period, evidence, article, published_at`` (a
        timestamp); sorted by quantity, then largest normalised value first.
    """
    graph = _graph(source)
    rows = []
    for u, v, attrs in _edges(graph, "ACHIEVED"):
        if _label(graph, v) != "Outcome":
            continue
        node = graph.nodes[v]
        quantity, normalised, base = normalise_quantity(node.get("value"), node.get("unit"))
        label = _label(graph, u)
        if label == "Place":
            places = [u]
        elif label == "Organization":
            places = _located_places(graph, u)
        else:
            places = sorted({p for p, _, a in graph.in_edges(u, data=True) if a.get("type") == "IMPLEMENTS" and _label(graph, p) == "Place"})
        rows.append(
            {
                "outcome": node.get("name"),
                "achieved_by": _name(graph, u),
                "achieved_by_label": label,
                "place": "、".join(sorted(_name(graph, p) or "" for p in places)) or None,
                "metric": node.get("metric"),
                "value": _number(node.get("value")),
                "unit": node.get("unit"),
                "quantity": quantity,
                "value_normalised": normalised,
                "unit_normalised": base,
                "display": format_value(node.get("value"), node.get("unit")),
                "approximate": bool(node.get("approximate", False)),
                "period": node.get("period"),
                "evidence": attrs.get("evidence"),
                "article": attrs.get("article"),
                "published_at": _date(attrs.get("published_at")),
                "outcome_id": v,
            }
        )
    columns = [
        "outcome", "achieved_by", "achieved_by_label", "place", "metric", "value", "unit", "quantity", "value_normalised",
        "unit_normalised", "display", "approximate", "period", "evidence", "article", "published_at", "outcome_id",
    ]
    frame = pd.DataFrame(rows, columns=columns)
    frame["published_at"] = pd.to_datetime(frame["published_at"])
    frame["value"] = frame["value"].astype("float64")
    frame["value_normalised"] = frame["value_normalised"].astype("float64")
    return frame.sort_values(["quantity", "value_normalised", "outcome", "achieved_by"], ascending=[True, False, True, True], kind="stable", na_position="last").reset_index(drop=True)


# -- people ----------------------------------------------------------------------


def people(source: Source) -> pd.DataFrame:
    """Return who holds which position where, with the place of the position.

    Args:
        source: a store or a graph from :func:`load_graph`.

    Returns:
        One row per HOLDS_POSITION relationship: ``person, title, at,
        at_label, place`` (the place itself, or where the organization is
        located), ``level, since, evidence, article, published_at``; sorted
        by person and title.
    """
    graph = _graph(source)
    rows = []
    for u, v, attrs in _edges(graph, "HOLDS_POSITION"):
        if _label(graph, u) != "Person":
            continue
        label = _label(graph, v)
        places = [v] if label == "Place" else _located_places(graph, v) if label == "Organization" else []
        place = places[0] if places else None
        rows.append(
            {
                "person": _name(graph, u),
                "title": attrs.get("title") or "",
                "at": _name(graph, v),
                "at_label": label,
                "place": _name(graph, place),
                "level": None if place is None else graph.nodes[place].get("level"),
                "since": attrs.get("since"),
                "evidence": attrs.get("evidence"),
                "article": attrs.get("article"),
                "published_at": _date(attrs.get("published_at")),
            }
        )
    columns = ["person", "title", "at", "at_label", "place", "level", "since", "evidence", "article", "published_at"]
    frame = pd.DataFrame(rows, columns=columns)
    frame["published_at"] = pd.to_datetime(frame["published_at"])
    return frame.sort_values(["person", "title", "at", "published_at"], kind="stable").reset_index(drop=True)


# -- networks, centrality, communities --------------------------------------------

#: Relationship types of the place -> initiative -> outcome network.
NETWORK_TYPES: tuple[str, ...] = ("PART_OF", "IMPLEMENTS", "ACHIEVED")


def network(source: Source, *, types: Iterable[str] = NETWORK_TYPES, outcomes: bool = True) -> nx.DiGraph:
    """Return the place -> initiative -> outcome network: one edge per pair, with its evidence.

    Nodes are the places, organizations and initiatives that take part in
    an IMPLEMENTS or ACHIEVED fact, the outcomes, and the places they lie in
    (PART_OF, up to the widest region known).

    Args:
        source: a store or a graph from :func:`load_graph`.
        types: relationship types to keep (default :data:`NETWORK_TYPES`).
        outcomes: keep Outcome nodes (false: places, organizations, initiatives only).

    Returns:
        A DiGraph: nodes have ``label, name`` and the node's properties; each
        edge has ``type``, ``articles`` (count) and ``facts``: a list of
        ``{"evidence", "article", "published_at", "confidence"}``.
    """
    graph = _graph(source)
    wanted = set(types)
    core: set[str] = set()
    for u, v, attrs in graph.edges(data=True):
        rel_type = attrs.get("type")
        if rel_type in wanted and rel_type != "PART_OF":
            if not outcomes and _label(graph, v) == "Outcome":
                continue
            core.update((u, v))
    members = set(core)
    if "PART_OF" in wanted:
        for node in sorted(core):
            if _label(graph, node) == "Place":
                members.update(_chain(graph, node))
    result = nx.DiGraph()
    for node in sorted(members):
        result.add_node(node, **graph.nodes[node])
    for u, v, attrs in graph.edges(data=True):
        rel_type = attrs.get("type")
        if rel_type not in wanted or u not in members or v not in members:
            continue
        if rel_type == "PART_OF" and (_label(graph, u) != "Place" or _label(graph, v) != "Place"):
            continue
        if not result.has_edge(u, v):
            result.add_edge(u, v, type=rel_type, facts=[], articles=0)
        edge = result.edges[u, v]
        edge["facts"].append(
            {
                "evidence": attrs.get("evidence"),
                "article": attrs.get("article"),
                "published_at": attrs.get("published_at"),
                "confidence": attrs.get("confidence"),
            }
        )
        edge["articles"] = len({f["article"] for f in edge["facts"]})
    for _, _, edge in result.edges(data=True):
        edge["facts"].sort(key=lambda f: (str(f["published_at"] or ""), str(f["evidence"] or "")))
    return result


def centrality(source: Source) -> pd.DataFrame:
    """Return how central each place and initiative is in the place–initiative network.

    The network is :func:`network` without outcomes, taken as undirected:
    places, organizations and initiatives linked by IMPLEMENTS and PART_OF.
    An initiative that many places share, or a region whose places carry
    out many initiatives, comes out on top.

    Args:
        source: a store or a graph from :func:`load_graph`.

    Returns:
        One row per Place and Initiative: ``name, label, level, kind,
        degree, degree_centrality, betweenness, closeness, component``
        (size of its connected component); most between first.
    """
    graph = network(source, outcomes=False).to_undirected()
    columns = ["name", "label", "level", "kind", "degree", "degree_centrality", "betweenness", "closeness", "component", "id"]
    if graph.number_of_nodes() == 0:
        return pd.DataFrame(columns=columns)
    degree = nx.degree_centrality(graph) if graph.number_of_nodes() > 1 else {n: 0.0 for n in graph}
    between = nx.betweenness_centrality(graph, normalized=True)
    close = nx.closeness_centrality(graph)
    component = {n: len(c) for c in nx.connected_components(graph) for n in c}
    rows = [
        {
            "name": attrs.get("name"),
            "label": attrs.get("label"),
            "level": attrs.get("level"),
            "kind": attrs.get("kind"),
            "degree": graph.degree(node),
            "degree_centrality": round(degree[node], 6),
            "betweenness": round(between[node], 6),
            "closeness": round(close[node], 6),
            "component": component[node],
            "id": node,
        }
        for node, attrs in graph.nodes(data=True)
        if attrs.get("label") in ("Place", "Initiative")
    ]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values(["betweenness", "degree", "name", "id"], ascending=[False, False, True, True], kind="stable").reset_index(drop=True)


def place_projection(source: Source) -> nx.Graph:
    """Return the places linked by the initiatives they share.

    Args:
        source: a store or a graph from :func:`load_graph`.

    Returns:
        A Graph of every place that implements an initiative (itself or
        through an organization located in it); an edge joins two places
        that implement the same initiative, with ``weight`` (how many) and
        ``initiatives`` (their names, sorted).  Nodes carry ``name``,
        ``level`` and ``initiatives``.
    """
    graph = _graph(source)
    by_initiative: dict[str, set[str]] = defaultdict(set)
    of_place: dict[str, set[str]] = defaultdict(set)
    for row in _implementations(graph):
        by_initiative[row["initiative_id"]].add(row["place_id"])
        of_place[row["place_id"]].add(_name(graph, row["initiative_id"]) or "")
    projection = nx.Graph()
    for place in sorted(of_place):
        projection.add_node(place, name=_name(graph, place), level=graph.nodes[place].get("level"), initiatives=sorted(of_place[place]))
    for initiative in sorted(by_initiative):
        places = sorted(by_initiative[initiative])
        for i, a in enumerate(places):
            for b in places[i + 1 :]:
                if projection.has_edge(a, b):
                    projection.edges[a, b]["initiatives"].append(_name(graph, initiative))
                else:
                    projection.add_edge(a, b, initiatives=[_name(graph, initiative)])
    for _, _, edge in projection.edges(data=True):
        edge["initiatives"].sort()
        edge["weight"] = len(edge["initiatives"])
    return projection


def place_communities(source: Source, *, seed: int = 0, resolution: float = 1.0) -> pd.DataFrame:
    """Return communities of places that share initiatives (Louvain on :func:`place_projection`).

    Args:
        source: a store or a graph from :func:`load_graph`.
        seed: random seed of the Louvain method (the same seed, the same communities).
        resolution: above 1 favours smaller communities, below 1 larger ones.

    Returns:
        One row per place that implements an initiative: ``community`` (0
        is the largest), ``size``, ``place, level, initiatives`` (its own),
        ``shared`` (initiatives it shares with other places of its
        community); sorted by community and place.  A place that shares
        nothing is a community of one.
    """
    projection = place_projection(source)
    columns = ["community", "size", "place", "level", "initiatives", "shared", "place_id"]
    if projection.number_of_nodes() == 0:
        return pd.DataFrame(columns=columns)
    found = nx.community.louvain_communities(projection, weight="weight", seed=seed, resolution=resolution)
    ordered = sorted((sorted(c) for c in found), key=lambda c: (-len(c), min(projection.nodes[n]["name"] or "" for n in c)))
    rows = []
    for index, members in enumerate(ordered):
        inside = set(members)
        for place in members:
            shared = sorted({i for other in projection[place] if other in inside for i in projection.edges[place, other]["initiatives"]})
            attrs = projection.nodes[place]
            rows.append(
                {
                    "community": index,
                    "size": len(members),
                    "place": attrs["name"],
                    "level": attrs["level"],
                    "initiatives": attrs["initiatives"],
                    "shared": shared,
                    "place_id": place,
                }
            )
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values(["community", "place", "place_id"], kind="stable").reset_index(drop=True)


def summary(source: Source) -> dict[str, int]:
    """Return headline counts: entities by label and facts by type, then the headline paths.

    Args:
        source: a store or a graph from :func:`load_graph`.

    Returns:
        ``{label: count, …, type: count, …, "place_initiative_outcome_paths": n}``
        in the ontology's order (labels and types with no nodes are left out).
    """
    graph = _graph(source)
    counts: dict[str, int] = {}
    for label in ENTITY_LABELS:
        n = sum(1 for _, lab in graph.nodes(data="label") if lab == label)
        if n:
            counts[label] = n
    for rel_type in FACT_TYPES:
        n = sum(1 for _, _, t in graph.edges(data="type") if t == rel_type)
        if n:
            counts[rel_type] = n
    achieved: dict[str, int] = defaultdict(int)
    for u, v, _ in _edges(graph, "ACHIEVED"):
        if _label(graph, v) == "Outcome":
            achieved[u] += 1
    counts["place_initiative_outcome_paths"] = sum(
        achieved.get(v, 0) for u, v, _ in _edges(graph, "IMPLEMENTS") if _label(graph, u) == "Place" and _label(graph, v) == "Initiative"
    )
    return counts
