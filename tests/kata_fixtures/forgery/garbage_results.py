# outcome: damaged
# A right softmax whose process scribbles over its results channel when it exits.
import atexit
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _channels import write_everywhere


def softmax(x, axis=-1):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


written = []


def scribble():
    write_everywhere(b"\xff\xfe not the grader's results \x00" * 100)


atexit.register(scribble)  # the old channel: result.json after the harness wrote it


def _once():
    if not written:
        written.append(True)
        scribble()  # the new channel: the pipe, while the cases run


_softmax = softmax


def softmax(x, axis=-1):
    _once()
    return _softmax(x, axis)
