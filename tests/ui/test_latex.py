"""ui.latex: worked formulas written the lecture's way, decimals that follow the table."""

from __future__ import annotations

from ui.latex import batch_mean, decimals_for, fixed, hinge_sum


def test_decimals_follow_the_table() -> None:
    assert decimals_for([3.0, 6.2, -2.1]) == 1
    assert decimals_for([15.0, -3.0, 7.0]) == 0
    assert fixed(-0.0001, 1) == "0.0"


def test_worked_formula_in_the_lecture_style() -> None:
    terms = [0.0, max(0, 6.2 - 3.0 + 1), max(0, -2.1 - 3.0 + 1)]
    text = hinge_sum("1", [3.0, 6.2, -2.1], 0, terms, sum(terms), 1.0, 1)
    assert text == (r"L_{1} = \max(0,\ 6.2 - 3.0 + 1) + \max(0,\ -2.1 - 3.0 + 1) = 4.2 + 0 = 4.2")
    truck = hinge_sum("3", [1.6, 2.3, -4.5], 2, [7.1, 7.8, 0], 14.9, 1.0, 1)
    assert r"1.6 - (-4.5) + 1" in truck
    two = hinge_sum("i", [1.0, 3.0], 0, [0.0, 3.0], 3.0, 1.0, 0)
    assert two == r"L_{i} = \max(0,\ 3 - 1 + 1) = 3"


def test_batch_formula() -> None:
    losses = [4.2, 0.0, 14.9]
    assert batch_mean(losses, sum(losses) / 3).endswith("= (4.2 + 0 + 14.9)/3 = 6.367")
