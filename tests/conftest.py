"""Fixtures shared by the unit and integration tests.

The spaCy pipeline (pkuseg) takes a few seconds to load, so it is built once
per session.  ``graph_of`` turns a Chinese text into the :class:`GraphBatch`
that ``kg.extract.graph.doc_to_graph`` makes of it, wrapped in a small
:class:`GraphView` with look-ups by label/name and by (type, head, tail).
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest

from kg.model import Article, GraphBatch, Node, Relation

ROOT = Path(__file__).resolve().parents[1]
SAMPLES_DIR = ROOT / "samples"
BAD_INPUTS_DIR = Path(__file__).resolve().parent / "data" / "bad"

#: The publication date used when a test does not give one.
DEFAULT_PUBLISHED_AT = "2023-06-15T09:00:00"


class GraphView:
    """Look-ups over one extracted :class:`GraphBatch` (names match a node's name or one of its aliases)."""

    def __init__(self, batch: GraphBatch) -> None:
        self.batch = batch
        self.article = batch.article
        self.by_id: dict[str, Node] = {n.id: n for n in batch.all_nodes()}

    # -- nodes --------------------------------------------------------------
    def nodes(self, label: str | None = None) -> list[Node]:
        return [n for n in self.batch.nodes if label is None or n.label == label]

    def names(self, label: str) -> list[str]:
        return sorted(n.name for n in self.nodes(label))

    def find(self, label: str, name: str) -> list[Node]:
        """Every node of ``label`` called ``name`` (by its name or an alias)."""
        return [n for n in self.nodes(label) if n.name == name or name in n.aliases]

    def node(self, label: str, name: str) -> Node:
        """The one node of ``label`` called ``name``; fails the test when there is none or several."""
        found = self.find(label, name)
        assert len(found) == 1, f"expected one {label} {name!r}, found {found!r}; {label}s: {self.names(label)}"
        return found[0]

    def has_node(self, label: str, name: str) -> bool:
        return bool(self.find(label, name))

    # -- relationships ------------------------------------------------------
    def _matches(self, node_id: str, name: str | None, label: str | None) -> bool:
        node = self.by_id.get(node_id)
        if node is None:
            return False
        if label is not None and node.label != label:
            return False
        return name is None or node.name == name or name in node.aliases

    def rels(self, type_: str | None = None, head: str | None = None, tail: str | None = None, *,
             head_label: str | None = None, tail_label: str | None = None) -> list[Relation]:
        """Relationships of ``type_`` whose ends are called ``head`` and ``tail`` (None: any)."""
        return [
            r for r in self.batch.relations
            if (type_ is None or r.type == type_)
            and self._matches(r.start, head, head_label)
            and self._matches(r.end, tail, tail_label)
        ]

    def rel(self, type_: str, head: str | None, tail: str | None, **kw: str) -> Relation:
        """The one relationship ``(head)-[type_]->(tail)``; fails the test when there is none or several."""
        found = self.rels(type_, head, tail, **kw)
        assert len(found) == 1, f"expected one {head} -[{type_}]-> {tail}, found {len(found)}; have: {self.describe(type_)}"
        return found[0]

    def has_rel(self, type_: str, head: str | None, tail: str | None, **kw: str) -> bool:
        return bool(self.rels(type_, head, tail, **kw))

    def mentions_of(self, node: Node) -> Relation:
        [m] = [r for r in self.batch.relations if r.type == "MENTIONS" and r.end == node.id]
        return m

    def describe(self, type_: str | None = None) -> list[str]:
        """Readable relationships, for assertion messages."""
        return [
            f"{self.by_id[r.start].name} -[{r.type}]-> {self.by_id[r.end].name}"
            for r in self.batch.relations
            if r.type != "MENTIONS" and (type_ is None or r.type == type_)
        ]


@pytest.fixture(scope="session")
def nlp_rules():
    """The spaCy pipeline without the NER model: pkuseg tokens and kg sentences (rules and gazetteer only)."""
    from kg.nlp.pipeline import make_nlp  # noqa: PLC0415 - loads pkuseg

    return make_nlp(ner=False)


@pytest.fixture(scope="session")
def make_article() -> Callable[..., Article]:
    """Return ``make(text, *, published_at=..., key=..., title=None) -> Article`` with content-derived id and sha256."""
    from kg.ids import article_id, text_sha256  # noqa: PLC0415

    def make(text: str, *, published_at: str | None = DEFAULT_PUBLISHED_AT, key: str = "tests/article.txt",
             title: str | None = None) -> Article:
        return Article(id=article_id(key), key=key, text=text, sha256=text_sha256(text), title=title,
                       published_at=published_at)

    return make


@pytest.fixture(scope="session")
def extract_batch(nlp_rules, make_article) -> Callable[..., GraphBatch]:
    """Return ``extract(text, **article_fields) -> GraphBatch``: the rules pipeline over the simplified view."""
    from kg.clean.script import simplified_view  # noqa: PLC0415
    from kg.extract.graph import doc_to_graph  # noqa: PLC0415

    def extract(text: str, **fields: str | None) -> GraphBatch:
        article = make_article(text, **fields)
        return doc_to_graph(nlp_rules(simplified_view(article.text)), article)

    return extract


@pytest.fixture(scope="session")
def graph_of(extract_batch) -> Callable[..., GraphView]:
    """Return ``graph_of(text, *, published_at=..., key=...) -> GraphView`` (cached per input)."""
    cache: dict[tuple, GraphView] = {}

    def run(text: str, **fields: str | None) -> GraphView:
        k = (text, tuple(sorted(fields.items())))
        if k not in cache:
            cache[k] = GraphView(extract_batch(text, **fields))
        return cache[k]

    return run


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    """The shipped ``samples/`` folder (invented articles on real places)."""
    return SAMPLES_DIR


@pytest.fixture(scope="session")
def bad_inputs_dir() -> Path:
    """``tests/data/bad``: one unreadable input of each kind."""
    return BAD_INPUTS_DIR
