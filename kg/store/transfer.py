"""Copy a graph from the embedded store into another store (``kg load --store DIR``).

The embedded store keeps, for every article, its text and metadata on the
Article node and its relationships tagged with ``article_id``;
:func:`batches_from_networkx` turns that back into one
:class:`~kg.model.GraphBatch` per article, whose nodes carry their merged
state (name, aliases, properties as stored).  Writing those batches into an
empty store rebuilds the same graph, and writing them again changes nothing
(the articles' ``sha256`` are unchanged).
"""

from __future__ import annotations

import logging
import os
from collections import defaultdict
from typing import Any, Iterator, Mapping

import networkx as nx

from kg.errors import StoreError
from kg.model import Article, GraphBatch, Node, Relation
from kg.store.base import GraphStore, WriteSummary
from kg.store.networkx_store import NetworkxStore

logger = logging.getLogger(__name__)

_NODE_RESERVED = frozenset({"id", "label", "name", "aliases"})
_ARTICLE_FIELDS = ("key", "title", "published_at", "source", "author", "editor", "url", "origin", "sha256", "text")


def batches_from_networkx(graph: nx.MultiDiGraph) -> Iterator[GraphBatch]:
    """Yield one batch per Article node of an embedded-store graph, sorted by article id.

    Args:
        graph: the graph of :attr:`kg.store.networkx_store.NetworkxStore.graph`.

    Yields:
        The batches: the article, the nodes its relationships touch, its relationships.

    Raises:
        StoreError: an Article node lacks its text or sha256, or a relationship
            names an article that is not stored.
    """
    by_article: dict[str, list[tuple[str, str, Mapping[str, Any]]]] = defaultdict(list)
    for u, v, attrs in graph.edges(data=True):
        article = attrs.get("article_id")
        if article is None:
            raise StoreError(f"relationship {attrs.get('type')} {u!r} -> {v!r} has no article_id; the embedded store is damaged")
        by_article[article].append((u, v, attrs))
    articles = sorted(n for n, label in graph.nodes(data="label") if label == "Article")
    unknown = sorted(set(by_article) - set(articles))
    if unknown:
        raise StoreError(f"relationships name article {unknown[0]!r}, which is not stored; the embedded store is damaged")
    for article_id in articles:
        attrs = graph.nodes[article_id]
        article = _article(article_id, attrs)
        relations = [_relation(u, v, rel) for u, v, rel in by_article.get(article_id, ())]
        relations.sort(key=lambda r: r.key)
        node_ids = sorted({end for r in relations for end in (r.start, r.end)} - {article_id})
        nodes = tuple(_node(node_id, graph.nodes[node_id]) for node_id in node_ids)
        yield GraphBatch(article=article, nodes=nodes, relations=tuple(relations))


def load_store(path: str | os.PathLike[str], *, target: GraphStore) -> WriteSummary:
    """Copy the embedded store in folder ``path`` into ``target`` (e.g. a :class:`~kg.store.neo4j_store.Neo4jStore`).

    Args:
        path: the embedded store's folder.
        target: the store to write into.

    Returns:
        What ``target.write`` did.

    Raises:
        StoreError: the folder holds no graph, or the graph is damaged.
        Neo4jUnavailable: the target is a Neo4j store that went away.
    """
    with NetworkxStore(path, create=False) as source:
        graph = source.graph
        logger.info("loading %d nodes and %d relationships from %s", graph.number_of_nodes(), graph.number_of_edges(), path)
        return target.write(batches_from_networkx(graph))


def _article(article_id: str, attrs: Mapping[str, Any]) -> Article:
    missing = [k for k in ("key", "text", "sha256") if attrs.get(k) is None]
    if missing:
        raise StoreError(f"article {article_id} lacks {', '.join(missing)} in the embedded store; rebuild it with `kg build`")
    return Article(
        id=article_id,
        key=attrs["key"],
        text=attrs["text"],
        sha256=attrs["sha256"],
        title=attrs.get("title"),
        published_at=attrs.get("published_at"),
        source=attrs.get("source"),
        author=attrs.get("author"),
        editor=attrs.get("editor"),
        tags=tuple(attrs.get("tags") or ()),
        url=attrs.get("url"),
        origin=attrs.get("origin"),
    )


def _node(node_id: str, attrs: Mapping[str, Any]) -> Node:
    return Node(
        id=node_id,
        label=attrs.get("label", ""),
        name=attrs.get("name", ""),
        aliases=tuple(attrs.get("aliases") or ()),
        properties={k: v for k, v in attrs.items() if k not in _NODE_RESERVED},
    )


def _relation(u: str, v: str, attrs: Mapping[str, Any]) -> Relation:
    return Relation.from_properties(u, v, attrs)
