"""The one process-pool policy of Accord, for ensembles and sweeps alike (ODD 3, scheduling).

Workers start from a forkserver that has the model imported (``forkserver`` never forks a
multi-threaded parent — tqdm, Dask and BLAS start threads — and a worker starts in milliseconds
once the server runs). Worker processes would re-run the user's ``__main__`` as they start (spawn
and forkserver do); a script without an ``if __name__ == "__main__":`` guard would then start
its work again in every worker, so the main module's origin is hidden while a pool starts.
Workers die with the process that started them (a killed sweep leaves none behind).
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any

PRELOAD = ["model.ensemble"]  # what every worker has imported before its first task


@contextlib.contextmanager
def main_not_rerun() -> Iterator[None]:
    """Hide ``__main__``'s file and spec while worker processes start (see the module doc)."""
    main = sys.modules.get("__main__")
    saved = {k: v for k, v in vars(main).items() if k in ("__file__", "__spec__")} if main else {}
    try:
        for key in saved:
            setattr(main, key, None)
        yield
    finally:
        for key, value in saved.items():
            setattr(main, key, value)


WATCH_INTERVAL_S = 1.0  # how often a worker checks that the process that started it lives


def _die_with(parent: int) -> None:
    """Make this worker exit when ``parent`` (the process that asked for the pool) dies.

    Linux: PR_SET_PDEATHSIG (SIGKILL when the forkserver, our direct parent, exits: it does as
    soon as the parent is gone). Everywhere: a daemon thread that polls the parent's pid.
    """
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG = 1
        except (OSError, AttributeError):
            pass

    def watch() -> None:
        while _alive(parent):
            time.sleep(WATCH_INTERVAL_S)
        os._exit(1)

    threading.Thread(target=watch, name="accord-parent-watch", daemon=True).start()


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie, killed but not yet reaped by its parent, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process (a reused pid): not ours to judge
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except (OSError, IndexError):
        return True


def _start_worker(
    parent: int, initializer: Callable[..., Any] | None, initargs: tuple[Any, ...]
) -> None:
    _die_with(parent)
    if initializer is not None:
        initializer(*initargs)


@contextlib.contextmanager
def process_pool(
    workers: int,
    initializer: Callable[..., Any] | None = None,
    initargs: tuple[Any, ...] = (),
) -> Iterator[ProcessPoolExecutor]:
    """A pool of ``workers`` processes; on exit pending tasks are cancelled and workers joined."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(PRELOAD)
    with main_not_rerun():
        pool = ProcessPoolExecutor(
            workers,
            mp_context=ctx,
            initializer=_start_worker,
            initargs=(os.getpid(), initializer, initargs),
        )
        try:
            yield pool
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
