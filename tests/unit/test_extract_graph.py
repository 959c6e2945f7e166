"""kg.extract.graph: one article's doc to its GraphBatch (identity, aliases, MENTIONS, evidence)."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.clean.script import simplified_view, to_simplified
from kg.extract.entities import plain
from kg.extract.graph import doc_to_graph
from kg.ids import article_id, node_id
from kg.model import LABELS, REL_TYPES, GraphBatch
from kg.resources import load_lexicon

ARTICLE = (
    "台州：“三联三帮”工作法激活乡村治理\n"
    "浙江省台州市黄岩区宁溪镇云栖岙村推行“三联三帮”工作法。台州市委组织部把这一做法在全市推广。\n"
    "该村党支部书记林海峰介绍，今年村集体经济收入达到86万元，带动村民增收120万元。\n"
    "去年，该村被评为省级文明村。黄岩区委出台《关于推广“三联三帮”工作法的意见》。\n"
    "台州近年来大力推进乡村治理，全市已有1200个村完成整治。"
)

TRADITIONAL = (
    "廣東省梅州市蕉嶺縣新鋪鎮推行“一村一品”計劃。該鎮今年完成了二十個村的道路硬化，"
    "鎮黨委書記黃海濤說，村民人均收入增長了12%。"
)


def _signature(batch: GraphBatch) -> tuple:
    nodes = sorted((n.id, n.label, n.name, n.aliases, json.dumps(dict(n.properties), sort_keys=True, ensure_ascii=False)) for n in batch.nodes)
    rels = sorted((r.key, r.evidence.start, r.evidence.end, json.dumps(dict(r.properties), sort_keys=True)) for r in batch.relations)
    return nodes, rels


# -- identity ---------------------------------------------------------------


def test_graph_ids_are_stable_across_runs(extract_batch) -> None:
    first = extract_batch(ARTICLE)
    second = extract_batch(ARTICLE)
    assert first is not second
    assert _signature(first) == _signature(second)


def test_graph_node_ids_do_not_depend_on_the_article(extract_batch) -> None:
    a = extract_batch(ARTICLE, key="one.txt")
    b = extract_batch(ARTICLE, key="two.txt")
    assert a.article.id == article_id("one.txt") != b.article.id == article_id("two.txt")
    assert {n.id for n in a.nodes} == {n.id for n in b.nodes}
    assert {r.evidence.article_id for r in b.relations} == {b.article.id}


@pytest.mark.parametrize(
    ("label", "name", "key"),
    [
        ("Place", "台州市", "浙江省/台州市"),
        ("Place", "云栖岙村", "浙江省/台州市/黄岩区/宁溪镇/云栖岙村"),
        ("Initiative", "三联三帮", "三联三帮"),
        ("Organization", "台州市委组织部", "台州市委组织部"),
        ("Award", "省级文明村", "省级文明村"),
    ],
)
def test_graph_ids_are_content_derived(graph_of, label: str, name: str, key: str) -> None:
    assert graph_of(ARTICLE).node(label, name).id == node_id(label, key)


def test_graph_one_node_per_identity_with_every_surface_form(graph_of) -> None:
    g = graph_of(ARTICLE)
    ids = [n.id for n in g.nodes()]
    assert len(ids) == len(set(ids))
    city = g.node("Place", "台州")
    assert city.name == "台州市"
    assert "台州" in city.aliases
    assert g.node("Initiative", "三联三帮工作法") is g.node("Initiative", "三联三帮")
    for label in LABELS[1:]:
        names = [n.name for n in g.nodes(label) if label not in ("Person", "Outcome")]
        assert len(names) == len(set(names)), f"two {label} nodes with one name: {names}"


def test_graph_aliases_are_the_other_surface_forms(graph_of) -> None:
    g = graph_of(ARTICLE)
    assert [n.name for n in g.nodes() if n.name in n.aliases] == []


def test_graph_names_have_no_marks(graph_of) -> None:
    g = graph_of(ARTICLE)
    for n in g.nodes():
        assert n.name == plain(n.name), n.name
        assert n.name.strip() == n.name
    assert g.has_node("Document", "关于推广三联三帮工作法的意见")


# -- MENTIONS ---------------------------------------------------------------


def test_graph_mentions_one_per_node_with_every_offset(graph_of) -> None:
    g = graph_of(ARTICLE)
    mentions = g.rels("MENTIONS")
    assert sorted(r.end for r in mentions) == sorted(n.id for n in g.nodes())
    relative = set(load_lexicon("v1")["place"]["relative"]) | set(load_lexicon("v1")["place"]["bare_relative"])
    for r in mentions:
        assert r.start == g.article.id
        node = g.by_id[r.end]
        starts, ends = r.properties["starts"], r.properties["ends"]
        assert len(starts) == len(ends) == r.properties["count"] >= 1
        assert starts == sorted(starts)
        for s, e in zip(starts, ends):
            surface = plain(ARTICLE[s:e])
            assert surface in {node.name, *node.aliases} or surface in relative, (node.name, surface)
        # the evidence is the sentence of the first mention
        assert r.evidence.start <= starts[0] < r.evidence.end
        assert ARTICLE[r.evidence.start : r.evidence.end] == r.evidence.text


def test_graph_mentions_of_a_place_include_short_names_and_references(graph_of) -> None:
    g = graph_of(ARTICLE)
    starts = g.mentions_of(g.node("Place", "台州市")).properties["starts"]
    for surface in ("台州", "全市"):
        assert ARTICLE.rindex(surface) in starts, surface
    village = g.mentions_of(g.node("Place", "云栖岙村")).properties["starts"]
    assert ARTICLE.index("该村") in village


# -- evidence over the stored text -------------------------------------------


def test_graph_evidence_quotes_the_stored_text(graph_of) -> None:
    g = graph_of(ARTICLE)
    for r in g.batch.relations:
        ev = r.evidence
        assert 0 <= ev.start < ev.end <= len(ARTICLE)
        assert ARTICLE[ev.start : ev.end] == ev.text
        assert "\n" not in ev.text, "evidence is one sentence"


def test_graph_traditional_article_keeps_its_script_in_evidence(extract_batch) -> None:
    assert len(simplified_view(TRADITIONAL)) == len(TRADITIONAL)
    batch = extract_batch(TRADITIONAL)
    assert batch.article.text == TRADITIONAL
    for r in batch.relations:
        assert TRADITIONAL[r.evidence.start : r.evidence.end] == r.evidence.text
    evidence = {r.evidence.text for r in batch.relations}
    assert "廣東省梅州市蕉嶺縣新鋪鎮推行“一村一品”計劃。" in evidence


def test_graph_traditional_article_names_and_ids_are_simplified(extract_batch) -> None:
    trad = extract_batch(TRADITIONAL)
    simp = extract_batch(to_simplified(TRADITIONAL))
    for n in trad.nodes:
        assert n.name == to_simplified(n.name), n.name
        for alias in n.aliases:
            assert alias == to_simplified(alias), alias
    names = {(n.label, n.name) for n in trad.nodes}
    assert {("Place", "蕉岭县"), ("Place", "新铺镇"), ("Initiative", "一村一品"), ("Person", "黄海涛")} <= names
    # the same content in either script is the same graph
    assert _signature(trad)[0] == _signature(simp)[0]


# -- the batch and its JSON ---------------------------------------------------


def test_graph_batch_is_well_formed(graph_of) -> None:
    g = graph_of(ARTICLE)
    ids = {n.id for n in g.batch.all_nodes()}
    for n in g.nodes():
        assert n.label in LABELS and n.label != "Article"
    for r in g.batch.relations:
        assert r.type in REL_TYPES
        assert r.start in ids and r.end in ids


def test_graph_json_for_the_scorer(graph_of) -> None:
    g = graph_of(ARTICLE)
    data = json.loads(json.dumps(g.batch.to_graph_json(), ensure_ascii=False))
    [article] = [n for n in data["nodes"] if n["label"] == "Article"]
    assert article["id"] == g.article.id
    assert "text" not in article["properties"]
    assert article["properties"]["published_at"] == g.article.published_at
    assert len(data["nodes"]) == len(g.nodes()) + 1
    assert {"type", "start", "end", "properties"} <= set(data["relationships"][0])
    props = data["relationships"][0]["properties"]
    assert {"article_id", "evidence", "start", "end", "confidence", "extractor"} <= set(props)
    with_text = g.batch.to_graph_json(include_text=True)
    [article] = [n for n in with_text["nodes"] if n["label"] == "Article"]
    assert article["properties"]["text"] == ARTICLE


def test_graph_empty_article(extract_batch) -> None:
    batch = extract_batch("")
    assert batch.nodes == () and batch.relations == ()


# -- robustness -----------------------------------------------------------------

_FRAGMENTS = st.one_of(
    st.text(max_size=6),  # any Unicode (surrogates excluded), control characters included
    st.text(alphabet=st.sampled_from(list("省市县区镇乡村街道社区党委支部书记“”《》，。、：；！？\n 0123456789万亿元%亩个名第届年月日全该我")), max_size=8),
    st.sampled_from(["浙江省", "台州市", "黄岩区", "宁溪镇", "全市", "该村", "工作法", "模式", "示范村", "书记", "达到", "第三届", "86万元"]),
)
_TEXTS = st.lists(_FRAGMENTS, max_size=16).map("".join)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXTS)
def test_graph_extraction_never_crashes_on_arbitrary_text(nlp_rules, make_article, text: str) -> None:
    article = make_article(text)
    batch = doc_to_graph(nlp_rules(simplified_view(text)), article)
    ids = [n.id for n in batch.nodes]
    assert len(ids) == len(set(ids))
    known = set(ids) | {article.id}
    for r in batch.relations:
        assert r.start in known and r.end in known
        assert text[r.evidence.start : r.evidence.end] == r.evidence.text


# -- aliases the article declares -------------------------------------------


@pytest.mark.parametrize(
    ("text", "label", "name", "alias"),
    [
        ("“石门坎村”是贵州省毕节市威宁县石门乡新龙村的别称，坐落在乌蒙山深处。近年来，石门坎村大力发展高山冷凉蔬菜。",
         "Place", "新龙村", "石门坎村"),
        ("湖南省怀化市沅陵县官庄镇界亭驿村，又称“茶香村”，全村种茶3000亩。茶香村的茶叶远销省外。",
         "Place", "界亭驿村", "茶香村"),
        ("江西省永丰县绿源果蔬专业合作社（以下简称“绿源合作社”）去年成立。绿源合作社带动农户120户。",
         "Organization", "永丰县绿源果蔬专业合作社", "绿源合作社"),
        ("县委办公室印发《关于推进乡村治理积分制的实施方案》（以下简称《方案》）。《方案》提出全县推行积分制。",
         "Document", "关于推进乡村治理积分制的实施方案", "方案"),
    ],
)
def test_graph_declared_alias_is_the_same_node(extract_batch, text: str, label: str, name: str, alias: str) -> None:
    batch = extract_batch(text)
    nodes = [n for n in batch.nodes if n.label == label and (n.name in (name, alias) or alias in n.aliases)]
    assert len(nodes) == 1, nodes
    assert nodes[0].name == name and alias in nodes[0].aliases
    # the declaration's words never become part of a name
    assert not any(n.name.startswith(("简称", "以下简称", "又称")) for n in batch.nodes)


def test_graph_declared_alias_does_not_join_other_labels_or_undeclared_names(extract_batch) -> None:
    text = "浙江省丽水市松阳县大东坝镇石仓村又称“古民居村”。松阳县另有一个山头村，山头村发展茶叶。"
    batch = extract_batch(text)
    villages = {n.name: n for n in batch.nodes if n.label == "Place" and n.properties.get("level") == "village"}
    assert "古民居村" in villages["石仓村"].aliases
    assert "山头村" in villages and villages["山头村"].id != villages["石仓村"].id


def test_graph_alias_two_nodes_would_share_is_dropped(extract_batch) -> None:
    text = ("浙江省丽水市松阳县大东坝镇石仓村，村党支部书记阙文华介绍，今年全村修路五公里。"
            "在大东坝镇横樟村，村党支部书记叶明远说，全村种茶八百亩。")
    batch = extract_batch(text)
    branches = [n for n in batch.nodes if n.label == "Organization" and n.name.endswith("村党支部")]
    assert {n.name for n in branches} == {"石仓村党支部", "横樟村党支部"}
    assert not any("村党支部" in n.aliases for n in branches)
