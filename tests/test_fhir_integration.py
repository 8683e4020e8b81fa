"""Integration against a real FHIR R4 server over HTTP on 127.0.0.1 (SEKMET, tests/sekmet_fixture.py,
bearer tokens enforced): the synthetic patients are loaded with `lbcl-cds load-patients` (transaction
Bundles), the hook is called with no prefetch, and the service must fetch everything itself with the
bearer token (paging through `next` links when `_count` is small) and answer exactly what
`lbcl-cds evaluate` says for the same patient's Bundle."""

from __future__ import annotations

import io
import json
import logging
import math
import uuid
from contextlib import redirect_stdout
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

import jwt_helpers as jh
from cds_service import cli
from cds_service.acquisition.prefetch import FETCH_FAILED
from cds_service.app import create_app
from cds_service.patients import catalogue
from sekmet_fixture import fhir_server  # noqa: F401 - the session fixture

KEYS = ("patient", "conditions", "observations", "medicationAdministrations", "procedures", "diagnosticReports")
SANDBOX_CLIENT = "48163c5e-88b5-4cb3-92d3-23b800caa927"  # the sandbox's own client id (its JWT `sub`)


def run_cli(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with redirect_stdout(out):
        rc = cli.main(list(args))
    return rc, out.getvalue()


@pytest.fixture(scope="module")
def loaded(fhir_server):  # noqa: F811
    rc, out = run_cli("load-patients", "--fhir-server", fhir_server.base, "--token", fhir_server.token)
    assert rc == 0
    return [line.split("\t")[0] for line in out.splitlines()]


def bundle_path(pid: str) -> str:
    return str(resources.files("cds_service").joinpath("data", "patients", f"{pid}.json"))


def cli_assessment(pid: str, as_of: str) -> dict:
    rc, out = run_cli("evaluate", bundle_path(pid), "--patient", pid, "--as-of", as_of)
    assert rc == 0
    return json.loads(out)


def make_app(tmp_path, **overrides):
    config = {"auth": "off", "host": "127.0.0.1", "allow_insecure_fhir": True, "fetch_budget_s": 15.0,
              "fhir_read_timeout": 5.0, "fhir_connect_timeout": 2.0, "sqlite_path": str(tmp_path / "s.sqlite3")}
    return create_app({**config, **overrides})


def record_fetches(app) -> list[tuple[str, str | None]]:
    """Every GET the service sends to a FHIR server: (url, Authorization header)."""
    session = app.extensions["lbcl_cds"].session
    seen: list[tuple[str, str | None]] = []
    real_get = session.get

    def get(url, *args, **kwargs):
        seen.append((url, (kwargs.get("headers") or {}).get("Authorization")))
        return real_get(url, *args, **kwargs)

    session.get = get
    return seen


def hook_body(server, pid: str, token: str | None) -> dict:
    body = {"hook": "patient-view", "hookInstance": str(uuid.uuid4()), "fhirServer": server.base,
            "context": {"patientId": pid, "userId": "Practitioner/example"}}
    if token:
        body["fhirAuthorization"] = {"access_token": token, "token_type": "Bearer", "expires_in": 300,
                                     "scope": "patient/*.read", "subject": "lbcl-cds"}
    return body


def without_uuids(node: object) -> object:
    if isinstance(node, dict):
        return {k: without_uuids(v) for k, v in node.items() if k != "uuid"}
    if isinstance(node, list):
        return [without_uuids(x) for x in node]
    return node


def served_outcomes(caplog) -> dict:
    return next(r.outcomes for r in caplog.records if r.getMessage() == "hook served")


def assert_same_as_cli(cards: list[dict], pid: str) -> dict:
    from cds_service.cards.render import render_cards

    a = cards[0]["extension"]["lbcl-cds.assessment"]
    expected = cli_assessment(pid, a["as_of"])
    assert a == expected
    assert without_uuids(cards) == without_uuids([c.dump() for c in render_cards(expected)])
    return a


def test_load_patients_loads_every_synthetic_patient(fhir_server, loaded):  # noqa: F811
    assert loaded == [p.patient_id for p in catalogue()] and len(loaded) >= 25
    for pid in loaded:
        assert fhir_server.get(f"Patient/{pid}").json()["id"] == pid
    entries = json.loads(Path(bundle_path("lbcl-x01")).read_text())["entry"]
    n_obs = sum(e["resource"]["resourceType"] == "Observation" for e in entries)
    assert fhir_server.get("Observation?patient=lbcl-x01&_summary=count").json()["total"] == n_obs
    rc, _ = run_cli("load-patients", "--fhir-server", fhir_server.base, "--token", fhir_server.token,
                    "--patient", "lbcl-x01")  # PUT: loading again leaves one copy
    assert rc == 0 and fhir_server.get("Observation?patient=lbcl-x01&_summary=count").json()["total"] == n_obs


def test_load_patients_with_a_wrong_token_fails_with_the_reason(fhir_server, capsys):  # noqa: F811
    assert cli.main(["load-patients", "--fhir-server", fhir_server.base, "--token", "wrong",
                     "--patient", "lbcl-v01"]) == 1
    err = capsys.readouterr().err
    assert "lbcl-v01: HTTP 401" in err and "wrong" not in err.replace("--token", "")


@pytest.mark.parametrize("pid", ["lbcl-v03", "lbcl-v13", "lbcl-x03", "lbcl-x04", "lbcl-x06"])
def test_the_hook_fetches_everything_with_the_bearer_token(tmp_path, fhir_server, loaded, pid, caplog):  # noqa: F811
    app = make_app(tmp_path)
    fetches = record_fetches(app)
    with caplog.at_level(logging.INFO, logger="lbcl_cds"):
        resp = app.test_client().post("/cds-services/lbcl-response",
                                      json=hook_body(fhir_server, pid, fhir_server.token))
    assert resp.status_code == 200, resp.get_json()
    assert served_outcomes(caplog) == {k: "fetched" for k in KEYS}
    assert {urlsplit(u).path.split("/fhir/")[1].split("/")[0] for u, _ in fetches} == {
        "Patient", "Condition", "Observation", "MedicationAdministration", "Procedure", "DiagnosticReport"}
    assert all(auth == f"Bearer {fhir_server.token}" for _, auth in fetches)
    a = assert_same_as_cli(resp.get_json()["cards"], pid)
    assert "DATA_UNAVAILABLE" not in a["flags"] and "unavailable_data" not in a
    stable = {"lbcl-v03": ("PMR", "end_of_treatment", "EOT_PR"), "lbcl-v13": ("PMR", "post_salvage", "LATE_RELAPSE"),
              "lbcl-x03": ("NMR", "end_of_treatment", "PPD"), "lbcl-x04": ("CMR", "interim", None),
              "lbcl-x06": ("CMR", "interim", None)}[pid]
    assert (a["latest_response"]["category"], a["latest_response"]["timepoint"]) == stable[:2]
    if stable[2]:
        assert a["labels"]["bock_group"] == stable[2]


def test_small_pages_are_all_followed(tmp_path, fhir_server, loaded, caplog):  # noqa: F811
    page = 25
    app = make_app(tmp_path, fhir_page_size=page)
    discovery = app.test_client().get("/cds-services").get_json()["services"][0]["prefetch"]
    assert discovery["observations"].endswith(f"&_count={page}")
    fetches = record_fetches(app)
    with caplog.at_level(logging.INFO, logger="lbcl_cds"):
        resp = app.test_client().post("/cds-services/lbcl-response",
                                      json=hook_body(fhir_server, "lbcl-x01", fhir_server.token))
    assert resp.status_code == 200, resp.get_json()
    assert served_outcomes(caplog) == {k: "fetched" for k in KEYS}
    total = fhir_server.get("Observation?patient=lbcl-x01&_summary=count").json()["total"]
    obs = [u for u, _ in fetches if "/Observation?" in u]
    assert len(obs) == math.ceil(total / page) > 5
    assert sorted(int(parse_qs(urlsplit(u).query).get("_offset", ["0"])[0]) for u in obs) == list(range(0, total, page))
    assert all(auth == f"Bearer {fhir_server.token}" for _, auth in fetches)
    assert_same_as_cli(resp.get_json()["cards"], "lbcl-x01")


def test_more_pages_than_the_cap_are_reported_unavailable(tmp_path, fhir_server, loaded, caplog):  # noqa: F811
    app = make_app(tmp_path, fhir_page_size=5, fhir_page_cap=3)
    resp = app.test_client().post("/cds-services/lbcl-response",
                                  json=hook_body(fhir_server, "lbcl-x01", fhir_server.token))
    assert resp.status_code == 200
    a = resp.get_json()["cards"][0]["extension"]["lbcl-cds.assessment"]
    assert a["unavailable_data"]["observations"] == FETCH_FAILED  # the caller never learns why
    assert {r.key: r.reason for r in caplog.records if r.getMessage() == "FHIR fetch failed"}["observations"] \
        == "more than 3 pages"


def test_a_wrong_token_makes_the_data_unavailable(tmp_path, fhir_server, loaded, caplog):  # noqa: F811
    app = make_app(tmp_path)
    fetches = record_fetches(app)
    resp = app.test_client().post("/cds-services/lbcl-response",
                                  json=hook_body(fhir_server, "lbcl-v03", "not-the-token"))
    assert resp.status_code == 412
    body = resp.get_json()
    assert body["operationOutcome"]["resourceType"] == "OperationOutcome" and "HTTP 401" not in body["message"]
    assert "HTTP 401" in {r.reason for r in caplog.records if r.getMessage() == "FHIR fetch failed"}
    assert fetches and all(auth == "Bearer not-the-token" for _, auth in fetches)


def test_a_sandbox_shaped_call_against_a_secured_server(tmp_path, fhir_server, loaded):  # noqa: F811
    """The sandbox launched against a secured R4 server: ES384 JWT signed with its published key, CORS
    origin, `fhirAuthorization` with its scopes, prefetch filled by the sandbox itself with the discovery
    templates (one searchset carrying the server's OperationOutcome entry), one failed key omitted (as the
    sandbox does), which the service fetches with the token."""
    app = make_app(tmp_path, auth="jwt", public_base_url=jh.BASE, trust_sandbox=True,
                   cors_origins=("https://sandbox.cds-hooks.org",))
    c = app.test_client()
    origin = {"Origin": "https://sandbox.cds-hooks.org"}
    discovery = c.get("/cds-services", headers={**origin, **jh.bearer(jh.sandbox_token(jh.BASE + "/cds-services"))})
    service = next(s for s in discovery.get_json()["services"] if s["id"] == "lbcl-response")
    pid = "lbcl-v13"
    prefetch = {k: fhir_server.get(t.replace("{{context.patientId}}", pid)).json()
                for k, t in service["prefetch"].items() if k != "procedures"}
    # a real server's warning for an unknown search parameter: an OperationOutcome entry in the searchset
    prefetch["conditions"] = fhir_server.get(f"Condition?patient={pid}&x-unknown=1").json()
    assert {e["search"]["mode"] for e in prefetch["conditions"]["entry"]} == {"match", "outcome"}
    body = {"hookInstance": str(uuid.uuid4()), "fhirServer": fhir_server.base, "hook": "patient-view",
            "fhirAuthorization": {"access_token": fhir_server.token, "token_type": "Bearer", "expires_in": 3600,
                                  "scope": "patient/*.* user/*.* launch openid profile online_access",
                                  "subject": SANDBOX_CLIENT},
            "context": {"userId": "Practitioner/COREPRACTITIONER1", "patientId": pid}, "prefetch": prefetch}
    fetches = record_fetches(app)
    url = jh.BASE + "/cds-services/lbcl-response"
    resp = c.post("/cds-services/lbcl-response", json=body, headers={**origin, **jh.bearer(jh.sandbox_token(url))})
    assert resp.status_code == 200, resp.get_json()
    assert resp.headers["Access-Control-Allow-Origin"] == "https://sandbox.cds-hooks.org"
    assert [urlsplit(u).path.rsplit("/", 1)[-1] for u, _ in fetches] == ["Procedure"]
    assert fetches[0][1] == f"Bearer {fhir_server.token}"
    assert_same_as_cli(resp.get_json()["cards"], pid)
