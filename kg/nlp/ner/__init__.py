"""kg's statistical recogniser of people, places and organisations (PER / LOC / ORG).

The model is a spaCy NER component trained on MSRA (``kg train-ner``) and
shipped in ``kg/models/ner/``.  It reads one token per character, with
character bigrams and pkuseg word features (see :mod:`kg.nlp.ner.tokenizer`).

Two ways to use it:

* ``load_ner().predict(text)`` -> ``[(start, end, label), ...]`` character offsets;
* the spaCy component ``kg_ner`` (registered when this module is imported):
  ``nlp.add_pipe("kg_ner")`` runs the model on ``doc.text``, reusing the doc's
  own (pkuseg) tokens as word features, and stores the spans, expanded to the
  doc's tokens, in ``doc.spans["kg_ner"]``.  ``doc.ents`` is left alone.
"""

from __future__ import annotations

import bisect
import functools
import importlib.resources
import logging
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import ModelError
from kg.nlp.ner.data import LABELS, sentence_cuts
from kg.nlp.ner.tokenizer import CharTokenizer, Words, pkuseg_words
from kg.nlp.tokenizer import doc_text, token_offsets

logger = logging.getLogger(__name__)

__all__ = ["LABELS", "NerModel", "default_model_path", "load_ner", "make_kg_ner"]

Span = tuple[int, int, str]

#: Texts are cut at sentence punctuation into pieces of at most this many characters.
MAX_CHUNK_CHARS = 300


def default_model_path() -> Path:
    """Return the folder of the model shipped inside the package.

    Returns:
        ``kg/models/ner`` of the installed package.
    """
    return Path(str(importlib.resources.files("kg") / "models" / "ner"))


class NerModel:
    """A loaded NER model: character offsets in, ``(start, end, label)`` spans out.

    Args:
        path: A folder written by ``kg train-ner`` (a spaCy pipeline).
        batch_size: Text pieces per batch of the network.

    Raises:
        ModelError: The folder is missing or is not a kg NER model.
    """

    def __init__(self, path: str | Path, *, batch_size: int = 64) -> None:
        import spacy

        self.path = Path(path)
        self.batch_size = batch_size
        try:
            self.nlp = spacy.load(self.path)
        except (OSError, ValueError, KeyError) as e:
            raise ModelError(
                f"cannot load the NER model from {self.path}: {e}; reinstall kg or train one with `kg train-ner`"
            ) from e
        if not isinstance(self.nlp.tokenizer, CharTokenizer) or "ner" not in self.nlp.pipe_names:
            raise ModelError(f"{self.path} is not a kg NER model (no character tokenizer or no ner component)")
        self.tokenizer: CharTokenizer = self.nlp.tokenizer
        self.ner = self.nlp.get_pipe("ner")

    def predict(self, text: str) -> list[Span]:
        """Find the people, places and organisations in ``text``.

        Args:
            text: Any text, of any length (long texts are cut at sentence punctuation).

        Returns:
            ``(start, end, label)`` character offsets, ``end`` exclusive, label one of
            ``PER``/``LOC``/``ORG``, in text order.
        """
        return self.predict_many([text])[0]

    def predict_many(self, texts: Sequence[str], *, words: Sequence[Words | None] | None = None) -> list[list[Span]]:
        """Predict the spans of many texts in batches.

        Args:
            texts: The texts.
            words: Word offsets of each text (e.g. a pipeline's pkuseg tokens);
                ``None`` (for all or one text) segments with pkuseg here.

        Returns:
            The spans of each text, as in :meth:`predict`.
        """
        results: list[list[Span]] = [[] for _ in texts]
        where, docs = self._chunk_docs(texts, words)
        for (index, offset), doc in zip(where, self.ner.pipe(docs, batch_size=self.batch_size), strict=True):
            results[index].extend((ent.start_char + offset, ent.end_char + offset, ent.label_) for ent in doc.ents)
        return results

    def _chunk_docs(
        self, texts: Sequence[str], words: Sequence[Words | None] | None
    ) -> tuple[list[tuple[int, int]], list[Doc]]:
        """Cut texts into pieces; return (text index, piece offset) and a doc per piece."""
        where: list[tuple[int, int]] = []
        pieces: list[Doc] = []
        for index, text in enumerate(texts):
            safe = _without_surrogates(text)
            text_words = sorted(words[index]) if words is not None and words[index] is not None else None
            word_ends = [e for _, e in text_words] if text_words is not None else []
            cuts = sentence_cuts(safe, max_chars=MAX_CHUNK_CHARS)
            for start, end in zip(cuts, cuts[1:]):
                piece = safe[start:end]
                if not piece.strip():
                    continue
                if not self.tokenizer.word_features:
                    piece_words = None
                elif text_words is None:
                    piece_words = pkuseg_words(piece)
                else:
                    piece_words = words_in_piece(text_words, word_ends, start, end)
                where.append((index, start))
                pieces.append(self.tokenizer.make_doc(piece, piece_words))
        return where, pieces


def words_in_piece(words: Words, ends: Sequence[int], start: int, end: int) -> Words:
    """The words overlapping ``[start, end)``, cut to it and shifted to start at 0.

    Args:
        words: ``(start, end)`` offsets sorted by start, not overlapping.
        ends: Their ends (``[e for _, e in words]``), for the binary search.
        start: The piece's first character.
        end: One past its last character.

    >>> words_in_piece([(0, 2), (2, 5), (5, 6)], [2, 5, 6], 3, 6)
    [(0, 2), (2, 3)]
    """
    piece: Words = []
    for s, e in words[bisect.bisect_right(ends, start) :]:
        if s >= end:
            break
        piece.append((max(s, start) - start, min(e, end) - start))
    return piece


def _without_surrogates(text: str) -> str:
    # Lone surrogates cannot be encoded for spaCy's string store; replacing each
    # by U+FFFD keeps the length, so offsets stay valid.
    if not any("\ud800" <= char <= "\udfff" for char in text):
        return text
    return "".join("\ufffd" if "\ud800" <= char <= "\udfff" else char for char in text)


@functools.lru_cache(maxsize=4)
def load_ner(path: str | None = None) -> NerModel:
    """Load the NER model once per process (the shipped one by default).

    Args:
        path: A model folder; ``None`` for the model inside the package.

    Returns:
        The cached :class:`NerModel`.

    Raises:
        ModelError: The model cannot be loaded.
    """
    return NerModel(default_model_path() if path is None else path)


class KgNer:
    """The ``kg_ner`` pipeline component: model spans in ``doc.spans[spans_key]``.

    Args:
        model: The loaded model.
        spans_key: The span group to write.
        use_doc_tokens: Take the doc's tokens as the model's word features (right
            when the tokenizer yields pkuseg words, as kg's does); ``False`` runs
            pkuseg on the text instead (for pipelines with other tokens).
    """

    def __init__(self, model: NerModel, *, spans_key: str, use_doc_tokens: bool = True) -> None:
        self.model = model
        self.spans_key = spans_key
        self.use_doc_tokens = use_doc_tokens

    def __call__(self, doc: Doc) -> Doc:
        """Annotate one doc."""
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 64) -> Iterator[Doc]:
        """Annotate a stream of docs in batches."""
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._annotate(batch)
                batch = []
        if batch:
            yield from self._annotate(batch)

    def _annotate(self, docs: list[Doc]) -> list[Doc]:
        # The doc's own tokens (pkuseg words in kg's pipeline) are the word features,
        # so pkuseg does not run a second time.
        words = [token_offsets(doc) for doc in docs] if self.use_doc_tokens else None
        texts = [doc_text(doc) for doc in docs]  # doc.text re-joins every token on each call
        predicted = self.model.predict_many(texts, words=words)
        for doc, text, spans in zip(docs, texts, predicted, strict=True):
            group = []
            for start, end, label in spans:
                if not 0 <= start < end <= len(text):
                    continue
                span = doc.char_span(start, end, label=label, alignment_mode="expand")
                if span is not None:
                    group.append(span)
            doc.spans[self.spans_key] = group
        return docs


@Language.factory(
    "kg_ner",
    assigns=["doc.spans"],
    default_config={"model_path": None, "spans_key": "kg_ner", "use_doc_tokens": True},
)
def make_kg_ner(nlp: Language, name: str, model_path: str | None, spans_key: str, use_doc_tokens: bool) -> KgNer:
    """Create the ``kg_ner`` component.

    Args:
        nlp: The pipeline.
        name: The component's name.
        model_path: A model folder; ``None`` (default) for the model inside the package.
        spans_key: The ``doc.spans`` key to write (default ``kg_ner``).
        use_doc_tokens: The doc's tokens are pkuseg words (default); ``False`` segments
            the text with pkuseg inside the component.

    Returns:
        The component.
    """
    return KgNer(load_ner(model_path), spans_key=spans_key, use_doc_tokens=use_doc_tokens)
