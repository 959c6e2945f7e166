"""kg.extract.entities: organisations, people, initiatives, documents, events, awards and outcomes.

Every text here is written for these tests: the provinces, cities, counties
and towns are real (so the gazetteer can place them); villages, people,
programmes, documents and figures are invented.
"""

from __future__ import annotations

import pytest

from kg.extract.entities import _initiative_shape, plain

# -- helpers of the module --------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [("“党建+项目”", "党建+项目"), ("《村规民约》", "村规民约"), ("茶乡 夜话", "茶乡夜话"), ("「三治」", "三治")])
def test_entities_plain_strips_marks(text: str, expected: str) -> None:
    assert plain(text) == expected


@pytest.mark.parametrize(
    ("inner", "shaped"),
    [("党建+乡村旅游", True), ("三治融合十二制", True), ("五个全覆盖", True), ("三访三促", True),
     ("80后", False), ("颜值", False), ("2023年", False), ("金果果", False)],
)
def test_entities_initiative_shape(inner: str, shaped: bool) -> None:
    assert _initiative_shape(inner) is shaped


# -- organisations ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "alias", "kind"),
    [
        # a level prefix stands for the place of that level the article names
        ("浙江省湖州市长兴县水口乡的茶农今年喜获丰收。市委组织部把长兴县的经验向全市推广。", "湖州市委组织部", "市委组织部", "party"),
        ("云南省大理白族自治州宾川县推行“三级联动”机制，县委书记段志明主持召开推进会。", "宾川县委", "县委", "party"),
        ("广东省梅州市蕉岭县新铺镇推行“一村一品”计划，镇党委书记黄海涛说，明年还要再干。", "新铺镇党委", "镇党委", "party"),
        ("安徽省六安市金寨县花石乡大湾村村委会主任何家宝当选为县人大代表。", "金寨县人大", "县人大", "government"),
        ("浙江省湖州市长兴县委组织部、县民政局联合召开村社换届工作推进会。", "长兴县民政局", "县民政局", "government"),
        # a village body named with a position after it
        ("山东省临沂市沂南县岸堤镇朱家林村是个山村。村党支部书记孙永健说，全村人心更齐了。", "朱家林村党支部", "村党支部", "party"),
    ],
)
def test_entities_organisation_full_name_from_level_prefix(graph_of, text: str, name: str, alias: str, kind: str) -> None:
    g = graph_of(text)
    org = g.node("Organization", name)
    assert org.name == name
    assert alias in org.aliases
    assert org.properties["kind"] == kind
    assert not any(o.name == alias for o in g.nodes("Organization")), "the bare form is an alias, not a node"


def test_entities_organisation_named_with_its_place(graph_of) -> None:
    g = graph_of("台州市委组织部近日召开座谈会，研究村级组织建设。")
    org = g.node("Organization", "台州市委组织部")
    assert org.properties["kind"] == "party"


def test_entities_national_body_short_name(graph_of) -> None:
    g = graph_of("中组部《组工信息》刊发了蕉岭县的经验。")
    org = g.node("Organization", "中组部")
    assert org.name == "中共中央组织部"
    assert "中组部" in org.aliases


def test_entities_organisation_kinds(graph_of) -> None:
    g = graph_of("江苏省常州市溧阳市农商银行向上黄镇发放贷款3000万元。")
    assert g.node("Organization", "溧阳市农商银行").properties["kind"] == "bank"


@pytest.mark.parametrize(
    ("text", "not_orgs"),
    [
        # 由村党支部领办 speaks of village branches in general, 各级党委 and 上市公司 are categories
        ("湖南省岳阳市平江县三市镇由村党支部领办合作社，各级党委高度重视，上市公司也来投资。",
         ["村党支部", "三市镇党支部", "各级党委", "上市公司", "市公司"]),
        ("他举办了培训班，创办了合作社。", ["举办", "创办"]),
    ],
)
def test_entities_generic_bodies_are_not_organisations(graph_of, text: str, not_orgs: list[str]) -> None:
    g = graph_of(text)
    names = {o.name for o in g.nodes("Organization")} | {a for o in g.nodes("Organization") for a in o.aliases}
    assert not names & set(not_orgs), names


def test_entities_organisation_after_admin_chain_is_one_node(graph_of) -> None:
    g = graph_of("四川省眉山市丹棱县委组织部编印的《基层治理工作手册》获得好评。县委组织部副部长罗晓燕说，手册已发放到各村。")
    assert g.names("Organization") == ["丹棱县委组织部"]


# -- people -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("湖南省娄底市双峰县荷叶镇神冲村党支部书记曾志远介绍，全村油茶丰收。", "曾志远"),
        ("浙江省湖州市长兴县水口乡党委书记欧阳明辉说，干部和群众坐到了一起。", "欧阳明辉"),  # compound surname
        ("江苏省南京市江宁区秣陵街道党工委书记张卫东和副书记李红霞一起走访群众。", "李红霞"),
        ("“以前这里是烂摊子，”村民李秀英说，“现在大家都有了奔头。”", "李秀英"),  # name before 说
        ("王小明说，现在办事方便多了。", "王小明"),
    ],
)
def test_entities_people_after_titles_and_before_speech(graph_of, text: str, person: str) -> None:
    g = graph_of(text)
    assert g.node("Person", person).name == person


@pytest.mark.parametrize(
    "text",
    [
        "江苏省常州市溧阳市上黄镇党委书记说，全镇已有一批党员成为致富能手。",  # a title without a name
        "村里的干部都能吃苦，书记带头干。",
        "“在手机上一点就有人管。”冉大姐说。",  # a form of address, not a name
        "村民王大爷告诉记者，今年收成好。",
    ],
)
def test_entities_no_people_without_names(graph_of, text: str) -> None:
    assert graph_of(text).nodes("Person") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # names without a Han surname, between a title and the verb of speech (rules only, no model)
        ("“现在跟着党支部干，收入也稳了。”嘎查党支部书记其木格说。", "其木格"),
        ("村党支部书记扎西多吉介绍，今年合作社分红80万元。", "扎西多吉"),
        ("村党委副书记、村委会主任阿依古丽表示，要把夜校办好。", "阿依古丽"),
    ],
)
def test_entities_name_without_surname_between_title_and_speech(graph_of, text: str, name: str) -> None:
    assert [n.name for n in graph_of(text).nodes("Person")] == [name]


def test_entities_party_member_cadres_is_not_a_name(graph_of) -> None:
    assert graph_of("党员干部要把群众的事当成自己的事。").nodes("Person") == []


def test_entities_person_before_passive_posting(graph_of) -> None:
    g = graph_of("2019年8月，王立群被选派到金寨县花石乡大湾村担任第一书记。")
    assert g.has_node("Person", "王立群")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("2016年，刚从部队退役返乡的郑海波全票当选村党支部书记。", "郑海波"),
        ("去年换届时，欧阳明辉当选为村委会主任。", "欧阳明辉"),
    ],
)
def test_entities_name_right_before_an_appointment_to_a_post(graph_of, text: str, name: str) -> None:
    assert [n.name for n in graph_of(text).nodes("Person")] == [name]


@pytest.mark.parametrize(
    "text",
    [
        "全村党员全票当选了新一届支委。",  # 全票 after the title 党员 is the verb's, not a name
        "村里的年轻人当选人大代表。",  # no surname-led name before the verb
    ],
)
def test_entities_appointment_without_a_name_gives_no_person(graph_of, text: str) -> None:
    assert graph_of(text).nodes("Person") == []


# -- initiatives ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "alias", "kind"),
    [
        ("江苏省常州市溧阳市上黄镇白果岭村推行“三访三促”工作法。", "三访三促", "三访三促工作法", "method"),
        ("四川省成都市郫都区唐昌镇积极探索“党建+乡村旅游”模式。", "党建+乡村旅游", "党建+乡村旅游模式", "model"),
        ("云南省大理白族自治州宾川县推行“三级联动”机制。", "三级联动", "三级联动机制", "mechanism"),
        ("广东省梅州市蕉岭县新铺镇推行“一村一品”计划。", "一村一品", "一村一品计划", "project"),
        ("陕西省延安市宜川县交里乡开展“百名干部进百村”活动。", "百名干部进百村", "百名干部进百村活动", "campaign"),
        ("广东省梅州市蕉岭县新铺镇推行“村事村议”制度。", "村事村议", "村事村议制度", "system"),
    ],
)
def test_entities_quoted_programme_with_suffix(graph_of, text: str, name: str, alias: str, kind: str) -> None:
    g = graph_of(text)
    node = g.node("Initiative", name)
    assert node.name == name, "the name has no quotation marks and no suffix"
    assert alias in node.aliases
    assert node.properties["kind"] == kind


def test_entities_quoted_part_without_words_is_named_with_what_follows(graph_of) -> None:
    # “1+N”强村联盟: the quoted part alone names nothing
    g = graph_of("安徽省滁州市凤阳县推出“1+N”强村联盟，由一个强村带动周边村。")
    node = g.node("Initiative", "1+N强村联盟")
    assert node.properties["kind"] == "mechanism"
    g.rel("IMPLEMENTS", "凤阳县", "1+N强村联盟")


def test_entities_unquoted_party_building_plus(graph_of) -> None:
    g = graph_of("四川省成都市郫都区唐昌镇推行党建+乡村旅游，打造了“一村一景”。")
    assert g.node("Initiative", "党建+乡村旅游").properties["kind"] == "model"
    assert g.has_node("Initiative", "一村一景")


def test_entities_same_programme_twice_is_one_node(graph_of) -> None:
    text = "浙江省湖州市长兴县水口乡推行“茶乡夜话”工作法。湖州市委组织部在全市推广“茶乡夜话”工作法。"
    g = graph_of(text)
    node = g.node("Initiative", "茶乡夜话")
    starts = g.mentions_of(node).properties["starts"]
    assert len(starts) == 2
    assert [text[s] for s in starts] == ["“", "“"]


def test_entities_programme_repeated_in_bare_quotes_is_mentioned(graph_of) -> None:
    text = "浙江省湖州市长兴县水口乡推行“茶乡夜话”工作法。水口乡党委书记欧阳明辉说，“茶乡夜话”让干部和群众坐到了一起。"
    g = graph_of(text)
    starts = g.mentions_of(g.node("Initiative", "茶乡夜话")).properties["starts"]
    assert starts == [text.index("“茶乡夜话”"), text.rindex("“茶乡夜话”")]


def test_entities_quoted_list_of_programmes(graph_of) -> None:
    g = graph_of("湖南省岳阳市平江县三市镇以“强基础、优服务、促发展”为主要内容，开展“三进三帮”行动。")
    for name in ("强基础", "优服务", "促发展", "三进三帮"):
        assert g.has_node("Initiative", name), g.names("Initiative")


@pytest.mark.parametrize(
    "text",
    [
        "这张“名片”越擦越亮。",  # a figure of speech
        "“以前这里是烂摊子，”村民李秀英说，“现在大家都有了奔头，日子越过越红火。”",  # speech
        "全镇呈现“机制活、产业优”的新格局。",  # a description
    ],
)
def test_entities_quotes_that_are_not_programmes(graph_of, text: str) -> None:
    assert graph_of(text).nodes("Initiative") == []


def test_entities_quoted_group_members_and_group(graph_of) -> None:
    g = graph_of("河南省信阳市光山县槐店乡实施“乡贤回归”“能人返乡”“企业帮村”三个全覆盖，群众满意率达到98.5%。")
    assert g.has_node("Initiative", "三个全覆盖")
    for member in ("乡贤回归", "能人返乡", "企业帮村"):
        g.rel("PART_OF", member, "三个全覆盖")


def test_entities_unquoted_programme_after_verb(graph_of) -> None:
    g = graph_of("福建省南平市武夷山市星村镇推行党支部领办合作社发展集体经济模式。")
    assert g.has_node("Initiative", "党支部领办合作社发展集体经济模式")


def test_entities_quoted_brand_is_a_programme(graph_of) -> None:
    g = graph_of("湖北省黄冈市红安县七里坪镇长胜街社区党委书记周建国带领居民，打造了“红色议事厅”品牌。")
    assert g.has_node("Initiative", "红色议事厅")
    assert not g.has_node("Organization", "红色议事厅")


# -- documents --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("长兴县委出台《关于加强村级组织建设的若干意见》，明确村干部的职责。", "关于加强村级组织建设的若干意见", "policy"),
        ("山东省临沂市沂南县岸堤镇的《护林公约》被《沂蒙乡村报》刊发。", "护林公约", "rules"),
        ("山东省临沂市沂南县岸堤镇的《护林公约》被《沂蒙乡村报》刊发。", "沂蒙乡村报", "publication"),
        ("湖南省娄底市双峰县委出台“强村二十条”，支持村集体经济发展。", "强村二十条", "policy"),
        ("湖南省娄底市双峰县出台了15条扶持政策。", "15条扶持政策", "policy"),
    ],
)
def test_entities_documents(graph_of, text: str, name: str, kind: str) -> None:
    node = graph_of(text).node("Document", name)
    assert node.name == name, "no book-title or quotation marks in the name"
    assert node.properties["kind"] == kind


# -- events -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "published_at", "name", "date"),
    [
        ("3月12日，第三届“山村好声音”大赛在临安区天目山镇举行。", "2023-06-15T09:00:00", "第三届山村好声音大赛", "2023-03-12"),
        ("去年11月，第二届“乡村振兴擂台赛”在江西省赣州市于都县举行。", "2023-06-15T09:00:00", "第二届乡村振兴擂台赛", "2022-11"),
        ("6月10日上午，“红色代办”启动仪式在于都县梓山镇举行。", "2021-06-12T09:00:00", "红色代办启动仪式", "2021-06-10"),
        ("7月1日，浙江省湖州市长兴县水口乡举行“七一”主题党日活动。", "2022-07-02T10:00:00", "七一主题党日活动", "2022-07-01"),
    ],
)
def test_entities_dated_events(graph_of, text: str, published_at: str, name: str, date: str) -> None:
    node = graph_of(text, published_at=published_at).node("Event", name)
    assert node.properties.get("date") == date


def test_entities_event_edition_alias(graph_of) -> None:
    node = graph_of("3月12日，第三届“山村好声音”大赛在临安区天目山镇举行。").node("Event", "第三届山村好声音大赛")
    assert "山村好声音大赛" in node.aliases


def test_entities_quoted_activity_without_a_day_is_a_programme(graph_of) -> None:
    g = graph_of("陕西省延安市宜川县交里乡开展“百名干部进百村”活动。")
    assert g.nodes("Event") == []
    assert g.has_node("Initiative", "百名干部进百村")


# -- awards -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "level"),
    [
        ("去年，光山县槐店乡大栗树村被评为省级文明村。", "省级文明村", "provincial"),
        ("光山县槐店乡大栗树村荣获全国民主法治示范村称号。", "全国民主法治示范村称号", "national"),
        ("湖南省岳阳市平江县三市镇联华村被评为市级文明村。", "市级文明村", "city"),
        ("浙江省衢州市江山市大陈乡被命名为省级文明镇。", "省级文明镇", "provincial"),
        ("湖南省岳阳市平江县三市镇联华村被评为县级卫生村。", "县级卫生村", "county"),
        # 入选“…”名录: a listing is an honour too
        ("湖南省岳阳市平江县三市镇联华村入选“中国传统村落”名录。", "中国传统村落", "national"),
    ],
)
def test_entities_awards_with_levels(graph_of, text: str, name: str, level: str) -> None:
    assert graph_of(text).node("Award", name).properties.get("level") == level


def test_entities_award_after_admin_chain(graph_of) -> None:
    g = graph_of("湖南省岳阳市平江县三市镇联华村先后获评市级文明村。")
    assert g.node("Award", "市级文明村").properties.get("level") == "city"


def test_entities_award_list(graph_of) -> None:
    g = graph_of("安徽省六安市金寨县花石乡大湾村先后获评省级美丽乡村示范村、市级文明村、全国乡村治理示范村等荣誉。")
    assert g.names("Award") == sorted(["省级美丽乡村示范村", "市级文明村", "全国乡村治理示范村"])


def test_entities_counts_are_not_awards(graph_of) -> None:
    g = graph_of("全镇12名村干部参加了培训，3个先进村交流了经验。")
    assert not any(a.name.startswith(("12名", "3个")) for a in g.nodes("Award"))


# -- outcomes ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("湖南省娄底市双峰县荷叶镇神冲村今年村集体经济收入达到86万元。", 860000, "元"),
        ("浙江省杭州市临安区天目山镇今年带动村民增收1.2亿元。", 120000000, "元"),
        ("河南省信阳市光山县槐店乡大栗树村群众满意率达到98.5%。", 98.5, "%"),
        ("江西省赣州市于都县梓山镇全镇种植脐橙1.5万余亩。", 15000, "亩"),
        ("广东省梅州市蕉岭县新铺镇今年完成了二十个村的道路硬化。", 20, "个"),
        ("浙江省衢州市江山市大陈乡今年接待游客15.6万人次。", 156000, "人次"),
        ("湖北省黄冈市红安县七里坪镇去年带动386户脱贫。", 386, "户"),
        ("陕西省延安市宜川县交里乡吸纳就业近500人。", 500, "人"),
        # meetings held count when the figure is a running total
        ("四川省南充市仪陇县推广院坝议事以来，累计召开院坝会860场。", 860, "场"),
    ],
)
def test_entities_outcome_value_and_unit(graph_of, text: str, value: float, unit: str) -> None:
    outcomes = graph_of(text).nodes("Outcome")
    assert [(o.properties["value"], o.properties["unit"]) for o in outcomes] == [(value, unit)]


def test_entities_outcome_properties(graph_of) -> None:
    text = "江西省赣州市于都县梓山镇2022年全镇种植脐橙1.5万余亩。"
    [outcome] = graph_of(text).nodes("Outcome")
    assert outcome.properties["text"] in text
    assert outcome.properties["approximate"] is True
    assert outcome.properties["period"] == "2022"
    assert "脐橙" in outcome.properties["metric"]


@pytest.mark.parametrize(
    "text",
    [
        "贵州省遵义市湄潭县兴隆镇龙凤村今年82岁的老党员田家福，每天到村里值班。",  # age
        "陕西省延安市宜川县交里乡距离县城30公里，交通便利。",  # distance
        "江西省赣州市于都县梓山镇培育了一批致富带头人。",  # 一批
        "县里还选派了一个工作队，一批年轻干部下沉到村。",  # 一个, 一批
        "2023年，梓山镇完成了村级组织换届。",  # a year
        "第五届村歌大赛开幕，第一批示范户挂牌。",  # ordinals
        "全镇党员今年平均年龄45岁。",  # age
        "四川省南充市仪陇县昨天召开了两场现场会和3场座谈会。",  # meetings, not a running total
    ],
)
def test_entities_distractors_are_not_outcomes(graph_of, text: str) -> None:
    g = graph_of(text)
    assert g.nodes("Outcome") == [], [o.name for o in g.nodes("Outcome")]


def test_entities_distance_walked_is_not_an_outcome(graph_of) -> None:
    g = graph_of("贵州省遵义市湄潭县兴隆镇龙凤村的老党员田家福，每天步行3公里到村里值班。")
    assert g.nodes("Outcome") == []


def test_outcome_count_of_the_names_just_listed_is_not_an_outcome(graph_of) -> None:
    g = graph_of("去年，青山县把相邻的柳溪村、桃源村以及绿野种植合作社3个党支部联合起来，成立联合党委。"
                 "联合党委成立后，三个村的集体经济收入增加了120万元。")
    values = {n.properties.get("value") for n in g.batch.nodes if n.label == "Outcome"}
    assert 3 not in values
    assert 1_200_000 in values


@pytest.mark.parametrize(
    ("span", "plausible"),
    [("龙德胜", True), ("阿依古丽", True), ("苗寨", False), ("侗寨", False), ("吴阿婆", False), ("冉大姐", False)],
)
def test_entities_model_person_span_that_is_a_place_word_or_an_address_is_no_name(span: str, plausible: bool) -> None:
    from kg.extract.entities import _plausible_name

    assert _plausible_name(span) is plausible


def test_entities_committee_members_department_is_that_committees(graph_of) -> None:
    # 县委常委、组织部部长: the 组织部 is the county committee's
    g = graph_of("江西省抚州市金溪县委常委、组织部部长蒲晓川介绍，全县已有乡贤理事会172个。")
    dept = g.node("Organization", "金溪县委组织部")
    assert "组织部" in dept.aliases
    g.rel("HOLDS_POSITION", "蒲晓川", "金溪县委组织部")


def test_entities_model_person_with_the_verb_taken_in_is_cut(nlp_rules, make_article) -> None:
    from kg.clean.script import simplified_view
    from kg.extract.entities import find_people
    from kg.extract.graph import make_view

    text = "县委常委、宣传部部长蒲川说，全县已有乡贤理事会172个。"
    view = make_view(nlp_rules(simplified_view(text)), make_article(text))
    start = text.index("蒲川说")
    view.ner = [(start, start + 3, "PER")]
    assert {m.text for m in find_people(view)} == {"蒲川"}
