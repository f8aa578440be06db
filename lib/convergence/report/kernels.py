"""Notebook kernels forked from one warm process: each report notebook still gets a fresh kernel of its own,
without paying for Python, IPython, pandas, matplotlib and the library to start again.

Importing those costs about two CPU seconds per kernel, more than most report notebooks spend on their
work. A report run therefore starts one *kernel server*::

    python -m convergence.report.kernels serve SOCKET

which imports them once and waits. The notebooks run on the kernel named ``convergence-fork`` (a kernel
spec written for the run, see :func:`kernel_spec_dir`), whose command is the small launcher
``python -m convergence.report.kernels launch -f CONNECTION_FILE``. The launcher asks the server for a
kernel; the server forks a child that becomes an ordinary IPython kernel on that connection file, in the
launcher's working folder and environment, writing to the launcher's standard streams. The launcher
stands in for the kernel towards Jupyter: signals it receives (interrupt, terminate) are passed on, and it
exits with the kernel's exit status. When the launcher dies, the server kills its kernel; when the server
dies, its kernels die with it (Linux parent-death signal). Without a reachable server (the variable
``CONVERGENCE_KERNEL_SERVER`` unset, or the server gone) the launcher becomes a normal ``ipykernel``.

A forked kernel shows a figure as the PNG of its whole canvas, laid out once and drawn once
(:func:`convergence.charts.render.figure_png`), instead of the inline backend's tight crop, which lays each
figure out and draws it twice and then measures it once more.

The server stays single-threaded so that forking it is safe.
"""

from __future__ import annotations

import array
import base64
import json
import os
import selectors
import signal
import socket
import sys
import tempfile
from pathlib import Path

KERNEL_NAME = "convergence-fork"
ENV_SOCKET = "CONVERGENCE_KERNEL_SERVER"
_WARM_MODULES = (
    "IPython",
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "ipykernel.zmqshell",
    "ipykernel.debugger",
    "ipykernel.comm",
    "ipykernel.iostream",
    "ipykernel.heartbeat",
    "jupyter_client.session",
    "jupyter_client.localinterfaces",
    "psutil",
    "matplotlib_inline.config",
    "numpy",
    "pandas",
    "pyarrow",
    "pyarrow.feather",
    "matplotlib",
    "matplotlib.figure",
    "matplotlib.backends.backend_agg",
    "matplotlib.colors",
    "matplotlib.ticker",
    "matplotlib.pyplot",
    "convergence",
    "convergence.charts",
    "convergence.charts.figures",
    "convergence.charts.tables",
    "convergence.charts.render",
    "convergence.measure",
    "convergence.measure.convergence",
    "convergence.measure.evidence",
    "convergence.measure.keyness",
    "convergence.measure.salience",
    "convergence.measure.positions",
    "convergence.tagging.codes",
    "scipy.sparse",
    "convergence.report.data",
)


def _warm_data() -> None:
    """Load what every report notebook reads first, into the library's memos, so each forked kernel inherits
    it instead of loading it again: the shipped actors and taxonomy (the measures' code check, the actors'
    name patterns), thresholds, issue dimensions, the word space and each dimension's word polarity; and
    draw one figure (fonts, image writers). Only caches are filled: a notebook computes the same results
    with or without this."""
    import io

    from matplotlib.figure import Figure

    from convergence.measure import load_thresholds
    from convergence.measure.pairs import mentions
    from convergence.measure.positions import _polarity_cached, load_dimensions, load_space
    from convergence.tagging.codes import check_codes
    from convergence.tagging.lexicon import load_taxonomy

    check_codes(None, actors=["USA", "PAK"], issues=list(load_taxonomy().areas)[:1])
    mentions("", "USA")  # the actors' name patterns, compiled
    load_thresholds()
    space = load_space()
    for dimensions in load_dimensions().values():
        for dimension in dimensions:
            _polarity_cached(dimension, space)  # the memo the measures read (not polarity()'s sorted table)
    fig = Figure(figsize=(2, 1))  # not pyplot: no figure is left open for a kernel to show
    ax = fig.subplots()
    ax.plot([0, 1], [0, 1], label="a")
    ax.set_title("warm")
    ax.legend()
    fig.savefig(io.BytesIO(), format="png")


def _set_parent_death_signal(sig: int) -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, sig, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def kernel_spec_dir(folder: str | os.PathLike) -> Path:
    """Write the ``convergence-fork`` kernel spec under ``folder/kernels`` and return ``folder`` (to put in
    ``JUPYTER_PATH``)."""
    folder = Path(folder)
    spec = folder / "kernels" / KERNEL_NAME
    spec.mkdir(parents=True, exist_ok=True)
    (spec / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [
                    sys.executable,
                    "-m",
                    "convergence.report.kernels",
                    "launch",
                    "-f",
                    "{connection_file}",
                ],
                "display_name": "Python 3 (ipykernel)",
                "language": "python",
            }
        ),
        encoding="utf-8",
    )
    return folder


# ------------------------------------------------------------------------------------------------- server


def _become_kernel(request: dict, fds: list[int]) -> None:
    """In the forked child: take the launcher's streams, folder and environment, then run the kernel."""
    try:
        os.setsid()
        _set_parent_death_signal(signal.SIGKILL)
        for target, fd in zip((0, 1, 2), fds, strict=False):
            os.dup2(fd, target)
        for fd in fds:
            os.close(fd)
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGCHLD, signal.SIGHUP):
            signal.signal(sig, signal.SIG_DFL)
        os.environ.clear()
        os.environ.update(request["env"])
        os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
        os.chdir(request["cwd"])
        sys.argv = ["ipykernel_launcher", *request["argv"]]
        from ipykernel.kernelapp import IPKernelApp

        app = IPKernelApp.instance()
        app.initialize(request["argv"])
        try:  # matplotlib was imported before the shell existed: connect the inline backend now
            from matplotlib_inline.backend_inline import _enable_matplotlib_integration

            _enable_matplotlib_integration()
            _show_figures_drawn_once(app.shell)
        except Exception:  # noqa: BLE001 - figures then show as text; the kernel still runs
            pass
        app.start()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:  # noqa: BLE001
        import traceback

        traceback.print_exc()
        code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(code)


def _figure_png_base64(fig) -> str | None:
    from convergence.charts.render import figure_png

    if not fig.axes and not fig.lines:  # as the inline backend: an empty figure shows nothing
        return None
    return base64.b64encode(figure_png(fig)).decode("ascii")


def _show_figures_drawn_once(shell) -> None:
    """A figure a notebook shows becomes the PNG of its whole canvas, laid out once and drawn once
    (:func:`convergence.charts.render.figure_png`). The inline backend's own PNG (``bbox_inches="tight"``)
    lays a figure out and draws it twice, then measures every artist once more for the tight box: about a
    third more work per chart, and the charts need no tight box (their constrained layout keeps every title,
    label, legend and note inside the figure). Registered after the inline backend, which sets its
    formatters only once per kernel."""
    from matplotlib.figure import Figure

    shell.display_formatter.formatters["image/png"].for_type(Figure, _figure_png_base64)


def _recv_request(conn: socket.socket) -> tuple[dict, list[int]]:
    data, fds = b"", []
    while not data.endswith(b"\n"):
        chunk, ancdata, _flags, _addr = conn.recvmsg(1 << 20, socket.CMSG_LEN(3 * 4))
        for level, kind, payload in ancdata:
            if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
                got = array.array("i")
                got.frombytes(payload[: len(payload) - (len(payload) % got.itemsize)])
                fds.extend(got)
        if not chunk:
            raise ConnectionError("launcher closed the connection")
        data += chunk
    return json.loads(data), fds


def serve(path: str) -> int:
    """Import the warm modules, then fork one kernel per launcher request until terminated."""
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    _set_parent_death_signal(signal.SIGTERM)
    import importlib

    for name in _WARM_MODULES:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - a module that cannot be warmed is imported by the kernel itself
            pass
    try:
        _warm_data()
    except Exception:  # noqa: BLE001 - a kernel then loads the data files itself (and reports any error)
        pass
    # What is loaded now stays shared with every kernel forked from here: the garbage collector of a kernel
    # (which runs notebook after notebook) leaves these objects alone instead of writing to their pages.
    import gc

    gc.collect()
    gc.freeze()
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    tmp = f"{path}.{os.getpid()}.tmp"
    listener.bind(tmp)
    os.replace(tmp, path)  # the socket appears only once the server is ready
    listener.listen(64)
    sel = selectors.DefaultSelector()
    sel.register(listener, selectors.EVENT_READ, None)
    children: dict[int, socket.socket] = {}
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(1))
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        while not stopping:
            for key, _ in sel.select(timeout=0.05):
                if key.data is None:
                    conn, _addr = listener.accept()
                    try:
                        request, fds = _recv_request(conn)
                    except (OSError, ValueError, ConnectionError):
                        conn.close()
                        continue
                    pid = os.fork()
                    if pid == 0:
                        listener.close()
                        conn.close()
                        for other in children.values():
                            other.close()
                        _become_kernel(request, fds)
                    for fd in fds:
                        os.close(fd)
                    children[pid] = conn
                    conn.sendall(f"pid {pid}\n".encode())
                    sel.register(conn, selectors.EVENT_READ, pid)
                else:  # a launcher closed its end (it died): its kernel goes too
                    conn, pid = key.fileobj, key.data
                    try:
                        alive = conn.recv(4096)
                    except OSError:
                        alive = b""
                    if not alive:
                        sel.unregister(conn)
                        if pid in children:
                            _kill(pid)
            while children:
                try:
                    pid, status = os.waitpid(-1, os.WNOHANG)
                except ChildProcessError:
                    break
                if pid == 0:
                    break
                conn = children.pop(pid, None)
                if conn is not None:
                    code = os.waitstatus_to_exitcode(status)
                    try:
                        conn.sendall(f"exit {code}\n".encode())
                    except OSError:
                        pass
                    try:
                        sel.unregister(conn)
                    except (KeyError, ValueError):
                        pass
                    conn.close()
    finally:
        for pid in list(children):
            _kill(pid)
        Path(path).unlink(missing_ok=True)
    return 0


def _kill(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


class KernelServer:
    """The kernel server of one report run: started at once (it warms up while the corpus is read), stopped
    with :meth:`close`. ``env()`` is what the notebook workers need to use it."""

    def __init__(self):
        import subprocess

        self.folder = Path(tempfile.mkdtemp(prefix="cv-kernels-"))
        self.socket = self.folder / "server.sock"
        kernel_spec_dir(self.folder)
        self.proc = subprocess.Popen(
            [sys.executable, "-Xfrozen_modules=off", "-m", __name__, "serve", str(self.socket)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )

    def env(self) -> dict[str, str]:
        paths = [str(self.folder), *filter(None, os.environ.get("JUPYTER_PATH", "").split(os.pathsep))]
        return {ENV_SOCKET: str(self.socket), "JUPYTER_PATH": os.pathsep.join(paths)}

    def close(self) -> None:
        import shutil

        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except Exception:  # noqa: BLE001
                self.proc.kill()
                self.proc.wait(timeout=10)
        shutil.rmtree(self.folder, ignore_errors=True)


# ----------------------------------------------------------------------------------------------- launcher


def _plain_kernel(argv: list[str]) -> None:
    os.execv(sys.executable, [sys.executable, "-Xfrozen_modules=off", "-m", "ipykernel_launcher", *argv])


def launch(argv: list[str]) -> int:
    """Ask the server for a kernel on ``argv`` (``-f CONNECTION_FILE``), stand in for it until it exits."""
    import time

    path = os.environ.get(ENV_SOCKET)
    if not path:
        _plain_kernel(argv)
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    deadline = time.monotonic() + 30  # the server may still be importing
    while True:
        try:
            conn.connect(path)
            break
        except OSError:
            if time.monotonic() > deadline:
                conn.close()
                _plain_kernel(argv)
            time.sleep(0.05)
    request = {"argv": argv, "cwd": os.getcwd(), "env": dict(os.environ)}
    conn.sendmsg(
        [json.dumps(request).encode() + b"\n"],
        [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", [0, 1, 2]).tobytes())],
    )
    reader = conn.makefile("r", encoding="utf-8")
    first = reader.readline().split()
    if len(first) != 2 or first[0] != "pid":
        _plain_kernel(argv)
    pid = int(first[1])

    def forward(signum, _frame):
        try:
            os.kill(pid, signum)
        except OSError:
            pass

    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1, signal.SIGUSR2):
        signal.signal(sig, forward)
    while True:
        try:
            line = reader.readline()
        except InterruptedError:
            continue
        if not line:
            return 1  # the server went away; its kernels die with it
        parts = line.split()
        if len(parts) == 2 and parts[0] == "exit":
            code = int(parts[1])
            return 128 - code if code < 0 else code


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["serve"] and len(args) == 2:
        return serve(args[1])
    if args[:1] == ["launch"]:
        return launch(args[1:])
    print(
        "usage: python -m convergence.report.kernels serve SOCKET | launch -f CONNECTION_FILE",
        file=sys.stderr,
    )
    return 2


if __name__ == "__main__":
    sys.exit(main())
