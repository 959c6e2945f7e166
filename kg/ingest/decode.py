"""Bytes to text: size limit, binary detection, encoding detection.

Order of preference: a byte-order mark; UTF-8; the charset an HTML page
declares; GB18030 (a superset of GBK and GB2312) or Big5, chosen by
charset-normalizer since every Big5 byte pair is also valid GB18030; anything
else charset-normalizer detects, provided it gives Chinese text.
"""

from __future__ import annotations

import codecs
import logging
import os
import re
from pathlib import Path

import charset_normalizer

from kg.errors import ConfigError, InputError

logger = logging.getLogger(__name__)

#: Largest input file read by default (bytes); ``KG_MAX_BYTES`` or ``--max-bytes`` change it.
DEFAULT_MAX_BYTES = 20_000_000

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAGIC = (
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"\x89PNG", "PNG image"),
    (b"GIF8", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\x7fELF", "executable"),
    (b"\xd0\xcf\x11\xe0", "old Office document"),
    (b"Rar!", "RAR archive"),
    (b"7z\xbc\xaf", "7-Zip archive"),
    (b"SQLite format 3", "SQLite database"),
)
_CHINESE_FAMILIES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb18030": "gb18030",
    "hz": "hz",
    "big5": "big5",
    "big5hkscs": "big5hkscs",
    "cp950": "cp950",
}
_DECLARED = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-]{2,20})""", re.IGNORECASE)
_HAN = re.compile(r"[\u3400-\u9fff]")
_SIZE_UNITS = {"": 1, "b": 1, "k": 1_000, "kb": 1_000, "m": 1_000_000, "mb": 1_000_000, "g": 1_000_000_000, "gb": 1_000_000_000,
               "kib": 1024, "mib": 1024**2, "gib": 1024**3}


def format_size(n: int) -> str:
    """Write a byte count for people.

    >>> format_size(52_428_800), format_size(20_000_000), format_size(1_500), format_size(12)
    ('52.4 MB', '20 MB', '1.5 KB', '12 bytes')
    """
    for unit, size in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if n >= size:
            return f"{n / size:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n} bytes"


def resolve_max_bytes(value: int | str | None = None) -> int:
    """Return the size limit: ``value`` if given, else ``KG_MAX_BYTES``, else the default.

    Args:
        value: A number of bytes, or a size such as ``"50MB"`` / ``"500KB"``.

    Returns:
        The limit in bytes.

    Raises:
        ConfigError: The value is not a positive size.

    >>> resolve_max_bytes(1000), resolve_max_bytes("50MB"), resolve_max_bytes("2.5 kb")
    (1000, 50000000, 2500)
    """
    source = "--max-bytes"
    if value is None:
        value = os.environ.get("KG_MAX_BYTES")
        source = "KG_MAX_BYTES"
    if value is None or value == "":
        return DEFAULT_MAX_BYTES
    if isinstance(value, int) and not isinstance(value, bool):
        limit = value
    else:
        match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*", str(value))
        unit = match.group(2).lower() if match else ""
        if not match or unit not in _SIZE_UNITS:
            raise ConfigError(f"{source}={value!r} is not a size: give bytes (20000000) or a size such as 20MB")
        limit = int(float(match.group(1)) * _SIZE_UNITS[unit])
    if limit <= 0:
        raise ConfigError(f"{source}={value!r} must be a positive size such as 20MB")
    return limit


def read_limited(path: Path, *, max_bytes: int, shown: str) -> bytes:
    """Read a whole file, refusing (before reading) a file over ``max_bytes``.

    Args:
        path: The file.
        max_bytes: The size limit.
        shown: The path as the user gave it, for messages.

    Returns:
        The file's bytes.

    Raises:
        InputError: The file is over the limit or cannot be read.
    """
    try:
        size = path.stat().st_size
    except OSError as e:
        raise InputError(shown, f"cannot read the file ({e.strerror or e})") from e
    if size > max_bytes:
        raise InputError(shown, too_big(size, max_bytes))
    try:
        with path.open("rb") as f:
            data = f.read(max_bytes + 1)
    except OSError as e:
        raise InputError(shown, f"cannot read the file ({e.strerror or e})") from e
    if len(data) > max_bytes:  # the file grew, or stat() did not tell its size
        raise InputError(shown, too_big(len(data), max_bytes, at_least=True))
    return data


def too_big(size: int, max_bytes: int, *, at_least: bool = False, what: str = "file") -> str:
    """The message for an input over the size limit."""
    more = "over " if at_least else ""
    return (
        f"{what} is {more}{format_size(size)}, over the limit of {format_size(max_bytes)} "
        f"set by --max-bytes/KG_MAX_BYTES (raise the limit to read it)"
    )


def binary_kind(data: bytes) -> str | None:
    """Tell whether bytes are a binary file rather than text, and what kind.

    Args:
        data: The start of a file (8 KB are enough).

    Returns:
        A description such as ``"PNG image"`` or ``"binary data"``, or None for text.

    >>> binary_kind(b"\\x89PNG\\r\\n\\x1a\\n"), binary_kind("村党支部".encode()), binary_kind(b"\\x00\\x01\\x02abc")
    ('PNG image', None, 'binary data')
    """
    head = data[:8192]
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return None
    if b"\x00" in head:
        return "binary data"
    controls = sum(1 for b in head if b < 0x20 and b not in (0x09, 0x0A, 0x0C, 0x0D, 0x1B))
    if head and controls / len(head) > 0.05:
        return "binary data"
    return None


def _declared_charset(data: bytes) -> str | None:
    match = _DECLARED.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii").lower()
    try:
        name = codecs.lookup(name).name
    except LookupError:
        return None
    return _CHINESE_FAMILIES.get(name.replace("-", "").replace("_", ""), name)


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _is_chinese_text(text: str) -> bool:
    han = len(_HAN.findall(text))
    odd = sum(1 for c in text if (ord(c) < 0x20 and c not in "\t\n\r\f") or 0xE000 <= ord(c) <= 0xF8FF)
    return han > 0 and odd <= max(2, len(text) // 100)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16/32 text saved without a byte-order mark has NUL bytes but is text."""
    best = charset_normalizer.from_bytes(data, cp_isolation=["utf_16_le", "utf_16_be", "utf_32_le", "utf_32_be"]).best()
    if best is None:
        return None
    text = str(best)
    plain = sum(1 for c in text if c.isspace() or " " <= c <= "~" or _HAN.match(c) or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef")
    if text and plain / len(text) >= 0.95 and _HAN.search(text):
        return text, best.encoding
    return None


def decode_bytes(data: bytes, *, shown: str, html: bool = False) -> tuple[str, str]:
    """Decode the bytes of a text or HTML file.

    Args:
        data: The file's bytes.
        shown: The path as the user gave it, for messages.
        html: Look for a ``<meta charset>`` declaration too.

    Returns:
        ``(text, encoding)``.

    Raises:
        InputError: The file is empty, binary, or in no encoding that gives text.

    >>> decode_bytes("村党支部".encode("gbk"), shown="a.txt")
    ('村党支部', 'gb18030')
    >>> decode_bytes("\\ufeff村党支部".encode("utf-8"), shown="a.txt")
    ('村党支部', 'utf-8-sig')
    """
    if not data.strip():
        raise InputError(shown, "empty file")
    kind = binary_kind(data)
    if kind == "binary data" and b"\x00" in data[:8192]:
        text_and_encoding = _utf16_without_bom(data)
        if text_and_encoding:
            return text_and_encoding
    if kind:
        raise InputError(shown, f"binary file (not text: {kind})")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _strict(data, encoding)
            if text is not None:
                return text, encoding
    text = _strict(data, "utf-8")
    if text is not None:
        return text, "utf-8"
    if html:
        declared = _declared_charset(data)
        text = _strict(data, declared) if declared else None
        if text is not None and declared:
            return text, declared
    # Every Big5 byte pair is also a valid GB18030 one: let charset-normalizer,
    # limited to the Chinese encodings, tell which one reads as language.
    best = charset_normalizer.from_bytes(data, cp_isolation=["gb18030", "big5"]).best()
    if best is not None:
        encoding = _CHINESE_FAMILIES.get(best.encoding.replace("_", ""), best.encoding)
        # Big5 as saved on Windows (cp950) and in Hong Kong (HKSCS) adds characters to Big5.
        for candidate in (encoding, "cp950", "big5hkscs") if encoding.startswith(("big5", "cp950")) else (encoding,):
            text = _strict(data, candidate)
            if text is not None:
                return text, candidate
    text = _strict(data, "gb18030")
    if text is not None and _is_chinese_text(text):
        return text, "gb18030"
    best = charset_normalizer.from_bytes(data).best()
    if best is not None:
        text = str(best)
        if _is_chinese_text(text) and not best.encoding.startswith(("utf_16", "utf_32")):
            return text, best.encoding
    if best is not None:
        logger.debug("%s: closest encoding %s gives no Chinese text", shown, best.encoding)
    raise InputError(shown, "cannot decode as UTF-8, GB18030/GBK or Big5 (and detection found no encoding that gives Chinese text): save the file as UTF-8")
