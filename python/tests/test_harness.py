"""The harness itself: the build folder the tests are pointed at holds the Swift binaries."""
import os
import pathlib


def test_build_dir_has_world_train():
    build = pathlib.Path(os.environ["ACPPO_BUILD_DIR"])
    assert (build / "world-train").is_file(), f"no world-train in {build}"


def test_build_dir_has_the_world_library():
    build = pathlib.Path(os.environ["ACPPO_BUILD_DIR"])
    assert (build / "libGraspWorld.so").is_file() or (build / "libGraspWorld.dylib").is_file(), f"no libGraspWorld in {build}"
