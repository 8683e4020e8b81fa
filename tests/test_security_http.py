"""HTTP hardening (issue 8, docs/security.md): security headers on every kind of answer, no stack trace
or internal path in any body, no server name or version, request size caps (body, header, request line;
with and without Content-Length) and the response size cap, in-process and on the production server."""

from __future__ import annotations

import logging
import socket
import time
import uuid

import orjson
import pytest

import fhir_builders as fb
import hostile_cases as hc
from cds_service.store.database import StoreUnavailable
from cds_service.api.security import ASSESSMENT_EXTENSION, HEADERS
from live_server import LiveServer
from reliability_helpers import LEAKS, check_flask, check_response, env_int, figures, make_app  # noqa: F401

SERVICE = hc.SERVICE
NEAR_CAP_PETS = env_int("LBCL_NEAR_CAP_PETS", 0)  # make reliability: 7,000 PETs (a body just under 5 MB)


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    app = make_app(tmp_path_factory.mktemp("sec"))

    @app.get("/boom")
    def boom():  # an unexpected failure whose message holds a path and patient data
        raise RuntimeError("/work/main/cds_service/secret.py line 12: patient Zephyrine born 1951-02-03")

    return app


@pytest.mark.parametrize("method,path,body,status", [
    ("GET", "/cds-services", None, 200), ("GET", "/healthz", None, 200), ("GET", "/readyz", None, 200),
    ("GET", "/metrics", None, 200), ("GET", "/openapi.json", None, 200), ("POST", SERVICE, b"{", 400),
    ("POST", "/cds-services/nope", b"{}", 404), ("GET", SERVICE, None, 405), ("PUT", "/cds-services", b"", 405),
    ("GET", "/nowhere/../etc/passwd", None, 404), ("POST", SERVICE, b"x" * (5 * 2**20 + 1), 413),
])
def test_every_answer_has_the_security_headers_and_no_internals(app, method, path, body, status):
    resp = app.test_client().open(path, method=method, data=body, content_type="application/json")
    assert resp.status_code == status
    check_flask(resp, where=f"{method} {path}")
    for name, value in HEADERS.items():
        assert resp.headers[name] == value
    if path.startswith("/cds-services"):
        assert resp.headers["Cache-Control"] == "no-store"


def test_an_unexpected_error_is_a_bare_500(app, caplog):
    with caplog.at_level(logging.ERROR, logger="lbcl_cds"):
        resp = app.test_client().get("/boom")
    assert resp.status_code == 500 and resp.get_json() == {"code": "CDS-500", "message": "internal error"}
    assert not LEAKS.search(resp.get_data(as_text=True)) and resp.headers["X-Content-Type-Options"] == "nosniff"
    from cds_service.logs import JsonFormatter

    line = JsonFormatter().format(caplog.records[-1])
    assert "RuntimeError" in line and "Zephyrine" not in line and "secret.py" not in line


def test_a_database_failure_names_no_driver_url_or_path(app, monkeypatch):
    def down(*args, **kwargs):
        raise StoreUnavailable("psycopg.OperationalError: connection to postgresql://u:pw@db:5432 failed")

    monkeypatch.setattr(app.extensions["lbcl_cds"].store, "record_feedback", down)
    resp = app.test_client().post(SERVICE + "/feedback", json={"feedback": [
        {"card": "c", "outcome": "overridden", "outcomeTimestamp": "2025-03-06T10:00:00Z"}]})
    assert resp.status_code == 503
    assert resp.get_json() == {"code": "CDS-503", "message": "storage temporarily unavailable"}


def test_an_oversized_response_keeps_its_cards_without_the_assessment(app):
    app.config["LBCL_CDS_MAX_RESPONSE_BYTES"] = 2000
    try:
        resp = app.test_client().post(SERVICE, json=hc.hook())
    finally:
        app.config["LBCL_CDS_MAX_RESPONSE_BYTES"] = 4 * 2**20
    cards = resp.get_json()["cards"]
    assert resp.status_code == 200 and cards and cards[0]["summary"].startswith("Interim PET after cycle 3: partial metabolic response")
    assert all(ASSESSMENT_EXTENSION not in (c.get("extension") or {}) for c in cards)
    assert all(c.get("extension") != {} for c in cards)
    assert int(resp.headers["Content-Length"]) == len(resp.get_data())


def test_the_largest_accepted_request_gives_a_response_far_under_the_cap(app, figures):  # noqa: F811
    n = NEAR_CAP_PETS or 1500
    pets = [fb.pet(f"2025-0{1 + i % 3}-{1 + i % 28:02d}", ds=1 + i % 5, uptake="reduced", new=False) for i in range(n)]
    body = orjson.dumps(hc.hook(fb.advanced_case(pets)))
    assert len(body) < 5 * 2**20
    started = time.perf_counter()
    resp = app.test_client().post(SERVICE, data=body, content_type="application/json")
    elapsed = time.perf_counter() - started
    assert resp.status_code == 200 and len(resp.get_data()) < app.config["LBCL_CDS_MAX_RESPONSE_BYTES"] / 4
    assert ASSESSMENT_EXTENSION in resp.get_json()["cards"][0]["extension"]  # not shrunk: under the cap
    figures.record("size_caps", pets=n, request_bytes=len(body), response_bytes=len(resp.get_data()),
                   seconds=round(elapsed, 2), response_cap_bytes=app.config["LBCL_CDS_MAX_RESPONSE_BYTES"])


def _raw(port: int, data: bytes, read: int = 65536) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        try:
            s.sendall(data)
        except OSError:  # the server may answer and close before the whole body is sent
            pass
        out = b""
        try:
            while chunk := s.recv(read):
                out += chunk
        except OSError:
            pass
        return out


def test_the_production_server_caps_sizes_and_names_no_software(figures):  # noqa: F811
    with LiveServer(workers=1) as srv:
        [worker] = srv.workers()
        status, headers, body = srv.request("POST", SERVICE, orjson.dumps(hc.hook()))
        check_response(status, headers, body, where="hook")
        assert status == 200 and headers["Server"] == "lbcl-cds" and headers["Cache-Control"] == "no-store"
        status, headers, body = srv.request("GET", "/healthz")
        assert headers["Server"] == "lbcl-cds" and "gunicorn" not in str(headers).lower()
        status, headers, body = srv.request("POST", SERVICE, b'{"a": "' + b"x" * (5 * 2**20) + b'"}')
        check_response(status, headers, body, where="body over the cap")
        assert status == 413
        chunked = (f"POST {SERVICE} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                   "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n").encode()
        piece = b"x" * 2**20
        for _ in range(6):
            chunked += f"{len(piece):x}\r\n".encode() + piece + b"\r\n"
        reply = _raw(srv.port, chunked + b"0\r\n\r\n")
        assert reply.startswith(b"HTTP/1.1 413"), reply[:200]
        reply = _raw(srv.port, b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 9000 + b"\r\n\r\n")
        assert reply.split(b" ", 2)[1] in (b"400", b"431"), reply[:200]
        reply = _raw(srv.port, b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
        assert reply.split(b" ", 2)[1] == b"400", reply[:200]
        many = b"".join(b"X-H%d: v\r\n" % i for i in range(120))
        reply = _raw(srv.port, b"GET /healthz HTTP/1.1\r\nHost: x\r\n" + many + b"\r\n")
        assert reply.split(b" ", 2)[1] in (b"400", b"431"), reply[:200]
        assert b"Traceback" not in reply and b"gunicorn" not in reply.lower()
        assert srv.workers() == [worker]
        hook_id = str(uuid.uuid4())
        status, _, _ = srv.request("POST", SERVICE, orjson.dumps(hc.hook(hookInstance=hook_id)))
        assert status == 200  # still serving
    figures.record("http_caps", body_cap_bytes=5 * 2**20, header_field_cap_bytes=8190, request_line_cap_bytes=8190,
                   header_count_cap=100)
