"""Scale-out, reduced for CI: 2 app processes behind HAProxy, 6 protocol-level sessions.

``scripts/serve_class.py`` starts the processes and HAProxy (``deploy/haproxy.cfg``) on
loopback. Each session does what a student's browser does: GET its page through HAProxy
(which sets the sticky cookie), open the app's websocket with that cookie, load the page,
move the page's main slider (``bench/load.py``'s ``Session``). Then one app process is
stopped, as when it crashes or a machine leaves: the sessions on the other one go on with
their state; the stopped one's sessions find their websocket closed, open a new one with
their old cookie, HAProxy sends them to the live process, and their page loads again with
the values kept in its URL. Without haproxy the test is skipped, unless CI=true.
"""

from __future__ import annotations

import asyncio
import os
import random
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.exceptions import ConnectionClosed

from bench import load
from scripts.serve_class import haproxy_executable, serve_class

PAGES = ["svm_margin", "regularization", "linear_model"]
SESSIONS = 6
MOVES = 2  # slider moves per session before and after the stop
OK = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}

if haproxy_executable() is None and os.environ.get("CI") != "true":
    pytest.skip(
        "haproxy is not installed (apt-get install -y haproxy; .ci/run installs it)",
        allow_module_level=True,
    )


@dataclass
class Record:
    """What the sessions saw, for the assertions."""

    first_backend: list[str] = field(default_factory=list)  # per session, from the cookie
    stopped: str = ""
    survivor: str = ""
    loads: list[tuple[int, list[str]]] = field(default_factory=list)  # status, exceptions
    updates_before: list[tuple[str, int, bool]] = field(default_factory=list)  # page, status, shown
    updates_after: list[tuple[str, int, bool]] = field(default_factory=list)  # the survivors'
    same_socket_after: list[bool] = field(default_factory=list)
    closed_on_stopped: list[bool] = field(default_factory=list)  # stopped's sessions saw it
    reload_backend: list[tuple[str, str]] = field(default_factory=list)  # header, cookie
    reload_kept_value: list[bool] = field(default_factory=list)
    reload_value_not_default: list[bool] = field(default_factory=list)
    reload_status: list[int] = field(default_factory=list)
    updates_after_reload: list[tuple[str, int, bool]] = field(default_factory=list)
    log_errors: list[str] = field(default_factory=list)  # the surviving process's log


async def _update(session: load.Session) -> tuple[str, int, bool]:
    session.move_slider()
    run = await session.rerun(first=False)
    return session.page, run.status, session.link_shows_slider(run.links)


async def _scenario(server) -> Record:  # noqa: ANN001 - serve_class.ClassServer
    record = Record()
    await load._probe_pages(server.url, True, PAGES, [app.url for app in server.apps])
    sessions = [
        load.Session(server.url, PAGES[i % len(PAGES)], random.Random(1300 + i))
        for i in range(SESSIONS)
    ]

    async def arrive(session: load.Session) -> None:
        await session.visit()
        await session.open()
        run = await session.rerun(first=True)
        session.choose_slider(load.MAIN_CONTROL)
        record.loads.append((run.status, run.exceptions))

    await asyncio.gather(*(arrive(s) for s in sessions))
    record.first_backend = [s.cookie for s in sessions]
    for _ in range(MOVES):
        record.updates_before += await asyncio.gather(*(_update(s) for s in sessions))

    stopped = server.apps[0]
    record.stopped = stopped.name
    record.survivor = server.apps[1].name
    sockets = [s.ws for s in sessions]
    await asyncio.to_thread(stopped.stop)
    on_stopped = [s for s in sessions if s.cookie == stopped.name]
    survivors = [s for s in sessions if s.cookie != stopped.name]

    for _ in range(MOVES):
        record.updates_after += await asyncio.gather(*(_update(s) for s in survivors))
    record.same_socket_after = [s.ws is sockets[sessions.index(s)] for s in survivors]

    for session in on_stopped:
        try:
            await _update(session)
        except (ConnectionClosed, OSError):
            record.closed_on_stopped.append(True)
        else:
            record.closed_on_stopped.append(False)
        kept = session.slider.value
        session.backend = ""
        run = await session.reload()
        record.reload_backend.append((session.backend, session.cookie))
        record.reload_status.append(run.status)
        # the value the URL carried before the stop, taken again by the live process
        record.reload_kept_value.append(session.link_shows_slider(run.links))
        record.reload_value_not_default.append(kept != session.slider.default)
        for _ in range(MOVES):
            record.updates_after_reload.append(await _update(session))
    for session in sessions:
        await session.close()
    return record


@pytest.fixture(scope="module")
def record() -> Record:
    with tempfile.TemporaryDirectory(prefix="scale-out-") as tmp:
        with serve_class(processes=2, log_dir=Path(tmp)) as server:
            result = asyncio.run(_scenario(server))
            survivor_log = Path(tmp) / f"{server.apps[1].name}.log"
            result.log_errors = [
                line
                for line in survivor_log.read_text(errors="replace").splitlines()
                if load.ERROR_LINE.search(line)
            ]
    return result


def test_sessions_spread_over_both_processes(record: Record) -> None:
    assert len(record.first_backend) == SESSIONS
    assert set(record.first_backend) == {"app1", "app2"}


def test_every_session_loads_its_page_through_haproxy(record: Record) -> None:
    assert record.loads == [(ForwardMsg.FINISHED_SUCCESSFULLY, [])] * SESSIONS


def test_every_update_arrives_and_the_app_takes_its_value(record: Record) -> None:
    """The share link each rerun draws carries the slider's new value."""
    assert len(record.updates_before) == SESSIONS * MOVES
    assert all(status in OK and shown for _, status, shown in record.updates_before)


def test_stopping_one_process_leaves_the_others_sessions_working(record: Record) -> None:
    survivors = SESSIONS - record.first_backend.count(record.stopped)
    assert len(record.updates_after) == survivors * MOVES
    assert all(status in OK and shown for _, status, shown in record.updates_after)
    # the same websocket and server session: nothing reloaded, state kept
    assert record.same_socket_after == [True] * survivors


def test_the_stopped_process_sessions_reconnect_to_the_live_one(record: Record) -> None:
    moved = record.first_backend.count(record.stopped)
    assert record.closed_on_stopped == [True] * moved
    # the new websocket, opened with the old cookie, is served by the live process, and
    # HAProxy's new cookie points there
    assert record.reload_backend == [(record.survivor, record.survivor)] * moved
    assert record.reload_status == [ForwardMsg.FINISHED_SUCCESSFULLY] * moved


def test_a_reconnected_page_keeps_the_values_in_its_url(record: Record) -> None:
    moved = record.first_backend.count(record.stopped)
    assert record.reload_kept_value == [True] * moved
    assert any(record.reload_value_not_default)  # the URL, not the defaults, gave them
    assert len(record.updates_after_reload) == moved * MOVES
    assert all(status in OK and shown for _, status, shown in record.updates_after_reload)


def test_no_error_in_the_surviving_process_log(record: Record) -> None:
    assert record.log_errors == []
