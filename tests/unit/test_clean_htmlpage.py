"""kg.clean.htmlpage: HTML pages through trafilatura and the page rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.clean.htmlpage import parse_html, visible_text

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
BAD = Path(__file__).resolve().parents[1] / "data" / "bad"


def test_htmlpage_sample_metadata() -> None:
    page = parse_html((SAMPLES / "yinan-2024-04-18.html").read_text(encoding="utf-8"))
    assert page.title == "沂南：“红嫂家访”把服务送到群众心坎上"
    assert page.published_at == "2024-04-18T15:30:00"  # the page's info line has the time; <meta> has none
    assert page.source == "沂蒙乡村网"
    assert page.author == "贾文博"
    assert page.editor == "孔令辉"
    assert page.tags == ("基层治理", "志愿服务", "红嫂家访")
    assert page.url == "https://news.example.com/yinan/2024/0418/1207.html"


def test_htmlpage_sample_text_is_the_article_only() -> None:
    page = parse_html((SAMPLES / "yinan-2024-04-18.html").read_text(encoding="utf-8"))
    lines = page.text.split("\n")
    assert lines[0] == page.title
    assert lines[1].startswith("4月16日，山东省临沂市沂南县岸堤镇库东村")
    assert lines[-1].endswith("库东村此前已获评“山东省文明村”。")
    assert len(lines) == 6
    for boilerplate in ("首页", "您当前的位置", "发布时间", "责任编辑", "分享到", "相关新闻", "Copyright", "ICP"):
        assert boilerplate not in page.text, boilerplate


def test_htmlpage_without_article_has_no_text() -> None:
    page = parse_html((BAD / "no-article.html").read_text(encoding="utf-8"))
    assert len(page.body) < 20


def test_htmlpage_garbage_gives_empty_text() -> None:
    assert parse_html("").text == ""
    assert parse_html("<<<>>>").text == ""


def test_htmlpage_traditional_page_keeps_script_simplifies_metadata() -> None:
    markup = (
        "<html><head><title>鄉賢回村</title></head><body><h1>鄉賢回村</h1>"
        "<div>2022年07月05日 09:30 來源：客都新聞網 記者 黃嘉欣</div>"
        "<div><p>7月3日，廣東省梅州市蕉嶺縣長潭鎮白馬村的鄉賢議事廳裏，十多位鄉賢正與村幹部商量修建村道的事。</p>"
        "<p>近年來，蕉嶺縣委推行「黨建+鄉賢」模式，在全縣107個村（社區）成立鄉賢理事會。</p></div></body></html>"
    )
    page = parse_html(markup)
    assert page.traditional
    assert (page.title, page.source, page.author, page.published_at) == ("乡贤回村", "客都新闻网", "黄嘉欣", "2022-07-05T09:30:00")
    assert "蕉嶺縣長潭鎮白馬村" in page.text


def test_htmlpage_visible_text_has_one_block_per_line() -> None:
    markup = "<html><head><title>t</title><style>p{}</style></head><body><ul><li>首页</li><li>新闻</li></ul><p>第一段<br/>第二行</p></body></html>"
    assert visible_text(markup) == "首页\n新闻\n第一段\n第二行"


@pytest.mark.parametrize("markup", ["<html><p>0\x08</p></html>", "<!--<html>-->-->", "<?xml version='1.0' encoding='utf-8'?><html><p>村里</p></html>"])
def test_htmlpage_odd_markup_does_not_crash(markup: str) -> None:
    assert isinstance(parse_html(markup).text, str)


_TAGS = st.sampled_from(["<html>", "<body>", "<p>", "</p>", "<div>", "</div>", "<h1>", "</h1>", "<title>", "</title>", "<script>", "<!--", "-->", "<br>", "<meta charset='gbk'>"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_TAGS | st.text(max_size=30), max_size=30))
def test_htmlpage_never_crashes_on_arbitrary_markup(parts: list[str]) -> None:
    page = parse_html("".join(parts))
    assert "\n\n" not in page.text
