"""The ACPPO grasping world (Swift, over Bullet) from Python: ``GraspWorld`` (the C ABI of
libGraspWorld through ctypes, numpy views of its columns) and ``GraspVectorEnv`` (a gymnasium
1.x vector env over it). docs/python.md describes both."""
from __future__ import annotations

from typing import Any

from .errors import ArgumentError, ConfigError, GraspWorldError, HandleError, ObjectsError, WorldFailure
from .world import COLUMNS, GraspWorld

__all__ = [
    "GraspWorld", "GraspVectorEnv", "COLUMNS", "GraspWorldError", "ArgumentError", "ConfigError",
    "ObjectsError", "HandleError", "WorldFailure",
]


def __getattr__(name: str) -> Any:
    # GraspVectorEnv needs gymnasium; GraspWorld alone needs only numpy
    if name == "GraspVectorEnv":
        from .vector_env import GraspVectorEnv
        return GraspVectorEnv
    raise AttributeError(f"module 'acppo_grasp' has no attribute {name!r}")
