"""The ``kg_ner`` spaCy component: spans in doc.spans["kg_ner"], aligned to any tokens."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

import kg.nlp.ner  # noqa: F401  (registers the kg_ner factory)
from kg.nlp.ner import KgNer

TEXT = "镇长邝明轩介绍，柳塘湾村明年将继续推进道路硬化。"


def test_ner_component_writes_span_group_not_ents() -> None:
    nlp = spacy.blank("zh")  # character tokens: the component segments with pkuseg itself
    nlp.add_pipe("kg_ner", config={"use_doc_tokens": False})
    doc = nlp(TEXT)
    found = {(span.text, span.label_) for span in doc.spans["kg_ner"]}
    assert ("邝明轩", "PER") in found
    assert doc.ents == ()


def test_ner_component_uses_the_docs_word_tokens() -> None:
    nlp = spacy.blank("zh")
    component = nlp.add_pipe("kg_ner", config={"spans_key": "names"})
    words = ["镇长", "邝明轩", "介绍", "，", "柳塘湾村", "明年", "将", "继续", "推进", "道路", "硬化", "。"]
    doc = Doc(nlp.vocab, words=words, spaces=[False] * len(words))
    doc = component(doc)
    assert "邝明轩" in [span.text for span in doc.spans["names"]]
    assert all(span.start < span.end for span in doc.spans["names"])


class _FixedModel:
    """Stands in for NerModel to check the alignment alone."""

    def predict_many(self, texts: list[str], *, words: list[list[tuple[int, int]]]) -> list[list[tuple[int, int, str]]]:
        return [[(1, 3, "PER"), (0, 0, "LOC")] for _ in texts]


def test_ner_component_expands_spans_to_token_boundaries() -> None:
    nlp = spacy.blank("zh")
    doc = Doc(nlp.vocab, words=["甲乙", "丙丁"], spaces=[False, False])
    component = KgNer(_FixedModel(), spans_key="kg_ner")  # type: ignore[arg-type]
    [doc] = list(component.pipe([doc]))
    assert [(span.text, span.label_) for span in doc.spans["kg_ner"]] == [("甲乙丙丁", "PER")]
