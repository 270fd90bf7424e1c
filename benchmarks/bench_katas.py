"""Wall time of `interviewprep kata check` with the reference solution, numpy track.

Run: python -m benchmarks.bench_katas [--track torch]

Each check is the real command in a fresh process (start-up, grading in one child
process, store write), against a throw-away data folder. Target: about 1 s per kata.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time

from interviewprep.katas.catalog import load_catalog


def time_check(name: str, file: str, track: str, env: dict[str, str]) -> tuple[float, int]:
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "interviewprep", "kata", "check", name, "--file", file,
         "--track", track, "--json"],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    return time.perf_counter() - start, result.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--track", default="numpy", choices=("numpy", "torch"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "INTERVIEWPREP_HOME": tmp, "HOME": tmp}
        times = []
        for kata in load_catalog():
            elapsed, code = time_check(kata.name, str(kata.solution(args.track)), args.track, env)
            times.append(elapsed)
            verdict = "passed" if code == 0 else f"EXIT {code}"
            print(f"kata check {kata.name:<22} {elapsed:6.2f} s   {verdict}")
        print(f"{'mean':<33} {sum(times) / len(times):6.2f} s   (max {max(times):.2f} s)")


if __name__ == "__main__":
    main()
