"""Character tokens with n-gram and word-segmentation features, for the NER model.

MSRA entity boundaries often fall inside pkuseg words (10% of the test entities
do not start and end on a pkuseg word boundary), so the model reads one token
per character.  The context a character-level model lacks is put into token
attributes that ``MultiHashEmbed`` embeds:

* ``NORM``  the character bigram ending at this character (NFKC, lower case),
* ``LEMMA`` the pkuseg word the character belongs to,
* ``TAG``   the character's position in that word and the word's length
  (``B2``, ``E2``, ``B3``, ``M3``, ... ``S1``),
* ``DEP``   (with ``lexicon_features``) the lexicon matches the character is in:
  place names, organisation heads, job titles, surnames (see :mod:`kg.nlp.ner.lexicon`).

Every character (whitespace included) is one token, so token ``i`` is
character ``i`` and ``doc.text`` is the input unchanged.
"""

from __future__ import annotations

import json
import logging
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy
from spacy.attrs import DEP, LEMMA, NORM, TAG
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from kg.nlp.ner.lexicon import Lexicon, default_lexicon, lexicon_from_settings

logger = logging.getLogger(__name__)

#: Word boundaries of a text: (start, end) character offsets of each word.
Words = list[tuple[int, int]]

_SEGMENTER: Any = None
# Training re-reads the same texts every epoch; segmenting them once saves
# most of pkuseg's share of the training time.  Off (None) outside training.
_WORD_CACHE: dict[str, Words] | None = None


def _segmenter() -> Any:
    """Return the process-wide pkuseg segmenter (its model takes a second to load)."""
    global _SEGMENTER
    if _SEGMENTER is None:
        import pkuseg  # imported late: loading its model is slow and not always needed

        _SEGMENTER = pkuseg.pkuseg()
    return _SEGMENTER


def pkuseg_words(text: str) -> Words:
    """Segment ``text`` with pkuseg's default model and return word offsets.

    pkuseg drops whitespace and returns the remaining words as substrings, so
    each word is found again in ``text`` from the end of the previous one.

    Args:
        text: Any text.

    Returns:
        ``(start, end)`` of each word, in order; whitespace belongs to no word.
    """
    if _WORD_CACHE is not None and text in _WORD_CACHE:
        return _WORD_CACHE[text]
    words: Words = []
    pos = 0
    for word in _segmenter().cut(text):
        start = text.find(word, pos)
        if start < 0:  # pkuseg changed the text (never seen); keep going without it
            continue
        words.append((start, start + len(word)))
        pos = start + len(word)
    if _WORD_CACHE is not None:
        _WORD_CACHE[text] = words
    return words


def cache_segmentation(enabled: bool = True) -> None:
    """Remember pkuseg's words per text from now on (``False`` forgets them).

    Args:
        enabled: Turn the cache on (a fresh one) or off.
    """
    global _WORD_CACHE
    _WORD_CACHE = {} if enabled else None


def _norm(char: str) -> str:
    # Full-width digits and Latin letters are common in People's Daily text.
    return unicodedata.normalize("NFKC", char).lower() or char


#: Memo tables of the per-character work (the same characters, bigrams and words recur);
#: emptied when they grow past _MEMO_LIMIT entries so that a long run stays bounded.
_NORMS: dict[str, str] = {}
_IDS: dict[str, int] = {}
_MEMO_LIMIT = 200_000


def _memo(table: dict, keys: Sequence, compute: Callable) -> list:
    """``[compute(k) for k in keys]``, looked up in ``table`` first."""
    if len(table) > _MEMO_LIMIT:
        table.clear()
    get = table.get
    out = [get(k) for k in keys]
    if None in out:
        out = [v if v is not None else table.setdefault(k, compute(k)) for v, k in zip(out, keys)]
    return out


def char_features(text: str, words: Sequence[tuple[int, int]] | None) -> tuple[list[str], list[str], list[str]]:
    """Compute the per-character features (bigram, word, word position).

    Args:
        text: The text.
        words: Word offsets covering some or all of ``text``; characters outside
            any word (whitespace) get the position tag ``S1`` and themselves as word.
            ``None`` skips the word features (``-`` everywhere).

    Returns:
        ``(bigrams, words, positions)``, one string per character.

    >>> char_features("新华社记者", [(0, 3), (3, 5)])
    (['^新', '新华', '华社', '社记', '记者'], ['新华社', '新华社', '新华社', '记者', '记者'], ['B3', 'M3', 'E3', 'B2', 'E2'])
    """
    normed = _memo(_NORMS, text, _norm)
    bigrams = [prev + cur for prev, cur in zip(["^", *normed], normed)]
    if words is None:
        dashes = ["-"] * len(text)
        return bigrams, dashes, list(dashes)
    word_of = normed[:]  # characters outside every word stand for themselves
    position = ["S1"] * len(text)
    for start, end in words:
        word = "".join(normed[start:end])
        length = min(end - start, 5)
        for i in range(start, end):
            word_of[i] = word
        if end - start == 1:
            continue
        position[start] = f"B{length}"
        for i in range(start + 1, end - 1):
            position[i] = f"M{length}"
        position[end - 1] = f"E{length}"
    return bigrams, word_of, position


class CharTokenizer:
    """Split text into one token per character and set the feature attributes.

    Args:
        vocab: The pipeline's vocab.
        word_features: Segment with pkuseg for the ``LEMMA``/``TAG`` features.
        lexicon_features: Set ``DEP`` to the lexicon matches of each character.
            The lexicon is kg's current one until a saved model's is loaded.
    """

    def __init__(self, vocab: Vocab, *, word_features: bool = True, lexicon_features: bool = False) -> None:
        self.vocab = vocab
        self.word_features = word_features
        self.lexicon_features = lexicon_features
        self._lexicon: Lexicon | None = None

    @property
    def lexicon(self) -> Lexicon:
        """The lexicon of the features (built from kg's resources on first use if none was loaded)."""
        if self._lexicon is None:
            self._lexicon = default_lexicon()
        return self._lexicon

    def __call__(self, text: str) -> Doc:
        """Tokenize ``text``, segmenting it with pkuseg for the word features."""
        return self.make_doc(text, pkuseg_words(text) if self.word_features and text else None)

    def make_doc(self, text: str, words: Sequence[tuple[int, int]] | None) -> Doc:
        """Tokenize ``text`` using word offsets computed elsewhere (a pipeline's tokens).

        Args:
            text: The text.
            words: ``(start, end)`` of each word; ignored when word features are off.

        Returns:
            A Doc with one token per character.
        """
        doc = Doc(self.vocab, words=list(text), spaces=[False] * len(text))
        if not text:
            return doc
        bigrams, word_of, position = char_features(text, words if self.word_features else None)
        # The hash embeddings need only the strings' hashes; not adding the strings
        # to the vocab keeps a long-running pipeline's string store from growing
        # with every new bigram and word.
        columns = [bigrams, word_of, position]
        attrs = [NORM, LEMMA, TAG]
        if self.lexicon_features:
            columns.append(self.lexicon.features(text))
            attrs.append(DEP)
        array = numpy.empty((len(text), len(columns)), dtype="uint64")
        for j, column in enumerate(columns):
            array[:, j] = _memo(_IDS, column, get_string_id)
        doc.from_array(attrs, array)
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterable[Doc]:
        """Tokenize a stream of texts."""
        for text in texts:
            yield self(text)

    def _settings(self) -> dict[str, Any]:
        settings: dict[str, Any] = {"word_features": self.word_features, "lexicon_features": self.lexicon_features}
        if self.lexicon_features:
            settings["lexicon"] = self.lexicon.to_dict()
        return settings

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        """Serialize the settings and the lexicon (the tokenizer has no learned state)."""
        return json.dumps(self._settings(), ensure_ascii=False).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> CharTokenizer:
        """Load settings written by :meth:`to_bytes`."""
        settings = json.loads(data.decode("utf-8"))
        self.word_features = bool(settings.get("word_features", True))
        self.lexicon_features = bool(settings.get("lexicon_features", False))
        self._lexicon = lexicon_from_settings(settings)
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Write the settings to ``path`` (a file)."""
        Path(path).write_bytes(self.to_bytes())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> CharTokenizer:
        """Read settings written by :meth:`to_disk`."""
        return self.from_bytes(Path(path).read_bytes())


@registry.tokenizers("kg.char_tokenizer.v1")
def create_char_tokenizer(word_features: bool = True, lexicon_features: bool = False) -> Callable[[Any], CharTokenizer]:
    """Registered factory of :class:`CharTokenizer` (``[nlp.tokenizer]`` in the config)."""

    def make(nlp: Any) -> CharTokenizer:
        return CharTokenizer(nlp.vocab, word_features=word_features, lexicon_features=lexicon_features)

    return make
