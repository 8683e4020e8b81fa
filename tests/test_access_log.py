"""The access line from the six fields cds_service/access_log.py computes is the line gunicorn's own
logger writes (issue 16), and the configured format uses no other field."""

from __future__ import annotations

import datetime
import re
from types import SimpleNamespace

from gunicorn.config import Config
from gunicorn.glogging import Logger, SafeAtoms

from cds_service import gunicorn_conf
from cds_service.access_log import FIELDS, AccessLogger


def test_the_format_uses_only_the_fields_computed():
    used = set(re.findall(r"%\((\w+)\)s", gunicorn_conf.access_log_format))
    assert used and used <= set(FIELDS), used - set(FIELDS)


def test_the_line_is_gunicorns_own():
    cfg = Config()
    resp = SimpleNamespace(status="200 OK", sent=12198, headers=[("Content-Type", "application/json")])
    req = SimpleNamespace(headers=[("HOST", "127.0.0.1:8080"), ("CONTENT-TYPE", "application/json")])
    environ = {"REQUEST_METHOD": "POST", "RAW_URI": "/cds-services/x?q=1", "PATH_INFO": "/cds-services/x",
               "QUERY_STRING": "q=1", "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1"}
    took = datetime.timedelta(seconds=1, microseconds=2345)
    ours, theirs = AccessLogger(cfg), Logger(cfg)
    ours.now = theirs.now = lambda: "[05/Dec/2026:00:00:00 +0000]"
    fmt = gunicorn_conf.access_log_format
    line = fmt % SafeAtoms(ours.atoms(resp, req, environ, took))
    assert line == fmt % SafeAtoms(theirs.atoms(resp, req, environ, took))
    assert '"path":"/cds-services/x"' in line and '"duration_us":1002345' in line and "q=1" not in line
