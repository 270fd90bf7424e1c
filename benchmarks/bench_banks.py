"""Time loading generated banks of 1,000 / 10,000 / 100,000 cards.

Run: python -m benchmarks.bench_banks
"""

from __future__ import annotations

import tempfile
import time
import tracemalloc
from pathlib import Path

from benchmarks.generate import generated_bank_text
from interviewprep.bank.library import load_files


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for n in (1_000, 10_000, 100_000):
            path = Path(tmp) / f"gen{n}.yaml"
            path.write_text(generated_bank_text(n), encoding="utf-8")
            start = time.perf_counter()
            library = load_files([path])
            elapsed = time.perf_counter() - start
            assert len(library.cards) == n and not library.problems
            # Memory is measured on a second load: tracing slows the loader several-fold.
            tracemalloc.start()
            load_files([path])
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            print(f"load {n:>7,} cards: {elapsed:7.3f} s   peak {peak / 2**20:7.1f} MiB")


if __name__ == "__main__":
    main()
