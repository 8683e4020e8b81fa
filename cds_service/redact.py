"""Redaction at the log handlers (issue 14, docs/security.md "Patient data, tokens or JWTs in logs").

Every handler the service and gunicorn log through carries `RedactingFilter` (logs.setup_logging,
gunicorn_conf.logconfig_dict), so whatever a library puts in a message - at any level, DEBUG included -
is scrubbed before it is written:

- raw request data: a bytes repr (`b'POST /x HTTP/1.1\\r\\nAuthorization: ...'`, as gunicorn's "premature
  client disconnection" line logs the request head), a request line (`GET /x HTTP/1.1` and what follows),
  anything after a CR/LF (a head's header lines);
- credentials: `Authorization: <anything>`, `Bearer <token>`, JWT-shaped strings (`eyJ...` parts);
- control characters (a message is one line).

And every free string a log record carries as a field (`hook_instance`, `jti`, `iss`, `path`, outcome
keys, ...) is cut to `MAX_FIELD_CHARS` printable characters (`clean`), so a client cannot put a megabyte
or a forged log line into the log.
"""

from __future__ import annotations

import logging
import re

MAX_FIELD_CHARS = 64
MAX_MESSAGE_CHARS = 1000
MAX_ITEMS = 50
REDACTED = "[redacted]"

_BYTES_REPR = re.compile(r"""(?<![\w/])b(['"]).*""", re.DOTALL)  # a bytes repr and all after it: raw data
_REQUEST_LINE = re.compile(r"\b(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|TRACE|CONNECT)\s+\S+\s+HTTP/\d.*",
                           re.DOTALL | re.IGNORECASE)
_LINE_BREAK = re.compile(r"(?:\r|\n|\\r|\\n).*", re.DOTALL)  # real or escaped: the rest is a head's lines
_TOKEN = r"[A-Za-z0-9._~+/=\-]+"  # token characters (never a quote or comma: a JSON line stays JSON)
_AUTHORIZATION = re.compile(r"(?i)(authorization)\s*[:=]\s*(?:[A-Za-z]+[ \t]+)?" + _TOKEN)
_BEARER = re.compile(r"(?i)\b(bearer)\s+" + _TOKEN)
_JWT = re.compile(r"eyJ[A-Za-z0-9_\-]*(?:\.[A-Za-z0-9_\-]*){0,2}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_UNPRINTABLE = re.compile(r"[^\x20-\x7e]")


def scrub(text: str, credentials_only: bool = False) -> str:
    """A log message with request data, credentials and control characters removed (`credentials_only`:
    for gunicorn's access lines, JSON whose only client-sent part is the path)."""
    if not credentials_only:
        text = _BYTES_REPR.sub(REDACTED, text)
        text = _REQUEST_LINE.sub(REDACTED, text)
        text = _LINE_BREAK.sub(" " + REDACTED, text)
    text = _AUTHORIZATION.sub(r"\1: " + REDACTED, text)
    text = _BEARER.sub(r"\1 " + REDACTED, text)
    text = _JWT.sub(REDACTED, text)
    text = _CONTROL.sub("?", text)
    return text if len(text) <= MAX_MESSAGE_CHARS else text[:MAX_MESSAGE_CHARS] + "...[cut]"


def clean(value: object, depth: int = 0) -> object:
    """A log field: strings cut to MAX_FIELD_CHARS printable ASCII characters (no JWT), containers cut
    to MAX_ITEMS and 3 levels; numbers, booleans and None as they are."""
    if isinstance(value, str):
        text = _JWT.sub(REDACTED, _UNPRINTABLE.sub("?", value[: MAX_FIELD_CHARS * 2]))
        return text if len(text) <= MAX_FIELD_CHARS else text[:MAX_FIELD_CHARS] + "..."
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if depth >= 3:
        return "..."
    if isinstance(value, dict):
        return {clean(str(k), depth + 1): clean(v, depth + 1) for k, v in list(value.items())[:MAX_ITEMS]}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [clean(v, depth + 1) for v in list(value)[:MAX_ITEMS]]
    return clean(str(value), depth)


class RedactingFilter(logging.Filter):
    """For every handler: the record's message is formatted once and scrubbed (its arguments dropped)."""

    def __init__(self, credentials_only: bool = False):
        super().__init__()
        self.credentials_only = credentials_only

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string from a library: keep the template only
            message = str(record.msg)
        record.msg, record.args = scrub(message, self.credentials_only), ()
        return True
