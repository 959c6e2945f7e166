"""docker-compose.yml agrees with the code: Neo4j version, ports, variable names, volumes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from kg import neo4j_server
from kg.store import neo4j_store

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def test_docker_compose_runs_the_neo4j_line_of_the_pom(compose: dict[str, Any]) -> None:
    image = compose["services"]["neo4j"]["image"]
    assert image == neo4j_server.DOCKER_IMAGE
    major_minor = ".".join(neo4j_server.NEO4J_VERSION.split(".")[:2])
    assert image == f"neo4j:{major_minor}-community"
    pom = (ROOT / "tools" / "neo4j" / "pom.xml").read_text(encoding="utf-8")
    assert f"<neo4j.version>{neo4j_server.NEO4J_VERSION}</neo4j.version>" in pom
    assert f"<apoc.version>{neo4j_server.NEO4J_VERSION}</apoc.version>" in pom


def test_docker_compose_publishes_the_default_ports(compose: dict[str, Any]) -> None:
    published = {}
    for mapping in compose["services"]["neo4j"]["ports"]:
        host, container = mapping.rsplit(":", 1)
        published[int(container)] = host
    assert set(published) == {neo4j_server.DEFAULT_BOLT_PORT, neo4j_server.DEFAULT_HTTP_PORT}
    assert published[neo4j_server.DEFAULT_BOLT_PORT].endswith(f":-{neo4j_server.DEFAULT_BOLT_PORT}}}")
    assert published[neo4j_server.DEFAULT_HTTP_PORT].endswith(f":-{neo4j_server.DEFAULT_HTTP_PORT}}}")


def test_docker_compose_has_apoc_volumes_and_a_healthcheck(compose: dict[str, Any]) -> None:
    neo4j = compose["services"]["neo4j"]
    assert neo4j["environment"]["NEO4J_PLUGINS"] == '["apoc"]'
    mounts = {v.split(":")[1]: v.split(":")[0] for v in neo4j["volumes"]}
    assert set(mounts) == {"/data", "/logs", "/import", "/plugins"}
    assert set(mounts.values()) <= set(compose["volumes"])  # named volumes, not host folders
    test = neo4j["healthcheck"]["test"]
    assert test[0] == "CMD-SHELL" and "wget -q --spider http://localhost:7474" in test[1] and "curl" not in test[1]


def test_docker_compose_password_comes_from_the_env_file(compose: dict[str, Any]) -> None:
    auth = compose["services"]["neo4j"]["environment"]["NEO4J_AUTH"]
    assert re.fullmatch(r"neo4j/\$\{NEO4J_PASSWORD:\?.+\}", auth)
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    assert re.search(r"^NEO4J_PASSWORD=.{8,}$", example, re.MULTILINE)
    assert ".env" in (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    assert not (ROOT / ".env").exists() or ".env" in (ROOT / ".gitignore").read_text(encoding="utf-8")


def test_docker_compose_kg_service_uses_the_variables_the_code_reads(compose: dict[str, Any]) -> None:
    kg = compose["services"]["kg"]
    assert set(kg["environment"]) == set(neo4j_store.ENV_VARS)
    uri = kg["environment"]["NEO4J_URI"]
    assert uri == f"neo4j://neo4j:{neo4j_server.DEFAULT_BOLT_PORT}"
    assert kg["depends_on"]["neo4j"]["condition"] == "service_healthy"
    dockerfile = (ROOT / kg["build"] / "Dockerfile").read_text(encoding="utf-8")
    assert 'ENTRYPOINT ["kg"]' in dockerfile
