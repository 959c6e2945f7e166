"""kg.extract.relations: who did what, read sentence by sentence, with evidence.

The texts are written for these tests (real provinces, cities, counties and
towns; invented villages, people, programmes and figures).
"""

from __future__ import annotations

import pytest

from kg.model import REL_TYPES

# -- PART_OF ----------------------------------------------------------------


def test_relations_part_of_written_chain_is_strong(graph_of) -> None:
    g = graph_of("湖南省娄底市双峰县荷叶镇神冲村修通了产业路。")
    rel = g.rel("PART_OF", "神冲村", "荷叶镇")
    assert rel.evidence.extractor == "gazetteer+text"
    assert rel.evidence.confidence >= 0.9


def test_relations_part_of_from_the_gazetteer_when_written_apart(graph_of) -> None:
    g = graph_of("长兴县今年茶叶丰收。水口乡的茶农忙着采茶。")
    rel = g.rel("PART_OF", "水口乡", "长兴县")
    assert rel.evidence.extractor == "gazetteer"
    assert rel.evidence.text == "水口乡的茶农忙着采茶。"


def test_relations_part_of_skips_unnamed_levels_to_the_nearest_named_ancestor(graph_of) -> None:
    g = graph_of("浙江省的茶农喜获丰收，水口乡的茶园最多。")
    g.rel("PART_OF", "水口乡", "浙江省")


# -- HOLDS_POSITION -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "person", "body", "title"),
    [
        ("山东省临沂市沂南县岸堤镇朱家林村是个山村。村党支部书记孙永健说，全村人心更齐了。", "孙永健", "朱家林村", "村党支部书记"),
        ("湖南省娄底市双峰县荷叶镇神冲村党支部书记曾志远介绍，全村油茶丰收。", "曾志远", "神冲村", "党支部书记"),
        ("安徽省六安市金寨县花石乡大湾村村委会主任何家宝当选为县人大代表。", "何家宝", "大湾村", "村委会主任"),
        ("广东省梅州市蕉岭县新铺镇推行“一村一品”计划，镇党委书记黄海涛说，明年还要再干。", "黄海涛", "新铺镇", "镇党委书记"),
        ("四川省眉山市丹棱县委组织部编印了工作手册。县委组织部副部长罗晓燕说，手册已发到各村。", "罗晓燕", "丹棱县委组织部", "县委组织部副部长"),
    ],
)
def test_relations_holds_position_with_title(graph_of, text: str, person: str, body: str, title: str) -> None:
    g = graph_of(text)
    rel = g.rel("HOLDS_POSITION", person, body)
    assert rel.properties["title"] == title
    assert person in rel.evidence.text


def test_relations_weak_titles_are_no_positions(graph_of) -> None:
    # 党员 is membership, not an office of the village
    g = graph_of("贵州省遵义市湄潭县兴隆镇龙凤村党员田家福说，村里变化很大。")
    assert g.has_node("Person", "田家福")
    assert g.rels("HOLDS_POSITION", "田家福") == []


# -- IMPLEMENTS ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "doer", "programme"),
    [
        ("江苏省常州市溧阳市上黄镇白果岭村推行“三访三促”工作法。", "白果岭村", "三访三促"),
        ("四川省成都市郫都区唐昌镇积极探索“党建+乡村旅游”模式。", "唐昌镇", "党建+乡村旅游"),
        ("湖南省岳阳市平江县三市镇联华村今年实施“三治融合”，村容村貌焕然一新。", "联华村", "三治融合"),
        # the doer named in an earlier sentence of the paragraph carries over
        ("交里乡地处黄土高原。去年开展了“百名干部进百村”活动。", "交里乡", "百名干部进百村"),
    ],
)
def test_relations_implements_by_the_place_doing_it(graph_of, text: str, doer: str, programme: str) -> None:
    g = graph_of(text)
    g.rel("IMPLEMENTS", doer, programme)
    # the most specific place of a written chain does it, not the province
    assert g.rels("IMPLEMENTS", head_label="Place", tail=programme) == g.rels("IMPLEMENTS", doer, programme)


def test_relations_topic_carried_over_is_the_most_specific_place(graph_of) -> None:
    g = graph_of("陕西省延安市宜川县交里乡地处黄土高原。去年开展了“百名干部进百村”活动。")
    g.rel("IMPLEMENTS", "交里乡", "百名干部进百村")


def test_relations_quoted_words_are_not_doers(graph_of) -> None:
    g = graph_of("云南省大理白族自治州宾川县以“强基、富民、善治”为主要内容，开展“三进三帮”行动。")
    assert not g.has_node("Place", "富民县")
    g.rel("IMPLEMENTS", "宾川县", "三进三帮")


# -- ACHIEVED -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "doer", "value", "unit"),
    [
        ("湖南省娄底市双峰县荷叶镇神冲村党支部书记曾志远介绍，今年全村村集体经济收入达到86万元。", "神冲村", 860000, "元"),
        # 该村 / 该镇 / 全市 resolve to the place they name
        ("山东省临沂市沂南县岸堤镇朱家林村是个山村。该村去年村集体收入达到52万元。", "朱家林村", 520000, "元"),
        ("广东省梅州市蕉岭县新铺镇推行“一村一品”计划。该镇今年完成了二十个村的道路硬化。", "新铺镇", 20, "个"),
        ("台州近年来大力推进乡村治理，全市已有1200个村完成整治。", "台州市", 1200, "个"),
        ("浙江省衢州市江山市大陈乡今年接待游客15.6万人次。", "大陈乡", 156000, "人次"),
        # an organisation can be the doer
        ("江苏省常州市溧阳市农商银行向上黄镇发放贷款3000万元。", "溧阳市农商银行", 30000000, "元"),
    ],
)
def test_relations_achieved_by_the_doer(graph_of, text: str, doer: str, value: float, unit: str) -> None:
    g = graph_of(text)
    [rel] = [r for r in g.rels("ACHIEVED", doer) if g.by_id[r.end].properties["value"] == value]
    assert g.by_id[rel.end].properties["unit"] == unit
    assert len(g.rels("ACHIEVED")) == len(g.nodes("Outcome")), "every outcome has one doer"


def test_relations_outcome_without_any_place_has_no_doer(graph_of) -> None:
    g = graph_of("截至目前，流转土地3200余亩，带动村民增收1.2亿元。")
    assert len(g.nodes("Outcome")) == 2
    assert g.rels("ACHIEVED") == []


# -- RECEIVED -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "recipient", "award"),
    [
        ("去年，光山县槐店乡大栗树村被评为省级文明村，今年又荣获全国民主法治示范村称号。", "大栗树村", "省级文明村"),
        ("去年，光山县槐店乡大栗树村被评为省级文明村，今年又荣获全国民主法治示范村称号。", "大栗树村", "全国民主法治示范村称号"),
        ("浙江省衢州市江山市大陈乡被命名为省级文明镇。", "大陈乡", "省级文明镇"),
        ("安徽省六安市金寨县花石乡大湾村先后获评省级美丽乡村示范村、市级文明村等荣誉。", "大湾村", "市级文明村"),
        # the body that gives the honour (被六安市委表彰为) is not its recipient
        ("安徽省六安市金寨县花石乡大湾村去年被六安市委表彰为“先进基层党组织”。", "大湾村", "先进基层党组织"),
    ],
)
def test_relations_received_by_the_place_of_the_honours_level(graph_of, text: str, recipient: str, award: str) -> None:
    g = graph_of(text)
    g.rel("RECEIVED", recipient, award)
    assert len(g.rels("RECEIVED", tail=award)) == 1


# -- documents ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "issuer", "document"),
    [
        ("长兴县委出台《关于加强村级组织建设的若干意见》，明确村干部的职责。", "长兴县委", "关于加强村级组织建设的若干意见"),
        ("湖南省娄底市双峰县委出台“强村二十条”，支持村集体经济发展。", "双峰县委", "强村二十条"),
        ("中组部《组工信息》刊发了蕉岭县的经验。", "中共中央组织部", "组工信息"),
    ],
)
def test_relations_issued(graph_of, text: str, issuer: str, document: str) -> None:
    graph_of(text).rel("ISSUED", issuer, document)


def test_relations_published_in(graph_of) -> None:
    g = graph_of("山东省临沂市沂南县岸堤镇的《护林公约》被《沂蒙乡村报》刊发。")
    g.rel("PUBLISHED_IN", "护林公约", "沂蒙乡村报")


def test_relations_published_in_publication_first(graph_of) -> None:
    g = graph_of("《沂蒙乡村报》刊发了岸堤镇的《护林公约》。")
    g.rel("PUBLISHED_IN", "护林公约", "沂蒙乡村报")
    assert not g.has_rel("PUBLISHED_IN", "岸堤镇", "沂蒙乡村报")


def test_relations_based_on(graph_of) -> None:
    g = graph_of("广东省梅州市蕉岭县新铺镇按照《关于加强村级组织建设的若干意见》，推行“村事村议”制度。")
    g.rel("BASED_ON", "新铺镇", "关于加强村级组织建设的若干意见")
    g.rel("IMPLEMENTS", "新铺镇", "村事村议")


# -- origins and diffusion ------------------------------------------------------


def test_relations_originated_at_and_promoted(graph_of) -> None:
    g = graph_of("“茶乡夜话”发源于水口乡，湖州市委组织部在全市推广“茶乡夜话”工作法。")
    g.rel("ORIGINATED_AT", "茶乡夜话", "水口乡")
    g.rel("PROMOTED", "湖州市委组织部", "茶乡夜话")
    # the place of origin is a source, not a doer
    assert not g.has_rel("IMPLEMENTS", "水口乡", "茶乡夜话")


def test_relations_originated_at_with_programme_first(graph_of) -> None:
    g = graph_of("“三联三帮”工作法发源于长兴农商银行，后来在全县推广。")
    g.rel("ORIGINATED_AT", "三联三帮", "长兴农商银行")
    assert not g.has_rel("PROMOTED", "长兴农商银行", "三联三帮")


def test_relations_originated_at_most_specific_place_of_a_chain(graph_of) -> None:
    g = graph_of("“茶乡夜话”发源于浙江省湖州市长兴县水口乡，湖州市委组织部在全市推广“茶乡夜话”工作法。")
    g.rel("ORIGINATED_AT", "茶乡夜话", "水口乡")


# -- events -------------------------------------------------------------------


def test_relations_event_located_in(graph_of) -> None:
    g = graph_of("3月12日，第三届“山村好声音”大赛在天目山镇举行。")
    g.rel("LOCATED_IN", "第三届山村好声音大赛", "天目山镇")


def test_relations_event_located_in_most_specific_place_of_a_chain(graph_of) -> None:
    g = graph_of("3月12日，第三届“山村好声音”大赛在临安区天目山镇举行。")
    g.rel("LOCATED_IN", "第三届山村好声音大赛", "天目山镇")


def test_relations_person_participated_in_event(graph_of) -> None:
    g = graph_of("6月20日，浙江省湖州市长兴县水口乡党委书记王建平出席第三届“茶乡论坛”并发言。")
    g.rel("PARTICIPATED_IN", "王建平", "第三届茶乡论坛")


def test_relations_every_listed_place_participates(graph_of) -> None:
    g = graph_of("第三届“茶乡论坛”6月20日在长兴县开幕。水口乡、煤山镇参加了论坛。")
    g.rel("PARTICIPATED_IN", "煤山镇", "第三届茶乡论坛")
    g.rel("PARTICIPATED_IN", "水口乡", "第三届茶乡论坛")


def test_relations_participant_after_the_event(graph_of) -> None:
    g = graph_of("去年11月，第二届“乡村振兴擂台赛”在江西省赣州市于都县举行，于都县梓山镇潭头村参加比赛。")
    g.rel("PARTICIPATED_IN", "潭头村", "第二届乡村振兴擂台赛")


def test_relations_compound_surname_name_before_verb(graph_of) -> None:
    g = graph_of("6月20日，浙江省湖州市长兴县水口乡党委书记欧阳明辉出席第三届“茶乡论坛”并发言。")
    g.rel("PARTICIPATED_IN", "欧阳明辉", "第三届茶乡论坛")


def test_relations_organisation_located_in_its_place(graph_of) -> None:
    g = graph_of("江苏省常州市溧阳市农商银行向上黄镇发放贷款3000万元。")
    g.rel("LOCATED_IN", "溧阳市农商银行", "溧阳市")


# -- every relationship ----------------------------------------------------------

ARTICLE = (
    "湖南省娄底市双峰县荷叶镇神冲村推行“三访三促”工作法。\n"
    "村党支部书记曾志远介绍，今年全村村集体经济收入达到86万元，带动村民增收120万元。\n"
    "去年，神冲村被评为省级文明村。双峰县委出台《关于支持村集体经济发展的意见》。\n"
    "3月12日，第三届“油茶丰收节”大赛在荷叶镇举行，神冲村参加比赛。"
)


def test_relations_carry_provenance(graph_of) -> None:
    g = graph_of(ARTICLE)
    rels = [r for r in g.batch.relations if r.type != "MENTIONS"]
    assert {r.type for r in rels} >= {"PART_OF", "IMPLEMENTS", "ACHIEVED", "HOLDS_POSITION", "RECEIVED", "ISSUED"}
    for r in rels:
        assert r.type in REL_TYPES
        ev = r.evidence
        assert ev.article_id == g.article.id
        assert ARTICLE[ev.start : ev.end] == ev.text
        assert 0 < ev.confidence <= 1
        assert ev.extractor
        assert r.start != r.end, "no relationship links a node to itself"
        assert r.start in g.by_id and r.end in g.by_id


def test_relations_are_unique_per_type_ends_and_title(graph_of) -> None:
    g = graph_of(ARTICLE)
    keys = [r.key for r in g.batch.relations]
    assert len(keys) == len(set(keys))
