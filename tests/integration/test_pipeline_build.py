"""kg.pipeline.build and extract: articles in, graph out, into the embedded store.

The NER model is left out (``ner=False``): these tests are about the wiring,
not the model.  The samples folder is built once per module; other tests
build small folders of articles written here (real places, invented stories).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ids import article_id
from kg.ingest import read_articles
from kg.model import Article, GraphBatch
from kg.pipeline import BuildReport, build, extract
from kg.store.networkx_store import GRAPH_FILE, NetworkxStore

SAMPLE_COUNT = 11  # articles in samples/ (one per file, three in articles.jsonl)

SHENCHONG_V1 = (
    "神冲村：油茶林里的共富路\n"
    "2023-06-15 09:00 来源：湘中山乡报\n\n"
    "湖南省娄底市双峰县荷叶镇神冲村推行“三访三促”工作法。村党支部书记曾志远介绍，今年全村村集体经济收入达到86万元。\n"
)
SHENCHONG_V2 = (
    "神冲村：油茶林里的共富路\n"
    "2023-06-15 09:00 来源：湘中山乡报\n\n"
    "湖南省娄底市双峰县荷叶镇神冲村推行“油茶夜校”工作法。村党支部书记曾志远介绍，今年全村村集体经济收入达到95万元。\n"
)
DALISHU = (
    "大栗树村推行“三访三促”工作法\n"
    "2023-05-20 10:30 来源：豫南乡村报\n\n"
    "河南省信阳市光山县槐店乡大栗树村也推行“三访三促”工作法，群众满意率达到98.5%。\n"
)


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("KG_MAX_BYTES", "KG_NER", "KG_STORE", "KG_WORKERS"):
        monkeypatch.delenv(name, raising=False)


def write_big_text(path: Path, size: int = 50_000_000) -> None:
    """A plain UTF-8 text file of ``size`` bytes (made at run time, never committed)."""
    line = ("村里召开村民代表大会，讨论道路硬化方案。" * 20 + "\n").encode("utf-8")
    with path.open("wb") as f:
        written = 0
        while written < size:
            f.write(line)
            written += len(line)


def store_ids(path: Path) -> tuple[set[str], NetworkxStore]:
    store = NetworkxStore(path, create=False)
    return {n.id for n in store.articles()}, store


def good_articles(folder: Path) -> list[Article]:
    return [a for a in read_articles([folder]) if isinstance(a, Article)]


# -- the samples -------------------------------------------------------------


@pytest.fixture(scope="module")
def samples_build(tmp_path_factory: pytest.TempPathFactory, samples_dir: Path) -> tuple[BuildReport, Path, bytes]:
    path = tmp_path_factory.mktemp("samples") / "store"
    with NetworkxStore(path) as store:
        report = build([samples_dir], store=store, ner=False)
    return report, path, (path / GRAPH_FILE).read_bytes()


def test_pipeline_builds_every_sample(samples_build, samples_dir: Path) -> None:
    report, path, _ = samples_build
    assert (report.built, report.unchanged, report.failed) == (SAMPLE_COUNT, 0, 0)
    stored, store = store_ids(path)
    assert stored == {a.id for a in good_articles(samples_dir)}
    stats = store.stats()
    assert stats.nodes["Article"] == SAMPLE_COUNT
    for label in ("Place", "Organization", "Person", "Initiative", "Outcome"):
        assert stats.nodes.get(label, 0) > 0, label
    for rel_type in ("PART_OF", "IMPLEMENTS", "ACHIEVED", "HOLDS_POSITION", "MENTIONS"):
        assert stats.relationships.get(rel_type, 0) > 0, rel_type


def test_pipeline_samples_places_are_placed(samples_build) -> None:
    _, path, _ = samples_build
    _, store = store_ids(path)
    # each sample's county is one node with its admin path, whatever the article's script or encoding
    for county, admin_path in [
        ("江山市", "浙江省/衢州市/江山市"),
        ("蕉岭县", "广东省/梅州市/蕉岭县"),  # the traditional-script sample
        ("宜川县", "陕西省/延安市/宜川县"),  # the GBK sample
        ("沂南县", "山东省/临沂市/沂南县"),  # the HTML sample
    ]:
        [node] = store.find_nodes(county, label="Place")
        assert node.properties["admin_path"] == admin_path


def test_pipeline_building_again_changes_nothing(samples_build, samples_dir: Path) -> None:
    _, path, before = samples_build
    with NetworkxStore(path) as store:
        report = build([samples_dir], store=store, ner=False)
    assert (report.built, report.unchanged, report.failed) == (0, SAMPLE_COUNT, 0)
    assert (path / GRAPH_FILE).read_bytes() == before


def test_pipeline_two_workers_build_the_same_graph(samples_build, samples_dir: Path, tmp_path: Path) -> None:
    _, _, one_worker = samples_build
    with NetworkxStore(tmp_path / "store") as store:
        report = build([samples_dir], store=store, workers=2, batch_size=3, ner=False)
    assert (report.built, report.failed) == (SAMPLE_COUNT, 0)
    assert (tmp_path / "store" / GRAPH_FILE).read_bytes() == one_worker


def test_pipeline_extract_yields_one_batch_per_article(samples_dir: Path) -> None:
    items = list(extract([samples_dir / "articles.jsonl", samples_dir / "jinzhai-2020-10-15.txt"], ner=False))
    assert [type(i) for i in items] == [GraphBatch] * 4
    for batch in items:
        assert batch.nodes, batch.article.key
        for r in batch.relations:
            assert batch.article.text[r.evidence.start : r.evidence.end] == r.evidence.text


# -- changed articles -----------------------------------------------------------


def _edges_of_article(store: NetworkxStore, aid: str) -> set[tuple]:
    return {
        (u, v, d["type"], d.get("evidence"))
        for u, v, d in store.graph.edges(data=True)
        if d.get("article_id") == aid
    }


def test_pipeline_changed_article_replaces_its_facts(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "shenchong.txt").write_text(SHENCHONG_V1, encoding="utf-8")
    (folder / "dalishu.txt").write_text(DALISHU, encoding="utf-8")
    path = tmp_path / "store"
    with NetworkxStore(path) as store:
        first = build([folder], store=store, ner=False)
    assert (first.built, first.unchanged) == (2, 0)
    _, store = store_ids(path)
    shenchong, dalishu = article_id("shenchong.txt"), article_id("dalishu.txt")
    other_before = _edges_of_article(store, dalishu)
    [old_outcome] = [n for n in store.find_nodes("86万元", label="Outcome")]
    assert old_outcome.properties["value"] == 860000
    old_sha = store.get_node(shenchong).properties["sha256"]

    (folder / "shenchong.txt").write_text(SHENCHONG_V2, encoding="utf-8")
    with NetworkxStore(path) as store:
        second = build([folder], store=store, ner=False)
    assert (second.built, second.unchanged) == (1, 1)

    _, store = store_ids(path)
    assert store.get_node(shenchong).properties["sha256"] != old_sha
    assert store.get_node(old_outcome.id) is None, "the old figure is gone with the old text"
    assert [n.properties["value"] for n in store.find_nodes("95万元", label="Outcome")] == [950000]
    assert store.find_nodes("油茶夜校", label="Initiative")
    # 三访三促 stays (the other article still names it) but 神冲村 no longer carries it out
    [programme] = store.find_nodes("三访三促", label="Initiative")
    doers = {store.get_node(r.start).name for r in store.relationships_of(programme.id, types=["IMPLEMENTS"])}
    assert doers == {"大栗树村"}
    assert _edges_of_article(store, dalishu) == other_before
    evidence = " ".join(d.get("evidence", "") for _, _, d in store.graph.edges(data=True) if d.get("article_id") == shenchong)
    assert "86万元" not in evidence and "95万元" in evidence


# -- bad inputs -------------------------------------------------------------------


def test_pipeline_bad_inputs_are_reported_and_good_ones_built(tmp_path: Path, bad_inputs_dir: Path) -> None:
    folder = tmp_path / "inputs"
    shutil.copytree(bad_inputs_dir, folder / "bad")
    (folder / "shenchong.txt").write_text(SHENCHONG_V1, encoding="utf-8")
    (folder / "dalishu.txt").write_text(DALISHU, encoding="utf-8")
    write_big_text(folder / "huge.txt")
    seen: list[Article | InputError] = []
    with NetworkxStore(tmp_path / "store") as store:
        report = build([folder], store=store, ner=False, on_article=seen.append)

    failed = sorted((Path(e.path).name, e.line) for e in report.errors)
    assert failed == sorted([
        ("binary.txt", None),
        ("empty.txt", None),
        ("english.txt", None),
        ("huge.txt", None),
        ("malformed.jsonl", 2),
        ("no-article.html", None),
        ("undecodable.txt", None),
    ])
    for e in report.errors:
        assert str(e).startswith(e.path + (f":{e.line}: " if e.line else ": "))
    [huge] = [e for e in report.errors if e.path.endswith("huge.txt")]
    assert "over the limit" in huge.problem

    good = good_articles(folder)
    assert sorted(a.key for a in good) == sorted(
        ["dalishu.txt", "shenchong.txt", "bad/malformed.jsonl#ok-1", "bad/malformed.jsonl#ok-3"]
    )
    assert report.built == len(good) == 4
    stored, _ = store_ids(tmp_path / "store")
    assert stored == {a.id for a in good}
    assert sum(isinstance(x, InputError) for x in seen) == 7
    assert sum(isinstance(x, Article) for x in seen) == 4
