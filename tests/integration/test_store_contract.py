"""One contract, two stores: the embedded (networkx) store and the Neo4j store.

The same batches go into both; the graphs that come out must be the same
(node for node, relationship for relationship, property for property), and
so must the answers of every query both can run.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator

import pytest

import governance_graph as g
from kg.model import GraphBatch
from kg.query import list_templates
from kg.store.base import GraphStore
from kg.store.networkx_store import NetworkxStore
from kg.store.neo4j_store import Neo4jStore
from kg.store.nx_queries import QUERIES
from kg.store.synthetic import synthetic_batches
from test_cypher_templates import CASES, SEARCH_CASES

STORES = ["networkx", pytest.param("neo4j", marks=pytest.mark.neo4j)]


@pytest.fixture(params=STORES)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    if request.param == "networkx":
        with NetworkxStore(tmp_path / "store") as nx_store:
            yield nx_store
    else:
        yield request.getfixturevalue("neo4j_store")


@pytest.fixture
def both(tmp_path: Path, neo4j_store: Neo4jStore) -> Iterator[tuple[NetworkxStore, Neo4jStore]]:
    with NetworkxStore(tmp_path / "store") as nx_store:
        yield nx_store, neo4j_store


def nx_snapshot(store: NetworkxStore) -> dict[str, Any]:
    """The embedded graph in the shape of :meth:`Neo4jStore.snapshot`."""
    graph = store.graph
    nodes = {node_id: dict(attrs) for node_id, attrs in graph.nodes(data=True)}
    rels = sorted(
        ((a["type"], u, v, {k: val for k, val in a.items() if k != "type"}) for u, v, a in graph.edges(data=True)),
        key=lambda r: (r[0], r[1], r[2], str(r[3].get("article_id")), str(r[3].get("title") or "")),
    )
    return {"nodes": nodes, "relationships": rels}


def test_store_contract_both_stores_support_the_named_queries() -> None:
    read = {t.name for t in list_templates()}
    assert read <= set(QUERIES), f"no Python version of {sorted(read - set(QUERIES))}"


@pytest.mark.parametrize("neo4j", [pytest.param(True, marks=pytest.mark.neo4j)])
def test_store_contract_write_gives_the_same_counts(store: GraphStore, neo4j: bool) -> None:
    summary = store.write(g.batches())
    assert (summary.articles_written, summary.articles_unchanged) == (3, 0)
    stats = store.stats()
    assert dict(stats.nodes) == {"Article": 3, "Place": 10, "Organization": 4, "Person": 3, "Initiative": 5, "Document": 3, "Event": 2, "Outcome": 2, "Award": 2}
    assert stats.relationship_count == 82
    again = store.write(g.batches())
    assert (again.articles_written, again.articles_unchanged) == (0, 3)
    assert store.stats() == stats


@pytest.mark.parametrize("name", sorted(CASES))
def test_store_contract_queries_return_the_expected_rows(store: GraphStore, name: str) -> None:
    store.write(g.batches())
    params, expected = CASES[name]
    assert store.query(name, params) == expected


@pytest.mark.parametrize(("text", "names"), SEARCH_CASES[:2])
def test_store_contract_search_finds_the_same_entities(store: GraphStore, text: str, names: list[str]) -> None:
    store.write(g.batches())
    assert sorted(r["name"] for r in store.query("search_entities", {"text": text})) == sorted(names)


@pytest.mark.neo4j
def test_store_contract_same_graph_in_both_stores(both: tuple[NetworkxStore, Neo4jStore]) -> None:
    nx_store, neo = both
    for target in both:
        target.write(g.batches())
    assert neo.snapshot() == nx_snapshot(nx_store)
    assert neo.stats() == nx_store.stats()


@pytest.mark.neo4j
def test_store_contract_same_graph_after_incremental_updates(both: tuple[NetworkxStore, Neo4jStore]) -> None:
    nx_store, neo = both
    steps: list[list[GraphBatch]] = [g.batches(), [g.article_one_revised()], [g.article_two(), g.article_one()], [g.article_one_revised()]]
    for step in steps:
        summaries = [target.write(step) for target in both]
        assert summaries[0].articles_written == summaries[1].articles_written
        assert neo.snapshot() == nx_snapshot(nx_store)


@pytest.mark.neo4j
def test_store_contract_same_answers_on_a_synthetic_graph(both: tuple[NetworkxStore, Neo4jStore]) -> None:
    nx_store, neo = both
    for target in both:
        target.write(synthetic_batches(40, facts_per_article=30, pool=30))
        target.write(synthetic_batches(10, facts_per_article=30, pool=30, version=1))  # new versions of 10 articles
    assert neo.snapshot() == nx_snapshot(nx_store)
    params = [
        ("initiatives_in_place", {"place": "一州市"}),
        ("outcome_paths_in_region", {"region": "浙江省"}),
        ("initiative_outcomes", {"initiative": "第三号工作法"}),
        ("initiative_diffusion", {"initiative": "第一号工作法"}),
        ("initiatives_ranked", {"limit": 5}),
        ("people_in_place", {"place": "零州市"}),
        ("awards_in_region", {"region": "二县"}),
        ("documents_based_on", {"entity": "第二号工作法"}),
        ("events_timeline", {"region": "一州市"}),
        ("relationship_evidence", {"source": "一县", "target": "零州市"}),
        ("articles_mentioning", {"entity": "浙江省"}),
        ("graph_stats", {}),
        ("place_hierarchy", {"place": "零州市"}),
        ("initiative_origins", {"initiative": "第一号工作法"}),
    ]
    for name, p in params:
        neo_rows = neo.query(name, p)
        assert neo_rows == nx_store.query(name, p), name
        assert neo_rows or name in ("initiative_origins",), f"{name} found nothing: pick other parameters"
    for name, p in [("shortest_connection", {"source": "一县", "target": "二县"})]:
        neo_rows, nx_rows = neo.query(name, p), nx_store.query(name, p)
        assert [r["hops"] for r in neo_rows] == [r["hops"] for r in nx_rows] == [2]


@pytest.mark.neo4j
def test_store_contract_kg_load_copies_the_embedded_store(tmp_path: Path, neo4j_server_settings, neo4j_store: Neo4jStore, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from kg.cli import _register, app

    folder = tmp_path / "embedded"
    with NetworkxStore(folder) as nx_store:
        nx_store.write(g.batches())
        nx_store.write([g.article_one_revised()])
        expected = nx_snapshot(nx_store)
    for key, value in neo4j_server_settings.env().items():
        monkeypatch.setenv(key, value)
    _register()
    runner = CliRunner()
    first = runner.invoke(app, ["load", "--store", str(folder)])
    assert first.exit_code == 0, first.output
    assert "articles written 3, unchanged 0" in first.output
    assert neo4j_store.snapshot() == expected
    second = runner.invoke(app, ["load", "--store", str(folder)])
    assert "articles written 0, unchanged 3" in second.output
    result = runner.invoke(app, ["query", "initiatives_ranked", "--param", "limit=1", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [{"initiative": "三化十二制", "kind": "mechanism", "places": 3, "articles": 2}]


def _without_mention(batch: GraphBatch, node_id: str) -> GraphBatch:
    """The batch, minus its MENTIONS of one node (which it still carries)."""
    relations = tuple(r for r in batch.relations if not (r.type == "MENTIONS" and r.end == node_id))
    return GraphBatch(article=batch.article, nodes=batch.nodes, relations=relations)


@pytest.mark.neo4j
def test_store_contract_node_unmentioned_then_mentioned_in_one_write(both: tuple[NetworkxStore, Neo4jStore]) -> None:
    """An article carries 沈岙村 without mentioning it, a later one in the same write mentions it."""
    nx_store, neo = both
    first = _without_mention(g.article_one(), g.SHENAO.id)
    renamed = g.ArticleBuilder(key="fixture/shenao.txt", title="沈岙村", published_at="2018-01-01", source="温岭日报")
    renamed.fact("PART_OF", g.place("沈岙村", "village", "浙江省/台州市/温岭市/大溪镇/沈岙村", "沈岙"), g.DAXI, "沈岙村属大溪镇。")
    later = renamed.batch()
    for target in both:
        target.write([first, later, g.article_two()])
    assert neo.snapshot() == nx_snapshot(nx_store)
    assert neo.snapshot()["nodes"][g.SHENAO.id]["aliases"] == ["沈岙"]  # swept after the first article, re-made by the second


@pytest.mark.neo4j
def test_store_contract_replaced_article_then_another_mentions_its_node(both: tuple[NetworkxStore, Neo4jStore]) -> None:
    """The new version of article one drops 陈森; a new article in the same write names him again."""
    nx_store, neo = both
    again = g.ArticleBuilder(key="fixture/chensen.txt", title="陈森", published_at="2018-02-01", source="温岭日报")
    again.fact("HOLDS_POSITION", g.entity("Person", "陈森", "老陈"), g.DAXI, "陈森调任大溪镇工作。", title="镇党委委员")
    for target in both:
        target.write(g.batches())
        target.write([g.article_one_revised(), again.batch()])
    assert neo.snapshot() == nx_snapshot(nx_store)
    assert neo.snapshot()["nodes"][g.CHEN_SEN.id]["aliases"] == ["老陈"]
