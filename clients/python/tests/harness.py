"""Starts the real Countersign server the suite talks to (apps/server/src/testing/client-harness.ts)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


class Server:
    def __init__(self) -> None:
        tsx = ROOT / "node_modules" / ".bin" / "tsx"
        self.process = subprocess.Popen(
            [str(tsx), "apps/server/src/testing/client-harness.ts"],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "NODE_NO_WARNINGS": "1"},
        )
        first = self.process.stdout.readline()
        if not first:
            raise RuntimeError("the Countersign test server did not start; see its output above")
        started = json.loads(first)
        self.url: str = started["url"]
        self.api_key: str = started["apiKey"]

    def command(self, line: str):
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()
        answer = json.loads(self.process.stdout.readline())
        if not answer["ok"]:
            raise RuntimeError(answer["error"])
        return answer["value"]

    def stop(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=20)
