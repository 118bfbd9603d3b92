"""Every failure comes back as an exception carrying the library's message, never a crash."""
import ctypes
import json

import numpy as np
import pytest

from acppo_grasp import (ArgumentError, ConfigError, GraspVectorEnv, GraspWorld, HandleError, ObjectsError)
from acppo_grasp import _library

SMALL = {"envCount": 2, "threads": 1}


@pytest.mark.parametrize("config, names", [
    ("{not json", "not valid JSON"),
    ("[1, 2]", "top level must be a JSON object"),
    ({"envCount": 2, "bogus": 1}, "unknown key 'bogus'"),
    ({"task": {"episodeLenght": 50}}, "unknown key 'episodeLenght'"),
    ({"envCount": "four"}, "envCount"),
    ({"task": {"observationMode": "pixels"}}, "task.observationMode"),
    ({"envCount": 0}, "envCount must be >= 1"),
    ({"envCount": 10**6}, "envCount must be at most"),
    ({"seed": -1}, "seed"),
    ({"task": {"episodeLength": 0}}, "task.episodeLength must be in 1..."),
    ({"task": {"episodeLength": 10**10}}, "task.episodeLength must be in 1..."),
    ({"threads": 0}, "threads must be >= 1"),
    ({"objectMaxRadius": -0.1}, "objectMaxRadius"),
    ({"split": "train"}, "needs a library"),
    ({"objects": []}, "objects must be a non-empty array"),
])
def test_bad_config_names_the_field(config, names):
    with pytest.raises(ConfigError) as caught:
        GraspWorld(config if isinstance(config, str) else json.dumps(config))
    assert names in str(caught.value)
    assert caught.value.status == 2


def test_unknown_object_and_split(tiny_library):
    with pytest.raises(ObjectsError, match="unknown object 'teapot'.*box-30x30x30"):
        GraspWorld({**SMALL, "objects": ["teapot"]})
    with pytest.raises(ObjectsError, match=r"no split 'nope' \(have train, test_seen, test_unseen\)"):
        GraspWorld({**SMALL, "library": str(tiny_library), "split": "nope"})
    with pytest.raises(ObjectsError, match="missing or unreadable"):
        GraspWorld({**SMALL, "library": str(tiny_library / "absent")})


def test_objects_restrict_what_resets_draw(tiny_library):
    with GraspWorld({**SMALL, "library": str(tiny_library), "split": "test_unseen"}) as world:
        assert world.config["split"] == "test_unseen"
    with GraspWorld({"envCount": 6, "threads": 1, "objects": ["sphere-40"]}) as world:
        code = world.observation[:, world.observation_groups["object shape code x 0.1"]]
        assert np.array_equal(code, np.repeat(code[:1], 6, axis=0)), "every env holds the one object"


def test_wrong_action_shape_and_count():
    env = GraspVectorEnv(SMALL)
    env.reset()
    with pytest.raises(ValueError, match=r"actions must have shape \(2, 24\), got \(2, 23\)"):
        env.step(np.zeros((2, 23), np.float32))
    with pytest.raises(ValueError, match=r"got \(48,\)"):
        env.step(np.zeros(48, np.float32))
    # the C ABI checks the count itself
    lib, actions = _library.load(), np.zeros(47, np.float32)
    with pytest.raises(ArgumentError, match=r"expected 48 actions \(2 envs x 24\), got 47"):
        _library.check(lib, lib.gw_step(env.world.handle, actions.ctypes.data, actions.size))
    with pytest.raises(ArgumentError, match="actions is null"):
        _library.check(lib, lib.gw_step(env.world.handle, None, 48))
    env.close()


def test_nan_action_is_refused_and_nothing_moves():
    env = GraspVectorEnv(SMALL)
    before, _ = env.reset()
    actions = np.zeros((2, 24), np.float32)
    actions[1, 7] = np.nan
    with pytest.raises(ArgumentError, match="env 1, index 7 is NaN"):
        env.step(actions)
    assert np.array_equal(env.world.observation, before)
    actions[1, 7] = np.inf  # infinities are clipped to 1 by the world, as every action is
    env.step(actions)
    env.close()


def test_calls_on_a_destroyed_handle():
    env = GraspVectorEnv(SMALL)
    handle = env.world.handle
    env.close()
    env.close()  # idempotent
    with pytest.raises(HandleError, match=f"handle {handle} was destroyed"):
        env.step(np.zeros((2, 24), np.float32))
    with pytest.raises(HandleError, match="was destroyed"):
        env.world.observation
    lib = _library.load()
    with pytest.raises(HandleError, match="handle 987654321 was never created"):
        _library.check(lib, lib.gw_reset(987654321, 0, 0))


def test_bad_arguments_to_the_abi():
    lib = _library.load()
    with GraspWorld(SMALL) as world:
        out = ctypes.c_void_p()
        with pytest.raises(ArgumentError, match="unknown column 99"):
            _library.check(lib, lib.gw_view(world.handle, 99, ctypes.byref(out), None))
        with pytest.raises(ArgumentError, match=r"index 13 out of range \(0 ..< 13\)"):
            _library.check(lib, lib.gw_observation_group(world.handle, 13, None, None, None))
        with pytest.raises(ArgumentError, match="index -1 out of range"):
            _library.check(lib, lib.gw_action_name(world.handle, -1, None))
        with pytest.raises(ArgumentError, match="config_json is null"):
            _library.check(lib, lib.gw_create(None, ctypes.byref(ctypes.c_uint64())))


def test_reset_arguments():
    env = GraspVectorEnv(SMALL)
    with pytest.raises(ValueError, match="takes no options"):
        env.reset(options={"difficulty": 3})
    with pytest.raises(ValueError, match="seed must be an integer"):
        env.reset(seed=-3)
    env.close()
