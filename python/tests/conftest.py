"""Shared fixtures: the build folder (ACPPO_BUILD_DIR, set by tools/test-python), its tools, and
a tiny object library made by asset-import."""
import os
import pathlib
import subprocess

import pytest


@pytest.fixture(scope="session")
def build_dir() -> pathlib.Path:
    """The folder holding the Swift binaries and libGraspWorld."""
    return pathlib.Path(os.environ["ACPPO_BUILD_DIR"])


@pytest.fixture(scope="session")
def tiny_library(build_dir, tmp_path_factory) -> pathlib.Path:
    """A procedural library of 4 training, 2 seen-category and 2 unseen-category objects."""
    out = tmp_path_factory.mktemp("library")
    subprocess.run([str(build_dir / "asset-import"), "generate", "--train", "4", "--seen-test", "2", "--unseen-test", "2",
                    "--points", "256", "--output", str(out)], check=True, capture_output=True, text=True)
    return out
