"""The softmax cross-entropy page (AppTest): every control, the lecture's numbers, bad input."""

from __future__ import annotations

import math

import numpy as np
import pytest

from sections.cross_entropy import TABS
from tests.apptest_utils import assert_clean, chart_keys, figures, open_page, share_query, texts
from ui.latex import num, vector

PAGE = "views/cross_entropy.py"
PROBS, OVERFLOW, LOGISTIC, GAP = 0, 1, 2, 3


@pytest.fixture
def at():
    return open_page(PAGE)


def ce_by_hand(scores, y: int) -> float:
    top = max(scores)
    return top - scores[y] + math.log(sum(math.exp(s - top) for s in scores))


def softmax_by_hand(scores) -> list[float]:
    e = [math.exp(s - max(scores)) for s in scores]
    return [x / sum(e) for x in e]


def warnings_text(at) -> str:
    return " ".join(w.value for w in at.warning)


def table_rows(at) -> list[dict]:
    """The rows of the softmax-vs-SVM table (the markdown table with a "from" column)."""
    text = next(m.value for m in at.markdown if m.value.startswith("| from |"))
    header, _, *body = text.splitlines()
    names = [cell.strip() for cell in header.strip("|").split("|")]
    rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in body]
    return [dict(zip(names, row, strict=True)) for row in rows]


def quiz_feedback(at) -> list[tuple[bool, str]]:
    """(right?, text) of each checked quiz answer, in question order."""
    found = [(True, s.value) for s in at.success if s.value.startswith("Correct. ")]
    found += [(False, e.value) for e in at.error if e.value.startswith("Not quite. ")]
    return sorted(found, key=lambda item: item[1].split(". ", 1)[1][:3])


def test_defaults_show_the_loss_with_the_numbers_substituted(at) -> None:
    assert_clean(at)
    loss = ce_by_hand([10, 9, 9], 0)  # -log(e^10 / (e^10 + 2 e^9)) = 0.5514
    shown = texts(at)
    assert r"\frac{e^{10}}{e^{10} + e^{9} + e^{9}}" in shown
    assert f"= {num(loss)}" in shown
    assert f"Loss L_i: {loss:.4g}" in shown
    bars = np.asarray(figures(at)[PROBS]["data"][0]["y"], dtype=float)
    np.testing.assert_allclose(bars, softmax_by_hand([10, 9, 9]), rtol=1e-12)
    assert len(figures(at)) == 4


def chart_keys_in(block) -> list[str]:
    return chart_keys(block)


def test_the_loss_leads_and_every_other_part_is_one_tab(at) -> None:
    """The page was six screens of sections; the loss comes first, the rest one click away."""
    assert [h.value for h in at.header] == ["1 · The loss with your numbers"]
    main = [type(child).__name__ for child in at.main.children.values()]
    assert main[:4] == ["Title", "Markdown", "Header", "Block"]  # the loss first: chart | formula
    chart_col, formula_col = at.main.children[3].children.values()
    assert chart_keys_in(chart_col) == ["ce_probs"]
    assert r"\begin{aligned}L_i &= -\log" in formula_col.latex[0].value
    assert [tab.label for tab in at.tabs] == list(TABS)
    by_tab = {tab.label: (chart_keys_in(tab), [s.key for s in tab.slider]) for tab in at.tabs}
    assert by_tab == {
        TABS[0]: (["ce_overflow"], []),
        TABS[1]: ([], ["ce_k"]),
        TABS[2]: (["ce_logistic"], ["ce_beta0", "ce_beta1"]),
        TABS[3]: (["ce_gap"], ["ce_margin"]),
    }
    assert chart_keys(at) == ["ce_probs", "ce_overflow", "ce_logistic", "ce_gap"]  # kept


def test_label_changes_the_loss_and_follows_the_number_of_classes(at) -> None:
    at.number_input(key="ce_label").set_value(2).run()
    assert f"Loss L_i: {ce_by_hand([10, 9, 9], 2):.4g}" in texts(at)
    at.text_input(key="ce_scores").input("1, 2, 3, 4").run()
    at.number_input(key="ce_label").set_value(3).run()
    at.text_input(key="ce_scores").input("5, 1").run()  # now only classes 0 and 1
    assert_clean(at)
    assert at.number_input(key="ce_label").value == 1
    assert f"Loss L_i: {ce_by_hand([5, 1], 1):.4g}" in texts(at)


def test_lecture_third_row_shows_the_tiny_loss_not_zero(at) -> None:
    at.text_input(key="ce_scores").input("10, -10, -10").run()
    loss = ce_by_hand([10, -10, -10], 0)
    assert num(loss).startswith("4.1") and r"10^{-9}" in num(loss)
    shown = texts(at)
    assert f"= {num(loss)}" in shown
    assert r"-\log\left(1 - 4.12 \times 10^{-9}\right)" in shown


def test_margin_40_shows_e_to_the_minus_40_not_zero(at) -> None:
    """The loss was a log of a sum that rounds to 1: the page said 0 past a lead of ~37."""
    at.text_input(key="ce_scores").input("40, 0").run()
    loss = math.log1p(math.exp(-40))  # 4.248e-18
    shown = texts(at)
    assert f"Loss L_i: {loss:.4g}" in shown
    assert rf"\log\left(1 + {num(loss)}\right) = {num(loss)}" in shown
    assert r"-\log\left(1 - 4.25 \times 10^{-18}\right)" in shown


def test_probability_too_small_for_float64_shows_the_log_domain_form(at) -> None:
    at.text_input(key="ce_scores").input("1e300, -1e300").run()
    at.number_input(key="ce_label").set_value(1).run()
    assert_clean(at)
    shown = texts(at)
    assert r"-\log\left(0\right)" not in shown  # p_y rounds to 0; -log(0) is not the loss
    assert "too small for float64" in shown
    assert r"(m - s_{y_i}) + \log \sum_j e^{s_j - m}" in shown
    assert (
        r"(1 \times 10^{300} - (-1 \times 10^{300})) + \log\left(e^{0} + e^{-2 \times 10^{300}}"
        r"\right)\\&= 2 \times 10^{300} + \log\left(1 + 0\right) = 2 \times 10^{300}"
    ) in shown


def test_table_row_with_a_large_lead_keeps_its_tiny_loss(at) -> None:
    at.text_input(key="ce_rows").input("50, 0, 0").run()
    assert table_rows(at)[-1]["softmax loss −log p"] == f"{2 * math.exp(-50):.3g}"  # 3.86e-22


def test_version_1_and_2_agree_on_ordinary_scores(at) -> None:
    assert any("agree" in s.value for s in at.success)
    expected = vector(softmax_by_hand([10, 9, 9]))
    shown = texts(at)
    assert rf"p_{{\text{{v1}}}} = {expected}" in shown
    assert rf"p_{{\text{{v2}}}} = {expected}" in shown


@pytest.mark.parametrize(
    ("preset", "dtype", "words"),
    [("ce_p_overflow", "float64", "above 709.78271"),
     ("ce_p_float32", "float32", "above 88.722832"),
     ("ce_p_underflow", "float64", "0 / 0 gives NaN")],
    ids=["float64-overflow", "float32-overflow", "underflow"],
)  # fmt: skip
def test_presets_where_version_1_breaks(at, preset, dtype, words) -> None:
    at.button(key=preset).click().run()
    assert_clean(at)
    assert at.radio(key="ce_dtype").value == dtype
    assert "Version 1 breaks here" in warnings_text(at) and words in warnings_text(at)
    assert not at.error
    shown = texts(at)
    assert r"p_{\text{v1}} = [\text{NaN}" in shown  # the lesson, shown as it is
    scores = [float(v) for v in at.text_input(key="ce_scores").value.split(",")]
    assert rf"p_{{\text{{v2}}}} = {vector(softmax_by_hand(scores))}" in shown


def limits_table(at) -> dict[str, dict[str, str]]:
    """The "where version 1 breaks" table: type -> column -> cell."""
    text = next(m.value for m in at.markdown if m.value.startswith("| type |"))
    header, _, *body = text.splitlines()
    names = [cell.strip() for cell in header.strip("|").split("|")]
    rows = [dict(zip(names, [c.strip() for c in line.strip("|").split("|")], strict=True))
            for line in body]  # fmt: skip
    return {row["type"]: row for row in rows}


@pytest.mark.parametrize(
    ("scores", "dtype", "column"),
    [("-745.2, -746", "float64", "exp is 0 below (all scores there: 0 / 0)"),
     ("-745, -745.1", "float64", "exp is subnormal below"),
     ("-104, -105", "float32", "exp is 0 below (all scores there: 0 / 0)"),
     ("1000, 999, 998", "float64", "exp overflows to inf above")],
    ids=["all-zero", "just-above-zero-edge", "float32-zero", "overflow"],
)  # fmt: skip
def test_limits_table_and_the_warning_agree(scores, dtype, column) -> None:
    """The table said -744.44 while exp(-745) > 0 and version 1 gave a number there."""
    at = open_page(PAGE, {"ce_scores": scores, "ce_dtype": dtype})
    assert_clean(at)
    edge = limits_table(at)[dtype][column]
    assert edge in warnings_text(at)
    assert limits_table(at)["float64"]["exp is 0 below (all scores there: 0 / 0)"] == "-745.13322"
    assert limits_table(at)["float32"]["exp is 0 below (all scores there: 0 / 0)"] == "-103.97208"


def test_scores_just_above_the_zero_edge_give_version_1_a_number(at) -> None:
    at.text_input(key="ce_scores").input("-745, -745.1").run()
    shown = texts(at)
    assert r"p_{\text{v1}} = [0.5,\ 0.5]" in shown  # both exps are the smallest subnormal
    assert "subnormal" in warnings_text(at)
    assert "Where subnormals matter" in shown


def test_float32_choice_moves_the_limit(at) -> None:
    at.text_input(key="ce_scores").input("100, 99, 98").run()
    assert any("agree" in s.value for s in at.success)  # fits in float64
    at.radio(key="ce_dtype").set_value("float32").run()
    assert "Version 1 breaks here" in warnings_text(at)
    chart = figures(at)[OVERFLOW]
    assert chart["layout"]["shapes"][0]["x0"] == pytest.approx(88.7228, abs=1e-4)
    x = np.asarray(chart["data"][1]["x"], dtype=float)
    v1 = np.asarray(chart["data"][1]["y"], dtype=float)
    assert np.all(np.isnan(v1[x > 88.73]))
    inside = (x > -80) & (x < 80)
    np.testing.assert_allclose(v1[inside], softmax_by_hand([100, 99, 98])[0], rtol=1e-5)
    assert share_query(at)["ce_dtype"] == "float32"


def test_float32_cannot_hold_1e300_and_says_so(at) -> None:
    at.radio(key="ce_dtype").set_value("float32").run()
    at.text_input(key="ce_scores").input("1e300, 0, -1e300").run()
    assert_clean(at)
    assert "float32 cannot store" in warnings_text(at)
    assert "float64" in warnings_text(at)


def test_extreme_scores_never_give_nan_in_the_stable_path(at) -> None:
    at.text_input(key="ce_scores").input("-1e300, 1e300, 0").run()
    assert_clean(at)
    shown = texts(at)
    assert r"p_{\text{v2}} = [0,\ 1,\ 0]" in shown
    assert f"= {num(2e300)}" in shown  # L = s_max - s_y = 1e300 - (-1e300)
    for fig in figures(at):
        for trace in fig["data"]:
            if trace.get("name") == "version 1 (no shift)":
                continue  # version 1's NaN is the lesson
            y = trace["y"]
            assert np.all(np.isfinite(np.asarray(y, dtype=float)))


def test_proof_uses_the_students_numbers(at) -> None:
    at.text_input(key="ce_scores").input("9, 10, 9").run()
    shown = texts(at)
    assert "m &= \\max_j s_j = s_{1} = 10" in shown
    assert r"e^{9 - 10}" in shown
    assert num(math.exp(-1)) in shown  # e^{-1} = 0.3679
    p = math.exp(-1) / (1 + 2 * math.exp(-1))
    assert f"= {num(p)}" in shown


def test_side_effect_of_the_slides_version_2_is_shown(at) -> None:
    note = next(i.value for i in at.info if "side effect" in i.value)
    assert "[0, -1, -1]" in note  # the caller's [10, 9, 9] after s -= max(s)
    assert "[255, 0]" in note and "NaN" in note
    assert f"{1 / (1 + math.e):.4g}" in note


def test_quiz_hides_answers_until_checked_then_grades_live(at) -> None:
    assert not quiz_feedback(at)
    assert "Answers stay hidden" in texts(at)
    at.radio(key="ce_q_min").set_value("0")
    at.radio(key="ce_q_max").set_value("no maximum (+∞)")
    at.number_input(key="ce_q_uniform").set_value(round(math.log(10), 4))
    _submit(at)
    assert_clean(at)
    assert [ok for ok, _ in quiz_feedback(at)] == [True, True, True]
    minimum = quiz_feedback(at)[0][1]
    assert "the infimum is 0, and it is never attained with finite scores" in minimum
    assert f"L_i = {9 * math.exp(-40):.3g}" in minimum  # K = 10: small, but not 0
    assert "reached" not in minimum
    at.slider(key="ce_k").set_value(3).run()  # log 3 != the answer for K = 10
    assert at.number_input(key="ce_q_uniform").value == round(math.log(10), 4)  # kept
    assert [ok for ok, _ in quiz_feedback(at)] == [True, True, False]
    assert any(f"{math.log(3):.4f}" in text for _, text in quiz_feedback(at))


def test_quiz_wrong_answers_are_marked_wrong(at) -> None:
    at.radio(key="ce_q_min").set_value("−∞")
    at.radio(key="ce_q_max").set_value("log K")
    at.number_input(key="ce_q_uniform").set_value(1.0)
    _submit(at)
    assert [ok for ok, _ in quiz_feedback(at)] == [False, False, False]


def _submit(at) -> None:
    """Press the quiz form's "Check my answers" button and rerun."""
    button = next(b for b in at.button if b.label == "Check my answers")
    button.click().run()


def test_logistic_regression_curves_coincide(at) -> None:
    at.slider(key="ce_beta0").set_value(-1.0).run()
    at.slider(key="ce_beta1").set_value(1.5).run()
    assert_clean(at)
    assert r"\sigma(2.5\,x)" in texts(at)
    soft, sig = figures(at)[LOGISTIC]["data"]
    x = np.asarray(soft["x"], dtype=float)
    expected = 1 / (1 + np.exp(-2.5 * x))
    np.testing.assert_allclose(np.asarray(soft["y"], dtype=float), expected, rtol=1e-12)
    np.testing.assert_allclose(np.asarray(sig["y"], dtype=float), expected, rtol=1e-12)


def test_softmax_vs_svm_table_has_the_lecture_rows_computed(at) -> None:
    rows = table_rows(at)
    lecture = [[10, 7, 5], [10, 9, 9], [10, -10, -10]]
    for row, scores in zip(rows[:3], lecture, strict=True):
        assert row["from"] == "lecture"
        assert row["softmax loss −log p"] == f"{ce_by_hand(scores, 0):.3g}"
        assert row["SVM loss (Δ = 1)"] == "0"
    assert rows[2]["softmax loss −log p"] == "4.12e-09"  # the slide's 4e-9
    assert rows[3]["from"] == "yours" and rows[3]["scores (correct first)"] == "[10, -5, -5]"


def test_slide_rounding_is_explained_once(at) -> None:
    notes = [i.value for i in at.info if "Comparing with the slide" in i.value]
    assert len(notes) == 1
    (note,) = notes
    assert f"−log(0.58) is {-math.log(0.58):.3g}" in note  # 0.545, not the slide's 0.55
    assert f"the slide's 0.55 is {ce_by_hand([10, 9, 9], 0):.4g}" in note
    assert "−log(1.00) is 0" in note and f"{ce_by_hand([10, -10, -10], 0):.3g}" in note


def test_student_rows_live_in_the_url_and_bad_rows_keep_the_last_table(at) -> None:
    at.text_input(key="ce_rows").input("10, 9.9, 9.9; 1, 2, 3").run()
    rows = table_rows(at)
    assert len(rows) == 5
    assert rows[4]["SVM loss (Δ = 1)"] == f"{(2 - 1 + 1) + (3 - 1 + 1):.4g}"
    assert share_query(at)["ce_rows"] == "10, 9.9, 9.9; 1, 2, 3"
    at.text_input(key="ce_rows").input("10, 9; 1, x").run()
    assert_clean(at)
    assert any("not a number" in e.value for e in at.error)
    assert len(table_rows(at)) == 5  # the last valid rows
    at.text_input(key="ce_rows").input("7").run()
    assert any("at least two scores" in e.value for e in at.error)
    at.text_input(key="ce_rows").input("").run()
    assert len(table_rows(at)) == 3 and not at.error


def test_rows_restored_from_a_link() -> None:
    at = open_page(PAGE, {"ce_rows": "10, 9, 9, 9", "ce_margin": "2"})
    rows = table_rows(at)
    assert rows[-1]["scores (correct first)"] == "[10, 9, 9, 9]"
    assert rows[-1]["SVM loss (Δ = 2)"] == f"{3 * (9 - 10 + 2):.4g}"


def test_margin_moves_the_svm_column_and_the_gap_chart(at) -> None:
    at.slider(key="ce_margin").set_value(5.0).run()
    rows = table_rows(at)
    assert rows[1]["SVM loss (Δ = 5)"] == f"{2 * (9 - 10 + 5):.4g}"  # [10, 9, 9]
    svm, ce = figures(at)[GAP]["data"]
    gaps = np.asarray(svm["x"], dtype=float)
    svm_y = np.asarray(svm["y"], dtype=float)
    ce_y = np.asarray(ce["y"], dtype=float)
    # scores [s_0, 9, 9] with s_0 = 9 + gap: both wrong classes sit at the best other score
    np.testing.assert_allclose(svm_y, 2 * np.maximum(0, 5.0 - gaps), atol=1e-12)
    np.testing.assert_allclose(ce_y, np.log1p(2 * np.exp(-gaps)), rtol=1e-14, atol=0)
    assert np.all(svm_y[gaps >= 5.0] == 0) and np.all(ce_y > 0)


@pytest.mark.parametrize(
    ("bad", "words"),
    [("10, abc", "not a number"), ("3", "between 2 and 10"), ("1e301, 1", "above the largest"),
     ("", "empty")],
    ids=["word", "one-number", "too-large", "empty"],
)  # fmt: skip
def test_bad_scores_get_an_error_and_the_page_keeps_working(at, bad, words) -> None:
    at.text_input(key="ce_scores").input(bad).run()
    assert_clean(at)
    assert any(words in e.value for e in at.error)
    assert f"Loss L_i: {ce_by_hand([10, 9, 9], 0):.4g}" in texts(at)
    assert len(figures(at)) == 4


def test_url_restores_the_sidebar_controls() -> None:
    at = open_page(PAGE, {"ce_scores": "1000, 999, 998", "ce_label": "1", "ce_dtype": "float32"})
    assert_clean(at)
    assert at.number_input(key="ce_label").value == 1
    assert at.radio(key="ce_dtype").value == "float32"
    assert f"Loss L_i: {ce_by_hand([1000, 999, 998], 1):.4g}" in texts(at)


def test_garbage_url_opens_on_defaults_with_warnings() -> None:
    at = open_page(PAGE, {"ce_label": "7", "ce_dtype": "float16", "ce_k": "x"})
    assert_clean(at)
    text = warnings_text(at)
    for key in ("ce_label", "ce_dtype", "ce_k"):
        assert key in text
    assert at.number_input(key="ce_label").value == 0
    assert at.radio(key="ce_dtype").value == "float64"


def test_fuzz_every_control() -> None:
    rng = np.random.default_rng(7)
    at = open_page(PAGE)
    for _ in range(10):
        k = int(rng.integers(2, 11))
        scores = rng.uniform(-1, 1, size=k) * 10.0 ** rng.integers(-2, 301)
        at.text_input(key="ce_scores").input(", ".join(f"{v:.6g}" for v in scores)).run()
        at.number_input(key="ce_label").set_value(int(rng.integers(0, k)))
        at.radio(key="ce_dtype").set_value(str(rng.choice(["float32", "float64"])))
        at.slider(key="ce_k").set_value(int(rng.integers(2, 101)))
        at.slider(key="ce_beta0").set_value(round(float(rng.uniform(-3, 3)), 1))
        at.slider(key="ce_beta1").set_value(round(float(rng.uniform(-3, 3)), 1))
        at.slider(key="ce_margin").set_value(float(rng.integers(1, 21)) / 2)
        at.run()
        assert_clean(at)
        assert len(figures(at)) == 4
        assert r"p_{\text{v2}} = " in texts(at)
        assert r"p_{\text{v2}} = [\text{NaN}" not in texts(at)
        assert "Loss L_i: nan" not in texts(at)


def test_lecture_preset_resets_scores_label_and_type(at) -> None:
    at.text_input(key="ce_scores").input("1, 2, 3, 4").run()
    at.number_input(key="ce_label").set_value(3).run()
    at.radio(key="ce_dtype").set_value("float32").run()
    at.button(key="ce_p_lecture").click().run()
    assert_clean(at)
    assert at.text_input(key="ce_scores").value == "10, 9, 9"
    assert at.number_input(key="ce_label").value == 0
    assert at.radio(key="ce_dtype").value == "float64"
    assert f"Loss L_i: {ce_by_hand([10, 9, 9], 0):.4g}" in texts(at)
