"""Prometheus metrics, served at GET /metrics (ops.py). Labels are bounded and never carry PHI:
service ids from the registry, endpoint names, status codes, prefetch keys, rule ids.

- lbcl_cds_requests_total{service, endpoint, status} and lbcl_cds_request_duration_seconds{service, endpoint}
- lbcl_cds_fhir_fetches_total{key} and lbcl_cds_fhir_fetch_failures_total{key}: prefetch keys the service
  fetched from fhirServer itself, and those that failed (any reason)
- lbcl_cds_cards_total{service, rule}: cards served, by the rule ids each card shows (`none` if it shows none)

gunicorn runs several worker processes. With PROMETHEUS_MULTIPROC_DIR set (the container sets it;
gunicorn_conf.py empties it at start), every worker writes its values there and /metrics adds them up
for the whole server. Unset (tests, `flask run`), the values are those of the process that answers.
"""

from __future__ import annotations

import os
import time

from flask import Flask, g, request
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, Counter, Histogram, generate_latest

from cds_service.protocol import rule_ids

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

REQUESTS = Counter("lbcl_cds_requests", "HTTP requests by CDS service, endpoint and status code",
                   ["service", "endpoint", "status"])
LATENCY = Histogram("lbcl_cds_request_duration_seconds", "HTTP request latency in seconds",
                    ["service", "endpoint"], buckets=_BUCKETS)
FHIR_FETCHES = Counter("lbcl_cds_fhir_fetches", "Prefetch keys fetched from the EHR's fhirServer", ["key"])
FHIR_FAILURES = Counter("lbcl_cds_fhir_fetch_failures", "Prefetch keys whose fetch from fhirServer failed", ["key"])
CARDS = Counter("lbcl_cds_cards", "Cards served, by CDS service and rule id", ["service", "rule"])


def fhir_fetch(key: str, ok: bool) -> None:
    FHIR_FETCHES.labels(key=key).inc()
    if not ok:
        FHIR_FAILURES.labels(key=key).inc()


def count_cards(service_id: str, cards: list) -> None:
    for card in cards:
        # the two fields rule_ids reads, not a dump of the whole card (its Assessment is large)
        data = {"extension": card.extension, "detail": card.detail} if hasattr(card, "dump") else dict(card)
        for rule in rule_ids(data) or ["none"]:
            CARDS.labels(service=service_id, rule=rule).inc()


def _labels(app: Flask) -> tuple[str, str]:
    """(service, endpoint) of the current request: a registered service id or `-`; the view's name."""
    if request.method == "OPTIONS":
        endpoint = "preflight"
    else:
        endpoint = (request.endpoint or "unmatched").rsplit(".", 1)[-1]
    service_id = (request.view_args or {}).get("service_id")
    registry = app.extensions["lbcl_cds"].registry
    service = service_id if service_id and registry.get(service_id) else ("unknown" if service_id else "-")
    return service, endpoint


def init_metrics(app: Flask) -> None:
    @app.before_request
    def _start() -> None:
        g.lbcl_started = time.perf_counter()

    @app.after_request
    def _observe(response):
        started = g.pop("lbcl_started", None)
        service, endpoint = _labels(app)
        REQUESTS.labels(service=service, endpoint=endpoint, status=str(response.status_code)).inc()
        if started is not None:
            LATENCY.labels(service=service, endpoint=endpoint).observe(time.perf_counter() - started)
        return response


def exposition() -> tuple[bytes, str]:
    """The metrics text: the whole server's in multiprocess mode, else this process's."""
    if os.environ.get(MULTIPROC_ENV):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
