"""figures.export: a chart's data as CSV, a view's charts as a ZIP of CSVs."""

from __future__ import annotations

import csv
import io
import zipfile

import numpy as np
import plotly.graph_objects as go

from figures.export import COLUMNS, charts_zip, figure_csv


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_a_grid_gives_one_row_per_cell_at_its_coordinates() -> None:
    z = np.arange(6.0).reshape(2, 3)  # z[i, j] at (x[j], y[i])
    table = rows(figure_csv(go.Figure([go.Heatmap(x=[0.5, 1.5, 2.5], y=[10, 20], z=z)])))
    assert table[0] == list(COLUMNS)
    cells = {(float(x), float(y)): float(v) for _, _, x, y, v in table[1:]}
    assert len(cells) == 6
    assert cells[(2.5, 10.0)] == z[0, 2] and cells[(0.5, 20.0)] == z[1, 0]


def test_points_keep_their_trace_name_and_exact_floats() -> None:
    x = np.array([0.1, 1 / 3])
    fig = go.Figure([go.Scatter(x=x, y=[1e-300, -2.5], name="class 0", mode="markers")])
    table = rows(figure_csv(fig))[1:]
    assert [r[:2] for r in table] == [["class 0", "scatter"]] * 2
    assert [float(r[2]) for r in table] == list(x)  # written exactly, read back exactly
    assert float(table[0][3]) == 1e-300 and table[0][4] == ""


def test_a_legend_only_trace_gives_no_rows_and_categories_stay_text() -> None:
    fig = go.Figure(
        [go.Scatter(x=[None], y=[None], name="held out"), go.Bar(x=["Dog", "Bird"], y=[3, 5])]
    )
    table = rows(figure_csv(fig))[1:]
    assert [r[0] for r in table] == ["trace 1", "trace 1"]
    assert [(r[2], r[3]) for r in table] == [("Dog", "3"), ("Bird", "5")]


def test_a_3d_scatter_and_a_surface_carry_z() -> None:
    surface = go.Surface(x=np.array([[0.0, 1.0]] * 2), y=np.array([[0.0, 0.0], [1.0, 1.0]]),
                         z=np.array([[1.0, 2.0], [3.0, 4.0]]))  # fmt: skip
    points = go.Scatter3d(x=[1.0], y=[2.0], z=[3.0], name="start")
    table = rows(figure_csv(go.Figure([surface, points])))[1:]
    assert [float(r[4]) for r in table] == [1.0, 2.0, 3.0, 4.0, 3.0]
    assert (float(table[3][2]), float(table[3][3])) == (1.0, 1.0)  # z = 4 at (1, 1)


def test_the_zip_has_one_csv_per_chart_key() -> None:
    figs = {
        "a_line": go.Figure([go.Scatter(x=[0, 1], y=[2, 3])]),
        "a_bar": go.Figure([go.Bar(y=[1])]),
    }
    with zipfile.ZipFile(io.BytesIO(charts_zip(figs))) as archive:
        assert sorted(archive.namelist()) == ["a_bar.csv", "a_line.csv"]
        assert archive.read("a_line.csv").decode() == figure_csv(figs["a_line"])
