"""Numbers and worked formulas for ``st.latex`` (pure string work, no streamlit).

Pages build "the formula with the current numbers substituted" from these, so
every worked formula in the app writes numbers the same way: ``num`` for a
result (significant digits), ``fixed`` for inputs written with as many decimals
as the table needs (``decimals_for``), so the lecture's table reads ``6.2 - 3.0 + 1``
as on the slide. Plain text for fields and links is ``ui.parsing.format_number``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np


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


MAX_DECIMALS = 4


def decimals_for(values) -> int:
    """Fewest decimals (0 to ``MAX_DECIMALS``) that write every value exactly.

    >>> decimals_for([3.0, 6.2, -2.1]), decimals_for([15, -3, 7]), decimals_for([0.125])
    (1, 0, 3)
    """
    arr = np.asarray(values, dtype=float)
    for d in range(MAX_DECIMALS + 1):
        if np.allclose(np.round(arr, d), arr, rtol=0.0, atol=1e-9):
            return d
    return MAX_DECIMALS


def fixed(value: float, decimals: int) -> str:
    """``value`` with exactly ``decimals`` decimals, never ``-0.0``: ``fixed(3, 1)`` -> ``3.0``."""
    text = f"{float(value):.{decimals}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def fixed_vector(values, decimals: int) -> str:
    """A row vector with fixed decimals: ``[15, -3, 7]`` or ``[3.0, 6.2, -2.1]``."""
    return "[" + r",\ ".join(fixed(v, decimals) for v in values) + "]"


def _minus(value: float, decimals: int) -> str:
    """``- 3.0`` or ``- (-4.5)``: the subtraction of ``value`` as the slide writes it."""
    text = fixed(value, decimals)
    return f"- ({text})" if text.startswith("-") else f"- {text}"


def hinge_sum(
    index: str,
    scores: Sequence[float],
    label: int,
    terms: Sequence[float],
    loss: float,
    margin: float,
    decimals: int,
) -> str:
    """``L_1 = \\max(0,\\ 6.2 - 3.0 + 1) + \\max(0,\\ -2.1 - 3.0 + 1) = 4.2 + 0 = 4.2``.

    ``index`` is the subscript (``"1"`` or ``"i"``), ``scores`` and ``terms`` are
    ``(K,)`` for one image with true class ``label``.

    >>> hinge_sum("1", [3.0, 6.2, -2.1], 0, [0.0, 4.2, 0.0], 4.2, 1.0, 1)
    'L_{1} = \\\\max(0,\\\\ 6.2 - 3.0 + 1) + \\\\max(0,\\\\ -2.1 - 3.0 + 1) = 4.2 + 0 = 4.2'
    """
    correct = scores[label]
    others = [j for j in range(len(scores)) if j != label]
    maxes = " + ".join(
        rf"\max(0,\ {fixed(scores[j], decimals)} {_minus(correct, decimals)} + {num(margin)})"
        for j in others
    )
    parts = [maxes]
    if len(others) > 1:
        parts.append(" + ".join(num(terms[j]) for j in others))
    parts.append(num(loss))
    return f"L_{{{index}}} = " + " = ".join(parts)


def hinge_lines(
    index: str,
    scores: Sequence[float],
    label: int,
    terms: Sequence[float],
    loss: float,
    margin: float,
    decimals: int,
    per_line: int = 2,
) -> list[str]:
    """``hinge_sum`` as rows of an ``aligned`` block, at most ``per_line`` max terms a row.

    With ``per_line`` or fewer wrong classes it is one row, ``hinge_sum`` with
    ``&=`` at its first ``=``; more wrong classes continue on further rows, and
    the last rows add the terms up, four a row. Join the rows with ``\\\\`` inside
    ``\\begin{aligned} ... \\end{aligned}``.

    >>> hinge_lines("1", [3.0, 6.2, -2.1], 0, [0.0, 4.2, 0.0], 4.2, 1.0, 1)
    ['L_{1} &= \\\\max(0,\\\\ 6.2 - 3.0 + 1) + \\\\max(0,\\\\ -2.1 - 3.0 + 1) = 4.2 + 0 = 4.2']
    """
    others = [j for j in range(len(scores)) if j != label]
    if len(others) <= per_line:
        one = hinge_sum(index, scores, label, terms, loss, margin, decimals)
        return [one.replace("=", "&=", 1)]
    correct = scores[label]
    maxes = [
        rf"\max(0,\ {fixed(scores[j], decimals)} {_minus(correct, decimals)} + {num(margin)})"
        for j in others
    ]
    rows = [" + ".join(maxes[k : k + per_line]) for k in range(0, len(maxes), per_line)]
    lines = [rf"L_{{{index}}} &= {rows[0]}"] + [rf"&\quad + {row}" for row in rows[1:]]
    values = [num(terms[j]) for j in others]
    sums = [" + ".join(values[k : k + 4]) for k in range(0, len(values), 4)]  # 4 a row
    lines += [f"&= {sums[0]}"] + [rf"&\quad + {row}" for row in sums[1:]]
    lines[-1] += f" = {num(loss)}"
    return lines


def batch_mean(losses: Sequence[float], batch_loss: float) -> str:
    """``L = \\frac{1}{N} \\sum_i L_i = (4.2 + 0 + 14.9)/3 = 6.367``.

    >>> batch_mean([4.2, 0.0, 14.9], 6.366666)
    'L = \\\\frac{1}{N} \\\\sum_{i=1}^{N} L_i = (4.2 + 0 + 14.9)/3 = 6.367'
    """
    total = " + ".join(num(v) for v in losses)
    return (
        rf"L = \frac{{1}}{{N}} \sum_{{i=1}}^{{N}} L_i = ({total})/{len(losses)} = {num(batch_loss)}"
    )
