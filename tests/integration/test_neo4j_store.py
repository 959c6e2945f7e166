"""The Neo4j store against the real server: schema, idempotence, incremental updates, crashes, errors."""

from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import governance_graph as g
from kg.errors import ConfigError, Neo4jUnavailable, StoreError
from kg.model import LABELS, REL_TYPES, Evidence, GraphBatch, Node, Relation
from kg.store.base import GraphStore
from kg.store.neo4j_store import Neo4jStore, open_neo4j_store
from kg.store.synthetic import synthetic_batches

pytestmark = pytest.mark.neo4j

ROOT = Path(__file__).resolve().parents[2]


def _rels(store: Neo4jStore, rel_type: str) -> list[tuple[str, str, str]]:
    """(start, end, article_id) of every relationship of one type."""
    return sorted((s, e, p["article_id"]) for t, s, e, p in store.snapshot()["relationships"] if t == rel_type)


def test_neo4j_store_is_a_graph_store(neo4j_store: Neo4jStore) -> None:
    assert isinstance(neo4j_store, GraphStore)


def test_neo4j_store_schema_has_constraints_and_cjk_fulltext(neo4j_store: Neo4jStore) -> None:
    neo4j_store.ensure_schema()
    rows = neo4j_store.schema()
    by_name = {r["name"]: r for r in rows}
    for label in LABELS:
        unique = by_name[f"{label}_id_unique"]
        assert unique["labels_or_types"] == [label] and unique["properties"] == ["id"]
        assert unique["owning_constraint"] == f"{label}_id_unique"
    for rel_type in REL_TYPES:
        assert by_name[f"{rel_type}_article_id"]["entity"] == "RELATIONSHIP"
    fulltext = by_name["entity_names"]
    assert fulltext["type"] == "FULLTEXT" and fulltext["properties"] == ["name", "aliases"]
    assert all(r["state"] == "ONLINE" for r in rows)


def test_neo4j_store_schema_is_idempotent(neo4j_server_settings, neo4j_store: Neo4jStore) -> None:
    neo4j_store.ensure_schema()
    before = neo4j_store.schema()
    s = neo4j_server_settings
    with Neo4jStore(s.uri, s.user, s.password, s.database) as other:
        other.ensure_schema()
        assert other.schema() == before


def test_neo4j_store_write_reports_what_it_did(neo4j_store: Neo4jStore) -> None:
    summary = neo4j_store.write(g.batches())
    assert summary.articles_written == 3 and summary.articles_unchanged == 0
    assert summary.relationships_upserted == sum(len(b.relations) for b in g.batches())
    stats = neo4j_store.stats()
    assert dict(stats.nodes) == {
        "Article": 3, "Place": 10, "Organization": 4, "Person": 3, "Initiative": 5,
        "Document": 3, "Event": 2, "Outcome": 2, "Award": 2,
    }
    assert stats.relationships["IMPLEMENTS"] == 8
    assert stats.relationships["MENTIONS"] == sum(len(b.nodes) for b in g.batches())
    assert list(stats.nodes) == [label for label in LABELS if label in stats.nodes]


def test_neo4j_store_write_twice_is_idempotent(neo4j_store: Neo4jStore) -> None:
    neo4j_store.write(g.batches())
    first = neo4j_store.snapshot()
    summary = neo4j_store.write(g.batches())
    assert summary.articles_written == 0 and summary.articles_unchanged == 3
    assert neo4j_store.snapshot() == first


def test_neo4j_store_rewrite_after_clearing_sha_gives_identical_graph(neo4j_store: Neo4jStore) -> None:
    """Forcing every article through the write path again (not skipped) changes nothing either."""
    batches = g.batches()
    neo4j_store.write(batches)
    first = neo4j_store.snapshot()
    neo4j_store.clear()
    neo4j_store.write(batches)
    neo4j_store.write(reversed(batches))
    assert neo4j_store.snapshot() == first


def test_neo4j_store_node_properties_are_stored(neo4j_store: Neo4jStore) -> None:
    neo4j_store.write(g.batches())
    nodes = neo4j_store.snapshot()["nodes"]
    taizhou = nodes[g.TAIZHOU.id]
    assert taizhou == {"label": "Place", "name": "台州市", "aliases": ["台州"], "level": "city", "admin_path": "浙江省/台州市"}
    outcome = nodes[g.FUNDS.id]
    assert outcome["value"] == 1560000000 and outcome["unit"] == "元"
    article = nodes[g.article_one().article.id]
    assert article["sha256"] == g.article_one().article.sha256
    assert article["text"] == g.article_one().article.text
    assert article["tags"] == ["基层党建"]


def test_neo4j_store_relationships_keep_provenance(neo4j_store: Neo4jStore) -> None:
    neo4j_store.write(g.batches())
    rels = neo4j_store.snapshot()["relationships"]
    pan = [p for t, s, e, p in rels if t == "HOLDS_POSITION" and s == g.PAN.id]
    assert len(pan) == 1
    props = pan[0]
    text = g.article_two().article.text
    assert props["title"] == "第一书记"
    assert props["evidence"] == "潘统吉担任金竹岭脚村第一书记。"
    assert text[props["start"] : props["end"]] == props["evidence"]
    assert props["article_id"] == g.article_two().article.id
    assert props["confidence"] == 0.9 and props["extractor"] == g.EXTRACTOR


def test_neo4j_store_same_fact_in_two_articles_is_two_relationships(neo4j_store: Neo4jStore) -> None:
    neo4j_store.write(g.batches())
    daxi = [r for r in _rels(neo4j_store, "IMPLEMENTS") if r[0] == g.DAXI.id]
    assert sorted(a for _, _, a in daxi) == sorted([g.article_one().article.id, g.article_two().article.id])


def test_neo4j_store_changed_article_replaces_its_facts(neo4j_store: Neo4jStore) -> None:
    neo4j_store.write(g.batches())
    summary = neo4j_store.write([g.article_one_revised()])
    assert summary.articles_written == 1
    nodes = neo4j_store.snapshot()["nodes"]
    one = g.article_one().article.id
    # facts only the old version stated are gone, with the nodes nobody mentions any more
    assert g.SHENAO.id not in nodes and g.CHEN_SEN.id not in nodes and g.SHENAO_BRANCH.id not in nodes
    assert (g.SHENAO.id, g.SANHUA.id, one) not in _rels(neo4j_store, "IMPLEMENTS")
    # a fact the other article also states stays, with that article's provenance only
    daxi = [r for r in _rels(neo4j_store, "IMPLEMENTS") if r[0] == g.DAXI.id]
    assert daxi == [(g.DAXI.id, g.SANHUA.id, g.article_two().article.id)]
    # the new fact is there, and nodes still mentioned elsewhere stay
    assert (g.WENLING.id, g.FUNDS.id, one) in _rels(neo4j_store, "ACHIEVED")
    assert g.FORUM.id in nodes and g.DAXI.id in nodes
    assert nodes[one]["sha256"] == g.article_one_revised().article.sha256
    # and going back to the first version restores the first graph
    neo4j_store.write([g.article_one()])
    reference = neo4j_store.snapshot()
    neo4j_store.clear()
    neo4j_store.write(g.batches())
    assert neo4j_store.snapshot() == reference


def test_neo4j_store_renamed_node_keeps_former_name_as_alias(neo4j_store: Neo4jStore) -> None:
    neo4j_store.write(g.batches())
    renamed = Node(id=g.TAIZHOU.id, label="Place", name="台州", aliases=("台州地区",), properties={"level": "city"})
    batch = g.article_three()
    batch = GraphBatch(
        article=dataclasses.replace(batch.article, sha256="changed"),
        nodes=tuple(renamed if n.id == g.TAIZHOU.id else n for n in batch.nodes),
        relations=batch.relations,
    )
    neo4j_store.write([batch])
    node = neo4j_store.snapshot()["nodes"][g.TAIZHOU.id]
    assert node["name"] == "台州" and node["aliases"] == ["台州地区", "台州市"]


def test_neo4j_store_killed_midway_then_rerun_equals_uninterrupted(neo4j_server_settings, neo4j_store: Neo4jStore) -> None:
    articles, batch_rows = 60, 200
    reference_batches = list(synthetic_batches(articles, facts_per_article=20, pool=60))
    neo4j_store.write(reference_batches)
    uninterrupted = neo4j_store.snapshot()
    neo4j_store.clear()

    script = textwrap.dedent(
        f"""
        import time
        from kg.store.neo4j_store import open_neo4j_store
        from kg.store.synthetic import synthetic_batches

        def slow():
            for batch in synthetic_batches({articles}, facts_per_article=20, pool=60):
                time.sleep(0.05)
                yield batch

        with open_neo4j_store(batch_rows={batch_rows}) as store:
            store.write(slow())
        """
    )
    env = {**os.environ, **neo4j_server_settings.env()}
    proc = subprocess.Popen([sys.executable, "-c", script], env=env, cwd=ROOT)
    try:
        deadline = time.monotonic() + 120
        written = 0
        while time.monotonic() < deadline and proc.poll() is None:
            written = neo4j_store.stats().nodes.get("Article", 0)
            if written >= 10:
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the load finished before it could be killed"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)
    partial = neo4j_store.stats()
    assert 10 <= partial.nodes.get("Article", 0) < articles
    summary = neo4j_store.write(synthetic_batches(articles, facts_per_article=20, pool=60))
    assert summary.articles_unchanged == partial.nodes["Article"]
    assert neo4j_store.snapshot() == uninterrupted


def test_neo4j_store_failed_chunk_leaves_no_trace(neo4j_store: Neo4jStore) -> None:
    good = g.article_one()
    ev = Evidence(article_id=g.article_two().article.id, text="x", start=0, end=1, confidence=1.0, extractor="t")
    dangling = Relation(type="PART_OF", start=g.HUANGYAN.id, end="place-0000000000000000", evidence=ev)
    bad = GraphBatch(article=g.article_two().article, nodes=(g.HUANGYAN,), relations=(dangling,))
    with pytest.raises(StoreError, match="neither in its batch nor in the store"):
        neo4j_store.write([good, bad])
    assert neo4j_store.stats().node_count == 0  # one chunk, one transaction: nothing of it stays


@pytest.mark.parametrize(
    ("batch", "message"),
    [
        (GraphBatch(article=g.article_one().article, nodes=(Node(id="x-1", label="Village", name="沈岙村"),)), "unknown label"),
        (
            GraphBatch(
                article=g.article_one().article,
                nodes=(g.SHENAO, g.DAXI),
                relations=(Relation(type="LIES_IN", start=g.SHENAO.id, end=g.DAXI.id, evidence=Evidence(article_id=g.article_one().article.id, text="", start=0, end=0, confidence=1, extractor="t")),),
            ),
            "unknown relationship type",
        ),
        (
            GraphBatch(
                article=g.article_one().article,
                nodes=(g.SHENAO, g.DAXI),
                relations=(Relation(type="PART_OF", start=g.SHENAO.id, end=g.DAXI.id, evidence=Evidence(article_id="article-other", text="", start=0, end=0, confidence=1, extractor="t")),),
            ),
            "a batch may only carry its own article",
        ),
    ],
)
def test_neo4j_store_invalid_batch_is_refused(neo4j_store: Neo4jStore, batch: GraphBatch, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        neo4j_store.write([batch])
    assert neo4j_store.stats().node_count == 0


def test_neo4j_store_map_properties_are_stored_as_json(neo4j_store: Neo4jStore) -> None:
    node = Node(id=g.SHENAO.id, label="Place", name="沈岙村", properties={"level": "village", "census": {"households": 312, "year": 2016}, "mixed": [1, "a"]})
    article = g.article_one().article
    ev = Evidence(article_id=article.id, text="沈岙村", start=0, end=3, confidence=1.0, extractor="t")
    batch = GraphBatch(article=article, nodes=(node,), relations=(Relation(type="MENTIONS", start=article.id, end=node.id, evidence=ev, properties={"spans": [{"start": 0}]}),))
    neo4j_store.write([batch])
    snap = neo4j_store.snapshot()
    assert snap["nodes"][node.id]["census"] == '{"households":312,"year":2016}'
    assert snap["nodes"][node.id]["mixed"] == '[1,"a"]'
    assert snap["relationships"][0][3]["spans"] == '[{"start":0}]'


def test_neo4j_store_routing_uri_works(neo4j_server_settings) -> None:
    s = neo4j_server_settings
    with Neo4jStore(s.routing_uri, s.user, s.password, s.database) as store:
        store.clear()
        store.write([g.article_three()])
        assert store.stats().nodes["Article"] == 1
        store.clear()


def test_neo4j_store_reads_connection_from_env(neo4j_server_settings, monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in neo4j_server_settings.env().items():
        monkeypatch.setenv(key, value)
    with open_neo4j_store() as store:
        assert store.query("graph_stats") is not None
    # an option overrides the environment
    with pytest.raises(Neo4jUnavailable):
        open_neo4j_store(password="not-the-password")


def test_neo4j_store_bad_credentials_give_a_clear_error(neo4j_server_settings) -> None:
    s = neo4j_server_settings
    with pytest.raises(Neo4jUnavailable) as caught:
        Neo4jStore(s.uri, s.user, "wrong-password-123", s.database)
    message = str(caught.value)
    assert "refused the credentials" in message and "NEO4J_PASSWORD" in message
    assert "wrong-password-123" not in message and s.password not in message


def test_neo4j_store_unreachable_server_gives_a_clear_error() -> None:
    from kg.neo4j_server import free_port

    port = free_port()
    with pytest.raises(Neo4jUnavailable, match=f"cannot reach Neo4j at bolt://127.0.0.1:{port}.*kg neo4j start"):
        Neo4jStore(f"bolt://127.0.0.1:{port}", "neo4j", "secret-password", connection_timeout=3)


def test_neo4j_store_missing_database_gives_a_clear_error(neo4j_server_settings) -> None:
    s = neo4j_server_settings
    with Neo4jStore(s.uri, s.user, s.password, "nosuchdb") as store:
        with pytest.raises(Neo4jUnavailable, match="database does not exist"):
            store.query("graph_stats")


def test_neo4j_store_malformed_uri_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="NEO4J_URI"):
        Neo4jStore("http://127.0.0.1:7474", "neo4j", "x")


def test_neo4j_store_debug_logs_never_hold_the_password(neo4j_server_settings, caplog: pytest.LogCaptureFixture) -> None:
    import logging

    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="neo4j")  # whatever an earlier test left on the driver's logger
    s = neo4j_server_settings
    with Neo4jStore(s.uri, s.user, s.password, s.database) as store:
        store.clear()
        store.write([g.article_two()])
        store.query("graph_stats")
        store.clear()
    with pytest.raises(Neo4jUnavailable):
        Neo4jStore(s.uri, s.user, s.password + "-wrong", s.database)
    assert "C: LOGON" in caplog.text  # the driver did log its conversation
    assert s.password not in caplog.text
