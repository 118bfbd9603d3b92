"""The world of libGraspWorld as a Python object: create, reset, step, and numpy views of its columns."""
from __future__ import annotations

import ctypes
import json
from typing import Any, Mapping

import numpy as np

from . import _library

#: Column numbers of gw_view (GW_COLUMN_* in include/grasp_world.h).
COLUMNS = {
    "observation": 0,
    "reward": 1,
    "terminated": 2,
    "truncated": 3,
    "success": 4,
    "final_observation": 5,
    "non_finite": 6,
}


class GraspWorld:
    """One world of ``env_count`` envs stepped together (the C ABI, one handle).

    ``config``: a dict or JSON text with any subset of the keys of a ``world-train --config``
    file (``envCount``, ``threads``, ``seed``, ``library``, ``objectMaxRadius``, ``trainSplit``,
    ``task``), plus ``split`` and ``objects`` (docs/python.md). Column views (``observation``,
    ``reward``, ...) are read-only float32 numpy arrays over the library's buffers: no copy is
    made, their contents change at every ``step`` and ``reset``, each keeps the world alive,
    and none may be read after ``close``.
    """

    def __init__(self, config: Mapping[str, Any] | str | None = None):
        self._lib = _library.load()
        text = config if isinstance(config, str) else json.dumps(dict(config or {}))
        handle = ctypes.c_uint64(0)
        self._check(self._lib.gw_create(text.encode("utf-8"), ctypes.byref(handle)))
        self.handle = handle.value
        self._closed = False
        n, d, a = ctypes.c_int64(), ctypes.c_int64(), ctypes.c_int64()
        self._check(self._lib.gw_dims(self.handle, ctypes.byref(n), ctypes.byref(d), ctypes.byref(a)))
        #: Envs, features per observation, actions per env.
        self.env_count, self.observation_dim, self.action_dim = n.value, d.value, a.value
        #: Observation group name -> slice of the observation vector, in layout order.
        self.observation_groups: dict[str, slice] = self._groups()
        #: Name of each action entry (wrist force and torque, then finger targets), in order.
        self.action_names: list[str] = [self._string(self._lib.gw_action_name, i) for i in range(self.action_dim)]
        #: The resolved config: every field with its value, plus "split" (and "objects").
        self.config: dict[str, Any] = json.loads(self._string(self._lib.gw_config_json))

    # -- lifecycle -----------------------------------------------------------------------------

    def reset(self, seed: int | None = None) -> None:
        """Starts every env afresh: with ``seed`` exactly as a world created with it, else with the
        next seed of a stream started by the last seed given (a no-op on an untouched world)."""
        if seed is not None and not (isinstance(seed, (int, np.integer)) and 0 <= int(seed) < 2**64):
            raise ValueError(f"seed must be an integer in [0, 2**64), got {seed!r}")
        self._check(self._lib.gw_reset(self.handle, int(seed is not None), int(seed or 0)))

    def step(self, actions: np.ndarray) -> None:
        """Steps every env once; ``actions`` float32-convertible, shape (env_count, action_dim),
        values clipped to [-1, 1] by the world, NaN refused. Ended envs are reset within the
        step: ``observation`` is then their new episode's first, ``final_observation`` their last."""
        a = np.ascontiguousarray(actions, dtype=np.float32)
        if a.shape != (self.env_count, self.action_dim):
            raise ValueError(f"actions must have shape ({self.env_count}, {self.action_dim}), got {a.shape}")
        self._check(self._lib.gw_step(self.handle, a.ctypes.data, a.size))

    def close(self) -> None:
        """Destroys the world (idempotent); views must not be read afterwards."""
        if not getattr(self, "_closed", True):
            self._closed = True
            self._check(self._lib.gw_destroy(self.handle))

    def __enter__(self) -> "GraspWorld":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:
            pass

    # -- columns -------------------------------------------------------------------------------

    @property
    def seed(self) -> int:
        """Seed of the world now stepped."""
        out = ctypes.c_uint64()
        self._check(self._lib.gw_seed(self.handle, ctypes.byref(out)))
        return out.value

    @property
    def observation(self) -> np.ndarray:
        """(env_count, observation_dim) float32 view: what the next actions are chosen from."""
        return self._view("observation")

    @property
    def final_observation(self) -> np.ndarray:
        """(env_count, observation_dim) float32 view: each env's observation at the end of the
        last step before resets (an ended episode's final observation)."""
        return self._view("final_observation")

    @property
    def reward(self) -> np.ndarray:
        """(env_count,) float32 view: the last step's reward."""
        return self._view("reward")

    @property
    def terminated(self) -> np.ndarray:
        """(env_count,) float32 view, 0/1: the last step ended the episode by failure."""
        return self._view("terminated")

    @property
    def truncated(self) -> np.ndarray:
        """(env_count,) float32 view, 0/1: the last step hit the episode's time limit."""
        return self._view("truncated")

    @property
    def success(self) -> np.ndarray:
        """(env_count,) float32 view, 0/1: the last step's episode has reached the goal."""
        return self._view("success")

    @property
    def non_finite(self) -> np.ndarray:
        """(env_count,) float32 view, 0/1: the last step went non-finite and was contained."""
        return self._view("non_finite")

    def views(self) -> dict[str, np.ndarray]:
        """Every column's read-only view by name (COLUMNS)."""
        return {name: self._view(name) for name in COLUMNS}

    # -- internals -----------------------------------------------------------------------------

    def _check(self, status: int) -> None:
        _library.check(self._lib, status)

    def _view(self, name: str) -> np.ndarray:
        """A read-only numpy view of a column (the handle's buffer); it keeps this object alive."""
        data, width = ctypes.c_void_p(), ctypes.c_int64()
        self._check(self._lib.gw_view(self.handle, COLUMNS[name], ctypes.byref(data), ctypes.byref(width)))
        count = self.env_count * width.value
        buffer = (ctypes.c_float * count).from_address(data.value)
        buffer._owner = self  # the handle outlives every view of it
        array = np.frombuffer(buffer, dtype=np.float32, count=count)
        array = array.reshape(self.env_count, width.value) if name.endswith("observation") else array
        array.flags.writeable = False
        return array

    def _groups(self) -> dict[str, slice]:
        count = ctypes.c_int64()
        self._check(self._lib.gw_observation_group_count(self.handle, ctypes.byref(count)))
        groups = {}
        for i in range(count.value):
            name, start, end = ctypes.c_char_p(), ctypes.c_int64(), ctypes.c_int64()
            self._check(self._lib.gw_observation_group(self.handle, i, ctypes.byref(name), ctypes.byref(start), ctypes.byref(end)))
            groups[name.value.decode("utf-8")] = slice(start.value, end.value)
        return groups

    def _string(self, function: Any, *arguments: Any) -> str:
        out = ctypes.c_char_p()
        self._check(function(self.handle, *arguments, ctypes.byref(out)))
        return out.value.decode("utf-8")
