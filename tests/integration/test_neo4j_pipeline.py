"""kg's pipeline into Neo4j: the sample articles give the same graph as in the embedded store."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.pipeline import build
from kg.store.networkx_store import NetworkxStore
from kg.store.neo4j_store import Neo4jStore
from test_store_contract import nx_snapshot

pytestmark = pytest.mark.neo4j

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def test_neo4j_pipeline_samples_give_the_same_graph_in_both_stores(tmp_path: Path, neo4j_store: Neo4jStore) -> None:
    with NetworkxStore(tmp_path / "store") as nx_store:
        expected = build([SAMPLES], store=nx_store, ner=False)
        want = nx_snapshot(nx_store)
    report = build([SAMPLES], store=neo4j_store, ner=False)
    assert report.built == expected.built > 0 and report.failed == expected.failed
    assert neo4j_store.snapshot() == want
    # a second build skips every article before analysing it (Neo4jStore.get_node)
    again = build([SAMPLES], store=neo4j_store, ner=False)
    assert again.built == 0 and again.unchanged == report.built
    article = next(node_id for node_id, attrs in want["nodes"].items() if attrs["label"] == "Article")
    node = neo4j_store.get_node(article)
    assert node is not None and node.label == "Article" and node.properties["sha256"] == want["nodes"][article]["sha256"]
    assert neo4j_store.get_node("place-0000000000000000") is None
