"""Every notebook of notebooks/ runs top to bottom (nbclient), on the embedded store and the test Neo4j.

A cell that raises fails the test (nbclient's CellExecutionError names the
cell).  The notebooks share one store folder (``KG_STORE``), so 02 loads
what 01 built; 02 reaches the session's Neo4j server through ``NEO4J_*``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import nbformat
import pytest

from kg import quality
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
NAMES = ["01_build_and_explore", "02_neo4j_and_cypher", "03_quality"]


def test_notebooks_are_committed_without_outputs() -> None:
    found = sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb"))
    assert found == NAMES
    for name in NAMES:
        book = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
        nbformat.validate(book)
        for cell in book.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None, f"{name}: clear the outputs before committing"


@pytest.fixture(scope="module")
def notebook_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("notebook-store")


def run_notebook(name: str, monkeypatch: pytest.MonkeyPatch, env: dict[str, str]) -> Any:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("MPLBACKEND", raising=False)  # the kernel's inline backend shows the figures
    book = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    client = NotebookClient(book, timeout=900, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute()
    return book


def outputs(book: Any, kind: str) -> list[Any]:
    found = []
    for cell in book.cells:
        for out in cell.get("outputs", []):
            if kind == "stdout" and out.get("name") == "stdout":
                found.append(out["text"])
            elif kind in out.get("data", {}):
                found.append(out["data"][kind])
    return found


def test_notebooks_01_builds_and_explores_the_samples(monkeypatch: pytest.MonkeyPatch, notebook_store: Path) -> None:
    book = run_notebook("01_build_and_explore", monkeypatch, {"KG_STORE": str(notebook_store)})
    text = "".join(outputs(book, "stdout"))
    assert re.search(r"built (1[0-9]), unchanged 0, failed 0", text), text
    assert "font for Chinese labels: " in text
    assert len(outputs(book, "image/png")) >= 5  # provinces, timeline, money, network, communities
    assert (notebook_store / "graph.json.gz").is_file()


@pytest.mark.neo4j
def test_notebooks_02_runs_on_neo4j(monkeypatch: pytest.MonkeyPatch, notebook_store: Path, neo4j_server_settings, neo4j_store) -> None:
    book = run_notebook("02_neo4j_and_cypher", monkeypatch, {"KG_STORE": str(notebook_store), **neo4j_server_settings.env()})
    text = "".join(outputs(book, "stdout"))
    assert "connected to bolt://" in text
    for table in ("diffusion", "outcomes", "centrality"):
        assert f"{table} is the same on both stores" in text
    assert neo4j_store.stats().nodes.get("Article", 0) >= 10
    views = [html for html in outputs(book, "text/html") if "neo4j-viz-data" in html]
    assert len(views) == 1, "the neo4j-viz view is missing"
    data = json.loads(re.search(r'<script type="application/json" id="neo4j-viz-data">(.*?)</script>', views[0], re.S).group(1))
    assert len(data["nodes"]) > 3 and len(data["relationships"]) > 2
    assert not re.search(r'<(script|link)[^>]+(src|href)="https?://', views[0]), "the view must render offline"


def test_notebooks_03_scores_against_the_gold(monkeypatch: pytest.MonkeyPatch, notebook_store: Path) -> None:
    book = run_notebook("03_quality", monkeypatch, {"KG_STORE": str(notebook_store)})
    text = "".join(outputs(book, "stdout"))
    match = re.search(r"(\d+) articles scored", text)
    expected = 12 + (9 if (quality.find_eval_dir() / "gold").is_dir() else 0)  # our held-out set (+ the dev gold)
    assert match and int(match.group(1)) >= expected, text
    tables = "".join(outputs(book, "text/html"))
    assert "attached to another entity" in tables or "both ends found, not extracted" in tables
    assert len(outputs(book, "image/png")) >= 3
