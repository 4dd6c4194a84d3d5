"""The Python client against a real Countersign server: every call a Python AI system would make."""

from __future__ import annotations

import base64
import json
import sys
import threading
import time
import unittest
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from countersign import Countersign, CountersignError, DecisionTimeout, SignatureError  # noqa: E402
from countersign import _ed25519  # noqa: E402

from harness import Server  # noqa: E402

server: Server


def setUpModule() -> None:
    global server
    server = Server()


def tearDownModule() -> None:
    server.stop()


def body(**overrides):
    fields = dict(
        external_id=f"py-{uuid.uuid4()}",
        input="Customer asks for a refund of order 1042: the kettle arrived broken.",
        ai_output={"decision": "refund", "amount": 39.99, "currency": "EUR"},
        confidence=0.62,
        model="refund-model@3",
        escalation_reason={"code": "low_confidence", "explanation": "Confidence 0.62 is below the 0.8 threshold."},
        context_summary="Order 1042, kettle, photo of the damage attached; customer since 2019.",
    )
    fields.update(overrides)
    return fields


class EscalateTest(unittest.TestCase):
    def setUp(self) -> None:
        self.cs = Countersign(server.url, server.api_key)

    def test_escalate_is_idempotent_and_text_round_trips(self) -> None:
        summary = "Zoë's order — 注文 1042 \u202eevil\u202c, kept exactly"
        first = self.cs.escalate(**body(context_summary=summary, external_id="py-idempotent"))
        again = self.cs.escalate(**body(context_summary=summary, external_id="py-idempotent"))
        self.assertEqual(first["id"], again["id"])
        self.assertEqual(first["status"], "queued")
        read = self.cs.get(first["id"])
        self.assertEqual(read["contextSummary"], summary)
        self.assertEqual(read["aiOutput"], {"decision": "refund", "amount": 39.99, "currency": "EUR"})
        self.assertEqual(self.cs.find("py-idempotent")["id"], first["id"])

    def test_bad_input_names_the_field_and_the_rule(self) -> None:
        with self.assertRaises(CountersignError) as raised:
            self.cs.escalate(**body(confidence=1.5))
        self.assertEqual(raised.exception.status, 400)
        self.assertIn("confidence", [issue["path"] for issue in raised.exception.issues])
        self.assertIn("between 0 and 1", str(raised.exception.issues))

    def test_a_wrong_key_is_refused(self) -> None:
        with self.assertRaises(CountersignError) as raised:
            Countersign(server.url, "cs_not_a_key").get("esc_missing")
        self.assertEqual(raised.exception.status, 401)

    def test_unreachable_server_is_a_clear_error(self) -> None:
        with self.assertRaises(CountersignError) as raised:
            Countersign("http://127.0.0.1:9", server.api_key, retries=1, timeout=2).get("esc_x")
        self.assertEqual(raised.exception.code, "UNREACHABLE")


class DecisionTest(unittest.TestCase):
    def setUp(self) -> None:
        self.cs = Countersign(server.url, server.api_key)

    def test_wait_for_decision_returns_once_a_reviewer_decides(self) -> None:
        item = self.cs.escalate(**body())
        decider = threading.Timer(1.0, lambda: server.command(f"decide {item['id']} rejected"))
        decider.start()
        started = time.monotonic()
        decided = self.cs.wait_for_decision(item["id"], timeout=60)
        decider.join()
        self.assertEqual(decided["status"], "decided")
        self.assertEqual(decided["decision"]["outcome"], "rejected")
        self.assertTrue(decided["decision"]["rationale"])
        self.assertLess(time.monotonic() - started, 30)

    def test_wait_for_decision_times_out_with_the_last_state(self) -> None:
        item = self.cs.escalate(**body())
        with self.assertRaises(DecisionTimeout) as raised:
            self.cs.wait_for_decision(item["id"], timeout=1.5)
        self.assertEqual(raised.exception.escalation["status"], "queued")


class VolumeTest(unittest.TestCase):
    def test_report_volume(self) -> None:
        from datetime import datetime, timedelta, timezone

        cs = Countersign(server.url, server.api_key)
        end = datetime(2026, 11, 1, tzinfo=timezone.utc)
        report = cs.report_volume(end - timedelta(days=1), end, total=1200, escalated=40)
        self.assertEqual(report["total"], 1200)
        with self.assertRaises(CountersignError) as raised:
            cs.report_volume(end, end - timedelta(days=1), total=5)
        self.assertIn("periodEnd", [issue["path"] for issue in raised.exception.issues])


class StopStateTest(unittest.TestCase):
    def test_state_is_verified_and_follows_a_halt(self) -> None:
        cs = Countersign(server.url, server.api_key)
        self.assertEqual(cs.system_state()["state"], "active")
        server.command("halt")
        try:
            halted = cs.system_state()
            self.assertEqual(halted["state"], "halted")
            self.assertTrue(halted["reason"])
        finally:
            server.command("resume")
        self.assertEqual(cs.system_state()["state"], "active")

    def test_a_tampered_state_fails_closed(self) -> None:
        cs = Countersign(server.url, server.api_key)
        real = cs._request("GET", "/api/v1/system")
        cs._request = lambda *args, **kwargs: (  # type: ignore[method-assign]
            {**real, "state": "active", "reason": None, "seq": real["seq"] + 1} if args[1] == "/api/v1/system" else Countersign._request(cs, *args, **kwargs)
        )
        with self.assertRaises(SignatureError):
            cs.system_state()

    def test_the_reference_verifier_agrees_with_the_server(self) -> None:
        cs = Countersign(server.url, server.api_key)
        state = cs._request("GET", "/api/v1/system")
        from countersign._canonical import canonical_json

        message = canonical_json({k: v for k, v in state.items() if k != "signature"})
        signature = base64.b64decode(state["signature"])
        self.assertTrue(_ed25519._reference_verify(cs._signing_key(), message, signature))
        self.assertFalse(_ed25519._reference_verify(cs._signing_key(), message + b" ", signature))


class WebhookTest(unittest.TestCase):
    # A delivery signed by the standardwebhooks npm package, as Countersign signs them.
    def signed(self, secret: str, payload: dict, msg_id: str = "msg_1", at: int = 0):
        at = at or int(time.time())
        raw = json.dumps(payload)
        headers = server.command(f"sign-webhook {secret} {msg_id} {at} {base64.b64encode(raw.encode()).decode()}")
        return headers, raw

    def test_verify_webhook(self) -> None:
        secret = "whsec_" + base64.b64encode(b"0123456789abcdef0123456789abcdef").decode()
        payload = {"type": "escalation.decided", "timestamp": "2026-12-01T10:00:00Z", "data": {"id": "esc_1"}}
        headers, raw = self.signed(secret, payload)
        self.assertEqual(Countersign.verify_webhook(secret, headers, raw), payload)
        from countersign import WebhookVerificationError

        with self.assertRaises(WebhookVerificationError):
            Countersign.verify_webhook(secret, headers, raw.replace("esc_1", "esc_2"))
        with self.assertRaises(WebhookVerificationError):
            Countersign.verify_webhook("whsec_" + base64.b64encode(b"another secret entirely, 32 byte").decode(), headers, raw)
        old_headers, old_raw = self.signed(secret, payload, at=int(time.time()) - 3600)
        with self.assertRaises(WebhookVerificationError):
            Countersign.verify_webhook(secret, old_headers, old_raw)


if __name__ == "__main__":
    unittest.main()
