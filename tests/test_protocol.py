"""CDS Hooks 2.0 protocol behaviour of the HTTP layer: discovery, every status code, card invariants."""

import json
import uuid

import pytest

import fhir_builders as fb
from cds_service.app import create_app
from cds_service.errors import ConfigError

SERVICE = "/cds-services/lbcl-response"


def hook_request(resources: list[dict] | None = None, **extra) -> dict:
    body = {"hook": "patient-view", "hookInstance": str(uuid.uuid4()),
            "context": {"patientId": "p1", "userId": "Practitioner/1"}}
    if resources is not None:
        body["prefetch"] = {"patient": resources[0], "observations": fb.bundle(resources[1:], "searchset"),
                            "medicationAdministrations": None, "conditions": None, "procedures": None,
                            "diagnosticReports": None}
    body.update(extra)
    return body


def test_discovery_lists_lbcl_response_with_2_0_prefetch(client):
    resp = client.get("/cds-services")
    assert resp.status_code == 200
    services = {s["id"]: s for s in resp.get_json()["services"]}
    svc = services["lbcl-response"]
    assert svc["hook"] == "patient-view" and svc["description"] and svc["title"]
    assert set(svc["prefetch"]) >= {"patient", "conditions", "observations", "medicationAdministrations",
                                    "procedures", "diagnosticReports"}
    for template in svc["prefetch"].values():
        assert "{{context.patientId}}" in template
        assert "{{Patient.id}}" not in template


def test_discovery_is_rendered_from_the_registry(app, client):
    assert client.get("/cds-services").get_json() == app.extensions["lbcl_cds"].registry.discovery


def test_malformed_json_is_400(client):
    resp = client.post(SERVICE, data="{not json", content_type="application/json")
    assert resp.status_code == 400
    assert "malformed JSON" in resp.get_json()["message"]


@pytest.mark.parametrize("field", ["hook", "hookInstance", "context"])
def test_missing_required_field_is_400(client, field):
    body = hook_request([fb.patient()])
    del body[field]
    resp = client.post(SERVICE, json=body)
    assert resp.status_code == 400
    assert field in resp.get_json()["message"]


def test_wrong_hook_for_service_is_400(client):
    resp = client.post(SERVICE, json=hook_request([fb.patient()], hook="order-sign"))
    assert resp.status_code == 400


def test_missing_patient_id_is_400(client):
    body = hook_request([fb.patient()])
    body["context"] = {"userId": "Practitioner/1"}
    assert client.post(SERVICE, json=body).status_code == 400


def test_unknown_service_is_404(client):
    resp = client.post("/cds-services/nope", json=hook_request([fb.patient()]))
    assert resp.status_code == 404
    assert resp.get_json()["code"] == "CDS-404"


def test_non_json_content_type_is_415(client):
    resp = client.post(SERVICE, data=json.dumps(hook_request([fb.patient()])), content_type="text/plain")
    assert resp.status_code == 415


def test_body_over_limit_is_413():
    small = create_app({"auth": "off", "max_body_bytes": 2000})
    body = hook_request([fb.patient()] + [fb.ecog(1, "2025-01-01") for _ in range(40)])
    resp = small.test_client().post(SERVICE, json=body)
    assert resp.status_code == 413
    assert resp.get_json()["code"] == "CDS-413"


def test_no_prefetch_and_no_fhir_server_is_412(client):
    resp = client.post(SERVICE, json=hook_request())
    assert resp.status_code == 412
    body = resp.get_json()
    assert body["operationOutcome"]["resourceType"] == "OperationOutcome"
    assert set(body["unavailable"]) == {"observations", "diagnosticReports"}


def test_plain_http_fhir_server_is_refused_without_dev_setting(client):
    body = hook_request(fhirServer="http://ehr.example.org/fhir",
                        fhirAuthorization={"access_token": "secret-token", "token_type": "Bearer",
                                           "expires_in": 300, "scope": "patient/*.read", "subject": "cds"})
    resp = client.post(SERVICE, json=body)
    assert resp.status_code == 412
    assert "refused" in resp.get_json()["message"]
    assert "secret-token" not in resp.get_data(as_text=True)


def test_fhir_authorization_without_server_is_400(client):
    body = hook_request([fb.patient()], fhirAuthorization={"access_token": "t", "token_type": "Bearer"})
    assert client.post(SERVICE, json=body).status_code == 400


def test_prefetched_pet_and_rchop_give_a_card_with_the_assessment(client):
    resources = fb.advanced_case([fb.pet("2025-03-05", ds=4, uptake="reduced", new=False)])
    resp = client.post(SERVICE, json=hook_request(resources))
    assert resp.status_code == 200
    cards = resp.get_json()["cards"]
    assert cards
    first = cards[0]
    assert "partial metabolic response" in first["summary"] and "Interim" in first["summary"]
    assert len(first["summary"]) < 140
    assessment = first["extension"]["lbcl-cds.assessment"]
    assert assessment["schema"] == "lbcl-cds.assessment/1"
    assert assessment["patient_id"] == "p1"
    lr = assessment["latest_response"]
    assert (lr["category"], lr["timepoint"], lr["cycles_before"], lr["rule"], lr["modality"]) == \
        ("PMR", "interim", 3, "P7", "PET")
    for key in ("as_of", "flags", "missing", "evidence", "recommendations", "labels", "pathway", "scores"):
        assert key in assessment
    assert any(e["fact"] == "ipet3" for e in assessment["evidence"])
    assert "NA1" in first["detail"] and "Lugano 2014" in first["detail"]


def test_cards_carry_uuid_and_no_empty_values(client):
    resources = fb.advanced_case([fb.pet("2025-03-05", ds=4, uptake="unchanged", new=False)])
    cards = client.post(SERVICE, json=hook_request(resources)).get_json()["cards"]

    def walk(value, path="card"):
        assert value is not None and value != "" and value != [] and value != {}, path
        if isinstance(value, dict):
            for k, v in value.items():
                if path.endswith("lbcl-cds.assessment") or "lbcl-cds.assessment" in path:
                    continue
                walk(v, f"{path}.{k}")
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, f"{path}[{i}]")

    for card in cards:
        uuid.UUID(card["uuid"])
        assert card["indicator"] in ("info", "warning", "critical")
        if "suggestions" in card:
            assert card["selectionBehavior"] in ("at-most-one", "any")
            for s in card["suggestions"]:
                uuid.UUID(s["uuid"])
                assert s["actions"][0]["resource"]["status"] == "draft"
        for o in card.get("overrideReasons", []):
            assert o["display"]
        walk({k: v for k, v in card.items() if k != "extension"})


def test_a_bad_resource_in_prefetch_is_skipped_not_fatal(client):
    bad = fb.pet("2025-03-01", ds=5, uptake="increased")
    bad["effectiveDateTime"] = "2025-02-30"  # impossible date: fails R4B validation
    bad["unknownElement"] = True
    resources = fb.advanced_case([fb.pet("2025-03-05", ds=4, uptake="reduced", new=False), bad])
    resp = client.post(SERVICE, json=hook_request(resources))
    assert resp.status_code == 200
    a = resp.get_json()["cards"][0]["extension"]["lbcl-cds.assessment"]
    assert a["skipped_resources"] == 1
    assert "INVALID_RESOURCES_SKIPPED" in a["flags"]
    assert a["latest_response"]["category"] == "PMR"


def test_prefetch_value_of_wrong_shape_is_400(client):
    body = hook_request([fb.patient()])
    body["prefetch"]["observations"] = [1, 2, 3]
    assert client.post(SERVICE, json=body).status_code == 400


def test_operation_outcome_prefetch_key_is_unavailable_and_said_on_a_card(client):
    resources = fb.advanced_case([fb.pet("2025-03-05", ds=2)])
    body = hook_request(resources)
    body["prefetch"]["diagnosticReports"] = {"resourceType": "OperationOutcome",
                                             "issue": [{"severity": "error", "code": "exception"}]}
    resp = client.post(SERVICE, json=body)
    assert resp.status_code == 200
    cards = resp.get_json()["cards"]
    a = cards[0]["extension"]["lbcl-cds.assessment"]
    assert "DATA_UNAVAILABLE" in a["flags"]
    assert "diagnosticReports" in a["unavailable_data"]
    assert any("diagnostic reports" in c["summary"] for c in cards)


def test_get_on_service_is_405_json(client):
    resp = client.get(SERVICE)
    assert resp.status_code == 405
    assert resp.get_json()["code"] == "CDS-405"


def test_no_stack_trace_on_internal_error(app, monkeypatch):
    import cds_service.hooks.call as call

    def boom(*a, **k):
        raise RuntimeError("secret internal detail /srv/app/file.py")

    monkeypatch.setattr(call, "assessment_of", boom)
    resp = app.test_client().post(SERVICE, json=hook_request(fb.advanced_case([])))
    assert resp.status_code == 500
    text = resp.get_data(as_text=True)
    assert "secret" not in text and "Traceback" not in text and ".py" not in text


def test_jwt_mode_rejects_unsigned_calls():
    app = create_app({"auth": "jwt"})
    c = app.test_client()
    assert c.get("/cds-services").status_code == 401
    assert c.post(SERVICE, json=hook_request([fb.patient()])).status_code == 401
    assert c.get("/cds-services", headers={"Authorization": "Bearer abc.def.ghi"}).status_code == 401


def test_auth_off_refuses_a_public_address():
    with pytest.raises(ConfigError):
        create_app({"auth": "off", "host": "0.0.0.0"})


def test_prefetch_under_keys_we_did_not_template_is_used(client):
    """An EHR or test harness may send data under its own prefetch keys: it is read, never fetched."""
    resources = fb.advanced_case([fb.pet("2025-03-05", ds=4, uptake="reduced", new=False)])
    body = {"hook": "patient-view", "hookInstance": "extra-keys", "context": {"patientId": "p1"},
            "prefetch": {"everything": fb.bundle(resources, "searchset")}}
    resp = client.post(SERVICE, json=body)
    assert resp.status_code == 200
    a = resp.get_json()["cards"][0]["extension"]["lbcl-cds.assessment"]
    assert a["latest_response"]["category"] == "PMR"


def test_silent_for_a_chart_without_lymphoma(client):
    """patient-view fires on every chart opening: no LBCL diagnosis, PET or lymphoma therapy -> no cards."""
    other = {"resourceType": "Condition", "id": "htn", "subject": {"reference": "Patient/p1"},
             "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "I10"}]}}
    body = hook_request([fb.patient(), fb.lab("2160-0", 1.0, "2025-01-01", unit="mg/dL"), other])
    body["prefetch"]["diagnosticReports"] = fb.bundle([], "searchset")
    resp = client.post(SERVICE, json=body)
    assert resp.status_code == 200
    assert resp.get_json() == {"cards": []}
