"""TensorBoard's own reader reads back every metrics.csv scalar of a short run, across a resume,
and the end-of-run rollout sheet as an image."""
import csv
import os
import pathlib
import subprocess

import numpy as np
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

WORLD_TRAIN = pathlib.Path(os.environ["ACPPO_BUILD_DIR"]) / "world-train"


def run(*args):
    subprocess.run([str(WORLD_TRAIN), *args], check=True, capture_output=True, text=True)


def read_events(folder):
    files = sorted(folder.glob("events.out.tfevents.*"))
    assert len(files) == 1, f"expected one event file, found {files}"
    acc = EventAccumulator(str(folder), size_guidance={"scalars": 0, "images": 0})
    acc.Reload()
    return acc


def test_every_metrics_column_reads_back_after_resume(tmp_path):
    out = tmp_path / "run"
    run("--algo", "ppo", "--envs", "4", "--iterations", "2", "--out", str(out), "--no-pictures")
    run("--resume", str(out), "--iterations", "3")
    acc = read_events(out)
    with open(out / "metrics.csv") as f:
        rows = list(csv.DictReader(f))
    assert [int(r["iteration"]) for r in rows] == [1, 2, 3]
    columns = [c for c in rows[0] if c != "iteration"]
    assert sorted(acc.Tags()["scalars"]) == sorted(columns)
    for column in columns:
        events = acc.Scalars(column)
        assert [e.step for e in events] == [1, 2, 3], column
        expected = np.array([float(r[column]) for r in rows], dtype=np.float32)
        got = np.array([e.value for e in events], dtype=np.float32)
        np.testing.assert_array_equal(got, expected, err_msg=column)
    assert acc.Tags()["images"] == ["rollout/sheet"]
    image = acc.Images("rollout/sheet")[0]
    assert image.step == 3
    assert image.encoded_image_string[:8] == b"\x89PNG\r\n\x1a\n"
    assert (image.width, image.height) == (int.from_bytes(image.encoded_image_string[16:20], "big"),
                                           int.from_bytes(image.encoded_image_string[20:24], "big"))
