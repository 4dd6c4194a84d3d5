"""The canonical JSON (RFC 8785) Countersign signs: sorted keys, no whitespace, UTF-8.

Countersign's signed bodies hold only strings, whole numbers, booleans and null, for which
RFC 8785 agrees with Python's own sorted, compact JSON, except that keys sort by UTF-16 code
units. Floats are refused rather than risk a serialisation that differs from the signer's.
"""

from __future__ import annotations

import json
from typing import Any


def _utf16_key(key: str) -> bytes:
    return key.encode("utf-16-be")


def _check(value: Any) -> Any:
    if isinstance(value, float):
        raise ValueError("canonical JSON here carries no floating-point numbers")
    if isinstance(value, dict):
        return {k: _check(value[k]) for k in sorted(value, key=_utf16_key)}
    if isinstance(value, list):
        return [_check(v) for v in value]
    return value


def canonical_json(value: Any) -> bytes:
    ordered = _check(value)
    # json.dumps keeps the insertion order built above; sort_keys would use code points instead.
    return json.dumps(ordered, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")
