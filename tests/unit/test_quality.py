"""kg.quality: why a gold item was missed, with the evaluation's own scorer (../shared/eval)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import quality
from kg.errors import ConfigError


@pytest.fixture(scope="module")
def scorer():
    return quality.load_scorer()


def node(i: str, label: str, name: str, **props) -> dict:
    return {"id": i, "label": label, "name": name, "aliases": [], "properties": props}


def rel(t: str, s: str, e: str) -> dict:
    return {"type": t, "start": s, "end": e, "properties": {}}


GOLD = {
    "entities": [
        {"label": "Place", "name": "温岭市"},
        {"label": "Place", "name": "大溪镇"},
        {"label": "Place", "name": "沈岙村"},
        {"label": "Place", "name": "台州市"},
        {"label": "Organization", "name": "大溪镇党委"},
        {"label": "Initiative", "name": "三化十二制"},
        {"label": "Person", "name": "陈森"},
        {"label": "Outcome", "name": "整转241个村", "value": 241, "unit": "个"},
        {"label": "Award", "name": "省级示范", "optional": True},
    ],
    "relations": [
        {"type": "PART_OF", "head": "大溪镇", "tail": "温岭市"},
        {"type": "PART_OF", "head": "沈岙村", "tail": "温岭市"},
        {"type": "LOCATED_IN", "head": "大溪镇党委", "tail": "沈岙村"},
        {"type": "ACHIEVED", "head": "温岭市", "tail": "整转241个村"},
        {"type": "HOLDS_POSITION", "head": "陈森", "tail": "大溪镇党委", "optional": True},
        {"type": "RECEIVED", "head": "沈岙村", "tail": "省级示范", "optional": True},
    ],
}
PRED = {
    "nodes": [
        node("a", "Article", "t"),
        node("p1", "Place", "温岭市"),
        node("p2", "Organization", "大溪镇"),  # wrong label
        node("p3", "Place", "沈岙村"),
        node("o1", "Organization", "大溪镇党委"),
        node("i1", "Initiative", "三化十二制工作法"),  # longer name
        node("x1", "Outcome", "整转241个村", value=241, unit="个"),
    ],
    "relationships": [
        rel("PART_OF", "p1", "p3"),  # the other way round
        rel("PART_OF", "o1", "p3"),  # LOCATED_IN extracted as PART_OF
        rel("ACHIEVED", "p3", "x1"),  # attached to another place
    ],
}
TEXT = "温岭市大溪镇沈岙村推行三化十二制工作法，大溪镇党委书记陈森说，整转241个村。"


def test_quality_explains_every_miss(scorer) -> None:
    rows = quality.explain_misses(GOLD, PRED, TEXT, scorer=scorer)
    why = {(r["section"], r["gold"]): r["why"] for r in rows}
    assert why == {
        ("nodes", "大溪镇"): "extracted with another label",
        ("nodes", "台州市"): "name not in the text (needs inference)",
        ("nodes", "三化十二制"): "extracted under another name",
        ("nodes", "陈森"): "in the text, not extracted",
        ("relationships", "大溪镇 -> 温岭市"): "an end was not extracted",
        ("relationships", "沈岙村 -> 温岭市"): "extracted the other way round",
        ("relationships", "大溪镇党委 -> 沈岙村"): "extracted with another type",
        ("relationships", "温岭市 -> 整转241个村"): "attached to another entity",
    }
    assert all(r["why"] in quality.REASONS for r in rows)
    detail = {r["gold"]: r["detail"] for r in rows}
    assert detail["大溪镇"] == "as Organization 大溪镇"
    assert detail["温岭市 -> 整转241个村"] == "extracted: 沈岙村 -> 整转241个村"
    assert detail["大溪镇党委 -> 沈岙村"] == "as PART_OF"
    assert not [r for r in rows if r["name"] in ("HOLDS_POSITION", "RECEIVED", "Award")]  # optional items are never misses


def test_quality_both_ends_found_but_nothing_said(scorer) -> None:
    gold = {"entities": GOLD["entities"][:3], "relations": [{"type": "PART_OF", "head": "沈岙村", "tail": "温岭市"}]}
    pred = {"nodes": PRED["nodes"][:4], "relationships": []}
    [row] = quality.explain_misses(gold, pred, TEXT, scorer=scorer)[1:]  # the first row is 大溪镇's label
    assert (row["gold"], row["why"]) == ("沈岙村 -> 温岭市", "both ends found, not extracted")


def test_quality_finds_the_article_of_a_gold_file(tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text("温岭市", encoding="utf-8")
    (tmp_path / "gold").mkdir()
    gold_file = tmp_path / "gold" / "a.json"
    assert quality.article_path(gold_file, {"text": "corpus/a.txt"}) == tmp_path / "corpus" / "a.txt"
    with pytest.raises(ConfigError, match="cannot find its article"):
        quality.article_path(gold_file, {"text": "corpus/missing.txt"})


def test_quality_needs_the_scorer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_EVAL_DIR", str(tmp_path))
    with pytest.raises(ConfigError, match="KG_EVAL_DIR"):
        quality.find_eval_dir()


def test_quality_vendored_scorer_is_the_evaluations(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KG_EVAL_DIR", raising=False)
    found = quality.find_eval_dir()
    vendored = (quality.VENDORED_EVAL / "score.py").read_bytes()
    assert quality.load_scorer(quality.VENDORED_EVAL).score  # loads on its own
    if found != quality.VENDORED_EVAL:
        assert (found / "score.py").read_bytes() == vendored, "kg/resources/eval/score.py drifted from the evaluation's"


def test_quality_falls_back_to_the_vendored_scorer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KG_EVAL_DIR", raising=False)
    monkeypatch.setattr(quality, "ROOT", tmp_path / "repo")
    assert quality.find_eval_dir() == quality.VENDORED_EVAL
    assert quality.gold_dirs(quality.VENDORED_EVAL) == []
