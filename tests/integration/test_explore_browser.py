"""What people look at, checked in a real browser: the `kg report` page and Neo4j Browser.

Debian's Chromium (``/usr/bin/chromium``, or ``KG_CHROMIUM``) runs headless
with --no-sandbox --disable-gpu and no background networking, driven by the
``playwright`` package with that executable (Playwright's own browser
download is not used).  Screenshots go to ``tests/artifacts/`` (gitignored):
``report.png``, ``report-graph.png``, ``neo4j-browser.png`` and
``neo4j-browser-kg-guide.png``.

The report is built from ``samples/``; Neo4j Browser is the one the
session's test server serves at ``/browser/``, loaded with the hand-written
台州 graph, with the guide of ``cypher/browser/`` played from the server
itself (``/browser/guide/kg.html``) and from ``kg.query.guide.serve``.
"""

from __future__ import annotations

import io
import os
import shutil
import threading
import time
from pathlib import Path
from typing import Any, Iterator

import pytest

import governance_graph as g
from kg.store.networkx_store import NetworkxStore

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


def _chromium_path() -> str:
    found = os.environ.get("KG_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(found).exists():
        pytest.fail(
            f"no Chromium at {found}: install Debian's chromium (apt-get install chromium; "
            "tools/bootstrap.py test does it) or set KG_CHROMIUM"
        )
    return found


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=_chromium_path(), headless=True, args=CHROMIUM_FLAGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def samples_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kg.pipeline import build  # noqa: PLC0415 - loads the NLP pipeline

    folder = tmp_path_factory.mktemp("samples-store")
    with NetworkxStore(folder) as store:
        report = build([ROOT / "samples"], store=store)
    assert report.built >= 10 and report.failed == 0
    return folder


def _pixels(png: bytes) -> tuple[int, int, set[tuple[int, int, int]]]:
    """Pixels that are not (near) white, all pixels, and the distinct colours of a screenshot."""
    from PIL import Image  # noqa: PLC0415

    image = Image.open(io.BytesIO(png)).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 20) or []
    inked = sum(count for count, (r, g_, b) in colours if r + g_ + b < 735)
    return inked, image.width * image.height, {c for _, c in colours}


def _near(colours: set[tuple[int, int, int]], hex_colour: str, tolerance: int = 12) -> bool:
    want = tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return any(all(abs(a - b) <= tolerance for a, b in zip(c, want)) for c in colours)


def test_explore_browser_report_renders_the_graph_without_errors(browser: Any, samples_store: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner  # noqa: PLC0415

    from kg.cli import _register, app  # noqa: PLC0415

    _register()
    out = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["report", "--store", str(samples_store), "--out", str(out)])
    assert result.exit_code == 0, result.output
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    problems: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(out.as_uri())
    page.wait_for_selector("body[data-graph-ready='1']", timeout=60_000)
    page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=False)
    graph_png = page.locator("#graph").screenshot(path=str(ARTIFACTS / "report-graph.png"))

    assert problems == []
    assert requests == [out.as_uri()], "the page must need nothing but itself"
    inked, total, colours = _pixels(graph_png)
    assert inked > total * 0.01, f"the graph canvas is (nearly) empty: {inked} of {total} pixels drawn"
    for colour in ("#f4b183", "#ffd966", "#5b9bd5"):  # initiatives, outcomes, counties
        assert _near(colours, colour), f"no {colour} node drawn"
    assert page.evaluate("() => kgReport.nodes.length") > 100

    # Click an initiative: the side panel shows the sentences behind it.
    spot = page.evaluate(
        """() => { const n = kgReport.network;
                   const id = kgReport.nodes.getIds().find(i => kgReport.nodes.get(i).kg.label === 'Initiative');
                   return n.canvasToDOM(n.getPositions([id])[id]); }"""
    )
    box = page.locator("#graph").bounding_box()
    page.mouse.click(box["x"] + spot["x"], box["y"] + spot["y"])
    page.wait_for_selector("#details .fact", timeout=5_000)
    assert "“" in page.locator("#details .fact").first.inner_text()

    # Sort the outcomes by their normalised value: ascending, then descending.
    header = page.locator("#table-outcomes th", has_text="value_normalised").first
    column = page.evaluate("() => Array.from(document.querySelectorAll('#table-outcomes th')).findIndex(th => th.textContent === 'value_normalised') + 1")

    def values() -> list[float]:
        cells = page.locator(f"#table-outcomes tbody tr td:nth-child({column})").all_inner_texts()
        return [float(c) for c in cells if c]

    header.click()
    ascending = values()
    assert len(ascending) > 10 and ascending == sorted(ascending)
    header.click()
    assert values() == sorted(ascending, reverse=True)
    assert "desc" in (header.get_attribute("class") or "")
    assert problems == []
    page.close()


@pytest.fixture
def guide_server() -> Iterator[int]:
    from kg.query.guide import serve  # noqa: PLC0415

    server = serve(port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.mark.neo4j
@pytest.mark.parametrize("where", ["neo4j", "kg-neo4j-guide"])
def test_explore_browser_neo4j_browser_plays_the_guide_and_draws_a_template(
    browser: Any, neo4j_server_settings, neo4j_store, guide_server: int, where: str
) -> None:
    """The guide as the server serves it next to Browser (README), and as `kg neo4j guide` serves it."""
    s = neo4j_server_settings
    if not s.http_url:
        pytest.fail("the test server's HTTP address is unknown: with KG_TEST_NEO4J_URI set KG_TEST_NEO4J_HTTP_URL too")
    http_port = s.http_url.rsplit(":", 1)[1]
    guide_url = f"http://localhost:{http_port}/browser/guide/kg.html" if where == "neo4j" else f"http://localhost:{guide_server}/guide.html"
    neo4j_store.write(g.batches())
    host_port = s.uri.split("://", 1)[1]
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        page.goto(f"{s.http_url}/browser/?dbms=bolt://{host_port}", wait_until="networkidle", timeout=60_000)
        assert "Neo4j Browser" in page.title()
        page.locator("[data-testid=connect]").first.wait_for(timeout=30_000)
        page.locator("[data-testid=username]").first.fill(s.user)
        page.locator("[data-testid=password]").first.fill(s.password)
        page.locator("[data-testid=connect]").first.click()
        page.wait_for_selector("text=You are connected", timeout=30_000)

        def run(command: str) -> None:
            page.locator("[data-testid=activeEditor]").first.click()
            page.keyboard.type(command)
            page.keyboard.press("Enter")

        run(f":play {guide_url}")
        page.wait_for_selector("h3:has-text('kg: grassroots governance graph')", timeout=30_000)
        target = page.locator("h3:has-text('outcome_network')")
        for _ in range(40):
            if target.is_visible():
                break
            page.locator("[data-testid=nextSlide]").first.click()
            time.sleep(0.2)
        assert target.is_visible(), "the guide has no outcome_network slide"
        slide = page.locator(".slide", has=target)
        params, query = slide.locator("pre.runnable").nth(0), slide.locator("pre.runnable").nth(1)
        assert params.inner_text().strip().startswith(":params")
        for block in (params, query):  # a click puts the card into the editor; the run button runs it
            block.click()
            page.locator("[data-testid=editor-Run]").first.click()
            time.sleep(1.0)
        page.wait_for_selector("[data-testid=cypherFrameSidebarVisualization]", timeout=30_000)
        page.wait_for_function("() => document.querySelectorAll('g.node').length >= 11", timeout=30_000)
        time.sleep(1.5)  # let the force layout settle for the screenshot
        page.screenshot(path=str(ARTIFACTS / ("neo4j-browser.png" if where == "neo4j" else "neo4j-browser-kg-guide.png")))
        nodes = page.evaluate("() => document.querySelectorAll('g.node').length")
        rels = page.evaluate("() => document.querySelectorAll('g.relationship').length")
        # 台州's places, their initiatives and outcomes: 11 nodes; Browser also draws the PART_OF between them.
        assert nodes == 11
        assert rels >= 10
        assert page.locator("text=Displaying 11 nodes").count() == 1
    finally:
        page.close()
