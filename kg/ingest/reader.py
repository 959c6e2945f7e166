"""Read articles from files and folders: ``.txt``, ``.html``/``.htm``, ``.jsonl``.

:func:`read_articles` yields one :class:`~kg.model.Article` per article and one
:class:`~kg.errors.InputError` per input that cannot be read (as a value, so a
batch goes on): each error names the file, the JSONL line when there is one,
and the problem.

Keys (what identifies an article across runs, even when its text changes):
the article's URL when known (a JSONL ``url``, an HTML canonical link, a
``原文链接:`` line); otherwise its path relative to the input given (the file
name for a file argument, the path inside the folder for a folder argument),
plus ``#<id>`` (a JSONL ``id`` field) or ``#L<n>`` (the line number) for JSONL.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Union

from kg.clean.dates import normalize_date
from kg.clean.htmlpage import parse_html
from kg.clean.page import PageText, parse_page, split_tags
from kg.clean.script import to_simplified
from kg.errors import InputError
from kg.ids import article_id, text_sha256
from kg.ingest.decode import decode_bytes, read_limited, resolve_max_bytes, too_big
from kg.model import Article

logger = logging.getLogger(__name__)

__all__ = ["ARTICLE_SUFFIXES", "read_articles"]

Source = Union[str, "os.PathLike[str]"]

#: File suffixes read inside folders, and how.  A file named on the command
#: line is read whatever its suffix (as text, or HTML if it looks like HTML).
ARTICLE_SUFFIXES: Mapping[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".shtml": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
_JSONL_FIELDS = ("text", "title", "url", "published_at", "source", "author", "editor", "tags", "id", "correspondents")
_LOOKS_LIKE_HTML = re.compile(r"^\s*(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.IGNORECASE | re.DOTALL)
_HAN = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
# An HTML page whose main text is a few words (a menu, "页面不存在") has no article.
_MIN_HTML_HAN = 20


def read_articles(sources: Iterable[Source] | Source, *, max_bytes: int | str | None = None) -> Iterator[Article | InputError]:
    """Read the articles in files and folders, in a deterministic order.

    Folders are read recursively in sorted order; hidden files and folders
    (names starting with ``.``) and files with other suffixes than
    :data:`ARTICLE_SUFFIXES` are skipped.  Encodings are detected (UTF-8 with or
    without BOM, GB18030/GBK, Big5, others via charset-normalizer).

    Args:
        sources: Paths of files and folders (one path is accepted too).
        max_bytes: Size limit of one file (of one line for JSONL); None reads
            ``KG_MAX_BYTES``, then uses 20 MB.  Bigger files are refused
            without being read.

    Returns:
        An iterator of :class:`~kg.model.Article` and, for every input that
        cannot be read, :class:`~kg.errors.InputError` (yielded, not raised).

    Raises:
        ConfigError: ``max_bytes`` / ``KG_MAX_BYTES`` is not a size.
    """
    limit = resolve_max_bytes(max_bytes)
    if isinstance(sources, (str, os.PathLike)):
        sources = [sources]
    for source in sources:
        shown = os.fspath(source)
        path = Path(shown)
        if path.is_dir():
            for relative in _walk(path):
                yield from _read_file(path / relative, key=relative.as_posix(), shown=os.path.join(shown, relative), max_bytes=limit)
        elif path.exists():
            yield from _read_file(path, key=path.name, shown=shown, max_bytes=limit)
        else:
            yield InputError(shown, "no such file or folder")


def _walk(root: Path) -> Iterator[Path]:
    skipped = 0
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            if Path(name).suffix.lower() not in ARTICLE_SUFFIXES:
                skipped += 1
                logger.info("skipping %s: not an article file (%s)", os.path.join(folder, name), ", ".join(ARTICLE_SUFFIXES))
                continue
            yield Path(folder, name).relative_to(root)
    if skipped:
        logger.info("%s: skipped %d files with other suffixes", root, skipped)


def _read_file(path: Path, *, key: str, shown: str, max_bytes: int) -> Iterator[Article | InputError]:
    kind = ARTICLE_SUFFIXES.get(path.suffix.lower(), "text")
    if kind == "jsonl":
        yield from _read_jsonl(path, key=key, shown=shown, max_bytes=max_bytes)
        return
    if not path.is_file():
        yield InputError(shown, "not a regular file")
        return
    try:
        data = read_limited(path, max_bytes=max_bytes, shown=shown)
        text, encoding = decode_bytes(data, shown=shown, html=kind == "html")
    except InputError as e:
        yield e
        return
    logger.debug("%s: %s, %d bytes", shown, encoding, len(data))
    if kind == "text" and _LOOKS_LIKE_HTML.match(text[:2048]):
        kind = "html"
    page = parse_html(text) if kind == "html" else parse_page(text)
    if not page.body or (kind == "html" and len(_HAN.findall(page.body)) < _MIN_HTML_HAN and not _LATIN.search(page.body)):
        problem = "HTML page with no article text" if kind == "html" else "no article text (only page boilerplate)"
        yield InputError(shown, problem)
        return
    yield _article(page, key=page.url or key, origin=shown, shown=shown)


def _chinese_problem(text: str) -> str | None:
    han = len(_HAN.findall(text))
    latin = len(_LATIN.findall(text))
    if han == 0:
        return "no Chinese text (kg reads Chinese news articles)"
    if han < 5 or han < 0.2 * (han + latin):
        return f"too little Chinese text ({han} Chinese characters, {latin} Latin letters): kg reads Chinese news articles"
    return None


def _article(
    page: PageText,
    *,
    key: str,
    origin: str,
    shown: str,
    line: int | None = None,
    given: Mapping[str, Any] | None = None,
) -> Article | InputError:
    problem = _chinese_problem(page.text)
    if problem:
        return InputError(shown, problem, line=line)
    given = given or {}
    simplify = to_simplified if page.traditional else str

    def pick(name: str) -> Any:
        value = given.get(name)
        return simplify(value) if isinstance(value, str) and value else getattr(page, name)

    tags = given.get("tags")
    return Article(
        id=article_id(key),
        key=key,
        text=page.text,
        sha256=text_sha256(page.text),
        title=pick("title"),
        published_at=given.get("published_at") or page.published_at,
        source=pick("source"),
        author=pick("author"),
        editor=pick("editor"),
        tags=tuple(simplify(t) for t in tags) if tags else page.tags,
        url=given.get("url") or page.url,
        origin=origin,
        correspondents=tuple(given["correspondents"]) if given.get("correspondents") else page.correspondents,
    )


# --------------------------------------------------------------------------- JSONL


def _read_jsonl(path: Path, *, key: str, shown: str, max_bytes: int) -> Iterator[Article | InputError]:
    try:
        f = path.open("rb")
    except OSError as e:
        yield InputError(shown, f"cannot read the file ({e.strerror or e})")
        return
    articles = 0
    with f:
        number = 0
        while True:
            raw = f.readline(max_bytes + 1)
            if not raw:
                break
            number += 1
            if len(raw) > max_bytes and not raw.endswith(b"\n"):
                size = len(raw)
                while chunk := f.readline(1 << 20):  # skip the rest of the line without holding it
                    size += len(chunk)
                    if chunk.endswith(b"\n"):
                        break
                yield InputError(shown, too_big(size, max_bytes, what="line"), line=number)
                continue
            if not raw.strip():
                continue
            articles += 1
            yield _jsonl_article(raw, number=number, key=key, shown=shown)
    if articles == 0:
        yield InputError(shown, "empty file")


def _jsonl_article(raw: bytes, *, number: int, key: str, shown: str) -> Article | InputError:
    try:
        line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError:
        try:
            line = raw.decode("gb18030")
        except UnicodeDecodeError:
            return InputError(shown, "cannot decode as UTF-8 or GB18030: save the file as UTF-8", line=number)
    try:
        record = json.loads(line.rstrip("\r\n"))
    except json.JSONDecodeError as e:
        return InputError(shown, f"not valid JSON ({e.msg.removesuffix(' at')} at column {e.colno})", line=number)
    if not isinstance(record, dict):
        return InputError(shown, f'not a JSON object with a "text" field (found a JSON {type(record).__name__})', line=number)
    text = record.get("text")
    if text is None:
        return InputError(shown, 'no "text" field (each line needs the article text in "text")', line=number)
    if not isinstance(text, str):
        return InputError(shown, f'"text" is a JSON {type(text).__name__}, not a string', line=number)
    if not text.strip():
        return InputError(shown, 'empty "text"', line=number)
    unknown = sorted(set(record) - set(_JSONL_FIELDS))
    if unknown:
        logger.debug("%s:%d: ignoring fields %s", shown, number, ", ".join(unknown))
    given = _jsonl_fields(record, shown=shown, number=number)
    page = parse_page(text, title=given.get("title"))
    if not page.body:
        return InputError(shown, "no article text (only page boilerplate)", line=number)
    record_id = given.pop("id", None)
    article_key = given.get("url") or (f"{key}#{record_id}" if record_id else f"{key}#L{number}")
    return _article(page, key=article_key, origin=f"{shown}:{number}", shown=shown, line=number, given=given)


def _jsonl_fields(record: Mapping[str, Any], *, shown: str, number: int) -> dict[str, Any]:
    given: dict[str, Any] = {}
    for name in ("title", "url", "source", "editor", "id", "published_at"):
        value = record.get(name)
        if value is None or value == "":
            continue
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            given[name] = str(value).strip()
        else:
            logger.warning("%s:%d: ignoring %r: expected a string", shown, number, name)
    for name in ("author", "correspondents", "tags"):
        value = record.get(name)
        if isinstance(value, str):
            items = split_tags(value) if name == "tags" else value.split()
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            items = [v.strip() for v in value if v.strip()]
        else:
            if value is not None:
                logger.warning("%s:%d: ignoring %r: expected a string or a list of strings", shown, number, name)
            continue
        if items:
            given[name] = " ".join(items) if name == "author" else items
    if "published_at" in given:
        iso = normalize_date(given["published_at"])
        if iso is None:
            logger.warning("%s:%d: published_at %r is not a date; ignored", shown, number, given["published_at"])
            del given["published_at"]
        else:
            given["published_at"] = iso
    return given
