"""The Neo4j store's pure parts: settings, storable values, row preparation (no server)."""

from __future__ import annotations

import pytest

from kg.errors import StoreError
from kg.model import Article, Evidence, GraphBatch, Node, Relation
from kg.store import neo4j_store as ns


def _batch(key: str, nodes: tuple[Node, ...], relations: tuple[Relation, ...] = ()) -> GraphBatch:
    from kg.ids import article_id, text_sha256

    return GraphBatch(article=Article(id=article_id(key), key=key, text=key, sha256=text_sha256(key)), nodes=nodes, relations=relations)


def test_neo4j_store_settings_options_beat_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", "neo4j://db.example:7687")
    monkeypatch.setenv("NEO4J_USERNAME", "reader")
    monkeypatch.setenv("NEO4J_PASSWORD", "from-env")
    monkeypatch.delenv("NEO4J_DATABASE", raising=False)
    assert ns.settings_from_env() == {"uri": "neo4j://db.example:7687", "user": "reader", "password": "from-env", "database": "neo4j"}
    assert ns.settings_from_env(uri="bolt://127.0.0.1:1", password="opt", database="kg")["uri"] == "bolt://127.0.0.1:1"
    assert ns.settings_from_env(password="opt")["password"] == "opt"


def test_neo4j_store_settings_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ns.ENV_VARS:
        monkeypatch.delenv(name, raising=False)
    assert ns.settings_from_env() == {"uri": ns.DEFAULT_URI, "user": "neo4j", "password": None, "database": "neo4j"}


@pytest.mark.parametrize(
    ("value", "stored"),
    [
        ("台州", "台州"),
        (3, 3),
        (0.5, 0.5),
        (True, True),
        (("a", "b"), ["a", "b"]),
        ({"b", "a"}, ["a", "b"]),
        ([1, 2.5], [1, 2.5]),
        ([], []),
        ({"k": [1, {"x": "台"}]}, '{"k":[1,{"x":"台"}]}'),
        ([1, "a"], '[1,"a"]'),
        ([None, 1], "[null,1]"),
        (2**70, str(2**70)),
    ],
)
def test_neo4j_store_values_become_storable(value, stored) -> None:
    assert ns._storable(value, "x") == stored


def test_neo4j_store_non_finite_numbers_are_refused() -> None:
    with pytest.raises(StoreError, match="finite"):
        ns._storable(float("nan"), "x")


def test_neo4j_store_safe_uri_drops_credentials() -> None:
    assert ns.safe_uri("neo4j://neo4j:hunter22@host:7687/") == "neo4j://host:7687/"


def test_neo4j_store_node_rows_merge_repeated_nodes_like_sequential_upserts() -> None:
    first = Node(id="place-1", label="Place", name="台州市", aliases=("台州",), properties={"level": "city", "note": "a"})
    second = Node(id="place-1", label="Place", name="台州", aliases=("台州地区",), properties={"note": "b", "empty": ""})
    rows = ns._node_rows([_batch("a", (first,)), _batch("b", (second,))])
    assert rows == {"Place": [{"id": "place-1", "name": "台州", "aliases": ["台州地区", "台州市"], "props": {"level": "city", "note": "b"}}]}


def test_neo4j_store_relationship_rows_are_one_per_key() -> None:
    batch = _batch("a", ())
    ev = Evidence(article_id=batch.article.id, text="s", start=0, end=1, confidence=0.5, extractor="t")
    rels = (
        Relation(type="HOLDS_POSITION", start="person-1", end="place-1", evidence=ev, properties={"title": "书记"}),
        Relation(type="HOLDS_POSITION", start="person-1", end="place-1", evidence=ev, properties={"title": "主任"}),
        Relation(type="HOLDS_POSITION", start="person-1", end="place-1", evidence=ev, properties={"title": "书记", "since": "2016"}),
    )
    batch = GraphBatch(article=batch.article, relations=rels)
    rows = ns._relationship_rows([batch], {"person-1": "e1", "place-1": "e2"})
    assert [r["props"]["title"] for r in rows["HOLDS_POSITION"]] == ["书记", "主任"]
    assert rows["HOLDS_POSITION"][0]["props"]["since"] == "2016"


def _mentioned(key: str, nodes: tuple[Node, ...]) -> GraphBatch:
    batch = _batch(key, nodes)
    ev = Evidence(article_id=batch.article.id, text=key, start=0, end=1, confidence=1.0, extractor="t")
    mentions = tuple(Relation(type="MENTIONS", start=batch.article.id, end=n.id, evidence=ev) for n in nodes)
    return GraphBatch(article=batch.article, nodes=nodes, relations=mentions)


def _plan(batches: list[GraphBatch], *, stored: dict[str, str | None] | None = None, batch_rows: int = 100) -> list[list[str]]:
    return [[b.article.key for b in c.batches] for c in ns.plan_chunks(batches, stored=stored or {}, seen=set(), batch_rows=batch_rows)]


def test_neo4j_store_chunks_by_rows() -> None:
    nodes = (Node(id="place-1", label="Place", name="甲"),)
    batches = [_mentioned(k, nodes) for k in "abc"] + [_mentioned("d", nodes * 3)]  # 3, 3, 3 and 7 rows
    assert _plan(batches, batch_rows=100) == [["a", "b", "c", "d"]]
    assert _plan(batches, batch_rows=6) == [["a", "b"], ["c"], ["d"]]  # a batch bigger than that is a chunk of its own


def test_neo4j_store_chunks_isolate_replaced_articles() -> None:
    nodes = (Node(id="place-1", label="Place", name="甲"),)
    a, b, c = (_mentioned(k, nodes) for k in "abc")
    # b is stored with other text: it is written alone, so the orphans it leaves are swept before c
    assert _plan([a, b, c], stored={b.article.id: "old"}) == [["a"], ["b"], ["c"]]
    # stored with the same text: skipped in the transaction, no need to isolate it
    assert _plan([a, b, c], stored={b.article.id: b.article.sha256}) == [["a", "b", "c"]]
    # a second version of an article met earlier in the same write
    assert _plan([a, b, a, c]) == [["a", "b"], ["a"], ["c"]]


def test_neo4j_store_chunks_end_after_a_batch_with_unmentioned_nodes() -> None:
    nodes = (Node(id="place-1", label="Place", name="甲"),)
    a, c = _mentioned("a", nodes), _mentioned("c", nodes)
    b = _batch("b", nodes)  # carries place-1 without MENTIONS: it is swept unless a later article mentions it
    assert _plan([a, b, c]) == [["a", "b"], ["c"]]
