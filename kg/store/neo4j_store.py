"""The Neo4j store: the graph in a Neo4j 5.26+ database (a server, a cluster or Aura).

Write semantics are those of :mod:`kg.store.base`, the same as the embedded
store's (the contract tests check it).  How they are made safe on a server:

* **One transaction per chunk of articles.**  :meth:`Neo4jStore.write` groups
  the batches into chunks (about ``batch_rows`` rows each) and writes each
  chunk in one managed transaction (``session.execute_write``, which retries
  transient errors with exponential backoff): read the chunk's stored
  ``sha256``\\ s, skip unchanged articles, delete the changed articles' old
  relationships, upsert Article nodes, upsert entity nodes per label, create
  the relationships per type, delete the nodes no article mentions any more,
  and set each article's ``sha256`` last.  A load killed midway leaves whole
  chunks or nothing of a chunk, and the re-run skips exactly the chunks that
  were committed, so it ends in the same graph as an uninterrupted load.
* **Batched statements.**  Every write is ``UNWIND $rows AS row …`` with up to
  ``batch_rows`` rows, one statement per label or type from the closed lists
  (``cypher/write/*.cypher``; the label is the only thing filled into the
  Cypher, see :mod:`kg.query`).
* **Relationship identity.**  A relationship is identified by
  :attr:`kg.model.Relation.key`; the article's earlier relationships are
  deleted in the same transaction before its current ones are created, so
  the key is enforced by deduplicating rows in Python (the later row's
  properties win, as in the embedded store).
* **Chunks never change the result.**  A replaced article gets a transaction
  of its own and a batch carrying a node it does not MENTION ends its chunk
  (:func:`plan_chunks`), so writing in chunks gives the graph that writing
  the batches one by one gives, wherever the chunks end.
* **Storable properties.**  Neo4j holds strings, numbers, booleans and
  homogeneous lists of them; a map (or a list holding maps or mixed types) is
  stored as a JSON string.

Connection settings come from the arguments or ``NEO4J_URI``,
``NEO4J_USERNAME``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``
(:func:`open_neo4j_store`); ``neo4j://`` routing URIs work, so a cluster or
Aura is a configuration change.  Credentials never appear in logs or errors.
"""

from __future__ import annotations

import json
import logging
import math
import os
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Mapping, TypeVar
from urllib.parse import urlsplit, urlunsplit

from neo4j import Driver, GraphDatabase, ManagedTransaction
from neo4j.exceptions import (
    AuthError,
    ClientError,
    ConfigurationError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from kg.errors import ConfigError, Neo4jUnavailable, StoreError
from kg.model import LABELS, REL_TYPES, GraphBatch, Node
from kg.query import Template, load
from kg.store.base import GraphStats, WriteSummary

logger = logging.getLogger(__name__)

T = TypeVar("T")

#: The environment variables that configure the connection (docker-compose.yml sets the same).
ENV_VARS = ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE")
DEFAULT_URI = "neo4j://127.0.0.1:7687"
DEFAULT_USER = "neo4j"
DEFAULT_DATABASE = "neo4j"

_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
_NODE_RESERVED = frozenset({"id", "label", "name", "aliases"})
_EDGE_RESERVED = frozenset({"source", "target", "key", "type"})
_ENTITY_LABELS = tuple(label for label in LABELS if label != "Article")
_PREFIX_LABEL = {f"{label.lower()}-": label for label in LABELS}  # kg.ids.node_id prefixes


def settings_from_env(
    *,
    uri: str | None = None,
    user: str | None = None,
    password: str | None = None,
    database: str | None = None,
) -> dict[str, str | None]:
    """Return the connection settings: arguments first, then ``NEO4J_*`` variables, then defaults.

    Args:
        uri: Bolt URI (``NEO4J_URI``; default ``neo4j://127.0.0.1:7687``).
        user: user name (``NEO4J_USERNAME``; default ``neo4j``).
        password: password (``NEO4J_PASSWORD``; default none: no authentication).
        database: database name (``NEO4J_DATABASE``; default ``neo4j``).

    Returns:
        ``{"uri", "user", "password", "database"}``.
    """
    env_uri, env_user, env_password, env_database = (os.environ.get(name) for name in ENV_VARS)
    return {
        "uri": uri or env_uri or DEFAULT_URI,
        "user": user or env_user or DEFAULT_USER,
        "password": password if password is not None else env_password,
        "database": database or env_database or DEFAULT_DATABASE,
    }


def open_neo4j_store(
    *,
    uri: str | None = None,
    user: str | None = None,
    password: str | None = None,
    database: str | None = None,
    **options: Any,
) -> Neo4jStore:
    """Open the Neo4j store with settings from the arguments or the ``NEO4J_*`` environment.

    Args:
        uri: Bolt URI (else ``NEO4J_URI``, else ``neo4j://127.0.0.1:7687``).
        user: user name (else ``NEO4J_USERNAME``, else ``neo4j``).
        password: password (else ``NEO4J_PASSWORD``).
        database: database (else ``NEO4J_DATABASE``, else ``neo4j``).
        **options: keyword options of :class:`Neo4jStore` (``batch_rows``, ...).

    Returns:
        A connected store (use it as a context manager).

    Raises:
        Neo4jUnavailable: the server cannot be reached or refuses the credentials.
        ConfigError: the URI is malformed.
    """
    settings = settings_from_env(uri=uri, user=user, password=password, database=database)
    return Neo4jStore(settings["uri"], settings["user"], settings["password"], settings["database"], **options)


def safe_uri(uri: str) -> str:
    """Return ``uri`` without any user info or query, fit for a message.

    >>> safe_uri("neo4j+s://user:secret@db.example:7687?x=1")
    'neo4j+s://db.example:7687'
    """
    try:
        parts = urlsplit(uri)
    except ValueError:
        return "<malformed URI>"
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


@dataclass(slots=True)
class _Chunk:
    """The rows of one transaction, prepared from several batches."""

    batches: list[GraphBatch] = field(default_factory=list)
    rows: int = 0


class Neo4jStore:
    """The graph in a Neo4j database, behind the :class:`kg.store.base.GraphStore` protocol.

    Args:
        uri: Bolt URI (``bolt://`` direct or ``neo4j://`` routing, ``+s`` for TLS).
        user: user name.
        password: password (None: no authentication).
        database: database name.
        batch_rows: rows per transaction (node and relationship rows together).
        max_retry_time: seconds the driver keeps retrying a transaction that
            failed on a transient error (deadlock, leader switch), with
            exponential backoff.
        connection_timeout: seconds to wait for a connection.

    Raises:
        Neo4jUnavailable: the server cannot be reached or refuses the credentials.
        ConfigError: the URI is malformed.
    """

    def __init__(
        self,
        uri: str,
        user: str = DEFAULT_USER,
        password: str | None = None,
        database: str = DEFAULT_DATABASE,
        *,
        batch_rows: int = 5000,
        max_retry_time: float = 30.0,
        connection_timeout: float = 15.0,
    ) -> None:
        if batch_rows < 1:
            raise ConfigError(f"batch_rows must be positive, not {batch_rows}")
        self.uri = uri
        self.database = database
        self.batch_rows = batch_rows
        self._where = f"Neo4j at {safe_uri(uri)} (database {database!r})"
        self._schema_ready = False
        scheme = uri.partition("://")[0] if "://" in uri else ""
        if scheme not in _SCHEMES:
            raise ConfigError(f"cannot use the Neo4j URI {safe_uri(uri)!r}: kg speaks Bolt; use bolt://HOST:PORT or neo4j://HOST:PORT (+s for TLS) in NEO4J_URI")
        auth = (user, password) if password is not None else None
        try:
            self._driver: Driver = GraphDatabase.driver(
                uri,
                auth=auth,
                user_agent="kg",
                max_transaction_retry_time=max_retry_time,
                connection_timeout=connection_timeout,
                # Notifications ("property key does not exist" on a fresh graph) are noise here.
                notifications_min_severity="OFF",
            )
        except (ConfigurationError, ValueError) as e:
            raise ConfigError(f"cannot use the Neo4j URI {safe_uri(uri)!r}: {type(e).__name__}; use bolt://HOST:PORT or neo4j://HOST:PORT (set NEO4J_URI)") from e
        try:
            self._driver.verify_connectivity()
        except AuthError as e:
            self._driver.close()
            raise Neo4jUnavailable(
                f"{self._where} refused the credentials; check NEO4J_USERNAME and NEO4J_PASSWORD"
            ) from e
        except (ServiceUnavailable, SessionExpired, OSError) as e:
            self._driver.close()
            raise Neo4jUnavailable(
                f"cannot reach {self._where}: {type(e).__name__}. Is the server running? "
                "Start one with `kg neo4j start`, or set NEO4J_URI to where it runs"
            ) from e
        except (Neo4jError, DriverError) as e:
            self._driver.close()
            raise Neo4jUnavailable(f"cannot connect to {self._where}: {_code(e)}") from e
        logger.debug("connected to %s", self._where)

    # -- context manager ---------------------------------------------------

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Neo4jStore({safe_uri(self.uri)!r}, database={self.database!r})"

    # -- the GraphStore protocol -------------------------------------------

    def write(self, batches: Iterable[GraphBatch]) -> WriteSummary:
        """Upsert the batches with the semantics of :mod:`kg.store.base`, a chunk per transaction.

        Args:
            batches: the graph batches, consumed lazily (a generator is fine).

        Returns:
            Counts of articles written and unchanged, nodes and relationships upserted.

        Raises:
            StoreError: a batch is invalid (unknown label or type, a relationship
                whose endpoint is neither in its batch nor stored, a relationship
                of another article); the chunk holding it is not written, the
                chunks before it are.
            Neo4jUnavailable: the server went away and did not come back within
                the retry time.
        """
        self.ensure_schema()
        totals = [0, 0, 0, 0]
        for chunk in self._chunks(batches):
            written, unchanged, nodes, rels = self._run(lambda tx, c=chunk: _write_chunk(tx, c), write=True)
            totals = [totals[0] + written, totals[1] + unchanged, totals[2] + nodes, totals[3] + rels]
            logger.debug("wrote a chunk of %d articles (%d unchanged, %d rows)", len(chunk.batches), unchanged, chunk.rows)
        return WriteSummary(
            articles_written=totals[0],
            articles_unchanged=totals[1],
            nodes_upserted=totals[2],
            relationships_upserted=totals[3],
        )

    def query(self, name: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run the named read template of ``cypher/`` and return its rows.

        Args:
            name: the template name (``kg queries`` lists them).
            params: its parameters (strings are converted to the declared types).

        Returns:
            The rows, as dicts of plain Python values.

        Raises:
            ConfigError: no such template, or a parameter is unknown, missing or ill-typed.
            StoreError: Neo4j rejected the query.
            Neo4jUnavailable: the server cannot be reached.
        """
        template = load(name)
        if template.kind != "read":
            raise ConfigError(f"{name!r} is not a read query; `kg queries` lists them")
        bound = template.bind(params)
        # No schema statements here: a read-only user must be able to query.
        return self._run(lambda tx: tx.run(template.cypher, bound).data(), write=False)

    def stats(self) -> GraphStats:
        """Return node counts by label and relationship counts by type.

        Returns:
            The counts, in the order of ``kg.model.LABELS`` / ``REL_TYPES``.

        Raises:
            Neo4jUnavailable: the server cannot be reached.
        """
        rows = self.query("graph_stats")
        nodes = {r["name"]: r["count"] for r in rows if r["kind"] == "node"}
        rels = {r["name"]: r["count"] for r in rows if r["kind"] == "relationship"}
        return GraphStats(nodes=nodes, relationships=rels)

    def close(self) -> None:
        """Close the driver (its connections)."""
        self._driver.close()

    # -- Neo4j-only methods ------------------------------------------------

    @property
    def driver(self) -> Driver:
        """The underlying driver, for programs that run their own Cypher (Jupyter, the benchmark)."""
        return self._driver

    def ensure_schema(self, *, wait_seconds: int = 300) -> None:
        """Create the constraints and indexes of ``cypher/schema/`` if missing, and wait until online.

        Idempotent (every statement is ``IF NOT EXISTS``); runs once per store object.

        Args:
            wait_seconds: how long to wait for the indexes to come online.

        Raises:
            Neo4jUnavailable: the server cannot be reached.
            StoreError: Neo4j rejected a schema statement.
        """
        if self._schema_ready:
            return
        statements: list[Template] = [load("schema/node_id_unique").for_label(label) for label in LABELS]
        statements += [load("schema/node_name_index").for_label(label) for label in LABELS]
        statements += [load("schema/relationship_article_index").for_type(t) for t in REL_TYPES]
        statements += [load(f"schema/{name}") for name in ("entity_fulltext", "place_level_index", "event_date_index", "article_published_index")]
        for template in statements:
            self._run(lambda tx, t=template: tx.run(t.cypher).consume(), write=True)
        wait = load("schema/await_indexes")
        self._run(lambda tx: tx.run(wait.cypher, wait.bind({"seconds": wait_seconds})).consume(), write=False)
        self._schema_ready = True
        logger.debug("schema ready on %s", self._where)

    def get_node(self, node_id: str) -> Node | None:
        """Return the node with this id, or None (as the embedded store's ``get_node``).

        ``kg build`` asks it for Article nodes, to skip unchanged articles before
        analysing them.  The label is read from the id's prefix (``kg.ids``); an
        id without one is looked up under every label.

        Args:
            node_id: the node id.

        Returns:
            The node (``properties`` without id, name and aliases), or None.

        Raises:
            Neo4jUnavailable: the server cannot be reached.
        """
        template = load("admin/get_node")
        label = _label_of(node_id)
        for candidate in [label] if label else list(LABELS):
            cypher = template.for_label(candidate).cypher
            rows = self._run(lambda tx, c=cypher: tx.run(c, id=node_id).data(), write=False)
            if rows:
                props = dict(rows[0]["properties"])
                props.pop("id", None)
                name = props.pop("name", "")
                aliases = tuple(props.pop("aliases", None) or ())
                return Node(id=node_id, label=candidate, name=name, aliases=aliases, properties=props)
        return None

    def snapshot(self) -> dict[str, Any]:
        """Return the whole graph as plain data, to compare two loads or two stores.

        Returns:
            ``{"nodes": {id: {"label", "name", "aliases", **properties}},
            "relationships": [(type, start, end, properties) …]}``, relationships
            sorted; meant for test-sized graphs.

        Raises:
            Neo4jUnavailable: the server cannot be reached.
        """
        nodes_t = load("admin/snapshot_nodes")
        rels_t = load("admin/snapshot_relationships")
        node_rows = self._run(lambda tx: tx.run(nodes_t.cypher).data(), write=False)
        rel_rows = self._run(lambda tx: tx.run(rels_t.cypher).data(), write=False)
        nodes = {}
        for row in node_rows:
            props = dict(row["properties"])
            props.pop("id", None)
            nodes[row["id"]] = {"label": "|".join(sorted(row["labels"])), **props}
        rels = sorted(
            ((r["type"], r["start"], r["end"], r["properties"]) for r in rel_rows),
            key=lambda r: (r[0], r[1], r[2], str(r[3].get("article_id")), str(r[3].get("title") or "")),
        )
        return {"nodes": nodes, "relationships": rels}

    def schema(self) -> list[dict[str, Any]]:
        """Return the indexes and constraints (``admin/schema_overview``).

        Returns:
            One row per index: name, type, entity, labels_or_types, properties, state, owning_constraint.

        Raises:
            Neo4jUnavailable: the server cannot be reached.
        """
        template = load("admin/schema_overview")
        return self._run(lambda tx: tx.run(template.cypher).data(), write=False)

    def clear(self) -> None:
        """Delete every node and relationship (the schema stays).

        Raises:
            Neo4jUnavailable: the server cannot be reached.
        """
        template = load("write/delete_all")
        # CALL … IN TRANSACTIONS needs an auto-commit transaction.
        try:
            with self._driver.session(database=self.database) as session:
                session.run(template.cypher).consume()  # type: ignore[arg-type]
        except (ServiceUnavailable, SessionExpired) as e:
            raise Neo4jUnavailable(f"lost {self._where}: {type(e).__name__}; check that the server runs, then try again") from e

    # -- internals ---------------------------------------------------------

    def _run(self, work: Callable[[ManagedTransaction], T], *, write: bool) -> T:
        try:
            with self._driver.session(database=self.database) as session:
                return session.execute_write(work) if write else session.execute_read(work)
        except AuthError as e:
            raise Neo4jUnavailable(f"{self._where} refused the credentials; check NEO4J_USERNAME and NEO4J_PASSWORD") from e
        except (ServiceUnavailable, SessionExpired) as e:
            raise Neo4jUnavailable(f"lost {self._where}: {type(e).__name__}; check that the server runs, then load again (finished articles are skipped)") from e
        except ClientError as e:
            if e.code and "DatabaseNotFound" in e.code:
                raise Neo4jUnavailable(f"{self._where}: the database does not exist; create it or set NEO4J_DATABASE") from e
            raise StoreError(f"{self._where} rejected a statement: {_code(e)}") from e
        except Neo4jError as e:
            raise StoreError(f"{self._where} failed: {_code(e)}") from e

    def _chunks(self, batches: Iterable[GraphBatch]) -> Iterator[_Chunk]:
        """Group the batches into transactions, reading which articles are stored a window at a time."""
        seen: set[str] = set()
        window: list[GraphBatch] = []
        states = load("write/article_states")

        def plan() -> Iterator[_Chunk]:
            ids = [b.article.id for b in window]
            stored = {r["id"]: r["sha256"] for r in self._run(lambda tx: tx.run(states.cypher, ids=ids).data(), write=False)}
            yield from plan_chunks(window, stored=stored, seen=seen, batch_rows=self.batch_rows)

        for batch in batches:
            _validate(batch)
            window.append(batch)
            if len(window) >= _WINDOW:
                yield from plan()
                window = []
        if window:
            yield from plan()


_WINDOW = 1000  # batches whose stored state is read at once


def plan_chunks(
    batches: Iterable[GraphBatch],
    *,
    stored: Mapping[str, str | None],
    seen: set[str],
    batch_rows: int,
) -> Iterator[_Chunk]:
    """Group batches into transactions so that the result equals writing them one by one.

    Writing a chunk sweeps orphans once, at its end; written one by one, each
    article sweeps after itself.  The two agree unless a node loses its last
    MENTIONS inside the chunk while a later article of the chunk mentions it.
    That needs an article that is replaced (stored before, or met earlier in
    this write, with other text) or one that carries a node it does not
    MENTION; such an article therefore ends its chunk (a replaced one gets a
    transaction of its own).  With that, the graph does not depend on where
    chunks end: a load killed midway and re-run gives the same graph.

    Args:
        batches: the batches, in order.
        stored: sha256 of the articles already stored (None: stored, unmarked).
        seen: ids of the articles met earlier in this write; updated.
        batch_rows: rows per chunk (a bigger batch is a chunk of its own).

    Yields:
        The chunks, in order.
    """
    chunk = _Chunk()
    for batch in batches:
        article_id = batch.article.id
        replaced = article_id in seen or (article_id in stored and stored[article_id] != batch.article.sha256)
        seen.add(article_id)
        size = 1 + len(batch.nodes) + len(batch.relations)
        if chunk.batches and (replaced or chunk.rows + size > batch_rows):
            yield chunk
            chunk = _Chunk()
        chunk.batches.append(batch)
        chunk.rows += size
        if replaced or _unmentioned(batch):
            yield chunk
            chunk = _Chunk()
    if chunk.batches:
        yield chunk


def _unmentioned(batch: GraphBatch) -> bool:
    """True if the batch carries a node that its own article does not MENTION."""
    mentioned = {r.end for r in batch.relations if r.type == "MENTIONS" and r.start == batch.article.id}
    return any(node.id not in mentioned for node in batch.nodes)


# -- the transaction of one chunk ------------------------------------------

_MISSING = object()  # an article not stored at all (its sha256 can be None mid-load)


def _write_chunk(tx: ManagedTransaction, chunk: _Chunk) -> tuple[int, int, int, int]:
    """Write one chunk; returns (articles written, unchanged, nodes upserted, relationships created)."""
    ids = [b.article.id for b in chunk.batches]
    states = {r["id"]: r["sha256"] for r in tx.run(load("write/article_states").cypher, ids=ids)}
    todo = [b for b in chunk.batches if states.get(b.article.id, _MISSING) != b.article.sha256]
    unchanged = len(chunk.batches) - len(todo)
    if not todo:
        return 0, unchanged, 0, 0

    candidates: set[str] = set()
    replaced = [b.article.id for b in todo if b.article.id in states]
    if replaced:
        delete = load("write/delete_article_relationships")
        for rel_type in REL_TYPES:
            record = tx.run(delete.for_type(rel_type).cypher, article_ids=replaced).single()
            candidates.update(record["eids"] if record else ())

    eids: dict[str, str] = {}
    article_rows = [_article_row(b) for b in todo]
    for record in tx.run(load("write/upsert_articles").cypher, rows=article_rows):
        eids[record["id"]] = record["eid"]

    node_rows = _node_rows(todo)
    upsert = load("write/upsert_nodes")
    for label in _ENTITY_LABELS:
        rows = node_rows.get(label)
        if rows:
            for record in tx.run(upsert.for_label(label).cypher, rows=rows):
                eids[record["id"]] = record["eid"]
    batch_node_eids = set(eids.values())

    missing = {end for b in todo for r in b.relations for end in (r.start, r.end)} - eids.keys()
    if missing:
        eids.update(_stored_eids(tx, missing))
        dangling = sorted(missing - eids.keys())
        if dangling:
            raise StoreError(f"relationship endpoint {dangling[0]!r} is neither in its batch nor in the store; add it to the batch's nodes")

    rel_count = 0
    create = load("write/create_relationships")
    for rel_type, rows in _relationship_rows(todo, eids).items():
        record = tx.run(create.for_type(rel_type).cypher, rows=rows).single()
        rel_count += record["created"] if record else 0

    orphans = load("write/delete_orphans")
    tx.run(orphans.cypher, eids=sorted(candidates | batch_node_eids)).consume()
    marks = [{"id": b.article.id, "sha256": b.article.sha256} for b in todo]
    tx.run(load("write/mark_articles_written").cypher, rows=marks).consume()
    node_count = len(article_rows) + sum(len(rows) for rows in node_rows.values())
    return len(todo), unchanged, node_count, rel_count



def _label_of(node_id: str) -> str | None:
    """The label an id made by :func:`kg.ids.node_id` names (``place-…`` -> Place), or None."""
    return next((lab for prefix, lab in _PREFIX_LABEL.items() if node_id.startswith(prefix)), None)


def _stored_eids(tx: ManagedTransaction, ids: set[str]) -> dict[str, str]:
    by_label: dict[str, list[str]] = {}
    for node_id in sorted(ids):
        label = _label_of(node_id)
        labels = [label] if label else list(LABELS)  # an id not made by kg.ids: try every label
        for lab in labels:
            by_label.setdefault(lab, []).append(node_id)
    found: dict[str, str] = {}
    template = load("write/node_element_ids")
    for label, label_ids in by_label.items():
        for record in tx.run(template.for_label(label).cypher, ids=label_ids):
            found[record["id"]] = record["eid"]
    return found


def _article_row(batch: GraphBatch) -> dict[str, Any]:
    node = batch.article_node()
    where = f"article {batch.article.id}"
    props = {k: _storable(v, f"{where}, property {k!r}") for k, v in node.properties.items() if k != "sha256" and not _is_empty(v)}
    props["name"] = node.name
    props["aliases"] = sorted(set(node.aliases) - {node.name})
    return {"id": node.id, "props": props}


def _node_rows(batches: list[GraphBatch]) -> dict[str, list[dict[str, Any]]]:
    """Entity rows per label, one per id: repeated ids are merged in order, as sequential upserts would."""
    merged: dict[str, dict[str, Any]] = {}
    for batch in batches:
        for node in batch.nodes:
            where = f"article {batch.article.id}, node {node.id!r}"
            props = {k: _storable(v, f"{where}, property {k!r}") for k, v in node.properties.items() if not _is_empty(v)}
            row = merged.get(node.id)
            if row is None:
                merged[node.id] = {"label": node.label, "id": node.id, "name": node.name, "aliases": set(node.aliases), "props": props}
                continue
            if row["label"] != node.label:
                raise StoreError(f"{where}: labelled {node.label} here but {row['label']} in another article; node ids must come from kg.ids.node_id(label, …)")
            # A renamed node keeps its former name as an alias (see write/upsert_nodes).
            row["aliases"] |= set(node.aliases) | ({row["name"]} if row["name"] != node.name else set())
            row["name"] = node.name
            row["props"].update(props)
    by_label: dict[str, list[dict[str, Any]]] = {}
    for row in merged.values():
        label = row.pop("label")
        row["aliases"] = sorted(row["aliases"] - {row["name"]})
        by_label.setdefault(label, []).append(row)
    return by_label


def _relationship_rows(batches: list[GraphBatch], eids: Mapping[str, str]) -> dict[str, list[dict[str, Any]]]:
    """Relationship rows per type, one per :attr:`Relation.key` (later properties win)."""
    merged: dict[tuple[str, ...], dict[str, Any]] = {}
    for batch in batches:
        for rel in batch.relations:
            where = f"article {batch.article.id}, {rel.type} {rel.start!r} -> {rel.end!r}"
            props = {k: _storable(v, f"{where}, property {k!r}") for k, v in rel.all_properties().items() if v is not None}
            row = merged.get(rel.key)
            if row is None:
                merged[rel.key] = {"type": rel.type, "s": eids[rel.start], "e": eids[rel.end], "props": props}
            else:
                row["props"].update(props)
    by_type: dict[str, list[dict[str, Any]]] = {}
    for row in merged.values():
        by_type.setdefault(row.pop("type"), []).append(row)
    return {t: by_type[t] for t in REL_TYPES if t in by_type}


def _validate(batch: GraphBatch) -> None:
    """Refuse what the embedded store refuses, before anything is written."""
    article_id = batch.article.id
    for node in batch.nodes:
        where = f"article {article_id}, node {node.id!r}"
        if node.label not in LABELS:
            raise StoreError(f"{where}: unknown label {node.label!r}; use one of kg.model.LABELS ({', '.join(LABELS)})")
        if node.label == "Article":
            raise StoreError(f"{where}: an Article node in a batch must be the batch's own article")
        reserved = _NODE_RESERVED.intersection(node.properties)
        if reserved:
            raise StoreError(f"{where}: property names {sorted(reserved)} are reserved for the node itself; rename them")
    for rel in batch.relations:
        where = f"article {article_id}, {rel.type} {rel.start!r} -> {rel.end!r}"
        if rel.type not in REL_TYPES:
            raise StoreError(f"{where}: unknown relationship type {rel.type!r}; use one of kg.model.REL_TYPES")
        if rel.evidence.article_id != article_id:
            raise StoreError(f"{where}: its evidence names article {rel.evidence.article_id!r}; a batch may only carry its own article's relationships")
        reserved = _EDGE_RESERVED.intersection(rel.properties)
        if reserved:
            raise StoreError(f"{where}: property names {sorted(reserved)} are reserved for the relationship itself; rename them")


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, (str, list, tuple, dict, set, frozenset)) and not value)


_PRIMITIVES = (str, bool, int, float)


def _storable(value: Any, where: str) -> Any:
    """Return ``value`` as a Neo4j property value: primitives, homogeneous lists, else JSON text.

    >>> _storable({"b": 1, "a": [1, 2]}, "x")
    '{"a":[1,2],"b":1}'
    >>> _storable(("甲", "乙"), "x")
    ['甲', '乙']
    """
    if isinstance(value, float) and not math.isfinite(value):
        raise StoreError(f"{where}: {value!r} cannot be stored; use a finite number or leave the property out")
    if isinstance(value, _PRIMITIVES):
        if isinstance(value, int) and not isinstance(value, bool) and not -(2**63) <= value < 2**63:
            return str(value)
        return value
    if isinstance(value, (set, frozenset)):
        value = sorted(value, key=str)
    if isinstance(value, (list, tuple)):
        items = list(value)
        kinds = {type(v) for v in items}
        if all(isinstance(v, _PRIMITIVES) for v in items) and (len(kinds) <= 1 or kinds <= {int, float}):
            return [_storable(v, where) for v in items]
        return _json(items, where)
    if isinstance(value, Mapping):
        return _json(value, where)
    raise StoreError(f"{where}: a {type(value).__name__} cannot be stored; use strings, numbers, booleans, or lists and maps of them")


def _json(value: Any, where: str) -> str:
    try:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False, default=_json_default)
    except (TypeError, ValueError) as e:
        raise StoreError(f"{where}: cannot be stored as JSON: {e}") from e


def _json_default(value: Any) -> Any:
    if isinstance(value, (set, frozenset, tuple)):
        return sorted(value, key=str) if isinstance(value, (set, frozenset)) else list(value)
    raise TypeError(f"{type(value).__name__} is not JSON")


def _code(error: Neo4jError | DriverError) -> str:
    """The Neo4j status code and message of an error (never parameters or credentials)."""
    if isinstance(error, Neo4jError):
        message = (error.message or "").splitlines()[0] if error.message else ""
        return f"{error.code}: {message}" if message else str(error.code)
    return type(error).__name__
