"""gunicorn settings (overridable by LBCL_CDS_* variables). Access log without PHI: method, path,
status, size and duration only - no query strings, no headers."""

import os

workers = int(os.environ.get("LBCL_CDS_WORKERS", "2"))
worker_class = "gthread"
threads = int(os.environ.get("LBCL_CDS_THREADS", "4"))
timeout = int(os.environ.get("LBCL_CDS_WORKER_TIMEOUT", "30"))
graceful_timeout = 10
keepalive = 5
preload_app = False
accesslog = "-"
access_log_format = '{"ts":"%(t)s","method":"%(m)s","path":"%(U)s","status":%(s)s,"bytes":%(B)s,"duration_us":%(D)s}'
errorlog = "-"
limit_request_line = 8190
