"""bench/load.py in its reduced CI form: 3 protocol-level sessions for 8 s against a fresh server.

Each session opens its own page over the app's websocket, as a browser does, and moves
the page's main slider every 1 to 2 s: on ``svm_margin`` a full rerun, on
``regularization`` and ``linear_model`` a rerun of the slider's ``st.fragment``. The
full figures (10 to 200 sessions) come from ``python bench/load.py``; this only checks
that the client and the server agree: every update answered, taken by the app, no error,
no hang.
"""

from __future__ import annotations

import statistics

import pytest

from bench import load

PAGES = ["svm_margin", "regularization", "linear_model"]
SESSIONS = 3
SECONDS = 8.0
INTERVAL = (1.0, 2.0)
P95_BOUND_S = 5.0  # generous: only a hang or a stuck queue exceeds it


@pytest.fixture(scope="module")
def stats() -> load.Stats:
    return load.measure(SESSIONS, SECONDS, seed=13, interval=INTERVAL, pages=PAGES)


def test_every_session_loads_its_page_and_moves_the_main_slider(stats: load.Stats) -> None:
    assert stats.loaded == SESSIONS
    assert stats.pages == {
        "svm_margin": "svmm_delta",
        "regularization": "reg_loglam",
        "linear_model": "lin_cat_w1",
    }


def test_every_update_sent_gets_its_script_finished(stats: load.Stats) -> None:
    # 8 s at one move per 1 to 2 s: at least 3 moves per session
    assert stats.sent >= SESSIONS * 3
    assert stats.arrived == stats.sent
    assert stats.failures == []


def test_full_reruns_and_fragment_reruns_are_both_driven(stats: load.Stats) -> None:
    assert 0 < stats.fragment_runs < stats.arrived


def test_the_app_takes_every_new_value(stats: load.Stats) -> None:
    """The share link each rerun draws carries the slider's new value."""
    assert stats.not_applied == []


def test_no_exception_on_the_page_or_in_the_server_log(stats: load.Stats) -> None:
    assert stats.exceptions == []
    assert stats.log_errors == []


def test_no_update_hangs(stats: load.Stats) -> None:
    assert len(stats.latencies) == stats.arrived
    p95 = statistics.quantiles(stats.latencies, n=20, method="inclusive")[-1]
    assert p95 < P95_BOUND_S


def test_a_fresh_server_serves_a_class_arriving_at_once() -> None:
    """Sessions opening pages at the same moment on a server nobody has visited yet (the
    start of a lecture): every first load draws its page. Before app.py imported pandas
    first, 18 of 22 such loads failed ("partially initialized module 'pandas'")."""
    cold = load.measure(16, 2.0, seed=3, interval=INTERVAL, warm=False)
    assert cold.loaded == 16
    assert cold.exceptions == []
    assert cold.log_errors == []
