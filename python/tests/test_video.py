"""render-rollout --video: an MP4 (through ffmpeg) and a GIF decode with the asked frame count
and size, and a missing ffmpeg is named."""
import os
import pathlib
import shutil
import subprocess

import pytest
from PIL import Image

RENDER = pathlib.Path(os.environ["ACPPO_BUILD_DIR"]) / "render-rollout"
STEPS, EVERY = 20, 2
FRAMES = STEPS // EVERY + 1  # steps 0, 2, ..., 20
ARGS = ["rollout", "--policy", "scripted", "--policy", "random", "--steps", str(STEPS), "--every", "0",
        "--width", "96", "--height", "72", "--thumb-width", "32", "--thumb-height", "24", "--frames", "2",
        "--video-every", str(EVERY)]
TILED = (2 + 2 * (96 + 2), 2 + 72 + 2)  # two policies side by side, 2-pixel padding


def render(tmp_path, video, env=None):
    return subprocess.run([str(RENDER), *ARGS, "--video", str(video), "--out", str(tmp_path / "out")],
                          capture_output=True, text=True, env=env)


def test_gif_has_every_frame(tmp_path):
    video = tmp_path / "rollout.gif"
    done = render(tmp_path, video)
    assert done.returncode == 0, done.stderr
    with Image.open(video) as gif:
        assert gif.n_frames == FRAMES
        assert gif.size == TILED
        assert gif.info["duration"] == 30  # 3 centiseconds: 2 control steps at 60 Hz, rounded


@pytest.mark.skipif(shutil.which("ffprobe") is None, reason="ffmpeg is not installed")
def test_mp4_decodes_with_every_frame(tmp_path):
    video = tmp_path / "rollout.mp4"
    done = render(tmp_path, video)
    assert done.returncode == 0, done.stderr
    probe = subprocess.run(["ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
                            "-show_entries", "stream=nb_read_frames,width,height,codec_name,r_frame_rate",
                            "-of", "default=noprint_wrappers=1", str(video)], capture_output=True, text=True, check=True)
    fields = dict(line.split("=", 1) for line in probe.stdout.split())
    assert int(fields["nb_read_frames"]) == FRAMES
    assert fields["codec_name"] == "h264" and fields["r_frame_rate"] == "30/1"
    assert (int(fields["width"]), int(fields["height"])) == TILED  # even already: no padding


def test_mp4_without_ffmpeg_says_how_to_get_it(tmp_path):
    video = tmp_path / "rollout.mp4"
    done = render(tmp_path, video, env={"PATH": str(tmp_path)})
    assert done.returncode != 0
    assert "ffmpeg" in done.stderr and "apt-get install ffmpeg" in done.stderr
    assert not video.exists()
