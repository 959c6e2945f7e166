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
from kg.nlp.ner.lexicon import Lexicon, default_lists
from kg.nlp.ner.tokenizer import CharTokenizer, char_features


@pytest.mark.parametrize("name", ["kg.nlp.ner.data", "kg.nlp.ner.evaluate", "kg.nlp.ner.lexicon", "kg.nlp.ner.tokenizer"])
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


_LISTS = {"places": ["台州", "台州市", "马拉维"], "org_heads": ["委员会", "有限公司"], "titles": ["书记"],
          "surnames": ["王", "冼"], "compound_surnames": ["欧阳"]}


def test_ner_lexicon_default_lists_come_from_kg_resources() -> None:
    lists = default_lists()
    assert {"北京市", "台州", "马拉维", "德国"} <= set(lists["places"])  # gazetteer + jionlp's world names
    assert "有限公司" in lists["org_heads"] and "书记" in lists["titles"]
    assert "冼" in lists["surnames"] and "欧阳" in lists["compound_surnames"]
    assert all(len(name) >= 2 for name in lists["places"])


def test_ner_lexicon_features_mark_the_longest_names() -> None:
    features = Lexicon(_LISTS).features("欧阳明去马拉维台州市委员会")
    assert [f[1] for f in features] == list("----BME") + list("BME") + list("---")
    assert [f[3] for f in features] == list("----------BME")
    assert [f[7] for f in features][:3] == ["B", "E", "-"]


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="台州市马拉维王欧阳委员会书记甲 ，", max_size=60))
def test_ner_lexicon_one_feature_per_character(text: str) -> None:
    features = Lexicon(_LISTS).features(text)
    assert len(features) == len(text)
    assert all(len(f) == 8 and f[0::2] == "gots" for f in features)


def test_ner_tokenizer_saves_its_lexicon() -> None:
    import spacy
    from spacy.attrs import DEP

    vocab = spacy.blank("zh").vocab
    tokenizer = CharTokenizer(vocab, word_features=False, lexicon_features=True)
    tokenizer._lexicon = Lexicon(_LISTS)
    loaded = CharTokenizer(vocab).from_bytes(tokenizer.to_bytes())
    assert loaded.lexicon_features and loaded.lexicon.to_dict() == _LISTS
    text = "王书记到台州市"
    assert list(loaded(text).to_array([DEP])) == list(tokenizer(text).to_array([DEP]))
    assert len(loaded(text)) == len(text)
    old = CharTokenizer(vocab).from_bytes(b'{"word_features": true}')  # a model saved before lexicon features
    assert old.word_features and not old.lexicon_features


def test_ner_data_synthetic_rosters_list_training_names() -> None:
    from kg.nlp.ner.data import synthetic_rosters

    records = [("王小川和李四说", [(0, 3, "PER"), (4, 6, "PER")]), ("欧阳明去柳河村", [(0, 3, "PER"), (4, 7, "LOC")])]
    rosters = synthetic_rosters(records, 20, seed=3, max_chars=120)
    assert rosters == synthetic_rosters(records, 20, seed=3, max_chars=120)  # reproducible
    assert len(rosters) == 20
    for text, spans in rosters:
        assert len(text) <= 120
        assert spans and all(label == "PER" and text[s:e] in {"王小川", "李四", "欧阳明"} for s, e, label in spans)
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    assert any("：" in text for text, _ in rosters)
    assert synthetic_rosters([("没有人名", [])], 5) == []


def test_ner_data_entity_swaps_rename_people_and_places() -> None:
    from kg.nlp.ner.data import entity_swaps

    records = [("王小川在柳河村见到李四和华为公司", [(0, 3, "PER"), (4, 7, "LOC"), (9, 11, "PER"), (12, 16, "ORG")]),
               ("今天下雨", [])]
    copies = entity_swaps(records * 30, 1.0, surnames="王李", places=["青石镇", "马拉维"], seed=1)
    assert len(copies) == 30  # only texts with a person or place are copied
    assert copies == entity_swaps(records * 30, 1.0, surnames="王李", places=["青石镇", "马拉维"], seed=1)
    new_people = set()
    for text, spans in copies:
        assert [label for _, _, label in spans] == ["PER", "LOC", "PER", "ORG"]
        assert text.endswith("华为公司") and text[spans[-1][0] : spans[-1][1]] == "华为公司"
        names = [text[s:e] for s, e, _ in spans]
        assert names[0][0] in "王李" and 2 <= len(names[0]) <= 3
        assert names[1] in {"柳河村", "青石镇", "马拉维"}
        new_people.add(names[0])
    assert len(new_people) > 5  # new names, not the training ones
