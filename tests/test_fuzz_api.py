"""Property-based fuzzing of our own API from its OpenAPI description (schemathesis, in-process WSGI).

The document is fetched from the app itself (`GET /openapi.json`, cds_service/openapi.py), so what is
fuzzed is what is served. Every operation gets requests that fit the schema (positive) and requests
that break it (negative: wrong types, missing fields, out-of-range values...). Each answer must be:
not a 5xx; a status the document lists; the documented content type; a body that fits the documented
schema (cards: summary <= 139 characters, indicator enum...; errors: {code, message}); no stack trace
or internal path; the security headers; within MAX_SECONDS.

No request leaves the process: FHIR fetches for a generated `fhirServer` hit `responses`, which answers
every URL with a connection error (the fault matrix is in test_fhir_faults.py).

Examples: `LBCL_FUZZ_EXAMPLES` in all (default 150: a few seconds, in the default suite); `make fuzz`
runs 10,000. The count actually run is asserted and recorded as a figure.
"""

from __future__ import annotations

import time
from collections import Counter

import pytest
import responses
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from cds_service.api.openapi import PATH
from reliability_helpers import check_response, env_int, figures, make_app  # noqa: F401 (fixture)

EXAMPLES = env_int("LBCL_FUZZ_EXAMPLES", 150)
MAX_SECONDS = 5.0
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
SMALL = 5  # examples for each GET: they take no input (hypothesis stops once the space is exhausted)


@pytest.fixture(scope="module")
def schema(tmp_path_factory):
    app = make_app(tmp_path_factory.mktemp("fuzz"), fetch_budget_s=0.5)
    return schemathesis.openapi.from_wsgi(PATH, app)


def _operations(schema) -> list:
    return [result.ok() for result in schema.get_all_operations()]


def _budget(schema) -> dict[str, int]:
    """EXAMPLES shared by the operations that take a body (hook calls, feedback); SMALL for the GETs."""
    ops = _operations(schema)
    posts = [op for op in ops if op.method.upper() == "POST"]
    per_post = -(-EXAMPLES // len(posts))
    return {op.label: per_post if op in posts else SMALL for op in ops}


def test_the_fuzzed_document_is_the_served_one(schema):
    labels = {op.label for op in _operations(schema)}
    assert "POST /cds-services/lbcl-response" in labels and "POST /cds-services/lbcl-response/feedback" in labels
    assert "GET /cds-services" in labels and "GET /readyz" in labels


def test_fuzz_every_operation(schema, figures):  # noqa: F811
    ran: Counter[str] = Counter()
    statuses: Counter[int] = Counter()
    slowest = 0.0
    started = time.perf_counter()
    budgets = _budget(schema)
    with responses.RequestsMock(assert_all_requests_are_fired=False):  # any FHIR URL: connection refused
        for op in _operations(schema):
            strategy = st.one_of(op.as_strategy(generation_mode=GenerationMode.POSITIVE),
                                 op.as_strategy(generation_mode=GenerationMode.NEGATIVE))

            @settings(max_examples=budgets[op.label], deadline=None, database=None, derandomize=EXAMPLES <= 1000,
                      suppress_health_check=list(HealthCheck), phases=["explicit", "generate"])
            @given(case=strategy)
            def run(case):
                nonlocal slowest
                t0 = time.perf_counter()
                response = case.call()
                elapsed = time.perf_counter() - t0
                slowest = max(slowest, elapsed)
                ran[op.label] += 1
                statuses[response.status_code] += 1
                case.validate_response(response, checks=CHECKS)
                headers = {k: v[0] for k, v in response.headers.items()}
                check_response(response.status_code, _CaseInsensitive(headers), response.content, where=op.label)
                assert elapsed < MAX_SECONDS, f"{op.label}: {elapsed:.1f} s"

            run()
    total = sum(ran.values())
    figures.record("fuzz", examples=total, operations=len(ran), per_operation=dict(ran),
                   statuses={str(k): v for k, v in sorted(statuses.items())}, slowest_s=round(slowest, 3),
                   seconds=round(time.perf_counter() - started, 1))
    assert total >= EXAMPLES, f"only {total} examples ran (wanted {EXAMPLES})"
    assert not any(s >= 500 for s in statuses)


class _CaseInsensitive(dict):
    def get(self, key, default=None):
        for k, v in self.items():
            if k.lower() == key.lower():
                return v
        return default
