"""The embedded graph store: a ``networkx.MultiDiGraph`` persisted in a folder.

The folder holds one file, ``graph.json.gz``: gzip'd node-link JSON (the
format of :func:`networkx.node_link_data` with ``edges="links"``), one record
per line, keys sorted, nodes sorted by id and links by ``(source, target,
key)``, gzip header without a timestamp.  The same graph is therefore always
the same bytes, and ``networkx.node_link_graph(json.load(gzip.open(path)),
edges="links")`` reads it without kg.

In the graph, a node's attributes are ``label``, ``name``, ``aliases`` (a
sorted list) and its properties; a relationship is an edge whose key is
:func:`edge_key` of the :class:`~kg.model.Relation` and whose attributes are
``type`` and its properties (evidence included, see
:meth:`kg.model.Relation.all_properties`).

Write semantics are those of :mod:`kg.store.base`.  The file is rewritten
atomically (temporary file in the same folder, fsync, ``os.replace``): at
the end of each :meth:`NetworkxStore.write` call, or, with ``flush_every=N``,
every N changed articles (counted across calls) and on :meth:`~NetworkxStore.close`.
"""

from __future__ import annotations

import gzip
import io
import json
import logging
import math
import os
import time
from collections import Counter
from functools import partial
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, TextIO

import networkx as nx

from kg.errors import ConfigError, StoreError
from kg.model import LABELS, REL_TYPES, GraphBatch, Node, Relation
from kg.store._atomic import atomic_binary_file
from kg.store.base import GraphStats, WriteSummary
from kg.store import nx_queries

logger = logging.getLogger(__name__)

#: Name of the graph file inside the store folder.
GRAPH_FILE = "graph.json.gz"

#: Value of ``graph["kg_format"]`` in the file; bumped on incompatible changes.
FORMAT = "kg.networkx.v1"

_NODE_RESERVED = frozenset({"id", "label", "name", "aliases"})
_EDGE_RESERVED = frozenset({"source", "target", "key", "type"})

_dumps = partial(json.dumps, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)

EdgeId = tuple[str, str, str]


def edge_key(relation: Relation) -> str:
    """Return the MultiDiGraph edge key of a relationship, derived from :attr:`Relation.key`.

    The edge's endpoints already hold ``start`` and ``end``, so the key keeps
    the rest: ``TYPE|article_id`` plus ``|title`` for a titled
    HOLDS_POSITION.  Neither a type nor an id contains ``|``, and the title
    comes last, so the key is unambiguous.

    Args:
        relation: the relationship.

    Returns:
        The edge key, e.g. ``"PART_OF|article-1a2b3c4d5e6f7a8b"``.

    >>> from kg.model import Evidence, Relation
    >>> ev = Evidence(article_id="article-1", text="…", start=0, end=1, confidence=1.0, extractor="t")
    >>> edge_key(Relation(type="HOLDS_POSITION", start="person-1", end="place-1", evidence=ev,
    ...                   properties={"title": "第一书记"}))
    'HOLDS_POSITION|article-1|第一书记'
    """
    rel_type, _start, _end, article, qualifier = relation.key
    return f"{rel_type}|{article}|{qualifier}" if qualifier else f"{rel_type}|{article}"


def write_node_link(graph: nx.MultiDiGraph, fh: TextIO) -> None:
    """Write ``graph`` as deterministic node-link JSON, streaming one record per line.

    Args:
        graph: the graph (node and edge attributes must be JSON values).
        fh: a text file to write to.

    Raises:
        ValueError: an attribute is not a JSON value (NaN included).
        TypeError: an attribute has a type that JSON cannot hold.
    """
    fh.write('{"directed":true,"graph":')
    fh.write(_dumps(dict(graph.graph)))
    fh.write(',"links":[')
    edges = sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))
    for i, (u, v, k, attrs) in enumerate(edges):
        fh.write("\n" if i == 0 else ",\n")
        fh.write(_dumps({**attrs, "source": u, "target": v, "key": k}))
    fh.write('\n],"multigraph":true,"nodes":[')
    for i, node_id in enumerate(sorted(graph.nodes)):
        fh.write("\n" if i == 0 else ",\n")
        fh.write(_dumps({**graph.nodes[node_id], "id": node_id}))
    fh.write("\n]}\n")


class NetworkxStore:
    """The embedded store: a MultiDiGraph in memory, one gzip'd JSON file on disk.

    Args:
        path: the store folder; created when missing (unless ``create`` is false).
        flush_every: ``None``: persist at the end of each :meth:`write` call.
            N: persist whenever N changed articles are pending (counted across
            ``write`` calls) and on :meth:`close`; a caller that writes in
            many small chunks (``kg build``) then rewrites the file every N
            articles rather than every chunk.  Each flush rewrites the whole
            file, so keep N in the hundreds or thousands for big builds.
        create: when false, the folder must already hold a graph (read-only use).

    Raises:
        StoreError: the folder cannot be created, or its graph file is damaged.
        ConfigError: ``flush_every`` is not a positive integer.

    Use it as a context manager, or call :meth:`close`, so that pending changes
    are persisted.  One process should write to a store at a time; a write to
    a file that another process replaced since it was read is refused.
    """

    def __init__(self, path: str | os.PathLike[str], *, flush_every: int | None = None, create: bool = True) -> None:
        if flush_every is not None and (isinstance(flush_every, bool) or not isinstance(flush_every, int) or flush_every < 1):
            raise ConfigError(f"flush_every must be a positive number of articles or None, not {flush_every!r}")
        self.path = Path(path)
        self.flush_every = flush_every
        self.file = self.path / GRAPH_FILE
        if create:
            try:
                self.path.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise StoreError(f"cannot create the store folder {self.path}: {e}; choose another --store or fix its permissions") from e
        elif not self.file.is_file():
            raise StoreError(f"no graph in {self.path} (missing {GRAPH_FILE}); build one first with `kg build INPUT… --store {self.path}`")
        self._graph = nx.MultiDiGraph()
        self._by_article: dict[str, set[EdgeId]] = {}
        self._dirty = False
        self._pending = 0  # changed articles not yet persisted
        self._stamp: tuple[int, int, int] | None = None
        self._load()

    # -- context manager ---------------------------------------------------

    def __enter__(self) -> NetworkxStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"NetworkxStore({str(self.path)!r})"

    # -- the GraphStore protocol -------------------------------------------

    def write(self, batches: Iterable[GraphBatch]) -> WriteSummary:
        """Upsert each batch: replace what its article said before, then drop orphans.

        For each batch (see :mod:`kg.store.base`): an article already stored
        with the same ``sha256`` is skipped; otherwise its previous
        relationships (MENTIONS included) are removed, its nodes upserted
        (aliases unioned and sorted, non-empty properties set; the Article
        node's properties are replaced), its relationships upserted by
        :attr:`Relation.key`, and the nodes no article MENTIONS any more are
        removed.  A batch is checked completely before any of it is applied.

        Args:
            batches: the graph batches, consumed lazily (a generator is fine).

        Returns:
            Counts of articles written and unchanged, nodes and relationships upserted.

        Raises:
            StoreError: a batch is invalid (unknown label or type, dangling
                relationship, value JSON cannot hold), or the file cannot be
                written.  Batches applied before an error are persisted.
        """
        written = unchanged = nodes = rels = 0
        failed = True
        try:
            for batch in batches:
                if self._is_unchanged(batch):
                    unchanged += 1
                    continue
                n_nodes, n_rels = self._apply(batch)
                written += 1
                nodes += n_nodes
                rels += n_rels
                self._pending += 1
                if self.flush_every is not None and self._pending >= self.flush_every:
                    self.flush()
            failed = False
        finally:
            # Batches are applied whole, so what is in memory is consistent even
            # when the stream of batches fails: keep it.
            if failed or self.flush_every is None:
                self.flush()
        return WriteSummary(
            articles_written=written,
            articles_unchanged=unchanged,
            nodes_upserted=nodes,
            relationships_upserted=rels,
        )

    def query(self, name: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run the named read query on the graph (its Python version in :mod:`kg.store.nx_queries`).

        Args:
            name: the query name (the same name as the ``cypher/`` template).
            params: the query parameters.

        Returns:
            The rows, as dicts.

        Raises:
            StoreError: the embedded store has no Python version of that query.
        """
        try:
            fn = nx_queries.QUERIES[name]
        except KeyError as e:
            supported = ", ".join(sorted(nx_queries.QUERIES)) or "none"
            raise StoreError(
                f"the embedded store cannot run query {name!r} (supported here: {supported}); "
                "run it on the Neo4j store, or add a Python version to kg/store/nx_queries.py"
            ) from e
        return fn(self.graph, dict(params or {}))

    def stats(self) -> GraphStats:
        """Return node counts by label and relationship counts by type.

        Returns:
            The counts, in the order of ``kg.model.LABELS`` / ``REL_TYPES``.
        """
        nodes = Counter(label for _, label in self._graph.nodes(data="label"))
        rels = Counter(rel_type for _, _, rel_type in self._graph.edges(data="type"))
        return GraphStats(nodes=_ordered(nodes, LABELS), relationships=_ordered(rels, REL_TYPES))

    def close(self) -> None:
        """Persist pending changes (if any).

        Raises:
            StoreError: the file cannot be written.
        """
        self.flush()

    # -- store-specific methods --------------------------------------------

    @property
    def graph(self) -> nx.MultiDiGraph:
        """A read-only view of the graph (change it through :meth:`write`)."""
        return self._graph.copy(as_view=True)

    def flush(self) -> None:
        """Persist the graph atomically if it changed since the last flush.

        Raises:
            StoreError: the file cannot be written (the previous file is left
                intact), or another process replaced it since this store read it.
        """
        if not self._dirty:
            return
        if self._current_stamp() != self._stamp:
            raise StoreError(
                f"{self.file} was changed by another process since this store read it; "
                "run one build per store at a time, then re-run this one"
            )
        started = time.perf_counter()
        try:
            with atomic_binary_file(self.file) as raw:
                with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=6) as gz:
                    with io.TextIOWrapper(gz, encoding="utf-8", newline="\n") as text:
                        write_node_link(self._graph, text)
        except OSError as e:
            raise StoreError(
                f"cannot write {self.file}: {e}; the previous graph is intact. "
                "Free disk space or fix permissions and run again"
            ) from e
        self._dirty = False
        self._pending = 0
        self._stamp = self._current_stamp()
        logger.debug(
            "wrote %s (%d nodes, %d relationships) in %.2fs",
            self.file, self._graph.number_of_nodes(), self._graph.number_of_edges(), time.perf_counter() - started,
        )

    def delete_article(self, article_id: str) -> bool:
        """Remove an article: its Article node, its relationships and the nodes only it mentioned.

        Args:
            article_id: the article's id.

        Returns:
            True if the article was stored.

        Raises:
            StoreError: the file cannot be written.
        """
        attrs = self._graph.nodes.get(article_id)
        if attrs is None or attrs.get("label") != "Article":
            return False
        candidates = self._remove_article_edges(article_id)
        self._remove_node(article_id)
        self._sweep(candidates)
        self._dirty = True
        self.flush()
        return True

    def get_node(self, node_id: str) -> Node | None:
        """Return the node with this id, or None.

        Args:
            node_id: the node id.

        Returns:
            The node (its properties are a fresh dict), or None when it is not stored.
        """
        attrs = self._graph.nodes.get(node_id)
        return None if attrs is None else _to_node(node_id, attrs)

    def find_nodes(self, name_or_alias: str, *, label: str | None = None) -> list[Node]:
        """Find nodes by name: exact matches on name or aliases, else substring matches.

        Args:
            name_or_alias: the text to look for (surrounding spaces ignored).
            label: only nodes with this label.

        Returns:
            The exact matches if there are any, otherwise the nodes whose name
            or an alias contains the text; sorted by label (Article last), name
            length, name, id.
        """
        text = name_or_alias.strip()
        if not text:
            return []
        exact: list[Node] = []
        partial_: list[Node] = []
        for node_id, attrs in self._graph.nodes(data=True):
            if label is not None and attrs.get("label") != label:
                continue
            names = [attrs.get("name", ""), *attrs.get("aliases", ())]
            if text in names:
                exact.append(_to_node(node_id, attrs))
            elif not exact and any(text in n for n in names):
                partial_.append(_to_node(node_id, attrs))
        found = exact or partial_
        # Entities first, in ontology order; Article nodes (matched by title) last.
        order = {lab: i for i, lab in enumerate(lab for lab in LABELS if lab != "Article")}
        found.sort(key=lambda n: (order.get(n.label, len(order)), len(n.name), n.name, n.id))
        return found

    def relationships_of(self, node_id: str, *, types: Iterable[str] | None = None) -> list[Relation]:
        """Return the relationships that start or end at a node, with their evidence.

        Args:
            node_id: the node id.
            types: only these relationship types (default: all, MENTIONS included).

        Returns:
            The relationships, sorted by type, start, end, article id and title;
            empty when the node is not stored.
        """
        if node_id not in self._graph:
            return []
        wanted = None if types is None else set(types)
        edges = list(self._graph.out_edges(node_id, keys=True, data=True))
        edges += [e for e in self._graph.in_edges(node_id, keys=True, data=True) if e[0] != e[1]]
        found = [_to_relation(u, v, attrs) for u, v, _k, attrs in edges if wanted is None or attrs.get("type") in wanted]
        found.sort(key=lambda r: r.key)
        return found

    def articles(self) -> Iterator[Node]:
        """Yield the stored Article nodes, sorted by id.

        Yields:
            Article nodes (their properties hold the metadata and ``text``).
        """
        ids = sorted(n for n, label in self._graph.nodes(data="label") if label == "Article")
        for node_id in ids:
            yield _to_node(node_id, self._graph.nodes[node_id])

    # -- loading -----------------------------------------------------------

    def _current_stamp(self) -> tuple[int, int, int] | None:
        try:
            st = self.file.stat()
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    def _load(self) -> None:
        self._stamp = self._current_stamp()
        if self._stamp is None:
            self._graph.graph["kg_format"] = FORMAT
            return
        try:
            with gzip.open(self.file, "rt", encoding="utf-8") as fh:
                data = json.load(fh)
        except (OSError, EOFError, UnicodeDecodeError, ValueError) as e:
            raise StoreError(
                f"cannot read the graph in {self.file}: {e}; restore the file from a backup, "
                "or delete the store folder and build again"
            ) from e
        graph_attrs = data.get("graph") if isinstance(data, dict) else None
        if not isinstance(graph_attrs, dict) or graph_attrs.get("kg_format") != FORMAT:
            raise StoreError(
                f"{self.file} is not a kg graph of format {FORMAT}; "
                "delete the store folder and build again with this version of kg"
            )
        try:
            graph = nx.MultiDiGraph(**graph_attrs)
            graph.add_nodes_from((n.pop("id"), n) for n in data["nodes"])
            graph.add_edges_from((e.pop("source"), e.pop("target"), e.pop("key"), e) for e in data["links"])
        except (KeyError, TypeError, AttributeError) as e:
            raise StoreError(f"{self.file} is damaged ({e!r} in its nodes or links); delete the store folder and build again") from e
        self._graph = graph
        for u, v, k, article in graph.edges(keys=True, data="article_id"):
            if article is not None:
                self._by_article.setdefault(article, set()).add((u, v, k))
        logger.debug("read %s: %d nodes, %d relationships", self.file, graph.number_of_nodes(), graph.number_of_edges())

    # -- writing -----------------------------------------------------------

    def _is_unchanged(self, batch: GraphBatch) -> bool:
        attrs = self._graph.nodes.get(batch.article.id)
        return attrs is not None and attrs.get("label") == "Article" and attrs.get("sha256") == batch.article.sha256

    def _apply(self, batch: GraphBatch) -> tuple[int, int]:
        article_id = batch.article.id
        nodes = [self._prepare_node(node, article_id) for node in batch.all_nodes()]
        batch_ids = {node_id for node_id, _, _ in nodes}
        edges = [self._prepare_relation(rel, article_id, batch_ids) for rel in batch.relations]

        # Checked: from here on nothing can fail half-way through the batch.
        candidates = self._remove_article_edges(article_id)
        for node_id, attrs, replace in nodes:
            self._upsert_node(node_id, attrs, replace=replace)
        for u, v, k, attrs in edges:
            if self._graph.has_edge(u, v, k):
                self._graph.edges[u, v, k].update(attrs)
            else:
                self._graph.add_edge(u, v, key=k, **attrs)
            self._by_article.setdefault(article_id, set()).add((u, v, k))
        self._sweep(candidates | batch_ids)
        self._dirty = True
        return len(nodes), len(edges)

    def _prepare_node(self, node: Node, article_id: str) -> tuple[str, dict[str, Any], bool]:
        where = f"article {article_id}, node {node.id!r}"
        if node.label not in LABELS:
            raise StoreError(f"{where}: unknown label {node.label!r}; use one of kg.model.LABELS ({', '.join(LABELS)})")
        existing = self._graph.nodes.get(node.id)
        if existing is not None and existing.get("label") != node.label:
            raise StoreError(
                f"{where}: labelled {node.label} but stored as {existing.get('label')}; "
                "node ids must come from kg.ids.node_id(label, …)"
            )
        reserved = _NODE_RESERVED.intersection(node.properties)
        if reserved:
            raise StoreError(f"{where}: property names {sorted(reserved)} are reserved for the node itself; rename them")
        props = {k: _plain(v, f"{where}, property {k!r}") for k, v in node.properties.items() if not _is_empty(v)}
        attrs = {"label": node.label, "name": node.name, "aliases": sorted(set(node.aliases) - {node.name}), **props}
        if node.label == "Article" and node.id != article_id:
            raise StoreError(f"{where}: an Article node in a batch must be the batch's own article")
        return node.id, attrs, node.label == "Article"

    def _prepare_relation(self, rel: Relation, article_id: str, batch_ids: set[str]) -> tuple[str, str, str, dict[str, Any]]:
        where = f"article {article_id}, {rel.type} {rel.start!r} -> {rel.end!r}"
        if rel.type not in REL_TYPES:
            raise StoreError(f"{where}: unknown relationship type {rel.type!r}; use one of kg.model.REL_TYPES")
        if rel.evidence.article_id != article_id:
            raise StoreError(f"{where}: its evidence names article {rel.evidence.article_id!r}; a batch may only carry its own article's relationships")
        for end in (rel.start, rel.end):
            if end not in batch_ids and end not in self._graph:
                raise StoreError(f"{where}: node {end!r} is neither in the batch nor in the store; add it to the batch's nodes")
        reserved = _EDGE_RESERVED.intersection(rel.properties)
        if reserved:
            raise StoreError(f"{where}: property names {sorted(reserved)} are reserved for the relationship itself; rename them")
        props = {k: _plain(v, f"{where}, property {k!r}") for k, v in rel.all_properties().items() if v is not None}
        return rel.start, rel.end, edge_key(rel), {"type": rel.type, **props}

    def _upsert_node(self, node_id: str, attrs: dict[str, Any], *, replace: bool) -> None:
        current = self._graph.nodes.get(node_id)
        if current is None:
            self._graph.add_node(node_id, **attrs)
            return
        if replace:
            # An Article node is what its article says now, nothing older.
            current.clear()
            current.update(attrs)
            return
        aliases = set(current.get("aliases", ())) | set(attrs["aliases"])
        if current.get("name") and current["name"] != attrs["name"]:
            aliases.add(current["name"])  # a name seen before stays findable
        current.update(attrs)
        current["aliases"] = sorted(aliases - {attrs["name"]})

    def _remove_article_edges(self, article_id: str) -> set[str]:
        """Remove an article's relationships; return the nodes they touched."""
        touched: set[str] = set()
        for u, v, k in self._by_article.pop(article_id, ()):
            if self._graph.has_edge(u, v, k):
                self._graph.remove_edge(u, v, k)
            touched.update((u, v))
        return touched

    def _remove_node(self, node_id: str) -> None:
        for u, v, k, article in [
            *self._graph.in_edges(node_id, keys=True, data="article_id"),
            *self._graph.out_edges(node_id, keys=True, data="article_id"),
        ]:
            if article in self._by_article:
                self._by_article[article].discard((u, v, k))
        self._graph.remove_node(node_id)

    def _sweep(self, candidates: Iterable[str]) -> None:
        """Remove the candidates that are not Article nodes and that nothing MENTIONS."""
        for node_id in sorted(candidates):
            attrs = self._graph.nodes.get(node_id)
            if attrs is None or attrs.get("label") == "Article":
                continue
            mentioned = any(t == "MENTIONS" for _, _, t in self._graph.in_edges(node_id, data="type"))
            if not mentioned:
                self._remove_node(node_id)


def _ordered(counts: Counter[str], order: tuple[str, ...]) -> dict[str, int]:
    known = [name for name in order if counts.get(name)]
    extra = sorted(name for name in counts if name not in order)
    return {name: counts[name] for name in known + extra}


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, (str, list, tuple, dict, set, frozenset)) and not value)


def _plain(value: Any, where: str) -> Any:
    """Return ``value`` as a JSON value (tuples and sets become lists)."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise StoreError(f"{where}: {value!r} cannot be stored; use a finite number or leave the property out")
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(v, where) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(_plain(v, where) for v in value)
    if isinstance(value, Mapping):
        if not all(isinstance(k, str) for k in value):
            raise StoreError(f"{where}: map keys must be strings")
        return {k: _plain(v, where) for k, v in value.items()}
    raise StoreError(
        f"{where}: a {type(value).__name__} cannot be stored; "
        "use strings, numbers, booleans, or lists and maps of them"
    )


def _to_node(node_id: str, attrs: Mapping[str, Any]) -> Node:
    props = {k: v for k, v in attrs.items() if k not in _NODE_RESERVED}
    return Node(
        id=node_id,
        label=attrs.get("label", ""),
        name=attrs.get("name", ""),
        aliases=tuple(attrs.get("aliases", ())),
        properties=props,
    )


def _to_relation(u: str, v: str, attrs: Mapping[str, Any]) -> Relation:
    return Relation.from_properties(u, v, attrs)
