"""The harness itself: the build folder the tests are pointed at holds the Swift binaries."""
import os
import pathlib


def test_build_dir_has_world_train():
    build = pathlib.Path(os.environ["ACPPO_BUILD_DIR"])
    assert (build / "world-train").is_file(), f"no world-train in {build}"
