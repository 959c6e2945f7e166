"""A spaCy tokenizer that yields pkuseg words and keeps the text unchanged.

pkuseg drops whitespace and returns only words, so the words are aligned back
onto the text: every whitespace run becomes a whitespace token (or the
trailing-space flag of the previous token), and ``doc.text == text`` holds for
every input, so character offsets in the doc are offsets in the article.
"""

from __future__ import annotations

import functools
import logging
from typing import Callable

from spacy.attrs import IDX, IS_SPACE, LENGTH
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from kg.errors import ModelError

log = logging.getLogger(__name__)

#: ``doc.user_data`` key holding the text a doc was made from (``doc_text(doc)`` reads it).
TEXT_KEY = "kg_text"


def token_offsets(doc: Doc) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of the doc's non-space tokens.

    Read in one array: building a Token object per word costs more than the rules.
    """
    if not len(doc):
        return []
    return [(idx, idx + length) for idx, length, space in doc.to_array([IDX, LENGTH, IS_SPACE]).tolist() if not space]


def doc_text(doc: Doc) -> str:
    """Return ``doc.text`` without re-joining the tokens when the tokenizer kept the text."""
    text = doc.user_data.get(TEXT_KEY)
    return text if text is not None else doc.text


@functools.lru_cache(maxsize=1)
def load_pkuseg():
    """Return the shared pkuseg segmenter (default mixed-domain model, loaded once).

    Raises:
        ModelError: pkuseg or its default model is not installed.
    """
    try:
        import pkuseg  # noqa: PLC0415 - heavy import, loaded on first use
    except ImportError as e:
        raise ModelError(
            "pkuseg is not installed; run `python3 tools/bootstrap.py install` "
            "(it builds pkuseg 0.0.25 with its default model)"
        ) from e
    try:
        return pkuseg.pkuseg()
    except (OSError, ValueError) as e:
        raise ModelError(f"pkuseg's default model could not be loaded: {e}") from e


def segment(text: str) -> list[str]:
    """Return pkuseg's words for ``text`` (whitespace dropped, as pkuseg does)."""
    if not text.strip():
        return []
    return load_pkuseg().cut(text)


def align_words(text: str, words: list[str]) -> tuple[list[str], list[bool]]:
    """Align segmenter words onto ``text``; return spaCy ``words`` and ``spaces``.

    Whitespace the segmenter dropped becomes whitespace tokens (a single space
    after a word becomes that word's trailing-space flag).  Text the segmenter
    changed or skipped is kept as one token per character, so the result
    always spells ``text`` exactly.

    >>> align_words("台州 市\\n村", ["台州", "市", "村"])
    (['台州', '市', '\\n', '村'], [True, False, False, False])
    >>> w, s = align_words("ab", ["x"]); "".join(t + " " * f for t, f in zip(w, s))
    'ab'
    """
    out_words: list[str] = []
    out_spaces: list[bool] = []
    pos = 0
    n = len(text)

    def add_gap(gap: str) -> None:
        # Non-whitespace inside a gap means the segmenter skipped text: keep it char by char.
        i = 0
        while i < len(gap):
            ch = gap[i]
            if ch.isspace():
                j = i
                while j < len(gap) and gap[j].isspace():
                    j += 1
                run = gap[i:j]
                if run == " " and out_words and not out_spaces[-1] and not out_words[-1].isspace():
                    out_spaces[-1] = True
                else:
                    out_words.append(run)
                    out_spaces.append(False)
                i = j
            else:
                out_words.append(ch)
                out_spaces.append(False)
                i += 1

    for word in words:
        if not word:
            continue
        found = text.find(word, pos)
        if found < 0:
            continue  # the segmenter changed this word: its characters surface as a gap
        if found > pos:
            add_gap(text[pos:found])
        out_words.append(word)
        out_spaces.append(False)
        pos = found + len(word)
    if pos < n:
        add_gap(text[pos:])
    return out_words, out_spaces


class PkusegTokenizer:
    """Callable tokenizer: text -> Doc of pkuseg words (``doc.text == text``)."""

    def __init__(self, vocab: Vocab, *, segmenter: Callable[[str], list[str]] | None = None) -> None:
        self.vocab = vocab
        self._segment = segmenter or segment

    def __call__(self, text: str) -> Doc:
        words, spaces = align_words(text, self._segment(text))
        doc = Doc(self.vocab, words=words, spaces=spaces)
        # Doc.text re-joins every token on each access; keep the text we were given
        doc.user_data[TEXT_KEY] = text
        return doc

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    # spaCy serialises tokenizers with the pipeline; pkuseg's model is external.
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "PkusegTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        return None

    def from_disk(self, path, **kwargs) -> "PkusegTokenizer":
        return self


@registry.tokenizers("kg.pkuseg_tokenizer.v1")
def create_pkuseg_tokenizer() -> Callable[..., PkusegTokenizer]:
    def make(nlp) -> PkusegTokenizer:
        return PkusegTokenizer(nlp.vocab)

    return make
