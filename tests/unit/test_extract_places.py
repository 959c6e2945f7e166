"""Place mentions (kg.extract.places) and their resolution (kg.resolve.places) into Place nodes."""

from __future__ import annotations

import pytest

from kg.clean.script import simplified_view
from kg.extract.graph import make_view
from kg.extract.places import find_places, head_of, idiom_spans
from kg.resolve.places import resolve_places


@pytest.fixture(scope="module")
def places_of(nlp_rules, make_article):
    """``places_of(text) -> (found, resolved)``: place mentions before and after resolution."""

    def run(text: str):
        article = make_article(text)
        view = make_view(nlp_rules(simplified_view(text)), article)
        found = find_places(view)
        described = [(m.text, m.ref) for m in found]
        resolved = resolve_places(found, view)
        return described, resolved

    return run


# -- admin chains -----------------------------------------------------------

CHAINS = [
    ("湖南省娄底市双峰县荷叶镇神冲村党支部书记曾志远介绍，全村油茶种植面积扩大了。",
     ["湖南省", "娄底市", "双峰县", "荷叶镇", "神冲村"]),
    ("安徽省六安市金寨县花石乡大湾村的茶园里，村民正在采茶。",
     ["安徽省", "六安市", "金寨县", "花石乡", "大湾村"]),
    ("贵州省遵义市湄潭县兴隆镇龙凤村的老党员每天到村里值班。",
     ["贵州省", "遵义市", "湄潭县", "兴隆镇", "龙凤村"]),
    ("河南省信阳市光山县槐店乡大栗树村修通了产业路。",
     ["河南省", "信阳市", "光山县", "槐店乡", "大栗树村"]),
]
LEVELS = ["province", "city", "county", "township", "village"]


@pytest.mark.parametrize(("text", "chain"), CHAINS, ids=[c[1][-1] for c in CHAINS])
def test_places_admin_chain_gives_levels_paths_and_part_of(graph_of, text: str, chain: list[str]) -> None:
    g = graph_of(text)
    for i, name in enumerate(chain):
        node = g.node("Place", name)
        assert node.properties["level"] == LEVELS[i]
        assert node.properties["admin_path"] == "/".join(chain[: i + 1])
    for child, parent in zip(chain[1:], chain):
        g.rel("PART_OF", child, parent)
    # only the direct parent: no PART_OF skips a level
    assert not g.has_rel("PART_OF", chain[-1], chain[0])


def test_places_same_village_name_in_two_counties_stays_two_nodes(graph_of) -> None:
    g = graph_of("双峰县荷叶镇神冲村与涟源市荷塘镇神冲村结成帮扶对子，两村共同发展油茶产业。")
    villages = g.find("Place", "神冲村")
    assert len(villages) == 2
    assert {v.properties["admin_path"] for v in villages} == {
        "湖南省/娄底市/双峰县/荷叶镇/神冲村",
        "湖南省/娄底市/涟源市/荷塘镇/神冲村",
    }
    assert villages[0].id != villages[1].id
    by_path = {v.properties["admin_path"]: v for v in villages}
    town_ids = {n.name: n.id for n in g.nodes("Place")}
    part_of = {(r.start, r.end) for r in g.rels("PART_OF")}
    assert (by_path["湖南省/娄底市/双峰县/荷叶镇/神冲村"].id, town_ids["荷叶镇"]) in part_of
    assert (by_path["湖南省/娄底市/涟源市/荷塘镇/神冲村"].id, town_ids["荷塘镇"]) in part_of
    assert (by_path["湖南省/娄底市/双峰县/荷叶镇/神冲村"].id, town_ids["荷塘镇"]) not in part_of


def test_places_short_and_full_name_are_one_node(graph_of) -> None:
    text = "台州市委组织部近日召开座谈会。台州近年来大力推进乡村治理，全市已有1200个村完成整治。"
    g = graph_of(text)
    [city] = g.find("Place", "台州")
    assert city is g.node("Place", "台州市")
    assert city.name == "台州市"
    assert "台州" in city.aliases
    assert city.properties == {"level": "city", "admin_path": "浙江省/台州市"}


def test_places_bare_short_name_needs_its_region(graph_of) -> None:
    alone = graph_of("黄岩的橘子很有名。")
    assert alone.nodes("Place") == []
    with_region = graph_of("浙江省台州市黄岩区宁溪镇的村民说，黄岩是个好地方。")
    county = with_region.node("Place", "黄岩区")
    assert "黄岩" in county.aliases
    assert len(with_region.find("Place", "黄岩")) == 1


def test_places_unplaced_village_is_not_guessed(graph_of) -> None:
    g = graph_of("神冲村的村民种植油茶。")
    node = g.node("Place", "神冲村")
    assert node.properties["level"] == "village"
    assert "admin_path" not in node.properties  # dozens of candidates, nothing in the text decides
    assert g.rels("PART_OF") == []


def test_places_unknown_village_written_under_a_known_town(graph_of) -> None:
    g = graph_of("江苏省常州市溧阳市上黄镇白果岭村推行“三访三促”工作法。")
    village = g.node("Place", "白果岭村")
    assert village.properties["level"] == "village"
    assert village.properties["admin_path"] == "江苏省/常州市/溧阳市/上黄镇/白果岭村"
    g.rel("PART_OF", "白果岭村", "上黄镇")


@pytest.mark.parametrize(
    ("text", "village", "short_upper"),
    [
        # 赤峰 (a city's short name) and 乌兰 (a county's) only begin the names of villages
        # no gazetteer has
        ("内蒙古自治区鄂尔多斯市杭锦旗锡尼镇赤峰塔拉嘎查牧民转场。", "赤峰塔拉嘎查", "赤峰市"),
        ("内蒙古自治区鄂尔多斯市杭锦旗锡尼镇乌兰哈日嘎查牧民转场。", "乌兰哈日嘎查", "乌兰县"),
    ],
)
def test_places_short_upper_name_beginning_a_new_village_name(graph_of, text: str, village: str, short_upper: str) -> None:
    g = graph_of(text)
    assert g.node("Place", village).properties["level"] == "village"
    g.rel("PART_OF", village, "锡尼镇")
    assert not g.has_node("Place", short_upper)


@pytest.mark.parametrize(
    "text",
    [
        # 云栖岙村 is in no gazetteer
        pytest.param("浙江省台州市黄岩区宁溪镇云栖岙村推行“三联三帮”工作法。去年，云栖岙村被评为省级文明村。",
                     id="unknown-village"),
        # 朱家林村 is filed under another county of the province
        pytest.param("山东省临沂市沂南县岸堤镇朱家林村是个山村。去年，朱家林村被评为省级文明村。", id="gazetteer-elsewhere"),
    ],
)
def test_places_village_named_again_by_its_bare_name_is_one_node(graph_of, text: str) -> None:
    g = graph_of(text)
    village = text[text.index("镇") + 1 : text.index("村") + 1]
    assert len(g.find("Place", village)) == 1


# -- relative references ----------------------------------------------------

def _mention_starts(g, label: str, name: str) -> list[int]:
    return g.mentions_of(g.node(label, name)).properties["starts"]


@pytest.mark.parametrize(
    ("text", "ref", "target"),
    [
        # 该村: the village just named, not an earlier one
        ("四川省成都市郫都区唐昌镇先锋村和红光镇白云村结对。该村去年成立了合作社。", "该村", "白云村"),
        ("山东省临沂市沂南县岸堤镇朱家林村是个山村。该村去年村集体收入达到52万元。", "该村", "朱家林村"),
        # 该区 / 全县: the last county named
        ("浙江省台州市黄岩区北城街道推行“乡贤帮村”活动，该区已有30个村参与。", "该区", "黄岩区"),
        ("江苏省常州市溧阳市上黄镇、社渚镇都在推进治理，全县行政村都有了网格员。", "全县", "溧阳市"),
        # 全市 / 我省: the article's city and province
        ("台州近年来大力推进乡村治理，全市已有1200个村完成整治。", "全市", "台州市"),
        ("四川省成都市郫都区唐昌镇积极探索“党建+乡村旅游”模式，我省多地前来学习。", "我省", "四川省"),
        ("湖州市长兴县的经验在全市推广。", "全市", "湖州市"),
    ],
)
def test_places_relative_reference_resolves_to_the_place_it_names(graph_of, text: str, ref: str, target: str) -> None:
    g = graph_of(text)
    assert text.index(ref) in _mention_starts(g, "Place", target)
    assert not g.has_node("Place", ref), "a reference is never a node of its own"


@pytest.mark.parametrize(
    ("text", "ref", "target"),
    [
        # a bare level word opening a clause as the doer is the place of that level last named
        ("江苏省南通市崇川区文峰街道青枫社区是个老小区。三年来，社区完成老旧小区改造。", "社区", "青枫社区"),
        ("湖南省邵阳市隆回县虎形山乡花瑶村地处山区。村还建立了红白理事会。", "村", "花瑶村"),
        ("江苏省南通市崇川区文峰街道青枫社区是个老小区。街道每年安排200万元用于微更新。", "街道", "文峰街道"),
        ("江苏省南通市崇川区文峰街道青枫社区是个老小区。全社区有居民1800户。", "全社区", "青枫社区"),
    ],
)
def test_places_bare_level_word_as_doer_refers_to_the_last_place_of_its_level(
    graph_of, text: str, ref: str, target: str
) -> None:
    g = graph_of(text)
    assert text.rindex(ref) in _mention_starts(g, "Place", target)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("江苏省南通市崇川区文峰街道青枫社区是个老小区。社区党委牵头成立了议事会。", "社区"),
        ("湖南省邵阳市隆回县虎形山乡花瑶村地处山区。乡村还建起了民宿。", "村"),
        ("湖南省邵阳市隆回县虎形山乡花瑶村地处山区。村民还建起了民宿。", "村"),
    ],
)
def test_places_bare_level_word_inside_another_word_is_no_reference(graph_of, text: str, word: str) -> None:
    g = graph_of(text)
    starts = [s for node in g.nodes("Place") for s in _mention_starts(g, "Place", node.name)]
    assert text.rindex(word) not in starts


def test_places_relative_reference_to_an_implied_province(graph_of) -> None:
    # no province is written: 我省 is the province of the places that are
    text = "长兴县水口乡的茶农喜获丰收，我省茶叶产量再创新高。"
    g = graph_of(text)
    province = g.node("Place", "浙江省")
    assert province.properties["level"] == "province"
    assert text.index("我省") in g.mentions_of(province).properties["starts"]


def test_places_relative_reference_without_antecedent_is_dropped(graph_of) -> None:
    g = graph_of("全市上下都在行动，该村也不例外。")
    assert g.nodes("Place") == []


# -- what is not a place ----------------------------------------------------

@pytest.mark.parametrize(
    ("text", "not_places"),
    [
        ("这里是鱼米之乡，温岭市的村民在村里开会。", ["鱼米之乡", "村里", "岭市", "米之乡"]),
        ("台州市黄岩区北城街道推行“乡贤帮村”活动，全区已有30个示范村。", ["乡贤帮村", "示范村", "帮村"]),
        ("全县所有行政村都建起了文化礼堂。", ["行政村"]),
        ("广东全面实施驻镇帮镇扶村工作，各地开展强镇兴村行动。", ["帮镇扶村", "强镇兴村", "镇帮镇", "镇兴村"]),
        # 乡贤 is the word: a name cannot start inside it (乡|贤回村)
        ("理事会成立当年，就有60多位在外乡贤回村认领老屋修缮清单。", ["贤回村"]),
        # the 村 begins the next word (村村有, 村集体): 实现村 and 带动村 are not meant
        ("黑龙江省桦川县各村都建了合作社，实现村村有产业，带动村集体增收。", ["实现村", "带动村"]),
    ],
)
def test_places_words_that_are_not_places(graph_of, text: str, not_places: list[str]) -> None:
    g = graph_of(text)
    names = {n.name for n in g.nodes("Place")} | {a for n in g.nodes("Place") for a in n.aliases}
    assert not names & set(not_places), names


def test_places_county_level_city_is_not_read_as_a_village(places_of) -> None:
    found, resolved = places_of("温岭市的村民在开会。")
    assert found == [("温岭市", False)]
    assert [(m.name, m.props["level"]) for m in resolved] == [("温岭市", "county")]


def test_places_landmark(graph_of) -> None:
    g = graph_of("村民们在鹭鸣湾湿地植树。")
    assert g.node("Place", "鹭鸣湾湿地").properties == {"level": "landmark"}


def test_places_landmark_written_under_its_town(graph_of) -> None:
    g = graph_of("长兴县水口乡白鹭岛上的渔民正在晒网。")
    island = g.node("Place", "白鹭岛")
    assert island.properties == {"level": "landmark", "admin_path": "浙江省/湖州市/长兴县/水口乡/白鹭岛"}
    g.rel("PART_OF", "白鹭岛", "水口乡")


def test_places_one_character_landmark_ending_alone_is_not_enough(graph_of) -> None:
    # 岛/江/山 end many words and names (刘振江): an unknown name with such an ending needs its town
    assert graph_of("游客们登上白鹭岛，欣赏海上日出。").nodes("Place") == []


def test_places_traditional_script_names_are_simplified(graph_of) -> None:
    g = graph_of("臺州市黃巖區寧溪鎮的村民正在採茶。")
    assert g.names("Place") == sorted(["台州市", "黄岩区", "宁溪镇"])
    assert g.node("Place", "宁溪镇").properties["admin_path"] == "浙江省/台州市/黄岩区/宁溪镇"


def test_places_resolved_mentions_keep_their_offsets(places_of) -> None:
    text = "双峰县荷叶镇神冲村与涟源市荷塘镇神冲村结成帮扶对子。"
    _, resolved = places_of(text)
    for m in resolved:
        assert text[m.start : m.end] == m.text
    assert [m.start for m in resolved] == sorted(m.start for m in resolved)


@pytest.mark.parametrize(("name", "head"), [("大溪镇", "大溪"), ("路北街道", "路北"), ("白鹭岛", "白鹭"), ("村", "村")])
def test_places_head_of(name: str, head: str) -> None:
    assert head_of(name) == head


def test_places_idiom_spans() -> None:
    text = "江南鱼米之乡"
    assert idiom_spans(text) == [(2, 6)]


def test_places_part_of_only_the_nearest_written_parent(graph_of) -> None:
    # the title writes the county before the village, the body the township: the village
    # is part of the township, and the township of the county
    g = graph_of("草原上的新变化——杭锦旗赤峰塔拉嘎查见闻\n在内蒙古自治区鄂尔多斯市杭锦旗锡尼镇赤峰塔拉嘎查，牧民们赶着羊群转场。")
    g.rel("PART_OF", "赤峰塔拉嘎查", "锡尼镇")
    g.rel("PART_OF", "锡尼镇", "杭锦旗")
    assert [r for r in g.rels("PART_OF") if g.by_id[r.start].name == "赤峰塔拉嘎查"] == [g.rel("PART_OF", "赤峰塔拉嘎查", "锡尼镇")]


@pytest.mark.parametrize("village", ["宝音朝鲁嘎查", "额尔敦朝鲁嘎查"])
def test_places_new_village_named_again_where_pkuseg_cuts_it_apart(graph_of, village: str) -> None:
    # the second time pkuseg cuts the name (宝音|朝|鲁嘎|查); it is still the village, and no person
    text = f"在内蒙古自治区鄂尔多斯市杭锦旗锡尼镇{village}，牧民转场。羊在评比中拿下一等奖。{village}先后获得“全国文明村镇”称号。"
    g = graph_of(text)
    assert _mention_starts(g, "Place", village) == [text.index(village), text.rindex(village)]
    assert g.nodes("Person") == []


def test_places_two_character_village_under_the_town_written_before_it(graph_of) -> None:
    text = "浙江省湖州市安吉县天荒坪镇余村先后获得“全国文明村”称号。近年来，余村村集体经济收入达到1200万元。"
    g = graph_of(text)
    village = g.node("Place", "余村")
    assert village.properties["admin_path"] == "浙江省/湖州市/安吉县/天荒坪镇/余村"
    g.rel("PART_OF", "余村", "天荒坪镇")
    assert _mention_starts(g, "Place", "余村") == [text.index("余村"), text.rindex("余村")]


@pytest.mark.parametrize("text", ["浙江省湖州市安吉县天荒坪镇全村开展大扫除。", "浙江省湖州市安吉县天荒坪镇干部进村入户。"])
def test_places_two_characters_after_a_town_name_no_village_it_does_not_hold(graph_of, text: str) -> None:
    g = graph_of(text)
    assert {n.properties["level"] for n in g.nodes("Place")} <= {"province", "city", "county", "township"}


@pytest.mark.parametrize("span", ["镇帮镇", "帮镇扶村"])
def test_places_model_place_shaped_like_a_slogan_is_not_kept(nlp_rules, make_article, span: str) -> None:
    # what the model may call a place inside 驻镇帮镇扶村 (its spans are given here, as the model's would be)
    text = "干部钟晓彤担任连江口镇驻镇帮镇扶村工作队队长。"
    view = make_view(nlp_rules(simplified_view(text)), make_article(text))
    view.ner = [(text.index(span), text.index(span) + len(span), "LOC")]
    assert [m.text for m in find_places(view)] == ["连江口镇"]


def test_places_village_named_elsewhere_stays_before_a_division_word(graph_of) -> None:
    text = "黑龙江省桦川县星火乡胜利村今年丰收。胜利村村民都加入了合作社，胜利村村集体收入增加。"
    g = graph_of(text)
    assert len(_mention_starts(g, "Place", "胜利村")) == 3


@pytest.mark.parametrize("span", ["贤回村"])
def test_places_model_place_starting_inside_a_word_is_not_kept(nlp_rules, make_article, span: str) -> None:
    text = "理事会成立当年，就有60多位在外乡贤回村认领老屋修缮清单。"
    view = make_view(nlp_rules(simplified_view(text)), make_article(text))
    view.ner = [(text.index(span), text.index(span) + len(span), "LOC")]
    assert find_places(view) == []
