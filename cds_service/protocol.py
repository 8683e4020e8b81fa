"""CDS Hooks 2.0 wire models (pydantic), with the spec's invariants as validators.

Checklist §2.1 (request), §3.2 (card), §4 (feedback). Output models serialise with
`exclude_none=True` and reject empty strings/lists, so no null or empty JSON value is ever sent.
"""

from __future__ import annotations

import os
import re
import threading
import uuid
from functools import lru_cache
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

FHIR_ID = re.compile(r"[A-Za-z0-9\-.]{1,64}")  # FHIR R4 `id` (datatypes.html#id): nothing a URL could act on
SUMMARY_MAX = 139  # "<140-character summary" (checklist §3.2)
FEEDBACK_MAX_ITEMS = 200  # feedback items per call (a bound of ours; the spec sets none)
# Feedback field limits: the store's column widths (store/database.py, feedback table), checked here so
# SQLite (which would store any length) and PostgreSQL (which would fail the insert: 503) refuse the same
# items with the same 400. tests/test_feedback_limits.py holds them equal to the migrations.
FEEDBACK_CARD_MAX = 200  # feedback.card_uuid
FEEDBACK_CODE_MAX = 200  # feedback.override_code
FEEDBACK_SYSTEM_MAX = 500  # feedback.override_system
FEEDBACK_TIMESTAMP_MAX = 40  # feedback.outcome_timestamp
FEEDBACK_MAX_DEPTH = 32  # JSON nesting of one feedback item, extensions included (deeper: 400)

# Our card extension keys (checklist §3.2: extension names should be globally unique).
EXTENSION_KEY = "lbcl-cds.assessment"  # the Assessment behind a patient-view card
RULES_EXTENSION = "lbcl-cds.rules"  # cards that name their rules explicitly (order hooks)
_RULE_ID = re.compile(r"\*\*((?:NL|NA|[PBKT])\d{1,2}[a-z]?)\*\*|\brule ((?:NL|NA|[PBKT])\d{1,2}[a-z]?)\b")


def is_fhir_id(value: object) -> bool:
    """A FHIR id that is safe as a URL path segment: "." and ".." match the FHIR pattern but would walk
    up the FHIR server's paths, so ids made only of dots are refused."""
    return isinstance(value, str) and FHIR_ID.fullmatch(value) is not None and value.strip(".") != ""


def origin_of(url: object) -> str | None:
    """`scheme://host[:port]` of an http(s) URL, lower-cased, default port dropped, never its user info
    or path; None when it is not one (safe to log, and what allowlists compare)."""
    if not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
    if scheme not in ("http", "https") or not host:
        return None
    host = f"[{host}]" if ":" in host else host
    default = {"http": 80, "https": 443}[scheme]
    return f"{scheme}://{host}" + (f":{port}" if port not in (None, default) else "")


def rule_ids(card: dict) -> list[str]:
    """The rule ids a card shows: its `lbcl-cds.rules` extension, else the ids set in bold (or
    "rule X") in its Markdown detail, in order of appearance."""
    explicit = (card.get("extension") or {}).get(RULES_EXTENSION)
    if isinstance(explicit, list):
        return [str(r) for r in explicit]
    return list(_detail_rule_ids(card.get("detail") or ""))


@lru_cache(maxsize=64)  # a served card's detail is read by the metrics and by the audit: read once
def _detail_rule_ids(detail: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(a or b for a, b in _RULE_ID.findall(detail)))


class _In(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)


class FhirAuthorization(_In):
    access_token: str = Field(min_length=1)
    token_type: str = "Bearer"
    expires_in: int | None = None
    scope: str | None = None
    subject: str | None = None
    patient: str | None = None

    def __repr__(self) -> str:  # never print the token
        return "FhirAuthorization(access_token=***)"

    __str__ = __repr__


class HookRequest(_In):
    hook: str = Field(min_length=1)
    hookInstance: str = Field(min_length=1)
    fhirServer: str | None = None
    fhirAuthorization: FhirAuthorization | None = None
    context: dict[str, Any]
    prefetch: dict[str, Any] | None = None

    @model_validator(mode="after")
    def _auth_needs_server(self) -> HookRequest:
        if self.fhirAuthorization is not None and not self.fhirServer:
            raise ValueError("fhirAuthorization requires fhirServer")
        return self


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="after")
    def _no_empty(self):
        for name, value in self.__dict__.items():  # the fields (extra="forbid": nothing else)
            if value in ("", [], {}):
                raise ValueError(f"{name} must be omitted rather than empty")
        return self

    def dump(self) -> dict:
        return self.model_dump(exclude_none=True, by_alias=True)


class Coding(_Out):
    system: str
    code: str
    display: str | None = None


class Source(_Out):
    label: str
    url: str | None = None
    topic: Coding | None = None


_RANDOM = bytearray()  # os.urandom, taken 4 KiB at a time: 256 uuids per system call
_RANDOM_LOCK = threading.Lock()
os.register_at_fork(after_in_child=_RANDOM.clear)  # a forked worker never hands out its parent's bytes


def new_uuid() -> str:
    """A random (version 4) UUID, as uuid.uuid4 makes it, from os.urandom read ahead: uuid4 asks the kernel
    for 16 bytes each time, a system call that costs a cold hook call tens of microseconds (issue 16)."""
    with _RANDOM_LOCK:
        if len(_RANDOM) < 16:
            _RANDOM[:] = os.urandom(4096)
        raw = bytes(_RANDOM[:16])
        del _RANDOM[:16]
    return str(uuid.UUID(bytes=raw, version=4))


class Action(_Out):
    type: Literal["create", "update", "delete"]
    description: str
    resource: dict[str, Any] | None = None
    resourceId: str | None = None


class Suggestion(_Out):
    label: str
    uuid: str = Field(default_factory=new_uuid)
    isRecommended: bool | None = None
    actions: list[Action] | None = None


class Link(_Out):
    label: str
    url: str
    type: Literal["absolute", "smart"] = "absolute"
    appContext: str | None = None


class OverrideReason(_Out):
    code: str
    system: str
    display: str  # REQUIRED for service-supplied overrideReasons


class Card(_Out):
    uuid: str = Field(default_factory=new_uuid)
    summary: str
    detail: str | None = None
    indicator: Literal["info", "warning", "critical"]
    source: Source
    suggestions: list[Suggestion] | None = None
    selectionBehavior: Literal["at-most-one", "any"] | None = None
    overrideReasons: list[OverrideReason] | None = None
    links: list[Link] | None = None
    extension: dict[str, Any] | None = None

    @field_validator("summary")
    @classmethod
    def _short(cls, v: str) -> str:
        if not v or len(v) > SUMMARY_MAX:
            raise ValueError("summary must be 1-139 characters")
        return v

    @model_validator(mode="after")
    def _selection(self) -> Card:
        if self.suggestions and not self.selectionBehavior:
            raise ValueError("selectionBehavior is required with suggestions")
        return self

    def dump(self) -> dict:
        """As `_Out.dump`, with the extension put in as it is: it is JSON already (the Assessment's
        to_json), and model_dump would copy it value by value (exclude_none does not reach inside it)."""
        out = self.model_dump(exclude_none=True, by_alias=True, exclude={"extension"})
        if self.extension is not None:
            out["extension"] = self.extension
        return out


class CdsResponse(BaseModel):
    cards: list[Card]

    def dump(self) -> dict:
        return {"cards": [c.dump() for c in self.cards]}


class AcceptedSuggestion(_In):
    id: str = Field(min_length=1)


class FeedbackCoding(_In):
    """The Coding of an override reason: a code (required), a system (optional, but text when sent)."""

    code: str = Field(min_length=1, max_length=FEEDBACK_CODE_MAX)
    system: str | None = Field(default=None, max_length=FEEDBACK_SYSTEM_MAX)

    @field_validator("system", mode="before")
    @classmethod
    def _system_text(cls, v: object) -> object:
        if v is None:  # absent is fine; an explicit null is not a system
            raise ValueError("system must be a string")
        return v


class OverrideReasonFeedback(_In):
    reason: FeedbackCoding | None = None
    userComment: str | None = None


class FeedbackItem(_In):
    card: str = Field(min_length=1, max_length=FEEDBACK_CARD_MAX)
    outcome: Literal["accepted", "overridden"]
    acceptedSuggestions: list[AcceptedSuggestion] | None = None
    overrideReason: OverrideReasonFeedback | None = None
    outcomeTimestamp: str = Field(min_length=1, max_length=FEEDBACK_TIMESTAMP_MAX)

    @model_validator(mode="after")
    def _accepted_needs_suggestions(self) -> FeedbackItem:
        if self.outcome == "accepted" and not self.acceptedSuggestions:
            raise ValueError("acceptedSuggestions is required when outcome is accepted")
        return self


class FeedbackRequest(_In):
    feedback: list[FeedbackItem] = Field(min_length=1)
