"""gunicorn settings, all from LBCL_CDS_* environment variables (README table) through `Settings`, so the
server refuses to start on an invalid configuration. Loaded as `--config python:cds_service.gunicorn_conf`
by the one production command (`cli.gunicorn_argv`, the container's CMD and `lbcl-cds serve`).

Logs: the access log is one JSON line per request with method, path (never the query string), status,
size and duration - no headers, no bodies, so no PHI and no token; gunicorn's own messages are JSON lines
too (logs.JsonFormatter). A worker writes its INFO lines in batches every LBCL_CDS_LOG_FLUSH_S
(logs.BatchedStreamHandler); warnings and errors at once. Metrics: with PROMETHEUS_MULTIPROC_DIR set, the
folder is emptied at start and each worker's values are written there (metrics.py)."""

import glob
import os

from cds_service.config import Settings
from cds_service.worker_balance import clear as _clear_slot
from cds_service.worker_balance import free_slot as _free_slot
from cds_service.worker_balance import new_board as _new_board

_settings = Settings.from_env()

bind = f"[{_settings.host}]:{_settings.port}" if ":" in _settings.host else f"{_settings.host}:{_settings.port}"
workers = _settings.workers
worker_class = "cds_service.worker.BoundedThreadWorker"  # gthread with slow clients bounded (worker.py)
threads = _settings.threads
worker_connections = _settings.max_connections
timeout = _settings.worker_timeout
graceful_timeout = 10
keepalive = 5
preload_app = False
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # heartbeat off the (maybe read-only) disk
loglevel = _settings.log_level.lower()
accesslog = "-"
logger_class = "cds_service.access_log.AccessLogger"  # the access line's six fields only (access_log.py)
access_log_format = ('{"ts":"%(t)s","logger":"gunicorn.access","method":"%(m)s","path":"%(U)s","status":%(s)s,'
                     '"bytes":%(B)s,"duration_us":%(D)s}')
errorlog = "-"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "cds_service.logs.JsonFormatter"}, "raw": {"format": "%(message)s"}},
    "filters": {"redact": {"()": "cds_service.api.security.RedactFilter"},  # no request text in gunicorn's lines
                "scrub": {"()": "cds_service.redact.RedactingFilter"},  # nor heads, tokens, JWTs at any level
                "scrub_access": {"()": "cds_service.redact.RedactingFilter", "credentials_only": True}},
    "handlers": {
        "error": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr",
                  "filters": ["redact", "scrub"]},
        "access": {"class": "cds_service.logs.BatchedStreamHandler", "formatter": "raw",
                   "stream": "ext://sys.stdout", "filters": ["scrub_access"]},
    },
    "root": {"level": "WARNING", "handlers": []},  # the app's loggers have their own JSON handler (logs.py)
    "loggers": {
        "gunicorn.error": {"handlers": ["error"], "level": _settings.log_level, "propagate": False},
        "gunicorn.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
    },
}
limit_request_line = 8190

_BOARD = _new_board()  # connections per worker, shared with every forked worker (worker_balance.py)

_MULTIPROC = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
if _MULTIPROC:
    # Imported here, in the master before any worker exists: importing it lazily inside child_exit (a
    # SIGCHLD handler) could re-enter a half-finished import when two workers exit together at shutdown.
    from prometheus_client import multiprocess as _prom_multiprocess


def _refuse_public_dev_profile(server, addresses) -> None:
    """LBCL_CDS_AUTH=off binds loopback only, whatever set the address (bind_check.py)."""
    from cds_service.bind_check import check_dev_profile
    from cds_service.errors import ConfigError

    try:
        check_dev_profile(_settings.auth, list(addresses))
    except ConfigError as exc:
        server.log.error(str(exc))
        raise SystemExit(1) from None


def on_starting(server):  # gunicorn server hook
    from cds_service.api.security import neutral_server_header

    _refuse_public_dev_profile(server, server.cfg.address)  # --bind, GUNICORN_CMD_ARGS: before binding
    neutral_server_header()  # `Server: lbcl-cds`, not gunicorn's name (inherited by the forked workers)
    if _MULTIPROC:
        os.makedirs(_MULTIPROC, exist_ok=True)
        for stale in glob.glob(os.path.join(_MULTIPROC, "*.db")):
            os.remove(stale)


def when_ready(server):  # gunicorn server hook: listening, no worker yet
    _refuse_public_dev_profile(server, [listener.sock.getsockname() for listener in server.LISTENERS])


def post_worker_init(worker):  # gunicorn server hook: in the worker, the app loaded, before it serves
    import sys

    if "cds_service.wsgi" not in sys.modules:  # another app under these settings (the benchmark's floor)
        return
    from cds_service.logs import BatchedStreamHandler, lean_records
    from cds_service.warmup import warm_worker

    worker.log.info("worker ready (warm-up %.0f ms)", warm_worker(worker) * 1000)
    BatchedStreamHandler.batch(_settings.log_flush_s)  # INFO lines (access, "hook served") off the request path
    lean_records()


def pre_fork(server, worker):  # gunicorn server hook, in the master: a slot of the board for the new worker
    worker.lbcl_board = _BOARD
    worker.lbcl_slot = _free_slot(_BOARD, {getattr(w, "lbcl_slot", None) for w in server.WORKERS.values()})


def child_exit(server, worker):  # gunicorn server hook
    _clear_slot(_BOARD, getattr(worker, "lbcl_slot", None))
    if _MULTIPROC:
        try:
            _prom_multiprocess.mark_process_dead(worker.pid)
        except OSError:  # a metrics file already gone: nothing to clean
            pass
