"""Fixtures of the integration tests: one real Neo4j server for the whole test session.

The server is assembled from Maven Central jars (``kg.neo4j_server.install``,
a few minutes the first time, cached in ``~/.m2`` after), started on free
ports with auth on and a random password, and stopped at the end of the
session whatever happens.  If it cannot be installed or started, every test
that needs it errors loudly: they are never skipped.

``KG_TEST_NEO4J_URI`` (with ``KG_TEST_NEO4J_PASSWORD``, and
``KG_TEST_NEO4J_HTTP_URL`` for the Browser test) points the tests at a
server that already runs instead (e.g. docker compose); its database is
emptied by the tests.
"""

from __future__ import annotations

import os
import secrets
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pytest

from kg import neo4j_server
from kg.store.neo4j_store import Neo4jStore

sys.path.insert(0, str(Path(__file__).resolve().parent))  # governance_graph, the hand-written fixture graph


@dataclass(frozen=True)
class Neo4jSettings:
    """How to reach the test server."""

    uri: str
    routing_uri: str
    user: str
    password: str
    database: str
    http_url: str | None
    home: Path | None

    def env(self) -> dict[str, str]:
        """The ``NEO4J_*`` variables that point kg at this server."""
        return {"NEO4J_URI": self.uri, "NEO4J_USERNAME": self.user, "NEO4J_PASSWORD": self.password, "NEO4J_DATABASE": self.database}


def _two_free_ports() -> tuple[int, int]:
    bolt = neo4j_server.free_port()
    http = neo4j_server.free_port()
    while http == bolt:
        http = neo4j_server.free_port()
    return bolt, http


@pytest.fixture(scope="session")
def neo4j_server_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jSettings]:
    """Start one Neo4j server for the session (or use ``KG_TEST_NEO4J_URI``); stop it at the end."""
    external = os.environ.get("KG_TEST_NEO4J_URI")
    if external:
        yield Neo4jSettings(
            uri=external,
            routing_uri=external,
            user=os.environ.get("KG_TEST_NEO4J_USERNAME", "neo4j"),
            password=os.environ.get("KG_TEST_NEO4J_PASSWORD", ""),
            database=os.environ.get("KG_TEST_NEO4J_DATABASE", "neo4j"),
            http_url=os.environ.get("KG_TEST_NEO4J_HTTP_URL"),
            home=None,
        )
        return
    neo4j_server.install(timeout=1800)
    home = tmp_path_factory.mktemp("neo4j-home")
    password = secrets.token_urlsafe(18)
    bolt, http = _two_free_ports()
    handle = neo4j_server.start(home=home, bolt_port=bolt, http_port=http, password=password, auth=True, heap="768m", pagecache="128m", timeout=360)
    try:
        yield Neo4jSettings(
            uri=handle.uri,
            routing_uri=handle.routing_uri,
            user=handle.user,
            password=password,
            database="neo4j",
            http_url=handle.http_url,
            home=home,
        )
    finally:
        neo4j_server.stop(home=home)


@pytest.fixture
def neo4j_store(neo4j_server_settings: Neo4jSettings) -> Iterator[Neo4jStore]:
    """A store on the session's server, emptied before the test."""
    s = neo4j_server_settings
    with Neo4jStore(s.uri, s.user, s.password, s.database, batch_rows=500) as store:
        store.clear()
        yield store
