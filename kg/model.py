"""Domain types shared by every stage: articles, nodes, relations, graph batches.

This module imports neither spaCy nor neo4j: it is the contract between the
extractor, the resolver and the stores (see ONTOLOGY.md in the docs).

Provenance policy: a relationship is identified by ``(type, start, end,
article_id, qualifier)`` — one relationship per article that states the fact
(``qualifier`` is the ``title`` of a HOLDS_POSITION, empty otherwise).  A fact
stated by two articles is therefore two relationships, each with its own
evidence; replacing an article removes exactly its own relationships.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator, Mapping

#: Node labels of the ontology, in a fixed order (a closed list: the stores
#: interpolate only these into Cypher).
LABELS: tuple[str, ...] = (
    "Article",
    "Place",
    "Organization",
    "Person",
    "Initiative",
    "Document",
    "Event",
    "Outcome",
    "Award",
)

#: Relationship types of the ontology (closed list, as LABELS).
REL_TYPES: tuple[str, ...] = (
    "PART_OF",
    "IMPLEMENTS",
    "ACHIEVED",
    "RECEIVED",
    "HOLDS_POSITION",
    "PARTICIPATED_IN",
    "ISSUED",
    "BASED_ON",
    "PUBLISHED_IN",
    "ORIGINATED_AT",
    "PROMOTED",
    "LOCATED_IN",
    "MENTIONS",
)

#: Place levels, from the widest to the narrowest administrative unit.
PLACE_LEVELS: tuple[str, ...] = (
    "province",
    "city",
    "county",
    "township",
    "village",
    "community",
    "landmark",
)

ORG_KINDS = ("party", "government", "enterprise", "bank", "school", "social", "media", "other")
INITIATIVE_KINDS = ("campaign", "mechanism", "method", "system", "model", "project", "other")
DOCUMENT_KINDS = ("policy", "rules", "publication")
AWARD_LEVELS = ("national", "provincial", "city", "county")


@dataclass(frozen=True, kw_only=True, slots=True)
class Article:
    """One input document after cleaning.

    ``text`` is the cleaned text that is analysed and stored; every offset in
    the graph points into it.  ``key`` is what identifies the article across
    runs even when its text changes (its URL, or its path relative to the
    input root, plus the line number for JSONL); ``id`` is derived from it.
    """

    id: str
    key: str
    text: str
    sha256: str
    title: str | None = None
    published_at: str | None = None
    source: str | None = None
    author: str | None = None
    editor: str | None = None
    tags: tuple[str, ...] = ()
    url: str | None = None
    origin: str | None = None
    #: 通讯员 credited next to the reporters (who are in ``author``).
    correspondents: tuple[str, ...] = ()

    def metadata(self) -> dict[str, Any]:
        """Return the Article node properties (everything but ``id`` and ``text``)."""
        return {
            "key": self.key,
            "title": self.title,
            "published_at": self.published_at,
            "source": self.source,
            "author": self.author,
            "correspondents": list(self.correspondents),
            "editor": self.editor,
            "tags": list(self.tags),
            "url": self.url,
            "sha256": self.sha256,
            "origin": self.origin,
        }


@dataclass(frozen=True, kw_only=True, slots=True)
class Node:
    """An entity: one real-world thing, whatever the article calls it."""

    id: str
    label: str
    name: str
    aliases: tuple[str, ...] = ()
    properties: Mapping[str, Any] = field(default_factory=dict)


#: Relationship properties that hold the evidence (see :meth:`Evidence.as_properties`).
EVIDENCE_KEYS: tuple[str, ...] = ("article_id", "evidence", "start", "end", "confidence", "extractor")


@dataclass(frozen=True, kw_only=True, slots=True)
class Evidence:
    """Where a relationship was read: the sentence and its offsets in ``Article.text``."""

    article_id: str
    text: str
    start: int
    end: int
    confidence: float
    extractor: str

    def as_properties(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "evidence": self.text,
            "start": self.start,
            "end": self.end,
            "confidence": round(float(self.confidence), 3),
            "extractor": self.extractor,
        }


@dataclass(frozen=True, kw_only=True, slots=True)
class Relation:
    """A typed, directed relationship between two node ids, with its evidence."""

    type: str
    start: str
    end: str
    evidence: Evidence
    properties: Mapping[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str, str, str, str]:
        """Identity of the relationship in every store (see the module docstring)."""
        return (
            self.type,
            self.start,
            self.end,
            self.evidence.article_id,
            str(self.properties.get("title") or ""),
        )

    def all_properties(self) -> dict[str, Any]:
        return {**self.properties, **self.evidence.as_properties()}

    @classmethod
    def from_properties(cls, start: str, end: str, props: Mapping[str, Any]) -> "Relation":
        """Rebuild a relation from a stored edge's properties (the inverse of :meth:`all_properties` plus ``type``)."""
        evidence = Evidence(
            article_id=props.get("article_id", ""),
            text=props.get("evidence", ""),
            start=props.get("start", 0),
            end=props.get("end", 0),
            confidence=props.get("confidence", 0.0),
            extractor=props.get("extractor", ""),
        )
        rest = {k: v for k, v in props.items() if k != "type" and k not in EVIDENCE_KEYS}
        return cls(type=props.get("type", ""), start=start, end=end, evidence=evidence, properties=rest)


@dataclass(frozen=True, kw_only=True, slots=True)
class GraphBatch:
    """Everything one article contributes to the graph.

    ``nodes`` excludes the Article node itself; :meth:`all_nodes` adds it.
    """

    article: Article
    nodes: tuple[Node, ...] = ()
    relations: tuple[Relation, ...] = ()

    def article_node(self) -> Node:
        return Node(
            id=self.article.id,
            label="Article",
            name=self.article.title or self.article.key,
            properties={k: v for k, v in self.article.metadata().items() if v not in (None, [], "")}
            | {"text": self.article.text},
        )

    def all_nodes(self) -> Iterator[Node]:
        yield self.article_node()
        yield from self.nodes

    def to_graph_json(self, *, include_text: bool = False) -> dict[str, Any]:
        """Return the graph JSON that ``shared/eval/score.py`` reads."""
        nodes = []
        for node in self.all_nodes():
            props = dict(node.properties)
            if node.label == "Article" and not include_text:
                props.pop("text", None)
            nodes.append(
                {
                    "id": node.id,
                    "label": node.label,
                    "name": node.name,
                    "aliases": list(node.aliases),
                    "properties": props,
                }
            )
        rels = [
            {"type": r.type, "start": r.start, "end": r.end, "properties": r.all_properties()}
            for r in self.relations
        ]
        return {"nodes": nodes, "relationships": rels}
