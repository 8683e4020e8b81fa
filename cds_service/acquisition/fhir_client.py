"""FHIR client for data the EHR did not prefetch (checklist §2.2 step 4).

A pooled `requests.Session`; bearer token from `fhirAuthorization`; connect/read timeouts bounded by
the acquisition deadline; paging through `next` links with a page cap, loop detection, and never to
another origin (the token goes only to `fhirServer`). The token is never logged.
"""

from __future__ import annotations

import logging
import time
from http.cookiejar import DefaultCookiePolicy
from urllib.parse import urljoin, urlsplit

import orjson
import requests
import urllib3
from requests.adapters import HTTPAdapter

log = logging.getLogger("lbcl_cds.fhir")
MAX_RESPONSE_BYTES = 20 * 1024 * 1024
_CHUNK = 256 * 1024


class FetchError(Exception):
    """A FHIR query failed; `reason` is safe to log (no URL query, no token) but is never shown to the
    caller (prefetch.FETCH_FAILED is): it tells a closed port from a silent one."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def make_session(pool: int = 16) -> requests.Session:
    s = requests.Session()
    # One session serves every EHR and user: a cookie set by one FHIR server must never ride along with
    # another user's request, so cookies are refused outright.
    s.cookies.set_policy(DefaultCookiePolicy(allowed_domains=[]))
    adapter = HTTPAdapter(pool_connections=pool, pool_maxsize=pool, max_retries=0)
    s.mount("http://", adapter)
    s.mount("https://", adapter)
    return s


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme, parts.netloc


class FhirClient:
    def __init__(self, session: requests.Session, base: str, token: str | None, connect_timeout: float,
                 read_timeout: float, deadline: float, page_cap: int):
        self.session = session
        self.base = base.rstrip("/") + "/"
        self.headers = {"Accept": "application/fhir+json"}
        if token:
            self.headers["Authorization"] = f"Bearer {token}"
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.deadline = deadline
        self.page_cap = page_cap

    def _get(self, url: str) -> dict:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0.05:
            raise FetchError("acquisition budget exhausted")
        timeout = (min(self.connect_timeout, remaining), min(self.read_timeout, remaining))
        try:
            resp = self.session.get(url, headers=self.headers, timeout=timeout, allow_redirects=False, stream=True)
        except requests.Timeout as exc:
            raise FetchError("timeout") from exc
        except requests.RequestException as exc:
            raise FetchError(f"connection failed ({type(exc).__name__})") from exc
        try:
            if resp.status_code != 200:
                raise FetchError(f"HTTP {resp.status_code}")
            body = self._read(resp)
        except (requests.RequestException, urllib3.exceptions.HTTPError) as exc:
            raise FetchError(f"read failed ({type(exc).__name__})") from exc
        finally:
            resp.close()
        try:
            data = orjson.loads(body)
        except orjson.JSONDecodeError as exc:
            raise FetchError("response is not JSON") from exc
        if not isinstance(data, dict) or not isinstance(data.get("resourceType"), str):
            raise FetchError("response is not a FHIR resource")
        if data["resourceType"] == "OperationOutcome":
            raise FetchError("server returned an OperationOutcome")
        return data

    def _read(self, resp: requests.Response) -> bytes:
        """The body, in chunks: a server that sends a byte now and then (each read within the read timeout)
        is cut off at the deadline, so it never holds a fetch thread past the acquisition budget."""
        chunks, size = [], 0
        while True:
            chunk = resp.raw.read1(_CHUNK, decode_content=True)  # what has arrived, not a full chunk
            if not chunk:
                return b"".join(chunks)
            size += len(chunk)
            if size > MAX_RESPONSE_BYTES:
                raise FetchError("response too large")
            if time.monotonic() > self.deadline:
                raise FetchError("acquisition budget exhausted")
            chunks.append(chunk)

    def query(self, relative: str, wanted: str | None = None) -> list[dict]:
        """Run a read or search (or continue paging from an absolute `next` URL); return the
        resources of the searched type (plus Medications)."""
        url = urljoin(self.base, relative.lstrip("/")) if "://" not in relative else relative
        if "://" in relative and _origin(relative) != _origin(self.base):
            raise FetchError("next link points to another server")
        wanted = wanted or relative.split("?", 1)[0].split("/", 1)[0]
        first = self._get(url)
        if "://" not in relative and "?" not in relative and "/" in relative:  # a read
            if first.get("resourceType") != wanted:
                raise FetchError(f"expected {wanted}, got another resource type")
            return [first]
        if first.get("resourceType") != "Bundle":
            raise FetchError("search did not return a Bundle")
        out: list[dict] = []
        seen = {url}
        page, pages = first, 1
        base_origin = _origin(self.base)
        while True:
            for entry in page.get("entry") or []:
                res = entry.get("resource") if isinstance(entry, dict) else None
                if isinstance(res, dict) and res.get("resourceType") in (wanted, "Medication"):
                    out.append(res)
            nxt = next((ln.get("url") for ln in page.get("link") or []
                        if isinstance(ln, dict) and ln.get("relation") == "next" and ln.get("url")), None)
            if not nxt:
                return out
            nxt = urljoin(self.base, nxt)
            if _origin(nxt) != base_origin:
                raise FetchError("next link points to another server")
            if nxt in seen:
                raise FetchError("paging loop detected")
            if pages >= self.page_cap:
                raise FetchError(f"more than {self.page_cap} pages")
            seen.add(nxt)
            page = self._get(nxt)
            pages += 1
            if page.get("resourceType") != "Bundle":
                raise FetchError("page is not a Bundle")
