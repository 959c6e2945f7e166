"""The narrow store protocol that the networkx store and the Neo4j store share.

Write semantics, identical in both stores (the contract tests check it):

* ``write(batches)`` replaces, for each batch, everything its article said
  before: the article's relationships (MENTIONS included) are removed, nodes
  are upserted (aliases unioned, non-empty properties set), the batch's
  relationships are upserted by :attr:`kg.model.Relation.key`, and nodes that
  no article mentions any more are removed.  A batch whose article is already
  stored with the same ``sha256`` changes nothing.
* Re-writing the same batches leaves the same graph (ids are content-derived).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Protocol, runtime_checkable

from kg.model import GraphBatch


@dataclass(frozen=True, kw_only=True, slots=True)
class GraphStats:
    """Counts of nodes by label and relationships by type."""

    nodes: Mapping[str, int] = field(default_factory=dict)
    relationships: Mapping[str, int] = field(default_factory=dict)

    @property
    def node_count(self) -> int:
        return sum(self.nodes.values())

    @property
    def relationship_count(self) -> int:
        return sum(self.relationships.values())


@dataclass(frozen=True, kw_only=True, slots=True)
class WriteSummary:
    """What one ``write`` call did."""

    articles_written: int = 0
    articles_unchanged: int = 0
    nodes_upserted: int = 0
    relationships_upserted: int = 0


@runtime_checkable
class GraphStore(Protocol):
    """What every store offers; store-specific features are separately named methods."""

    def write(self, batches: Iterable[GraphBatch]) -> WriteSummary:
        """Upsert the batches (see the module docstring for the semantics)."""
        ...

    def query(self, name: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run the named read query (a template of ``cypher/``) and return its rows."""
        ...

    def stats(self) -> GraphStats:
        """Return node counts by label and relationship counts by type."""
        ...

    def close(self) -> None:
        """Release what the store holds (files, drivers)."""
        ...
