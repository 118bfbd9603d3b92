"""Exceptions raised for the C library's status codes, each carrying the library's message."""
from __future__ import annotations


class GraspWorldError(Exception):
    """A call into libGraspWorld failed; ``status`` is the GW_ERR_* code, ``message`` the library's text."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


class ArgumentError(GraspWorldError, ValueError):
    """GW_ERR_ARGUMENT: a wrong action count, a NaN action, an index out of range."""


class ConfigError(GraspWorldError, ValueError):
    """GW_ERR_CONFIG: the config is not JSON, has an unknown key, a wrong type or a value out of range."""


class ObjectsError(GraspWorldError, ValueError):
    """GW_ERR_OBJECTS: a library or split that cannot be loaded, or an unknown object name."""


class HandleError(GraspWorldError, RuntimeError):
    """GW_ERR_HANDLE: the world was already closed (destroyed)."""


class WorldFailure(GraspWorldError, RuntimeError):
    """GW_ERR_WORLD: the world failed building or stepping; reset it before stepping again."""


#: Exception class of each status code (GW_OK = 0 raises nothing).
BY_STATUS = {1: ArgumentError, 2: ConfigError, 3: ObjectsError, 4: HandleError, 5: WorldFailure}
