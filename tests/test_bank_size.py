"""The bank size limit is checked before a file is read, so a huge file costs nothing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from interviewprep.bank.library import load_files
from interviewprep.bank.yamlsafe import MAX_BYTES
from tests.cli import run_cli

# Loads the file in a fresh process and reports how much the peak resident set grew.
MEASURE = """
import json, resource, sys
from pathlib import Path
from interviewprep.bank.library import load_files
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
library = load_files([Path(sys.argv[1])])
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"grew_kib": after - before, "problems": [str(p) for p in library.problems]}))
"""


def sparse_file(path: Path, size: int) -> Path:
    with path.open("wb") as handle:
        handle.truncate(size)  # no blocks written: reading it is the only cost
    return path


def test_a_3_gb_sparse_bank_is_refused_without_being_read(tmp_path: Path) -> None:
    path = sparse_file(tmp_path / "huge.yaml", 3 * 2**30)
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, str(path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    report = json.loads(out.stdout)
    assert report["grew_kib"] < 16 * 1024, report
    assert report["problems"] == [
        f"{path}:1: the file is 3072 MB; a bank may be at most 64 MB: split it into several banks"
    ]


def test_just_over_the_limit_is_refused_and_at_the_limit_is_parsed(tmp_path: Path) -> None:
    over = sparse_file(tmp_path / "over.yaml", MAX_BYTES + 1)
    [problem] = load_files([over]).problems
    assert "a bank may be at most 64 MB" in problem.message
    at = sparse_file(tmp_path / "at.yaml", MAX_BYTES)
    [problem] = load_files([at]).problems
    assert "64 MB" not in problem.message  # read and parsed: NUL bytes are its problem


def test_a_file_that_lies_about_its_size_is_read_only_up_to_the_limit(
    tmp_path: Path, monkeypatch
) -> None:
    """Files under /proc say they hold 0 bytes: whatever they hold, at most the limit is read."""
    from types import SimpleNamespace

    from interviewprep.bank import yamlsafe

    monkeypatch.setattr(yamlsafe, "MAX_BYTES", 2**20)
    path = tmp_path / "lies.yaml"
    path.write_bytes(b"#" * (5 * 2**20))
    real_fstat = yamlsafe.os.fstat
    reads: list[int] = []
    real_read = yamlsafe.os.read

    def fstat(fd: int) -> SimpleNamespace:
        return SimpleNamespace(st_size=0, st_mode=real_fstat(fd).st_mode)

    def read(fd: int, n: int) -> bytes:
        reads.append(n)
        return real_read(fd, n)

    monkeypatch.setattr(yamlsafe.os, "fstat", fstat)
    monkeypatch.setattr(yamlsafe.os, "read", read)
    [problem] = load_files([path]).problems
    assert problem.message == (
        "the file holds more than 1 MB; a bank may be at most 1 MB: split it into several banks"
    )
    assert sum(reads) <= 2**20 + 1


def test_validate_reports_the_size_cleanly(tmp_path: Path) -> None:
    path = sparse_file(tmp_path / "huge.yaml", 3 * 2**30)
    result = run_cli("validate", str(path))
    assert result.returncode == 2
    assert "Traceback" not in result.stdout + result.stderr
    assert f"{path}:1: the file is 3072 MB; a bank may be at most 64 MB" in result.stdout
