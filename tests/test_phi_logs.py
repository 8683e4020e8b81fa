"""No patient data, access token or JWT in any log line (issue 8, "Secrets and privacy").

Every vignette is sent with a patient name, identifier values and a birth date (made distinctive), with
client JWTs (accepted and rejected ones) and a FHIR access token, together with feedback whose comment
names the patient, hostile requests carrying the same data, and every FHIR fault of the matrix (whose
OperationOutcome and error pages name the patient too). Scanned:
- in-process: every log record, as the production JSON formatter writes it, and its message;
- the production server (gunicorn, DEBUG level): every line of its stdout and stderr, after the same
  calls plus requests its HTTP parser rejects (a header line without a name, a bad request line).
"""

from __future__ import annotations

import json
import logging
import socket
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import responses

import fake_fhir as ff
import jwt_helpers as jh
from cds_service.logs import JsonFormatter
from fhir_fault_kinds import faults
from live_server import LiveServer
from reliability_helpers import figures  # noqa: F401 (fixture)

VIGNETTES = Path(__file__).parent / "vignettes"
EXPECTED = json.loads((VIGNETTES / "expected.json").read_text())
KEYS = {"Condition": "conditions", "Observation": "observations", "MedicationAdministration":
        "medicationAdministrations", "Procedure": "procedures", "DiagnosticReport": "diagnosticReports"}
SERVICE = "/cds-services/lbcl-response"


def patients() -> list[tuple[str, list[dict], list[str]]]:
    """(patient id, resources with PHI added, the PHI strings) for every vignette."""
    out = []
    for n, (vid, case) in enumerate(sorted((k, v) for k, v in EXPECTED.items() if "bundle" in v)):
        bundle = json.loads((VIGNETTES / case["bundle"]).read_text())
        res = [e["resource"] for e in bundle["entry"]]
        pat = next(r for r in res if r["resourceType"] == "Patient")
        given, family, mrn = f"Zephyrine{n:02d}x", f"Quillfeather{n:02d}q", f"MRN-ZQ{n:04d}-7731"
        pat["name"] = [{"use": "official", "family": family, "given": [given, f"Odalys{n:02d}m"]}]
        pat["identifier"] = [{"system": "urn:oid:2.16.840.1.113883.4.1", "value": f"SSN-{n:03d}-44-9120"},
                             {"system": "urn:example:mrn", "value": mrn}]
        pat["telecom"] = [{"system": "phone", "value": f"+1-555-01{n:02d}-7788"}]
        pat.setdefault("birthDate", f"1951-0{1 + n % 9}-1{n % 10}")
        phi = [given, family, f"Odalys{n:02d}m", mrn, f"SSN-{n:03d}-44-9120", pat["birthDate"],
               f"+1-555-01{n:02d}-7788"]
        out.append((pat["id"], res, phi))
    return out


def hook_body(pid: str, res: list[dict], server: str | None = None, token: str | None = None,
              prefetch: bool = True) -> dict:
    body = {"hook": "patient-view", "hookInstance": str(uuid.uuid4()),
            "context": {"patientId": pid, "userId": "Practitioner/1"}}
    if prefetch:
        pf: dict = {k: ff.searchset([]) for k in KEYS.values()}
        for r in res:
            if r["resourceType"] == "Patient":
                pf["patient"] = r
            elif r["resourceType"] in KEYS:
                pf[KEYS[r["resourceType"]]]["entry"].append({"resource": r})
        body["prefetch"] = pf
    if server:
        body["fhirServer"] = server
        body["fhirAuthorization"] = {"access_token": token, "token_type": "Bearer", "expires_in": 300}
    return body


def hostile(pid: str, phi: list[str]) -> list[dict]:
    """Invalid requests whose values are patient data (a validation message must not log them)."""
    return [{"hook": phi[0], "hookInstance": "x", "context": {"patientId": pid}},
            {"hook": "patient-view", "hookInstance": phi[1], "context": {"patientId": [phi[3]]}},
            {"hook": "patient-view", "hookInstance": "x", "context": {"patientId": pid},
             "prefetch": {"patient": phi[5]}}]


def feedback(phi: list[str]) -> dict:
    return {"feedback": [{"card": str(uuid.uuid4()), "outcome": "overridden",
                          "outcomeTimestamp": "2025-03-06T10:00:00Z",
                          "overrideReason": {"reason": {"code": "x"}, "userComment": f"{phi[0]} {phi[1]} declined"}}]}


def leaks(text: str, secrets: list[str]) -> list[str]:
    return [s for s in secrets if s and s in text]


def jwt_parts(token: str) -> list[str]:
    return [token, *token.split(".")[1:]]  # the whole JWT, its claims and its signature


@pytest.fixture(scope="module")
def keys():
    return jh.Keys()


def test_no_phi_token_or_jwt_in_any_log_record(tmp_path, keys, caplog, figures):  # noqa: F811
    app = jh.jwt_app(tmp_path, keys, allow_insecure_fhir=False, fetch_budget_s=0.4)
    client = app.test_client()
    secrets: list[str] = [ff.TOKEN]
    calls = 0
    with caplog.at_level(logging.DEBUG):
        for pid, res, phi in patients():
            secrets += phi
            for path, body in [(SERVICE, hook_body(pid, res, ff.BASE, ff.TOKEN)),
                               (SERVICE + "/feedback", feedback(phi))]:
                token = jh.ehr_token(keys, jh.BASE + path)
                secrets += jwt_parts(token)
                assert client.post(path, json=body, headers=jh.bearer(token)).status_code == 200
                replay = client.post(path, json=body, headers=jh.bearer(token))  # a replayed jti: 401
                assert replay.status_code == 401
                calls += 2
            for body in hostile(pid, phi):
                token = jh.ehr_token(keys, jh.BASE + SERVICE)
                secrets += jwt_parts(token)
                assert client.post(SERVICE, json=body, headers=jh.bearer(token)).status_code == 400
                calls += 1
            bad = jh.sign(jh.claims(jh.BASE + SERVICE, sub=phi[0]), keys.other_ec, alg="ES384", kid="ec-1")
            secrets += jwt_parts(bad)
            assert client.post(SERVICE, json=hook_body(pid, res), headers=jh.bearer(bad)).status_code == 401
            calls += 1
        pid, res, phi = patients()[0]
        for name, reply in faults(0.4).items():  # every FHIR fault, the data fetched (not prefetched)
            with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
                fhir = ff.FakeFhir(res).install(rsps)
                fhir.set("Observation", reply())
                fhir.set("Condition", (500, {}, f"<html>error for {phi[0]} {phi[1]} born {phi[5]}</html>"))
                token = jh.ehr_token(keys, jh.BASE + SERVICE)
                secrets += jwt_parts(token)
                resp = client.post(SERVICE, json=hook_body(pid, res, ff.BASE, ff.TOKEN, prefetch=False),
                                   headers=jh.bearer(token))
                assert resp.status_code in (200, 412), name
                calls += 1
    formatter = JsonFormatter()
    lines = [formatter.format(r) for r in caplog.records] + [r.getMessage() for r in caplog.records]
    found = {s for line in lines for s in leaks(line, secrets)}
    assert not found, f"in the logs: {sorted(found)[:5]}"
    messages = [r.getMessage() for r in caplog.records]  # the scan saw the service's own lines
    assert messages.count("hook served") >= len(patients()) and "rejected client token" in messages
    figures.record("phi_logs_in_process", calls=calls, log_records=len(caplog.records), lines_scanned=len(lines),
                   secrets=len(set(secrets)))


class _Fhir(BaseHTTPRequestHandler):
    """A FHIR server on 127.0.0.1 for the gunicorn run: the patient's data, and faults that name the
    patient (an OperationOutcome with diagnostics, an HTML error page)."""

    protocol_version = "HTTP/1.1"
    resources: list[dict] = []
    phi: list[str] = []

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        rtype = self.path.split("/fhir/", 1)[-1].split("?", 1)[0].split("/", 1)[0]
        if rtype == "Observation":
            status, body = 500, json.dumps({"resourceType": "OperationOutcome", "issue": [
                {"severity": "error", "code": "exception",
                 "diagnostics": f"no record for {self.phi[0]} {self.phi[3]}"}]})
        elif rtype == "Condition":
            status, body = 503, f"<html>{self.phi[1]} {self.phi[5]}</html>"
        elif rtype == "Patient":
            status, body = 200, json.dumps(next(r for r in self.resources if r["resourceType"] == "Patient"))
        else:
            status, body = 200, json.dumps(ff.searchset([r for r in self.resources if r["resourceType"] == rtype]))
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/fhir+json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def _raw(port: int, data: bytes) -> None:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.sendall(data)
        try:
            s.recv(4096)
        except OSError:
            pass


def test_no_phi_token_or_jwt_in_the_production_servers_output(tmp_path, keys, figures):  # noqa: F811
    trust = jh.write_trust(tmp_path, keys)
    env = {"LBCL_CDS_AUTH": "jwt", "LBCL_CDS_TRUSTED_ISSUERS": str(trust), "LBCL_CDS_PUBLIC_BASE_URL": jh.BASE,
           "LBCL_CDS_LOG_LEVEL": "DEBUG", "LBCL_CDS_ALLOW_INSECURE_FHIR": "1", "LBCL_CDS_FETCH_BUDGET_S": "1.0"}
    everyone = patients()
    _Fhir.resources, _Fhir.phi = everyone[0][1], everyone[0][2]
    fhir = ThreadingHTTPServer(("127.0.0.1", 0), _Fhir)
    threading.Thread(target=fhir.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    fhir_base = f"http://127.0.0.1:{fhir.server_address[1]}/fhir"
    secrets: list[str] = [ff.TOKEN]
    try:
        with LiveServer(workers=1, env=env) as srv:
            for pid, res, phi in everyone:
                secrets += phi
                token = jh.ehr_token(keys, jh.BASE + SERVICE)
                secrets += jwt_parts(token)
                status, _, _ = srv.request("POST", SERVICE, json.dumps(hook_body(pid, res)).encode(),
                                           jh.bearer(token))
                assert status == 200
                status, _, _ = srv.request("POST", SERVICE, json.dumps(hook_body(pid, res)).encode(),
                                           jh.bearer(token))  # replayed
                assert status == 401
                for body in hostile(pid, phi):
                    t = jh.ehr_token(keys, jh.BASE + SERVICE)
                    secrets += jwt_parts(t)
                    assert srv.request("POST", SERVICE, json.dumps(body).encode(), jh.bearer(t))[0] == 400
            pid, res, phi = everyone[0]
            token = jh.ehr_token(keys, jh.BASE + SERVICE)
            secrets += jwt_parts(token)
            status, _, _ = srv.request("POST", SERVICE, json.dumps(
                hook_body(pid, res, fhir_base, ff.TOKEN, prefetch=False)).encode(), jh.bearer(token))
            assert status == 200  # Observation and Condition failed, named on a card
            _raw(srv.port, f"POST {SERVICE} HTTP/1.1\r\nHost: x\r\nBearer {token}\r\n\r\n".encode())
            _raw(srv.port, f"GET /cds-services?name={phi[0]}&dob={phi[5]} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
            _raw(srv.port, f"GET /x?{phi[1]} {phi[3]} HTTP/1.1 extra\r\n\r\n".encode())
            _raw(srv.port, f"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Patient: {phi[0]}\x01\r\n\r\n".encode())
            output = srv.logs()
    finally:
        fhir.shutdown()
        fhir.server_close()
    lines = output.splitlines()
    found = {s for line in lines for s in leaks(line, secrets)}
    assert not found, f"in the server's output: {sorted(found)[:5]}"
    assert sum('"hook served"' in ln for ln in lines) >= len(everyone)
    assert any("Invalid request" in ln for ln in lines), "the parser rejections were not logged at all"
    figures.record("phi_logs_gunicorn", lines_scanned=len(lines), secrets=len(set(secrets)))
