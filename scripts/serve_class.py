"""Serve a class: K app processes behind HAProxy, with sticky sessions.

Run from the repository root: ``python scripts/serve_class.py [--processes K] [--port 8500]
[--bind 127.0.0.1]``. Starts K ``streamlit run app.py`` processes (default: one per core) on
free loopback ports with the flags the app is tested with (headless, no file watcher, the
repository's ``.streamlit/config.toml``), waits until each answers ``/_stcore/health``, writes
``deploy/haproxy.cfg`` with their server lines into a temporary directory and runs Debian's
``haproxy`` in the foreground on ``--bind``:``--port``. Prints the URL students open.
Ctrl-C or SIGTERM stops HAProxy and every app process (an app process also stops when this
script dies by SIGKILL: Linux ``prctl``). ``--bind 0.0.0.0`` serves the hall's network; the
app processes stay on loopback.

As a library: ``with serve_class(processes=2, port=None) as served:`` yields a
``ClassServer``: ``served.url`` (HAProxy's base URL), ``served.apps`` (the ``AppProcess``
list: name = HAProxy server name = cookie value, port, Popen, log file) and
``served.haproxy`` (its Popen). The bench and tests/bench/test_scale_out.py use it.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "deploy" / "haproxy.cfg"
HEALTH_TIMEOUT_S = 60.0  # K processes start at once on a shared 2-core machine
STOP_TIMEOUT_S = 10.0
SERVERS_BLOCK = re.compile(r"(?ms)^([ \t]*)# BEGIN servers[^\n]*\n.*?^[ \t]*# END servers[^\n]*$")


class ServeError(RuntimeError):
    """A process exited or was not healthy in time; the message holds its log."""


@dataclass
class AppProcess:
    """One ``streamlit run app.py`` behind HAProxy."""

    name: str  # HAProxy's server name, also the value of the lfe_server cookie
    port: int
    proc: subprocess.Popen
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        return self.proc.pid

    def stop(self) -> None:
        stop_process(self.proc)


@dataclass
class ClassServer:
    url: str  # what students open (HAProxy)
    apps: list[AppProcess]
    haproxy: subprocess.Popen
    config: Path  # the filled-in HAProxy config
    haproxy_log: Path


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port on ``host`` that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def healthy(base_url: str) -> bool:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never via a proxy
    try:
        with opener.open(f"{base_url}/_stcore/health", timeout=2) as response:
            return response.read().decode().strip() == "ok"
    except (urllib.error.URLError, OSError):
        return False


def die_with_parent() -> None:
    """In a child: get SIGTERM when its parent (this script, a pytest run, a benchmark)
    dies, even by SIGKILL (Linux prctl), so nothing is left running on a shared machine."""
    ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def stop_process(proc: subprocess.Popen) -> None:
    """SIGTERM, then SIGKILL if it has not ended within ``STOP_TIMEOUT_S``."""
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=STOP_TIMEOUT_S)


def app_command(port: int, script: str = "app.py") -> list[str]:
    """``streamlit run <script>`` (from the repo root) on a loopback port, headless, no usage
    stats, no file watcher: how every server of the tests, benchmarks and this script runs."""
    return [
        sys.executable, "-m", "streamlit", "run", script,
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
    ]  # fmt: skip


def server_lines(apps: list[AppProcess], indent: str = "    ") -> str:
    return "\n".join(
        f"{indent}server {app.name} 127.0.0.1:{app.port} cookie {app.name}" for app in apps
    )


def fill_config(template: str, apps: list[AppProcess]) -> str:
    """``deploy/haproxy.cfg`` with its server block replaced by one line per process."""
    if not SERVERS_BLOCK.search(template):
        raise ValueError("deploy/haproxy.cfg has no '# BEGIN servers' ... '# END servers' block")
    return SERVERS_BLOCK.sub(
        lambda m: server_lines(apps, m.group(1)), template, count=1
    )  # fmt: skip


def _wait_healthy(url: str, proc: subprocess.Popen, log: Path, what: str, deadline: float) -> None:
    while not healthy(url):
        if proc.poll() is not None:
            raise ServeError(
                f"{what} exited with code {proc.returncode} before it was healthy:\n"
                + log.read_text(errors="replace")[-4000:]
            )
        if time.monotonic() > deadline:
            raise ServeError(
                f"{what} not healthy at {url} after {HEALTH_TIMEOUT_S:.0f} s:\n"
                + log.read_text(errors="replace")[-4000:]
            )
        time.sleep(0.1)


def haproxy_executable() -> str | None:
    return shutil.which("haproxy") or (
        "/usr/sbin/haproxy" if os.access("/usr/sbin/haproxy", os.X_OK) else None
    )


@contextmanager
def serve_class(
    processes: int | None = None,
    port: int | None = None,
    bind: str = "127.0.0.1",
    log_dir: Path | None = None,
) -> Iterator[ClassServer]:
    """Start ``processes`` app processes (default: one per core) and HAProxy on
    ``bind``:``port`` (default: a free port); yield a ``ClassServer`` once HAProxy answers
    ``/_stcore/health``; stop everything on exit. Logs go to ``log_dir`` (default: a
    temporary directory removed afterwards): ``app1.log`` ..., ``haproxy.log``,
    ``haproxy.cfg``."""
    haproxy = haproxy_executable()
    if haproxy is None:
        raise ServeError("haproxy is not installed (Debian: apt-get install -y haproxy)")
    count = processes or os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="serve-class-") as tmp:
        logs = Path(log_dir) if log_dir is not None else Path(tmp)
        logs.mkdir(parents=True, exist_ok=True)
        # One cookie secret for all processes (Streamlit takes it only from its config or
        # environment), so a cookie Streamlit signed (its XSRF token) stays valid when
        # HAProxy moves a student to another process.
        app_env = dict(os.environ, STREAMLIT_SERVER_COOKIE_SECRET=secrets.token_hex(16))
        preexec = die_with_parent if sys.platform == "linux" else None
        apps: list[AppProcess] = []
        proxy: subprocess.Popen | None = None
        try:
            for i in range(1, count + 1):
                app_port = free_port()
                log = logs / f"app{i}.log"
                with open(log, "wb") as out:
                    proc = subprocess.Popen(
                        app_command(app_port),
                        cwd=ROOT,
                        env=app_env,
                        stdout=out,
                        stderr=subprocess.STDOUT,
                        stdin=subprocess.DEVNULL,
                        preexec_fn=preexec,
                    )
                apps.append(AppProcess(f"app{i}", app_port, proc, log))
            deadline = time.monotonic() + HEALTH_TIMEOUT_S
            for app in apps:
                _wait_healthy(app.url, app.proc, app.log, f"app process {app.name}", deadline)
            config = logs / "haproxy.cfg"
            config.write_text(fill_config(CONFIG.read_text(), apps))
            front_port = port or free_port(bind)
            env = dict(os.environ, LFE_BIND=bind, LFE_PORT=str(front_port))
            haproxy_log = logs / "haproxy.log"
            with open(haproxy_log, "wb") as out:
                proxy = subprocess.Popen(
                    [haproxy, "-db", "-f", str(config)],
                    cwd=ROOT,
                    env=env,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL,
                    preexec_fn=preexec,
                )
            host = "127.0.0.1" if bind in ("0.0.0.0", "::", "*", "") else bind
            url = f"http://{host}:{front_port}"
            _wait_healthy(url, proxy, haproxy_log, "haproxy", time.monotonic() + 10)
            yield ClassServer(url, apps, proxy, config, haproxy_log)
        finally:
            if proxy is not None:
                stop_process(proxy)
            for app in apps:  # all at once, then wait for each
                if app.proc.poll() is None:
                    app.proc.send_signal(signal.SIGTERM)
            for app in apps:
                stop_process(app.proc)


def _lan_addresses() -> list[str]:
    """This machine's IPv4 addresses other than loopback (``hostname -I``), for the URL to
    give students when serving the hall's network."""
    try:
        out = subprocess.run(["hostname", "-I"], capture_output=True, text=True, timeout=5)
    except (OSError, subprocess.SubprocessError):
        return []
    return [a for a in out.stdout.split() if "." in a and not a.startswith("127.")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--processes", type=int, default=os.cpu_count() or 1, help="app processes (default: cores)"
    )
    parser.add_argument("--port", type=int, default=8500, help="HAProxy's port (default 8500)")
    parser.add_argument(
        "--bind",
        default="127.0.0.1",
        help="HAProxy's address (default loopback; 0.0.0.0 serves the hall's network)",
    )
    parser.add_argument("--log-dir", type=Path, help="keep the logs and config here")
    args = parser.parse_args()

    # SIGTERM as Ctrl-C: the context manager's cleanup stops every process.
    def _terminate(signum, frame):  # noqa: ANN001, ARG001
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _terminate)
    try:
        with serve_class(args.processes, args.port, args.bind, args.log_dir) as served:
            print(f"{len(served.apps)} app processes behind HAProxy:", flush=True)
            for app in served.apps:
                print(f"  {app.name}: {app.url} (pid {app.pid})", flush=True)
            print(f"Students open: {served.url}", flush=True)
            if args.bind in ("0.0.0.0", "::", "*"):
                for address in _lan_addresses():
                    print(f"  on the hall's network: http://{address}:{args.port}", flush=True)
            print("Ctrl-C stops everything.", flush=True)
            reported: set[str] = set()
            while True:
                if served.haproxy.poll() is not None:
                    print(f"haproxy exited ({served.haproxy.returncode}):", file=sys.stderr)
                    print(served.haproxy_log.read_text(errors="replace")[-2000:], file=sys.stderr)
                    return 1
                for app in served.apps:
                    if app.proc.poll() is not None and app.name not in reported:
                        reported.add(app.name)
                        print(
                            f"{app.name} exited ({app.proc.returncode}); HAProxy sends its "
                            "students to the others",
                            file=sys.stderr,
                        )
                time.sleep(1)
    except KeyboardInterrupt:
        print("stopped", flush=True)
        return 0
    except ServeError as exc:
        print(exc, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
