"""The OpenAPI description of our own API (cds_service/openapi.py): served at GET /openapi.json without
auth, equal to docs/openapi.yaml (regenerate: `python -m cds_service.api.openapi > docs/openapi.yaml`), a
valid OpenAPI 3.1 document for schemathesis, and in step with the registry and the feedback limits."""

from __future__ import annotations

import yaml

from cds_service.protocol import FEEDBACK_MAX_ITEMS as MAX_ITEMS
from cds_service.api.openapi import PATH, document, to_yaml
from cds_service.hooks.services import SERVICES
from reliability_helpers import ROOT, make_app

DOC = ROOT / "docs" / "openapi.yaml"


def test_docs_openapi_yaml_is_the_served_document(tmp_path):
    assert DOC.read_text() == to_yaml(), "docs/openapi.yaml is stale: python -m cds_service.api.openapi > docs/openapi.yaml"
    assert yaml.safe_load(DOC.read_text()) == document()
    resp = make_app(tmp_path, auth="jwt").test_client().get(PATH)  # no auth needed, even in jwt mode
    assert resp.status_code == 200 and resp.get_json() == document()
    assert resp.headers["X-Content-Type-Options"] == "nosniff"


def test_every_service_and_its_feedback_are_described():
    doc = document()
    for s in SERVICES:
        assert "post" in doc["paths"][f"/cds-services/{s.id}"]
        assert "post" in doc["paths"][f"/cds-services/{s.id}/feedback"]
    assert doc["components"]["schemas"]["FeedbackRequest"]["properties"]["feedback"]["maxItems"] == MAX_ITEMS
    assert doc["openapi"].startswith("3.1")


def test_the_schema_loads_in_schemathesis(tmp_path):
    import schemathesis

    schema = schemathesis.openapi.from_dict(document())
    labels = {r.ok().label for r in schema.get_all_operations()}
    assert {"GET /cds-services", "POST /cds-services/lbcl-response", "POST /cds-services/lbcl-order-sign/feedback",
            "GET /healthz"} <= labels
