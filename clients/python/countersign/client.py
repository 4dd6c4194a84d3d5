"""A Countersign client for AI systems written in Python: standard library only (3.9+)."""

from __future__ import annotations

import base64
import json
import random
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime, timezone
from typing import Any, Dict, List, Mapping, Optional, Union

from . import _ed25519
from ._canonical import canonical_json
from .webhooks import verify_webhook as _verify_webhook

# The statuses after which an escalation's answer no longer changes.
FINAL_STATUSES = ("decided", "expired")
# The longest a single wait may last on the server.
MAX_WAIT_SECONDS = 30

# Keyword names as Python writes them, mapped to the REST body's fields.
_FIELDS = {
    "external_id": "externalId",
    "ai_output": "aiOutput",
    "escalation_reason": "escalationReason",
    "context_summary": "contextSummary",
    "due_at": "dueAt",
    # Art. 12(3) fields, for remote biometric identification systems (optional).
    "use_period": "usePeriod",
    "reference_database": "referenceDatabase",
    "matched_input": "matchedInput",
}


class CountersignError(Exception):
    """Countersign refused or failed a request: `status`, `code` and the `issues` naming each field and rule."""

    def __init__(self, status: int, code: str, message: str, issues: Optional[List[Dict[str, str]]] = None):
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.issues = issues or []


class SignatureError(CountersignError):
    """The stop state did not verify: treat the system as halted until it does (fail closed)."""

    def __init__(self, message: str):
        super().__init__(0, "BAD_SIGNATURE", message)


class DecisionTimeout(TimeoutError):
    """No decision within the time given; `escalation` holds the last state read."""

    def __init__(self, escalation: Dict[str, Any]):
        super().__init__(f"escalation {escalation.get('id')} is still {escalation.get('status')}")
        self.escalation = escalation


def _iso(value: Union[str, datetime]) -> str:
    if isinstance(value, str):
        return value
    if value.tzinfo is None:
        raise ValueError("datetimes must carry a time zone, e.g. datetime.now(timezone.utc)")
    return value.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


class Countersign:
    """One AI system's connection to Countersign, authenticated by its API key.

    >>> cs = Countersign("https://countersign.example.com", api_key)
    >>> item = cs.escalate(external_id="refund-4711", input=..., ai_output=..., confidence=0.62,
    ...                    model="refund-model@3", escalation_reason={"code": "low_confidence", "explanation": "..."},
    ...                    context_summary="...")
    >>> decision = cs.wait_for_decision(item["id"], timeout=3600)["decision"]
    """

    def __init__(self, base_url: str, api_key: str, *, timeout: float = 10.0, retries: int = 4):
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self.timeout = timeout
        self.retries = retries
        self._public_key: Optional[bytes] = None
        self._last_seq: Optional[int] = None

    # --- escalations -------------------------------------------------------------------------

    def escalate(self, **body: Any) -> Dict[str, Any]:
        """Hand an output to humans. Safe to repeat: the same externalId returns the escalation already received."""
        payload = {_FIELDS.get(key, key): value for key, value in body.items()}
        if "dueAt" in payload and isinstance(payload["dueAt"], datetime):
            payload["dueAt"] = _iso(payload["dueAt"])
        # Retrying is safe because externalId makes the request idempotent.
        return self._request("POST", "/api/v1/escalations", payload, retry=True)

    def get(self, escalation_id: str, *, wait: int = 0) -> Dict[str, Any]:
        """The escalation and, once decided, its decision. `wait` (≤ 30 s) holds the request until it is decided."""
        query = f"?wait={min(wait, MAX_WAIT_SECONDS)}" if wait > 0 else ""
        return self._request("GET", f"/api/v1/escalations/{urllib.parse.quote(escalation_id, safe='')}{query}", retry=True,
                             timeout=self.timeout + (wait if wait > 0 else 0))

    def find(self, external_id: str) -> Dict[str, Any]:
        """The escalation this system sent under `external_id`."""
        return self._request("GET", "/api/v1/escalations?" + urllib.parse.urlencode({"externalId": external_id}), retry=True)

    def wait_for_decision(self, escalation_id: str, timeout: float = 300.0) -> Dict[str, Any]:
        """Block until the escalation is decided or expired, then return it; raise DecisionTimeout after `timeout` seconds.

        Until then, do not act on the AI output: that is what human oversight means here.
        """
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            started = time.monotonic()
            escalation = self.get(escalation_id, wait=max(0, min(MAX_WAIT_SECONDS, int(left))))
            if escalation.get("status") in FINAL_STATUSES:
                return escalation
            if time.monotonic() >= deadline:
                raise DecisionTimeout(escalation)
            # A server (or proxy) that does not hold the request must not be polled in a tight loop.
            if time.monotonic() - started < 1:
                time.sleep(min(2.0, max(0.0, deadline - time.monotonic())))

    # --- volume and stop state ------------------------------------------------------------------

    def report_volume(self, period_start: Union[str, datetime], period_end: Union[str, datetime], total: int,
                      escalated: Optional[int] = None) -> Dict[str, Any]:
        """How many outputs the system produced in a period, so the verification rate can be measured."""
        body: Dict[str, Any] = {"periodStart": _iso(period_start), "periodEnd": _iso(period_end), "total": total}
        if escalated is not None:
            body["escalated"] = escalated
        return self._request("POST", "/api/v1/volume", body, retry=True)

    def system_state(self) -> Dict[str, Any]:
        """Whether a human pressed stop, with its signature checked; raises SignatureError rather than trust an unsigned answer.

        Also refuses a state older (lower `seq`) than one this client has already seen: a replay.
        """
        state = self._request("GET", "/api/v1/system", retry=True)
        signature = state.get("signature")
        if not isinstance(signature, str):
            raise SignatureError("the stop state carries no signature")
        unsigned = {key: value for key, value in state.items() if key != "signature"}
        if not _ed25519.verify(self._signing_key(), canonical_json(unsigned), base64.b64decode(signature)):
            self._public_key = None  # the key may have rotated: fetch it afresh next time
            raise SignatureError("the stop state's signature does not verify with Countersign's public key")
        seq = state.get("seq")
        if isinstance(seq, int):
            if self._last_seq is not None and seq < self._last_seq:
                raise SignatureError(f"the stop state has seq {seq}, older than {self._last_seq} already seen: a replay")
            self._last_seq = seq
        return state

    def _signing_key(self) -> bytes:
        if self._public_key is None:
            key = self._request("GET", "/api/v1/public-key", retry=True)
            x = key["jwk"]["x"]
            self._public_key = base64.urlsafe_b64decode(x + "=" * (-len(x) % 4))
        return self._public_key

    # --- webhooks ---------------------------------------------------------------------------------

    @staticmethod
    def verify_webhook(secret: str, headers: Mapping[str, str], body: Union[bytes, str], **options: Any) -> Any:
        """The delivery's JSON when its Standard Webhooks signature verifies; raises WebhookVerificationError otherwise."""
        return _verify_webhook(secret, headers, body, **options)

    # --- transport ----------------------------------------------------------------------------------

    def _request(self, method: str, path: str, body: Any = None, *, retry: bool = False,
                 timeout: Optional[float] = None) -> Any:
        data = None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
        headers = {"Authorization": f"Bearer {self.api_key}", "Accept": "application/json", "User-Agent": "countersign-python/0.1"}
        if data is not None:
            headers["Content-Type"] = "application/json"
        attempt = 0
        while True:
            request = urllib.request.Request(self.base_url + path, data=data, headers=headers, method=method)
            try:
                with urllib.request.urlopen(request, timeout=timeout or self.timeout) as response:
                    return json.loads(response.read().decode("utf-8"))
            except urllib.error.HTTPError as error:
                failure = _error_from(error)
                transient = error.code == 429 or error.code >= 500
                if not (retry and transient and attempt < self.retries):
                    raise failure from None
                wait = _retry_after(error) if error.code == 429 else None
            except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
                if not (retry and attempt < self.retries):
                    raise CountersignError(0, "UNREACHABLE", f"Countersign did not answer: {error}") from None
                wait = None
            attempt += 1
            # Exponential backoff with full jitter, unless the server said when to come back.
            time.sleep(wait if wait is not None else random.uniform(0, min(8.0, 0.25 * 2**attempt)))


def _retry_after(error: urllib.error.HTTPError) -> Optional[float]:
    value = error.headers.get("Retry-After") if error.headers else None
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _error_from(error: urllib.error.HTTPError) -> CountersignError:
    try:
        payload = json.loads(error.read().decode("utf-8"))["error"]
        return CountersignError(error.code, payload.get("code", "ERROR"), payload.get("message", ""), payload.get("issues"))
    except (ValueError, KeyError, TypeError):
        return CountersignError(error.code, "HTTP_ERROR", error.reason or "request failed")
