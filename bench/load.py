"""Load client: N concurrent sessions against one app server, at the websocket protocol level.

Run from the repo root: ``python bench/load.py [--sessions 10 50 100 200] [--seconds 60]``.
For each N it starts a fresh ``streamlit run app.py`` (``tests/browser/harness.serve_app``,
free loopback port) and drives N simulated browser sessions from one asyncio event loop,
so hundreds of sessions fit on a 2-core machine (Chromium needs ~one core per tab).

Scale-out: ``--processes K`` starts K app processes behind HAProxy instead
(``scripts/serve_class.py``, ``deploy/haproxy.cfg``) and ``--url URL`` drives a server or
load balancer already running. Sessions then first GET their page over HTTP as a browser
does (``/<page>``), keep the sticky cookie HAProxy sets (``lfe_server=<process>``) and send
it with the websocket; the table's details give the sessions per app process (from the
cookie) and HAProxy's CPU; server CPU and RSS are summed over the K processes.

A simulated session does what the browser's frontend does on the wire:

1. opens ``ws://HOST:PORT/_stcore/stream`` (subprotocol ``streamlit``, same-origin
   ``Origin``) and sends the first ``BackMsg.rerun_script``: a ``ClientState`` with the
   page's URL path as ``page_name`` (``"svm_margin"``; ``""`` is the default page) and an
   empty query string, as a browser opening ``http://HOST:PORT/svm_margin`` does;
2. reads ``ForwardMsg``s until the run's ``script_finished`` (a run that ends early for a
   rerun is followed by the next one), taking from the deltas the page's first
   ``st.slider`` (id, bounds, step, int or float, the fragment it is drawn in), from
   ``new_session`` the page's script hash, and from ``page_info_changed`` the query
   string the app wrote (URL-bound widgets), which the next rerun carries, as the
   browser's address bar would;
3. once every session has loaded, every 2 to 5 s (seeded random) moves that slider to
   another value on its step grid: a ``rerun_script`` whose ``widget_states`` hold the
   slider's ``double_array_value`` (what ``st.slider`` reads), with the slider's
   ``fragment_id`` when it is drawn inside an ``st.fragment`` (the frontend reruns only
   that fragment then), and times it: latency = send to the run's ``script_finished``.

Sessions are spread over the app's pages (round robin over the pages the app lists in its
navigation message, learned by a probe session, which then opens each page once, one after
the other, as a lecturer checking the server would; ``--cold`` skips that). Sessions
connect over a ramp of 0.05 s each (at most 10 s); the update window starts when all have
loaded. Per N the table gives updates sent / arrived / lost (sent but no
``script_finished`` within 60 s), the server's CPU time per update (its CPU seconds over
the window / updates arrived; the wire shows no server-side run time: the server answers a
rerun at once and the rest is the run), the update latency
p50 / p95 / max, the page load p95, errors (exception deltas, failed runs and connections,
updates whose share link in the sidebar did not show the new value, ``Traceback`` /
``Exception`` lines in the server log), the server's RSS (before the load, all sessions
loaded, end of the window, peak) and CPU over the window (server process, and this
client, which shares the machine's cores), from ``/proc``. A session sends its next move
only after the previous one finished (a closed loop, like a student who waits for the
chart): past saturation "sent" falls below the offered 1 per 3.5 s per session and the
latency grows, rather than updates piling up.

What it does not do that a browser does: no rendering (Plotly drawing, layout) and so no
frontend time in the latency; it sends only the moved slider's widget state (the browser
sends every widget's; the server keeps the others' values from the previous run either
way); no ``ForwardMsg`` cache hashes (the server sends every message in full); no static
files, fonts or health polls.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402
from streamlit.proto.Slider_pb2 import Slider  # noqa: E402
from websockets.asyncio.client import connect  # noqa: E402

from tests.browser.harness import serve_app  # noqa: E402

RUN_TIMEOUT_S = 60.0  # one run (load or update) not finished by then counts as lost
CONNECT_TIMEOUT_S = 60.0
INTERVAL_S = (2.0, 5.0)  # a session moves its slider every 2 to 5 s
ERROR_LINE = re.compile(r"Traceback|Exception")
DONE = {
    ForwardMsg.FINISHED_SUCCESSFULLY,
    ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
    ForwardMsg.FINISHED_WITH_COMPILE_ERROR,
}
CLK_TCK = os.sysconf("SC_CLK_TCK")
# The slider a session moves: the page's main control where the first slider the page draws
# is not it; on the other pages that first slider.
MAIN_CONTROL = {"regularization": "reg_loglam", "loss_surfaces": "surf_lr"}
COOKIE = "lfe_server"  # HAProxy's sticky cookie (deploy/haproxy.cfg)
BACKEND_HEADER = "x-lfe-server"  # which app process answered (deploy/haproxy.cfg)


@dataclass
class SliderInfo:
    """The page's slider a session moves: what the delta's ``Slider`` proto says of it."""

    widget_id: str
    key: str
    low: float
    high: float
    step: float
    value: float
    integer: bool
    fragment_id: str
    query_bound: bool = False
    default: float = 0.0

    def grid_value(self, rng: random.Random) -> float:
        """A value on the slider's step grid within its bounds, other than the current one."""
        count = int(round((self.high - self.low) / self.step)) if self.step > 0 else 0
        if count < 1:
            return self.value
        for _ in range(20):
            value = self.low + rng.randint(0, count) * self.step
            value = int(round(value)) if self.integer else round(value, 12)
            if value != self.value and self.low <= value <= self.high:
                return value
        return self.value


@dataclass
class Run:
    """What one script run sent back."""

    status: int
    exceptions: list[str]
    links: list[str]  # the share links (st.code texts of URLs) the run drew


@dataclass
class Stats:
    """Counts and timings of one load level, summed over its sessions."""

    sessions: int
    loaded: int = 0
    sent: int = 0
    arrived: int = 0
    fragment_runs: int = 0  # updates that reran only the slider's st.fragment
    latencies: list[float] = field(default_factory=list)
    load_latencies: list[float] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # connections, timeouts, failed runs
    not_applied: list[str] = field(default_factory=list)  # updates the share link did not show
    pages: dict[str, str] = field(default_factory=dict)  # page -> slider key moved there
    no_slider: set[str] = field(default_factory=set)
    log_errors: list[str] = field(default_factory=list)
    rss_start_mb: float = 0.0  # before the load (after the warm-up visits)
    rss_loaded_mb: float = 0.0  # every session has loaded its page: the window starts
    rss_end_mb: float = 0.0  # the window ends (sessions still connected)
    rss_peak_mb: float = 0.0
    window_s: float = 0.0
    server_cpu_pct: float = 0.0
    client_cpu_pct: float = 0.0
    proxy_cpu_pct: float = 0.0  # HAProxy's CPU over the window (scale-out runs)
    processes: int = 1  # app processes serving the level
    backends: dict[str, int] = field(default_factory=dict)  # app process -> sessions


class Session:
    """One simulated browser tab on one page."""

    def __init__(self, base_url: str, page: str, rng: random.Random) -> None:
        self.ws_url = base_url.replace("http://", "ws://", 1) + "/_stcore/stream"
        self.origin = base_url
        self.page = page
        self.rng = rng
        self.ws = None
        self.query_string = ""
        self.page_script_hash = ""
        self.sliders: list[SliderInfo] = []
        self.slider: SliderInfo | None = None
        self.app_pages: list[str] = []
        self.cookie = ""  # the sticky cookie's value HAProxy set (its server name)
        self.backend = ""  # the app process that served the last request (HAProxy's header)
        self.backends: list[str] = []  # every process the websocket was opened on, in order

    async def visit(self) -> None:
        """GET the page over HTTP first, as a browser does (``/<page>?<query>``), keeping the
        sticky cookie a load balancer sets; then ``open`` sends it with the websocket."""
        parts = urlsplit(self.origin)
        path = f"/{self.page}" + (f"?{self.query_string}" if self.query_string else "")
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection(parts.hostname, parts.port or 80), CONNECT_TIMEOUT_S
        )
        try:
            cookie = f"Cookie: {COOKIE}={self.cookie}\r\n" if self.cookie else ""
            writer.write(
                f"GET {path} HTTP/1.1\r\nHost: {parts.netloc}\r\n{cookie}"
                "Connection: close\r\n\r\n".encode()
            )
            await writer.drain()
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), RUN_TIMEOUT_S)
            status = head.split(b" ", 2)[1].decode()
            if status != "200":
                raise ConnectionError(f"GET {path}: HTTP {status}")
            self._read_headers(
                line.split(":", 1)
                for line in head.decode("latin-1").split("\r\n")[1:]
                if ":" in line
            )
            await asyncio.wait_for(reader.read(), RUN_TIMEOUT_S)  # the page, till close
        finally:
            writer.close()

    def _read_headers(self, items) -> None:  # noqa: ANN001 - (name, value) pairs
        for name, value in items:
            name, value = name.strip().lower(), value.strip()
            if name == "set-cookie" and value.startswith(f"{COOKIE}="):
                self.cookie = value.split(";", 1)[0].split("=", 1)[1]
            elif name == BACKEND_HEADER:
                self.backend = value

    async def open(self) -> None:
        headers = {"Cookie": f"{COOKIE}={self.cookie}"} if self.cookie else None
        self.ws = await asyncio.wait_for(
            connect(
                self.ws_url,
                subprotocols=["streamlit"],
                origin=self.origin,
                max_size=None,
                open_timeout=CONNECT_TIMEOUT_S,
                ping_interval=None,
                additional_headers=headers,
                proxy=None,
            ),
            CONNECT_TIMEOUT_S,
        )
        if self.ws.response is not None:
            self._read_headers(self.ws.response.headers.raw_items())
        if self.backend:
            self.backends.append(self.backend)

    async def reload(self) -> Run:
        """What the browser's page does when its websocket closed (its server stopped): a new
        websocket with its cookie (a load balancer sends it to a live process, which sets
        a new cookie) and a first run of its page with the query string of its address
        bar, so the URL-bound controls keep their values. Chooses the slider again."""
        await self.close()
        await self.open()
        self.sliders = []
        run = await self.rerun(first=True)
        value = self.slider.value if self.slider is not None else None
        self.choose_slider(MAIN_CONTROL)
        if self.slider is not None and value is not None:
            self.slider.value = value  # what the address bar says; the link shows if taken
        return run

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    def _rerun_msg(self, first: bool) -> bytes:
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query_string
        if first:
            state.page_name = self.page
        else:
            state.page_script_hash = self.page_script_hash
        state.context_info.timezone = "UTC"
        state.context_info.timezone_offset = 0
        state.context_info.locale = "en-US"
        state.context_info.url = f"{self.origin}/{self.page}"
        state.context_info.is_embedded = False
        state.context_info.color_scheme = "light"
        if not first and self.slider is not None:
            widget = state.widget_states.widgets.add()
            widget.id = self.slider.widget_id
            widget.double_array_value.data.append(float(self.slider.value))
            if self.slider.fragment_id:
                state.fragment_id = self.slider.fragment_id
        return msg.SerializeToString()

    async def rerun(self, first: bool) -> Run:
        """Send a rerun; read until its run ends (following reruns the app asks for)."""
        await self.ws.send(self._rerun_msg(first))
        exceptions: list[str] = []
        links: list[str] = []
        while True:
            data = await asyncio.wait_for(self.ws.recv(), RUN_TIMEOUT_S)
            fwd = ForwardMsg()
            fwd.ParseFromString(data)
            kind = fwd.WhichOneof("type")
            if kind == "new_session":
                self.page_script_hash = fwd.new_session.page_script_hash
            elif kind == "navigation":
                self.app_pages = [p.url_pathname for p in fwd.navigation.app_pages]
                if fwd.navigation.page_script_hash:
                    self.page_script_hash = fwd.navigation.page_script_hash
            elif kind == "page_info_changed":
                self.query_string = fwd.page_info_changed.query_string
            elif kind == "delta":
                self._read_delta(fwd.delta, exceptions, links)
            elif kind == "script_finished":
                if fwd.script_finished in DONE:
                    return Run(fwd.script_finished, exceptions, links)
                # ended early for a rerun (st.rerun): the next run follows

    def _read_delta(self, delta, exceptions: list[str], links: list[str]) -> None:
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        kind = element.WhichOneof("type")
        if kind == "exception":
            exceptions.append(f"{element.exception.type}: {element.exception.message}")
        elif kind == "code" and element.code.code_text.startswith("http"):
            links.append(element.code.code_text)
        elif kind == "slider":
            s = element.slider
            if s.type != Slider.SLIDER or s.data_type not in (Slider.INT, Slider.FLOAT):
                return
            if len(s.default) != 1 or s.disabled:
                return  # a range slider, or one the page disabled
            value = s.value[0] if s.set_value and s.value else s.default[0]
            self.sliders.append(SliderInfo(
                widget_id=s.id,
                key=s.query_param_key or s.id.rsplit("-", 1)[-1],
                query_bound=bool(s.query_param_key),
                default=s.default[0],
                low=s.min,
                high=s.max,
                step=s.step,
                value=value,
                integer=s.data_type == Slider.INT,
                fragment_id=delta.fragment_id,
            ))  # fmt: skip

    def choose_slider(self, main: dict[str, str]) -> None:
        """The slider this session moves: the page's main control, else its first slider."""
        by_key = {s.key: s for s in self.sliders}
        wanted = main.get(self.page)
        self.slider = by_key.get(wanted) or (self.sliders[0] if self.sliders else None)

    def link_shows_slider(self, links: list[str]) -> bool:
        """Whether the run's last share link carries the slider's new value (the app took it)."""
        if not links:
            return False
        query = dict(parse_qsl(urlsplit(links[-1]).query))
        text = query.get(self.slider.key)
        if text is None:
            return self.slider.value == self.slider.default
        try:
            return abs(float(text) - self.slider.value) <= 1e-9 * max(1.0, abs(self.slider.value))
        except ValueError:
            return False

    def move_slider(self) -> None:
        """Move the slider to another grid value and write it into the query string, as the
        frontend does for a widget bound to the URL (``bind="query-params"``)."""
        slider = self.slider
        slider.value = slider.grid_value(self.rng)
        if not slider.key or not slider.query_bound:
            return
        params = [(k, v) for k, v in parse_qsl(self.query_string, keep_blank_values=True)]
        params = [(k, v) for k, v in params if k != slider.key]
        if slider.value != slider.default:
            params.append((slider.key, _number_text(slider.value)))
        self.query_string = urlencode(params)


async def _load_once(base_url: str, page: str) -> Session:
    session = Session(base_url, page, random.Random(0))
    await session.open()
    try:
        await session.rerun(first=True)
    finally:
        await session.close()
    return session


async def _probe_pages(
    base_url: str, warm: bool, only: list[str] | None = None, warm_urls: list[str] | None = None
) -> list[str]:
    """The URL paths of the app's pages, from the navigation message of a first session;
    ``warm``: then open each page once, one after the other (as a lecturer checking the
    server before class does), so the load does not start on a server that has imported
    nothing yet; on each of ``warm_urls`` (every app process behind a load balancer, by its
    own address) instead of ``base_url`` if given."""
    pages = (await _load_once(base_url, "")).app_pages or [""]
    if only is not None:
        pages = only
    if warm:
        for url in warm_urls or [base_url]:
            for page in pages:
                await _load_once(url, page)
    return pages


async def _drive(
    session: Session,
    stats: Stats,
    all_loaded: asyncio.Event,
    loaded_count: list[int],
    window: list[float],
    interval: tuple[float, float],
    start_delay: float,
    sticky: bool = False,
) -> None:
    """One session: connect and load its page, wait for all, then move its slider until the
    window ends."""
    label = session.page or "(home)"
    try:
        await asyncio.sleep(start_delay)
        t0 = time.perf_counter()
        if sticky:
            await session.visit()
        await session.open()
        if session.backend:
            stats.backends[session.backend] = stats.backends.get(session.backend, 0) + 1
        run = await session.rerun(first=True)
        stats.load_latencies.append(time.perf_counter() - t0)
        stats.exceptions += [f"{label} (load): {e}" for e in run.exceptions]
        if run.status != ForwardMsg.FINISHED_SUCCESSFULLY:
            stats.failures.append(f"{label}: first run ended with status {run.status}")
        stats.loaded += 1
    except Exception as exc:  # noqa: BLE001 - any failure is a counted, reported failure
        stats.failures.append(f"{label} (load): {type(exc).__name__}: {exc}")
        await _finish_load(loaded_count, stats.sessions, all_loaded)
        await session.close()
        return
    session.choose_slider(MAIN_CONTROL)
    if session.slider is None:
        stats.no_slider.add(label)
    else:
        stats.pages[label] = session.slider.key
    await _finish_load(loaded_count, stats.sessions, all_loaded)
    await all_loaded.wait()
    try:
        if session.slider is None:
            return
        # A first wait anywhere in one interval, so the sessions do not move in step.
        await asyncio.sleep(session.rng.uniform(0, interval[1]))
        while time.perf_counter() < window[1]:
            session.move_slider()
            stats.sent += 1
            t_send = time.perf_counter()
            try:
                run = await session.rerun(first=False)
            except Exception as exc:  # noqa: BLE001
                stats.failures.append(f"{label} (update): {type(exc).__name__}: {exc}")
                return
            stats.arrived += 1
            stats.fragment_runs += run.status == ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY
            stats.latencies.append(time.perf_counter() - t_send)
            stats.exceptions += [f"{label}: {e}" for e in run.exceptions]
            if not session.link_shows_slider(run.links):
                key, value = session.slider.key, session.slider.value
                stats.not_applied.append(f"{label}: {key}={value}, link {run.links[-1:]}")
            if run.status not in (
                ForwardMsg.FINISHED_SUCCESSFULLY,
                ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
            ):
                stats.failures.append(f"{label}: update run ended with status {run.status}")
            pause = session.rng.uniform(*interval)
            if time.perf_counter() + pause >= window[1]:
                return
            await asyncio.sleep(pause)
    finally:
        await session.close()


async def _finish_load(loaded_count: list[int], total: int, all_loaded: asyncio.Event) -> None:
    loaded_count[0] += 1
    if loaded_count[0] >= total:
        all_loaded.set()


def _number_text(value: float) -> str:
    """A number as the address bar shows it: ``3``, ``0.25`` (no trailing ``.0``)."""
    text = repr(value)
    return text[:-2] if text.endswith(".0") else text


def _child_pids() -> list[int]:
    """Direct children of this process (the harness's server is one)."""
    me = os.getpid()
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == me:
            pids.append(int(entry))
    return pids


def server_pid(port: int) -> int:
    """The pid of the streamlit server this process started on ``port``."""
    for pid in _child_pids():
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"streamlit" in b" ".join(cmdline) and str(port).encode() in cmdline:
            return pid
    raise RuntimeError(f"no streamlit child process serving port {port}")


def rss_mb(pid: int | list[int]) -> float:
    """Resident set size of ``pid`` in MB (``VmRSS`` of /proc/<pid>/status), summed over a
    list of pids; a process that has exited counts 0."""
    if isinstance(pid, list):
        return sum(rss_mb(p) for p in pid)
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return 0.0
    for line in lines:
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pid: int | list[int]) -> float:
    """User + system CPU time of ``pid`` so far (all its threads), in seconds; summed over a
    list of pids."""
    if isinstance(pid, list):
        return sum(cpu_seconds(p) for p in pid)
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime, stime (fields 14, 15)


async def _sample_rss(
    pid: int | list[int], samples: list[tuple[float, float]], stop: asyncio.Event
) -> None:
    """Append (time, RSS MB) of ``pid`` (summed over a list) every 0.5 s until ``stop``."""
    while not stop.is_set():
        samples.append((time.perf_counter(), rss_mb(pid)))
        try:
            await asyncio.wait_for(stop.wait(), 0.5)
        except TimeoutError:
            pass


async def run_level(
    base_url: str,
    n_sessions: int,
    seconds: float,
    *,
    seed: int = 0,
    interval: tuple[float, float] = INTERVAL_S,
    ramp_s: float | None = None,
    pages: list[str] | None = None,
    warm: bool = True,
    pids: list[int] | None = None,
    proxy_pid: int | None = None,
    warm_urls: list[str] | None = None,
    sticky: bool = False,
) -> Stats:
    """Drive ``n_sessions`` sessions against ``base_url`` for ``seconds`` of updates.

    ``pids``: the app processes whose CPU and RSS (summed) are measured (default: the
    streamlit child of this process on ``base_url``'s port; ``[]``: none, a server started
    elsewhere); ``proxy_pid``: HAProxy's, CPU only; ``sticky``: each session first GETs its
    page and keeps the load balancer's cookie (``Session.visit``)."""
    if pids is None:
        pids = [server_pid(int(base_url.rsplit(":", 1)[1]))]
    pages = await _probe_pages(base_url, warm, pages, warm_urls)
    stats = Stats(sessions=n_sessions, processes=max(1, len(pids)))
    stats.rss_start_mb = rss_mb(pids)
    samples: list[tuple[float, float]] = []
    stop = asyncio.Event()
    sampler = asyncio.create_task(_sample_rss(pids, samples, stop))
    ramp = min(0.05 * n_sessions, 10.0) if ramp_s is None else ramp_s
    all_loaded = asyncio.Event()
    loaded_count = [0]
    window = [0.0, float("inf")]
    sessions = [
        Session(base_url, pages[i % len(pages)], random.Random(seed * 100_003 + i))
        for i in range(n_sessions)
    ]
    tasks = [
        asyncio.create_task(
            _drive(
                s, stats, all_loaded, loaded_count, window, interval, ramp * i / n_sessions, sticky
            )
        )
        for i, s in enumerate(sessions)
    ]
    await all_loaded.wait()
    stats.rss_loaded_mb = rss_mb(pids)
    window[0] = time.perf_counter()
    window[1] = window[0] + seconds
    proxy = [proxy_pid] if proxy_pid else []
    cpu0, proxy0, client0 = cpu_seconds(pids), cpu_seconds(proxy), _own_cpu()
    await asyncio.sleep(seconds)
    # CPU and RSS over the window, while every session is still connected; then the
    # sessions finish their last update and close.
    stats.rss_end_mb = rss_mb(pids)
    stats.window_s = seconds
    stats.server_cpu_pct = 100 * (cpu_seconds(pids) - cpu0) / seconds
    stats.proxy_cpu_pct = 100 * (cpu_seconds(proxy) - proxy0) / seconds
    stats.client_cpu_pct = 100 * (_own_cpu() - client0) / seconds
    await asyncio.gather(*tasks)
    stop.set()
    await sampler
    stats.rss_peak_mb = max([stats.rss_start_mb] + [rss for _, rss in samples])
    return stats


def _own_cpu() -> float:
    times = os.times()
    return times.user + times.system


def server_log_errors(log_dir: Path) -> list[str]:
    """Lines of the app servers' logs (the harness's ``streamlit.log``, serve_class's
    ``app1.log`` ...) that mention a Traceback or an Exception."""
    errors = []
    for log in sorted([log_dir / "streamlit.log", *log_dir.glob("app*.log")]):
        if log.exists():
            lines = log.read_text(errors="replace").splitlines()
            errors += [line for line in lines if ERROR_LINE.search(line)]
    return errors


@contextmanager
def served(log_dir: Path) -> Iterator[str]:
    """A fresh app server (``serve_app``) for one level."""
    with serve_app(log_dir) as base_url:
        yield base_url


def measure(
    n_sessions: int,
    seconds: float,
    *,
    seed: int = 0,
    interval: tuple[float, float] = INTERVAL_S,
    warm: bool = True,
    pages: list[str] | None = None,
    processes: int = 0,
    url: str | None = None,
) -> Stats:
    """One level against a fresh server: the load, then the server log's error lines.

    ``processes`` > 0: that many app processes behind HAProxy (scripts/serve_class.py), the
    sessions entering through HAProxy with its sticky cookie. ``url``: an already running
    server or load balancer instead (no CPU, memory or log figures then)."""
    options = dict(seed=seed, interval=interval, warm=warm, pages=pages)
    if url is not None:
        return asyncio.run(
            run_level(url.rstrip("/"), n_sessions, seconds, pids=[], sticky=True, **options)
        )
    with tempfile.TemporaryDirectory(prefix="load-") as tmp:
        log_dir = Path(tmp)
        if processes > 0:
            from scripts.serve_class import serve_class

            with serve_class(processes=processes, log_dir=log_dir) as server:
                stats = asyncio.run(
                    run_level(
                        server.url,
                        n_sessions,
                        seconds,
                        pids=[app.pid for app in server.apps],
                        proxy_pid=server.haproxy.pid,
                        warm_urls=[app.url for app in server.apps],
                        sticky=True,
                        **options,
                    )
                )
        else:
            with served(log_dir) as base_url:
                stats = asyncio.run(run_level(base_url, n_sessions, seconds, **options))
        stats.log_errors = server_log_errors(log_dir)
    return stats


def _ms(values: list[float], q: float) -> str:
    if not values:
        return "-"
    if len(values) == 1:
        return f"{1000 * values[0]:.0f}"
    return f"{1000 * statistics.quantiles(values, n=100, method='inclusive')[int(q) - 1]:.0f}"


HEADER = (
    "| N | sent | arrived | lost | server CPU ms / update | latency ms p50 | p95 | max | "
    "load ms p95 | errors | RSS MB start / loaded / end / peak | server CPU % | client CPU % |"
)


def row(stats: Stats) -> str:
    lost = stats.sent - stats.arrived
    errors = (
        len(stats.exceptions) + len(stats.failures) + len(stats.log_errors) + len(stats.not_applied)
    )
    peak = max(stats.latencies) * 1000 if stats.latencies else 0
    cpu_s = stats.server_cpu_pct / 100 * stats.window_s
    cpu_per_update = f"{1000 * cpu_s / stats.arrived:.0f}" if stats.arrived else "-"
    return (
        f"| {stats.sessions} | {stats.sent} | {stats.arrived} | {lost} | "
        f"{cpu_per_update} | {_ms(stats.latencies, 50)} | "
        f"{_ms(stats.latencies, 95)} | {peak:.0f} | {_ms(stats.load_latencies, 95)} | "
        f"{errors} | {stats.rss_start_mb:.0f} / {stats.rss_loaded_mb:.0f} / "
        f"{stats.rss_end_mb:.0f} / "
        f"{stats.rss_peak_mb:.0f} | {stats.server_cpu_pct:.0f} | {stats.client_cpu_pct:.0f} |"
    )


def _details(stats: Stats) -> list[str]:
    lines = []
    if stats.backends:
        spread = ", ".join(f"{name}: {count}" for name, count in sorted(stats.backends.items()))
        lines.append(f"  N={stats.sessions}: sessions per app process (sticky cookie): {spread}"
                     f"; HAProxy CPU {stats.proxy_cpu_pct:.0f} %")  # fmt: skip
    if stats.no_slider:
        lines.append(f"  N={stats.sessions}: pages without a slider (load only): "
                     f"{', '.join(sorted(stats.no_slider))}")  # fmt: skip
    for title, items in (
        ("exception deltas", stats.exceptions),
        ("failures", stats.failures),
        ("updates the share link did not show", stats.not_applied),
        ("server log", stats.log_errors),
    ):
        if items:
            lines.append(f"  N={stats.sessions}: {len(items)} {title}, first: {items[:3]}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[10, 50, 100, 200])
    parser.add_argument("--seconds", type=float, default=60.0, help="update window per level")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--interval", type=float, nargs=2, default=list(INTERVAL_S))
    parser.add_argument(
        "--cold", action="store_true", help="no warm-up visit of each page before the load"
    )
    parser.add_argument(
        "--processes",
        type=int,
        default=0,
        help="K > 0: K app processes behind HAProxy (scripts/serve_class.py), sessions "
        "through HAProxy with its sticky cookie (default 0: one server, no proxy)",
    )
    parser.add_argument(
        "--url",
        help="drive a server or load balancer already running there (sessions GET their "
        "page first and keep the sticky cookie; no server CPU, memory or log figures)",
    )
    args = parser.parse_args()
    all_stats = []
    where = (
        args.url
        or (args.processes and f"{args.processes} fresh app processes behind HAProxy")
        or "a fresh server"
    )
    for n in args.sessions:
        print(f"N={n}: {args.seconds:.0f} s of updates on {where} ...", flush=True)
        stats = measure(
            n,
            args.seconds,
            seed=args.seed,
            interval=tuple(args.interval),
            warm=not args.cold,
            processes=args.processes,
            url=args.url,
        )
        all_stats.append(stats)
        print(HEADER + "\n" + row(stats), flush=True)
    print()
    print(f"os.cpu_count() = {os.cpu_count()}; interval {args.interval[0]}-{args.interval[1]} s")
    if all_stats:
        widest = max(all_stats, key=lambda stats: len(stats.pages)).pages
        print("sliders moved: " + ", ".join(f"{p}: {k}" for p, k in widest.items()))
    print()
    print(HEADER)
    print("|" + "---|" * (HEADER.count("|") - 1))
    for stats in all_stats:
        print(row(stats))
    for stats in all_stats:
        for line in _details(stats):
            print(line)


if __name__ == "__main__":
    main()
