"""Sentence splitting for Chinese news text.

Chinese sentences end with 。！？；… (and their ASCII forms); a closing quote or
bracket right after the terminator belongs to the sentence (``他说：“好。”``),
and a line break always ends one.  ASCII ``.`` is not a terminator: it is the
decimal point of ``15.6亿元``.
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.tokenizer import doc_text

_TERMINATORS = "。！？!?；;…"
_CLOSERS = "”’」』）)》〉\"'"
_SENT_END = re.compile(rf"[{re.escape(_TERMINATORS)}]+[{re.escape(_CLOSERS)}]*|\n+")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of the sentences of ``text``, whitespace trimmed.

    >>> t = "今年完成了。他说：“很好！”然后走了\\n新段落"
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['今年完成了。', '他说：“很好！”', '然后走了', '新段落']
    >>> split_sentences("   ")
    []
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_END.finditer(text):
        end = m.end() if not m.group().startswith("\n") else m.start()
        _append_trimmed(text, start, end, spans)
        start = m.end()
    _append_trimmed(text, start, len(text), spans)
    return spans


def _append_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


@Language.component("kg_sentences", assigns=["token.is_sent_start"])
def kg_sentences(doc: Doc) -> Doc:
    """Set sentence starts from :func:`split_sentences` (boundaries that fall inside a token are dropped)."""
    if not len(doc):
        return doc
    starts = numpy.fromiter((s for s, _ in split_sentences(doc_text(doc))), dtype="uint64")
    # arrays instead of Token objects: one write, no per-token property checks
    idx = doc.to_array([IDX])
    values = numpy.where(numpy.isin(idx, starts), 1, -1).astype("int64")
    values[0] = 1
    values = values.astype("uint64")  # spaCy stores -1 (not a start) in unsigned arrays
    doc.from_array([SENT_START], values.reshape(-1, 1))
    return doc
