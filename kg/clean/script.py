"""Traditional and simplified Chinese script: detection and a same-length simplified view.

``Article.text`` keeps the script the article was written in, so that evidence
quotes what the article says.  Analysis (segmentation, gazetteer look-ups,
names and ids) runs on :func:`simplified_view`, which has exactly the same
length as the stored text: an offset found in the view is an offset in
``Article.text``.

OpenCC's ``t2s`` conversion is phrase based; almost every phrase keeps its
length, but a conversion that changes the length would shift every later
offset.  :func:`simplified_view` therefore checks the length of each converted
piece and converts a piece that changed length character by character, which
always keeps the length.
"""

from __future__ import annotations

import functools
import logging
import re
from typing import Callable

import opencc

logger = logging.getLogger(__name__)

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Pieces that OpenCC converts as a whole: runs between sentence punctuation
# and line breaks, so a phrase is never cut in two.
_PIECE = re.compile(r"[^。！？；!?;\n]*[。！？；!?;\n]?")


@functools.lru_cache(maxsize=4)
def _converter(config: str) -> Callable[[str], str]:
    return opencc.OpenCC(config).convert


def to_simplified(text: str) -> str:
    """Convert traditional characters to simplified with OpenCC ``t2s`` (phrase level).

    The result may differ in length from ``text``; use it for metadata such as a
    title or a name, and :func:`simplified_view` where offsets must be kept.

    Args:
        text: Any text.

    Returns:
        The text in simplified script.

    >>> to_simplified("黨支部書記")
    '党支部书记'
    """
    return _converter("t2s")(text)


def traditional_ratio(text: str) -> float:
    """Return the share of Han characters that OpenCC ``t2s`` changes.

    Args:
        text: Any text.

    Returns:
        A number from 0.0 (all simplified, or no Han characters) to 1.0.

    >>> traditional_ratio("党支部书记") == 0.0
    True
    >>> traditional_ratio("黨支部書記") > 0.5
    True
    """
    han = _HAN.findall(text)
    if not han:
        return 0.0
    chars = "".join(han)
    converted = _converter("t2s")(chars)
    if len(converted) != len(chars):
        converted = "".join(_converter("t2s")(c) for c in chars)
    changed = sum(1 for a, b in zip(chars, converted) if a != b)
    return changed / len(chars)


def is_traditional(text: str, *, threshold: float = 0.03) -> bool:
    """Tell whether a text is written in traditional script.

    A simplified text has almost no character that ``t2s`` changes; a
    traditional one has many (about one in five Han characters in news text).

    Args:
        text: Any text.
        threshold: Share of changed Han characters above which the text is
            traditional.

    Returns:
        True when the text reads as traditional script.

    >>> is_traditional("村黨支部書記說，鄉村振興要靠產業。")
    True
    >>> is_traditional("村党支部书记说，乡村振兴要靠产业。")
    False
    """
    return traditional_ratio(text) > threshold


def same_length_convert(text: str, convert: Callable[[str], str]) -> str:
    """Apply a character conversion to ``text`` without changing its length.

    Each sentence-sized piece is converted as a whole (phrase conversions stay
    right); a piece whose converted length differs is converted character by
    character instead, and a character whose conversion changes length is kept.

    Args:
        text: The text to convert.
        convert: A function from text to converted text (e.g. OpenCC's).

    Returns:
        The converted text, of exactly ``len(text)`` characters.

    >>> same_length_convert("ab。cd", lambda s: s.replace("a", "xx"))
    'ab。cd'
    >>> same_length_convert("ab。cd", str.upper)
    'AB。CD'
    """
    out: list[str] = []
    for match in _PIECE.finditer(text):
        piece = match.group()
        if not piece:
            continue
        converted = convert(piece)
        if len(converted) != len(piece):
            logger.debug("conversion changed the length of %r: converting per character", piece)
            converted = "".join(_per_char(c, convert) for c in piece)
        out.append(converted)
    result = "".join(out)
    if len(result) != len(text):  # pragma: no cover - guarded above, kept as a last resort
        return text
    return result


def _per_char(char: str, convert: Callable[[str], str]) -> str:
    converted = convert(char)
    return converted if len(converted) == 1 else char


def simplified_view(text: str) -> str:
    """Return the simplified-script view of ``text``, with equal length and offsets.

    Args:
        text: The stored article text (any script).

    Returns:
        A string of ``len(text)`` characters where traditional characters are
        replaced by simplified ones; ``view[i:j]`` is the simplified form of
        ``text[i:j]``.

    >>> text = "蕉嶺縣長潭鎮白馬村黨支部"
    >>> view = simplified_view(text)
    >>> view
    '蕉岭县长潭镇白马村党支部'
    >>> len(view) == len(text)
    True
    """
    if not _HAN.search(text):
        return text
    return same_length_convert(text, _converter("t2s"))
