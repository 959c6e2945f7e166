"""Corpus readers, sentence cutting, features and scoring of kg.nlp.ner (no model needed)."""

from __future__ import annotations

import doctest
import importlib
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import InputError
from kg.nlp.ner.data import bio_to_spans, read_bio, read_cluener, sentence_cuts, split_record
from kg.nlp.ner.evaluate import score_spans
from kg.nlp.ner.tokenizer import char_features


@pytest.mark.parametrize("name", ["kg.nlp.ner.data", "kg.nlp.ner.evaluate", "kg.nlp.ner.tokenizer"])
def test_ner_doctests(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0
    assert result.failed == 0


def test_ner_data_reads_bio(tmp_path: Path) -> None:
    path = tmp_path / "tiny.bio"
    path.write_text("张\tB-PER\n三\tI-PER\n去\tO\n柳\tB-LOC\n河\tI-LOC\n\n好\tO\n", encoding="utf-8")
    assert list(read_bio(path)) == [("张三去柳河", [(0, 2, "PER"), (3, 5, "LOC")]), ("好", [])]


def test_ner_data_rejects_malformed_bio(tmp_path: Path) -> None:
    path = tmp_path / "bad.bio"
    path.write_text("张 B-PER\n", encoding="utf-8")
    with pytest.raises(InputError, match="bad.bio:1"):
        list(read_bio(path))


def test_ner_data_maps_cluener_types(tmp_path: Path) -> None:
    record = {"text": "青禾镇政府请李一舟去星河公司", "label": {
        "government": {"青禾镇政府": [[0, 4]]}, "name": {"李一舟": [[6, 8]]},
        "company": {"星河公司": [[10, 13]]}, "position": {"镇长": [[0, 1]]}}}
    path = tmp_path / "c.json"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    [(text, spans)] = list(read_cluener(path))
    assert [(text[s:e], label) for s, e, label in spans] == [("青禾镇政府", "ORG"), ("李一舟", "PER"), ("星河公司", "ORG")]


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        (["O", "O"], []),
        (["B-ORG", "I-ORG", "I-ORG"], [(0, 3, "ORG")]),
        (["B-LOC", "B-LOC"], [(0, 1, "LOC"), (1, 2, "LOC")]),
        (["B-PER", "I-LOC"], [(0, 1, "PER"), (1, 2, "LOC")]),
    ],
)
def test_ner_data_bio_to_spans(tags: list[str], expected: list[tuple[int, int, str]]) -> None:
    assert bio_to_spans(tags) == expected


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="甲乙。！？\n，ab ", max_size=400), st.integers(min_value=1, max_value=50))
def test_ner_data_sentence_cuts_cover_text(text: str, max_chars: int) -> None:
    cuts = sentence_cuts(text, max_chars=max_chars)
    assert cuts[0] == 0 and cuts[-1] == len(text)
    assert all(0 < b - a <= max_chars for a, b in zip(cuts, cuts[1:]))


def test_ner_data_split_record_keeps_entities_whole() -> None:
    text = "柳河村在南边。" * 3 + "王小川说。"
    spans = [(7 * i, 7 * i + 3, "LOC") for i in range(3)] + [(21, 24, "PER")]
    pieces = split_record((text, spans), max_chars=8)
    assert "".join(t for t, _ in pieces) == text
    assert [t[s:e] for t, ss in pieces for s, e, _ in ss] == ["柳河村"] * 3 + ["王小川"]


def test_ner_data_char_features_outside_words() -> None:
    bigrams, words, positions = char_features("Ａ 村", [(0, 1), (2, 3)])
    assert bigrams == ["^a", "a ", " 村"]  # NFKC folds the full-width letter
    assert words == ["a", " ", "村"]
    assert positions == ["S1", "S1", "S1"]


def test_ner_evaluate_counts_only_exact_matches() -> None:
    gold = [[(0, 3, "ORG"), (5, 7, "PER")], [(1, 2, "LOC")]]
    predicted = [[(0, 3, "ORG"), (5, 7, "LOC")], []]
    scores = score_spans(gold, predicted)
    assert scores["ORG"]["f"] == 1.0
    assert scores["PER"]["r"] == 0.0
    assert scores["LOC"]["p"] == 0.0
    assert scores["micro"]["tp"] == 1 and scores["micro"]["n_gold"] == 3 and scores["micro"]["n_pred"] == 2
