"""The grader's side of the result channel: frames from the child, checked before use.

A frame is a 4-byte header length, a JSON header, a payload of the size the header
declares, and an HMAC-SHA256 of header and payload under a key made for this run (see
harness.Channel). Every bound is checked before the bytes it guards are read or kept:
the header length, each array's declared size against what its call may produce, the
verdict's size. Nothing is decompressed and nothing is unpickled, so the memory the
grader spends on a child's results is at most the budgets it set. Anything that does
not check out raises `Damaged` with a sentence saying what was wrong.
"""

from __future__ import annotations

import hmac
import json
import math
import re
import struct
from dataclasses import dataclass, field
from typing import Any

MAC_BYTES = 32
HEADER_LIMIT = 64 * 2**10  # a header is a few hundred bytes of JSON
RESULT_LIMIT = 16 * 2**20  # the verdict: kinds, cut tracebacks, notes
MAX_PARTS = 64  # arrays in one returned tuple (the harness sends no more)
MAX_DIMS = 32
# Plain numbers only: no object, string, void or datetime dtype can be declared.
_DTYPE = re.compile(r"^[<>|=]?[biufc][0-9]{1,2}$")


class Damaged(Exception):
    """The child's results cannot be trusted: malformed, cut off, too large or forged."""


@dataclass
class Received:
    """What arrived: arrays by call id and index, plain values by call id, the verdict."""

    arrays: dict[str, dict[int, Any]] = field(default_factory=dict)
    values: dict[str, bytes] = field(default_factory=dict)
    report: dict[str, Any] | None = None
    frames: int = 0


class FrameReader:
    """Feed it the bytes of the result pipe as they come; it keeps only what checks out."""

    def __init__(self, key: bytes, budgets: dict[str, int]) -> None:
        self._key = key
        self._left = dict(budgets)  # bytes each call may still send
        self._buffer = bytearray()
        self._header: dict[str, Any] | None = None
        self._header_bytes = b""
        self.received = Received()

    def feed(self, chunk: bytes) -> None:
        if self.received.report is not None and chunk:
            raise Damaged("more data came after the verdict")
        self._buffer += chunk
        while self._step():
            pass

    def finish(self) -> Received:
        """The results once the pipe is closed; a frame cut short is damage."""
        if self._header is not None or self._buffer:
            raise Damaged(
                "the results were cut off in the middle "
                f"({len(self._buffer):,} bytes of an unfinished frame)"
            )
        return self.received

    # -- one frame at a time ------------------------------------------------------------

    def _step(self) -> bool:
        if self._header is None:
            if len(self._buffer) < 4:
                return False
            (length,) = struct.unpack(">I", self._buffer[:4])
            if length > HEADER_LIMIT:
                raise Damaged(f"a frame header declares {length:,} bytes (at most "
                              f"{HEADER_LIMIT:,}): this is not the grader's data")  # fmt: skip
            if len(self._buffer) < 4 + length:
                return False
            self._header_bytes = bytes(self._buffer[4 : 4 + length])
            del self._buffer[: 4 + length]
            self._header = self._check_header(self._header_bytes)
        need = self._header["size"] + MAC_BYTES
        if len(self._buffer) < need:
            return False
        payload = self._buffer[: self._header["size"]]  # a copy, so arrays are writable
        mac = bytes(self._buffer[self._header["size"] : need])
        del self._buffer[:need]
        check = hmac.new(self._key, self._header_bytes, "sha256")
        check.update(payload)
        if not hmac.compare_digest(mac, check.digest()):
            raise Damaged("a frame's check code does not match: something other than the "
                          "grader wrote to its channel")  # fmt: skip
        self._accept(self._header, payload)
        self._header = None
        self.received.frames += 1
        return True

    def _check_header(self, raw: bytes) -> dict[str, Any]:
        try:
            header = json.loads(raw)
        except (UnicodeDecodeError, ValueError) as exc:
            raise Damaged(f"a frame header is not JSON ({exc})") from None
        if not isinstance(header, dict):
            raise Damaged("a frame header is not an object")
        kind: Any = header.get("type")
        size: Any = header.get("size")
        seq: Any = header.get("seq")
        if not _is_int(size) or size < 0 or seq != self.received.frames:
            raise Damaged(f"a frame header is malformed: {_short(header)}")
        if kind == "result":
            if size > RESULT_LIMIT:
                raise Damaged(f"the verdict declares {size:,} bytes (at most {RESULT_LIMIT:,})")
            return header
        call = header.get("call")
        if kind not in ("array", "value") or not isinstance(call, str) or call not in self._left:
            raise Damaged(f"a frame header is malformed: {_short(header)}")
        if kind == "array":
            size_of_shape = _array_size(header)
            if size_of_shape != size:
                raise Damaged(f"an array frame's size does not match its shape: {_short(header)}")
        if size > self._left[call]:
            raise Damaged(
                f"the output of call {call} declares {size:,} bytes, more than the "
                f"{self._left[call]:,} that call can produce"
            )
        self._left[call] -= size
        return header

    def _accept(self, header: dict[str, Any], payload: bytearray) -> None:
        kind = header["type"]
        if kind == "result":
            try:
                report = json.loads(payload)
            except (UnicodeDecodeError, ValueError) as exc:
                raise Damaged(f"the verdict is not JSON ({exc})") from None
            if not isinstance(report, dict) or not isinstance(report.get("status"), str):
                raise Damaged("the verdict has no status")
            self.received.report = report
        elif kind == "value":
            self.received.values[header["call"]] = bytes(payload)
        else:
            import numpy as np

            parts = self.received.arrays.setdefault(header["call"], {})
            if header["index"] in parts:
                raise Damaged(f"two arrays for part {header['index']} of call {header['call']}")
            array = np.frombuffer(payload, dtype=np.dtype(header["dtype"]))
            parts[header["index"]] = array.reshape(header["shape"])


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _short(header: dict[str, Any]) -> str:
    text = json.dumps(header)
    return text if len(text) < 200 else text[:197] + "..."


def _array_size(header: dict[str, Any]) -> int:
    """The bytes an array of the declared dtype and shape holds; Damaged if either is bad."""
    import numpy as np

    dtype: Any = header.get("dtype")
    shape: Any = header.get("shape")
    index: Any = header.get("index")
    if not _is_int(index) or not 0 <= index < MAX_PARTS:
        raise Damaged(f"an array frame has a bad part index: {_short(header)}")
    if not isinstance(dtype, str) or not _DTYPE.match(dtype):
        raise Damaged(f"an array frame declares a dtype that is not plain numbers: {dtype!r}")
    if (not isinstance(shape, list) or len(shape) > MAX_DIMS
            or not all(_is_int(n) and n >= 0 for n in shape)):  # fmt: skip
        raise Damaged(f"an array frame declares a bad shape: {_short(header)}")
    try:
        itemsize = np.dtype(dtype).itemsize
    except TypeError:
        raise Damaged(f"an array frame declares an unknown dtype {dtype!r}") from None
    return math.prod(shape) * itemsize  # Python integers: a huge shape cannot overflow
