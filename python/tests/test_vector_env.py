"""GraspVectorEnv as gymnasium 1.x expects it: spaces, autoreset mode and infos, copies and views,
the observation layout, reset seeds."""
import numpy as np
from gymnasium.vector import AutoresetMode

from acppo_grasp import GraspVectorEnv, GraspWorld

CONFIG = {"envCount": 3, "threads": 1, "seed": 2, "task": {"episodeLength": 6, "staggerFirstEpisodes": False}}


def test_spaces_and_metadata():
    env = GraspVectorEnv(CONFIG)
    assert env.num_envs == 3
    assert env.metadata["autoreset_mode"] == AutoresetMode.SAME_STEP
    assert env.single_observation_space.shape == (235,) and env.single_observation_space.dtype == np.float32
    assert env.single_action_space.shape == (24,)
    assert np.all(env.single_action_space.low == -1) and np.all(env.single_action_space.high == 1)
    assert env.observation_space.shape == (3, 235) and env.action_space.shape == (3, 24)
    obs, infos = env.reset(seed=2)
    assert env.observation_space.contains(obs) and infos == {}
    assert env.action_names[0] == "wrist force x" and env.action_names[6].startswith("finger target ")
    env.close()


def test_observation_groups_tile_the_vector():
    env = GraspVectorEnv(CONFIG)
    groups = list(env.observation_groups.items())
    assert groups[0] == ("joint positions (to [-1, 1])", slice(0, 22))
    assert groups[-1] == ("object shape code x 0.1", slice(171, 235))
    for (_, a), (_, b) in zip(groups, groups[1:]):
        assert a.stop == b.start
    obs, _ = env.reset()
    # "last action" of a fresh world is zero, "goal - object position" is the goal above the object
    assert np.all(obs[:, env.observation_groups["last action"]] == 0)
    env.close()
    small = GraspVectorEnv({**CONFIG, "task": {"observationMode": "geometry-unaware"}})
    assert small.single_observation_space.shape[0] == list(small.observation_groups.values())[-1].stop < 235
    assert "object shape code x 0.1" not in small.observation_groups
    small.close()


def test_same_step_autoreset_infos():
    env = GraspVectorEnv(CONFIG)
    env.reset(seed=2)
    actions = np.zeros((3, 24), np.float32)
    for t in range(6):
        obs, rewards, terminations, truncations, infos = env.step(actions)
        assert rewards.dtype == np.float32 and terminations.dtype == bool and truncations.dtype == bool
        assert infos["success"].dtype == bool and infos["_success"].all()
    # unstaggered 6-step episodes: all three end together at the sixth step
    assert truncations.all() and not terminations.any()
    assert infos["_final_obs"].all() and infos["_final_info"].all()
    final = np.stack(infos["final_obs"])
    assert final.shape == (3, 235)
    assert np.array_equal(final, env.world.final_observation)
    # the returned observation is the new episode's first: the same as a fresh world's
    fresh = GraspWorld(CONFIG)
    assert not np.array_equal(obs, final)
    assert np.array_equal(obs[:, :22], fresh.observation[:, :22]), "joints back at their start"
    fresh.close()
    obs, _, _, truncations, infos = env.step(actions)
    assert not truncations.any() and "final_obs" not in infos
    env.close()


def test_copies_by_default_views_on_request():
    env = GraspVectorEnv(CONFIG)
    first, _ = env.reset()
    kept = first.copy()
    env.step(np.full((3, 24), 0.5, np.float32))
    assert np.array_equal(first, kept), "a returned copy does not change"
    first[0, 0] = 42.0  # and is writable
    env.close()

    env = GraspVectorEnv(CONFIG, copy=False)
    view, _ = env.reset()
    assert not view.flags.writeable
    before = view.copy()
    obs, rewards, _, _, _ = env.step(np.full((3, 24), 0.5, np.float32))
    assert obs is not None and np.shares_memory(obs, view)
    assert not np.array_equal(view, before), "a view follows the world"
    env.close()


def test_unseeded_reset_starts_new_episodes_reproducibly():
    def run():
        env = GraspVectorEnv({**CONFIG, "task": {"episodeLength": 50}})
        env.reset(seed=9)
        first = env.world.seed
        env.reset()  # untouched since the seeded reset: nothing changes
        assert env.world.seed == first == 9
        env.step(np.zeros((3, 24), np.float32))
        obs, _ = env.reset()
        seed = env.world.seed
        env.close()
        return obs, seed
    (a, seed_a), (b, seed_b) = run(), run()
    assert seed_a == seed_b != 9
    assert np.array_equal(a, b)


def test_gymnasium_vector_wrappers_compose():
    """The wrappers a CleanRL-style PPO puts around a vector env (docs/python.md); gymnasium's
    observation wrappers refuse same-step autoreset envs (they would not transform final_obs)."""
    import gymnasium as gym
    import pytest

    env = GraspVectorEnv(CONFIG)
    with pytest.raises(ValueError, match="NEXT_STEP or DISABLED"):
        gym.wrappers.vector.NormalizeObservation(env)
    env = gym.wrappers.vector.RecordEpisodeStatistics(env)
    env = gym.wrappers.vector.ClipAction(env)
    env = gym.wrappers.vector.NormalizeReward(env, gamma=0.99)
    obs, _ = env.reset(seed=1)
    assert obs.shape == (3, 235)
    for _ in range(6):
        obs, rewards, terminations, truncations, infos = env.step(np.full((3, 24), 3.0, np.float32))
    assert truncations.all()
    assert infos["_episode"].all() and np.all(infos["episode"]["l"] == 6), "episodes of 6 steps were counted"
    assert np.all(np.isfinite(obs)) and np.all(np.isfinite(rewards))
    env.close()


def test_one_env_and_learner_keys_are_not_the_worlds_business():
    """A world-train config's learner keys decode but do not constrain the world (one env is fine
    although the default ppo.minibatchCount of 2 needs two envs to train)."""
    env = GraspVectorEnv({"envCount": 1, "threads": 1, "algorithm": "ppo", "ppo": {"gamma": 0.95}})
    obs, _ = env.reset()
    assert obs.shape == (1, 235) and env.world.config["ppo"]["gamma"] == 0.95
    env.close()
