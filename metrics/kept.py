"""Batches kept while the database was locked: written as JSON beside the database, read back
into the package's own value types.

JSON with an explicit list of the types it may rebuild, never pickle: a file in `pending/` is
data, so a file someone else put there cannot run code, and a batch written by an older version
that no longer fits fails with a clear reason instead of half-loading.
"""

from __future__ import annotations

import base64
import dataclasses
import json
from datetime import datetime
from typing import Any

FORMAT = "mediametrics kept batch 1"


class KeptBatchError(ValueError):
    """A kept batch that cannot be read back."""


def dumps(value: Any) -> str:
    return json.dumps({"format": FORMAT, "value": _encode(value)}, ensure_ascii=False)


def loads(text: str, types: dict[str, type]) -> Any:
    """Rebuild a value written by `dumps`, allowing only the dataclasses in `types` (by name)."""
    try:
        doc = json.loads(text)
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise KeptBatchError(f"not a {FORMAT!r} file")
        return _decode(doc["value"], types)
    except KeptBatchError:
        raise
    except (ValueError, TypeError, KeyError) as exc:
        raise KeptBatchError(f"{type(exc).__name__}: {exc}") from exc


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {"$type": type(value).__name__,
                **{f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}}
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, bytes):
        return {"$bytes": base64.b64encode(value).decode("ascii")}
    if isinstance(value, tuple):
        return {"$tuple": [_encode(v) for v in value]}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {"$dict": [[_encode(k), _encode(v)] for k, v in value.items()]}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot keep a {type(value).__name__}")


def _decode(value: Any, types: dict[str, type]) -> Any:
    if isinstance(value, list):
        return [_decode(v, types) for v in value]
    if not isinstance(value, dict):
        return value
    if "$datetime" in value:
        return datetime.fromisoformat(value["$datetime"])
    if "$bytes" in value:
        return base64.b64decode(value["$bytes"])
    if "$tuple" in value:
        return tuple(_decode(v, types) for v in value["$tuple"])
    if "$dict" in value:
        return {_decode(k, types): _decode(v, types) for k, v in value["$dict"]}
    name = value.get("$type")
    if name not in types:
        raise KeptBatchError(f"unknown type {name!r} in a kept batch")
    fields = {k: _decode(v, types) for k, v in value.items() if k != "$type"}
    try:
        return types[name](**fields)
    except TypeError as exc:  # a field added or removed since the batch was written
        raise KeptBatchError(f"{name} no longer fits this version: {exc}") from exc
