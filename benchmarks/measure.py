"""Wall time and peak memory of a command run in a fresh process."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass

# Linux carries a process's peak resident size across fork and exec, so a child
# forked straight from this (large) benchmark process would report our peak, not
# its own. A small launcher process starts the command instead and reports the
# command's time, peak and exit code; its own ~10 MiB stays below any real figure.
_LAUNCHER = """
import os, sys, time
start = time.perf_counter()
quiet = [(os.POSIX_SPAWN_OPEN, fd, os.devnull, os.O_WRONLY, 0) for fd in (1, 2)]
pid = os.posix_spawn(sys.argv[1], sys.argv[1:], os.environ, file_actions=quiet)
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - start
kib = usage.ru_maxrss // 1024 if sys.platform == "darwin" else usage.ru_maxrss
print(seconds, kib, os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime)
"""


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mib: float  # the command's largest resident set
    returncode: int
    # CPU seconds (user + system) the command used: less moved than wall time by other
    # work on the machine, which only delays it.
    cpu: float = 0.0


def run_measured(argv: list[str], env: dict[str, str] | None = None) -> Run:
    launcher = [sys.executable, "-I", "-S", "-c", _LAUNCHER, *argv]
    out = subprocess.run(
        launcher, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, check=True
    )
    seconds, kib, code, cpu = out.stdout.split()
    return Run(float(seconds), int(kib) / 1024, int(code), float(cpu))


def best_of(n: int, argv: list[str], env: dict[str, str] | None = None) -> Run:
    """The fastest of n runs (the least disturbed by the rest of the machine)."""
    runs = [run_measured(argv, env) for _ in range(n)]
    for run in runs:
        if run.returncode != 0:
            raise SystemExit(f"{' '.join(argv)} exited with {run.returncode}")
    return min(runs, key=lambda r: r.seconds)


# The same in a pseudo-terminal, for an interactive command: the launcher says when it
# starts the command and its pid; the benchmark waits until the command has put a
# pattern on screen (the first card), then ends it, and the launcher reports its peak.
# Times come from the monotonic clock, which is one clock for every process.
_PTY_LAUNCHER = """
import os, signal, sys, time
signal.signal(signal.SIGINT, signal.SIG_IGN)
start = time.monotonic()
pid = os.posix_spawn(sys.argv[1], sys.argv[1:], os.environ, setsigdef=(signal.SIGINT,))
print("LAUNCHED", start, pid, flush=True)
_, status, usage = os.wait4(pid, 0)
kib = usage.ru_maxrss // 1024 if sys.platform == "darwin" else usage.ru_maxrss
print("PEAK", kib, usage.ru_utime + usage.ru_stime, flush=True)
"""


def until_on_screen(
    argv: list[str], pattern: str, env: dict[str, str] | None = None, timeout: float = 120
) -> Run:
    """Seconds from starting `argv` in an 80x24 pty until `pattern` (a regex) is on
    screen, and the command's peak resident memory; the command is then killed."""
    import contextlib
    import os
    import signal
    import time

    import pexpect

    child = pexpect.spawn(
        sys.executable, ["-I", "-S", "-c", _PTY_LAUNCHER, *argv], env=env,
        encoding="utf-8", timeout=timeout, dimensions=(24, 80),
    )  # fmt: skip
    try:
        child.expect(r"LAUNCHED (\S+) (\d+)")
        start, pid = float(child.match.group(1)), int(child.match.group(2))
        child.expect(pattern)
        seconds = time.monotonic() - start
        with contextlib.suppress(ProcessLookupError):  # it had finished by itself
            os.kill(pid, signal.SIGKILL)
        child.expect(r"PEAK (\d+) (\S+)")
        peak = int(child.match.group(1)) / 1024
        cpu = float(child.match.group(2))  # up to the kill, a moment after the pattern
    finally:
        child.close(force=True)
    return Run(seconds, peak, 0, cpu)
