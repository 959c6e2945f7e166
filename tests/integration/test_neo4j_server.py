"""The session's real Neo4j server: version, APOC, Browser, status, and the CLI in front of it."""

from __future__ import annotations

import json
import urllib.request

import pytest
from typer.testing import CliRunner

from kg import neo4j_server
from kg.cli import _register, app
from kg.query.guide import serve
from kg.store.neo4j_store import Neo4jStore

pytestmark = pytest.mark.neo4j

_register()


def _home_or_skip_external(settings):
    if settings.home is None:
        pytest.fail("these tests check the server the session starts; unset KG_TEST_NEO4J_URI")
    return settings.home


def test_neo4j_server_runs_the_pinned_version_with_apoc(neo4j_server_settings) -> None:
    home = _home_or_skip_external(neo4j_server_settings)
    with urllib.request.urlopen(neo4j_server_settings.http_url, timeout=30) as response:
        discovery = json.load(response)
    assert discovery["neo4j_version"] == neo4j_server.NEO4J_VERSION
    assert discovery["neo4j_edition"] == "community"
    assert discovery["bolt_routing"].endswith(f":{neo4j_server.status(home=home).handle.bolt_port}")
    s = neo4j_server_settings
    with Neo4jStore(s.uri, s.user, s.password, s.database) as store:
        rows = store.driver.execute_query("RETURN apoc.version() AS v", database_=s.database).records
    assert rows[0]["v"] == neo4j_server.NEO4J_VERSION


def test_neo4j_server_serves_browser(neo4j_server_settings) -> None:
    _home_or_skip_external(neo4j_server_settings)
    with urllib.request.urlopen(neo4j_server_settings.http_url + "/browser/", timeout=30) as response:
        page = response.read().decode("utf-8")
    assert response.status == 200
    assert "<title>Neo4j Browser</title>" in page


def test_neo4j_server_serves_the_kg_guide_and_style_next_to_browser(neo4j_server_settings) -> None:
    _home_or_skip_external(neo4j_server_settings)
    from kg.query import list_templates

    with urllib.request.urlopen(neo4j_server_settings.http_url + neo4j_server.GUIDE_PATH, timeout=30) as response:
        guide = response.read().decode("utf-8")
        assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert all(f"<h3>{t.name}</h3>" in guide for t in list_templates())
    with urllib.request.urlopen(neo4j_server_settings.http_url + neo4j_server.STYLE_PATH, timeout=30) as response:
        assert 'node.Place {' in response.read().decode("utf-8")


def test_neo4j_server_status_reports_the_running_server(neo4j_server_settings) -> None:
    home = _home_or_skip_external(neo4j_server_settings)
    found = neo4j_server.status(home=home)
    assert found.running and found.bolt_ready and found.handle is not None
    assert found.handle.uri == neo4j_server_settings.uri
    assert found.handle.startup_seconds > 0
    result = CliRunner().invoke(app, ["neo4j", "status", "--home", str(home), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["running"] is True and data["uri"] == neo4j_server_settings.uri
    assert neo4j_server_settings.password not in result.output


def test_neo4j_server_refuses_a_second_server_in_the_same_home(neo4j_server_settings) -> None:
    home = _home_or_skip_external(neo4j_server_settings)
    with pytest.raises(neo4j_server.Neo4jUnavailable, match="already runs"):
        neo4j_server.start(home=home, bolt_port=neo4j_server.free_port(), http_port=neo4j_server.free_port(), password="another-password")


def test_neo4j_server_cli_bad_credentials_print_an_error_not_a_traceback(neo4j_server_settings, monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in neo4j_server_settings.env().items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("NEO4J_PASSWORD", "definitely-wrong-9")
    result = CliRunner().invoke(app, ["query", "graph_stats"])
    assert result.exit_code == 1
    output = " ".join(result.output.split())  # rich wraps long lines
    assert output.startswith("error:") and "refused the credentials" in output and "NEO4J_PASSWORD" in output
    assert "Traceback" not in output and "definitely-wrong-9" not in output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_neo4j_server_cli_query_prints_rows(neo4j_server_settings, neo4j_store, monkeypatch: pytest.MonkeyPatch) -> None:
    import governance_graph as g

    neo4j_store.write(g.batches())
    for key, value in neo4j_server_settings.env().items():
        monkeypatch.setenv(key, value)
    table = CliRunner().invoke(app, ["query", "people_in_place", "--param", "place=黄岩区"])
    assert table.exit_code == 0, table.output
    assert "潘统吉" in table.output and "第一书记" in table.output and "1 rows" in table.output
    as_json = CliRunner().invoke(app, ["query", "people_in_place", "-p", "place=黄岩区", "--format", "json"])
    assert json.loads(as_json.output) == [{"person": "潘统吉", "title": "第一书记", "at": "金竹岭脚村", "articles": 1}]
    missing = CliRunner().invoke(app, ["query", "people_in_place"])
    assert missing.exit_code == 1 and "needs --param place" in " ".join(missing.output.split())


def test_neo4j_server_guide_is_served_with_cors() -> None:
    import threading

    server = serve(port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/guide.html"
        with urllib.request.urlopen(url, timeout=10) as response:
            assert response.headers["Access-Control-Allow-Origin"] == "*"
            assert '<article class="guide">' in response.read().decode("utf-8")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
