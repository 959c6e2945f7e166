"""Python versions of the named read queries, for the embedded (networkx) store.

Each query of ``cypher/<name>.cypher`` that the embedded store can answer has
a function here, registered under the same name, that takes the graph and the
parameters and returns the same rows as the Cypher template::

    @register("graph_stats")
    def graph_stats(graph, params):
        ...

:meth:`kg.store.networkx_store.NetworkxStore.query` looks names up in
:data:`QUERIES`.  A query function reads the graph and never changes it.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Callable, Iterable, Iterator, Mapping

import networkx as nx

from kg.errors import StoreError
from kg.model import LABELS, REL_TYPES
from kg.query import load

#: What a query function looks like: ``fn(graph, params) -> rows``.
QueryFunction = Callable[[nx.MultiDiGraph, Mapping[str, Any]], list[dict[str, Any]]]

#: Query name -> function; filled by :func:`register`.
QUERIES: dict[str, QueryFunction] = {}


def register(name: str) -> Callable[[QueryFunction], QueryFunction]:
    """Register the decorated function as the Python version of query ``name``.

    Args:
        name: the query name, the same as its ``cypher/<name>.cypher`` template.

    Returns:
        A decorator that registers the function and returns it unchanged.

    Raises:
        StoreError: a query of that name is already registered.
    """

    def decorate(fn: QueryFunction) -> QueryFunction:
        if name in QUERIES:
            raise StoreError(f"query {name!r} is registered twice ({QUERIES[name].__qualname__} and {fn.__qualname__}); rename one")
        QUERIES[name] = fn
        return fn

    return decorate


@register("graph_stats")
def graph_stats(graph: nx.MultiDiGraph, params: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Count nodes by label and relationships by type.

    Args:
        graph: the graph.
        params: none are used.

    Returns:
        Rows ``{"kind": "node" | "relationship", "name": label or type, "count": n}``,
        nodes first, each kind in the order of ``kg.model.LABELS`` / ``REL_TYPES``
        (names outside those lists last, sorted).
    """
    rows: list[dict[str, Any]] = []
    for kind, counts, order in (
        ("node", Counter(label for _, label in graph.nodes(data="label")), LABELS),
        ("relationship", Counter(t for _, _, t in graph.edges(data="type")), REL_TYPES),
    ):
        names = [n for n in order if counts.get(n)] + sorted(n for n in counts if n not in order)
        rows.extend({"kind": kind, "name": n, "count": counts[n]} for n in names)
    return rows


# -- Python versions of the cypher/ read templates --------------------------
#
# Each function below answers like the template of the same name on Neo4j:
# same rows, same columns, same order (ORDER BY of the template, nulls last
# ascending and first descending, as in Cypher).  The contract tests in
# tests/integration/test_store_contract.py run both and compare.

_PLACE_RANK = {level: i for i, level in enumerate(("province", "city", "county", "township", "village", "community", "landmark"))}
_MAX_PART_OF = 10  # the templates' PART_OF*0..10
_MAX_HOPS = 8  # shortest_connection's [*..8]


class _Key:
    """Sort key of one value as Cypher orders it: nulls after everything (before, descending)."""

    __slots__ = ("value", "desc")

    def __init__(self, value: Any, desc: bool) -> None:
        self.value = value
        self.desc = desc

    def __lt__(self, other: _Key) -> bool:
        a, b = self.value, other.value
        if a is None or b is None:
            if a is None and b is None:
                return False
            # ascending: null last; descending: null first
            return (b is None) != self.desc
        return (a > b) if self.desc else (a < b)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Key) and self.value == other.value


def _order(rows: list[dict[str, Any]], *columns: str) -> list[dict[str, Any]]:
    """Sort rows like ``ORDER BY`` (a column prefixed with ``-`` is DESC)."""
    spec = [(c.lstrip("-"), c.startswith("-")) for c in columns]
    return sorted(rows, key=lambda row: [_Key(row.get(c), desc) for c, desc in spec])


def _names(attrs: Mapping[str, Any]) -> list[Any]:
    return [attrs.get("name"), *(attrs.get("aliases") or ())]


def _find(graph: nx.MultiDiGraph, value: Any, *, labels: tuple[str, ...] | None = None, articles: bool = True) -> list[str]:
    """Nodes whose id, name or an alias is ``value`` (``$x IN [n.id, n.name] + n.aliases``)."""
    found = []
    for node_id, attrs in graph.nodes(data=True):
        label = attrs.get("label")
        if labels is not None and label not in labels:
            continue
        if not articles and label == "Article":
            continue
        if value == node_id or value in _names(attrs):
            found.append(node_id)
    return found


def _edges(graph: nx.MultiDiGraph, rel_type: str) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for u, v, attrs in graph.edges(data=True):
        if attrs.get("type") == rel_type:
            yield u, v, attrs


def _label(graph: nx.MultiDiGraph, node_id: str) -> str | None:
    return graph.nodes[node_id].get("label")


def _prop(graph: nx.MultiDiGraph, node_id: str | None, key: str) -> Any:
    if node_id is None or node_id not in graph:
        return None
    return graph.nodes[node_id].get(key)


def _inside(graph: nx.MultiDiGraph, roots: list[str], *, min_depth: int = 0) -> dict[str, int]:
    """Places with a PART_OF path of ``min_depth``..10 hops to a root: place id -> shortest depth."""
    depth: dict[str, int] = {}
    for root in roots:
        seen = {root: 0}
        frontier = [root]
        for hops in range(1, _MAX_PART_OF + 1):
            nxt = []
            for node in frontier:
                for child, _, attrs in graph.in_edges(node, data=True):
                    if attrs.get("type") == "PART_OF" and child not in seen:
                        seen[child] = hops
                        nxt.append(child)
            frontier = nxt
        for node, hops in seen.items():
            if hops >= min_depth and _label(graph, node) == "Place":
                depth[node] = min(hops, depth.get(node, hops))
    return depth


def _region_places(graph: nx.MultiDiGraph, value: Any) -> set[str]:
    return set(_inside(graph, _find(graph, value, labels=("Place",))))


def _article(graph: nx.MultiDiGraph, article_id: Any) -> Mapping[str, Any]:
    """The Article node's attributes (``OPTIONAL MATCH (a:Article {id: r.article_id})``), or ``{}``."""
    if isinstance(article_id, str) and article_id in graph and _label(graph, article_id) == "Article":
        return graph.nodes[article_id]
    return {}


@register("initiatives_in_place")
def initiatives_in_place(graph: nx.MultiDiGraph, params: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Initiatives of a place and the places inside it (see ``cypher/initiatives_in_place.cypher``)."""
    places = _region_places(graph, params["place"])
    groups: dict[tuple[Any, ...], set[Any]] = {}
    for u, v, attrs in _edges(graph, "IMPLEMENTS"):
        if u in places and _label(graph, v) == "Initiative":
            key = (_prop(graph, u, "name"), _prop(graph, u, "level"), _prop(graph, v, "name"), _prop(graph, v, "kind"))
            groups.setdefault(key, set()).add(attrs.get("article_id"))
    rows = [
        {"place": p, "level": lv, "initiative": i, "kind": k, "articles": len(a - {None})}
        for (p, lv, i, k), a in groups.items()
    ]
    return _order(rows, "initiative", "place", "level", "kind")


@register("outcome_paths_in_region")
def outcome_paths_in_region(graph: nx.MultiDiGraph, params: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Place -> initiative -> outcome paths in a region (see ``cypher/outcome_paths_in_region.cypher``)."""
    places = _region_places(graph, params["region"])
    achieved: dict[str, list[str]] = {}
    for u, v, _ in _edges(graph, "ACHIEVED"):
        if _label(graph, v) == "Outcome":
            achieved.setdefault(u, []).append(v)
    seen: set[tuple[Any, ...]] = set()
    for u, v, _ in _edges(graph, "IMPLEMENTS"):
        if u in places and _label(graph, v) == "Initiative":
            for o in achieved.get(v, ()):
                seen.add((_prop(graph, u, "name"), _prop(graph, v, "name"), *(_prop(graph, o, k) for k in ("name", "metric", "value", "unit"))))
    rows = [dict(zip(("place", "initiative", "outcome", "metric", "value", "unit"), key)) for key in seen]
    return _order(rows, "place", "initiative", "outcome", "metric", "value", "unit")


@register("initiative_outcomes")
def initiative_outcomes(graph: nx.MultiDiGraph, params: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Outcomes of an initiative with their evidence (see ``cypher/initiative_outcomes.cypher``)."""
    initiatives = set(_find(graph, params["initiative"], labels=("Initiative",)))
    rows = []
    for u, v, attrs in _edges(graph, "ACHIEVED"):
        if u in initiatives and _label(graph, v) == "Outcome":
            art = _article(graph, attrs.get("article_id"))
            rows.append(
                {
                    "outcome": _prop(graph, v, "name"),
                    "value": _prop(graph, v, "value"),
                    "unit": _prop(graph, v, "unit"),
                    "evidence": attrs.get("evidence"),
                    "article": art.get("title"),
                    "published_at": art.get("published_at"),
                    "source": art.get("source"),
                }
            )
    return _order(rows, "outcome", "published_at", "article", "evidence", "value", "unit", "source")


@register("initiative_diffusion")
def initiative_diffusion(graph: nx.MultiDiGraph, params: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Places implementing an initiative, by level and region (see ``cypher/initiative_diffusion.cypher``)."""
    initiatives = set(_find(graph, params["initiative"], labels=("Initiative",)))
    dates: dict[str, list[Any]] = {}
    articles: dict[str, set[Any]] = {}
    for u, v, attrs in _edges(graph, "IMPLEMENTS"):
        if v in initiatives and _label(graph, u) == "Place":
            art = _article(graph, attrs.get("article_id"))
            dates.setdefault(u, []).append(art.get("published_at"))
            articles.setdefault(u, set()).add(attrs.get("article_id"))
    rows = []
    for place, published in dates.items():
        parents = [v for _, v, a in graph.out_edges(place, data=True) if a.get("type") == "PART_OF" and _label(graph, v) == "Place"]
        parent_names = [n for n in (_prop(graph, p, "name") for p in parents) if n is not None]
        known = [d for d in published if d is not None]
        rows.append(
            {
                "place": _prop(graph, place, "name"),
                "level": _prop(graph, place, "level"),
                "region": min(parent_names) if parent_names else None,
                "first_reported": min(known) if known else None,
                "articles": len(articles[place] - {None}),
            }
        )
    for row in rows:
        row["_rank"] = _PLACE_RANK.get(row["level"], len(_PLACE_RANK))
    ordered = _order(rows, "_rank", "place", "region", "first_reported", "articles")
    for row in ordered:
        del row["_rank"]
    return ordered


@register("initiatives_ranked")
def initiatives_ranked(graph: nx.MultiDiGraph, params: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Initiatives ranked by number of implementing places (see ``cypher/initiatives_ranked.cypher``)."""
    places: dict[tuple[Any, Any], set[str]] = {}
    articles: dict[tuple[Any, Any], set[Any]] = {}
    for u, v, attrs in _edges(graph, "IMPLEMENTS"):
        if _label(graph, u) == "Place" and _label(graph, v) == "Initiative":
            key = (_prop(graph, v, "name"), _prop(graph, v, "kind"))
            places.setdefault(key, set()).add(u)
            articles.setdefault(key, set()).add(attrs.get("article_id"))
    rows = [
        {"initiative": name, "kind": kind, "places": len(p), "articles": len(articles[(name, kind)] - {None})}
        for (name, kind), p in places.items()
    ]
    return _order(rows, "-places", "-articles", "initiative", "kind")[: int(params.get("limit") or 20)]


def _located_in(graph: nx.MultiDiGraph, node: str, places: set[str], types: tuple[str, ...] = ("LOCATED_IN",)) -> bool:
    return any(a.get("type") in types and v in places for _, v, a in graph.out_edges(node, data=True))


@register("people_in_place")
def people_in_place(graph: nx.MultiDiGraph, params: Mapping[str, Any]) -> list[dict[str, Any]]:
    """People and their positions in a place (see ``cypher/people_in_place.cypher``)."""
    places = _region_places(graph, params["place"])
    groups: dict[tuple[Any, ...], set[Any]] = {}
    for u, v, attrs in _edges(graph, "HOLDS_POSITION"):
        if _label(graph, u) != "Person":
            continue
        if v in places or (_label(graph, v) == "Organization" and _located_in(graph, v, places)):
            key = (_prop(graph, u, "name"), attrs.get("title") or "", _prop(graph, v, "name"))
            groups.setdefault(key, set()).add(attrs.get("article_id"))
    rows = [{"person": p, "title": t, "at": at, "articles": len(a - {None})} for (p, t, at), a in groups.items()]
    return _order(rows, "person", "title", "at")


@register("awards_in_region")
def awards_in_region(graph: nx.MultiDiGraph, params: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Awards received in a region (see ``cypher/awards_in_region.cypher``)."""
    places = _region_places(graph, params["region"])
    groups: dict[tuple[Any, ...], set[Any]] = {}
    for u, v, attrs in _edges(graph, "RECEIVED"):
        if _label(graph, v) != "Award":
            continue
        if u in places or _located_in(graph, u, places, ("LOCATED_IN", "HOLDS_POSITION")):
            key = (_prop(graph, v, "name"), _prop(graph, v, "level"), _prop(graph, u, "name"), _label(graph, u))
            groups.setdefault(key, set()).add(attrs.get("article_id"))
    rows = [
        {"award": aw, "level": lv, "winner": w, "winner_label": wl, "articles": len(a - {None})}
        for (aw, lv, w, wl), a in groups.items()
    ]
    return _order(rows, "award", "winner", "level", "winner_label")


def _sorted_names(graph: nx.MultiDiGraph, nodes: Iterable[str]) -> list[Any]:
    return sorted({_prop(graph, n, "name") for n in nodes}, key=lambda n: _Key(n, False))


@register("documents_based_on")
def documents_based_on(graph: nx.MultiDiGraph, params: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Documents an initiative, place or organization is based on (see ``cypher/documents_based_on.cypher``)."""
    entities = set(_find(graph, params["entity"], labels=("Initiative", "Place", "Organization")))
    groups: dict[tuple[str, str], set[Any]] = {}
    for u, v, attrs in _edges(graph, "BASED_ON"):
        if u in entities and _label(graph, v) == "Document":
            groups.setdefault((u, v), set()).add(attrs.get("article_id"))
    rows = []
    for (x, d), arts in groups.items():
        issuers = [u for u, _, a in graph.in_edges(d, data=True) if a.get("type") == "ISSUED"]
        rows.append(
            {
                "entity": _prop(graph, x, "name"),
                "document": _prop(graph, d, "name"),
                "kind": _prop(graph, d, "kind"),
                "issuers": _sorted_names(graph, issuers),
                "articles": len(arts - {None}),
            }
        )
    return _order(rows, "entity", "document", "kind", "articles")


@register("events_timeline")
def events_timeline(graph: nx.MultiDiGraph, params: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Events in a region in date order (see ``cypher/events_timeline.cypher``)."""
    places = _region_places(graph, params["region"])
    rows = []
    for event, attrs in graph.nodes(data=True):
        if attrs.get("label") != "Event":
            continue
        located = [v for _, v, a in graph.out_edges(event, data=True) if a.get("type") == "LOCATED_IN" and _label(graph, v) == "Place"]
        participants = [u for u, _, a in graph.in_edges(event, data=True) if a.get("type") == "PARTICIPATED_IN"]
        inside = (
            any(p in places for p in located)
            or any(u in places for u in participants if _label(graph, u) == "Place")
            or any(_label(graph, u) == "Organization" and _located_in(graph, u, places) for u in participants)
        )
        if inside:
            rows.append(
                {
                    "date": attrs.get("date"),
                    "event": attrs.get("name"),
                    "located_in": _sorted_names(graph, located),
                    "participants": _sorted_names(graph, participants),
                }
            )
    return _order(rows, "date", "event")


@register("relationship_evidence")
def relationship_evidence(graph: nx.MultiDiGraph, params: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The evidence behind the relationships between two entities (see ``cypher/relationship_evidence.cypher``)."""
    sources = set(_find(graph, params["source"], articles=False))
    targets = set(_find(graph, params["target"], articles=False))
    wanted = params.get("type")
    rows = []
    for u, v, attrs in graph.edges(data=True):
        if wanted is not None and attrs.get("type") != wanted:
            continue
        # (a)-[r]-(b): each relationship once per way round that fits
        for a, b in ((u, v), (v, u)) if u != v else ((u, v),):
            if a in sources and b in targets:
                art = _article(graph, attrs.get("article_id"))
                rows.append(
                    {
                        "type": attrs.get("type"),
                        "start": _prop(graph, u, "name"),
                        "end": _prop(graph, v, "name"),
                        "evidence": attrs.get("evidence"),
                        "article": art.get("title"),
                        "published_at": art.get("published_at"),
                        "outlet": art.get("source"),
                        "confidence": attrs.get("confidence"),
                        "extractor": attrs.get("extractor"),
                    }
                )
    return _order(rows, "type", "start", "end", "published_at", "article", "evidence", "confidence", "extractor")


@register("articles_mentioning")
def articles_mentioning(graph: nx.MultiDiGraph, params: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Articles mentioning an entity, newest first (see ``cypher/articles_mentioning.cypher``)."""
    entities = set(_find(graph, params["entity"], articles=False))
    groups: dict[tuple[Any, ...], int] = {}
    for u, v, attrs in _edges(graph, "MENTIONS"):
        if v in entities and _label(graph, u) == "Article":
            art = graph.nodes[u]
            key = (u, art.get("title"), art.get("published_at"), art.get("source"), art.get("url"))
            groups[key] = groups.get(key, 0) + len(attrs.get("starts") or ())
    rows = [
        {"article_id": a, "title": t, "published_at": p, "source": s, "url": url, "mentions": n}
        for (a, t, p, s, url), n in groups.items()
    ]
    return _order(rows, "-published_at", "title", "article_id")


def _cjk_tokens(text: str) -> list[str]:
    """Tokens roughly as Lucene's CJK analyzer makes them: bigrams of CJK runs, lower-cased words otherwise."""
    tokens: list[str] = []
    run = ""
    word = ""

    def flush_run() -> None:
        if len(run) == 1:
            tokens.append(run)
        tokens.extend(run[i : i + 2] for i in range(len(run) - 1))

    for char in text:
        if "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff":
            if word:
                tokens.append(word.lower())
                word = ""
            run += char
        elif char.isalnum():
            if run:
                flush_run()
                run = ""
            word += char
        else:
            if run:
                flush_run()
                run = ""
            if word:
                tokens.append(word.lower())
                word = ""
    if run:
        flush_run()
    if word:
        tokens.append(word.lower())
    return list(dict.fromkeys(tokens))


@register("search_entities")
def search_entities(graph: nx.MultiDiGraph, params: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Entities whose name or alias shares words with the text (see ``cypher/search_entities.cypher``).

    The score is not Lucene's: it is the share of the text's tokens (CJK
    bigrams) found in the node's names, so the same nodes come back but the
    scores and the order of equally good hits may differ from Neo4j's.
    """
    tokens = _cjk_tokens(str(params["text"]))
    rows = []
    for node_id, attrs in graph.nodes(data=True):
        if attrs.get("label") in (None, "Article") or not tokens:
            continue
        names = [str(n).lower() for n in _names(attrs) if n]
        hits = sum(1 for t in tokens if any(t in n for n in names))
        if hits:
            rows.append(
                {
                    "id": node_id,
                    "label": attrs.get("label"),
                    "name": attrs.get("name"),
                    "aliases": list(attrs.get("aliases") or ()),
                    "score": hits / len(tokens),
                }
            )
    return _order(rows, "-score", "name", "id")[: int(params.get("limit") or 10)]


@register("shortest_connection")
def shortest_connection(graph: nx.MultiDiGraph, params: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The shortest chain of relationships between two entities (see ``cypher/shortest_connection.cypher``).

    Among several shortest chains Neo4j returns one of them; this returns the
    one with the smallest list of names, so ``hops`` always agrees and the
    chain itself may differ.
    """
    sources = _find(graph, params["source"], articles=False)
    targets = _find(graph, params["target"], articles=False)
    simple = nx.Graph()
    types: dict[frozenset[str], set[str]] = {}
    for u, v, attrs in graph.edges(data=True):
        if attrs.get("type") != "MENTIONS" and u != v:
            simple.add_edge(u, v)
            types.setdefault(frozenset((u, v)), set()).add(attrs.get("type"))
    best: dict[str, Any] | None = None
    for a in sources:
        for b in targets:
            if a == b or a not in simple or b not in simple:
                continue
            try:
                paths = list(nx.all_shortest_paths(simple, a, b))
            except nx.NetworkXNoPath:
                continue
            if len(paths[0]) - 1 > _MAX_HOPS:
                continue
            for path in paths:
                row = {
                    "hops": len(path) - 1,
                    "names": [_prop(graph, n, "name") for n in path],
                    "labels": [_label(graph, n) for n in path],
                    "types": [min(types[frozenset((x, y))]) for x, y in zip(path, path[1:])],
                }
                if best is None or (row["hops"], row["names"]) < (best["hops"], best["names"]):
                    best = row
    return [] if best is None else [best]


@register("place_hierarchy")
def place_hierarchy(graph: nx.MultiDiGraph, params: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The places inside a place, with their depth (see ``cypher/place_hierarchy.cypher``)."""
    roots = _find(graph, params["place"], labels=("Place",))
    depth = _inside(graph, roots, min_depth=1)
    groups: dict[tuple[Any, ...], list[Any]] = {}
    for place, hops in depth.items():
        parents = [v for _, v, a in graph.out_edges(place, data=True) if a.get("type") == "PART_OF" and _label(graph, v) == "Place"]
        key = (_prop(graph, place, "name"), _prop(graph, place, "level"), hops)
        groups.setdefault(key, []).extend(n for n in (_prop(graph, p, "name") for p in parents) if n is not None)
    rows = [
        {"place": name, "level": level, "parent": min(parents) if parents else None, "depth": hops}
        for (name, level, hops), parents in groups.items()
    ]
    return _order(rows, "depth", "place", "level", "parent")


@register("initiative_origins")
def initiative_origins(graph: nx.MultiDiGraph, params: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Where an initiative began, who promoted it, what it is part of (see ``cypher/initiative_origins.cypher``)."""
    initiatives = set(_find(graph, params["initiative"], labels=("Initiative",)))
    groups: dict[tuple[Any, ...], set[Any]] = {}

    def add(relation: str, node: str, attrs: Mapping[str, Any]) -> None:
        key = (relation, _prop(graph, node, "name"), _label(graph, node))
        groups.setdefault(key, set()).add(attrs.get("article_id"))

    for u, v, attrs in graph.edges(data=True):
        rel_type = attrs.get("type")
        if rel_type == "ORIGINATED_AT" and u in initiatives:
            add("originated_at", v, attrs)
        elif rel_type == "PROMOTED" and v in initiatives:
            add("promoted_by", u, attrs)
        elif rel_type == "PART_OF" and u in initiatives and _label(graph, v) == "Initiative":
            add("part_of", v, attrs)
    rows = [{"relation": r, "name": n, "label": lab, "articles": len(a - {None})} for (r, n, lab), a in groups.items()]
    return _order(rows, "relation", "name", "label")


# -- whole-graph reads (kg.analysis) and the drawable outcome network --------


def _bind(name: str, params: Mapping[str, Any]) -> dict[str, Any]:
    """The parameters with the template's defaults filled in, as Neo4j would get them."""
    return load(name).bind(params)


def _node_properties(graph: nx.MultiDiGraph, node_id: str) -> dict[str, Any]:
    """A node's properties as Neo4j holds them (``properties(n)``): ``id`` in, ``label`` out."""
    return {**{k: v for k, v in graph.nodes[node_id].items() if k != "label"}, "id": node_id}


def _edge_properties(attrs: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in attrs.items() if k != "type"}


@register("subgraph_nodes")
def subgraph_nodes(graph: nx.MultiDiGraph, params: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Entities of the given labels with every property (see ``cypher/subgraph_nodes.cypher``)."""
    labels = set(_bind("subgraph_nodes", params)["labels"])
    rows = [
        {"id": node_id, "label": attrs.get("label"), "name": attrs.get("name"), "properties": _node_properties(graph, node_id)}
        for node_id, attrs in graph.nodes(data=True)
        if attrs.get("label") in labels
    ]
    return _order(rows, "id")


@register("subgraph_relationships")
def subgraph_relationships(graph: nx.MultiDiGraph, params: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Relationships of the given types with provenance and article (see ``cypher/subgraph_relationships.cypher``)."""
    types = set(_bind("subgraph_relationships", params)["types"])
    rows = []
    for u, v, attrs in graph.edges(data=True):
        if attrs.get("type") not in types:
            continue
        art = _article(graph, attrs.get("article_id"))
        rows.append(
            {
                "type": attrs.get("type"),
                "start": u,
                "end": v,
                "properties": _edge_properties(attrs),
                "article": art.get("title"),
                "published_at": art.get("published_at"),
                "source": art.get("source"),
                "_article_id": attrs.get("article_id"),
                "_title": attrs.get("title") or "",
            }
        )
    ordered = _order(rows, "type", "start", "end", "_article_id", "_title")
    for row in ordered:
        del row["_article_id"], row["_title"]
    return ordered


@register("outcome_network")
def outcome_network(graph: nx.MultiDiGraph, params: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Place -> initiative -> outcome rows as nodes and relationships (see ``cypher/outcome_network.cypher``).

    Nodes come back as their property maps and relationships as ``(start
    properties, type, end properties)``, which is what the Neo4j driver's
    ``Record.data()`` makes of them.
    """
    params = _bind("outcome_network", params)
    places = _region_places(graph, params["region"])

    def rel(u: str, v: str, rel_type: str) -> tuple[dict[str, Any], str, dict[str, Any]]:
        return (_node_properties(graph, u), rel_type, _node_properties(graph, v))

    achieved = [(u, v, a) for u, v, a in _edges(graph, "ACHIEVED") if _label(graph, v) == "Outcome"]
    rows = []
    for u, v, attrs in graph.edges(data=True):
        rel_type = attrs.get("type")
        if u not in places or rel_type not in ("IMPLEMENTS", "ACHIEVED") or _label(graph, v) not in ("Initiative", "Outcome"):
            continue
        base = {"place": _node_properties(graph, u), "did": rel(u, v, rel_type), "target": _node_properties(graph, v)}
        keys = {"_place": _prop(graph, u, "name"), "_type": rel_type, "_target": _prop(graph, v, "name"), "_did": attrs.get("article_id")}
        results = [(o, a) for s, o, a in achieved if s == v] if _label(graph, v) == "Initiative" else []
        if not results:
            rows.append({**base, "achieved": None, "outcome": None, **keys, "_outcome": None, "_achieved": None})
        for o, a in results:
            rows.append(
                {
                    **base,
                    "achieved": rel(v, o, "ACHIEVED"),
                    "outcome": _node_properties(graph, o),
                    **keys,
                    "_outcome": _prop(graph, o, "name"),
                    "_achieved": a.get("article_id"),
                }
            )
    ordered = _order(rows, "_place", "_type", "_target", "_did", "_outcome", "_achieved")[: params["limit"]]
    return [{k: v for k, v in row.items() if not k.startswith("_")} for row in ordered]
