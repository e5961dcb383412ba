"""Bytes to text for the document readers: refuse what is not text, name damaged UTF-8, decode the rest.

Text from scrapers arrives in UTF-8, UTF-16 or a legacy Windows code page; anything else (archives,
images, NUL-padded binaries) is refused with the reason, never stored as mojibake.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

from metrics import lazy_re
from metrics.errors import InputError

SNIFF_BYTES = 64 * 1024
"""How much of the start of a file is checked for control characters."""
MAX_CONTROL_SHARE = 0.01
"""More C0 control characters (other than tab, newlines, form feed) than this share means binary."""
_TEXT_CONTROLS = frozenset(b"\t\n\r\x0b\x0c\x1b")
_CONTROLS = bytes(b for b in range(32) if b not in _TEXT_CONTROLS)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_REAL_NON_ASCII = lazy_re.compile("[^\x00-\x7f\ufffd]")
"""A character that only valid multi-byte UTF-8 can have produced (U+FFFD marks the damage)."""


@cache
def binary_signatures() -> tuple[tuple[bytes, str], ...]:
    """(leading bytes, format name) pairs from data/binary_signatures.toml, longest first."""
    with resources.files("metrics").joinpath("data", "binary_signatures.toml").open("rb") as handle:
        table = tomllib.load(handle)["signatures"]
    pairs = ((bytes.fromhex(magic), name) for name, magic in table.items())
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


def refuse_binary(data: bytes, path: str, line: int | None = None) -> None:
    """Raise InputError when `data` is a known binary format, holds a NUL byte or too many controls."""
    for magic, name in binary_signatures():
        if data.startswith(magic):
            raise InputError(
                f"binary file ({name}), not text; archives are never unpacked: extract the text first",
                path=path,
                line=line,
            )
    nul = data.find(0)
    if nul >= 0:
        raise InputError(f"binary data, not text (NUL byte at byte {nul})", path=path, line=line)
    sample = data[:SNIFF_BYTES]
    controls = len(sample) - len(sample.translate(None, _CONTROLS))
    if sample and controls > MAX_CONTROL_SHARE * len(sample):
        raise InputError(
            f"binary data, not text ({controls} control bytes in the first {len(sample)})",
            path=path,
            line=line,
        )


def sniff(head: bytes, path: str) -> None:
    """Refuse a file from its first bytes alone (binary formats, NULs), before the rest is read."""
    if not head.startswith(_UTF16_BOMS):
        refuse_binary(head, path)


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode_bytes(data: bytes, path: str, line: int | None = None) -> str:
    """Decode UTF-8 (with or without BOM) or UTF-16 with a BOM; a file with no valid UTF-8 beyond ASCII
    falls back to cp1252, then Latin-1. Binary data and UTF-8 damaged mid-file are InputErrors."""
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise InputError(f"invalid UTF-16 at byte {error.start}", path=path, line=line) from None
    refuse_binary(data, path, line)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        damaged = error.start
    if _REAL_NON_ASCII.search(data.decode("utf-8", "replace")):
        where = f"byte {damaged}" if line is not None else f"byte {damaged}, line {_line_of(data, damaged)}"
        raise InputError(
            f"invalid UTF-8 at {where} in otherwise UTF-8 text (a damaged file); re-save it as UTF-8",
            path=path,
            line=line,
        )
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")
