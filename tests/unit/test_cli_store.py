"""``kg stats``, ``kg show``, ``kg export`` through typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

import kg.cli
import kg.cli.store  # noqa: F401 - registers the commands on kg.cli.app
import store_samples as s
from kg.cli import app
from kg.store.networkx_store import GRAPH_FILE, NetworkxStore

# Wide enough that rich does not wrap Chinese names in the tables.
runner = CliRunner(env={"COLUMNS": "200", "NO_COLOR": "1"})


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "store"
    with NetworkxStore(path) as st:
        st.write([s.article_a(), s.article_b()])
    return path


def test_cli_store_module_is_registered() -> None:
    assert "kg.cli.store" in kg.cli.COMMAND_MODULES


@pytest.mark.parametrize("command", ["stats", "show", "export"])
def test_cli_store_commands_have_help(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "--store" in result.output and "KG_STORE" in result.output
    assert "Example: kg " + command in result.output
    listing = runner.invoke(app, ["--help"])
    assert command in listing.output


def test_cli_store_stats_table(store: Path) -> None:
    result = runner.invoke(app, ["stats", "--store", str(store)])
    assert result.exit_code == 0, result.output
    lines = {" ".join(line.replace("│", " ").split()) for line in result.output.splitlines()}
    assert "nodes 7" in lines and "Place 2" in lines and "Person 1" in lines
    assert "relationships 14" in lines and "PART_OF 2" in lines and "MENTIONS 8" in lines


def test_cli_store_stats_json(store: Path) -> None:
    result = runner.invoke(app, ["stats", "--store", str(store), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["nodes"] == {"Article": 2, "Place": 2, "Person": 1, "Initiative": 1, "Outcome": 1}
    assert data["relationships"]["IMPLEMENTS"] == 2
    assert (data["node_count"], data["relationship_count"]) == (7, 14)


def test_cli_store_store_comes_from_the_environment_then_the_default(store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = runner.invoke(app, ["stats", "--format", "json"], env={"KG_STORE": str(store)})
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["node_count"] == 7
    work = tmp_path / "work"
    with NetworkxStore(work / ".kg" / "store") as st:
        st.write([s.article_b()])
    monkeypatch.chdir(work)
    monkeypatch.delenv("KG_STORE", raising=False)
    result = runner.invoke(app, ["stats", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["nodes"]["Article"] == 1


def test_cli_store_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["stats", "--store", str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert "kg build" in result.stderr and "nowhere" in result.stderr
    assert not (tmp_path / "nowhere").exists()  # reading does not create a store


def test_cli_store_damaged_store_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / GRAPH_FILE).write_bytes(b"garbage")
    result = runner.invoke(app, ["show", "沈岙村", "--store", str(tmp_path)])
    assert result.exit_code == 1
    assert "build again" in " ".join(result.stderr.split())


def test_cli_store_show_an_entity_with_evidence(store: Path) -> None:
    result = runner.invoke(app, ["show", "沈岙村", "--store", str(store)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "沈岙村" in out and "Place" in out and s.VILLAGE in out
    assert "aliases: 沈岙、温岭市大溪镇沈岙村" in out
    assert "admin_path: 浙江省/台州市/温岭市/大溪镇/沈岙村" in out
    for expected in ("PART_OF", "IMPLEMENTS", "ACHIEVED", "HOLDS_POSITION", "党支部书记", "大溪镇", "陈森", "三化十二制"):
        assert expected in out, expected
    assert "该村集体经济收入达到120万元。" in out  # an evidence sentence
    assert "沈岙村的新变化" in out  # the article it was read from (its title)
    assert "mentioned in 2 article(s)" in out


def test_cli_store_show_by_alias_and_by_id(store: Path) -> None:
    by_alias = runner.invoke(app, ["show", "温岭市大溪镇沈岙村", "--store", str(store), "--format", "json"])
    by_id = runner.invoke(app, ["show", s.VILLAGE, "--store", str(store), "--format", "json"])
    assert by_alias.exit_code == by_id.exit_code == 0
    data = json.loads(by_alias.stdout)
    assert data == json.loads(by_id.stdout)
    assert data["node"]["id"] == s.VILLAGE
    holds = [r for r in data["relationships"] if r["type"] == "HOLDS_POSITION"]
    assert holds == [{
        "type": "HOLDS_POSITION", "start": s.PERSON, "start_name": "陈森", "end": s.VILLAGE, "end_name": "沈岙村",
        "properties": {"title": "党支部书记"}, "evidence": "大溪镇沈岙村党支部书记陈森说，“三化十二制”让沈岙村变了样。",
        "article_id": s.ARTICLE_B, "article": "“三化十二制”让沈岙村变了样", "start_offset": 0, "end_offset": 30,
        "confidence": 0.9, "extractor": "test.rule",
    }]


def test_cli_store_show_lists_several_matches(store: Path) -> None:
    result = runner.invoke(app, ["show", "大溪", "--store", str(store), "--label", "Place"])
    assert result.exit_code == 0, result.output
    assert "2 entities match" in result.output
    assert s.TOWN in result.output and s.VILLAGE in result.output
    data = json.loads(runner.invoke(app, ["show", "大溪", "--store", str(store), "--format", "json"]).stdout)
    assert [m["id"] for m in data["matches"]] == [s.TOWN, s.VILLAGE]


def test_cli_store_show_an_article(store: Path) -> None:
    result = runner.invoke(app, ["show", s.ARTICLE_B, "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert "mentions 4 entities" in result.output and "陈森" in result.output
    assert "text: 大溪镇沈岙村党支部书记陈森说" in result.output  # a preview, on one line


def test_cli_store_show_nothing_found(store: Path) -> None:
    result = runner.invoke(app, ["show", "不存在的村", "--store", str(store)])
    assert result.exit_code == 1
    assert "no entity named '不存在的村'" in result.stderr


@pytest.mark.parametrize("format", ["graphml", "json", "cypher"])
def test_cli_store_export_file_formats(store: Path, tmp_path: Path, format: str) -> None:
    out = tmp_path / f"graph.{format}"
    result = runner.invoke(app, ["export", "--store", str(store), "--format", format, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [str(out)]
    if format == "graphml":
        assert nx.read_graphml(out, force_multigraph=True).number_of_edges() == 14
    elif format == "json":
        assert nx.node_link_graph(json.loads(out.read_text(encoding="utf-8")), edges="links").number_of_nodes() == 7
    else:
        # one batch per label (5) and per (type, start label, end label): 4 facts + MENTIONS of 4 labels
        assert out.read_text(encoding="utf-8").count(":param rows => ") == 5 + 4 + 4


def test_cli_store_export_csv(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    result = runner.invoke(app, ["export", "--store", str(store), "--format", "csv", "--out", str(out), "--array-delimiter", "|"])
    assert result.exit_code == 0, result.output
    written = result.stdout.splitlines()
    assert str(out / "nodes_Place.csv") in written and str(out / "import.sh") in written
    assert "import.sh" in result.stderr
    assert "沈岙|温岭市大溪镇沈岙村" in (out / "nodes_Place.csv").read_text(encoding="utf-8")


def test_cli_store_export_refuses_an_unknown_format(store: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "--store", str(store), "--format", "xml", "--out", str(tmp_path / "x")])
    assert result.exit_code == 2
    assert "graphml" in result.stderr


def test_cli_store_export_reports_library_errors(store: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "--store", str(store), "--format", "csv", "--out", str(tmp_path / "c"), "--array-delimiter", ","])
    assert result.exit_code == 1
    assert "array_delimiter" in result.stderr
