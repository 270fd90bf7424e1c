"""Shared by the forgery fixtures: every place the grader's results could travel.

The old grader named its job folder in sys.argv and read result.json and outputs.npz
from it; the new one sends frames on an inherited pipe. A forger tries both.
"""

import contextlib
import os
import sys


def result_files():
    """result.json in a job folder named on the command line (the old channel)."""
    return [os.path.join(a, "result.json") for a in sys.argv[1:] if os.path.isdir(a)]


def pipes():
    """Every inherited pipe we may write to, other than our own stdout and stderr."""
    found = []
    for name in os.listdir("/proc/self/fd"):
        fd = int(name)
        if fd < 3:
            continue
        try:
            if os.readlink(f"/proc/self/fd/{fd}").startswith("pipe:"):
                os.fstat(fd)
                found.append(fd)
        except OSError:
            continue
    return found


def write_everywhere(data):
    for path in result_files():
        with open(path, "wb") as f:
            f.write(data)
    for fd in pipes():
        with contextlib.suppress(OSError):
            os.write(fd, data)
