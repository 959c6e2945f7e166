"""kg.neo4j_server without a running server: config, state file, refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg import neo4j_server
from kg.errors import ConfigError


def test_neo4j_server_config_binds_to_loopback(tmp_path: Path) -> None:
    conf = neo4j_server.write_config(tmp_path, bolt_port=17687, http_port=17474, auth=True)
    settings = dict(line.split("=", 1) for line in (conf / "neo4j.conf").read_text().splitlines() if line and not line.startswith("#"))
    assert settings["server.default_listen_address"] == "127.0.0.1"
    assert settings["server.bolt.listen_address"] == "127.0.0.1:17687"
    assert settings["server.bolt.advertised_address"] == "127.0.0.1:17687"  # neo4j:// routing hands this out
    assert settings["server.http.listen_address"] == "127.0.0.1:17474"
    assert settings["dbms.security.auth_enabled"] == "true"
    assert settings["server.https.enabled"] == "false"
    assert settings["server.directories.data"] == str(tmp_path / "data")
    assert settings["dbms.security.procedures.unrestricted"] == "apoc.*"
    off = neo4j_server.write_config(tmp_path, bolt_port=1, http_port=2, auth=False)
    assert "dbms.security.auth_enabled=false" in (off / "neo4j.conf").read_text()


def test_neo4j_server_status_of_an_empty_home(tmp_path: Path) -> None:
    found = neo4j_server.status(home=tmp_path)
    assert not found.running and found.handle is None
    assert neo4j_server.stop(home=tmp_path) is False


def test_neo4j_server_stale_state_file_is_not_running(tmp_path: Path) -> None:
    handle = neo4j_server.ServerHandle(home=str(tmp_path), pid=2**22 + 12345, bolt_port=1, http_port=2, auth=True, password="secret-password")
    neo4j_server._write_state(handle)
    state = json.loads((tmp_path / neo4j_server.STATE_FILE).read_text())
    assert "password" not in state and "secret-password" not in json.dumps(state)
    found = neo4j_server.status(home=tmp_path)
    assert not found.running and "stale" in found.detail
    assert neo4j_server.stop(home=tmp_path) is False
    assert not (tmp_path / neo4j_server.STATE_FILE).exists()


def test_neo4j_server_handle_hides_the_password() -> None:
    handle = neo4j_server.ServerHandle(home="/x", pid=1, bolt_port=7687, http_port=7474, auth=True, password="secret-password")
    assert "secret-password" not in repr(handle)
    assert handle.uri == "bolt://127.0.0.1:7687" and handle.routing_uri == "neo4j://127.0.0.1:7687"
    assert handle.browser_url == "http://127.0.0.1:7474/browser/"


@pytest.mark.parametrize(("password", "message"), [(None, "NEO4J_PASSWORD"), ("short", "at least 8")])
def test_neo4j_server_start_needs_a_good_password(tmp_path: Path, password: str | None, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        neo4j_server.start(home=tmp_path, bolt_port=neo4j_server.free_port(), http_port=neo4j_server.free_port(), password=password)


def test_neo4j_server_free_port_is_bindable() -> None:
    import socket

    port = neo4j_server.free_port()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", port))


def test_neo4j_server_home_password_is_made_once_and_private(tmp_path: Path) -> None:
    assert neo4j_server.home_password(tmp_path) is None
    made = neo4j_server.home_password(tmp_path, create=True)
    assert made and len(made) >= 16
    assert neo4j_server.home_password(tmp_path, create=True) == made
    assert (tmp_path / neo4j_server.PASSWORD_FILE).stat().st_mode & 0o777 == 0o600
