# outcome: damaged
# A right softmax whose process cuts its results short: half a frame on the pipe, then
# the process ends; with the old channel, result.json is cut in half at exit.
import atexit
import os
import struct
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import contextlib

from _channels import pipes, result_files


def truncate():
    for path in result_files():
        with open(path, "rb") as f:
            data = f.read()
        with open(path, "wb") as f:
            f.write(data[: len(data) // 2])


atexit.register(truncate)


def softmax(x, axis=-1):
    fds = pipes()
    if fds and not result_files():
        for fd in fds:
            with contextlib.suppress(OSError):
                os.write(fd, struct.pack(">I", 200) + b'{"type": "result", "seq": 0, "si')
        os._exit(0)
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)
