"""gunicorn's logger, computing only the fields of the access line that the line uses (issue 16).

For every request, gunicorn's `Logger.atoms` builds about seventy fields (one per request header, response
header and WSGI environ variable, each then copied and escaped) whatever the format asks for; the
service's access line (gunicorn_conf.access_log_format) uses six. The values are gunicorn's own.
tests/test_access_log.py holds the line to gunicorn's and the format to these fields.
"""

from __future__ import annotations

from gunicorn.glogging import Logger

FIELDS = ("t", "m", "U", "s", "B", "D")  # time, method, path (no query), status, bytes, duration in us


class AccessLogger(Logger):
    def atoms(self, resp, req, environ, request_time) -> dict:
        status = resp.status
        if isinstance(status, str):
            status = status.split(None, 1)[0]
        return {"t": self.now(), "m": environ.get("REQUEST_METHOD"), "U": environ.get("PATH_INFO"), "s": status,
                "B": getattr(resp, "sent", None),
                "D": (request_time.seconds * 1000000) + request_time.microseconds}
