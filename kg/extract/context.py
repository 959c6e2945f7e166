"""The analysed view of one article that every extraction rule reads.

Built once per article from the spaCy doc: the simplified text (same length
as the stored text, so offsets agree), pkuseg token boundaries, sentences,
quoted spans and the NER model's spans.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date

_QUOTE_PAIRS = {"“": "”", "「": "」", "『": "』", "《": "》", "‘": "’", "〈": "〉", '"': '"'}
_QUOTE_RE = re.compile(r"“[^“”\n]{1,60}”|「[^「」\n]{1,60}」|『[^『』\n]{1,60}』|《[^《》\n]{1,60}》|‘[^‘’\n]{1,40}’|\"[^\"\n]{1,60}\"|〈[^〈〉\n]{1,40}〉")


@dataclass(frozen=True, slots=True)
class Quote:
    """A quoted or book-title span: ``start:end`` includes the marks."""

    start: int
    end: int
    open: str
    inner: str

    @property
    def inner_start(self) -> int:
        return self.start + 1

    @property
    def inner_end(self) -> int:
        return self.end - 1

    @property
    def is_title(self) -> bool:
        return self.open in "《〈"


def find_quotes(text: str) -> list[Quote]:
    """Return quoted spans (“…”, 《…》, 「…」, ‘…’), outermost first for each start.

    >>> [q.inner for q in find_quotes("实施“党建+项目”和《某某意见》")]
    ['党建+项目', '某某意见']
    """
    quotes = [Quote(m.start(), m.end(), m.group()[0], m.group()[1:-1]) for m in _QUOTE_RE.finditer(text)]
    # single quotes nest inside double ones: “弘扬‘某精神’” yields both
    for q in list(quotes):
        if q.open == "“":
            for m in re.finditer(r"‘[^‘’\n]{1,40}’", q.inner):
                s = q.inner_start + m.start()
                quotes.append(Quote(s, s + len(m.group()), "‘", m.group()[1:-1]))
    quotes = sorted(set(quotes), key=lambda q: (q.start, -q.end))
    return quotes


@dataclass(slots=True)
class TextView:
    """Everything the rules need about one article's text."""

    text: str
    original: str
    tokens: list[tuple[int, int]]
    sentences: list[tuple[int, int]]
    ner: list[tuple[int, int, str]] = field(default_factory=list)
    ner_available: bool = False
    base_date: date | None = None
    quotes: list[Quote] = field(default_factory=list)
    token_starts: set[int] = field(default_factory=set)
    token_ends: set[int] = field(default_factory=set)
    _sent_starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.token_starts = {s for s, _ in self.tokens}
        self.token_ends = {e for _, e in self.tokens}
        self._sent_starts = [s for s, _ in self.sentences]
        if not self.quotes:
            self.quotes = find_quotes(self.text)

    def sentence_index(self, offset: int) -> int:
        """Return the index of the sentence containing ``offset`` (the nearest before it)."""
        return max(0, bisect.bisect_right(self._sent_starts, offset) - 1)

    def sentence_span(self, offset: int) -> tuple[int, int]:
        if not self.sentences:
            return (0, len(self.text))
        return self.sentences[self.sentence_index(offset)]

    def token_index_ending_at(self, offset: int) -> int | None:
        i = bisect.bisect_left(self.tokens, (offset, offset)) - 1
        while i >= 0 and self.tokens[i][1] > offset:
            i -= 1
        if i >= 0 and self.tokens[i][1] == offset:
            return i
        return None

    def token_covering(self, offset: int) -> tuple[int, int] | None:
        i = bisect.bisect_right(self.tokens, (offset, len(self.text) + 1)) - 1
        if i >= 0 and self.tokens[i][0] <= offset < self.tokens[i][1]:
            return self.tokens[i]
        return None

    def paragraph_start(self, offset: int) -> int:
        return self.text.rfind("\n", 0, offset) + 1
