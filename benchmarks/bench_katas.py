"""Wall time and peak memory of `interviewprep kata check` with each reference solution.

Run: python -m benchmarks.bench_katas [--track torch]

Each check is the real command in a fresh process (start-up, grading in one child
process, store write), against a throw-away data folder. Target: 1.5 s per kata on the numpy track.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile

from benchmarks.measure import run_measured
from interviewprep.katas.catalog import load_catalog
from interviewprep.paths import HOME_ENV


def run(track: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, HOME_ENV: tmp, "HOME": tmp}
        times = []
        for kata in load_catalog():
            argv = [sys.executable, "-m", "interviewprep", "kata", "check", kata.name,
                    "--file", str(kata.solution(track)), "--track", track, "--json"]  # fmt: skip
            result = run_measured(argv, env)
            times.append(result.seconds)
            verdict = "passed" if result.returncode == 0 else f"EXIT {result.returncode}"
            print(
                f"kata check {kata.name:<22} {result.seconds:6.2f} s   "
                f"{result.peak_mib:5.0f} MiB   {verdict}",
                flush=True,
            )
        print(f"{'mean':<33} {sum(times) / len(times):6.2f} s   (max {max(times):.2f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--track", default="numpy", choices=("numpy", "torch"))
    run(parser.parse_args().track)


if __name__ == "__main__":
    main()
