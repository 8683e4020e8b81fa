"""No request head, token or JWT in any log line at any level, DEBUG included (issue 14; cds_service/redact.py).

gunicorn at DEBUG logs a client that disconnects mid-request with the raw request head ("Ignored premature
client disconnection. No more data after: b'POST ... Authorization: Bearer eyJ...'"): a replayable JWT.
The production server runs here at LBCL_CDS_LOG_LEVEL=DEBUG in JWT mode, and is sent every request that
makes gunicorn or the service log something about a request carrying a bearer JWT: disconnections
mid-head, a rejected header, a forged and a replayed token, a token in the path and in the query
string, a body that times out, a hook call whose hookInstance is a megabyte of text with control
characters and a JWT. Every line of its output is scanned."""

from __future__ import annotations

import json
import logging
import re
import socket
import time
from pathlib import Path

import pytest

import jwt_helpers as jh
from cds_service.logs import JsonFormatter
from cds_service.redact import MAX_FIELD_CHARS, RedactingFilter, clean, scrub
from live_server import LiveServer
from reliability_helpers import figures  # noqa: F401 (fixture)

SERVICE = "/cds-services/lbcl-response"
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "patient-view-request.json"


def _send(port: int, data: bytes, wait: float = 1.0, close_early: bool = False) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.sendall(data)
        if close_early:
            s.shutdown(socket.SHUT_WR)  # the request ends here: the server sees the client go
        s.settimeout(wait)
        out = b""
        try:
            while chunk := s.recv(65536):
                out += chunk
        except OSError:
            pass
        return out


@pytest.mark.parametrize("text", [
    "Ignored premature client disconnection. No more data after: b'POST /x HTTP/1.1\\r\\nAuthorization: Bearer {t}'",
    "Authorization: Bearer {t}", "authorization={t}", "bearer {t}", "token {t} in a message",
    "POST /cds-services/x HTTP/1.1\r\nAuthorization: Bearer {t}\r\n", "GET /x?name={t} HTTP/1.1",
    "first line\nAuthorization: Basic {t}",
])
def test_scrub_removes_heads_tokens_and_jwts(text):
    token = "eyJhbGciOiJSUzM4NCJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"
    out = scrub(text.format(t=token))
    assert "eyJ" not in out and "c2lnbmF0dXJl" not in out and "\n" not in out and "\r" not in out
    assert "[redacted]" in out


def test_scrub_keeps_access_lines_json():
    line = '{"method":"GET","path":"/cds-services/eyJhbGciOi.eyJzdWIi.sig","status":404,"bytes":1}'
    out = scrub(line, credentials_only=True)
    assert json.loads(out)["path"] == "/cds-services/[redacted]"
    assert scrub('{"path":"/a/b","status":200}', credentials_only=True) == '{"path":"/a/b","status":200}'


def test_clean_caps_and_strips_free_strings():
    value = clean("x\x00\n\u2028" + "y" * 10_000)
    assert len(value) <= MAX_FIELD_CHARS + 3 and value.isprintable() and value.isascii()
    nested = clean({"k\r\n" * 100: ["eyJhbGciOi.eyJ.sig"] * 500, "n": 3})
    assert all(len(k) <= MAX_FIELD_CHARS + 3 and k.isprintable() for k in nested)
    assert len(next(v for v in nested.values() if isinstance(v, list))) == 50 and "eyJ" not in str(nested)
    assert nested.get("n") == 3


def test_the_handler_filter_and_formatter_scrub_a_record():
    record = logging.LogRecord("gunicorn.error", logging.DEBUG, __file__, 1, "Ignored premature client "
                               "disconnection. %s", ("No more data after: b'GET / HTTP/1.1\\r\\nAuthorization: "
                                                     "Bearer eyJa.eyJb.c'",), None)
    record.hook_instance = "a" * 1000 + "\n"
    assert RedactingFilter().filter(record)
    line = JsonFormatter().format(record)
    assert "eyJ" not in line and "Bearer eyJ" not in line
    assert len(json.loads(line)["hook_instance"]) <= MAX_FIELD_CHARS + 3


def test_no_head_token_or_jwt_in_the_servers_debug_output(tmp_path, figures):  # noqa: F811
    keys = jh.Keys()
    trust = jh.write_trust(tmp_path, keys)
    env = {"LBCL_CDS_AUTH": "jwt", "LBCL_CDS_TRUSTED_ISSUERS": str(trust), "LBCL_CDS_PUBLIC_BASE_URL": jh.BASE,
           "LBCL_CDS_LOG_LEVEL": "DEBUG", "LBCL_CDS_BODY_TIMEOUT_S": "1", "LBCL_CDS_HEADER_TIMEOUT_S": "2"}
    body = json.loads(EXAMPLE.read_text())
    tokens: list[str] = []

    def token(path: str = SERVICE) -> str:
        t = jh.ehr_token(keys, jh.BASE + path)
        tokens.append(t)
        return t

    with LiveServer(workers=1, env=env) as srv:
        port = srv.port
        # 1. gunicorn's "premature client disconnection": a head the parser cannot finish (LF line ends),
        #    then the client goes away; also a CRLF head cut in the middle.
        _send(port, f"POST {SERVICE} HTTP/1.1\nHost: x\nAuthorization: Bearer {token()}\n\n".encode(), close_early=True)
        _send(port, f"GET /cds-services HTTP/1.1\r\nAuthorization: Bearer {token()}\r\n".encode(), close_early=True)
        # 2. a header gunicorn rejects, with the token in it
        _send(port, f"GET /cds-services HTTP/1.1\r\nHost: x\r\nBearer {token()}\r\n\r\n".encode())
        # 3. the hook with a valid token and a hookInstance of 1 MB with control characters and a JWT
        t = token()
        hostile = dict(body, hookInstance=f"start\n{{\"level\": \"ERROR\"}}\x1b[31m{t}" + "z" * 1_000_000)
        status, _, _ = srv.request("POST", SERVICE, json.dumps(hostile).encode(), jh.bearer(t), timeout=30)
        assert status == 200
        # 4. the same token replayed, a forged one, a token in the path and in the query string
        assert srv.request("POST", SERVICE, json.dumps(body).encode(), jh.bearer(t))[0] == 401
        forged = jh.sign(jh.claims(jh.BASE + SERVICE), keys.other_ec, alg="ES384", kid="ec-1")
        tokens.append(forged)
        assert srv.request("POST", SERVICE, json.dumps(body).encode(), jh.bearer(forged))[0] == 401
        assert srv.request("GET", f"/cds-services/{token()}", headers=jh.bearer(token()))[0] in (401, 404, 405)
        assert srv.request("GET", f"/cds-services?access_token={token()}")[0] == 401
        # 5. a body that never completes (408 at LBCL_CDS_BODY_TIMEOUT_S), and a client that leaves mid-body
        head = (f"POST {SERVICE} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token()}\r\n"
                f"Content-Type: application/json\r\nContent-Length: 5000\r\n\r\n{{\"hook\"").encode()
        assert _send(port, head, wait=3.0).startswith(b"HTTP/1.1 408 ")
        _send(port, head.replace(tokens[-1].encode(), token().encode()), wait=0.3, close_early=True)
        time.sleep(2.5)  # the header timeout passes for anything left
        output = srv.logs()
    lines = [ln for ln in output.splitlines() if ln.strip()]
    assert any("premature client disconnection" in ln for ln in lines), "the DEBUG path was not reached"
    assert any('"hook served"' in ln for ln in lines) and any("rejected client token" in ln for ln in lines)
    parts = {p for t in tokens for p in (t, *t.split("."))}
    found = [ln for ln in lines if any(p in ln for p in parts)]
    assert not found, found[:3]
    for ln in lines:
        assert "eyJ" not in ln and not re.search(r"(?i)bearer\s+[A-Za-z0-9._~+/=-]{12,}", ln), ln
        assert "\\r\\n" not in ln and "HTTP/1.1\\" not in ln and "b'" not in ln, ln
        assert isinstance(json.loads(ln), dict), ln
    served = next(json.loads(ln) for ln in lines if '"hook served"' in ln)
    assert len(served["hook_instance"]) <= MAX_FIELD_CHARS + 3 and served["hook_instance"].isprintable()
    assert len(max(lines, key=len)) < 4000
    figures.record("log_redaction", lines_scanned=len(lines), tokens=len(tokens), provocations=10,
                   premature_lines=sum("premature client disconnection" in ln for ln in lines))
