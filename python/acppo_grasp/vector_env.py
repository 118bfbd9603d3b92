"""The world as a gymnasium 1.x vector env (autoreset within the step: AutoresetMode.SAME_STEP)."""
from __future__ import annotations

from typing import Any, Mapping

import numpy as np
from gymnasium import spaces
from gymnasium.vector import AutoresetMode, VectorEnv
from gymnasium.vector.utils import batch_space

from .world import GraspWorld


class GraspVectorEnv(VectorEnv):
    """``num_envs`` grasping envs stepped together by the Swift world.

    The world resets an env inside the step that ends its episode (gymnasium's same-step
    autoreset): ``step`` returns the new episode's first observation for that env, and its
    final observation in ``infos["final_obs"]`` (an object array, None for the envs that did
    not end, mask ``infos["_final_obs"]``) with ``infos["final_info"]["success"]``.
    ``infos["success"]`` (bool, every env) says whether each env's episode of this step has
    reached the goal. Rewards are float32 (the world's own numbers), terminations and
    truncations bool.

    ``copy=True`` (default): every array returned is the caller's own. ``copy=False``:
    observations, rewards and final observations are read-only views of the library's
    buffers, overwritten by the next ``step`` or ``reset`` (no copy is made).
    """

    metadata = {"autoreset_mode": AutoresetMode.SAME_STEP, "render_modes": []}

    def __init__(self, config: Mapping[str, Any] | str | None = None, *, copy: bool = True):
        #: The underlying world (column views, seed, resolved config).
        self.world = GraspWorld(config)
        self.copy = copy
        self.metadata = dict(type(self).metadata)
        self.num_envs = self.world.env_count
        self.single_observation_space = spaces.Box(-np.inf, np.inf, (self.world.observation_dim,), np.float32)
        self.single_action_space = spaces.Box(-1.0, 1.0, (self.world.action_dim,), np.float32)
        self.observation_space = batch_space(self.single_observation_space, self.num_envs)
        self.action_space = batch_space(self.single_action_space, self.num_envs)
        #: Observation group name -> slice of an observation row (ObservationLayout order).
        self.observation_groups: dict[str, slice] = self.world.observation_groups
        #: Name of each action entry.
        self.action_names: list[str] = self.world.action_names

    def reset(self, *, seed: int | None = None, options: dict[str, Any] | None = None) -> tuple[np.ndarray, dict[str, Any]]:
        """Starts every env afresh (``seed``: exactly as a new env with that seed); no options are taken."""
        if options:
            raise ValueError(f"GraspVectorEnv.reset takes no options (got {sorted(options)})")
        self.world.reset(seed)
        super().reset(seed=seed)
        return self._out(self.world.observation), {}

    def step(self, actions: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, dict[str, Any]]:
        """One step of every env: (observations, rewards, terminations, truncations, infos)."""
        world = self.world
        world.step(actions)
        terminations = world.terminated != 0
        truncations = world.truncated != 0
        success = world.success != 0
        infos: dict[str, Any] = {"success": success, "_success": np.ones(self.num_envs, dtype=bool)}
        ended = terminations | truncations
        if ended.any():
            final = world.final_observation
            final_obs = np.full(self.num_envs, None, dtype=object)
            for e in np.flatnonzero(ended):
                final_obs[e] = final[e].copy() if self.copy else final[e]
            infos["final_obs"], infos["_final_obs"] = final_obs, ended.copy()
            infos["final_info"] = {"success": success & ended, "_success": ended.copy()}
            infos["_final_info"] = ended.copy()
        return self._out(world.observation), self._out(world.reward), terminations, truncations, infos

    def close_extras(self, **kwargs: Any) -> None:
        """Destroys the world."""
        self.world.close()

    def _out(self, view: np.ndarray) -> np.ndarray:
        return view.copy() if self.copy else view
