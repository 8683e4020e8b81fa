"""A stand-in EHR for the SMART app's end-to-end tests, on 127.0.0.1: a real OAuth 2 authorization
server built on Authlib (authorization code grant, public client, PKCE with S256 required, a consent
page with approve and deny, the SMART `launch` context and a patient picker for standalone launch),
the SMART discovery document, an EHR "launch" button, and the FHIR endpoint: a pass-through to the real
FHIR test server (SEKMET, tests/sekmet_fixture.py) that adds CORS and can inject faults.

The access tokens are what SEKMET's `smart` auth checks itself: HS256 JWTs signed with SEKMET's own key
(read from its SQLite store), `aud` = the FHIR base, `exp`, and the granted scopes (enforced by SEKMET
per resource type). So the FHIR server refuses a token this server did not issue, an expired one, or
one without the scope. Knobs for the error-path tests: `token_lifetime_s` (negative: already expired),
`signing_key` (a wrong key: SEKMET answers 401), `tamper_state` (the redirect carries another state),
`faults` ({resource type: HTTP status} answered instead of forwarding). Records what it saw in
`authorize_requests` and `token_requests`; `issued` keeps the access tokens it issued, so a test can
prove none of them ever reached the lbcl-cds service.
"""

from __future__ import annotations

import secrets
import sqlite3
import threading
import time
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import jwt
import requests
from authlib.integrations.flask_oauth2 import AuthorizationServer
from authlib.oauth2.rfc6749 import grants
from authlib.oauth2 import OAuth2Error
from authlib.oauth2.rfc6749.errors import InvalidRequestError
from authlib.oauth2.rfc7636 import CodeChallenge
from flask import Flask, Response, redirect, request
from werkzeug.serving import make_server

CLIENT_ID = "lbcl-timeline-e2e"
HOP_HEADERS = {"connection", "keep-alive", "transfer-encoding", "content-encoding", "content-length", "server", "date"}


def sekmet_signing_key(data_dir: str) -> str:
    """SEKMET's key for SMART access tokens (its kv `jwt_secret`): set one if it has none yet, read it."""
    with sqlite3.connect(Path(data_dir) / "sekmet.db", timeout=10) as db:
        db.execute("INSERT OR IGNORE INTO kv(k, v) VALUES ('jwt_secret', ?)", (secrets.token_urlsafe(48),))
        return db.execute("SELECT v FROM kv WHERE k = 'jwt_secret'").fetchone()[0]


@dataclass
class Client:
    client_id: str
    redirect_uri: str

    def get_client_id(self): return self.client_id
    def get_default_redirect_uri(self): return self.redirect_uri
    def get_allowed_scope(self, scope): return scope
    def check_redirect_uri(self, redirect_uri): return redirect_uri == self.redirect_uri
    def check_client_secret(self, client_secret): return False
    def check_endpoint_auth_method(self, method, endpoint): return method == "none"
    def check_response_type(self, response_type): return response_type == "code"
    def check_grant_type(self, grant_type): return grant_type == "authorization_code"


@dataclass
class Code:
    code: str
    client_id: str
    redirect_uri: str
    scope: str
    patient: str
    code_challenge: str | None
    code_challenge_method: str | None
    issued: float = field(default_factory=time.time)

    def get_redirect_uri(self): return self.redirect_uri
    def get_scope(self): return self.scope
    def is_expired(self): return time.time() - self.issued > 120


class S256Only(CodeChallenge):
    """PKCE required, S256 only (SMART App Launch 2: `plain` is not allowed)."""

    SUPPORTED_CODE_CHALLENGE_METHOD = ["S256"]

    def validate_code_challenge(self, grant, redirect_uri):
        data = grant.request.payload.data
        if not data.get("code_challenge") or data.get("code_challenge_method") != "S256":
            raise InvalidRequestError("PKCE with code_challenge_method=S256 is required")
        super().validate_code_challenge(grant, redirect_uri)


class StandInEhr:
    def __init__(self, fhir_upstream: str, port: int, app_launch_url: str, app_redirect_uri: str,
                 signing_key: str, patients: list[str]):
        self.root = f"http://127.0.0.1:{port}"
        self.fhir_base = f"{self.root}/fhir"
        self.upstream = fhir_upstream.rstrip("/")
        self.app_launch_url = app_launch_url
        self.client = Client(CLIENT_ID, app_redirect_uri)
        self.real_key = signing_key
        self.patients = patients
        self.launches: dict[str, str] = {}
        self.codes: dict[str, Code] = {}
        self.authorize_requests: list[dict] = []
        self.token_requests: list[dict] = []
        self.fhir_requests: list[tuple[str, bool]] = []  # (path, had a bearer token)
        self.issued: list[str] = []
        self.reset()
        self._session = requests.Session()
        self.flask = self._build()
        self._server = make_server("127.0.0.1", port, self.flask, threaded=True)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def reset(self) -> None:
        self.token_lifetime_s = 300
        self.signing_key: str | None = None
        self.tamper_state = False
        self.faults: dict[str, int] = {}

    def close(self) -> None:
        self._server.shutdown()
        self._session.close()

    # -- OAuth -------------------------------------------------------------------------------------
    def _access_token(self, grant_type, client, user=None, scope=None, expires_in=None, include_refresh_token=True):
        now = int(time.time())
        claims = {"iss": self.root, "aud": self.fhir_base, "sub": "practitioner-1", "client_id": client.client_id,
                  "scope": scope, "iat": now, "exp": now + self.token_lifetime_s, "jti": secrets.token_hex(8)}
        token = jwt.encode(claims, self.signing_key or self.real_key, algorithm="HS256")
        self.issued.append(token)
        return {"token_type": "Bearer", "access_token": token, "expires_in": max(self.token_lifetime_s, 0),
                "scope": scope}

    def _build(self) -> Flask:
        ehr = self
        app = Flask("stand_in_ehr")
        server = AuthorizationServer(app, query_client=lambda cid: ehr.client if cid == ehr.client.client_id else None,
                                     save_token=lambda token, req: None)
        server.register_token_generator("default", self._access_token)

        class CodeGrant(grants.AuthorizationCodeGrant):
            TOKEN_ENDPOINT_AUTH_METHODS = ["none"]

            def save_authorization_code(self, code, req):
                data = req.payload.data
                ehr.codes[code] = Code(code, req.client.client_id, req.payload.redirect_uri, req.payload.scope,
                                       req.user, data.get("code_challenge"), data.get("code_challenge_method"))

            def query_authorization_code(self, code, client):
                item = ehr.codes.get(code)
                return item if item and item.client_id == client.client_id and not item.is_expired() else None

            def delete_authorization_code(self, authorization_code):
                ehr.codes.pop(authorization_code.code, None)

            def authenticate_user(self, authorization_code):
                return authorization_code.patient

            def create_token_response(self):
                status, body, headers = super().create_token_response()
                body["patient"] = self.request.user  # the SMART launch context
                body["need_patient_banner"] = False
                return status, body, headers

        server.register_grant(CodeGrant, [S256Only(required=True)])

        @app.after_request
        def cors(resp: Response) -> Response:
            resp.headers["Access-Control-Allow-Origin"] = "*"
            resp.headers["Access-Control-Allow-Headers"] = "Authorization, Accept, Content-Type"
            resp.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
            return resp

        @app.get("/fhir/.well-known/smart-configuration")
        def smart_configuration():
            return {"authorization_endpoint": f"{ehr.root}/auth/authorize", "token_endpoint": f"{ehr.root}/auth/token",
                    "grant_types_supported": ["authorization_code"], "response_types_supported": ["code"],
                    "code_challenge_methods_supported": ["S256"], "token_endpoint_auth_methods_supported": ["none"],
                    "scopes_supported": ["openid", "fhirUser", "launch", "launch/patient", "patient/*.read",
                                         "patient/*.rs"],
                    "capabilities": ["launch-ehr", "launch-standalone", "client-public", "context-ehr-patient",
                                     "context-standalone-patient", "permission-patient", "permission-v1",
                                     "permission-v2"]}

        @app.get("/ehr/launch")
        def ehr_launch():  # the EHR's "open app" button: a launch id bound to the patient in context
            launch = secrets.token_urlsafe(12)
            ehr.launches[launch] = request.args["patient"]
            return redirect(f"{ehr.app_launch_url}?{urlencode({'iss': ehr.fhir_base, 'launch': launch})}")

        @app.route("/auth/authorize", methods=["GET", "POST"])
        def authorize():
            args = request.values
            if request.method == "GET":
                ehr.authorize_requests.append({k: args.get(k) for k in (
                    "client_id", "redirect_uri", "scope", "state", "aud", "launch", "code_challenge",
                    "code_challenge_method", "response_type")})
                if args.get("aud") != ehr.fhir_base:
                    return Response("aud must be this EHR's FHIR base URL", status=400)
                try:
                    server.get_consent_grant(end_user="practitioner-1")
                except OAuth2Error as error:  # e.g. no S256 challenge: back to the client with the error
                    return server.handle_error_response(None, error)
                return ehr._consent_page(args)
            patient = ehr.launches.get(args.get("launch") or "") or args.get("patient")
            grant_user = patient if args.get("decision") == "approve" and patient in ehr.patients else None
            grant = server.get_consent_grant(end_user=grant_user)
            resp = server.create_authorization_response(grant=grant, grant_user=grant_user)
            if ehr.tamper_state and resp.status_code == 302:
                resp.headers["Location"] = _with_param(resp.headers["Location"], "state", "not-the-state-sent")
            return resp

        @app.post("/auth/token")
        def token():
            ehr.token_requests.append({"grant_type": request.form.get("grant_type"),
                                       "has_code_verifier": bool(request.form.get("code_verifier")),
                                       "redirect_uri": request.form.get("redirect_uri"),
                                       "client_id": request.form.get("client_id")})
            return server.create_token_response()

        @app.route("/fhir/<path:path>", methods=["GET", "OPTIONS"])
        def fhir(path: str):
            if request.method == "OPTIONS":
                return Response(status=204)
            auth = request.headers.get("Authorization")
            ehr.fhir_requests.append((path, bool(auth and auth.startswith("Bearer "))))
            status = ehr.faults.get(path.split("/")[0].split("?")[0])
            if status:
                return Response('{"resourceType": "OperationOutcome", "issue": [{"severity": "error", '
                                '"code": "transient"}]}', status=status, mimetype="application/fhir+json")
            headers = {"Accept": "application/fhir+json", **({"Authorization": auth} if auth else {})}
            up = ehr._session.get(f"{ehr.upstream}/{path}", params=list(request.args.items(multi=True)),
                                  headers=headers, timeout=15, allow_redirects=False)
            return Response(up.content, status=up.status_code,
                            headers=[(k, v) for k, v in up.headers.items() if k.lower() not in HOP_HEADERS])

        return app

    def _consent_page(self, args) -> str:
        hidden = "".join(f'<input type="hidden" name="{escape(k)}" value="{escape(v)}">' for k, v in args.items())
        launch_patient = self.launches.get(args.get("launch") or "")
        if launch_patient:
            who = f"<p>Patient in context: <b id='patient'>{escape(launch_patient)}</b></p>"
        else:  # standalone launch: the patient picker
            options = "".join(f"<option>{escape(p)}</option>" for p in self.patients)
            who = f"<label>Patient <select id='picker' name='patient'>{options}</select></label>"
        return ("<!doctype html><title>Stand-in EHR: authorise</title>"
                f"<h1>Authorise {escape(args.get('client_id', ''))}"
                f"</h1><p>Scopes: <code>{escape(args.get('scope', ''))}</code></p>"
                f"<form method='post' action='/auth/authorize'>{hidden}{who}"
                "<button name='decision' value='approve' id='approve'>Approve</button>"
                "<button name='decision' value='deny' id='deny'>Deny</button></form>")


def _with_param(url: str, key: str, value: str) -> str:
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    query[key] = value
    return urlunsplit(parts._replace(query=urlencode(query)))
