"""Finds, loads and declares libGraspWorld (the Swift world's C ABI, include/grasp_world.h)."""
from __future__ import annotations

import ctypes
import os
import pathlib
import sys
import threading

from .errors import BY_STATUS, GraspWorldError

#: ABI version this package speaks (GW_ABI_VERSION of include/grasp_world.h).
ABI_VERSION = 1

#: File name of the library on this platform.
LIBRARY_NAME = "libGraspWorld.dylib" if sys.platform == "darwin" else "libGraspWorld.so"

_lock = threading.Lock()
_loaded: ctypes.CDLL | None = None


def library_path() -> pathlib.Path:
    """The library file: $ACPPO_GRASP_LIBRARY, else $ACPPO_BUILD_DIR/libGraspWorld.so, else the
    repository's .build/release, then .build/debug; FileNotFoundError says where it looked."""
    explicit = os.environ.get("ACPPO_GRASP_LIBRARY")
    if explicit:
        path = pathlib.Path(explicit)
        if not path.is_file():
            raise FileNotFoundError(f"ACPPO_GRASP_LIBRARY={explicit}: no such file")
        return path
    build_dir = os.environ.get("ACPPO_BUILD_DIR")
    if build_dir:
        path = pathlib.Path(build_dir) / LIBRARY_NAME
        if not path.is_file():
            raise FileNotFoundError(f"ACPPO_BUILD_DIR={build_dir}: no {LIBRARY_NAME} there (swift build builds it)")
        return path
    repo = pathlib.Path(__file__).resolve().parents[2]
    candidates = [repo / ".build" / kind / LIBRARY_NAME for kind in ("release", "debug")]
    for path in candidates:
        if path.is_file():
            return path
    raise FileNotFoundError(
        f"{LIBRARY_NAME} not found (looked at {', '.join(map(str, candidates))}); build it with "
        "`swift build -c release` in the repository, or set ACPPO_GRASP_LIBRARY to its path")


def _set_blas_environment() -> None:
    """Sets OPENBLAS_CORETYPE and OPENBLAS_THREAD_TIMEOUT, where unset, as the project's
    executables do (Training/BLASSetup.swift): OpenBLAS reads them once, when it loads with the
    library, and its kernel decides the last bits of the built-in objects' shape codes, so a
    world made here equals the one `world-train` makes from the same config."""
    if "OPENBLAS_CORETYPE" not in os.environ:
        core = _recommended_core_type()
        if core:
            os.environ["OPENBLAS_CORETYPE"] = core
    os.environ.setdefault("OPENBLAS_THREAD_TIMEOUT", "24")


def _recommended_core_type() -> str | None:
    """OpenBLAS kernel for this CPU by its flags, as Learning/BLAS.swift recommendedCoreType()."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            line = next((l for l in f if l.startswith("flags")), "")
    except OSError:
        return None
    flags = set(line.split())
    if "avx512f" in flags and "avx512bw" in flags:
        return "SkylakeX"
    if "avx2" in flags and "fma" in flags:
        return "Haswell"
    return None


def load() -> ctypes.CDLL:
    """The loaded library with every function's signature declared (loaded once per process)."""
    global _loaded
    with _lock:
        if _loaded is None:
            path = library_path()
            _set_blas_environment()
            lib = ctypes.CDLL(str(path))
            _declare(lib)
            version = lib.gw_abi_version()
            if version != ABI_VERSION:
                raise ImportError(f"{path}: ABI version {version}, this package speaks {ABI_VERSION}; rebuild the library")
            _loaded = lib
        return _loaded


def _declare(lib: ctypes.CDLL) -> None:
    """Argument and result types of the C functions."""
    u64, i64, i32 = ctypes.c_uint64, ctypes.c_int64, ctypes.c_int32
    p_i64, p_u64 = ctypes.POINTER(i64), ctypes.POINTER(u64)
    p_str = ctypes.POINTER(ctypes.c_char_p)
    signatures = {
        "gw_abi_version": (i32, []),
        "gw_last_error": (ctypes.c_char_p, []),
        "gw_create": (i32, [ctypes.c_char_p, p_u64]),
        "gw_destroy": (i32, [u64]),
        "gw_dims": (i32, [u64, p_i64, p_i64, p_i64]),
        "gw_reset": (i32, [u64, i32, u64]),
        "gw_step": (i32, [u64, ctypes.c_void_p, i64]),
        "gw_view": (i32, [u64, i32, ctypes.POINTER(ctypes.c_void_p), p_i64]),
        "gw_observation_group_count": (i32, [u64, p_i64]),
        "gw_observation_group": (i32, [u64, i64, p_str, p_i64, p_i64]),
        "gw_action_name": (i32, [u64, i64, p_str]),
        "gw_config_json": (i32, [u64, p_str]),
        "gw_seed": (i32, [u64, p_u64]),
    }
    for name, (result, arguments) in signatures.items():
        function = getattr(lib, name)
        function.restype = result
        function.argtypes = arguments


def check(lib: ctypes.CDLL, status: int) -> None:
    """Raises the exception of a non-zero status code with the library's message."""
    if status != 0:
        message = lib.gw_last_error().decode("utf-8", errors="replace")
        raise BY_STATUS.get(status, GraspWorldError)(status, message)
