"""Every read template of cypher/ on the real server, loaded with the hand-written 台州 graph.

Each case names the rows the template must return, in order.  The same
cases run on the embedded store in test_store_contract.py.
"""

from __future__ import annotations

from typing import Any, Iterator

import pytest

import governance_graph as g
from kg.model import Article, Node
from kg.query import list_templates
from kg.store.neo4j_store import Neo4jStore

pytestmark = pytest.mark.neo4j

A1, A2, A3 = (b.article for b in g.batches())


def _props(node: Node) -> dict[str, Any]:
    """A node's properties as Neo4j holds them."""
    return {"id": node.id, "name": node.name, "aliases": list(node.aliases), **node.properties}


def _received(article: Article, winner: Node, award: Node, sentence: str) -> dict[str, Any]:
    start = article.text.index(sentence)
    return {
        "type": "RECEIVED", "start": winner.id, "end": award.id,
        "properties": {"article_id": article.id, "evidence": sentence, "start": start, "end": start + len(sentence), "confidence": 0.9, "extractor": g.EXTRACTOR},
        "article": article.title, "published_at": article.published_at, "source": article.source,
    }


#: template name -> (parameters, the rows it must return)
CASES: dict[str, tuple[dict[str, Any], list[dict[str, Any]]]] = {
    "initiatives_in_place": (
        {"place": "温岭"},  # an alias; 大溪镇 and 沈岙村 lie inside 温岭市
        [
            {"place": "大溪镇", "level": "township", "initiative": "三化十二制", "kind": "mechanism", "articles": 2},
            {"place": "沈岙村", "level": "village", "initiative": "三化十二制", "kind": "mechanism", "articles": 1},
            {"place": "温岭市", "level": "county", "initiative": "三化十二制", "kind": "mechanism", "articles": 1},
        ],
    ),
    "outcome_paths_in_region": (
        {"region": "黄岩区"},
        [
            {"place": "金竹岭脚村", "initiative": "第一书记", "outcome": "帮扶资金15.6亿元", "metric": "帮扶资金", "value": 1560000000, "unit": "元"},
            {"place": "黄岩区", "initiative": "三化十二制", "outcome": "241个软弱落后村全部整转完成", "metric": "整转村数", "value": 241, "unit": "个"},
            {"place": "黄岩区", "initiative": "第一书记", "outcome": "帮扶资金15.6亿元", "metric": "帮扶资金", "value": 1560000000, "unit": "元"},
        ],
    ),
    "initiative_outcomes": (
        {"initiative": "第一书记"},
        [
            {
                "outcome": "帮扶资金15.6亿元", "value": 1560000000, "unit": "元",
                "evidence": "“第一书记”共争取帮扶资金15.6亿元。",
                "article": "黄岩第一书记帮扶金竹岭脚村", "published_at": "2017-08-01", "source": "浙江日报",
            },
        ],
    ),
    "initiative_diffusion": (
        {"initiative": "三化十二制"},
        [
            {"place": "温岭市", "level": "county", "region": "台州市", "first_reported": "2017-06-25", "articles": 1},
            {"place": "黄岩区", "level": "county", "region": "台州市", "first_reported": "2017-08-01", "articles": 1},
            {"place": "大溪镇", "level": "township", "region": "温岭市", "first_reported": "2017-06-25", "articles": 2},
            {"place": "沈岙村", "level": "village", "region": "大溪镇", "first_reported": "2017-06-25", "articles": 1},
        ],
    ),
    "initiatives_ranked": (
        {"limit": 2},
        [
            {"initiative": "三化十二制", "kind": "mechanism", "places": 4, "articles": 2},
            {"initiative": "第一书记", "kind": "system", "places": 2, "articles": 1},
        ],
    ),
    "people_in_place": (
        {"place": "台州市"},
        [
            {"person": "张新建", "title": "副部长", "at": "台州市委组织部", "articles": 1},  # via LOCATED_IN
            {"person": "潘统吉", "title": "第一书记", "at": "金竹岭脚村", "articles": 1},
            {"person": "陈森", "title": "村党支部书记", "at": "沈岙村", "articles": 1},
        ],
    ),
    "awards_in_region": (
        {"region": "台州"},
        [
            {"award": "全国30个最佳案例之一", "level": "national", "winner": "浙江泰隆商业银行", "winner_label": "Organization", "articles": 1},
            {"award": "省宜居示范村", "level": "provincial", "winner": "金竹岭脚村", "winner_label": "Place", "articles": 1},
        ],
    ),
    "documents_based_on": (
        {"entity": "三化十二制"},
        [{"entity": "三化十二制", "document": "关于进一步提升基层党建工作三十条意见", "kind": "policy", "issuers": ["台州市委组织部"], "articles": 1}],
    ),
    "events_timeline": (
        {"region": "台州市"},
        [
            {"date": "2017-06-20", "event": "第五届全国村干部大讲堂", "located_in": ["台州市"], "participants": ["沈岙村", "浙江泰隆商业银行"]},
            {"date": "2017-07-01", "event": "主题党日活动", "located_in": ["大陈岛"], "participants": ["台州市委组织部"]},
        ],
    ),
    "relationship_evidence": (
        {"source": "大溪镇", "target": "三化十二制"},
        [
            {
                "type": "IMPLEMENTS", "start": "大溪镇", "end": "三化十二制", "evidence": "大溪镇率先试点“三化十二制”。",
                "article": A1.title, "published_at": "2017-06-25", "outlet": "台州日报", "confidence": 0.9, "extractor": g.EXTRACTOR,
            },
            {
                "type": "IMPLEMENTS", "start": "大溪镇", "end": "三化十二制", "evidence": "大溪镇的“三化十二制”已经成熟。",
                "article": A2.title, "published_at": "2017-08-01", "outlet": "浙江日报", "confidence": 0.9, "extractor": g.EXTRACTOR,
            },
        ],
    ),
    "articles_mentioning": (
        {"entity": "市委组织部"},
        [
            {"article_id": A3.id, "title": A3.title, "published_at": "2017-09-10", "source": "组工信息", "url": None, "mentions": 2},
            {"article_id": A2.id, "title": A2.title, "published_at": "2017-08-01", "source": "浙江日报", "url": None, "mentions": 2},
        ],
    ),
    "shortest_connection": (
        {"source": "陈森", "target": "金竹岭脚村"},
        [
            {
                "hops": 4,
                "names": ["陈森", "沈岙村", "三化十二制", "黄岩区", "金竹岭脚村"],
                "labels": ["Person", "Place", "Initiative", "Place", "Place"],
                "types": ["HOLDS_POSITION", "IMPLEMENTS", "IMPLEMENTS", "PART_OF"],
            }
        ],
    ),
    "graph_stats": (
        {},
        [
            {"kind": "node", "name": label, "count": count}
            for label, count in (("Article", 3), ("Place", 10), ("Organization", 4), ("Person", 3), ("Initiative", 5), ("Document", 3), ("Event", 2), ("Outcome", 2), ("Award", 2))
        ]
        + [
            {"kind": "relationship", "name": rel_type, "count": count}
            for rel_type, count in (
                ("PART_OF", 11), ("IMPLEMENTS", 8), ("ACHIEVED", 2), ("RECEIVED", 3), ("HOLDS_POSITION", 3), ("PARTICIPATED_IN", 3), ("ISSUED", 1),
                ("BASED_ON", 2), ("PUBLISHED_IN", 1), ("ORIGINATED_AT", 1), ("PROMOTED", 1), ("LOCATED_IN", 6), ("MENTIONS", 40),
            )
        ],
    ),
    "place_hierarchy": (
        {"place": "温岭市"},
        [
            {"place": "大溪镇", "level": "township", "parent": "温岭市", "depth": 1},
            {"place": "沈岙村", "level": "village", "parent": "大溪镇", "depth": 2},
        ],
    ),
    "initiative_origins": (
        {"initiative": "三融三创"},
        [
            {"relation": "originated_at", "name": "浙江泰隆商业银行", "label": "Organization", "articles": 1},
            {"relation": "promoted_by", "name": "省委两新工委", "label": "Organization", "articles": 1},
        ],
    ),
    # -- whole-graph reads of kg.analysis and the drawable network ------------------
    "subgraph_nodes": (
        {"labels": ["Award"]},
        [{"id": n.id, "label": "Award", "name": n.name, "properties": _props(n)} for n in sorted((g.BEST_CASE, g.LIVABLE), key=lambda n: n.id)],
    ),
    "subgraph_relationships": (
        {"types": ["RECEIVED"]},
        [
            _received(A3, g.SANRONG, g.BEST_CASE, "“三融三创”入选全国30个最佳案例之一。"),
            _received(A3, g.TAILONG, g.BEST_CASE, "浙江泰隆商业银行因此获评全国30个最佳案例之一。"),
            _received(A2, g.JINZHU, g.LIVABLE, "金竹岭脚村被评为省宜居示范村。"),
        ],
    ),
    "outcome_network": (
        {"region": "黄岩区"},  # places as property maps, relationships as (start, type, end): Record.data()
        [
            {"place": _props(place), "did": (_props(place), "IMPLEMENTS", _props(initiative)), "target": _props(initiative),
             "achieved": (_props(initiative), "ACHIEVED", _props(outcome)), "outcome": _props(outcome)}
            for place, initiative, outcome in (
                (g.JINZHU, g.FIRST_SECRETARY, g.FUNDS),  # 金 sorts before 黄
                (g.HUANGYAN, g.SANHUA, g.ZHENGZHUAN),
                (g.HUANGYAN, g.FIRST_SECRETARY, g.FUNDS),
            )
        ],
    ),
}

#: search_entities ranks by Lucene's score: the hits and their order are asserted, not the scores.
SEARCH_CASES = [
    ("台州", ["台州市", "台州市委组织部"]),  # CJK bigrams: 台州 is found inside 台州市
    ("三融三创", ["三融三创工作法"]),  # an alias
    ('泰隆"银行', ["浙江泰隆商业银行"]),  # Lucene syntax in the text is escaped
]


@pytest.fixture(scope="module")
def loaded_store(neo4j_server_settings) -> Iterator[Neo4jStore]:
    s = neo4j_server_settings
    with Neo4jStore(s.uri, s.user, s.password, s.database) as store:
        store.clear()
        store.write(g.batches())
        yield store
        store.clear()


def test_cypher_templates_every_read_template_has_a_case() -> None:
    names = {t.name for t in list_templates()}
    assert names == set(CASES) | {"search_entities"}
    assert len(names) >= 14


@pytest.mark.parametrize("name", sorted(CASES))
def test_cypher_templates_return_their_rows(loaded_store: Neo4jStore, name: str) -> None:
    params, expected = CASES[name]
    assert loaded_store.query(name, params) == expected


@pytest.mark.parametrize(("text", "names"), SEARCH_CASES)
def test_cypher_templates_search_entities_finds_by_name_or_alias(loaded_store: Neo4jStore, text: str, names: list[str]) -> None:
    rows = loaded_store.query("search_entities", {"text": text})
    assert [r["name"] for r in rows] == names
    assert all(r["score"] > 0 for r in rows)
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)


def test_cypher_templates_relationship_evidence_filters_by_type(loaded_store: Neo4jStore) -> None:
    assert loaded_store.query("relationship_evidence", {"source": "台州市", "target": "温岭市", "type": "IMPLEMENTS"}) == []
    rows = loaded_store.query("relationship_evidence", {"source": "台州市", "target": "温岭市", "type": "PART_OF"})
    assert [(r["start"], r["end"], r["outlet"]) for r in rows] == [("温岭市", "台州市", "台州日报")]


def test_cypher_templates_unknown_place_returns_no_rows(loaded_store: Neo4jStore) -> None:
    assert loaded_store.query("initiatives_in_place", {"place": "杭州市"}) == []
