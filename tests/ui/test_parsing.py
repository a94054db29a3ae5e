"""ui.parsing: typed numbers are parsed, never evaluated; bad text gets a clear ParseError."""

from __future__ import annotations

import builtins

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from ui.parsing import (
    MAX_TEXT,
    ParseError,
    format_number,
    format_vector,
    parse_matrix,
    parse_number,
    parse_vector,
)

GOOD_NUMBERS = [
    ("3", 3.0),
    (" 2.5 ", 2.5),
    ("-2.1", -2.1),
    ("\u22122.1", -2.1),  # the Unicode minus of text copied from a slide
    ("+4", 4.0),
    (".5", 0.5),
    ("5.", 5.0),
    ("1e3", 1e3),
    ("2.5E-2", 2.5e-2),
    ("-1e+300", -1e300),
]


@pytest.mark.parametrize(("text", "expected"), GOOD_NUMBERS, ids=[c[0] for c in GOOD_NUMBERS])
def test_parse_number_accepts(text: str, expected: float) -> None:
    assert parse_number(text) == expected


HOSTILE = [
    # (id, text, message)
    ("letters", "abc", "not a number"),
    ("nan", "nan", "not a number"),
    ("NaN", "NaN", "not a number"),
    ("inf", "inf", "not a number"),
    ("minus-infinity", "-Infinity", "not a number"),
    ("1e999", "1e999", "too large"),
    ("400-digits", "9" * 400, "too large"),
    ("empty", "", "empty"),
    ("spaces", "   ", "empty"),
    ("newlines", "\n\t", "empty"),
    ("import-os", "__import__('os')", "not a number"),
    ("os-system", "__import__('os').system('echo hacked')", "not a number"),
    ("sum", "1+1", "not a number"),
    ("product", "2*3", "not a number"),
    ("hex", "0x10", "not a number"),
    ("underscore", "1_000", "not a number"),
    ("double-minus", "--1", "not a number"),
    ("10000-chars", "1" * 10_000, "too long"),
    ("10000-letters", "x" * 10_000, "too long"),
    ("markdown", "**1**", "not a number"),
    ("html", "<b>1</b>", "not a number"),
]


@pytest.mark.parametrize(("text", "message"), [c[1:] for c in HOSTILE], ids=[c[0] for c in HOSTILE])
@pytest.mark.parametrize(
    "parse", [parse_number, parse_vector, parse_matrix], ids=lambda f: f.__name__
)
def test_hostile_text_is_refused(parse, text: str, message: str) -> None:
    with pytest.raises(ParseError, match=message) as caught:
        parse(text)
    assert isinstance(caught.value, ValueError)
    assert len(str(caught.value)) < 200  # never echoes a huge input back


def test_messages_name_the_field() -> None:
    with pytest.raises(ParseError, match="^Margin Δ: 'abc' is not a number"):
        parse_number("abc", name="Margin Δ")
    with pytest.raises(ParseError, match="^Scores: 'x' is not a number"):
        parse_vector("1, x", name="Scores")


def test_non_text_is_refused() -> None:
    for value in (None, 3, 2.5, b"1"):
        with pytest.raises(ParseError, match="expected text"):
            parse_number(value)


@pytest.mark.parametrize(
    ("kwargs", "text", "message"),
    [
        ({"min_value": 0, "max_value": 3}, "5", "above the largest allowed value 3"),
        ({"min_value": 0, "max_value": 3}, "-0.5", "below the smallest allowed value 0"),
        ({"integer": True}, "1.5", "not a whole number"),
    ],
    ids=["above", "below", "not-whole"],
)
def test_parse_number_range_and_integer(kwargs, text: str, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        parse_number(text, **kwargs)


def test_parse_number_bounds_are_inclusive_and_integers_accept_exponents() -> None:
    assert parse_number("3", min_value=0, max_value=3) == 3
    assert parse_number("0", min_value=0, max_value=3) == 0
    assert parse_number("1e1", integer=True) == 10


GOOD_VECTORS = [
    ("15, -3, 7", [15, -3, 7]),
    ("15 -3 7", [15, -3, 7]),
    ("[15, -3, 7]", [15, -3, 7]),
    ("(15; -3; 7)", [15, -3, 7]),
    ("\u221215,\t3e1 ,  .5", [-15, 30, 0.5]),
    ("  [1,2,3]  ", [1, 2, 3]),
    ("42", [42]),
]


@pytest.mark.parametrize(("text", "expected"), GOOD_VECTORS, ids=[c[0] for c in GOOD_VECTORS])
def test_parse_vector_accepts(text: str, expected: list[float]) -> None:
    result = parse_vector(text)
    assert result.dtype == np.float64
    np.testing.assert_array_equal(result, expected)


@pytest.mark.parametrize(
    ("kwargs", "text", "message"),
    [
        ({"length": 3}, "1, 2", "exactly 3 numbers, got 2"),
        ({"length": 3}, "1, 2, 3, 4", "exactly 3 numbers, got 4"),
        ({"min_length": 2}, "1", "between 2 and 100 numbers, got 1"),
        ({}, " ".join(["1"] * 101), "between 1 and 100 numbers, got 101"),
        ({"min_value": -10, "max_value": 10}, "1, 20", "20 is above"),
        ({"min_value": 0}, "1, -2", "-2 is below"),
        ({"integer": True}, "0, 1.5", "not a whole number"),
        ({}, "[]", "empty"),
        ({}, ", ,", "empty"),
        ({}, "1, nan, 2", "'nan' is not a number"),
        ({}, "1, 1e999", "too large"),
        # A number's own problem comes before the count (the score box: 2 to 8 numbers).
        ({"min_length": 2, "max_length": 8}, "1e999", "'1e999' is too large"),
        ({"min_length": 2, "max_length": 8}, "-1e999", "'-1e999' is too large"),
        ({"min_length": 2, "max_length": 8}, "abc", "'abc' is not a number"),
        ({"length": 3}, "1, nan", "'nan' is not a number"),
        ({"length": 3}, "1, 1e400", "too large"),
        ({"min_length": 2, "min_value": 0}, "-5", "-5 is below"),
        ({"length": 3, "integer": True}, "0, 1.5", "not a whole number"),
        ({"max_length": 2}, "1, 2, x", "'x' is not a number"),
    ],
    ids=[
        "too-few", "too-many", "below-min-length", "above-max-length", "above-range",
        "below-range", "not-whole", "brackets-only", "commas-only", "nan-inside", "huge-inside",
        "huge-alone", "minus-huge-alone", "letters-alone", "nan-too-few", "huge-too-few",
        "below-range-too-few", "not-whole-too-few", "letter-too-many",
    ],
)  # fmt: skip
def test_parse_vector_refuses(kwargs, text: str, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        parse_vector(text, **kwargs)


def test_the_count_is_still_named_when_every_number_is_fine() -> None:
    with pytest.raises(ParseError, match="^Scores needs between 2 and 8 numbers, got 1.$"):
        parse_vector("1e300", name="Scores", min_length=2, max_length=8)


def test_integer_vectors_are_int_arrays() -> None:
    result = parse_vector("0, 2, 1", integer=True)
    assert result.dtype == np.int64
    assert result.tolist() == [0, 2, 1]


GOOD_MATRICES = [
    ("1 2; 3 4", [[1, 2], [3, 4]]),
    ("1, 2\n3, 4", [[1, 2], [3, 4]]),
    ("[[1, 2], [3, 4]]", [[1, 2], [3, 4]]),
    ("[1,2];[3,4]", [[1, 2], [3, 4]]),
    ("3.0 0.9 1.6; 6.2 5.1 2.3; \u22122.1 3.4 \u22124.5", [[3, 0.9, 1.6], [6.2, 5.1, 2.3],
                                                          [-2.1, 3.4, -4.5]]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), GOOD_MATRICES, ids=[c[0] for c in GOOD_MATRICES])
def test_parse_matrix_accepts(text: str, expected) -> None:
    np.testing.assert_array_equal(parse_matrix(text), expected)


@pytest.mark.parametrize(
    ("kwargs", "text", "message"),
    [
        ({}, "1 2; 3", "same number of values"),
        ({}, "[[1, 2], [3]]", "same number of values"),
        ({"shape": (3, None)}, "1 2; 3 4", "needs 3 rows, got 2"),
        ({"shape": (None, 3)}, "1 2; 3 4", "needs 3 values per row, got 2"),
        ({"max_rows": 2}, "1; 2; 3", "too many rows"),
        ({}, ";;", "empty"),
        ({}, "1 2; 3 x", "row 2: 'x' is not a number"),
        ({"max_value": 5}, "1 2; 3 9", "9 is above"),
        ({"shape": (2, 2)}, "1e999", "too large"),  # not "needs 2 values per row"
        ({"shape": (None, 3)}, "1 2; 3 x", "row 2: 'x' is not a number"),
    ],
    ids=["ragged", "ragged-brackets", "rows", "cols", "max-rows", "separators-only",
         "letter", "range", "huge-alone", "letter-before-width"],
)  # fmt: skip
def test_parse_matrix_refuses(kwargs, text: str, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        parse_matrix(text, **kwargs)


def test_parsers_never_evaluate(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("the parser evaluated the text")

    monkeypatch.setattr(builtins, "eval", refuse)
    monkeypatch.setattr(builtins, "exec", refuse)
    monkeypatch.setattr(builtins, "compile", refuse)
    assert parse_number("1e2") == 100
    assert parse_vector("1, 2").tolist() == [1, 2]
    for text in ("__import__('os')", "[1, 2] + [3]"):
        with pytest.raises(ParseError):
            parse_vector(text)


def test_max_text_is_enforced_exactly() -> None:
    assert parse_vector(" ".join(["1"] * 100) + " " * (MAX_TEXT - 199)).size == 100
    with pytest.raises(ParseError, match="too long"):
        parse_number("1" + " " * MAX_TEXT)


# --- hypothesis ----------------------------------------------------------------------------

NUMBERISH = st.text(alphabet="0123456789.,;eE+-\u2212 []()\n\tnaif", max_size=60)


@given(text=st.one_of(st.text(max_size=200), NUMBERISH))
@pytest.mark.parametrize(
    "parse", [parse_number, parse_vector, parse_matrix], ids=lambda f: f.__name__
)
def test_any_text_gives_finite_numbers_or_a_parse_error(parse, text: str) -> None:
    try:
        result = parse(text)
    except ParseError as exc:
        assert str(exc)
        return
    assert np.all(np.isfinite(result))


finite = st.floats(allow_nan=False, allow_infinity=False)


@given(values=hnp.arrays(np.float64, st.integers(1, 100), elements=finite))
def test_format_vector_round_trips_to_six_significant_digits(values) -> None:
    parsed = parse_vector(format_vector(values))
    np.testing.assert_allclose(parsed, values, rtol=5e-6, atol=1e-300)


@given(values=hnp.arrays(np.float64, st.integers(1, 60), elements=finite))
def test_format_vector_with_17_digits_round_trips_exactly(values) -> None:
    # 60 numbers of up to 25 characters stay within MAX_TEXT.
    np.testing.assert_array_equal(parse_vector(format_vector(values, digits=17)), values)


@given(value=finite)
def test_format_number_round_trips(value: float) -> None:
    assert parse_number(format_number(value, digits=17)) == value


def test_format_uses_the_shortest_text() -> None:
    assert format_vector([15.0, -3.0, 0.5]) == "15, -3, 0.5"
    assert format_number(0.1 + 0.2) == "0.3"
