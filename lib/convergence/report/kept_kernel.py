"""One kernel kept alive for the notebooks a report worker runs one after the other, its namespace reset
before each.

Starting a kernel, waiting for it to answer and shutting it down again costs about half a second of waiting
per notebook, more than a small report notebook spends on its work. A worker therefore keeps its kernel: a
notebook executes (under papermill, on the engine registered here as ``convergence-kept``) in the kernel the
previous one used, after ``get_ipython().reset(new_session=True)`` has emptied its namespace and set its
execution count back to 1, so the executed notebook is the one a fresh kernel would give. Modules stay
imported (and the library's memos of its shipped data files stay filled). A kernel whose notebook did not
complete (a failed or timed-out cell, a kernel that died) is shut down; the next notebook gets a new one.
``CONVERGENCE_REUSE_KERNELS=0`` turns this off: every notebook then starts a kernel of its own.
"""

from __future__ import annotations

import os

ENGINE = "convergence-kept"
_RESET = "get_ipython().reset(new_session=True, aggressive=False)"
# After a notebook: its namespace goes, and the memory it held goes back to the system before the next one.
_RELEASE = f"{_RESET}; __import__('convergence.report.memory').report.memory.release_memory()"
_registered: list[str] = []


def enabled() -> bool:
    return os.environ.get("CONVERGENCE_REUSE_KERNELS", "1") != "0"


def _register_engine() -> None:
    """Register the ``convergence-kept`` papermill engine (once per process)."""
    from jupyter_core.utils import run_sync
    from nbclient.util import run_hook
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine, papermill_engines
    from papermill.log import logger
    from papermill.utils import merge_kwargs, remove_args

    if _registered:
        return

    class _Client(PapermillNotebookClient):
        """papermill's client on a kernel it does not own, through the kernel's kept client (connected
        once: a new client waits for the kernel to answer and its output channel to fall quiet); the
        namespace is reset before every notebook but the first."""

        async def async_start_new_kernel_client(self):
            kc = getattr(self.km, "convergence_kc", None)
            if kc is None:
                kc = await super().async_start_new_kernel_client()
                self.km.convergence_kc = kc
                return kc
            self.kc = kc
            kc.allow_stdin = False
            await self.async_wait_for_reply(kc.execute(_RESET, silent=True, store_history=False))
            await run_hook(self.on_notebook_start, notebook=self.nb)
            return kc

        start_new_kernel_client = run_sync(async_start_new_kernel_client)

    class KeptKernelEngine(NBClientEngine):
        @classmethod
        def execute_managed_notebook(
            cls,
            nb_man,
            kernel_name,
            log_output=False,
            stdout_file=None,
            stderr_file=None,
            start_timeout=60,
            execution_timeout=None,
            **kwargs,
        ):
            kwargs = remove_args(["input_path"], **kwargs)
            safe_kwargs = remove_args(["timeout", "startup_timeout"], **kwargs)
            final_kwargs = merge_kwargs(
                safe_kwargs,
                timeout=execution_timeout if execution_timeout else kwargs.get("timeout"),
                startup_timeout=start_timeout,
                kernel_name=kernel_name,
                log=logger,
                log_output=log_output,
                stdout_file=stdout_file,
                stderr_file=stderr_file,
            )
            client = _Client(nb_man, **final_kwargs)
            try:
                nb = client.execute()
                try:
                    client.wait_for_reply(client.kc.execute(_RELEASE, silent=True, store_history=False))
                except Exception:  # noqa: BLE001 - the notebook is done; the next one resets the kernel anyway
                    pass
                return nb
            finally:
                client.kc = None  # the kept client stays connected for the next notebook

    papermill_engines.register(ENGINE, KeptKernelEngine)
    _registered.append(ENGINE)


class KeptKernel:
    """The kernel one worker keeps: :meth:`manager` starts it when there is none (or it died) for the
    kernel name and folder asked; :meth:`discard` shuts it down (after a notebook that did not complete,
    and when the worker ends)."""

    def __init__(self):
        self.km = None
        self.key = None
        _register_engine()

    def manager(self, kernel_name: str, cwd: str | None):
        """The kept kernel's manager, its kernel started (not waited for: the notebook's client waits for
        it to answer, within papermill's ``start_timeout``)."""
        from jupyter_client.manager import AsyncKernelManager
        from jupyter_core.utils import run_sync

        key = (kernel_name, cwd)
        if self.km is not None and (self.key != key or not run_sync(self.km.is_alive)()):
            self.discard()
        if self.km is None:
            km = AsyncKernelManager(kernel_name=kernel_name)
            km.convergence_kc = None
            try:
                run_sync(km.start_kernel)(
                    extra_arguments=["--HistoryManager.hist_file=:memory:"], cwd=cwd or os.getcwd()
                )
            except BaseException:
                _shutdown(km)
                raise
            self.km, self.key = km, key
        return self.km

    def discard(self) -> None:
        km, self.km, self.key = self.km, None, None
        if km is not None:
            _shutdown(km)


def _shutdown(km) -> None:
    from jupyter_core.utils import run_sync

    kc, km.convergence_kc = getattr(km, "convergence_kc", None), None
    if kc is not None:
        try:
            kc.stop_channels()
        except Exception:  # noqa: BLE001 - channels of a dead kernel
            pass
    try:
        if run_sync(km.is_alive)():
            run_sync(km.shutdown_kernel)(now=True)
    except Exception:  # noqa: BLE001 - a kernel already gone needs no shutdown
        pass
    try:
        run_sync(km.cleanup_resources)()
    except Exception:  # noqa: BLE001
        pass
