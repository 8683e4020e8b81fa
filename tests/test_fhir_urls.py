"""What goes into FHIR URLs and what a caller learns from a failed fetch (issue 14):

- `context.patientId` (and any context value a prefetch template puts in a URL) is a FHIR id
  ([A-Za-z0-9-.]{1,64}), percent-encoded; anything else is a 400 before any fetch (no path traversal within
  the FHIR origin, no query injection);
- a failed fetch tells the caller one generic reason, so a closed, a plain-text, an HTTP and a silent port
  answer the same 412; the real reason is in the log;
- a trusted issuer may have an allowlist of fhirServer origins (`fhir_servers`); any other is a 412 before
  any fetch.
"""

from __future__ import annotations

import json
import logging
import socket
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import responses

import fake_fhir as ff
import fhir_builders as fb
import jwt_helpers as jh
from cds_service.acquisition.prefetch import FETCH_FAILED, render
from cds_service.auth.trust import load_trusted_issuers
from cds_service.errors import ConfigError, InvalidRequest
from cds_service.protocol import origin_of
from live_server import free_port
from reliability_helpers import check_flask, make_app

SERVICE = "/cds-services/lbcl-response"


def hook(patient_id: str = "p1", server: str = ff.BASE, service_hook: str = "patient-view", **context) -> dict:
    return {"hook": service_hook, "hookInstance": str(uuid.uuid4()), "fhirServer": server,
            "fhirAuthorization": ff.AUTH, "context": {"patientId": patient_id, **context}}


@pytest.fixture()
def app(tmp_path):
    return make_app(tmp_path, fetch_budget_s=2.0)


@pytest.fixture()
def fhir():
    case = fb.advanced_case([fb.pet("2025-03-05", ds=4, uptake="reduced", new=False)], pid="A-z.0-9")
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield ff.FakeFhir(case).install(rsps)


BAD_IDS = ["../Observation", "p1/../../Observation", "..", ".", "...", "p1?_count=1", "p1&_count=100000", "p1#x", "p 1",
           "p%2F1", "p1/", "/p1", "p1\n", "p1\x00", "é", "p_1", "x" * 65, "p1,p2", "Patient/p1"]


@pytest.mark.parametrize("patient_id", BAD_IDS)
def test_a_patient_id_that_is_not_a_fhir_id_is_400_before_any_fetch(app, fhir, patient_id):
    resp = app.test_client().post(SERVICE, json=hook(patient_id))
    check_flask(resp)
    assert resp.status_code == 400
    assert resp.get_json() == {"code": "CDS-400", "message": "context.patientId must be a FHIR id "
                                                             "([A-Za-z0-9-.]{1,64}, not only dots)"}
    assert fhir.requests == []


def test_the_order_hooks_refuse_it_too(app, fhir):
    body = hook("../Patient/other", service_hook="order-sign", draftOrders=fb.bundle([]))
    resp = app.test_client().post("/cds-services/lbcl-order-sign", json=body)
    assert resp.status_code == 400 and fhir.requests == []


def test_a_fhir_id_goes_into_the_urls_unchanged(app, fhir):
    resp = app.test_client().post(SERVICE, json=hook("A-z.0-9"))
    assert resp.status_code == 200
    urls = sorted(r.url.removeprefix(ff.BASE + "/") for r in fhir.requests)
    assert "Patient/A-z.0-9" in urls and "Observation?patient=A-z.0-9&_count=200" in urls
    assert all(u.split("?")[0].count("/") <= 1 for u in urls)


@pytest.mark.parametrize("token,value,expected", [
    ("patientId", "p-1.2", "Patient/p-1.2"),
    ("userId", "Practitioner/pr-1", "Practitioner/pr-1"),
    ("userId", "pr-1", "pr-1"),
])
def test_render_puts_ids_in_urls(token, value, expected):
    template = "Patient/{{context.patientId}}" if token == "patientId" else "{{context.userId}}"
    assert render(template, {token: value}) == expected


@pytest.mark.parametrize("token,value", [("userId", "Practitioner/../Patient/x"), ("userId", "Practitioner/1?x=1"),
                                         ("userId", "Practi tioner/1"), ("encounterId", "e/1"),
                                         ("encounterId", "e1&patient=other"), ("patientId", "p1%3F"),
                                         ("patientId", ".."), ("userId", "Practitioner/..")])
def test_render_refuses_what_is_not_an_id(token, value):
    with pytest.raises(InvalidRequest):
        render("Encounter?x={{context.%s}}" % token, {token: value})


# -- one reason for every port state ------------------------------------------------------------------

class _NotFound(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's name)
        self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def _listener(behaviour: str):
    """A loopback port that is closed, silent (accepts, never answers), plain (answers non-HTTP bytes),
    or an HTTP server answering 404. Returns (base URL, stop)."""
    if behaviour == "closed":
        return f"http://127.0.0.1:{free_port()}/fhir", lambda: None
    if behaviour == "http":
        server = ThreadingHTTPServer(("127.0.0.1", 0), _NotFound)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{server.server_address[1]}/fhir", lambda: (server.shutdown(), server.server_close())
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    sock.settimeout(0.2)
    done = threading.Event()
    held: list[socket.socket] = []

    def serve() -> None:
        while not done.is_set():
            try:
                conn, _ = sock.accept()
            except OSError:
                continue
            held.append(conn)
            if behaviour == "plain":
                conn.sendall(b"SSH-2.0-OpenSSH_9.2\r\n")
                conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()

    def stop() -> None:
        done.set()
        thread.join(timeout=5)
        for conn in held:
            conn.close()
        sock.close()

    return f"http://127.0.0.1:{sock.getsockname()[1]}/fhir", stop


def test_closed_plain_http_and_silent_ports_answer_the_same_412(tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="lbcl_cds")
    app = make_app(tmp_path, allow_insecure_fhir=True, fetch_budget_s=0.8, fhir_connect_timeout=0.3,
                   fhir_read_timeout=0.3)
    bodies, reasons = {}, {}
    for behaviour in ("closed", "plain", "http", "silent"):
        base, stop = _listener(behaviour)
        caplog.clear()
        try:
            started = time.monotonic()
            resp = app.test_client().post(SERVICE, json=hook(server=base))
            assert time.monotonic() - started < 2.0
        finally:
            stop()
        assert resp.status_code == 412, (behaviour, resp.get_json())
        bodies[behaviour] = resp.get_json()
        reasons[behaviour] = {r.reason for r in caplog.records if r.getMessage() == "FHIR fetch failed"}
    assert all(body == bodies["closed"] for body in bodies.values()), bodies
    assert bodies["closed"]["message"] == (f"PET results unavailable: observations: {FETCH_FAILED}; "
                                           f"diagnosticReports: {FETCH_FAILED}")
    # the log tells them apart, for the operator
    assert reasons["closed"] == {"connection failed (ConnectionError)"}
    assert reasons["http"] == {"HTTP 404"}
    assert reasons["silent"] and reasons["silent"] <= {"timeout", "acquisition budget exhausted"}
    assert reasons["plain"], reasons


# -- fhirServer allowlist per trusted issuer ----------------------------------------------------------

ALLOWED = "https://fhir.ehr.example.org"


@pytest.fixture(scope="module")
def keys():
    return jh.Keys()


def jwt_client(tmp_path, keys, **spec):
    app = jh.jwt_app(tmp_path, keys, trusted_issuers=str(jh.write_trust(tmp_path, keys, **spec)))
    return app.test_client()


def call_as_ehr(client, keys, body: dict):
    return client.post(SERVICE, json=body, headers=jh.bearer(jh.ehr_token(keys, jh.BASE + SERVICE)))


@pytest.mark.parametrize("server,seen_as", [(ALLOWED + "/r4", ALLOWED + "/r4"),
                                            (ALLOWED + ":443/r4", ALLOWED + ":443/r4"),
                                            ("HTTPS://FHIR.ehr.example.org/r4/", ALLOWED + "/r4")])
def test_an_allowed_fhir_server_is_used(tmp_path, keys, server, seen_as):
    client = jwt_client(tmp_path, keys, fhir_servers=[ALLOWED])
    case = fb.advanced_case([fb.pet("2025-03-05", ds=4, uptake="reduced", new=False)])
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        fhir = ff.FakeFhir(case, base=seen_as).install(rsps)
        resp = call_as_ehr(client, keys, hook(server=server))
    assert resp.status_code == 200 and fhir.requests


@pytest.mark.parametrize("server", ["https://evil.example.org/fhir", ALLOWED + ":8443/r4",
                                    "http://fhir.ehr.example.org/r4",
                                    "https://fhir.ehr.example.org@evil.example.org/r4",
                                    "https://fhir.ehr.example.org.evil.example.org/r4", "not a url"])
def test_another_fhir_server_is_412_before_any_fetch(tmp_path, keys, caplog, server):
    caplog.set_level(logging.INFO, logger="lbcl_cds")
    client = jwt_client(tmp_path, keys, fhir_servers=[ALLOWED])
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        resp = call_as_ehr(client, keys, hook(server=server))
        assert len(rsps.calls) == 0
    check_flask(resp)
    assert resp.status_code == 412
    body = resp.get_json()
    assert body["message"] == "fhirServer not allowed for this client" and body["unavailable"] == []
    assert body["operationOutcome"]["issue"][0]["code"] == "forbidden"
    [line] = [r for r in caplog.records if r.getMessage() == "fhirServer not allowed for the issuer"]
    assert line.iss == jh.EHR_ISS and line.origin == (origin_of(server) or "not an http(s) URL")


def test_prefetched_data_does_not_make_a_refused_server_acceptable(tmp_path, keys):
    client = jwt_client(tmp_path, keys, fhir_servers=[ALLOWED])
    body = hook(server="https://evil.example.org/fhir")
    body["prefetch"] = {"patient": fb.patient()}
    assert call_as_ehr(client, keys, body).status_code == 412


def test_without_an_allowlist_any_fhir_server_is_used(tmp_path, keys):
    client = jwt_client(tmp_path, keys)
    case = fb.advanced_case([fb.pet("2025-03-05", ds=4, uptake="reduced", new=False)])
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        fhir = ff.FakeFhir(case, base="https://anywhere.example.net/fhir").install(rsps)
        resp = call_as_ehr(client, keys, hook(server="https://anywhere.example.net/fhir"))
    assert resp.status_code == 200 and fhir.requests


@pytest.mark.parametrize("value", [[], "https://a.example.org", ["https://a.example.org/fhir"], ["ftp://a.example.org"],
                                   ["https://user@a.example.org"], ["https://a.example.org?x=1"], [""], [5]])
def test_invalid_allowlists_stop_the_start(tmp_path, keys, value):
    path = jh.write_trust(tmp_path, keys, fhir_servers=value)
    with pytest.raises(ConfigError):
        load_trusted_issuers(str(path))


def test_the_allowlist_is_kept_normalised(tmp_path, keys):
    path = jh.write_trust(tmp_path, keys, fhir_servers=["HTTPS://Fhir.EHR.example.org:443/", "http://10.0.0.5:8080"])
    trust = load_trusted_issuers(str(path))[jh.EHR_ISS]
    assert trust.fhir_servers == ("https://fhir.ehr.example.org", "http://10.0.0.5:8080")
    assert json.loads(path.read_text())[jh.EHR_ISS]["fhir_servers"]  # the file itself is left as written
