"""Downloads work offline: a chart's PNG (plotly's camera button) and the view's chart data.

A lecturer copies a chart into slides in a hall without internet: plotly.js renders
the PNG in the page, and nothing may be fetched for it (fonts, a server-side export).
The sidebar's "Chart data of this view" gives a ZIP with one CSV per chart.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from playwright.sync_api import Page

from tests.browser import helpers

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def test_a_charts_png_download_is_made_in_the_browser(
    app_server: str, page: Page, outside_requests: list[str], tmp_path: Path
) -> None:
    helpers.goto(page, f"{app_server}/playground")
    helpers.wait_for_charts(page, "pg_regions")
    chart = page.locator(".st-key-pg_regions .js-plotly-plot")
    chart.hover()  # the mode bar shows on hover
    camera = page.locator('.st-key-pg_regions .modebar-btn[data-title="Download plot as a PNG"]')
    with page.expect_download() as download:
        camera.click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.suffix == ".png"
    picture = saved.read_bytes()
    assert picture.startswith(PNG_SIGNATURE)
    width = int.from_bytes(picture[16:20], "big")  # the IHDR chunk: width, then height
    height = int.from_bytes(picture[20:24], "big")
    assert width >= 300 and height >= 300, (width, height)  # the chart, not an empty image
    assert outside_requests == []


def test_the_views_chart_data_is_a_zip_with_one_csv_per_chart(
    app_server: str, page: Page, outside_requests: list[str], tmp_path: Path
) -> None:
    keys = ("svmm_line", "svmm_hinge", "svmm_regions")
    helpers.goto(page, f"{app_server}/svm_margin")
    helpers.wait_for_charts(page, *keys)
    button = page.locator('[data-testid="stSidebar"]').get_by_role(
        "button", name="Chart data of this view (CSV)"
    )
    with page.expect_download() as download:
        button.click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == "svm_margin-charts.zip"
    with zipfile.ZipFile(saved) as archive:
        assert sorted(archive.namelist()) == sorted(f"{key}.csv" for key in keys)
        for key in keys:
            table = list(csv.reader(io.StringIO(archive.read(f"{key}.csv").decode())))
            assert table[0] == ["trace", "type", "x", "y", "z"]
            assert len(table) > 2, key  # the chart's data, not only a header
    assert outside_requests == []
