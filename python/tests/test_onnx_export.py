"""`world-train export`: the ONNX model, run by onnxruntime on observations of a Swift rollout,
gives the Swift policy's mean action chunks; its metadata describes the layouts and execution."""
import json
import os
import pathlib
import subprocess

import numpy as np
import onnxruntime as ort
import pytest

BUILD = pathlib.Path(os.environ["ACPPO_BUILD_DIR"])
ROOT = pathlib.Path(__file__).resolve().parents[2]
CLONE = ROOT / "assets" / "policies" / "box-clone"
SAMPLES = 1000
TOLERANCE = 1e-5

# Short training runs (debug build, a few seconds each) covering the modes the config allows:
# name -> (world-train arguments, expected chunk length h, normaliser on, actions clipped).
TRAINED = {
    "ppo-clip-only": (["--algo", "ppo", "--set", "ppo.normalizeObservations=false"], 1, False, True),
    "acppo-h3-tanh-unclipped": (["--algo", "acppo", "--chunk", "3", "--set", "ppo.activation=tanh",
                                 "--set", "ppo.clipActions=false"], 3, True, False),
    "acppo-naive": (["--algo", "acppo-naive", "--chunk", "2"], 1, True, True),
}


def world_train(*args, check=True):
    """Runs the debug world-train with `args`; returns the completed process."""
    result = subprocess.run([str(BUILD / "world-train"), *map(str, args)], cwd=ROOT,
                            capture_output=True, text=True, timeout=600)
    if check and result.returncode != 0:
        raise AssertionError(f"world-train {' '.join(map(str, args))} failed ({result.returncode}):\n"
                             f"{result.stdout}\n{result.stderr}")
    return result


def export(checkpoint, folder, samples=SAMPLES):
    """Exports `checkpoint` with reference samples; returns (model path, observations, chunks)."""
    model = folder / "policy.onnx"
    world_train("export", checkpoint, "--onnx", model, "--samples", samples, "--samples-out", folder / "samples")
    return (model, np.load(folder / "samples" / "observations.npy"), np.load(folder / "samples" / "actions.npy"))


def train(name, folder):
    """A 2-iteration run of 4 envs under TRAINED[name]; returns its run directory."""
    run = folder / name
    world_train("--envs", 4, "--iterations", 2, "--threads", 1, "--out", run, "--no-pictures",
                "--set", "checkpointEvery=2", "--set", "evalEpisodesPerObject=0", "--set", "selectionObjects=0",
                *TRAINED[name][0])
    return run


def metadata(model):
    return ort.InferenceSession(str(model), providers=["CPUExecutionProvider"]).get_modelmeta().custom_metadata_map


def run_model(model, observations):
    session = ort.InferenceSession(str(model), providers=["CPUExecutionProvider"])
    return session.run(["actions"], {"observation": observations})[0]


def check_against_swift(model, observations, chunks, h):
    """onnxruntime's actions on the recorded observations equal the Swift policy's within 1e-5."""
    assert observations.shape == (SAMPLES, int(metadata(model)["observation_dim"]))
    assert observations.dtype == np.float32 and chunks.dtype == np.float32
    assert chunks.shape == (SAMPLES, h, 24)
    assert np.ptp(observations, axis=0).max() > 0, "the rollout's observations never changed"
    actions = run_model(model, observations)
    assert actions.shape == chunks.shape
    error = float(np.abs(actions - chunks).max())
    print(f"{model}: max abs error {error:.3g} over {chunks.size} actions")
    assert error <= TOLERANCE, f"max abs error {error} > {TOLERANCE}"
    # relative to the actions' size too (a short run's actions are small)
    assert error <= 1e-4 * float(np.abs(chunks).max()), f"max abs error {error} against actions up to {np.abs(chunks).max()}"
    # one row at a time gives the same (the batch dimension is dynamic and rows are independent)
    single = np.concatenate([run_model(model, observations[i:i + 1]) for i in range(0, SAMPLES, 97)])
    assert np.abs(single - chunks[::97]).max() <= TOLERANCE
    return error


def numpy_policy(loaded, observations):
    """The computation docs/export.md describes, in numpy, from the model's tensors and metadata."""
    from onnx import numpy_helper
    t = {i.name: numpy_helper.to_array(i) for i in loaded.graph.initializer}
    meta = {p.key: p.value for p in loaded.metadata_props}
    clip = np.float32(meta["observation_clip"])
    x = observations
    if meta["observation_preprocessing"] == "normalize_then_clip":
        x = (x - t["obs_mean"]) / (np.sqrt(t["obs_variance"]) + np.float32(meta["observation_epsilon"]))
    x = np.clip(x, -clip, clip)
    layers = sum(1 for name in t if name.startswith("actor.") and name.endswith(".weight"))
    for layer in range(layers):
        x = x @ t[f"actor.{layer}.weight"] + t[f"actor.{layer}.bias"]
        if layer < layers - 1:
            x = {"elu": lambda v: np.where(v > 0, v, np.expm1(np.minimum(v, 0))), "tanh": np.tanh,
                 "linear": lambda v: v}[meta["hidden_activation"]](x)
    x = x.reshape(len(x), int(meta["chunk_length"]), int(meta["action_dim"]))
    return np.clip(x, -1, 1) if meta["action_clip"] != "none" else x


def check_model_file(model, observations, chunks):
    """onnx.checker accepts the model and its tensors give the Swift actions by the documented
    formula, when the onnx package is installed."""
    try:
        import onnx
    except ImportError:
        return
    loaded = onnx.load(str(model))
    onnx.checker.check_model(loaded, full_check=True)
    assert loaded.opset_import[0].version == 17 and loaded.ir_version == 8
    assert [i.name for i in loaded.graph.input] == ["observation"]
    assert [o.name for o in loaded.graph.output] == ["actions"]
    assert np.abs(numpy_policy(loaded, observations) - chunks).max() <= TOLERANCE


def test_clone_export_matches_swift_policy(tmp_path):
    model, observations, chunks = export(CLONE, tmp_path)
    meta = metadata(model)
    assert meta["chunk_length"] == "2"
    check_against_swift(model, observations, chunks, h=2)
    check_model_file(model, observations, chunks)
    assert meta["observation_preprocessing"] == "normalize_then_clip"
    assert float(meta["observation_epsilon"]) == pytest.approx(0.01)
    assert float(meta["observation_clip"]) == 5
    assert meta["action_clip"] == "[-1, 1]"
    assert np.abs(chunks).max() <= 1
    # layouts
    groups = json.loads(meta["observation_layout"])
    assert groups[0] == {"name": "joint positions (to [-1, 1])", "start": 0, "end": 22}
    assert [g["start"] for g in groups[1:]] == [g["end"] for g in groups[:-1]], "groups must tile the vector"
    assert groups[-1]["end"] == int(meta["observation_dim"]) == 235
    assert groups[-1]["name"] == "object shape code x 0.1"
    actions = json.loads(meta["action_layout"])
    assert [a["index"] for a in actions] == list(range(24)) == list(range(int(meta["action_dim"])))
    assert [a["name"] for a in actions[:7]] == ["wrist force x", "wrist force y", "wrist force z",
                                                "wrist torque x", "wrist torque y", "wrist torque z", "FFJ3"]
    assert actions[6]["kind"] == "finger target" and actions[6]["lower"] < actions[6]["upper"]
    # execution and provenance
    assert float(meta["control_rate_hz"]) == 60
    assert meta["project"] == "ACPPOGrasp"
    assert meta["algorithm"] == "acppo" and meta["objective"] == "chunked"
    assert pathlib.Path(meta["source_run"]) == CLONE
    assert pathlib.Path(meta["source_checkpoint"]) == CLONE / "checkpoints" / "clone"
    assert meta["iteration"] == "0"
    description = ort.InferenceSession(str(model), providers=["CPUExecutionProvider"]).get_modelmeta().description
    assert "open loop" in description and "query the model again" in description


@pytest.mark.parametrize("name", sorted(TRAINED))
def test_trained_run_export_matches_swift_policy(tmp_path, name):
    _, h, normalised, clipped = TRAINED[name]
    run = train(name, tmp_path)
    model, observations, chunks = export(run, tmp_path)
    meta = metadata(model)
    assert meta["chunk_length"] == str(h)
    assert meta["observation_preprocessing"] == ("normalize_then_clip" if normalised else "clip")
    assert ("observation_epsilon" in meta) == normalised
    assert meta["action_clip"] == ("[-1, 1]" if clipped else "none")
    assert meta["iteration"] == "2"
    assert pathlib.Path(meta["source_checkpoint"]) == run / "checkpoints" / "iter_000002"
    check_against_swift(model, observations, chunks, h)
    check_model_file(model, observations, chunks)


def test_same_checkpoint_gives_same_bytes(tmp_path):
    first, second = tmp_path / "a.onnx", tmp_path / "b.onnx"
    world_train("export", CLONE, "--onnx", first, "--samples", 50)
    world_train("export", CLONE / "checkpoints" / "clone", "--onnx", second, "--samples", 50)
    assert first.read_bytes() == second.read_bytes()
    for name in ["observations.npy", "actions.npy"]:
        assert (tmp_path / "a-samples" / name).read_bytes() == (tmp_path / "b-samples" / name).read_bytes()


def test_errors_name_the_problem(tmp_path):
    missing = world_train("export", tmp_path / "nothing-here", "--onnx", tmp_path / "x.onnx", check=False)
    assert missing.returncode != 0 and "nothing-here" in missing.stderr and "no such folder" in missing.stderr
    empty = tmp_path / "empty-run"
    empty.mkdir()
    not_checkpoint = world_train("export", empty, "--onnx", tmp_path / "x.onnx", check=False)
    assert not_checkpoint.returncode != 0 and "neither a checkpoint folder" in not_checkpoint.stderr
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    unwritable = world_train("export", CLONE, "--onnx", blocker / "policy.onnx", check=False)
    assert unwritable.returncode != 0 and str(blocker / "policy.onnx") in unwritable.stderr
    assert not (tmp_path / "x.onnx").exists()
