"""The Python env and the Swift world agree bit for bit: 200 steps of seeded actions through
GraspVectorEnv (the C ABI) against `world-bench trace` (the Swift World driven directly, as a
training run builds it), every column compared."""
import json
import subprocess

import numpy as np
import pytest

from acppo_grasp import GraspVectorEnv

STEPS = 200


def reference(build_dir, tmp_path, config, actions):
    """Runs `world-bench trace`; returns the initial observations and per-step columns."""
    config_file, actions_file, out_file = tmp_path / "config.json", tmp_path / "actions.f32", tmp_path / "columns.f32"
    config_file.write_text(json.dumps(config))
    actions.astype("<f4").tofile(actions_file)
    run = subprocess.run([str(build_dir / "world-bench"), "trace", "--config", str(config_file), "--actions", str(actions_file),
                          "--out", str(out_file)], check=True, capture_output=True, text=True)
    sizes = json.loads(run.stdout.strip().splitlines()[-1])
    n, d, steps = int(sizes["envCount"]), int(sizes["observationDim"]), int(sizes["steps"])
    data = np.fromfile(out_file, dtype="<f4")
    initial, rest = data[: n * d].reshape(n, d), data[n * d:]
    record = 2 * n * d + 4 * n
    assert rest.size == steps * record, "trace file size"
    rows = rest.reshape(steps, record)
    cut = np.cumsum([n * d, n, n, n, n])
    final_obs, reward, terminated, truncated, success, obs = np.split(rows, cut, axis=1)
    return initial, {
        "final_obs": final_obs.reshape(steps, n, d), "reward": reward, "terminated": terminated,
        "truncated": truncated, "success": success, "obs": obs.reshape(steps, n, d),
    }


def bits(a):
    """The float32 bit patterns (NaN-safe, tells -0 from 0)."""
    return np.ascontiguousarray(a, dtype=np.float32).view(np.uint32)


def seeded_actions(n, seed):
    """[STEPS, n, 24] actions: a slow per-env sweep plus noise, some beyond [-1, 1] (clipped by the world)."""
    rng = np.random.default_rng(seed)
    t = np.arange(STEPS, dtype=np.float64)[:, None, None]
    phase = rng.uniform(0, 2 * np.pi, size=(1, n, 24))
    return (np.sin(t / 17.0 + phase) + rng.normal(0, 0.4, size=(STEPS, n, 24))).astype(np.float32)


@pytest.mark.parametrize("kind", ["builtin", "library"])
def test_python_env_equals_swift_world_bit_for_bit(build_dir, tiny_library, tmp_path, kind):
    config = {"envCount": 4, "threads": 2, "seed": 11, "task": {"episodeLength": 40}}
    if kind == "library":
        config.update(library=str(tiny_library), trainSplit="test_seen")
    actions = seeded_actions(config["envCount"], seed=1234)
    initial, ref = reference(build_dir, tmp_path, config, actions)

    env = GraspVectorEnv(config)
    obs, _ = env.reset(seed=config["seed"])
    assert np.array_equal(bits(obs), bits(initial))
    ended_episodes = 0
    for t in range(STEPS):
        obs, reward, terminations, truncations, infos = env.step(actions[t])
        assert np.array_equal(bits(obs), bits(ref["obs"][t])), f"observation, step {t}"
        assert np.array_equal(bits(reward), bits(ref["reward"][t])), f"reward, step {t}"
        assert np.array_equal(terminations, ref["terminated"][t] != 0), f"terminated, step {t}"
        assert np.array_equal(truncations, ref["truncated"][t] != 0), f"truncated, step {t}"
        assert np.array_equal(infos["success"], ref["success"][t] != 0), f"success, step {t}"
        # the raw columns too: flags as the world's float32 0/1, every env's pre-reset observation
        assert np.array_equal(bits(env.world.terminated), bits(ref["terminated"][t])), f"terminated column, step {t}"
        assert np.array_equal(bits(env.world.truncated), bits(ref["truncated"][t])), f"truncated column, step {t}"
        assert np.array_equal(bits(env.world.success), bits(ref["success"][t])), f"success column, step {t}"
        assert np.array_equal(bits(env.world.final_observation), bits(ref["final_obs"][t])), f"final observation, step {t}"
        ended = terminations | truncations
        if ended.any():
            ended_episodes += int(ended.sum())
            assert np.array_equal(infos["_final_obs"], ended)
            for e in np.flatnonzero(ended):
                assert np.array_equal(bits(infos["final_obs"][e]), bits(ref["final_obs"][t][e])), f"final obs, step {t}, env {e}"
            assert np.array_equal(infos["final_info"]["success"][ended], ref["success"][t][ended] != 0)
        else:
            assert "final_obs" not in infos
    env.close()
    # 40-step episodes, staggered starts: every env ended about 5 times, so autoresets were compared
    assert ended_episodes >= 4 * 4


def test_same_seed_same_steps(build_dir):
    """Two envs with one seed, and one env reset to that seed after other steps, step alike."""
    config = {"envCount": 3, "threads": 1, "seed": 5, "task": {"episodeLength": 30}}
    actions = seeded_actions(3, seed=7)[:60]
    a, b = GraspVectorEnv(config), GraspVectorEnv(config)
    oa, _ = a.reset(seed=5)
    for t in range(25):
        b.step(actions[-1 - t])
    ob, _ = b.reset(seed=5)
    assert np.array_equal(bits(oa), bits(ob))
    for t in range(60):
        ra, rb = a.step(actions[t]), b.step(actions[t])
        assert np.array_equal(bits(ra[0]), bits(rb[0])) and np.array_equal(bits(ra[1]), bits(rb[1])), f"step {t}"
    a.close()
    b.close()
