"""Countersign for Python: hand AI outputs to humans, wait for their decision, honour their stop."""

from .client import Countersign, CountersignError, DecisionTimeout, SignatureError
from .webhooks import WebhookVerificationError, verify_webhook

__all__ = [
    "Countersign",
    "CountersignError",
    "DecisionTimeout",
    "SignatureError",
    "WebhookVerificationError",
    "verify_webhook",
]
__version__ = "0.1.0"
