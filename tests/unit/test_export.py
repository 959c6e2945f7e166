"""Exports of the embedded graph: GraphML, node-link JSON, neo4j-admin CSV, Cypher script."""

from __future__ import annotations

import csv
import json
import re
import shlex
from pathlib import Path

import networkx as nx
import pytest

import store_samples as s
from kg.errors import ConfigError, StoreError
from kg.model import LABELS, REL_TYPES
from kg.store.export import FORMATS, export, neo4j_import_command
from kg.store.networkx_store import NetworkxStore

# neo4j-admin header fields: id/label/type columns, or name[:type] with an optional array marker.
CSV_FIELD = re.compile(
    r"^(?:id:ID|:LABEL|:START_ID|:END_ID|:TYPE|"
    r"[A-Za-z_][A-Za-z0-9_]*(?::(?:int|long|float|double|boolean|byte|short|char|string|date|datetime)(?:\[\])?)?)$"
)


@pytest.fixture
def store(tmp_path: Path) -> NetworkxStore:
    st = NetworkxStore(tmp_path / "store")
    st.write([s.article_a(), s.article_b()])
    return st


def read_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    return rows[0], rows[1:]


def param_rows(line: str) -> list[dict]:
    """Turn the Cypher literal of a ``:param rows => …`` line back into Python (keys are backticked)."""
    literal = line.removeprefix(":param rows => ")
    as_json = re.sub(r"`((?:[^`]|``)*)`: ", lambda m: json.dumps(m.group(1).replace("``", "`"), ensure_ascii=False) + ": ", literal)
    return json.loads(as_json)


# -- GraphML -----------------------------------------------------------------


def test_export_graphml_reads_back_with_networkx(store: NetworkxStore, tmp_path: Path) -> None:
    [path] = export(store, tmp_path / "g.graphml", format="graphml")
    graph = nx.read_graphml(path, force_multigraph=True)
    assert set(graph.nodes) == set(store.graph.nodes)
    assert sorted(graph.edges(keys=True)) == sorted(store.graph.edges(keys=True))
    village = graph.nodes[s.VILLAGE]
    assert (village["label"], village["name"]) == ("Place", "沈岙村")
    assert json.loads(village["aliases"]) == ["沈岙", "温岭市大溪镇沈岙村"]  # lists travel as JSON text
    assert json.loads(graph.nodes[s.ARTICLE_A]["tags"]) == ["基层党建", "乡村振兴"]
    key = f"HOLDS_POSITION|{s.ARTICLE_B}|党支部书记"
    holds = graph.edges[s.PERSON, s.VILLAGE, key]
    assert holds["type"] == "HOLDS_POSITION"
    assert holds["title"] == "党支部书记"
    assert isinstance(holds["start"], int) and isinstance(holds["confidence"], float)
    assert graph.nodes[s.OUTCOME]["value"] == 1200000
    assert graph.nodes[s.ARTICLE_B]["text"] == s.TEXT_B  # line break kept


def test_export_graphml_gives_each_attribute_one_type(tmp_path: Path) -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("outcome-1", label="Outcome", name="甲", value=3, share=1)
    graph.add_node("outcome-2", label="Outcome", name="乙", value="三成", share=0.5)
    [path] = export(graph, tmp_path / "g.graphml", format="graphml")
    back = nx.read_graphml(path)
    assert back.nodes["outcome-1"]["value"] == "3"  # int mixed with text: text
    assert back.nodes["outcome-2"]["value"] == "三成"
    assert back.nodes["outcome-1"]["share"] == 1.0  # int mixed with float: float
    assert path.read_text(encoding="utf-8").count('attr.name="value"') == 1


# -- node-link JSON ----------------------------------------------------------


def test_export_json_is_node_link_of_the_store_graph(store: NetworkxStore, tmp_path: Path) -> None:
    [path] = export(store, tmp_path / "g.json", format="json")
    data = json.loads(path.read_text(encoding="utf-8"))
    graph = nx.node_link_graph(data, edges="links")
    assert nx.utils.graphs_equal(graph, store.graph)
    assert graph.edges[s.VILLAGE, s.TOWN, f"PART_OF|{s.ARTICLE_B}"]["evidence"].startswith("大溪镇沈岙村")


@pytest.mark.parametrize("format", FORMATS)
def test_export_is_deterministic(tmp_path: Path, format: str) -> None:
    one = NetworkxStore(tmp_path / "one")
    one.write([s.article_a(), s.article_b()])
    two = NetworkxStore(tmp_path / "two")
    two.write([s.article_b(), s.article_a()])
    files_one = export(one, tmp_path / "out1" / "x", format=format)
    files_two = export(two, tmp_path / "out2" / "x", format=format)
    assert [f.name for f in files_one] == [f.name for f in files_two]
    for a, b in zip(files_one, files_two):
        assert a.read_bytes() == b.read_bytes(), a.name


# -- neo4j-admin CSV ---------------------------------------------------------


def test_export_csv_files_have_neo4j_admin_headers(store: NetworkxStore, tmp_path: Path) -> None:
    files = export(store, tmp_path / "csv", format="csv")
    names = sorted(f.name for f in files)
    assert names == sorted(
        ["nodes_Article.csv", "nodes_Place.csv", "nodes_Person.csv", "nodes_Initiative.csv", "nodes_Outcome.csv",
         "relationships_PART_OF.csv", "relationships_IMPLEMENTS.csv", "relationships_ACHIEVED.csv",
         "relationships_HOLDS_POSITION.csv", "relationships_MENTIONS.csv", "import.sh", "README.md"]
    )
    for path in files:
        if path.suffix != ".csv":
            continue
        header, rows = read_csv(path)
        bad = [field for field in header if not CSV_FIELD.match(field)]
        assert bad == [], f"{path.name}: {bad}"
        assert len(set(field.split(":")[0] or field for field in header)) == len(header), path.name
        assert all(len(row) == len(header) for row in rows)
        if path.name.startswith("nodes_"):
            assert header[:3] == ["id:ID", "name", "aliases:string[]"] and header[-1] == ":LABEL"
            assert {row[-1] for row in rows} == {path.stem.removeprefix("nodes_")}
        else:
            assert header[:4] == [":START_ID", ":END_ID", ":TYPE", "key"]
            assert {row[2] for row in rows} == {path.stem.removeprefix("relationships_")}


def test_export_csv_values_and_types(store: NetworkxStore, tmp_path: Path) -> None:
    export(store, tmp_path / "csv", format="csv")
    header, rows = read_csv(tmp_path / "csv" / "nodes_Place.csv")
    village = dict(zip(header, next(r for r in rows if r[0] == s.VILLAGE)))
    assert village["aliases:string[]"].split(";") == ["沈岙", "温岭市大溪镇沈岙村"]
    assert village["admin_path:string"] == "浙江省/台州市/温岭市/大溪镇/沈岙村"
    header, rows = read_csv(tmp_path / "csv" / "nodes_Outcome.csv")
    assert dict(zip(header, rows[0]))["value:int"] == "1200000"
    header, rows = read_csv(tmp_path / "csv" / "nodes_Article.csv")
    article_b = dict(zip(header, next(r for r in rows if r[0] == s.ARTICLE_B)))
    assert article_b["text:string"] == s.TEXT_B  # multi-line field, quoted
    assert article_b["tags:string[]"] == ""  # absent: an empty, unquoted cell is no property
    header, rows = read_csv(tmp_path / "csv" / "relationships_HOLDS_POSITION.csv")
    assert header == [":START_ID", ":END_ID", ":TYPE", "key", "article_id:string", "confidence:double", "end:int",
                      "evidence:string", "extractor:string", "start:int", "title:string"]
    holds = dict(zip(header, rows[0]))
    assert (holds[":START_ID"], holds[":END_ID"], holds["title:string"]) == (s.PERSON, s.VILLAGE, "党支部书记")
    assert float(holds["confidence:double"]) == 0.9
    header, _ = read_csv(tmp_path / "csv" / "relationships_MENTIONS.csv")
    assert "starts:int[]" in header and "ends:int[]" in header


def test_export_csv_writes_the_import_command(store: NetworkxStore, tmp_path: Path) -> None:
    files = export(store, tmp_path / "csv", format="csv")
    csv_files = [f.name for f in files if f.suffix == ".csv"]
    readme = (tmp_path / "csv" / "README.md").read_text(encoding="utf-8")
    [line] = [ln.strip() for ln in readme.splitlines() if ln.strip().startswith("neo4j-admin ")]
    argv = shlex.split(line)
    assert argv[:5] == ["neo4j-admin", "database", "import", "full", "neo4j"]
    assert "--multiline-fields=true" in argv and "--array-delimiter=;" in argv
    named = [a.split("=", 1)[1] for a in argv if a.startswith(("--nodes=", "--relationships="))]
    assert sorted(named) == sorted(csv_files)
    script = (tmp_path / "csv" / "import.sh").read_text(encoding="utf-8")
    assert script.startswith("#!/bin/sh\n")
    assert all(f"--nodes={f}" in script or f"--relationships={f}" in script for f in csv_files)
    assert (tmp_path / "csv" / "import.sh").stat().st_mode & 0o100


def test_export_csv_refuses_an_array_element_holding_the_delimiter(tmp_path: Path) -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("place-1", label="Place", name="甲村", aliases=["甲;乙村"])
    with pytest.raises(StoreError, match="array_delimiter"):
        export(graph, tmp_path / "csv", format="csv")
    export(graph, tmp_path / "csv", format="csv", array_delimiter="|")
    header, rows = read_csv(tmp_path / "csv" / "nodes_Place.csv")
    assert rows[0][header.index("aliases:string[]")] == "甲;乙村"
    assert "--array-delimiter=|" in (tmp_path / "csv" / "import.sh").read_text(encoding="utf-8")


def test_export_csv_refuses_a_property_name_neo4j_admin_cannot_parse(tmp_path: Path) -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("place-1", label="Place", name="甲村", **{"level:x": "village"})
    with pytest.raises(StoreError, match="rename it"):
        export(graph, tmp_path / "csv", format="csv")


def test_neo4j_import_command_puts_the_database_before_the_file_lists() -> None:
    argv = neo4j_import_command(["n.csv"], ["r.csv"], database="kg")
    assert argv.index("kg") < argv.index("--nodes=n.csv")  # --relationships would swallow a trailing name


# -- Cypher script -----------------------------------------------------------


def test_export_cypher_has_no_inline_values(store: NetworkxStore, tmp_path: Path) -> None:
    [path] = export(store, tmp_path / "g.cypher", format="cypher")
    lines = path.read_text(encoding="utf-8").splitlines()
    statements = [ln for ln in lines if ln and not ln.startswith(("//", ":param rows => "))]
    assert statements
    for line in statements:
        assert not re.search(r"[\"'\u4e00-\u9fff]|\b\d+\b", line), line
    values = ("沈岙村", "党支部书记", s.ARTICLE_A, "1200000")
    assert all(v not in ln for ln in statements for v in values)
    labels_used = set(re.findall(r"\((?:n|a|b):([A-Za-z]+)", "\n".join(statements)))
    types_used = set(re.findall(r"\[r:([A-Z_]+)", "\n".join(statements)))
    assert labels_used <= set(LABELS) and types_used <= set(REL_TYPES)
    assert all("$" not in ln or "$rows" in ln for ln in statements)


def test_export_cypher_params_hold_the_whole_graph(store: NetworkxStore, tmp_path: Path) -> None:
    [path] = export(store, tmp_path / "g.cypher", format="cypher")
    lines = path.read_text(encoding="utf-8").splitlines()
    nodes, rels = {}, {}
    for i, line in enumerate(lines):
        if line.startswith(":param rows => "):
            rows = param_rows(line)
            statement = " ".join(lines[i + 1 : i + 6])
            assert lines[i + 1] == "UNWIND $rows AS row"
            for row in rows:
                if "MERGE (n:" in statement:
                    nodes[row["id"]] = row["props"]
                else:
                    rels[(row["start"], row["end"], row["key"])] = row["props"]
    assert set(nodes) == set(store.graph.nodes)
    assert set(rels) == set(store.graph.edges(keys=True))
    assert nodes[s.ARTICLE_B]["text"] == s.TEXT_B
    assert nodes[s.VILLAGE]["aliases"] == ["沈岙", "温岭市大溪镇沈岙村"]
    assert nodes[s.TOWN]["aliases"] == []
    assert "label" not in nodes[s.TOWN]  # the label is the node's label, not a property
    holds = rels[(s.PERSON, s.VILLAGE, f"HOLDS_POSITION|{s.ARTICLE_B}|党支部书记")]
    assert (holds["title"], holds["start"], holds["confidence"]) == ("党支部书记", 0, 0.9)


def test_export_cypher_batches_rows(store: NetworkxStore, tmp_path: Path) -> None:
    [path] = export(store, tmp_path / "g.cypher", format="cypher", batch_size=1)
    params = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.startswith(":param")]
    assert len(params) == store.graph.number_of_nodes() + store.graph.number_of_edges()


def test_export_cypher_escapes_awkward_values(tmp_path: Path) -> None:
    awkward = 'say "hi"\\ \'x\' \n next line `tick` }] \u2028 \x85 \x01'
    graph = nx.MultiDiGraph()
    graph.add_node("place-1", label="Place", name=awkward, aliases=[], extra={"a`b": 1}, mixed=[1, "x"], nums=[1, 2.5])
    [path] = export(graph, tmp_path / "g.cypher", format="cypher")
    # One line per :param whatever the string holds, even for Unicode line separators.
    param_lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.startswith(":param")]
    assert len(param_lines) == 1
    [row] = param_rows(param_lines[0])
    assert row["props"]["name"] == awkward
    assert row["props"]["extra"] == '{"a`b": 1}'  # maps cannot be Neo4j properties: JSON text
    assert row["props"]["mixed"] == '[1, "x"]'  # nor mixed lists
    assert row["props"]["nums"] == [1.0, 2.5]


def test_export_cypher_refuses_non_finite_numbers(tmp_path: Path) -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("outcome-1", label="Outcome", name="甲", value=float("inf"))
    with pytest.raises(StoreError, match="Cypher value"):
        export(graph, tmp_path / "g.cypher", format="cypher")
    assert not (tmp_path / "g.cypher").exists()  # nothing half-written


# -- common ------------------------------------------------------------------


@pytest.mark.parametrize("format", ["csv", "cypher"])
def test_export_refuses_labels_outside_the_ontology(tmp_path: Path, format: str) -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("x-1", label="Robert'); DROP", name="x")
    with pytest.raises(StoreError, match="kg.model.LABELS"):
        export(graph, tmp_path / "out", format=format)


def test_export_into_an_existing_folder_names_the_file(store: NetworkxStore, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    [path] = export(store, tmp_path / "out", format="graphml")
    assert path == tmp_path / "out" / "graph.graphml"


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"format": "xml"}, ConfigError),
        ({"format": "cypher", "batch_size": 0}, ConfigError),
        ({"format": "csv", "array_delimiter": ","}, ConfigError),
        ({"format": "csv", "array_delimiter": ";;"}, ConfigError),
    ],
)
def test_export_refuses_bad_options(store: NetworkxStore, tmp_path: Path, kwargs: dict, error: type) -> None:
    with pytest.raises(error):
        export(store, tmp_path / "out", **kwargs)


def test_export_needs_an_embedded_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="embedded store"):
        export(object(), tmp_path / "out", format="json")  # type: ignore[arg-type]
