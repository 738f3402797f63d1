"""Turn raw article content into ``str``, and say how: the decoding half of load.py.

Bytes to text (:func:`decode_bytes`), mojibake repair (:func:`fix_mojibake`),
HTML to main text (:func:`extract_html`) and table cells to text and dates
(:func:`as_text`, :func:`parse_dates`).

For bytes, the order of evidence, cheapest first:

1. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE);
2. UTF-16 without a BOM, recognised by its pattern of zero bytes;
3. strict UTF-8 (the fast path: most files stop here);
4. UTF-8 with a few stray Windows-1252 bytes (a quote pasted from Word into a
   UTF-8 page), recorded as ``'utf-8+cp1252'``;
5. a legacy single- or multi-byte encoding: ``charset_normalizer``'s best
   guess, unless Windows-1252 reads the bytes at least as cleanly (by
   ``charset_normalizer``'s own mess measure), because Western news is what
   this toolkit mostly sees and ``charset_normalizer`` often names an exotic
   code page (cp932, cp852, ...) for a file with one accented byte.

Mojibake repair (``ftfy``) is a separate step, applied only when a cheap
signature test and ``ftfy``'s badness test fire and the repair changes the text.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import Any

import pandas as pd

__all__ = [
    "BinaryContentError",
    "Decoded",
    "as_text",
    "decode_bytes",
    "extract_html",
    "fix_mojibake",
    "is_missing",
    "looks_binary",
]

# Byte-order marks; UTF-32 first because its LE mark starts with UTF-16's.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Python codec names for the encodings we report as plain Windows-1252.
_WESTERN = {"cp1252", "windows_1252", "latin_1", "iso8859_1", "iso8859_15", "ascii"}
# One well-formed UTF-8 multi-byte character (used to tell "UTF-8 with a few
# stray bytes" from "a legacy encoding"; this looks at bytes, not markup).
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
# Control characters that do not occur in text files (tab, newlines, form
# feed and vertical tab are allowed).
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
# A character that UTF-8 lead bytes become in Windows-1252 or Latin-1,
# followed by one that continuation bytes become (or 'Ã ' for a lost
# no-break space): the signature of UTF-8 read as Windows-1252, checked before
# ftfy's slower badness test.
_CONTINUATION = (
    "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a"
    "\u20ac\u2122"
)
_MOJIBAKE_HINT = re.compile(f"[\u00c2-\u00f4][{_CONTINUATION}]|\u00c3 ")
_SAMPLE = 8192
_BINARY_CONTROL_SHARE = 0.05
_MESS_SAMPLE = 32768


class BinaryContentError(ValueError):
    """The bytes are not text (NUL bytes, mostly control characters)."""


@dataclass(frozen=True)
class Decoded:
    """Decoded text, the encoding used and whether any byte was replaced."""

    text: str
    encoding: str
    lossy: bool = False


def _cp1252_fallback(err: UnicodeError) -> tuple[str, int]:
    if not isinstance(err, UnicodeDecodeError):  # pragma: no cover - decode only
        raise err
    return _sloppy_cp1252(err.object[err.start : err.end]), err.end


codecs.register_error("mediakit-cp1252", _cp1252_fallback)


def _sloppy_cp1252(data: bytes) -> str:
    # Windows-1252 with its five undefined bytes mapped to U+0081 etc., as
    # browsers do; never fails.
    import ftfy.bad_codecs  # noqa: F401  (registers 'sloppy-windows-1252')

    return data.decode("sloppy-windows-1252")


def looks_binary(text: str) -> bool:
    """Whether decoded text looks like a binary file (control characters)."""
    sample = text[:_SAMPLE]
    if not sample:
        return False
    return len(_CONTROL.findall(sample)) > _BINARY_CONTROL_SHARE * len(sample)


def _check_text(decoded: Decoded) -> Decoded:
    if looks_binary(decoded.text):
        sample = decoded.text[:_SAMPLE]
        share = len(_CONTROL.findall(sample)) / len(sample)
        raise BinaryContentError(
            f"looks like a binary file, not text ({share:.0%} of the first "
            f"{len(sample)} characters are NUL or control characters)"
        )
    return decoded


def _utf16_without_bom(data: bytes) -> str | None:
    head = data[:_SAMPLE]
    if len(head) < 4 or len(data) % 2:
        return None
    pairs = len(head) // 2
    zero_even = head[0::2].count(0)
    zero_odd = head[1::2].count(0)
    if zero_odd >= 0.4 * pairs and zero_even <= 0.05 * pairs:
        codec = "utf-16-le"
    elif zero_even >= 0.4 * pairs and zero_odd <= 0.05 * pairs:
        codec = "utf-16-be"
    else:
        return None
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return None
    return codec


def decode_bytes(data: bytes, encoding: str | None = None) -> Decoded:
    """Decode ``data``; raise :class:`BinaryContentError` if it is not text.

    With ``encoding`` given, that codec is used and undecodable bytes become
    U+FFFD (``lossy=True``). A leading BOM character is always dropped.
    """
    if encoding is not None:
        return _check_text(_decode_with(data, encoding))
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _check_text(_decode_with(data[len(bom) :], codec))
    codec = _utf16_without_bom(data)
    if codec is not None:
        return _check_text(_decode_with(data, codec))
    head = data[:_SAMPLE]
    if head.count(0) > 0.01 * len(head):
        raise BinaryContentError(
            f"looks like a binary file, not text ({head.count(0)} NUL bytes in the "
            f"first {len(head)} bytes)"
        )
    try:
        return _check_text(Decoded(data.decode("utf-8"), "utf-8"))
    except UnicodeDecodeError:
        pass
    valid = _UTF8_MULTIBYTE.findall(data)
    if valid:
        valid_bytes = sum(map(len, valid))
        high_bytes = len(data) - len(data.translate(None, bytes(range(128, 256))))
        if valid_bytes >= high_bytes - valid_bytes:
            text = data.decode("utf-8", errors="mediakit-cp1252")
            return _check_text(Decoded(text, "utf-8+cp1252"))
    return _check_text(_legacy(data))


def _decode_with(data: bytes, codec: str) -> Decoded:
    try:
        text, lossy = data.decode(codec), False
    except UnicodeDecodeError:
        text, lossy = data.decode(codec, errors="replace"), True
    return Decoded(text.removeprefix("\ufeff"), codec, lossy)


def _mess_sample(data: bytes) -> bytes:
    if len(data) <= _MESS_SAMPLE:
        return data
    lines = [line for line in data.split(b"\n") if not line.isascii()]
    return b"\n".join(lines)[:_MESS_SAMPLE]


def _legacy(data: bytes) -> Decoded:
    try:
        western: str | None = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    try:
        import charset_normalizer
        from charset_normalizer.md import mess_ratio

        best = charset_normalizer.from_bytes(data).best()
        guess = None if best is None else codecs.lookup(best.encoding).name.replace("-", "_")
        if guess is None or guess in _WESTERN:
            raise LookupError("no better guess than Windows-1252")
        if western is not None:
            sample = _mess_sample(data)
            mess_western = mess_ratio(sample.decode("cp1252"), 1.0)
            mess_guess = mess_ratio(sample.decode(guess, errors="replace"), 1.0)
            if mess_western <= mess_guess + 0.02:
                raise LookupError("Windows-1252 reads as cleanly")
        return _decode_with(data, guess)
    except Exception:  # any failure of the guesser falls back to Windows-1252
        if western is not None:
            return Decoded(western, "cp1252")
        return Decoded(_sloppy_cp1252(data), "cp1252")


_FTFY_CONFIG = None


def fix_mojibake(text: str) -> tuple[str, bool]:
    """Repair mojibake with ftfy's encoding fixes only; say whether it changed.

    Only ftfy's encoding repairs run (no quote straightening, no Unicode
    normalisation, no HTML unescaping), and only when the text holds the
    signature of UTF-8 read as Windows-1252/Latin-1 and ftfy's badness test
    agrees that it looks like mojibake.
    """
    global _FTFY_CONFIG
    import ftfy
    from ftfy.badness import is_bad

    if text.isascii() or not _MOJIBAKE_HINT.search(text) or not is_bad(text):
        return text, False
    if _FTFY_CONFIG is None:
        _FTFY_CONFIG = ftfy.TextFixerConfig(
            unescape_html=False,
            remove_terminal_escapes=False,
            fix_latin_ligatures=False,
            fix_character_width=False,
            uncurl_quotes=False,
            fix_line_breaks=False,
            fix_surrogates=False,
            remove_control_chars=False,
            normalization=None,
            explain=False,
        )
    fixed = ftfy.fix_text(text, _FTFY_CONFIG)
    return fixed, fixed != text


# -- markup and cell values to text ---------------------------------------------------


def extract_html(html: str) -> dict[str, Any]:
    """Extract the main text (blocks joined by a blank line) and metadata of a page."""
    import trafilatura
    from trafilatura.xml import xmltotxt

    try:
        doc = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=True
        )
    except Exception:  # trafilatura gives up on some malformed input: fall back
        doc = None
    if doc is not None and (doc.text or "").strip() and doc.body is not None:
        blocks = [xmltotxt(child, include_formatting=False) for child in doc.body]
        text, extraction, meta = _join_blocks(blocks) or doc.text.strip(), "main", doc
    else:
        try:
            meta = trafilatura.extract_metadata(html)
        except Exception:
            meta = None
        text, extraction = _baseline(html), "baseline"
        if not text:
            text, extraction = _all_text(html), "all_text"
    return {
        "text": text,
        "title": getattr(meta, "title", None),
        "date": getattr(meta, "date", None),
        "url": getattr(meta, "url", None),
        "site_name": getattr(meta, "sitename", None),
        "extraction": extraction,
    }


def _join_blocks(blocks: list[str]) -> str:
    cleaned = ("\n".join(line.rstrip() for line in b.strip().splitlines()) for b in blocks)
    return "\n\n".join(b for b in cleaned if b)


def _baseline(html: str) -> str:
    import trafilatura

    try:
        body, text, _ = trafilatura.baseline(html)
        blocks = [" ".join("".join(child.itertext()).split()) for child in body]
    except Exception:  # trafilatura gives up on some malformed input
        return ""
    return _join_blocks(blocks) or text.strip()


def _all_text(html: str) -> str:
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except Exception:  # empty or unparsable: nothing to extract
        return ""
    for node in root.iter("script", "style", "noscript", "template"):
        node.drop_tree()
    return " ".join(" ".join(root.itertext()).split())


def as_text(value: Any) -> str:
    """Turn a cell value into article text: missing -> "", newlines -> \\n, no BOM."""
    if isinstance(value, bytes):
        try:
            value = decode_bytes(value).text
        except BinaryContentError:
            value = value.decode("utf-8", errors="replace")
    elif not isinstance(value, str):
        value = "" if is_missing(value) else str(value)
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.removeprefix("\ufeff")


def is_missing(value: Any) -> bool:
    """Whether a scalar is missing (None, NaN, NaT, pd.NA); list-likes are not."""
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # list-likes are not missing
        return False


def parse_dates(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse to datetime64 (UTC if time zones are mixed); also return unparseable rows."""
    if pd.api.types.is_datetime64_any_dtype(values):
        return values, pd.Series(False, index=values.index)
    raw = pd.Series(
        [None if is_missing(v) or not str(v).strip() else str(v) for v in values],
        index=values.index,
        dtype=object,
    )
    try:
        parsed = pd.to_datetime(raw, errors="coerce", format="mixed")
    except (ValueError, TypeError):  # mixed time zones: put everything in UTC
        parsed = pd.to_datetime(raw, errors="coerce", format="mixed", utc=True)
    return parsed, raw.notna() & parsed.isna()
