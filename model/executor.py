"""The one process-pool policy of Accord, for ensembles and sweeps alike (ODD 3, scheduling).

Workers start from a forkserver that has the model imported (``forkserver`` never forks a
multi-threaded parent — tqdm, Dask and BLAS start threads — and a worker starts in milliseconds
once the server runs). Worker processes would re-run the user's ``__main__`` as they start (spawn
and forkserver do); a script without an ``if __name__ == "__main__":`` guard would then start
its work again in every worker, so the main module's origin is hidden while a pool starts.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import sys
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
            workers, mp_context=ctx, initializer=initializer, initargs=initargs
        )
        try:
            yield pool
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
