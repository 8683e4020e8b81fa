"""Worker warm-up (issue 16), run by gunicorn_conf.post_worker_init in each worker once the app is
loaded, before it accepts a connection, so the first request is not the slow one:

- the application already evaluated a few shipped patients at creation (app.py); here the thread pool
  that runs requests is started (a thread is otherwise created by the first request that needs it) and
  each of its threads opens its database connection (used by the JWT replay check), and the audit
  writer starts with its own;
- the cyclic garbage collector runs less often (`GC_THRESHOLDS`): a long chart allocates hundreds of
  thousands of short-lived, acyclic objects (freed by reference counting), and with the default
  thresholds it triggered collections that scanned the worker's caches mid-request (cold requests of
  500 and 2,000 resources: p95 about twice the p50; with these, close to it; docs/performance.md);
- the time taken is logged (`worker ready`), which also tells an operator (and the tests) that a worker
  serves.
"""

from __future__ import annotations

import gc
import threading
import time

GC_THRESHOLDS = (10_000, 20, 50)  # Python's defaults: (700, 10, 10)


def _pool_threads(worker, store) -> None:
    """Start every thread of the worker's request pool, each opening its database connection."""
    n = getattr(worker, "max_threads", 0) or 0
    if n <= 0 or getattr(worker, "tpool", None) is None:
        return
    barrier = threading.Barrier(n, timeout=5)

    def touch() -> None:
        if store is not None:
            try:
                store.db.query("SELECT 1")
            except Exception:  # noqa: BLE001 (a down database is /readyz's business, not start-up's)
                pass
        try:
            barrier.wait()  # every task on its own thread
        except threading.BrokenBarrierError:
            pass

    for fut in [worker.tpool.submit(touch) for _ in range(n)]:
        fut.result(timeout=10)


def warm_worker(worker) -> float:
    """Warm a gunicorn worker whose app is loaded; return the seconds it took."""
    started = time.perf_counter()
    from cds_service.wsgi import app

    store = app.extensions["lbcl_cds"].store
    _pool_threads(worker, store)
    store.audit.start()
    gc.set_threshold(*GC_THRESHOLDS)
    return time.perf_counter() - started
