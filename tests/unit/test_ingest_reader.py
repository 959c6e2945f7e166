"""kg.ingest.reader: every input format, keys, bad inputs, the size limit."""

from __future__ import annotations

import json
import os
import shutil
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import ConfigError, InputError
from kg.ids import article_id, text_sha256
from kg.ingest import read_articles
from kg.ingest.decode import format_size
from kg.model import Article

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
BAD = Path(__file__).resolve().parents[1] / "data" / "bad"

ARTICLE = (
    "县里推行“板凳议事会”\n"
    "2024-04-18 15:30 来源：某某日报 记者 贾某某\n\n"
    "4月16日，山东省临沂市沂南县岸堤镇库东村召开“板凳议事会”，20多位村民围坐在一起商量修建排水沟的事。\n"
    "今年以来，全县已召开议事会1500余场，化解矛盾纠纷300多起。\n"
)


def articles_of(items: list[Article | InputError]) -> list[Article]:
    return [a for a in items if isinstance(a, Article)]


def errors_of(items: list[Article | InputError]) -> list[InputError]:
    return [e for e in items if isinstance(e, InputError)]


# --------------------------------------------------------------------------- the samples folder


def test_ingest_samples_folder_reads_every_article_in_sorted_order() -> None:
    items = list(read_articles([SAMPLES]))
    assert errors_of(items) == []
    keys = [a.key for a in articles_of(items)]
    assert len(keys) == 11
    assert keys[:3] == [
        "https://news.example.com/ganzhou/2021/0612/3345.html",  # articles.jsonl line 1 has a url
        "articles.jsonl#binchuan-1103",  # line 2 has an id
        "https://news.example.com/handan/2021/0903/0876.html",
    ]
    assert "jiangshan-2023-11-20.txt" in keys
    assert "README.md" not in " ".join(keys)  # other suffixes are skipped in folders


def test_ingest_is_deterministic() -> None:
    first = [(a.id, a.sha256) for a in articles_of(list(read_articles([SAMPLES])))]
    second = [(a.id, a.sha256) for a in articles_of(list(read_articles([SAMPLES])))]
    assert first == second


def test_ingest_article_fields() -> None:
    [article] = list(read_articles([SAMPLES / "jiangshan-2023-11-20.txt"]))
    assert isinstance(article, Article)
    assert article.key == "jiangshan-2023-11-20.txt"
    assert article.id == article_id("jiangshan-2023-11-20.txt")
    assert article.sha256 == text_sha256(article.text)
    assert article.origin == str(SAMPLES / "jiangshan-2023-11-20.txt")
    assert (article.title, article.published_at, article.source) == (
        "江山：“三联三帮”工作法激活乡村治理一池春水",
        "2023-11-20T08:35:16",
        "江郎新闻网-江郎晨报",
    )
    assert (article.author, article.correspondents, article.editor) == ("周晓岚", ("毛建军",), "姜文涛")
    assert article.tags == ("基层党建", "乡村治理", "共同富裕")
    assert "Copyright" not in article.text


def test_ingest_html_sample() -> None:
    [article] = list(read_articles(SAMPLES / "yinan-2024-04-18.html"))
    assert isinstance(article, Article)
    assert article.key == article.url == "https://news.example.com/yinan/2024/0418/1207.html"
    assert (article.published_at, article.source, article.author, article.editor) == ("2024-04-18T15:30:00", "沂蒙乡村网", "贾文博", "孔令辉")


def test_ingest_jsonl_sample_fields_win_over_text() -> None:
    items = list(read_articles([SAMPLES / "articles.jsonl"]))
    first, second, third = items
    assert isinstance(first, Article) and isinstance(second, Article) and isinstance(third, Article)
    assert (first.title, first.published_at, first.source, first.author, first.editor, first.tags) == (
        "于都梓山镇：“红色代办”跑出为民服务加速度",
        "2021-06-12T09:00:00",
        "赣南山乡报",
        "钟晓明 邱雨晴",
        "谢国平",
        ("为民服务", "基层党建"),
    )
    assert first.text.startswith("于都梓山镇：“红色代办”跑出为民服务加速度\n6月10日")
    assert first.origin == f"{SAMPLES / 'articles.jsonl'}:1"
    # no metadata fields: the title and the byline come from the text
    assert (second.title, second.author) == ("宾川：“党建+水果”铺就增收路", "段丽华")
    assert third.published_at == "2021-09-03"  # written 2021年9月3日


def test_ingest_gbk_sample() -> None:
    [article] = list(read_articles([SAMPLES / "yichuan-2021-04-12-gbk.txt"]))
    assert isinstance(article, Article)
    assert "陕西省延安市宜川县云岩镇辛户村" in article.text
    assert (article.source, article.author, article.correspondents) == ("延河日报", "高志远", ("薛晓燕",))


def test_ingest_traditional_sample_keeps_script() -> None:
    [article] = list(read_articles([SAMPLES / "jiaoling-2022-07-05-traditional.txt"]))
    assert isinstance(article, Article)
    assert "蕉嶺縣長潭鎮白馬村" in article.text
    assert article.title == "蕉岭：「党建+乡贤」激活乡村振兴新动能"


# --------------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    "encoding",
    ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16", "big5", "cp950"],
)
def test_ingest_encodings(tmp_path: Path, encoding: str) -> None:
    text = ARTICLE
    if encoding in ("big5", "cp950"):
        text = (SAMPLES / "jiaoling-2022-07-05-traditional.txt").read_text(encoding="utf-8")
        if encoding == "big5":
            text = text.replace("裏", "裡")  # 裏 is a cp950 extension of Big5
    path = tmp_path / "a.txt"
    path.write_bytes(text.replace("\n", "\r\n").encode(encoding))
    [article] = list(read_articles([path]))
    assert isinstance(article, Article), article
    first_paragraph = [line.strip() for line in text.splitlines() if line.strip()][2]
    assert first_paragraph in article.text
    assert "\r" not in article.text and "\ufeff" not in article.text


def test_ingest_gbk_html_with_declared_charset(tmp_path: Path) -> None:
    markup = (SAMPLES / "yinan-2024-04-18.html").read_text(encoding="utf-8").replace('charset="utf-8"', 'charset="gb2312"').replace("©", "(C)")
    path = tmp_path / "page.htm"
    path.write_bytes(markup.encode("gbk"))
    [article] = list(read_articles([path]))
    assert isinstance(article, Article)
    assert article.title == "沂南：“红嫂家访”把服务送到群众心坎上"


def test_ingest_html_content_in_a_txt_file_is_read_as_html(tmp_path: Path) -> None:
    path = tmp_path / "saved.txt"
    shutil.copy(SAMPLES / "yinan-2024-04-18.html", path)
    [article] = list(read_articles([path]))
    assert isinstance(article, Article)
    assert "<p>" not in article.text and article.editor == "孔令辉"


# --------------------------------------------------------------------------- keys and folders


def test_ingest_keys_relative_to_the_folder_given(tmp_path: Path) -> None:
    (tmp_path / "b" / "deep").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b" / "deep" / "c.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / ".hidden" / "x.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / ".x.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "notes.md").write_text(ARTICLE, encoding="utf-8")
    items = list(read_articles([tmp_path]))
    assert [a.key for a in articles_of(items)] == ["a.txt", "b/a.txt", "b/deep/c.txt"]
    assert errors_of(items) == []
    # the same file named directly keeps the key it has at the top of the folder
    [direct] = list(read_articles([tmp_path / "a.txt"]))
    assert isinstance(direct, Article)
    assert direct.key == "a.txt" and direct.id == articles_of(items)[0].id


def test_ingest_key_is_stable_when_the_text_changes(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    [before] = list(read_articles([path]))
    path.write_text(ARTICLE + "全县今年新增议事亭36个。\n", encoding="utf-8")
    [after] = list(read_articles([path]))
    assert isinstance(before, Article) and isinstance(after, Article)
    assert before.id == after.id
    assert before.sha256 != after.sha256


def test_ingest_jsonl_keys(tmp_path: Path) -> None:
    body = "3月5日，河北省邯郸市馆陶县馆陶镇东宝村召开村民代表大会，审议通过了村规民约修订稿。"
    lines = [
        {"text": body},
        {"text": body, "id": "abc"},
        {"text": body, "id": 7, "url": "https://news.example.com/x.html"},
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n\n", encoding="utf-8")
    items = list(read_articles([path]))
    assert [a.key for a in articles_of(items)] == ["batch.jsonl#L1", "batch.jsonl#abc", "https://news.example.com/x.html"]
    assert [a.origin for a in articles_of(items)] == [f"{path}:1", f"{path}:2", f"{path}:3"]


def test_ingest_single_path_string_is_accepted() -> None:
    items = list(read_articles(str(SAMPLES / "jinzhai-2020-10-15.txt")))
    assert len(items) == 1 and isinstance(items[0], Article)


# --------------------------------------------------------------------------- bad inputs


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("empty.txt", "empty file"),
        ("binary.txt", "binary file (not text"),
        ("undecodable.txt", "cannot decode as UTF-8, GB18030/GBK or Big5"),
        ("no-article.html", "HTML page with no article text"),
        ("english.txt", "no Chinese text"),
    ],
)
def test_ingest_bad_input_gives_one_clear_error(name: str, problem: str) -> None:
    path = BAD / name
    items = list(read_articles([path]))
    assert len(items) == 1
    [error] = items
    assert isinstance(error, InputError)
    assert error.path == str(path)
    assert error.line is None
    assert error.problem.startswith(problem)
    assert str(error).startswith(f"{path}: ")


def test_ingest_malformed_jsonl_line_names_the_line_and_keeps_the_others() -> None:
    items = list(read_articles([BAD / "malformed.jsonl"]))
    assert [type(x).__name__ for x in items] == ["Article", "InputError", "Article"]
    error = items[1]
    assert isinstance(error, InputError)
    assert error.line == 2
    assert error.problem.startswith("not valid JSON (")
    assert str(error).startswith(f"{BAD / 'malformed.jsonl'}:2: not valid JSON")


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("[1, 2]", 'not a JSON object with a "text" field'),
        ('{"title": "无正文"}', 'no "text" field'),
        ('{"text": 5}', '"text" is a JSON int, not a string'),
        ('{"text": "   "}', 'empty "text"'),
        ('{"text": "English only, no Chinese at all."}', "no Chinese text"),
    ],
)
def test_ingest_jsonl_line_problems(tmp_path: Path, line: str, problem: str) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    [error] = list(read_articles([path]))
    assert isinstance(error, InputError)
    assert (error.line, error.problem.startswith(problem)) == (1, True), error.problem


def test_ingest_empty_jsonl_file(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    [error] = list(read_articles([path]))
    assert isinstance(error, InputError) and error.problem == "empty file"


def test_ingest_missing_path() -> None:
    [error] = list(read_articles(["/nonexistent/folder/a.txt"]))
    assert isinstance(error, InputError)
    assert error.problem == "no such file or folder"


def test_ingest_bad_inputs_mixed_with_good_ones(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    shutil.copytree(BAD, folder / "bad")
    shutil.copytree(SAMPLES, folder / "good")
    items = list(read_articles([folder]))
    assert len(articles_of(items)) == 11 + 2  # the samples and the two good lines of malformed.jsonl
    failed = sorted((Path(e.path).name, e.line) for e in errors_of(items))
    assert failed == [
        ("binary.txt", None),
        ("empty.txt", None),
        ("english.txt", None),
        ("malformed.jsonl", 2),
        ("no-article.html", None),
        ("undecodable.txt", None),
    ]


# --------------------------------------------------------------------------- size limit


def _big_file(path: Path, size: int) -> None:
    paragraph = "村党支部书记带领村民发展产业，村集体经济收入逐年增长。\n".encode()
    with path.open("wb") as f:
        written = 0
        while written < size:
            f.write(paragraph * 1000)
            written += len(paragraph) * 1000


def test_ingest_refuses_a_50mb_file_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    _big_file(path, 50_000_000)
    size = path.stat().st_size
    tracemalloc.start()
    try:
        items = list(read_articles([path], max_bytes=20_000_000))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    [error] = items
    assert isinstance(error, InputError)
    assert error.problem.startswith(f"file is {format_size(size)}, over the limit of 20 MB set by --max-bytes/KG_MAX_BYTES")
    assert format_size(size).startswith("50")
    assert peak < 2_000_000  # the file was not loaded to be refused


def test_ingest_size_limit_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    monkeypatch.setenv("KG_MAX_BYTES", "100")
    [error] = list(read_articles([path]))
    assert isinstance(error, InputError) and "over the limit of 100 bytes" in error.problem
    [article] = list(read_articles([path], max_bytes="1MB"))  # the option wins over the environment
    assert isinstance(article, Article)


def test_ingest_size_limit_applies_to_each_jsonl_line(tmp_path: Path) -> None:
    small = json.dumps({"text": "3月5日，馆陶县东宝村召开村民代表大会。"}, ensure_ascii=False)
    big = json.dumps({"text": "村集体经济收入逐年增长。" * 200}, ensure_ascii=False)
    path = tmp_path / "x.jsonl"
    path.write_text(f"{small}\n{big}\n{small}\n", encoding="utf-8")
    items = list(read_articles([path], max_bytes=1000))
    assert [type(x).__name__ for x in items] == ["Article", "InputError", "Article"]
    assert items[1].line == 2 and items[1].problem.startswith("line is ")  # type: ignore[union-attr]


@pytest.mark.parametrize("value", ["lots", "-5", "0", "12 parsecs"])
def test_ingest_bad_size_limit_is_a_config_error(value: str) -> None:
    with pytest.raises(ConfigError):
        list(read_articles([SAMPLES], max_bytes=value))


# --------------------------------------------------------------------------- never crashes


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=600), suffix=st.sampled_from([".txt", ".html", ".jsonl"]))
def test_ingest_never_crashes_on_arbitrary_bytes(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"x{suffix}"
    path.write_bytes(data)
    items = list(read_articles([path]))
    assert items, "every file gives an article or an error"
    assert all(isinstance(x, (Article, InputError)) for x in items)
    if suffix != ".jsonl":
        assert len(items) == 1


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=400), encoding=st.sampled_from(["utf-8", "utf-16", "gb18030"]))
def test_ingest_never_crashes_on_arbitrary_text(tmp_path: Path, text: str, encoding: str) -> None:
    path = tmp_path / "x.txt"
    try:
        path.write_bytes(text.encode(encoding))
    except UnicodeEncodeError:
        return
    [item] = list(read_articles([path]))
    if isinstance(item, Article):
        assert item.sha256 == text_sha256(item.text)
        assert item.id == article_id("x.txt")
    else:
        assert item.path == str(path) and item.problem


def test_ingest_skips_special_files(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes on this platform")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    items = list(read_articles([tmp_path]))
    assert [type(x).__name__ for x in items] == ["Article", "InputError"]
