"""Feedback and audit store, and the JWT replay cache, in one database (cds_service/db.py).

- served cards: card uuid, service, hookInstance, rule ids, indicator, time, and the patient id only as
  HMAC-SHA256(LBCL_CDS_PATIENT_HASH_KEY, id) so feedback can be joined to what was shown;
- feedback items (checklist §4), idempotent: a repeated item is stored once;
- JWT `jti`s until their token expires (insert-or-fail), shared by every worker of a deployment.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import secrets
import threading
import time
from collections.abc import Iterable
from datetime import datetime, timezone
from typing import Any

from cds_service.protocol import rule_ids
from cds_service.store.audit_queue import AuditQueue
from cds_service.store.database import Database

log = logging.getLogger("lbcl_cds.store")
PURGE_EVERY_S = 60.0


def utc_now_iso() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class Store:
    def __init__(self, db: Database, patient_hash_key: str = "", audit_flush_s: float = 0.2):
        self.db = db
        self.audit = AuditQueue(self.write_served, audit_flush_s)
        if patient_hash_key:
            self._key = patient_hash_key.encode()
            self.ephemeral_key = False
        else:  # random per process: hashes join only within this process's lifetime (README)
            self._key = secrets.token_bytes(32)
            self.ephemeral_key = True
        self._last_purge = 0.0
        self._purge_lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Any) -> Store:
        return cls(Database.from_settings(settings), settings.patient_hash_key, settings.audit_flush_s)

    def migrate(self) -> list[int]:
        return self.db.migrate(utc_now_iso())

    def patient_hash(self, patient_id: str) -> str:
        return hmac.new(self._key, patient_id.encode(), hashlib.sha256).hexdigest()

    # -- audit: cards served (queued, written in batches off the request path: audit_queue.py) ---------
    def record_cards(self, service_id: str, hook_instance: str, cards: Iterable[Any], patient_id: str) -> int:
        """Queue one row per card with a uuid; return how many."""
        served_at = utc_now_iso()
        phash = self.patient_hash(patient_id)
        rows = []
        for card in cards:
            data = {"uuid": card.uuid, "indicator": card.indicator, "extension": card.extension,
                    "detail": card.detail} if hasattr(card, "dump") else dict(card)
            if not data.get("uuid"):
                continue
            rows.append((data["uuid"], service_id, hook_instance[:200], ",".join(rule_ids(data))[:1000],
                         data.get("indicator") or "info", phash, served_at))
        self.audit.put(rows)
        return len(rows)

    def write_served(self, rows) -> None:
        """Write audit rows in one statement (the audit queue's writer)."""
        with self.db.transaction():
            self.db.executemany("INSERT INTO served_card (card_uuid, service_id, hook_instance, rule_ids, indicator,"
                                " patient_hash, served_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                                " ON CONFLICT (card_uuid) DO NOTHING", rows)

    def on_cards(self, service_id: str, hook_instance: str, cards: list, patient_id: str) -> None:
        """AppState.on_cards: queues the audit rows; a failed write is logged, never a failed hook call."""
        self.record_cards(service_id, hook_instance, cards, patient_id)

    def close(self) -> None:
        """Write what is queued and close the database (shutdown, tests)."""
        self.audit.close()
        self.db.close()

    def served_card(self, card_uuid: str) -> dict | None:
        self.audit.flush()  # this process reads what it has served
        rows = self.db.query("SELECT card_uuid, service_id, hook_instance, rule_ids, indicator, patient_hash,"
                             " served_at FROM served_card WHERE card_uuid = ?", (card_uuid,))
        if not rows:
            return None
        keys = ("card_uuid", "service_id", "hook_instance", "rule_ids", "indicator", "patient_hash", "served_at")
        out = dict(zip(keys, rows[0], strict=True))
        out["rule_ids"] = [r for r in out["rule_ids"].split(",") if r]
        return out

    # -- feedback ---------------------------------------------------------------------------------
    @staticmethod
    def item_key(service_id: str, item: dict) -> str:
        canonical = json.dumps({"service": service_id, "item": item}, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()

    def record_feedback(self, service_id: str, items: list[dict]) -> tuple[int, int]:
        """Store each item once; return (new, repeated)."""
        received = utc_now_iso()
        new = 0
        for item in items:
            reason = (item.get("overrideReason") or {}).get("reason") or {}
            comment = (item.get("overrideReason") or {}).get("userComment")
            accepted = item.get("acceptedSuggestions")
            new += self.db.execute(
                "INSERT INTO feedback (item_key, service_id, card_uuid, outcome, accepted_suggestions,"
                " override_system, override_code, override_comment, outcome_timestamp, received_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (item_key) DO NOTHING",
                (self.item_key(service_id, item), service_id, item["card"], item["outcome"],
                 json.dumps([s["id"] for s in accepted]) if accepted else None,
                 reason.get("system"), reason.get("code"), comment[:4000] if comment else None,
                 item["outcomeTimestamp"], received))
        return new, len(items) - new

    def feedback_for(self, card_uuid: str) -> list[dict]:
        self.audit.flush()
        rows = self.db.query("SELECT f.outcome, f.accepted_suggestions, f.override_code, f.outcome_timestamp,"
                             " s.rule_ids, s.indicator, s.hook_instance FROM feedback f"
                             " LEFT JOIN served_card s ON s.card_uuid = f.card_uuid"
                             " WHERE f.card_uuid = ? ORDER BY f.outcome_timestamp", (card_uuid,))
        keys = ("outcome", "accepted_suggestions", "override_code", "outcome_timestamp", "rule_ids", "indicator",
                "hook_instance")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    # -- JWT replay cache -------------------------------------------------------------------------
    def claim_jti(self, iss: str, jti: str, keep_until: int) -> bool:
        """True the first time (iss, jti) is seen while it is kept; False for a replay."""
        self._maybe_purge()
        changed = self.db.execute("INSERT INTO jwt_jti (iss, jti, expires_at) VALUES (?, ?, ?)"
                                  " ON CONFLICT (iss, jti) DO NOTHING", (iss[:500], jti[:255], int(keep_until)))
        return changed == 1

    def purge_expired(self, now: float | None = None) -> int:
        cutoff = int(now if now is not None else time.time())
        return self.db.execute("DELETE FROM jwt_jti WHERE expires_at < ?", (cutoff,))

    def _maybe_purge(self) -> None:
        mono = time.monotonic()
        if mono - self._last_purge < PURGE_EVERY_S or not self._purge_lock.acquire(blocking=False):
            return
        try:
            self._last_purge = mono
            self.purge_expired()
        finally:
            self._purge_lock.release()
