"""Numbers formatted for formulas shown with ``st.latex`` (pure string work, no streamlit).

Pages build "the formula with the current numbers substituted" from these,
so every worked formula in the app writes numbers the same way.
"""

from __future__ import annotations

import math


def num(value: float, digits: int = 4) -> str:
    """A number in LaTeX: ``4.2`` -> ``4.2``; ``4e-9`` -> ``4 \\times 10^{-9}``.

    Uses ``digits`` significant digits and drops trailing zeros, so a value
    shows as the lecture would write it.

    >>> num(4.2), num(-2.1), num(4.1223e-9, 2), num(2e300)
    ('4.2', '-2.1', '4.1 \\\\times 10^{-9}', '2 \\\\times 10^{300}')
    """
    value = float(value)
    if math.isnan(value):
        return r"\text{NaN}"
    if math.isinf(value):
        return r"\infty" if value > 0 else r"-\infty"
    text = f"{value:.{digits}g}"
    if "e" not in text:
        return "0" if text == "-0" else text
    mantissa, exponent = text.split("e")
    return rf"{mantissa} \times 10^{{{int(exponent)}}}"


def paren(value: float, digits: int = 4) -> str:
    """Like ``num`` but negative numbers in parentheses, for use after a minus sign.

    >>> paren(-3.0), paren(3.0)
    ('(-3)', '3')
    """
    text = num(value, digits)
    return f"({text})" if text.startswith("-") else text


def vector(values, digits: int = 4) -> str:
    """A row vector ``[15, -3, 7]`` in LaTeX."""
    return r"[" + r",\ ".join(num(v, digits) for v in values) + r"]"
