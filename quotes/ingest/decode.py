"""Bytes to text: UTF-8 (BOM or not), UTF-16 with BOM, mostly-UTF-8 with a few bad bytes, and
Windows-1252; binary data is refused. Also the clean-up of lone surrogates (from JSON escapes and
undecodable file names), which SQLite and UTF-8 output refuse."""

from __future__ import annotations

import re
from typing import Any

from quotes.ingest.problems import Skip

#: How much of a file is sniffed for binary content.
SNIFF_BYTES = 8192

# Windows-1252 differs from Latin-1 only in 0x80-0x9F; its five undefined bytes stay as Latin-1.
_CP1252_C1 = {
    i: bytes([i]).decode("cp1252") for i in range(0x80, 0xA0) if i not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"
_SURROGATE = re.compile("[\ud800-\udfff]")
_ESCAPED = re.compile("[\udc80-\udcff]")


def looks_binary(head: bytes) -> str | None:
    """Why ``head`` (the first bytes of a file) is not text, or None if it may be text."""
    if b"\x00" in head:
        return "binary file (contains NUL bytes)"
    if head:
        controls = len(head) - len(head.translate(None, _CONTROL))
        # Text has tabs and newlines but hardly any other control bytes.
        if controls >= 8 and controls / len(head) > 0.1:
            return "binary file (control bytes)"
    return None


def decode_bytes(data: bytes) -> tuple[str, str | None, str]:
    """Decode a text file's bytes: returns ``(text, warning or None, encoding)``.

    UTF-8 (with or without BOM) and UTF-16 with BOM are decoded as such. Otherwise, bytes that are
    mostly valid UTF-8 with a few broken sequences are decoded with one U+FFFD per invalid byte
    (so the warning can say how many); bytes with no valid multi-byte UTF-8 at all are
    Windows-1252 (a superset of Latin-1's printable range). Raises ``Skip`` for binary data.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None, "utf-16"
        except UnicodeDecodeError as exc:
            raise Skip(f"invalid UTF-16 text ({exc.reason})") from None
    why = looks_binary(data[:SNIFF_BYTES])
    if why is None and b"\x00" in data:
        why = "binary file (contains NUL bytes)"
    if why:
        raise Skip(why)
    try:
        return data.decode("utf-8"), None, "utf-8"
    except UnicodeDecodeError:
        return _decode_broken_utf8(data)


def _decode_broken_utf8(data: bytes) -> tuple[str, str | None, str]:
    """Bytes that are not valid UTF-8: UTF-8 with U+FFFD for the bad bytes when more characters
    decode as multi-byte UTF-8 than fail, else Windows-1252."""
    escaped = data.decode("utf-8", "surrogateescape")
    bad = sum(1 for ch in escaped if "\udc80" <= ch <= "\udcff")
    good = sum(1 for ch in escaped if ord(ch) > 0x7F and not ("\udc80" <= ch <= "\udcff"))
    if good >= bad:
        text = _ESCAPED.sub("\ufffd", escaped)
        noun = "byte" if bad == 1 else "bytes"
        return text, f"invalid UTF-8: {bad} {noun} replaced with U+FFFD", "utf-8"
    text = data.decode("latin-1").translate(_CP1252_C1)
    return text, "not UTF-8; decoded as Windows-1252 (Latin-1)", "cp1252"


def clean_str(s: str) -> tuple[str, int]:
    """Replace lone surrogates (possible in JSON ``\\ud800`` escapes) with U+FFFD, 1:1."""
    n = len(_SURROGATE.findall(s))
    return (_SURROGATE.sub("\ufffd", s), n) if n else (s, 0)


def no_surrogates(value: Any) -> Any:
    """``value`` with lone surrogates in its strings (also inside dicts and lists) as U+FFFD."""
    if isinstance(value, str):
        return clean_str(value)[0]
    if isinstance(value, dict):
        return {no_surrogates(k): no_surrogates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [no_surrogates(v) for v in value]
    return value
