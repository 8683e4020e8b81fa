"""JSON log lines for operators: ids, counts, durations; never PHI, tokens or JWTs (style.md 7).
Field values are cut and stripped (`redact.clean`) and every handler carries `redact.RedactingFilter`."""

from __future__ import annotations

import json
import logging
import sys

from .redact import RedactingFilter, clean

_SAFE_EXTRAS = ("hook_instance", "service", "status", "duration_ms", "cards", "outcomes", "resource_type",
                "error", "resources", "skipped", "path", "method", "iss", "jti", "reason", "count", "key", "origin")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        out = {"ts": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"), "level": record.levelname,
               "logger": record.name, "msg": record.getMessage()}
        for key in _SAFE_EXTRAS:
            if hasattr(record, key):
                out[key] = clean(getattr(record, key))
        if record.exc_info and record.exc_info[0]:
            out["exception"] = record.exc_info[0].__name__  # the class only: messages may carry data
        return json.dumps(out, default=str)


def setup_logging(level: str = "INFO") -> None:
    root = logging.getLogger("lbcl_cds")
    if not any(isinstance(h.formatter, JsonFormatter) for h in root.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(JsonFormatter())
        handler.addFilter(RedactingFilter())
        root.addHandler(handler)
    root.setLevel(level)
    root.propagate = True
