"""The Cypher templates of cypher/: headers, conventions, closed-list slots, the Browser guide and style."""

from __future__ import annotations

import re

import pytest

from kg.errors import ConfigError
from kg.model import LABELS, REL_TYPES
from kg.query import KINDS, Param, list_templates, load, parse
from kg.query.guide import GUIDE_FILE, STYLE_FILE, render_guide

ALL = [t for kind in KINDS for t in list_templates(kind=kind)]
CLAUSES = ("match", "optional match", "where", "return", "with", "unwind", "merge", "create", "set", "delete", "detach delete", "order by", "limit", "call", "union all", "remove", "yield", "show")


def test_query_templates_at_least_fourteen_read_templates() -> None:
    read = list_templates()
    assert len(read) >= 14
    assert len({t.name for t in ALL}) == len(ALL)


@pytest.mark.parametrize("template", ALL, ids=lambda t: t.name)
def test_query_templates_have_a_complete_header(template) -> None:
    text = template.path.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == f"// name: {template.name}"
    assert any(line.startswith("// params: ") for line in lines[:6])
    assert any(line.startswith("// returns: ") for line in lines[:6])
    assert template.description and template.description[0].isupper()
    assert text.endswith("\n")


@pytest.mark.parametrize("template", ALL, ids=lambda t: t.name)
def test_query_templates_follow_the_cypher_style(template) -> None:
    for line in template.cypher.splitlines():
        stripped = line.strip()
        for clause in CLAUSES:
            assert not stripped.startswith(clause + " "), f"{template.name}: keyword not upper case: {line!r}"
    # one statement per file
    assert ";" not in template.cypher
    # every $parameter used is declared, and every declared one is used
    used = set(re.findall(r"\$([A-Za-z_]\w*)", template.cypher))
    assert used == {p.name for p in template.params}, template.name


@pytest.mark.parametrize("template", list_templates(), ids=lambda t: t.name)
def test_query_templates_read_templates_have_no_slots_and_a_runnable_example(template) -> None:
    assert template.slot is None and "{{" not in template.cypher
    assert not re.search(r"\b(CREATE|MERGE|DELETE|SET|REMOVE)\b", template.cypher), "read templates only read"
    bound = template.bind(template.example)
    assert set(bound) == {p.name for p in template.params}


def test_query_templates_graph_stats_orders_by_the_ontology() -> None:
    cypher = load("graph_stats").cypher
    ontology = cypher[cypher.index("count,\n") : cypher.index("AS ontology")]
    listed = re.findall(r"'([A-Za-z_]+)'", ontology)
    assert listed == [*LABELS, *REL_TYPES]


def test_query_templates_slots_take_only_the_closed_lists() -> None:
    upsert = load("write/upsert_nodes")
    assert "MERGE (n:Place {id: row.id})" in upsert.for_label("Place").cypher
    with pytest.raises(ConfigError, match="closed list"):
        upsert.for_label("Place {id: 1}) DETACH DELETE (n")
    with pytest.raises(ConfigError, match="no \\{\\{type\\}\\} slot"):
        upsert.for_type("PART_OF")
    delete = load("write/delete_article_relationships")
    assert "[r:IMPLEMENTS {article_id: article_id}]" in delete.for_type("IMPLEMENTS").cypher
    with pytest.raises(ConfigError):
        delete.for_type("implements")


def test_query_templates_bind_checks_parameters() -> None:
    template = load("initiatives_ranked")
    assert template.bind({}) == {"limit": 20}
    assert template.bind({"limit": "3"}) == {"limit": 3}
    with pytest.raises(ConfigError, match="no parameter"):
        template.bind({"top": 3})
    with pytest.raises(ConfigError, match="must be a int"):
        template.bind({"limit": "many"})
    with pytest.raises(ConfigError, match="needs --param place"):
        load("initiatives_in_place").bind({})


def test_query_templates_unknown_name_lists_the_known_ones() -> None:
    with pytest.raises(ConfigError, match="initiatives_ranked"):
        load("initiatives_top")
    with pytest.raises(ConfigError):
        load("../write/delete_all")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("// name: x\n// params: none\n// returns: n\nRETURN 1 AS n\n", "description"),
        ("// name: x\n// What?\n// returns: n\nRETURN 1 AS n\n", "params"),
        ("// name: x\n// What?\n// params: n (integer)\n// returns: n\nRETURN $n AS n\n", "cannot read parameter"),
        ("// name: x\n// What?\n// params: none\n// returns: n\n", "no statement"),
    ],
)
def test_query_templates_bad_headers_are_refused(text: str, problem: str) -> None:
    with pytest.raises(ConfigError, match=problem):
        parse(text)


def test_query_templates_param_conversion() -> None:
    assert Param(name="b", type="bool").convert("yes") is True
    assert Param(name="f", type="float").convert("0.5") == 0.5
    assert Param(name="l", type="list").convert('["a", "b"]') == ["a", "b"]
    with pytest.raises(ConfigError):
        Param(name="b", type="bool").convert("maybe")


def test_query_templates_browser_guide_is_up_to_date() -> None:
    assert GUIDE_FILE.read_text(encoding="utf-8") == render_guide(), "run `kg neo4j guide --write`"


def test_query_templates_browser_guide_has_a_runnable_card_per_template() -> None:
    guide = render_guide()
    assert guide.count("<slide") == len(list_templates()) + 1
    for template in list_templates():
        assert f"<h3>{template.name}</h3>" in guide
        first_line = template.cypher.splitlines()[0].replace("<", "&lt;").replace(">", "&gt;")
        assert f'<pre class="pre-scrollable code runnable">{first_line}' in guide
    assert ":params {place: '温岭'}" in guide


def test_query_templates_browser_style_colours_and_captions_every_label() -> None:
    grass = STYLE_FILE.read_text(encoding="utf-8")
    for label in LABELS:
        block = re.search(r"node\." + label + r" \{(.*?)\n\}", grass, re.S)
        assert block, f"no style for {label}"
        assert re.search(r"color: #[0-9A-F]{6};", block.group(1))
        assert 'caption: "{name}";' in block.group(1)
    colours = re.findall(r"node\.\w+ \{\s*color: (#[0-9A-F]{6})", grass)
    assert len(set(colours)) == len(LABELS)
