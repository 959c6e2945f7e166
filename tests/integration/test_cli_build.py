"""``kg build`` and ``kg extract``: the CLI over the pipeline and the embedded store.

``kg build`` runs in-process through typer's CliRunner (the pipeline is loaded
once); ``kg extract`` also runs as the installed console script, and its JSON
goes through ``shared/eval/score.py`` with a small gold file written here for
one of the shipped samples (never the evaluation data).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import kg.cli.build  # noqa: F401 - registers extract and build on kg.cli.app
from kg import quality
from kg.cli import app
from kg.ids import article_id
from kg.ingest import read_articles
from kg.model import Article
from kg.store.networkx_store import GRAPH_FILE, NetworkxStore

ROOT = Path(__file__).resolve().parents[2]
KG = ROOT / ".venv" / "bin" / "kg"
SCORE = quality.find_eval_dir() / "score.py"  # the evaluation's scorer, or kg's verbatim copy of it
SAMPLE_COUNT = 11

# Wide enough that rich never wraps an error line (tmp paths are long).
runner = CliRunner(env={"COLUMNS": "1000", "NO_COLOR": "1", "KG_MAX_BYTES": None, "KG_NER": None,
                        "KG_STORE": None, "KG_WORKERS": None})

BAD_FILES = {
    # file name -> the JSONL line that is bad (None: the whole file)
    "binary.txt": None,
    "empty.txt": None,
    "english.txt": None,
    "malformed.jsonl": 2,
    "no-article.html": None,
    "undecodable.txt": None,
    "huge.txt": None,
}


def write_big_text(path: Path, size: int = 50_000_000) -> None:
    """A plain UTF-8 text file of ``size`` bytes (made at run time, never committed)."""
    line = ("镇里组织党员志愿者清扫村道，整治房前屋后环境。" * 20 + "\n").encode("utf-8")
    with path.open("wb") as f:
        written = 0
        while written < size:
            f.write(line)
            written += len(line)


def build_args(*inputs: Path, store: Path, extra: tuple[str, ...] = ()) -> list[str]:
    return ["build", *map(str, inputs), "--store", str(store), "--no-ner", "--quiet", *extra]


def summary(output: str) -> tuple[int, int, int]:
    m = re.search(r"articles: (\d+) built, (\d+) unchanged, (\d+) failed", output)
    assert m, output
    return int(m[1]), int(m[2]), int(m[3])


def stored_article_ids(store: Path) -> set[str]:
    return {n.id for n in NetworkxStore(store, create=False).articles()}


# -- a folder of good and bad inputs --------------------------------------------


@pytest.fixture(scope="module")
def mixed_folder(tmp_path_factory: pytest.TempPathFactory, samples_dir: Path, bad_inputs_dir: Path) -> Path:
    folder = tmp_path_factory.mktemp("mixed") / "inputs"
    shutil.copytree(samples_dir, folder / "good")
    for f in bad_inputs_dir.iterdir():
        shutil.copy(f, folder / f.name)
    write_big_text(folder / "huge.txt")
    return folder


@pytest.fixture(scope="module")
def mixed_build(mixed_folder: Path, tmp_path_factory: pytest.TempPathFactory):
    store = tmp_path_factory.mktemp("mixed-store") / "store"
    result = runner.invoke(app, build_args(mixed_folder, store=store))
    return result, store


def test_cli_build_bad_inputs_exit_non_zero(mixed_build) -> None:
    result, _ = mixed_build
    assert result.exit_code == 1, result.output


def test_cli_build_each_bad_input_gives_one_message_naming_it(mixed_build, mixed_folder: Path) -> None:
    result, _ = mixed_build
    errors = [line for line in result.stderr.splitlines() if line.startswith("error ")]
    assert len(errors) == len(BAD_FILES), result.stderr
    for name, line in BAD_FILES.items():
        where = str(mixed_folder / name) + (f":{line}:" if line else ":")
        mine = [e for e in errors if str(mixed_folder / name) in e]
        assert len(mine) == 1, (name, errors)
        assert mine[0].startswith(f"error {where} "), mine[0]
    [huge] = [e for e in errors if "huge.txt" in e]
    assert "50 MB" in huge and "--max-bytes" in huge
    assert "Traceback" not in result.output


def test_cli_build_every_good_article_is_built(mixed_build, mixed_folder: Path) -> None:
    result, store = mixed_build
    good = [a for a in read_articles([mixed_folder]) if isinstance(a, Article)]
    assert len(good) == SAMPLE_COUNT + 2  # the samples and the two good lines of malformed.jsonl
    assert summary(result.stdout) == (len(good), 0, len(BAD_FILES))
    assert stored_article_ids(store) == {a.id for a in good}
    assert article_id("malformed.jsonl#ok-3") in stored_article_ids(store)


def test_cli_build_again_changes_nothing(mixed_build, mixed_folder: Path) -> None:
    _, store = mixed_build
    before = (store / GRAPH_FILE).read_bytes()
    mtime = (store / GRAPH_FILE).stat().st_mtime_ns
    again = runner.invoke(app, build_args(mixed_folder, store=store))
    assert again.exit_code == 1  # the bad inputs are still bad
    assert summary(again.stdout) == (0, SAMPLE_COUNT + 2, len(BAD_FILES))
    assert (store / GRAPH_FILE).read_bytes() == before
    assert (store / GRAPH_FILE).stat().st_mtime_ns == mtime, "an unchanged build does not rewrite the file"


def test_cli_build_prints_a_summary_table(mixed_build) -> None:
    result, store = mixed_build
    assert "kggraphin" + str(store) in "".join(result.stdout.split())  # the title wraps at the table's width
    rows = [" ".join(line.replace("│", " ").split()) for line in result.stdout.splitlines()]
    assert any(re.search(rf"(^| )Article {SAMPLE_COUNT + 2}( |$)", row) for row in rows), result.stdout


# -- the samples, clean ------------------------------------------------------------


def test_cli_build_samples_exit_zero_and_workers_give_the_same_graph(samples_dir: Path, tmp_path: Path) -> None:
    one = runner.invoke(app, build_args(samples_dir, store=tmp_path / "one"))
    assert one.exit_code == 0, one.output
    assert summary(one.stdout) == (SAMPLE_COUNT, 0, 0)
    two = runner.invoke(app, build_args(samples_dir, store=tmp_path / "two", extra=("--workers", "2")))
    assert two.exit_code == 0, two.output
    assert summary(two.stdout) == (SAMPLE_COUNT, 0, 0)
    assert (tmp_path / "one" / GRAPH_FILE).read_bytes() == (tmp_path / "two" / GRAPH_FILE).read_bytes()


ARTICLE_V1 = (
    "交里乡推行“三级联户”机制\n"
    "2023-04-02 08:00 来源：黄河乡村报\n\n"
    "陕西省延安市宜川县交里乡推行“三级联户”机制，今年全乡苹果种植面积达到1.2万亩。\n"
)
ARTICLE_V2 = ARTICLE_V1.replace("1.2万亩", "1.5万亩")
OTHER = (
    "大陈乡游客量创新高\n"
    "2023-05-01 08:00 来源：江郎晨报\n\n"
    "浙江省衢州市江山市大陈乡今年接待游客15.6万人次。\n"
)


def test_cli_build_changed_article_replaces_its_facts(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "jiaoli.txt").write_text(ARTICLE_V1, encoding="utf-8")
    (folder / "dachen.txt").write_text(OTHER, encoding="utf-8")
    store = tmp_path / "store"
    first = runner.invoke(app, build_args(folder, store=store))
    assert first.exit_code == 0, first.output
    assert summary(first.stdout) == (2, 0, 0)

    (folder / "jiaoli.txt").write_text(ARTICLE_V2, encoding="utf-8")
    second = runner.invoke(app, build_args(folder, store=store))
    assert second.exit_code == 0, second.output
    assert summary(second.stdout) == (1, 1, 0)
    graph = NetworkxStore(store, create=False)
    values = sorted((d["name"], d.get("value")) for _, d in graph.graph.nodes(data=True) if d["label"] == "Outcome")
    assert [v for _, v in values] == sorted([15000, 156000]), values
    assert stored_article_ids(store) == {article_id("jiaoli.txt"), article_id("dachen.txt")}


def test_cli_build_store_from_environment(samples_dir: Path, tmp_path: Path) -> None:
    store = tmp_path / "from-env"
    result = runner.invoke(app, ["build", str(samples_dir / "jinzhai-2020-10-15.txt"), "--no-ner", "-q"],
                           env={"KG_STORE": str(store)})
    assert result.exit_code == 0, result.output
    assert stored_article_ids(store) == {article_id("jinzhai-2020-10-15.txt")}


def test_cli_build_missing_input(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder"
    result = runner.invoke(app, build_args(missing, store=tmp_path / "store"))
    assert result.exit_code == 1
    assert f"error {missing}: no such file or folder" in result.stderr
    assert summary(result.stdout) == (0, 0, 1)


@pytest.mark.parametrize("command", ["build", "extract"])
def test_cli_build_commands_have_help(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert f"Example: kg {command}" in result.output
    assert "--no-ner" in result.output and "--max-bytes" in result.output
    assert command in runner.invoke(app, ["--help"]).output


# -- kg extract ---------------------------------------------------------------------


def test_cli_extract_jsonl_one_graph_per_article(samples_dir: Path) -> None:
    result = runner.invoke(app, ["extract", str(samples_dir / "articles.jsonl"), "--format", "jsonl", "--no-ner"])
    assert result.exit_code == 0, result.output
    graphs = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(graphs) == 3
    for g in graphs:
        [article] = [n for n in g["nodes"] if n["label"] == "Article"]
        assert "text" not in article["properties"]
        ids = {n["id"] for n in g["nodes"]}
        assert all(r["start"] in ids and r["end"] in ids for r in g["relationships"])


def test_cli_extract_bad_input_exits_non_zero_and_prints_the_good_ones(samples_dir: Path, bad_inputs_dir: Path) -> None:
    result = runner.invoke(app, ["extract", str(samples_dir / "jinzhai-2020-10-15.txt"), str(bad_inputs_dir / "empty.txt"),
                                 "--format", "json", "--no-ner"])
    assert result.exit_code == 1
    assert f"error {bad_inputs_dir / 'empty.txt'}: empty file" in result.stderr
    graph = json.loads(result.stdout)
    assert any(n["name"] == "金寨县" for n in graph["nodes"])


def test_cli_extract_rejects_unknown_format(samples_dir: Path) -> None:
    result = runner.invoke(app, ["extract", str(samples_dir / "jinzhai-2020-10-15.txt"), "--format", "xml", "--no-ner"])
    assert result.exit_code == 2
    assert "json or jsonl" in result.output


# A small gold file for samples/jinzhai-2020-10-15.txt, in the format of shared/eval (see its README).
JINZHAI_GOLD = {
    "text": "samples/jinzhai-2020-10-15.txt",
    "article": {"title": "金寨：“一村一策”推动薄弱村蝶变"},
    "entities": [
        {"label": "Place", "name": "金寨县"},
        {"label": "Place", "name": "燕子河镇"},
        {"label": "Place", "name": "大峡谷村"},
        {"label": "Place", "name": "斑竹园镇"},
        {"label": "Place", "name": "小河村"},
        {"label": "Person", "name": "储成兵"},
        {"label": "Person", "name": "汪立新"},
        {"label": "Organization", "name": "金寨县委"},
        {"label": "Initiative", "name": "一村一策"},
        {"label": "Document", "name": "关于加强村级集体经济薄弱村整顿转化的实施意见"},
        {"label": "Outcome", "name": "帮扶资金累计投入2.3亿元", "value": 230000000, "unit": "元"},
    ],
    "relations": [
        {"type": "PART_OF", "head": "大峡谷村", "tail": "燕子河镇"},
        {"type": "PART_OF", "head": "小河村", "tail": "斑竹园镇"},
        {"type": "ISSUED", "head": "金寨县委", "tail": "关于加强村级集体经济薄弱村整顿转化的实施意见"},
        {"type": "HOLDS_POSITION", "head": "汪立新", "tail": "小河村"},
    ],
}


def test_cli_extract_console_script_output_is_read_by_the_scorer(samples_dir: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    done = subprocess.run(
        [str(KG), "extract", str(samples_dir / "jinzhai-2020-10-15.txt"), "--format", "json", "--no-ner"],
        capture_output=True, text=True, env=env, timeout=600, check=False,
    )
    assert done.returncode == 0, done.stderr
    pred = tmp_path / "jinzhai.pred.json"
    pred.write_text(done.stdout, encoding="utf-8")
    graph = json.loads(done.stdout)
    assert {"nodes", "relationships"} <= set(graph)

    gold = tmp_path / "jinzhai.gold.json"
    gold.write_text(json.dumps(JINZHAI_GOLD, ensure_ascii=False), encoding="utf-8")
    scored = subprocess.run([sys.executable, str(SCORE), str(gold), str(pred), "--json"],
                            capture_output=True, text=True, timeout=120, check=False)
    assert scored.returncode == 0, scored.stderr
    report = json.loads(scored.stdout)
    assert report["article"] == {"title": True}
    assert report["nodes"]["ALL"]["tp"] >= 9, report["nodes"]["ALL"]
    assert report["nodes"]["Place"].get("fn", 0) == 0, report["nodes"]["Place"]["missed"]
    assert report["relationships"]["ALL"]["tp"] >= 3, report["relationships"]["ALL"]
    text = subprocess.run([sys.executable, str(SCORE), str(gold), str(pred)],
                          capture_output=True, text=True, timeout=120, check=True).stdout
    assert re.search(r"node F1 0\.\d{3} relationship F1 0\.\d{3}", text), text
