"""A non-editable install carries the banks and katas and works from any folder."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return next(out.glob("interviewprep-*.whl"))


def test_wheel_contains_content_and_exercises(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    shipped_banks = sorted(p.name for p in (ROOT / "content").glob("*.yaml"))
    assert shipped_banks, "no shipped banks in content/"
    for name in shipped_banks:
        assert f"interviewprep/content/{name}" in names
    assert "interviewprep/content/guide-sections.tsv" in names
    for path in (ROOT / "exercises").rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts:
            assert f"interviewprep/exercises/{path.relative_to(ROOT / 'exercises')}" in names


def test_installed_wheel_works_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    # The dependencies come from the environment running the tests (no network), which
    # may itself be a venv: its site-packages go after the new venv's own, so the copy
    # of interviewprep under test is the wheel. A path added this way has its own .pth
    # files ignored, so an editable install there cannot take over either.
    site_dir = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    outer = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(site_dir) / "outer-environment.pth").write_text("\n".join(sorted(outer)) + "\n")
    subprocess.run(
        [str(python), "-m", "pip", "install", "--no-deps", "--force-reinstall", str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": "", "NO_COLOR": "1"}
    where = subprocess.run(
        [str(python), "-c", "import interviewprep.paths as p; print(p.content_dir())"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert where.startswith(str(env_dir)), where
    result = subprocess.run(
        [str(env_dir / "bin" / "interviewprep"), "validate"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no problems" in result.stdout
