# outcome: failed
# A wrong softmax (over the whole array) that forges a passing verdict when the process
# exits: an atexit hook computes the right answers from the inputs it kept and writes
# them over the results, wherever they are.
import atexit
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import contextlib

from _channels import pipes, result_files

seen = []


def softmax(x, axis=-1):
    seen.append((np.array(x), axis))
    e = np.exp(x - x.max())
    return e / e.sum()


def _right(x, axis):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def forge():
    for path in result_files():  # the old channel: a job folder named in argv
        with open(path, encoding="utf-8") as f:
            report = json.load(f)
        report.update(status="ok", errors={})
        with open(path, "w", encoding="utf-8") as f:
            json.dump(report, f)
        folder = os.path.dirname(path)
        outputs = {f"{i}.0__0": _right(x, axis) for i, (x, axis) in enumerate(seen)}
        np.savez(os.path.join(folder, "outputs.npz"), **outputs)
    for fd in pipes():  # the new channel: a forged verdict frame
        with contextlib.suppress(OSError):
            os.write(fd, b'\x00\x00\x00\x11{"type":"result"}' + b"\x00" * 64)


atexit.register(forge)
