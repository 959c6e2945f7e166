"""kg.analysis on the hand-written 台州 graph, on both stores, and the same tables from both."""

from __future__ import annotations

import doctest
from pathlib import Path
from typing import Iterator

import networkx as nx
import pandas as pd
import pytest

import governance_graph as g
from kg import analysis
from kg.errors import ConfigError
from kg.store.base import GraphStore
from kg.store.networkx_store import NetworkxStore
from kg.store.neo4j_store import Neo4jStore
from kg.store.synthetic import synthetic_batches

STORES = ["networkx", pytest.param("neo4j", marks=pytest.mark.neo4j)]
TABLES = [
    analysis.place_regions,
    analysis.initiatives_by_place,
    analysis.initiatives_by_region,
    analysis.diffusion,
    analysis.outcomes,
    analysis.people,
    analysis.centrality,
    analysis.place_communities,
]


def org_article():
    """An organization located in 台州市 implements 三融三创 (for the ``via`` column)."""
    a = g.ArticleBuilder(key="fixture/org.txt", title="市委组织部推广三融三创", published_at="2017-10-01", source="台州日报")
    a.fact("IMPLEMENTS", g.ORG_DEPT, g.SANRONG, "台州市委组织部在全市推行“三融三创”。")
    a.fact("LOCATED_IN", g.ORG_DEPT, g.TAIZHOU, "台州市委组织部在台州市。")
    return a.batch()


@pytest.fixture(params=STORES)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    if request.param == "networkx":
        with NetworkxStore(tmp_path / "store") as nx_store:
            nx_store.write(g.batches())
            yield nx_store
    else:
        neo = request.getfixturevalue("neo4j_store")
        neo.write(g.batches())
        yield neo


@pytest.fixture
def graph(tmp_path: Path) -> nx.MultiDiGraph:
    with NetworkxStore(tmp_path / "store") as nx_store:
        nx_store.write(g.batches())
        return analysis.load_graph(nx_store)


def test_analysis_doctests() -> None:
    result = doctest.testmod(analysis)
    assert result.attempted >= 8
    assert result.failed == 0


def test_analysis_load_graph_reads_entities_and_facts_not_articles(store: GraphStore) -> None:
    graph = analysis.load_graph(store)
    labels = {label for _, label in graph.nodes(data="label")}
    assert "Article" not in labels and "Place" in labels
    assert graph.number_of_nodes() == 31  # 10 places, 4 organizations, 3 people, 5 initiatives, 3 documents, 2 events, 2 outcomes, 2 awards
    assert graph.number_of_edges() == 42  # every relationship but the 40 MENTIONS
    edge = next(a for u, v, a in graph.edges(data=True) if a["type"] == "RECEIVED" and graph.nodes[u]["name"] == "金竹岭脚村")
    assert (edge["evidence"], edge["article"], edge["published_at"], edge["source"]) == ("金竹岭脚村被评为省宜居示范村。", "黄岩第一书记帮扶金竹岭脚村", "2017-08-01", "浙江日报")


def test_analysis_initiatives_by_place_with_regions(store: GraphStore) -> None:
    table = analysis.initiatives_by_place(store)
    pairs = list(zip(table["place"], table["initiative"]))
    assert pairs == [
        ("天台县", "三融三创工作法"), ("温岭市", "三化十二制"), ("黄岩区", "三化十二制"), ("黄岩区", "第一书记"),
        ("大溪镇", "三化十二制"), ("沈岙村", "三化十二制"), ("金竹岭脚村", "第一书记"),
    ]
    daxi = table[table["place"] == "大溪镇"].iloc[0]
    assert daxi["articles"] == 2  # stated by two articles
    assert daxi["first_reported"] == pd.Timestamp("2017-06-25")
    assert (daxi["province"], daxi["city"], daxi["county"], daxi["township"]) == ("浙江省", "台州市", "温岭市", "大溪镇")
    assert len(daxi["evidence"]) == 2


def test_analysis_organizations_implement_for_the_place_they_are_in(tmp_path: Path) -> None:
    with NetworkxStore(tmp_path / "store") as nx_store:
        nx_store.write([*g.batches(), org_article()])
        table = analysis.initiatives_by_place(nx_store)
    row = table[(table["place"] == "台州市") & (table["initiative"] == "三融三创工作法")].iloc[0]
    assert row["via"] == "台州市委组织部"


def test_analysis_initiatives_roll_up_the_part_of_hierarchy(store: GraphStore) -> None:
    graph = analysis.load_graph(store)
    province = analysis.initiatives_by_region(graph, level="province")
    assert list(zip(province["region"], province["initiative"], province["places"])) == [
        ("浙江省", "三化十二制", 4), ("浙江省", "第一书记", 2), ("浙江省", "三融三创工作法", 1),
    ]
    county = analysis.initiatives_by_region(graph, level="county")
    wenling = county[county["region"] == "温岭市"].iloc[0]
    assert wenling["implemented_by"] == ["大溪镇", "沈岙村", "温岭市"]  # the county and the places inside it
    assert set(county["region"]) == {"天台县", "温岭市", "黄岩区"}
    with pytest.raises(ConfigError, match="level must be one of"):
        analysis.initiatives_by_region(graph, level="landmark")


def test_analysis_diffusion_counts_places_levels_and_dates(store: GraphStore) -> None:
    table = analysis.diffusion(store)
    assert list(table["initiative"]) == ["三化十二制", "第一书记", "三融三创工作法"]
    first = table.iloc[0]
    assert first["places"] == 4
    assert first["levels"] == {"county": 2, "township": 1, "village": 1}
    assert first["provinces"] == ["浙江省"]
    assert (first["first_reported"], first["last_reported"]) == (pd.Timestamp("2017-06-25"), pd.Timestamp("2017-08-01"))
    assert first["articles"] == 2
    assert first["implemented_by"] == ["温岭市", "黄岩区", "大溪镇", "沈岙村"]  # widest level first


def test_analysis_outcomes_are_normalised_with_evidence(store: GraphStore) -> None:
    table = analysis.outcomes(store).set_index("outcome")
    funds = table.loc["帮扶资金15.6亿元"]
    assert (funds["quantity"], funds["value_normalised"], funds["unit_normalised"], funds["display"]) == ("money", 1560000000.0, "元", "15.6亿元")
    assert funds["achieved_by"] == "第一书记" and funds["place"] == "金竹岭脚村、黄岩区"  # the places implementing the initiative
    assert funds["evidence"] == "“第一书记”共争取帮扶资金15.6亿元。"
    assert table.loc["241个软弱落后村全部整转完成", "quantity"] == "count"


def test_analysis_people_with_the_place_of_their_position(store: GraphStore) -> None:
    table = analysis.people(store)
    assert list(zip(table["person"], table["title"], table["at"], table["place"])) == [
        ("张新建", "副部长", "台州市委组织部", "台州市"),  # the organization is LOCATED_IN 台州市
        ("潘统吉", "第一书记", "金竹岭脚村", "金竹岭脚村"),
        ("陈森", "村党支部书记", "沈岙村", "沈岙村"),
    ]


def test_analysis_centrality_ranks_places_and_initiatives(store: GraphStore) -> None:
    table = analysis.centrality(store)
    assert set(table["label"]) == {"Place", "Initiative"}
    assert table.iloc[0]["name"] == "台州市"  # every county's link to the province goes through it
    assert table["betweenness"].is_monotonic_decreasing
    sanhua = table[table["name"] == "三化十二制"].iloc[0]
    assert sanhua["degree"] == 4  # four places implement it


def test_analysis_communities_of_places_sharing_initiatives(store: GraphStore) -> None:
    table = analysis.place_communities(store)
    groups = sorted(sorted(members) for members in table.groupby("community")["place"].apply(list))
    assert groups == [["大溪镇", "沈岙村", "温岭市"], ["天台县"], ["金竹岭脚村", "黄岩区"]]
    assert table[table["place"] == "天台县"].iloc[0]["shared"] == []
    projection = analysis.place_projection(store)
    names = {projection.nodes[n]["name"]: n for n in projection}
    assert projection.edges[names["黄岩区"], names["温岭市"]]["initiatives"] == ["三化十二制"]


def test_analysis_network_keeps_evidence_per_pair(graph: nx.MultiDiGraph) -> None:
    net = analysis.network(graph)
    names = {attrs["name"]: n for n, attrs in net.nodes(data=True)}
    edge = net.edges[names["大溪镇"], names["三化十二制"]]
    assert edge["type"] == "IMPLEMENTS" and edge["articles"] == 2
    assert [f["evidence"] for f in edge["facts"]] == ["大溪镇率先试点“三化十二制”。", "大溪镇的“三化十二制”已经成熟。"]
    assert "浙江省" in names  # the regions the places lie in come along
    assert {attrs["label"] for _, attrs in net.nodes(data=True)} == {"Place", "Initiative", "Outcome"}
    assert "陈森" not in names


def test_analysis_summary_counts_headline_paths(graph: nx.MultiDiGraph) -> None:
    counts = analysis.summary(graph)
    assert counts["Place"] == 10 and counts["IMPLEMENTS"] == 8
    # 温岭/大溪/沈岙/黄岩 -> 三化十二制 -> 1 outcome; 黄岩/金竹岭脚村 -> 第一书记 -> 1 outcome (大溪镇 twice: two articles)
    assert counts["place_initiative_outcome_paths"] == 7


def test_analysis_rejects_what_is_not_a_store() -> None:
    with pytest.raises(ConfigError, match="expected a store"):
        analysis.diffusion(42)  # type: ignore[arg-type]


@pytest.mark.neo4j
def test_analysis_same_tables_from_both_stores(tmp_path: Path, neo4j_store: Neo4jStore) -> None:
    with NetworkxStore(tmp_path / "store") as nx_store:
        for target in (nx_store, neo4j_store):
            target.write(synthetic_batches(40, facts_per_article=30, pool=30))
        for table in TABLES:
            left, right = table(nx_store), table(neo4j_store)
            assert len(left) > 0, table.__name__
            pd.testing.assert_frame_equal(left, right, obj=table.__name__)
