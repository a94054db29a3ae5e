"""Parse numbers, vectors and matrices that a user typed; never evaluate them.

Pure Python + NumPy (no streamlit), so the rules are tested directly. Every
function returns the parsed value or raises ``ParseError`` (a ``ValueError``)
with a sentence that says what to fix. Accepted: decimal numbers with an
optional exponent (``-2.1``, ``.5``, ``1e-3``), separated by commas, spaces or
semicolons, optionally inside brackets; the Unicode minus of copied slides.
Refused: anything else, including ``nan``, ``inf``, numbers past the float
range (``1e999``) and text longer than ``MAX_TEXT``.
"""

from __future__ import annotations

import re

import numpy as np

MAX_TEXT = 2000
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_SEPARATORS = re.compile(r"[,\s]+")
_ROW_SEPARATORS = re.compile(r"\s*(?:;|\n|\]\s*,?\s*\[)\s*")


class ParseError(ValueError):
    """Typed text that is not what the field expects; the message says why."""


def _clean(text: str, name: str) -> str:
    if not isinstance(text, str):
        raise ParseError(f"{name}: expected text, got {type(text).__name__}.")
    if len(text) > MAX_TEXT:
        raise ParseError(f"{name} is too long ({len(text)} characters; at most {MAX_TEXT}).")
    cleaned = text.replace("\u2212", "-").strip()
    if not cleaned:
        raise ParseError(f"{name} is empty: type a number.")
    return cleaned


def _shorten(token: str) -> str:
    return token if len(token) <= 20 else token[:17] + "..."


def _to_number(
    token: str,
    name: str,
    *,
    min_value: float | None,
    max_value: float | None,
    integer: bool,
) -> float:
    if not _NUMBER.fullmatch(token):
        raise ParseError(f"{name}: '{_shorten(token)}' is not a number.")
    value = float(token)
    if not np.isfinite(value):
        raise ParseError(
            f"{name}: '{_shorten(token)}' is too large to represent (beyond ±1.8e308)."
        )
    if integer and value != int(value):
        raise ParseError(f"{name}: '{_shorten(token)}' is not a whole number.")
    if min_value is not None and value < min_value:
        raise ParseError(
            f"{name}: {_shorten(token)} is below the smallest allowed value {min_value:g}."
        )
    if max_value is not None and value > max_value:
        raise ParseError(
            f"{name}: {_shorten(token)} is above the largest allowed value {max_value:g}."
        )
    return value


def parse_number(
    text: str,
    *,
    name: str = "value",
    min_value: float | None = None,
    max_value: float | None = None,
    integer: bool = False,
) -> float:
    """Parse one finite number within ``[min_value, max_value]``.

    >>> parse_number(" 2.5e1 ")
    25.0
    """
    cleaned = _clean(text, name)
    return _to_number(cleaned, name, min_value=min_value, max_value=max_value, integer=integer)


def parse_vector(
    text: str,
    *,
    name: str = "values",
    length: int | None = None,
    min_length: int = 1,
    max_length: int = 100,
    min_value: float | None = None,
    max_value: float | None = None,
    integer: bool = False,
) -> np.ndarray:
    """Parse a list of numbers such as ``"15, -3, 7"`` or ``"[15 -3 7]"`` into a float array.

    ``length`` demands an exact count; otherwise the count must lie in
    ``[min_length, max_length]``. Every number is checked (text, size, range) before
    the count, so the message names the number that is wrong.

    >>> parse_vector("[15, -3, 7]").tolist()
    [15.0, -3.0, 7.0]
    """
    cleaned = _clean(text, name).strip("[]() ")
    tokens = [t for t in _SEPARATORS.split(cleaned.replace(";", " ")) if t]
    if not tokens:
        raise ParseError(f"{name} is empty: type numbers separated by commas.")
    # Each number is checked before the count: "1e999" in a field of 2 to 8 numbers is
    # too large, not "1 number of 2 to 8" (the count of numbers that are not numbers).
    values = [
        _to_number(t, name, min_value=min_value, max_value=max_value, integer=integer)
        for t in tokens
    ]
    if length is not None and len(values) != length:
        raise ParseError(f"{name} needs exactly {length} numbers, got {len(values)}.")
    if not min_length <= len(values) <= max_length:
        raise ParseError(
            f"{name} needs between {min_length} and {max_length} numbers, got {len(values)}."
        )
    return np.array(values, dtype=np.int64 if integer else np.float64)


def parse_matrix(
    text: str,
    *,
    name: str = "matrix",
    shape: tuple[int | None, int | None] = (None, None),
    max_rows: int = 50,
    max_cols: int = 50,
    min_value: float | None = None,
    max_value: float | None = None,
) -> np.ndarray:
    """Parse rows separated by ``;`` or new lines (``"1 2; 3 4"``, ``"[[1,2],[3,4]]"``).

    ``shape`` may fix the row and/or column count (``None`` leaves it free);
    every row must have the same length.

    >>> parse_matrix("1, 2; 3, 4").tolist()
    [[1.0, 2.0], [3.0, 4.0]]
    """
    cleaned = _clean(text, name).strip("[]() \n")
    rows_text = [r for r in _ROW_SEPARATORS.split(cleaned) if r.strip("[](), ")]
    if not rows_text:
        raise ParseError(f"{name} is empty: type rows of numbers separated by ';'.")
    rows = [
        parse_vector(
            r,
            name=f"{name} row {i + 1}",
            max_length=max_cols,
            min_value=min_value,
            max_value=max_value,
        )
        for i, r in enumerate(rows_text)
    ]
    widths = {len(r) for r in rows}
    if len(widths) != 1:
        raise ParseError(
            f"{name}: every row needs the same number of values, got {sorted(widths)}."
        )
    want_rows, want_cols = shape
    if want_rows is not None and len(rows) != want_rows:
        raise ParseError(f"{name} needs {want_rows} rows, got {len(rows)}.")
    if want_cols is not None and len(rows[0]) != want_cols:
        raise ParseError(f"{name} needs {want_cols} values per row, got {len(rows[0])}.")
    if len(rows) > max_rows:
        raise ParseError(f"{name} has too many rows ({len(rows)}; at most {max_rows}).")
    return np.vstack(rows)


def format_vector(values, digits: int = 6) -> str:
    """The text a user would type for ``values``: ``[15.0, -3.0]`` -> ``"15, -3"``."""
    return ", ".join(format_number(v, digits) for v in np.ravel(values))


def format_number(value: float, digits: int = 6) -> str:
    """Shortest faithful text for a number: ``15.0`` -> ``"15"``, ``0.1`` -> ``"0.1"``.

    NaN is spelled ``NaN`` (as a sentence about a failed computation writes it).

    >>> format_number(15.0), format_number(0.1), format_number(float("nan"))
    ('15', '0.1', 'NaN')
    """
    text = f"{float(value):.{digits}g}"
    return "NaN" if text == "nan" else text
