"""Wall time and peak memory of `interviewprep kata check` with each reference solution.

Run: python -m benchmarks.bench_katas [--track torch]

Each check is the real command in a fresh process (start-up, grading in one child
process, store write), against a throw-away data folder. Target: 1.5 s per kata on the numpy track.
Two checks per kata: the reference solution (every case passes: the contract is checked
on each, no diagnosis), and the first wrong-solution fixture of tests/kata_fixtures (a
failing file: every catalogued mistake is run on every case to find the one that fits).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from benchmarks.measure import run_measured
from interviewprep.katas.catalog import load_catalog
from interviewprep.paths import HOME_ENV

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "kata_fixtures"


def _first_wrong(kata: str, track: str) -> Path | None:
    folder = FIXTURES / kata / ("torch" if track == "torch" else "")
    found = sorted(folder.glob("wrong_*.py"))
    return found[0] if found else None


def run(track: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, HOME_ENV: tmp, "HOME": tmp}
        times, wrong_times = [], []
        for kata in load_catalog():
            argv = [sys.executable, "-m", "interviewprep", "kata", "check", kata.name,
                    "--file", str(kata.solution(track)), "--track", track, "--json"]  # fmt: skip
            result = run_measured(argv, env)
            times.append(result.seconds)
            verdict = "passed" if result.returncode == 0 else f"EXIT {result.returncode}"
            line = (f"kata check {kata.name:<22} {result.seconds:6.2f} s   "
                    f"{result.peak_mib:5.0f} MiB   {verdict}")  # fmt: skip
            wrong = _first_wrong(kata.name, track)
            if wrong is not None:
                failing = run_measured([*argv[:7], str(wrong), *argv[8:]], env)
                wrong_times.append(failing.seconds)
                line += f"   {wrong.name}: {failing.seconds:.2f} s (exit {failing.returncode})"
            print(line, flush=True)
        print(f"{'mean':<33} {sum(times) / len(times):6.2f} s   (max {max(times):.2f} s)")
        if wrong_times:
            print(f"{'mean, a wrong solution':<33} {sum(wrong_times) / len(wrong_times):6.2f} s"
                  f"   (max {max(wrong_times):.2f} s)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--track", default="numpy", choices=("numpy", "torch"))
    run(parser.parse_args().track)


if __name__ == "__main__":
    main()
