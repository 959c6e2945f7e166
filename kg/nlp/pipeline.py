"""The spaCy pipeline: pkuseg tokens, kg sentences, the NER model.

``make_nlp()`` returns a ``spacy.blank("zh")`` whose tokenizer yields pkuseg
words over the (simplified) text unchanged, followed by the ``kg_*``
components.  The rule-based extraction (:mod:`kg.extract`) reads the doc this
pipeline makes.
"""

from __future__ import annotations

import functools
import logging

import spacy
from spacy.language import Language

from kg.nlp import sentences as _sentences  # noqa: F401 - registers kg_sentences
from kg.nlp.tokenizer import PkusegTokenizer

log = logging.getLogger(__name__)


def make_nlp(*, ner: bool = True) -> Language:
    """Return a new pipeline: pkuseg tokenizer, ``kg_sentences`` and (if asked) ``kg_ner``.

    Args:
        ner: add the trained NER component shipped in ``kg/models/ner``.

    Raises:
        ModelError: pkuseg or the NER model cannot be loaded.
    """
    nlp = spacy.blank("zh")
    nlp.tokenizer = PkusegTokenizer(nlp.vocab)
    nlp.add_pipe("kg_sentences")
    if ner:
        from kg.nlp import ner as _ner  # noqa: F401, PLC0415 - registers kg_ner

        nlp.add_pipe("kg_ner")
    return nlp


@functools.lru_cache(maxsize=2)
def get_nlp(*, ner: bool = True) -> Language:
    """Return the process-wide pipeline (built once; pkuseg loads in a few seconds)."""
    return make_nlp(ner=ner)
