"""kg.ingest.decode: encodings, binary files, the size limit setting."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import ConfigError, InputError
from kg.ingest.decode import DEFAULT_MAX_BYTES, binary_kind, decode_bytes, format_size, resolve_max_bytes

SIMPLIFIED = "村党支部书记带领村民发展产业，村集体经济收入逐年增长，帮扶资金2.3亿元。"
TRADITIONAL = "村黨支部書記帶領村民發展產業，村集體經濟收入逐年增長，幫扶資金2.3億元。"


@pytest.mark.parametrize(
    ("text", "encoding", "detected"),
    [
        (SIMPLIFIED, "utf-8", "utf-8"),
        ("\ufeff" + SIMPLIFIED, "utf-8", "utf-8-sig"),
        (SIMPLIFIED, "gbk", "gb18030"),
        (SIMPLIFIED + "𠀀", "gb18030", "gb18030"),  # a character outside GBK
        (TRADITIONAL, "big5", "big5"),
        (SIMPLIFIED, "utf-16", "utf-16"),
        (SIMPLIFIED, "utf-16-le", "utf_16_le"),  # no byte-order mark
    ],
)
def test_decode_encodings(text: str, encoding: str, detected: str) -> None:
    decoded, found = decode_bytes(text.encode(encoding), shown="a.txt")
    assert decoded == text.lstrip("\ufeff")
    assert found == detected


def test_decode_declared_html_charset() -> None:
    markup = f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk"></head><body>{SIMPLIFIED}</body></html>'
    decoded, found = decode_bytes(markup.encode("gbk"), shown="a.html", html=True)
    assert (SIMPLIFIED in decoded, found) == (True, "gb18030")


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "empty file"),
        (b" \n\t\r\n", "empty file"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary file (not text: PDF document)"),
        (b"PK\x03\x04\x14\x00\x00\x00", "binary file (not text: ZIP archive or Office document)"),
        (bytes(range(32)) * 10, "binary file (not text: binary data)"),
        (b"\x80\xff abc \xff\x80" * 5, "cannot decode as UTF-8, GB18030/GBK or Big5"),
    ],
)
def test_decode_problems(data: bytes, problem: str) -> None:
    with pytest.raises(InputError) as info:
        decode_bytes(data, shown="dir/x.txt")
    assert info.value.path == "dir/x.txt"
    assert info.value.problem.startswith(problem)


def test_decode_binary_kind() -> None:
    assert binary_kind(b"\xff\xd8\xff\xe0\x00\x10JFIF") == "JPEG image"
    assert binary_kind(SIMPLIFIED.encode("utf-16")) is None  # a BOM: text, not binary
    assert binary_kind(SIMPLIFIED.encode("gbk")) is None


@pytest.mark.parametrize(
    ("value", "limit"),
    [(None, DEFAULT_MAX_BYTES), (5, 5), ("123", 123), ("20MB", 20_000_000), ("1.5 GB", 1_500_000_000), ("2MiB", 2 * 1024 * 1024)],
)
def test_decode_resolve_max_bytes(value: int | str | None, limit: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KG_MAX_BYTES", raising=False)
    assert resolve_max_bytes(value) == limit


def test_decode_max_bytes_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_MAX_BYTES", "50MB")
    assert resolve_max_bytes() == 50_000_000
    assert resolve_max_bytes(10) == 10
    monkeypatch.setenv("KG_MAX_BYTES", "fifty")
    with pytest.raises(ConfigError, match="KG_MAX_BYTES"):
        resolve_max_bytes()


def test_decode_format_size() -> None:
    assert [format_size(n) for n in (52_000_000, 52_400_000, 999, 20_000_000)] == ["52 MB", "52.4 MB", "999 bytes", "20 MB"]


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_decode_never_crashes_on_arbitrary_bytes(data: bytes) -> None:
    try:
        text, encoding = decode_bytes(data, shown="x.txt")
    except InputError as e:
        assert e.path == "x.txt" and e.problem
    else:
        assert isinstance(text, str) and encoding
