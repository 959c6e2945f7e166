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
from typing import Any, Callable, Mapping

import networkx as nx

from kg.errors import StoreError
from kg.model import LABELS, REL_TYPES

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
