"""Safe YAML reading that keeps line numbers and refuses what banks never need.

Only the safe loader is used (the C one when present). Anchors and aliases are
refused before composing, which also stops "billion laughs" documents, and so is
nesting deeper than any bank needs, before it can exhaust the stack.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

try:
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

MAX_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 16
# A line this long is never typed by a person; a flow list of millions of tiny items
# on one line took minutes to parse. The event limit bounds any other huge file while
# leaving room for generated banks of 100,000 cards (about 25 events a card).
MAX_LINE = 1024 * 1024
MAX_EVENTS = 5_000_000
# Python refuses to turn an integer of more than 4,300 digits into text (and int()
# of a long one is quadratic); float() overflows far sooner. No bank needs an integer
# written with more than this many characters, so such a value is never built.
MAX_INT_TEXT = 100


DEEP_NESTING = f"nesting deeper than {MAX_DEPTH} levels; a bank never needs this"


class YamlProblem(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class Located:
    """A parsed document, with the line of every mapping key and sequence item."""

    value: Any
    node: yaml.Node


@dataclass(frozen=True)
class HugeNumber:
    """An integer too long to build, kept only so validation can say where it is."""

    digits: int
    start: str  # its first digits, for messages

    def __repr__(self) -> str:
        return f"a number of {self.digits:,} digits"

    def __str__(self) -> str:
        return f"{self.start}…"


INT_TAG = "tag:yaml.org,2002:int"


def _huge(node: yaml.Node) -> HugeNumber | None:
    if node.tag != INT_TAG:
        return None
    text = str(node.value).replace("_", "").lstrip("+-")
    return HugeNumber(len(text), text[:12]) if len(text) > MAX_INT_TEXT else None


class _BankLoader(_Loader):  # type: ignore[misc,valid-type]
    def construct_yaml_int(self, node: yaml.ScalarNode) -> int | HugeNumber:
        return _huge(node) or super().construct_yaml_int(node)


_BankLoader.add_constructor(INT_TAG, _BankLoader.construct_yaml_int)


def _line(mark: Any) -> int:
    return (mark.line + 1) if mark is not None else 1


def _check_lines(data: bytes) -> None:
    start = 0
    while start < len(data):
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        if end - start > MAX_LINE:
            raise YamlProblem(
                data.count(b"\n", 0, start) + 1,
                f"line longer than {MAX_LINE // 1024} KB; a bank never needs this",
            )
        start = end + 1


def _check_events(text: str) -> None:
    depth = 0
    for count, event in enumerate(yaml.parse(text, Loader=_Loader)):
        if count > MAX_EVENTS:
            raise YamlProblem(
                _line(event.start_mark),
                f"more than {MAX_EVENTS:,} YAML items in one file; split the bank",
            )
        if isinstance(event, yaml.AliasEvent):
            raise YamlProblem(
                _line(event.start_mark),
                "YAML aliases (*name) are not allowed in banks; write the text out in full",
            )
        if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
            if event.anchor is not None:
                raise YamlProblem(
                    _line(event.start_mark),
                    "YAML anchors (&name) are not allowed in banks; write the text out in full",
                )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlProblem(
                    _line(event.start_mark),
                    DEEP_NESTING,
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _too_large(size: int | None) -> YamlProblem:
    mib = 1024 * 1024
    limit = f"a bank may be at most {MAX_BYTES // mib} MB: split it into several banks"
    if size is None:
        return YamlProblem(1, f"the file holds more than {MAX_BYTES // mib} MB; {limit}")
    return YamlProblem(1, f"the file is {-(-size // mib)} MB; {limit}")


def read_bank_bytes(path: Path) -> bytes:
    """A bank file's bytes, refused by its size before any of it is read.

    A sparse or huge file would otherwise cost its whole size in memory on every
    command. No more than the limit is ever read, even from a file whose size says
    nothing (those under /proc say 0). Raises YamlProblem, or OSError when unreadable.
    """
    # O_NONBLOCK: a FIFO put where a bank was must not hang the open.
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise YamlProblem(1, "not a regular file; a bank is a YAML text file")
        if info.st_size > MAX_BYTES:
            raise _too_large(info.st_size)
        chunks: list[bytes] = []
        left = MAX_BYTES + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1024 * 1024))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(fd)
    if left <= 0:
        raise _too_large(None)
    return b"".join(chunks)


def parse_yaml(data: bytes) -> Located | None:
    """Parse one bank file's bytes; None for an empty document. Raises YamlProblem."""
    if len(data) > MAX_BYTES:
        raise _too_large(len(data))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise YamlProblem(
            data.count(b"\n", 0, exc.start) + 1,
            "not a UTF-8 text file (is it a YAML bank?)",
        ) from None
    _check_lines(data)
    if "\x00" in text:
        raise YamlProblem(text.count("\n", 0, text.index("\x00")) + 1, "file contains NUL bytes")
    try:
        _check_events(text)
        loader = _BankLoader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None
            value = loader.construct_document(node)
        finally:
            loader.dispose()
    except YamlProblem:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = " ".join(part for part in (exc.context, exc.problem) if part)
        if "could not determine a constructor" in what:
            tag = what.split("tag:yaml.org,2002:")[-1].rstrip("'")
            raise YamlProblem(
                _line(mark), f"the YAML tag !!{tag} is not allowed: banks hold plain data only"
            ) from None
        if "nesting depth" in what:  # newer libyaml stops deep nesting itself
            raise YamlProblem(_line(mark), DEEP_NESTING) from None
        raise YamlProblem(_line(mark), f"YAML syntax error: {what}") from None
    except yaml.YAMLError as exc:
        raise YamlProblem(1, f"YAML error: {exc}") from None
    except RecursionError:
        raise YamlProblem(1, "nesting too deep") from None
    return Located(value, node)


def key_lines(node: yaml.Node) -> dict[str, int]:
    """The line of each key of a mapping node."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {
        str(_huge(k) or k.value): _line(k.start_mark)
        for k, _ in node.value
        if isinstance(k, yaml.ScalarNode)
    }


def duplicate_keys(node: yaml.Node) -> list[tuple[str, int]]:
    """Keys written twice in one mapping: YAML keeps the last silently, we do not."""
    if not isinstance(node, yaml.MappingNode):
        return []
    seen: set[str] = set()
    dupes = []
    for k, _ in node.value:
        if isinstance(k, yaml.ScalarNode):
            if k.value in seen:
                dupes.append((str(k.value), _line(k.start_mark)))
            seen.add(k.value)
    return dupes


def child(node: yaml.Node, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return v
    return None


def node_line(node: yaml.Node | None) -> int:
    return _line(node.start_mark) if node is not None else 1
