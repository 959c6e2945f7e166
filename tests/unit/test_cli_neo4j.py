"""The Neo4j commands without a server: listing, status, and clear errors when none answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg import neo4j_server
from kg.cli import _register, app
from kg.query import list_templates

_register()
runner = CliRunner()


def _flat(text: str) -> str:
    return " ".join(text.split())  # rich wraps long lines


@pytest.fixture
def nowhere(monkeypatch: pytest.MonkeyPatch) -> str:
    uri = f"bolt://127.0.0.1:{neo4j_server.free_port()}"
    monkeypatch.setenv("NEO4J_URI", uri)
    monkeypatch.setenv("NEO4J_PASSWORD", "not-a-real-password")
    return uri


def test_cli_neo4j_queries_lists_every_template() -> None:
    result = runner.invoke(app, ["queries", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [r["name"] for r in rows] == [t.name for t in list_templates()]
    assert all(r["description"] for r in rows)
    table = runner.invoke(app, ["queries"])
    assert "initiatives_in_place" in table.output


def test_cli_neo4j_status_without_a_server(tmp_path: Path) -> None:
    result = runner.invoke(app, ["neo4j", "status", "--home", str(tmp_path)])
    assert result.exit_code == 3 and "not running" in result.output
    assert runner.invoke(app, ["neo4j", "stop", "--home", str(tmp_path)]).exit_code == 0


@pytest.mark.parametrize(
    "args",
    [["query", "graph_stats"], ["load", "--store", "."], ["build", "samples", "--neo4j", "--no-ner", "--quiet"]],
    ids=["query", "load", "build"],
)
def test_cli_neo4j_unreachable_server_is_a_message_not_a_traceback(nowhere: str, args: list[str]) -> None:
    result = runner.invoke(app, args)
    output = _flat(result.output)
    assert result.exit_code in (1, 2)
    assert f"cannot reach Neo4j at {nowhere}" in output and "kg neo4j start" in output
    assert "Traceback" not in output and "not-a-real-password" not in output
    assert isinstance(result.exception, SystemExit)


def test_cli_neo4j_query_checks_parameters_before_connecting(nowhere: str) -> None:
    result = runner.invoke(app, ["query", "initiatives_in_place", "--param", "town=温岭"])
    assert result.exit_code == 1 and "has no parameter town" in _flat(result.output)
    result = runner.invoke(app, ["query", "initiatives_in_place", "--param", "place"])
    assert result.exit_code == 1 and "key=value" in _flat(result.output)
