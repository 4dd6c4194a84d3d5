"""Verify a webhook from Countersign, per the Standard Webhooks specification (standardwebhooks.com).

The signed content is `{webhook-id}.{webhook-timestamp}.{body}`, signed with HMAC-SHA256 under the
endpoint's secret (`whsec_` + base64). During a secret rotation Countersign sends one signature
per secret in force, separated by spaces; one match is enough.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from typing import Any, Mapping, Optional, Union

TOLERANCE_SECONDS = 5 * 60


class WebhookVerificationError(Exception):
    """The delivery did not come from Countersign with this secret, or is too old or too new to trust."""


def _header(headers: Mapping[str, str], name: str) -> str:
    for key, value in headers.items():
        if key.lower() == name:
            return value
    raise WebhookVerificationError(f"the {name} header is missing")


def verify_webhook(
    secret: str,
    headers: Mapping[str, str],
    body: Union[bytes, str],
    *,
    tolerance_seconds: int = TOLERANCE_SECONDS,
    now: Optional[float] = None,
) -> Any:
    """Return the delivery's parsed JSON when its signature verifies; raise WebhookVerificationError otherwise.

    Pass the body exactly as received (bytes or str), before any JSON parsing.
    """
    msg_id = _header(headers, "webhook-id")
    timestamp = _header(headers, "webhook-timestamp")
    signatures = _header(headers, "webhook-signature")
    try:
        sent_at = int(timestamp)
    except ValueError:
        raise WebhookVerificationError("webhook-timestamp must be whole seconds since 1970") from None
    current = time.time() if now is None else now
    if abs(current - sent_at) > tolerance_seconds:
        raise WebhookVerificationError("webhook-timestamp is outside the tolerance: a replay or a wrong clock")
    raw = body if isinstance(body, bytes) else body.encode("utf-8")
    key = base64.b64decode(secret[len("whsec_"):] if secret.startswith("whsec_") else secret)
    signed = msg_id.encode("utf-8") + b"." + timestamp.encode("ascii") + b"." + raw
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode("ascii")
    for candidate in signatures.split(" "):
        version, _, signature = candidate.partition(",")
        if version == "v1" and hmac.compare_digest(signature, expected):
            return json.loads(raw.decode("utf-8"))
    raise WebhookVerificationError("no signature matches this secret")
