"""kg.clean.page: metadata and boilerplate of news pages saved as text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.clean import clean, parse_page
from kg.clean.page import normalize_text, split_names, split_tags

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def sample_text(name: str) -> str:
    data = (SAMPLES / name).read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gbk")


# --------------------------------------------------------------------------- metadata per layout

EXPECTED = {
    "jiangshan-2023-11-20.txt": dict(
        title="江山：“三联三帮”工作法激活乡村治理一池春水",
        published_at="2023-11-20T08:35:16",
        source="江郎新闻网-江郎晨报",
        author="周晓岚",
        correspondents=("毛建军",),
        editor="姜文涛",
        tags=("基层党建", "乡村治理", "共同富裕"),
    ),
    "xinxian-2022-09-06.txt": dict(
        title="大别山下“红色引擎”动力足——新县“党建+红色旅游”走基层见闻",
        published_at="2022-09-06T17:20:00",
        source="县委组织部",
        author="程安然 吕思雨 陶明轩 邵佳",
        correspondents=(),
        editor=None,
        tags=(),
    ),
    "wugang-2022-08-16.txt": dict(
        title="武冈“屋场恳谈会”开到村民家门口",
        published_at="2022-08-16T10:05:33",
        source="资江日报",
        author=None,
        correspondents=(),
        editor=None,
        tags=(),
    ),
    "danling-2024-03-08.txt": dict(
        title=None,
        published_at="2024-03-08",
        source="蜀风网",
        author="何静怡",
        correspondents=(),
        editor=None,
        tags=(),
    ),
    "yichuan-2021-04-12-gbk.txt": dict(
        title="宜川：“三清单一台账”让村级事务晒在阳光下",
        published_at="2021-04-12",
        source="延河日报",
        author="高志远",
        correspondents=("薛晓燕",),
        editor=None,
        tags=(),
    ),
    "jiaoling-2022-07-05-traditional.txt": dict(
        title="蕉岭：「党建+乡贤」激活乡村振兴新动能",
        published_at="2022-07-05T09:30:00",
        source="客都新闻网",
        author="黄嘉欣",
        correspondents=("钟志强",),
        editor=None,
        tags=(),
    ),
    "jinzhai-2020-10-15.txt": dict(
        title="金寨：“一村一策”推动薄弱村蝶变",
        published_at=None,
        source=None,
        author=None,
        correspondents=(),
        editor=None,
        tags=(),
    ),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_page_metadata_of_each_sample_layout(name: str) -> None:
    page = parse_page(sample_text(name))
    got = {field: getattr(page, field) for field in EXPECTED[name]}
    assert got == EXPECTED[name]


# --------------------------------------------------------------------------- boilerplate removed, body kept

BOILERPLATE = {
    "jiangshan-2023-11-20.txt": ["您当前的位置", "奋进新征程", "来源", "记者", "标签", "责任编辑", "分享到", "版权", "Copyright", "凡注明"],
    "xinxian-2022-09-06.txt": ["首页", "> 基层动态", "点击", "编者按", ".jpg", ".png", "大别山晨报记者", "陶明轩 邵佳"],
    "wugang-2022-08-16.txt": ["来源", "字号", "..."],
    "danling-2024-03-08.txt": ["摄）", "供图", "电（记者"],
    "yichuan-2021-04-12-gbk.txt": ["来源", "发布日期", "本报讯", "通讯员"],
    "jiaoling-2022-07-05-traditional.txt": ["來源", "記者", "通訊員"],
}


@pytest.mark.parametrize("name", sorted(BOILERPLATE))
def test_page_boilerplate_is_removed(name: str) -> None:
    text = parse_page(sample_text(name)).text
    for phrase in BOILERPLATE[name]:
        assert phrase not in text, phrase


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("jiangshan-2023-11-20.txt", ["11月15日，江山市第三届“村社书记擂台赛”", "联户帮办，小事不出村", "完成年度计划的126%"]),
        ("xinxian-2022-09-06.txt", ["9月2日，记者来到河南省信阳市新县箭厂河乡。", "竹林村党支部书记、村委会主任余长青说。"]),
        # the teaser is dropped, its paragraph is kept once
        ("wugang-2022-08-16.txt", ["板凳一摆，茶水一泡，村里的大事小事摆上桌面。\n今年以来，武冈市"]),
        # captions keep their words (they name places), not their photo credits
        ("danling-2024-03-08.txt", ["张场镇万年村的柑橘园里，果农正在分拣刚采下的“春见”。\n", "梅湾村党员志愿者为群众讲解惠农政策。\n"]),
        # the dateline goes, the paragraph it opens stays
        ("danling-2024-03-08.txt", ["\n天刚亮，四川省眉山市丹棱县张场镇万年村"]),
        ("jiaoling-2022-07-05-traditional.txt", ["蕉嶺縣長潭鎮白馬村"]),
    ],
)
def test_page_body_is_kept(name: str, kept: list[str]) -> None:
    text = parse_page(sample_text(name)).text
    for phrase in kept:
        assert phrase in text, phrase


def test_page_text_is_title_then_one_paragraph_per_line() -> None:
    page = parse_page(sample_text("jiangshan-2023-11-20.txt"))
    lines = page.text.split("\n")
    assert lines[0] == page.title
    assert page.text == f"{page.title}\n{page.body}"
    assert all(line and line == line.strip() for line in lines)
    assert len(lines) == 9  # title, 3 section headings, 5 paragraphs


def test_page_keep_title_false_gives_the_body_only() -> None:
    page = parse_page(sample_text("jiangshan-2023-11-20.txt"), keep_title=False)
    assert page.text == page.body
    assert page.text.startswith("11月15日")


def test_page_traditional_text_keeps_its_script_and_simplifies_metadata() -> None:
    page = parse_page(sample_text("jiaoling-2022-07-05-traditional.txt"))
    assert page.traditional
    assert page.text.startswith("蕉嶺：「黨建+鄉賢」")
    assert page.title == "蕉岭：「党建+乡贤」激活乡村振兴新动能"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_clean_is_idempotent_on_samples(name: str) -> None:
    once = clean(sample_text(name))
    assert clean(once) == once


# --------------------------------------------------------------------------- layouts written inline


@pytest.mark.parametrize(
    ("line", "published_at", "source", "author"),
    [
        ("2019年3月4日 08:05:06 来源: 某某网-某某日报 记者 王小明", "2019-03-04T08:05:06", "某某网-某某日报", "王小明"),
        ("时间:2022-11-30 07:15  来源:县农业农村局  点击:", "2022-11-30T07:15:00", "县农业农村局", None),
        ("稿源: 某某晚报   2019-08-07 18:30:45热线电话:12345678", "2019-08-07T18:30:45", "某某晚报", None),
        ("2018-02-03 04:05:06来源:某某日报", "2018-02-03T04:05:06", "某某日报", None),
        ("2018年07月09日14:22    来源:某某报", "2018-07-09T14:22:00", "某某报", None),
        ("发布时间：2024-04-18 15:30 来源：某某网 作者：贾文博 浏览次数：1024", "2024-04-18T15:30:00", "某某网", "贾文博"),
        ("【来源：某某日报】【作者：李四】【发布日期：2022/03/09】", "2022-03-09", "某某日报", "李四"),
    ],
)
def test_page_date_source_line_layouts(line: str, published_at: str, source: str, author: str | None) -> None:
    page = parse_page(f"县里召开乡村振兴推进会\n{line}\n\n全县各乡镇党委书记参加了会议，会议部署了下一阶段工作。")
    assert (page.title, page.published_at, page.source, page.author) == ("县里召开乡村振兴推进会", published_at, source, author)
    assert page.body == "全县各乡镇党委书记参加了会议，会议部署了下一阶段工作。"


@pytest.mark.parametrize(
    ("byline", "author", "correspondents"),
    [
        ("记者黄明通讯员李华", "黄明", ("李华",)),
        ("本报记者 张三 李四 通讯员 王五", "张三 李四", ("王五",)),
        ("某某日报记者 赵六 钱七", "赵六 钱七", ()),
        ("通讯员 孙八", "孙八", ()),
        ("文/图 周九", "周九", ()),
        ("（记者 吴十）", "吴十", ()),
    ],
)
def test_page_byline_layouts(byline: str, author: str, correspondents: tuple[str, ...]) -> None:
    page = parse_page(f"村里来了新书记\n2024-01-02 来源：某某报\n{byline}\n近日，某村召开党员大会，选举产生了新一届村党支部委员会。")
    assert (page.author, page.correspondents) == (author, correspondents)
    assert byline.strip("（）") not in page.text


def test_page_body_sentence_mentioning_a_reporter_is_not_a_byline() -> None:
    text = "记者走进村史馆，看到墙上挂满了老照片。\n记者 王五"
    page = parse_page(text)
    assert page.author == "王五"
    assert page.text == "记者走进村史馆，看到墙上挂满了老照片。"


def test_page_lone_short_byline_above_the_date_line() -> None:
    page = parse_page("某某网>>要闻\n\n山村有了“议事亭” 大事小事有商量\n\n县宣\n\n2018年07月09日14:22    来源:某某报\n\n原标题:大事小事有商量\n\n正文第一段，村里建起议事亭，每周五晚上村民来这里商量事。")
    assert (page.title, page.author, page.source) == ("山村有了“议事亭” 大事小事有商量", "县宣", "某某报")
    assert page.text.split("\n")[1:] == ["正文第一段，村里建起议事亭，每周五晚上村民来这里商量事。"]


@pytest.mark.parametrize(
    "head",
    [
        "【来源：某某日报】【作者：记者 李四】【编辑：王五】\n2021-03-08 10:15:00",
        "2021-03-08 10:15:00\n来源：某某日报　作者：李四　编辑：王五",
    ],
)
def test_page_date_and_source_on_lines_of_their_own(head: str) -> None:
    page = parse_page(f"某某网 > 乡村\n\n村里的议事亭\n\n{head}\n\n正文第一段，村里建起议事亭，每周五晚上村民来这里商量事。")
    assert (page.title, page.published_at, page.source, page.author, page.editor) == (
        "村里的议事亭", "2021-03-08T10:15:00", "某某日报", "李四", "王五")
    assert page.text.split("\n")[1:] == ["正文第一段，村里建起议事亭，每周五晚上村民来这里商量事。"]


def test_page_dateline_without_year_takes_the_year_from_the_text() -> None:
    text = "某某网成都5月9日电(周某)四川某村的果园又到了采摘季。2012年9月，村里成立合作社。2021年全村分红总额达80万元。"
    page = parse_page(text)
    assert (page.source, page.author, page.published_at) == ("某某网", "周某", "2022-05-09")
    assert page.text.startswith("四川某村的果园又到了采摘季。")


def test_page_dateline_without_any_year_gives_no_date() -> None:
    page = parse_page("新华社北京3月2日电（记者 张三）今年以来，各地扎实推进乡村振兴。")
    assert (page.source, page.author, page.published_at) == ("新华社", "张三", None)


def test_page_follow_block_and_stray_counter_are_removed() -> None:
    text = "山里的民宿火起来了\n2018-02-03 04:05:06  来源:某某报\n3\n\n某某报网\n微信公众号\n\n某某报网\n官方微博\n\n村里的老房子改成了民宿，去年来了2万多位客人。"
    page = parse_page(text)
    assert page.body == "村里的老房子改成了民宿，去年来了2万多位客人。"


def test_page_footer_is_cut_only_after_the_body_starts() -> None:
    text = "标题在这里\n分享到:\n正文第一段，县委组织部召开会议，部署村级换届工作。\n相关新闻\n另一条新闻的标题\n又一条新闻"
    page = parse_page(text)
    assert page.body == "正文第一段，县委组织部召开会议，部署村级换届工作。"


def test_page_editor_in_brackets_at_the_end() -> None:
    page = parse_page("正文第一段，县里召开了村级组织建设推进会。\n（责任编辑：孔某某）")
    assert page.editor == "孔某某"
    assert page.text == "正文第一段，县里召开了村级组织建设推进会。"


def test_page_url_line_gives_the_url() -> None:
    page = parse_page("正文第一段，县里召开了村级组织建设推进会。\n原文链接：https://news.example.com/a/1.html")
    assert page.url == "https://news.example.com/a/1.html"
    assert "example.com" not in page.text


def test_page_title_hint_is_recognised_and_not_repeated() -> None:
    page = parse_page("宾川：“党建+水果”铺就增收路\n11月1日，村里新建的冷链仓库投入使用。", title="宾川：“党建+水果”铺就增收路")
    assert page.text == "宾川：“党建+水果”铺就增收路\n11月1日，村里新建的冷链仓库投入使用。"


def test_page_first_line_that_is_a_paragraph_is_not_a_title() -> None:
    page = parse_page("某乡有行政村14个，其中山区村9个，全乡户籍人口2.1万人。\n第二段。")
    assert page.title is None
    assert page.text.startswith("某乡有行政村14个")


def test_split_helpers() -> None:
    assert split_names("程某然 吕某雨") == ["程某然", "吕某雨"]
    assert split_names("在村里看见") == []
    assert split_tags("乡村治理;为民服务，志愿服务") == ["乡村治理", "为民服务", "志愿服务"]


def test_normalize_text_keeps_full_width_punctuation() -> None:
    assert normalize_text("村里，“党建+”\r\n第二行\u3000") == "村里，“党建+”\n第二行 "


# --------------------------------------------------------------------------- never crashes


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_clean_never_crashes_on_arbitrary_text(text: str) -> None:
    page = parse_page(text)
    assert "\r" not in page.text
    assert "\n\n" not in page.text
    assert page.text == page.text.strip() or page.text == ""


_PAGEISH = st.lists(
    st.sampled_from(
        [
            "您当前的位置：首页 > 新闻", "标题", "2023年1月2日 10:00 来源：某报 记者 张三", "记者", "通讯员 李四",
            "标签：a;b 责任编辑：王五", "分享到:", "Copyright ©", "640.jpg", "某某网北京1月2日电（记者 赵六）",
            "正文。", "……", "...", "（某某 摄）", "字号:", "1", "微信公众号", "原标题:x", "编者按:x", "",
        ]
    )
    | st.text(max_size=30),
    max_size=25,
)


@settings(max_examples=300, deadline=None)
@given(_PAGEISH)
def test_clean_never_crashes_on_page_like_text(lines: list[str]) -> None:
    text = clean("\n".join(lines))
    assert isinstance(text, str)
    assert "\n\n" not in text


@pytest.mark.parametrize(
    ("text", "source", "author", "body"),
    [
        ("某某网消息（记者 张三）：近日，某村召开村民大会。", "某某网", "张三", "近日，某村召开村民大会。"),
        ("本报3月2日讯（记者 李四）近日，某村召开村民大会。", None, "李四", "近日，某村召开村民大会。"),
        ("本报讯（记者 王五 通讯员 赵六）近日，某村召开村民大会。", None, "王五", "近日，某村召开村民大会。"),
        ("某某网消息称，某村召开村民大会。", None, None, "某某网消息称，某村召开村民大会。"),
        ("据某某社报道，某村召开村民大会。", None, None, "据某某社报道，某村召开村民大会。"),
    ],
)
def test_page_dateline_forms(text: str, source: str | None, author: str | None, body: str) -> None:
    page = parse_page(text)
    assert (page.source, page.author, page.body) == (source, author, body)
