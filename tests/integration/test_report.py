"""`kg report`: one self-contained page from a store, with its data escaped (no browser here)."""

from __future__ import annotations

import doctest
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import governance_graph as g
from kg import report
from kg.cli import COMMAND_MODULES, _register, app
from kg.errors import ConfigError
from kg.ids import node_id
from kg.model import Node
from kg.store.networkx_store import NetworkxStore

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = "<script>alert(1)</script>&村"


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "store"
    hostile = Node(id=node_id("Initiative", HOSTILE), label="Initiative", name=HOSTILE, properties={"kind": "other"})
    a = g.ArticleBuilder(key="fixture/hostile.txt", title="</script>标题", published_at="2018-01-01", source="测试")
    a.fact("IMPLEMENTS", g.TIANTAI, hostile, f"天台县推行{HOSTILE}。")
    with NetworkxStore(folder) as store:
        store.write([*g.batches(), a.batch()])
    return folder


def _data(page: str) -> dict:
    block = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert block is not None
    return json.loads(block.group(1))


def test_report_doctests() -> None:
    result = doctest.testmod(report)
    assert result.attempted >= 1 and result.failed == 0


def test_report_cli_writes_one_self_contained_page(store_dir: Path, tmp_path: Path) -> None:
    _register()
    assert "kg.cli.report" in COMMAND_MODULES
    out = tmp_path / "sub" / "report.html"
    result = CliRunner().invoke(app, ["report", "--store", str(store_dir), "--out", str(out), "--title", "台州 report"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == str(out)
    page = out.read_text(encoding="utf-8")
    assert "<title>台州 report</title>" in page
    # nothing to fetch: no external scripts, styles, images or fonts
    assert not re.search(r'(src|href)="(https?:)?//', page)
    assert "@import" not in page and "url(http" not in page
    assert "sourceMappingURL" not in page
    assert f"vis-network {report.VIS_NETWORK_VERSION}" in page
    data = _data(page)
    names = {n["kg"]["name"] for n in data["nodes"]}
    assert {"温岭市", "三化十二制", "帮扶资金15.6亿元", "浙江省"} <= names
    daxi = next(e for e in data["edges"] if e["kg"]["from"] == "大溪镇" and e["kg"]["to"] == "三化十二制")
    assert [f["evidence"] for f in daxi["kg"]["facts"]] == ["大溪镇率先试点“三化十二制”。", "大溪镇的“三化十二制”已经成熟。"]
    assert "大溪镇率先试点" in daxi["title"]  # evidence on hover
    for table in ("initiatives", "diffusion", "outcomes", "people", "centrality", "communities"):
        assert f'id="table-{table}"' in page
    assert "15.6亿元" in page


def test_report_escapes_what_the_articles_say(store_dir: Path) -> None:
    with NetworkxStore(store_dir, create=False) as store:
        page = report.render_report(store)
    assert HOSTILE not in page and "</script>标题" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&amp;村" in page  # table cells are escaped
    assert HOSTILE in {n["kg"]["name"] for n in _data(page)["nodes"]}  # and the data still says it


def test_report_limits_the_drawing_to_the_best_connected_nodes(store_dir: Path) -> None:
    with NetworkxStore(store_dir, create=False) as store:
        page = report.render_report(store, max_nodes=5)
        assert len(_data(page)["nodes"]) == 5
        assert "showing 5 of" in page
        with pytest.raises(ConfigError, match="max_nodes"):
            report.render_report(store, max_nodes=0)


def test_report_cli_fails_clearly_without_a_store(tmp_path: Path) -> None:
    _register()
    result = CliRunner().invoke(app, ["report", "--store", str(tmp_path / "none"), "--out", str(tmp_path / "r.html")])
    assert result.exit_code == 1
    assert "kg build" in result.output
    assert not (tmp_path / "r.html").exists()


def test_report_is_in_the_readme_with_an_example() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "| `kg report` |" in readme
    assert "kg report --store .kg/store --out report.html" in readme
