"""Writing files the person names without losing anything: safe export targets and
names for kept copies that never collide."""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from interviewprep.errors import UserError

STDOUT = "-"
_TRIES = 10_000


def create_unique(folder: Path, stem: str, suffix: str) -> Path:
    """Create and return a new empty file `folder/stem[-N]suffix`, never an existing one.

    O_EXCL makes the check and the creation one step, so two commands started in the
    same second (or a fixed clock in a test) get two files instead of sharing one name.
    The caller fills the file by replacing it.
    """
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(1, _TRIES + 1):
        path = folder / (f"{stem}{suffix}" if n == 1 else f"{stem}-{n}{suffix}")
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            continue
        os.close(fd)
        return path
    raise UserError(f"{folder}: {_TRIES} files named {stem}-N{suffix} already exist")


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _check_not_ours(target: Path, files: Sequence[Path], folders: Sequence[Path]) -> None:
    """Refuse a target that is (by name, symlink or hard link) one of the files we keep."""
    real = Path(os.path.realpath(target))
    same = _identity(real)
    for kept in files:
        if real == Path(os.path.realpath(kept)) or (same is not None and same == _identity(kept)):
            raise UserError(
                f"{target} is interviewprep's own {kept.name}; it is never written over",
                hint="choose another file name",
            )
    for folder in folders:
        real_folder = Path(os.path.realpath(folder))
        inside = real_folder in real.parents
        linked = (
            same is not None
            and real_folder.is_dir()
            and any(_identity(p) == same for p in real_folder.iterdir())
        )
        if inside or linked:
            raise UserError(
                f"{target} is in (or linked to) interviewprep's folder {folder}; "
                "what is kept there is never written over",
                hint="choose a file outside that folder",
            )


def check_output(
    target: Path, *, force: bool, files: Sequence[Path] = (), folders: Sequence[Path] = ()
) -> Path:
    """The real path to write `target` to, or a UserError saying why it may not be."""
    _check_not_ours(target, files, folders)
    real = Path(os.path.realpath(target))
    if not real.parent.is_dir():
        raise UserError(
            f"{target}: the folder {real.parent} does not exist", hint="create it first"
        )
    try:
        st = os.stat(real)
    except FileNotFoundError:
        return real
    if stat.S_ISDIR(st.st_mode):
        raise UserError(f"{target} is a folder", hint="give a file name inside it")
    if not stat.S_ISREG(st.st_mode):
        raise UserError(
            f"{target} is not a regular file (a device, pipe or socket); it is not written to",
            hint=f"give a new file name, or {STDOUT} for standard output",
        )
    if not force:
        raise UserError(
            f"{target} already exists", hint="add --force to replace it, or choose another name"
        )
    return real


def temporary_beside(target: Path) -> Path:
    """A new empty file in target's folder, named after it (mkstemp: no two commands ever
    share one), for writing before it is renamed over target."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    return Path(name)


@contextlib.contextmanager
def atomic_path(target: Path, *, private: bool = False) -> Iterator[Path]:
    """A temporary path to write; when the block ends without error it replaces target in
    one rename, so a reader (or a crash) sees the old file or the new one, never half of
    one. On any failure the temporary file is removed and target is left as it was.
    A private file keeps mkstemp's 0600; any other gets the mode a new file would."""
    tmp = temporary_beside(target)
    try:
        yield tmp
        if not private:
            os.chmod(tmp, _default_mode())
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def _default_mode() -> int:
    # mkstemp makes a 0600 file; an export should get the mode any new file would.
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _remove_temp(tmp: Path) -> None:
    # The writer may have made its own temporary beside ours (ours + ".tmp"); the random
    # part of our name makes anything starting with it ours.
    for leftover in [tmp, *tmp.parent.glob(f"{tmp.name}.*")]:
        leftover.unlink(missing_ok=True)


@contextlib.contextmanager
def output_file(
    target: Path, *, force: bool, files: Sequence[Path] = (), folders: Sequence[Path] = ()
) -> Iterator[Path]:
    """A new temporary path for the writer; on success it becomes `target`.

    `target` "-" means standard output. Otherwise the temporary file is made by mkstemp
    in the target's folder (so the final rename is atomic and no name is shared), and
    `target` must be a new path or, with `force`, a regular file; it is never one of
    `files` or inside `folders`. On any failure nothing is left behind.
    """
    to_stdout = str(target) == STDOUT
    real = None if to_stdout else check_output(target, force=force, files=files, folders=folders)
    if real is None:
        fd, name = tempfile.mkstemp(prefix="interviewprep-", suffix=".tmp")
        os.close(fd)
        tmp = Path(name)
    else:
        tmp = temporary_beside(real)
    try:
        yield tmp
        if real is None:
            with tmp.open("rb") as handle:
                shutil.copyfileobj(handle, sys.stdout.buffer)
            sys.stdout.buffer.flush()
        else:
            os.chmod(tmp, _default_mode())
            _put_in_place(tmp, real, target, force=force)
    finally:
        _remove_temp(tmp)


def _put_in_place(tmp: Path, real: Path, target: Path, *, force: bool) -> None:
    if force:
        os.replace(tmp, real)
        return
    try:
        # A hard link fails if the name was taken meanwhile: no overwrite, even in a race.
        os.link(tmp, real)
    except FileExistsError:
        raise UserError(
            f"{target} already exists", hint="add --force to replace it, or choose another name"
        ) from None
    except OSError:  # a file system without hard links: the check above has to do
        if real.exists():
            raise UserError(f"{target} already exists", hint="add --force to replace it") from None
        os.replace(tmp, real)
