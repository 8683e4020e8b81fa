"""The floor: a trivial Flask app under the same gunicorn settings that parses the same request body
and returns a fixed card. Our latency is reported as a ratio to it (issue 7)."""

import orjson
from flask import Flask, Response, request

app = Flask(__name__)
CARD = orjson.dumps({"cards": [{"uuid": "00000000-0000-4000-8000-000000000000", "summary": "fixed",
                                "indicator": "info", "source": {"label": "floor"}}]})


@app.post("/cds-services/<service_id>")
def service(service_id: str) -> Response:
    body = orjson.loads(request.get_data())
    assert body["hook"]
    return Response(CARD, mimetype="application/json")


@app.get("/healthz")
def healthz() -> Response:
    return Response(b'{"status":"ok"}', mimetype="application/json")
