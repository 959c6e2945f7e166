"""The rules' own recogniser of people, places and organisations, as NER spans.

``rule_spans(text)`` runs the pipeline without the trained model and reports
what the rules and the gazetteer find, in the labels of the NER datasets
(PER, LOC, ORG), so that ``bench/ner.py`` can compare the rules with the model.
"""

from __future__ import annotations

from kg.clean.script import simplified_view
from kg.extract.graph import find_mentions, make_view
from kg.ids import text_sha256
from kg.model import Article

_LABELS = {"Person": "PER", "Place": "LOC", "Organization": "ORG"}


def rule_spans(text: str) -> list[tuple[int, int, str]]:
    """Return ``(start, end, label)`` of the people, places and organisations the rules find.

    Relative references (全市, 该村) are not names and are left out.

    >>> rule_spans("浙江省台州市温岭市大溪镇")
    [(0, 3, 'LOC'), (3, 6, 'LOC'), (6, 9, 'LOC'), (9, 12, 'LOC')]
    """
    from kg.nlp.pipeline import get_nlp  # noqa: PLC0415 - loads pkuseg

    article = Article(id="rule-spans", key="rule-spans", text=text, sha256=text_sha256(text))
    doc = get_nlp(ner=False)(simplified_view(text))
    view = make_view(doc, article)
    spans = {(m.start, m.end, _LABELS[m.label]) for m in find_mentions(view) if m.label in _LABELS and not m.ref}
    return sorted(spans)
