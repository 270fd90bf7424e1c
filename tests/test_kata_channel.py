"""The verdict cannot be forged or broken: results travel on a checked channel, anything
malformed is "could not run" with a clear message, and the grader's memory stays bounded."""

from __future__ import annotations

import errno
import hmac
import json
import struct
import tempfile
import textwrap
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from interviewprep.katas.catalog import find_kata
from interviewprep.katas.channel import Damaged, FrameReader
from interviewprep.katas.grader import GradeStatus, grade
from interviewprep.katas.runner import RunStatus
from tests.cli import run_cli
from tests.kata_helpers import FIXTURES

FORGERIES = sorted((FIXTURES / "forgery").glob("[a-z]*.py"))


def _outcome(path: Path) -> str:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# outcome:"), path
    return first.split(":", 1)[1].strip()


@pytest.mark.parametrize("path", FORGERIES, ids=[p.stem for p in FORGERIES])
def test_code_that_tampers_with_its_results_cannot_forge_the_verdict(path: Path) -> None:
    report = grade(find_kata("softmax"), path)
    assert report.run is not None
    if _outcome(path) == "failed":  # the wrong softmax is graded as what it computes
        assert report.status is GradeStatus.FAILED, report.to_json()
        assert report.cases_passed < len(report.cases)
    else:  # damaged results: could not run, and it says why
        assert report.status is GradeStatus.ERROR, report.to_json()
        assert report.run.status is RunStatus.RESULTS_DAMAGED
        assert report.to_json()["diagnosis"].startswith(
            "could not run: the grader could not read your code's results: "
        )


def test_damaged_results_are_a_clean_cli_failure() -> None:
    path = FIXTURES / "forgery" / "truncated_results.py"
    result = run_cli("kata", "check", "softmax", "--file", str(path))
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "could not read your code's results" in result.stdout
    assert "cut off" in result.stdout


def test_a_full_temporary_folder_does_not_stop_the_grader(monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*args: Any, **kwargs: Any) -> Any:
        raise OSError(errno.ENOSPC, "No space left on device")

    for name in ("mkdtemp", "mkstemp", "TemporaryDirectory", "NamedTemporaryFile"):
        monkeypatch.setattr(tempfile, name, full)
    kata = find_kata("softmax")
    assert grade(kata, kata.solution("numpy")).status is GradeStatus.PASSED


# -- the frame reader, byte by byte --------------------------------------------------------

KEY = b"k" * 32


def frame(header: dict[str, Any], payload: bytes = b"", key: bytes = KEY) -> bytes:
    head = json.dumps({"size": len(payload), **header}).encode()
    mac = hmac.new(key, head + payload, "sha256").digest()
    return struct.pack(">I", len(head)) + head + payload + mac


def array_frame(seq: int, call: str, data: bytes, shape: list[int]) -> bytes:
    return frame({"type": "array", "seq": seq, "call": call, "index": 0, "dtype": "<f8",
                  "shape": shape}, data)  # fmt: skip


def verdict(seq: int) -> bytes:
    body = json.dumps({"status": "ok", "kinds": {"0.0": "array"}}).encode()
    return frame({"type": "result", "seq": seq}, body)


def read(data: bytes, budget: int = 1024) -> Any:
    reader = FrameReader(KEY, {"0.0": budget})
    for i in range(0, len(data), 7):  # in small pieces, as a pipe may deliver them
        reader.feed(data[i : i + 7])
    return reader.finish()


def test_well_formed_frames_are_read() -> None:
    import numpy as np

    values = np.arange(4.0)
    got = read(array_frame(0, "0.0", values.tobytes(), [2, 2]) + verdict(1))
    assert got.report["status"] == "ok"
    np.testing.assert_array_equal(got.arrays["0.0"][0], values.reshape(2, 2))
    got.arrays["0.0"][0][0, 0] = 1.0  # writable, like any array


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"\xff\xfe garbage " * 10, "frame header declares"),
        (struct.pack(">I", 5) + b"nope!" + b"\x00" * 40, "not JSON"),
        (array_frame(0, "0.0", b"\x00" * 32, [4])[:-5], "cut off"),
        (
            array_frame(
                0,
                "0.0",
                b"\x00" * 32,
                [4],
            )
            + verdict(1)[:3],
            "cut off",
        ),
        (frame({"type": "result", "seq": 0}, b"{}", key=b"x" * 32), "check code does not match"),
        (array_frame(1, "0.0", b"\x00" * 8, [1]), "malformed"),  # out of sequence
        (array_frame(0, "9.9", b"\x00" * 8, [1]), "malformed"),  # no such call
        (array_frame(0, "0.0", b"\x00" * 16, [1]), "does not match its shape"),
        (
            frame(
                {"type": "array", "seq": 0, "call": "0.0", "index": 0, "dtype": "|O", "shape": [1]},
                b"\x00" * 8,
            ),
            "not plain numbers",
        ),
        (array_frame(0, "0.0", b"\x00" * 2048, [256]), "more than the 1,024"),
        (verdict(0) + verdict(1), "after the verdict"),
        (frame({"type": "result", "seq": 0}, b"[1, 2]"), "no status"),
    ],
)
def test_malformed_frames_are_damage_with_a_reason(data: bytes, fragment: str) -> None:
    with pytest.raises(Damaged, match=fragment):
        read(data)


def test_a_huge_declared_output_is_refused_before_it_is_read() -> None:
    # A header that claims 8 GiB, followed by a stream of bytes: nothing of it is kept.
    header = json.dumps({"type": "array", "seq": 0, "call": "0.0", "index": 0,
                         "dtype": "<f8", "shape": [2**30], "size": 2**33}).encode()  # fmt: skip
    reader = FrameReader(KEY, {"0.0": 2**20})
    tracemalloc.start()
    try:
        with pytest.raises(Damaged, match="declares 8,589,934,592 bytes"):
            reader.feed(struct.pack(">I", len(header)) + header)
            for _ in range(1000):
                reader.feed(b"\x00" * 65536)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 2**20


# -- outputs far larger than the case -------------------------------------------------------


def _softmax_file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "softmax_numpy.py"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def test_a_huge_output_is_not_read_and_the_grader_stays_small(tmp_path: Path) -> None:
    # 1 GiB once for the first case (calloc: the child does not even touch it).
    path = _softmax_file(
        tmp_path,
        """
        import numpy as np

        calls = []

        def softmax(x, axis=-1):
            calls.append(1)
            if len(calls) == 1:
                return np.zeros(2**27)
            e = np.exp(x - x.max(axis=axis, keepdims=True))
            return e / e.sum(axis=axis, keepdims=True)
        """,
    )
    tracemalloc.start()
    try:
        report = grade(find_kata("softmax"), path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert report.status is GradeStatus.FAILED
    first = report.cases[0]
    assert not first.passed
    assert "shape (134217728,) float64 (1,073,741,824 bytes)" in first.message
    assert "did not read it" in first.message
    assert all(c.passed for c in report.cases[1:])
    assert peak < 64 * 2**20, peak


def test_a_compressed_bomb_left_for_the_grader_is_never_opened(tmp_path: Path) -> None:
    # The old grader read outputs.npz from the job folder: a small file that expands to
    # 2 GiB. Now nothing is read from any folder, and nothing is decompressed.
    path = _softmax_file(
        tmp_path,
        """
        import atexit, os, sys
        import numpy as np

        def softmax(x, axis=-1):
            return np.zeros_like(x)

        def bomb():
            for folder in [*sys.argv[1:], os.getcwd()]:
                if os.path.isdir(folder):
                    np.savez_compressed(os.path.join(folder, "outputs.npz"),
                                        **{"0.0__0": np.zeros(2**28, np.int8)})

        atexit.register(bomb)
        bomb()
        """,
    )
    tracemalloc.start()
    try:
        report = grade(find_kata("softmax"), path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert report.status is GradeStatus.FAILED  # zeros are not a softmax
    assert peak < 64 * 2**20, peak
